//! Organisations asking to join an agency's network (issue 15): the public form, every rule
//! reported at once and nothing kept of a refused one; the agency's admins alone list and
//! decide; approval writes the employer and its HR account together (or nothing), and the HR
//! person signs in through her one-time link to her organisation only.

use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use shared::{Employer, JoinApproved, JoinRequest, JoinRequestReceived, JoinRequestStatus, Page};

use crate::db_tests;
use crate::helpers::*;

db_tests!(
    an_organisation_asks_to_join_and_the_admin_approves,
    a_request_is_checked_and_a_decision_is_final,
);

fn request(email: &str) -> Value {
    json!({
        "agency_id": MILANO,
        "organisation": {
            "name": "Sartoria Lavori in Corso",
            "ateco": "14.13",
            "size": "micro",
            "municipality": "015146",
            "benefits": ["part_time", "flexible_hours"],
        },
        "contact_name": "Elena Marchetti",
        "contact_email": email,
        "language": "en",
        "message": "Cerchiamo due sarte part-time, anche al rientro dopo anni di cura.",
        "accept_privacy_notice": true,
        "privacy_notice_version": shared::PRIVACY_NOTICE_VERSION,
    })
}

async fn pending(app: &TestApp, token: &str) -> Vec<JoinRequest> {
    let res = app.get("/employer-requests", Some(token)).await;
    assert_eq!(res.status(), StatusCode::OK);
    json::<Page<JoinRequest>>(res).await.items
}

async fn outbox(app: &TestApp, template: &str) -> Vec<backend::entities::email_outbox::Model> {
    use backend::entities::email_outbox as o;
    o::Entity::find()
        .filter(o::Column::Template.eq(template))
        .all(&app.db)
        .await
        .unwrap()
}

