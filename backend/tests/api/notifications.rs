//! In-app notifications (issue 15): each step of her application is in her bell, each new
//! applicant in the employer HR's, each request to join in the admins'; an account reads and
//! marks only her own (another's answers 404), and the unread count follows.

use reqwest::StatusCode;
use serde_json::json;
use shared::{ApplicationStatus, Employer, NotificationKind, Notifications};

use crate::applications::open_opportunity;
use crate::db_tests;
use crate::finding::mother;
use crate::helpers::*;
use crate::opportunities::employer_hr;

db_tests!(each_step_rings_the_bell_of_whom_it_concerns,);

async fn bell(app: &TestApp, token: &str) -> Notifications {
    let res = app.get("/me/notifications", Some(token)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["cache-control"], "no-store");
    json(res).await
}

async fn each_step_rings_the_bell_of_whom_it_concerns(db: TestDb) {
    let app = spawn_app(&db).await;
    let (o, _) = open_opportunity(&app).await;
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let e: Employer = json(
        app.get(&format!("/employers/{}", o.employer_id), Some(&admin))
            .await,
    )
    .await;
    let hr = employer_hr(&app, &e, "selezione@farmacie.example").await;
    let (her, _) = mother(&app).await;
    expect_problem(
        app.get("/me/notifications", None).await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
    assert_eq!(bell(&app, &hr).await.unread, 0);
    assert_eq!(bell(&app, &her).await.unread, 0);

    // She applies: her bell says it was received, the HR's that someone applied (no name).
    let res = app
        .post(
            &format!("/me/opportunities/{}/application", o.id),
            &json!({"note": "Disponibile dal lunedì al venerdì.", "share": []}),
            Some(&her),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED, "{:?}", res.text().await);
    let application: shared::Application = json(res).await;
    let hers = bell(&app, &her).await;
    assert_eq!(hers.unread, 1);
    assert_eq!(hers.items[0].kind, NotificationKind::ApplicationStep);
    assert_eq!(hers.items[0].status, Some(ApplicationStatus::Received));
    assert_eq!(hers.items[0].title, o.title);
    assert_eq!(hers.items[0].link, "/applications");
    let theirs = bell(&app, &hr).await;
    assert_eq!(theirs.unread, 1);
    assert_eq!(theirs.items[0].kind, NotificationKind::ApplicantReceived);
    assert_eq!(
        theirs.items[0].link,
        format!("/staff/opportunities/{}", o.id)
    );
    assert_eq!(theirs.items[0].status, None);

    // The HR invites her to an interview: her bell rings again.
    let res = app
        .post(
            &format!("/applications/{}/status", application.id),
            &json!({"status": "interview"}),
            Some(&hr),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK, "{:?}", res.text().await);
    let hers = bell(&app, &her).await;
    assert_eq!(hers.unread, 2);
    assert_eq!(hers.items[0].status, Some(ApplicationStatus::Interview));

    // Nobody reads or marks another's: 404, and the count does not move.
    let id = hers.items[0].id;
    let read = format!("/me/notifications/{id}/read");
    for other in [&hr, &admin] {
        expect_problem(
            app.post_empty(&read, Some(other)).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    assert_eq!(bell(&app, &her).await.unread, 2);
    assert_eq!(
        app.post_empty(&read, Some(&her)).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.post_empty(&read, Some(&her)).await.status(),
        StatusCode::NO_CONTENT,
        "reading twice is no error"
    );
    let hers = bell(&app, &her).await;
    assert_eq!(hers.unread, 1);
    assert!(hers.items[0].read && !hers.items[1].read);
    assert_eq!(
        app.post_empty("/me/notifications/read-all", Some(&her))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(bell(&app, &her).await.unread, 0);
    assert_eq!(bell(&app, &hr).await.unread, 1, "hers only");

    // Pages.
    let page: Notifications =
        json(app.get("/me/notifications?page_size=1", Some(&her)).await).await;
    assert_eq!(page.items.len(), 1);
    let next = page.next_page_token.expect("a second page");
    let rest: Notifications = json(
        app.get(
            &format!("/me/notifications?page_size=1&page_token={next}"),
            Some(&her),
        )
        .await,
    )
    .await;
    assert_eq!(rest.items.len(), 1);
    assert_ne!(rest.items[0].id, page.items[0].id);
    expect_problem(
        app.get("/me/notifications?page_size=0", Some(&her)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;

    // A request to join rings each admin of the agency, not Trento's.
    let trento = app.token_of("admin.trento@sinergia.example").await;
    let before_milano = bell(&app, &admin).await.unread;
    let before_trento = bell(&app, &trento).await.unread;
    let res = app
        .post(
            "/employer-requests",
            &json!({
                "agency_id": MILANO,
                "organisation": {"name": "Forno Sole", "ateco": "10.71", "size": "micro", "municipality": "015146"},
                "contact_name": "Ada Neri",
                "contact_email": "ada@fornosole.example",
                "accept_privacy_notice": true,
                "privacy_notice_version": shared::PRIVACY_NOTICE_VERSION,
            }),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let admins = bell(&app, &admin).await;
    assert_eq!(admins.unread, before_milano + 1);
    assert_eq!(admins.items[0].kind, NotificationKind::JoinRequested);
    assert_eq!(admins.items[0].title, "Forno Sole");
    assert_eq!(bell(&app, &trento).await.unread, before_trento);
}
