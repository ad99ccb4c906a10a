//! Applications (issue 15): she applies once to an open opportunity of her agency, sharing
//! her validated portfolio and only the parts of her profile she ticks; the employer's side
//! sees applicants only, moves them one step at a time or to "not selected" with a reason she
//! reads; she withdraws and is gone from the employer's view at once; a counsellor's proposal
//! shows her nothing until she accepts. Every step is told to her by e-mail and kept, naming
//! nobody, for the indicators.

use backend::entities::{application_step, email_outbox};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use shared::{Applicant, Application, ApplicationStatus, Employer, Opportunity, SharedPart};

use crate::db_tests;
use crate::finding::mother;
use crate::helpers::*;

db_tests!(
    she_applies_sharing_only_what_she_ticks_and_can_withdraw,
    a_counsellor_proposes_and_she_decides,
);

pub(crate) async fn open_opportunity(app: &TestApp) -> (Opportunity, String) {
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let counsellor = app.token_of("operatrice.milano@sinergia.example").await;
    let res = app
        .post(
            "/employers",
            &json!({
                "name": "Farmacie Comunali di Milano",
                "ateco": "47.73",
                "size": "medium",
                "municipality": "015146",
                "benefits": ["part_time"],
            }),
            Some(&admin),
        )
        .await;
    let e: Employer = json(res).await;
    let hours: Vec<Value> = ["mon", "tue", "wed", "thu", "fri"]
        .iter()
        .map(|d| json!({"day": d, "opens": "09:00", "closes": "13:00"}))
        .collect();
    let body = json!({
        "employer_id": e.id,
        "title": "Tirocinio in magazzino farmaceutico",
        "description": "Ricevimento e stoccaggio dei farmaci.",
        "contract": "traineeship",
        "stipend_cents_per_month": 50000,
        "duration_months": 4,
        "weekly_hours": 20,
        "hours": hours,
        "municipality": "015146",
        "mode": "on_site",
        "sought": [{"code": "C1", "level": "developing"}],
        "closes_on": (chrono::Utc::now().date_naive() + chrono::Days::new(20)).to_string(),
        "places": 1,
    });
    let draft: Opportunity = json(app.post("/opportunities", &body, Some(&counsellor)).await).await;
    let res = app
        .post_empty(
            &format!("/opportunities/{}/publish", draft.id),
            Some(&counsellor),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    (json(res).await, counsellor)
}

async fn applicants(app: &TestApp, token: &str, o: &Opportunity) -> Vec<Applicant> {
    let res = app
        .get(&format!("/opportunities/{}/applicants", o.id), Some(token))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    json(res).await
}

async fn move_to(app: &TestApp, token: &str, id: uuid::Uuid, body: Value) -> reqwest::Response {
    app.post(&format!("/applications/{id}/status"), &body, Some(token))
        .await
}

async fn mails_to(app: &TestApp, user: uuid::Uuid) -> u64 {
    email_outbox::Entity::find()
        .filter(email_outbox::Column::UserId.eq(user))
        .filter(email_outbox::Column::Template.eq("application_step"))
        .count(&app.db)
        .await
        .unwrap()
}

async fn she_applies_sharing_only_what_she_ticks_and_can_withdraw(db: TestDb) {
    let app = spawn_app(&db).await;
    let (o, counsellor) = open_opportunity(&app).await;
    // She has a household, an availability and no validated portfolio.
    let (her, her_id) = mother(&app).await;
    let path = format!("/me/opportunities/{}/application", o.id);
    let body = json!({"note": "Ho gestito per anni l'agenda di casa.", "share": ["contact"]});

    expect_problem(
        app.post(&path, &body, None).await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
    expect_problem(
        app.post(&path, &body, Some(&counsellor)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    // Another agency's jobseeker: not hers to see.
    let anna = app.token_of("anna.pedrotti@sinergia.example").await;
    expect_problem(
        app.post(&path, &body, Some(&anna)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    // Every rule at once; her household is not a part she can share.
    let p = expect_problem(
        app.post(
            &path,
            &json!({"note": "x".repeat(2001), "share": ["contact", "goals", "contact"]}),
            Some(&her),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let mut got: Vec<(&str, &str)> = p
        .errors
        .iter()
        .map(|e| (e.pointer.as_str(), e.code.as_str()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [("/note", "text_too_long"), ("/share/2", "duplicate_value")]
    );
    expect_problem(
        app.post(&path, &json!({"share": ["household"]}), Some(&her))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    assert!(
        applicants(&app, &counsellor, &o).await.is_empty(),
        "nothing written"
    );

    let res = app.post(&path, &body, Some(&her)).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let a: Application = json(res).await;
    assert_eq!(a.status, ApplicationStatus::Received);
    assert_eq!(a.share, [SharedPart::Contact]);
    assert_eq!(a.employer_name, "Farmacie Comunali di Milano");
    assert_eq!(a.steps.len(), 1);
    assert_eq!(mails_to(&app, her_id).await, 1);
    expect_problem(
        app.post(&path, &body, Some(&her)).await,
        StatusCode::CONFLICT,
        "already_applied",
    )
    .await;

    // The employer's side sees her note and contact, not her availability nor her household.
    let list = applicants(&app, &counsellor, &o).await;
    assert_eq!(list.len(), 1);
    let seen = &list[0];
    assert_eq!(seen.application_id, a.id);
    assert!(seen.contact.as_ref().is_some_and(|c| c.email.contains('@')));
    assert!(seen.availability.is_none(), "not shared");
    assert!(seen.work_history.is_none() && seen.goals.is_none() && seen.education.is_none());
    assert!(seen.portfolio.is_none(), "she has none");
    let raw: Value = json(
        app.get(
            &format!("/opportunities/{}/applicants", o.id),
            Some(&counsellor),
        )
        .await,
    )
    .await;
    let text = raw.to_string();
    assert!(!text.contains("birth_year") && !text.contains("grandparents"));
    // Another agency's staff: 404.
    let trento = app.token_of("operatrice.trento@sinergia.example").await;
    expect_problem(
        app.get(
            &format!("/opportunities/{}/applicants", o.id),
            Some(&trento),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        move_to(&app, &trento, a.id, json!({"status": "interview"})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        move_to(&app, &her, a.id, json!({"status": "interview"})).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    // One step at a time; a reason only, and always, for "not selected".
    expect_problem(
        move_to(&app, &counsellor, a.id, json!({"status": "offer"})).await,
        StatusCode::CONFLICT,
        "move_not_allowed",
    )
    .await;
    let p = expect_problem(
        move_to(&app, &counsellor, a.id, json!({"status": "not_selected"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].code.as_str(), "reason_required");
    let p = expect_problem(
        move_to(
            &app,
            &counsellor,
            a.id,
            json!({"status": "interview", "reason": "perché sì"}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].code.as_str(), "reason_not_allowed");
    let res = move_to(&app, &counsellor, a.id, json!({"status": "interview"})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let moved: Applicant = json(res).await;
    assert_eq!(moved.status, ApplicationStatus::Interview);
    // A stale version changes nothing.
    let res = app
        .client
        .post(app.url(&format!("/applications/{}/status", a.id)))
        .bearer_auth(&counsellor)
        .header(reqwest::header::IF_MATCH, "\"1\"")
        .json(&json!({"status": "offer"}))
        .send()
        .await
        .unwrap();
    expect_problem(res, StatusCode::PRECONDITION_FAILED, "precondition_failed").await;

    // She sees it, and was told.
    let mine: Vec<Application> = json(app.get("/me/applications", Some(&her)).await).await;
    assert_eq!(mine[0].status, ApplicationStatus::Interview);
    let steps: Vec<_> = mine[0].steps.iter().map(|s| s.status).collect();
    assert_eq!(
        steps,
        [ApplicationStatus::Received, ApplicationStatus::Interview]
    );
    assert_eq!(mails_to(&app, her_id).await, 2);
    // Nobody else reads or withdraws it.
    let (_, other) = app.new_jobseeker().await;
    let theirs: Vec<Application> =
        json(app.get("/me/applications", Some(&other.access_token)).await).await;
    assert!(theirs.is_empty());
    expect_problem(
        app.post_empty(
            &format!("/me/applications/{}/withdraw", a.id),
            Some(&other.access_token),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    // She withdraws: gone from the employer's view at once, and it cannot move any more.
    let res = app
        .post_empty(&format!("/me/applications/{}/withdraw", a.id), Some(&her))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(applicants(&app, &counsellor, &o).await.is_empty());
    expect_problem(
        move_to(&app, &counsellor, a.id, json!({"status": "offer"})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        app.post_empty(&format!("/me/applications/{}/withdraw", a.id), Some(&her))
            .await,
        StatusCode::CONFLICT,
        "application_ended",
    )
    .await;

    // The steps for the indicators name the agency and the territory, never her.
    let kept = application_step::Entity::find()
        .filter(application_step::Column::OpportunityId.eq(o.id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(kept.len(), 3);
    assert!(
        kept.iter()
            .all(|s| s.agency_id == MILANO && s.municipality_code == "015146")
    );

    // In her export.
    let export: Value = json(app.get("/me/export", Some(&her)).await).await;
    assert_eq!(export["applications"][0]["status"], "withdrawn");
}

async fn a_counsellor_proposes_and_she_decides(db: TestDb) {
    let app = spawn_app(&db).await;
    let (o, counsellor) = open_opportunity(&app).await;
    let (her, her_id) = mother(&app).await;
    let (validated, _) = crate::assessment::validated_attempt(&app).await;
    let validated_id = json::<shared::Me>(app.get("/me", Some(&validated)).await)
        .await
        .id;
    let path = format!("/opportunities/{}/proposals", o.id);

    expect_problem(
        app.post(&path, &json!({"jobseeker_id": her_id}), Some(&her))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    // A woman of another agency is nobody here.
    let anna = app.token_of("anna.pedrotti@sinergia.example").await;
    let anna_id = json::<shared::Me>(app.get("/me", Some(&anna)).await)
        .await
        .id;
    let p = expect_problem(
        app.post(&path, &json!({"jobseeker_id": anna_id}), Some(&counsellor))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].pointer, "/jobseeker_id");

    let res = app
        .post(
            &path,
            &json!({"jobseeker_id": her_id, "note": "Gli orari del mattino fanno per te."}),
            Some(&counsellor),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let proposal: Application = json(res).await;
    assert_eq!(proposal.status, ApplicationStatus::Proposed);
    expect_problem(
        app.post(&path, &json!({"jobseeker_id": her_id}), Some(&counsellor))
            .await,
        StatusCode::CONFLICT,
        "already_applied",
    )
    .await;
    // The employer sees nothing before she accepts; she cannot apply beside it.
    assert!(applicants(&app, &counsellor, &o).await.is_empty());
    expect_problem(
        app.post(
            &format!("/me/opportunities/{}/application", o.id),
            &json!({}),
            Some(&her),
        )
        .await,
        StatusCode::CONFLICT,
        "already_applied",
    )
    .await;
    let mine: Vec<Application> = json(app.get("/me/applications", Some(&her)).await).await;
    assert_eq!(mine[0].proposed_by.as_deref(), Some("Chiara Ferrari"));
    assert_eq!(
        mine[0].proposal_note.as_deref(),
        Some("Gli orari del mattino fanno per te.")
    );
    assert_eq!(mails_to(&app, her_id).await, 1);

    // She accepts, sharing her availability: now the employer sees her, with it.
    let res = app
        .post(
            &format!("/me/applications/{}/accept", proposal.id),
            &json!({"note": "Volentieri.", "share": ["availability"]}),
            Some(&her),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let accepted: Application = json(res).await;
    assert_eq!(accepted.status, ApplicationStatus::Received);
    let list = applicants(&app, &counsellor, &o).await;
    assert_eq!(list.len(), 1);
    assert!(list[0].proposed);
    assert!(list[0].availability.is_some());
    assert!(list[0].contact.is_none(), "not shared");
    expect_problem(
        app.post_empty(
            &format!("/me/applications/{}/decline", proposal.id),
            Some(&her),
        )
        .await,
        StatusCode::CONFLICT,
        "not_a_proposal",
    )
    .await;

    // Another, with a validated portfolio, declines: the employer never sees her.
    let res = app
        .post(
            &path,
            &json!({"jobseeker_id": validated_id}),
            Some(&counsellor),
        )
        .await;
    let second: Application = json(res).await;
    let res = app
        .post_empty(
            &format!("/me/applications/{}/decline", second.id),
            Some(&validated),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        json::<Application>(res).await.status,
        ApplicationStatus::Declined
    );
    assert_eq!(applicants(&app, &counsellor, &o).await.len(), 1);

    // The declined proposal holds the place: she cannot apply to this one any more.
    expect_problem(
        app.post(
            &format!("/me/opportunities/{}/application", o.id),
            &json!({}),
            Some(&validated),
        )
        .await,
        StatusCode::CONFLICT,
        "already_applied",
    )
    .await;
    // Her validated portfolio goes with her own application, always, sharing nothing else.
    let (other, _) = open_opportunity(&app).await;
    let res = app
        .post(
            &format!("/me/opportunities/{}/application", other.id),
            &json!({}),
            Some(&validated),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let seen = applicants(&app, &counsellor, &other).await;
    let portfolio = seen[0].portfolio.as_ref().expect("her validated portfolio");
    assert!(!portfolio.competences.is_empty());
    assert!(seen[0].contact.is_none() && seen[0].availability.is_none());

    // The way to hired; nothing moves after.
    let id = accepted.id;
    for to in ["interview", "offer", "hired"] {
        let res = move_to(&app, &counsellor, id, json!({"status": to})).await;
        assert_eq!(res.status(), StatusCode::OK, "{to}");
    }
    expect_problem(
        move_to(
            &app,
            &counsellor,
            id,
            json!({"status": "not_selected", "reason": "Ripensamento."}),
        )
        .await,
        StatusCode::CONFLICT,
        "move_not_allowed",
    )
    .await;
    let mine: Vec<Application> = json(app.get("/me/applications", Some(&her)).await).await;
    assert_eq!(mine[0].status, ApplicationStatus::Hired);
    assert_eq!(mine[0].steps.len(), 5);
}