async fn an_organisation_asks_to_join_and_the_admin_approves(db: TestDb) {
    let app = spawn_app(&db).await;
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let trento = app.token_of("admin.trento@sinergia.example").await;
    let counsellor = app.token_of("operatrice.milano@sinergia.example").await;
    let jobseeker = app.token_of("giulia.rossi@sinergia.example").await;

    // Anyone may ask, signed in or not; a second ask while the first waits is the first.
    let res = app
        .post(
            "/employer-requests",
            &request("Elena@Sartoria.example"),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let first: JoinRequestReceived = json(res).await;
    assert_eq!(first.status, JoinRequestStatus::Pending);
    let again: JoinRequestReceived = json(
        app.post(
            "/employer-requests",
            &request("elena@sartoria.example"),
            None,
        )
        .await,
    )
    .await;
    assert_eq!(again.id, first.id);

    // Milan's admins are told by e-mail, and only they list it.
    let told = outbox(&app, "employer_join_requested").await;
    assert!(!told.is_empty());
    assert!(
        told.iter()
            .all(|m| m.body.contains("Sartoria Lavori in Corso"))
    );
    let list = pending(&app, &admin).await;
    assert_eq!(list.len(), 1);
    let r = &list[0];
    assert_eq!(r.id, first.id);
    assert_eq!(r.contact_email, "elena@sartoria.example");
    assert_eq!(r.organisation.ateco, "14.13");
    assert!(pending(&app, &trento).await.is_empty());
    expect_problem(
        app.get("/employer-requests", None).await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
    let approve = format!("/employer-requests/{}/approve", r.id);
    for who in [&counsellor, &jobseeker] {
        expect_problem(
            app.get("/employer-requests", Some(who)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
        expect_problem(
            app.post_empty(&approve, Some(who)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    expect_problem(
        app.post_empty(&approve, Some(&trento)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    // Approved: the employer joins Milan's network and its HR has an account, link on its way.
    let res = app.post_empty(&approve, Some(&admin)).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let done: JoinApproved = json(res).await;
    assert_eq!(done.request.status, JoinRequestStatus::Approved);
    assert_eq!(done.request.employer_id, Some(done.employer.id));
    assert_eq!(done.employer.agency_id.0, MILANO);
    assert_eq!(done.employer.name, "Sartoria Lavori in Corso");
    assert_eq!(done.hr.account.role, shared::Role::Employer);
    assert_eq!(done.hr.account.language, shared::Language::En);
    expect_problem(
        app.post_empty(&approve, Some(&admin)).await,
        StatusCode::CONFLICT,
        "request_decided",
    )
    .await;
    assert!(pending(&app, &admin).await.is_empty());
    let approved: Page<JoinRequest> = json(
        app.get("/employer-requests?status=approved", Some(&admin))
            .await,
    )
    .await;
    assert_eq!(approved.items, vec![done.request.clone()]);

    // She chooses her password through the link and sees her organisation, nothing else.
    let hr = sign_in_through_link(
        &app,
        done.hr.account.id.0,
        "elena@sartoria.example",
        "la sartoria al lavoro 2026",
    )
    .await;
    let mine: Page<Employer> = json(app.get("/employers", Some(&hr)).await).await;
    assert_eq!(mine.items, vec![done.employer.clone()]);
    expect_problem(
        app.get("/employer-requests", Some(&hr)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
}

async fn a_request_is_checked_and_a_decision_is_final(db: TestDb) {
    let app = spawn_app(&db).await;
    let admin = app.token_of("admin.milano@sinergia.example").await;

    let mut bad = request("not an address");
    bad["contact_name"] = json!("  ");
    bad["organisation"]["name"] = json!("");
    bad["organisation"]["ateco"] = json!("14.1.3.9");
    // Trento is not Milan's territory.
    bad["organisation"]["municipality"] = json!("022205");
    bad["organisation"]["benefits"] = json!(["part_time", "part_time"]);
    bad["organisation"]["website"] = json!("sartoria");
    bad["message"] = json!("x".repeat(1001));
    bad["accept_privacy_notice"] = json!(false);
    bad["privacy_notice_version"] = json!("2020-01");
    let p = expect_problem(
        app.post("/employer-requests", &bad, None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let mut got: Vec<(String, String)> = p
        .errors
        .iter()
        .map(|e| (e.pointer.clone(), e.code.as_str().to_owned()))
        .collect();
    got.sort();
    let mut want: Vec<(String, String)> = [
        ("/contact_email", "email_invalid"),
        ("/contact_name", "name_required"),
        ("/message", "text_too_long"),
        ("/accept_privacy_notice", "privacy_notice_not_accepted"),
        ("/privacy_notice_version", "privacy_notice_outdated"),
        ("/organisation/name", "required"),
        ("/organisation/ateco", "invalid_value"),
        ("/organisation/municipality", "municipality_unknown"),
        ("/organisation/benefits/1", "duplicate_value"),
        ("/organisation/website", "website_invalid"),
    ]
    .iter()
    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
    .collect();
    want.sort();
    assert_eq!(got, want);
    let mut unknown = request("elena@sartoria.example");
    unknown["agency_id"] = json!(uuid::Uuid::now_v7());
    let p = expect_problem(
        app.post("/employer-requests", &unknown, None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert!(p.errors.iter().any(|e| e.pointer == "/agency_id"));
    let mut extra = request("elena@sartoria.example");
    extra["role"] = json!("admin");
    expect_problem(
        app.post("/employer-requests", &extra, None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    assert!(pending(&app, &admin).await.is_empty(), "nothing kept");

    // An address with an account is received like any other (nothing tells it apart), and
    // approving it writes nothing: no employer, the request still waits.
    let res = app
        .post(
            "/employer-requests",
            &request("giulia.rossi@sinergia.example"),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let taken: JoinRequestReceived = json(res).await;
    let employers_before: Page<Employer> = json(app.get("/employers", Some(&admin)).await).await;
    expect_problem(
        app.post_empty(
            &format!("/employer-requests/{}/approve", taken.id),
            Some(&admin),
        )
        .await,
        StatusCode::CONFLICT,
        "email_taken",
    )
    .await;
    let employers_after: Page<Employer> = json(app.get("/employers", Some(&admin)).await).await;
    assert_eq!(employers_before.items, employers_after.items);
    assert_eq!(pending(&app, &admin).await.len(), 1);

    // Declined with a reason, kept; a decided request does not change again.
    let decline = format!("/employer-requests/{}/decline", taken.id);
    expect_problem(
        app.post(&decline, &json!({"reason": " "}), Some(&admin))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let trento = app.token_of("admin.trento@sinergia.example").await;
    expect_problem(
        app.post(
            &decline,
            &json!({"reason": "Fuori territorio"}),
            Some(&trento),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let res = app
        .post(
            &decline,
            &json!({"reason": "Questo indirizzo appartiene a una persona in cerca di lavoro."}),
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let declined: JoinRequest = json(res).await;
    assert_eq!(declined.status, JoinRequestStatus::Declined);
    assert!(declined.reason.unwrap().contains("persona"));
    expect_problem(
        app.post(&decline, &json!({"reason": "Ancora"}), Some(&admin))
            .await,
        StatusCode::CONFLICT,
        "request_decided",
    )
    .await;
    expect_problem(
        app.post_empty(
            &format!("/employer-requests/{}/approve", taken.id),
            Some(&admin),
        )
        .await,
        StatusCode::CONFLICT,
        "request_decided",
    )
    .await;
    assert!(pending(&app, &admin).await.is_empty());
    let declined_list: Page<JoinRequest> = json(
        app.get("/employer-requests?status=declined", Some(&admin))
            .await,
    )
    .await;
    assert_eq!(declined_list.items.len(), 1);
    expect_problem(
        app.get("/employer-requests?status=maybe", Some(&admin))
            .await,
        StatusCode::BAD_REQUEST,
        "invalid_query",
    )
    .await;
}
