//! Employers of an agency's network (issue 15): the agency's admins add and change them (with
//! `If-Match`), its staff read them, nobody else; another agency's answer 404; every field is
//! checked and nothing is half-written.

use reqwest::StatusCode;
use serde_json::{Value, json};
use shared::{Employer, Page};

use crate::db_tests;
use crate::helpers::*;

db_tests!(
    admins_keep_their_network_of_employers_and_staff_read_it,
    an_employer_is_checked_field_by_field,
);

fn melograno() -> Value {
    json!({
        "name": "Cooperativa Il Melograno",
        "ateco": "88.91",
        "size": "small",
        "municipality": "015146",
        "benefits": ["flexible_hours", "childcare_support"],
        "website": "https://melograno.example",
    })
}

async fn list(app: &TestApp, token: &str) -> Vec<Employer> {
    let res = app.get("/employers", Some(token)).await;
    assert_eq!(res.status(), StatusCode::OK);
    json::<Page<Employer>>(res).await.items
}

async fn admins_keep_their_network_of_employers_and_staff_read_it(db: TestDb) {
    let app = spawn_app(&db).await;
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let counsellor = app.token_of("operatrice.milano@sinergia.example").await;
    let trento = app.token_of("admin.trento@sinergia.example").await;
    let jobseeker = app.token_of("giulia.rossi@sinergia.example").await;

    expect_problem(
        app.post("/employers", &melograno(), None).await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
    for who in [&counsellor, &jobseeker] {
        expect_problem(
            app.post("/employers", &melograno(), Some(who)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    assert!(list(&app, &admin).await.is_empty(), "nothing written");
    let res = app.post("/employers", &melograno(), Some(&admin)).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(res.headers()["etag"], "\"1\"");
    let e: Employer = json(res).await;
    assert_eq!(e.agency_id.0, MILANO);
    assert_eq!(e.benefits.len(), 2);

    // Staff of the agency read it; a jobseeker does not; Trento does not see it.
    assert_eq!(list(&app, &counsellor).await, std::slice::from_ref(&e));
    expect_problem(
        app.get("/employers", Some(&jobseeker)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    assert!(list(&app, &trento).await.is_empty());
    let path = format!("/employers/{}", e.id);
    expect_problem(
        app.get(&path, Some(&trento)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        app.put_if(&path, &melograno(), &trento, Some("\"1\""))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let found: Page<Employer> =
        json(app.get("/employers?q=melograno", Some(&counsellor)).await).await;
    assert_eq!(found.items.len(), 1);

    // A change needs the current ETag, and an admin.
    let mut changed = melograno();
    changed["size"] = json!("medium");
    changed["benefits"] = json!(["family_certification"]);
    expect_problem(
        app.put_if(&path, &changed, &admin, None).await,
        StatusCode::PRECONDITION_REQUIRED,
        "precondition_required",
    )
    .await;
    expect_problem(
        app.put_if(&path, &changed, &admin, Some("\"7\"")).await,
        StatusCode::PRECONDITION_FAILED,
        "precondition_failed",
    )
    .await;
    expect_problem(
        app.put_if(&path, &changed, &counsellor, Some("\"1\""))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let res = app.put_if(&path, &changed, &admin, Some("\"1\"")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["etag"], "\"2\"");
    let saved: Employer = json(res).await;
    assert_eq!(saved.size, shared::CompanySize::Medium);
    assert_eq!(
        saved.benefits,
        [shared::EmployerBenefit::FamilyCertification]
    );
}

async fn an_employer_is_checked_field_by_field(db: TestDb) {
    let app = spawn_app(&db).await;
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let mut bad = melograno();
    bad["name"] = json!("   ");
    bad["ateco"] = json!("88.912");
    // Trento is not Milan's territory.
    bad["municipality"] = json!("022205");
    bad["benefits"] = json!(["part_time", "part_time"]);
    bad["website"] = json!("melograno");
    let p = expect_problem(
        app.post("/employers", &bad, Some(&admin)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let got: Vec<(&str, &str)> = p
        .errors
        .iter()
        .map(|e| (e.pointer.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("/name", "required"),
            ("/ateco", "invalid_value"),
            ("/municipality", "municipality_unknown"),
            ("/benefits/1", "duplicate_value"),
            ("/website", "website_invalid"),
        ]
    );
    let mut unknown = melograno();
    unknown["size"] = json!("huge");
    assert_eq!(
        app.post("/employers", &unknown, Some(&admin))
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.get("/employers?page_size=0", Some(&admin))
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.get("/employers?page_token=nope", Some(&admin))
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
    assert!(list(&app, &admin).await.is_empty(), "nothing written");
}
