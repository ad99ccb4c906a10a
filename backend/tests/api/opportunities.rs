//! Opportunities (issue 15): counsellors and admins write them on an employer's behalf,
//! publish and close them (with `If-Match`); a published one is a schema.org `JobPosting` for
//! anyone; she sees her agency's open ones ranked and explained with the gaps each would open
//! in her week; a counsellor sees the women of the agency who fit one. Who may and who may
//! not, every field rule, nothing half-written.

use reqwest::StatusCode;
use serde_json::{Value, json};
use shared::{Employer, FittingWoman, Opportunity, OpportunityMatches, OpportunityStatus, Page};

use crate::db_tests;
use crate::finding::mother;
use crate::helpers::*;

db_tests!(
    staff_write_publish_and_close_an_opportunity,
    an_opportunity_is_checked_field_by_field,
    her_opportunities_are_ranked_explained_and_of_her_agency,
    counsellors_see_the_women_who_fit_an_opportunity,
    an_employers_hr_writes_and_follows_only_her_organisations,
);

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

async fn employer(app: &TestApp) -> Employer {
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let res = app
        .post(
            "/employers",
            &json!({
                "name": "Cooperativa Il Melograno",
                "ateco": "88.91",
                "size": "small",
                "municipality": "015146",
                "benefits": ["flexible_hours", "childcare_support"],
                "website": "https://melograno.example",
            }),
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    json(res).await
}

fn weekdays(from: &str, to: &str) -> Vec<Value> {
    ["mon", "tue", "wed", "thu", "fri"]
        .iter()
        .map(|d| json!({"day": d, "opens": from, "closes": to}))
        .collect()
}

/// A part-time traineeship in Sesto San Giovanni, mornings.
fn traineeship(employer: &Employer) -> Value {
    json!({
        "employer_id": employer.id,
        "title": "Tirocinio in segreteria",
        "description": "Accoglienza delle famiglie e agenda degli educatori.",
        "contract": "traineeship",
        "stipend_cents_per_month": 60000,
        "duration_months": 6,
        "weekly_hours": 20,
        "hours": weekdays("09:00", "13:00"),
        "municipality": "015209",
        "mode": "on_site",
        "sought": [{"code": "C1", "level": "developing"}],
        "languages": ["it"],
        "closes_on": (today() + chrono::Days::new(30)).to_string(),
        "places": 2,
    })
}

/// A full-time permanent job in Milan, 9 to 18.
fn full_time(employer: &Employer) -> Value {
    json!({
        "employer_id": employer.id,
        "title": "Impiegata amministrativa",
        "description": "Contabilità clienti e fornitori.",
        "contract": "permanent",
        "weekly_hours": 40,
        "hours": weekdays("09:00", "18:00"),
        "municipality": "015146",
        "mode": "on_site",
        "sought": [{"code": "C1", "level": "strong"}, {"code": "C2", "level": "established"}],
        "closes_on": (today() + chrono::Days::new(20)).to_string(),
        "places": 1,
    })
}

async fn create(app: &TestApp, token: &str, body: &Value) -> Opportunity {
    let res = app.post("/opportunities", body, Some(token)).await;
    assert_eq!(res.status(), StatusCode::CREATED, "{:?}", res.text().await);
    json(res).await
}

async fn publish(app: &TestApp, token: &str, o: &Opportunity) -> Opportunity {
    let res = app
        .post_if(
            &format!("/opportunities/{}/publish", o.id),
            token,
            Some(&format!("\"{}\"", o.version)),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    json(res).await
}

async fn staff_write_publish_and_close_an_opportunity(db: TestDb) {
    let app = spawn_app(&db).await;
    let e = employer(&app).await;
    let counsellor = app.token_of("operatrice.milano@sinergia.example").await;
    let community = app.token_of("community.milano@sinergia.example").await;
    let trento = app.token_of("operatrice.trento@sinergia.example").await;
    let jobseeker = app.token_of("giulia.rossi@sinergia.example").await;
    let body = traineeship(&e);

    expect_problem(
        app.post("/opportunities", &body, None).await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
    for who in [&jobseeker, &community] {
        expect_problem(
            app.post("/opportunities", &body, Some(who)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
        expect_problem(
            app.get("/opportunities", Some(who)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    // Trento's counsellor cannot write for Milan's employer.
    let p = expect_problem(
        app.post("/opportunities", &body, Some(&trento)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert!(p.errors.iter().any(|e| e.pointer == "/employer_id"));

    let res = app.post("/opportunities", &body, Some(&counsellor)).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(res.headers()["etag"], "\"1\"");
    let draft: Opportunity = json(res).await;
    assert_eq!(draft.status, OpportunityStatus::Draft);
    assert_eq!(draft.employer_name, "Cooperativa Il Melograno");
    assert_eq!(draft.municipality_name, "Sesto San Giovanni");
    assert_eq!(draft.province, "MI");
    assert_eq!(draft.hours.len(), 5);
    let path = format!("/opportunities/{}", draft.id);

    // Another agency's staff: 404 on every path; its lists do not hold it.
    for res in [
        app.get(&path, Some(&trento)).await,
        app.put_if(&path, &body, &trento, Some("\"1\"")).await,
        app.post_if(&format!("{path}/publish"), &trento, Some("\"1\""))
            .await,
        app.post_if(&format!("{path}/close"), &trento, Some("\"1\""))
            .await,
        app.get(&format!("{path}/fitting"), Some(&trento)).await,
    ] {
        expect_problem(res, StatusCode::NOT_FOUND, "not_found").await;
    }
    let theirs: Page<Opportunity> = json(app.get("/opportunities", Some(&trento)).await).await;
    assert!(theirs.items.is_empty());

    // A draft is nobody's posting yet.
    expect_problem(
        app.get(&format!("{path}/posting"), None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    // Publishing with a stale ETag changes nothing.
    expect_problem(
        app.post_if(&format!("{path}/publish"), &counsellor, Some("\"9\""))
            .await,
        StatusCode::PRECONDITION_FAILED,
        "precondition_failed",
    )
    .await;
    let published = publish(&app, &counsellor, &draft).await;
    assert_eq!(published.status, OpportunityStatus::Published);
    assert!(published.published_at.is_some());
    assert_eq!(published.version, 2);
    expect_problem(
        app.post_if(&format!("{path}/publish"), &counsellor, None)
            .await,
        StatusCode::CONFLICT,
        "opportunity_not_draft",
    )
    .await;

    // Its JobPosting, for anyone, skills named in the asked language.
    let res = app.get(&format!("{path}/posting"), None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/ld+json")
    );
    let posting: Value = json(res).await;
    assert_eq!(posting["@type"], "JobPosting");
    assert_eq!(posting["employmentType"], json!(["PART_TIME", "INTERN"]));
    assert_eq!(posting["baseSalary"]["value"]["value"], 600.0);
    assert_eq!(
        posting["jobLocation"]["address"]["addressLocality"],
        "Sesto San Giovanni"
    );
    assert!(
        posting["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/opportunities/{}", draft.id))
    );
    assert!(!posting["skills"].as_str().unwrap().is_empty());

    // A published one is still corrected, with its ETag.
    let mut changed = body.clone();
    changed["places"] = json!(3);
    expect_problem(
        app.put_if(&path, &changed, &counsellor, None).await,
        StatusCode::PRECONDITION_REQUIRED,
        "precondition_required",
    )
    .await;
    let res = app
        .put_if(&path, &changed, &counsellor, Some("\"2\""))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["etag"], "\"3\"");
    let changed: Opportunity = json(res).await;
    assert_eq!(changed.places, 3);
    assert_eq!(changed.status, OpportunityStatus::Published);

    // Closing ends it: no posting, no change, no second close.
    let res = app
        .post_if(&format!("{path}/close"), &counsellor, Some("\"3\""))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let closed: Opportunity = json(res).await;
    assert_eq!(closed.status, OpportunityStatus::Closed);
    expect_problem(
        app.post_if(&format!("{path}/close"), &counsellor, Some("\"4\""))
            .await,
        StatusCode::CONFLICT,
        "opportunity_closed",
    )
    .await;
    expect_problem(
        app.put_if(&path, &body, &counsellor, Some("\"4\"")).await,
        StatusCode::CONFLICT,
        "opportunity_closed",
    )
    .await;
    expect_problem(
        app.get(&format!("{path}/posting"), None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    // The lists: by status and by employer, for the agency's admins too.
    let admin = app.token_of("admin.milano@sinergia.example").await;
    create(&app, &admin, &full_time(&e)).await;
    let all: Page<Opportunity> = json(app.get("/opportunities", Some(&admin)).await).await;
    assert_eq!(all.items.len(), 2);
    let closed: Page<Opportunity> =
        json(app.get("/opportunities?status=closed", Some(&admin)).await).await;
    assert_eq!(closed.items.len(), 1);
    assert_eq!(closed.items[0].id, draft.id);
    let none: Page<Opportunity> = json(
        app.get(
            &format!("/opportunities?employer_id={}", uuid::Uuid::now_v7()),
            Some(&admin),
        )
        .await,
    )
    .await;
    assert!(none.items.is_empty());
    expect_problem(
        app.get("/opportunities?status=open", Some(&admin)).await,
        StatusCode::BAD_REQUEST,
        "invalid_query",
    )
    .await;
}

async fn an_opportunity_is_checked_field_by_field(db: TestDb) {
    let app = spawn_app(&db).await;
    let e = employer(&app).await;
    let counsellor = app.token_of("operatrice.milano@sinergia.example").await;
    let mut bad = full_time(&e);
    bad["employer_id"] = json!(uuid::Uuid::now_v7());
    bad["title"] = json!("  ");
    bad["stipend_cents_per_month"] = json!(50000);
    bad["duration_months"] = json!(12);
    // 30 hours a week do not fit in four hours a day on two days.
    bad["weekly_hours"] = json!(30);
    bad["hours"] = json!([
        {"day": "mon", "opens": "09:00", "closes": "13:00"},
        {"day": "tue", "opens": "09:00", "closes": "13:00"},
    ]);
    // Trento is not Milan's territory.
    bad["municipality"] = json!("022205");
    bad["sought"] = json!([
        {"code": "C1", "level": "strong"},
        {"code": "Z9", "level": "strong"},
        {"code": "C1", "level": "developing"},
    ]);
    bad["languages"] = json!(["it", "xx", "it"]);
    bad["closes_on"] = json!((today() - chrono::Days::new(1)).to_string());
    bad["places"] = json!(0);
    let p = expect_problem(
        app.post("/opportunities", &bad, Some(&counsellor)).await,
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
        ("/employer_id", "employer_unknown"),
        ("/title", "required"),
        ("/stipend_cents_per_month", "not_for_contract"),
        ("/duration_months", "not_for_contract"),
        ("/weekly_hours", "hours_beyond_windows"),
        ("/municipality", "municipality_unknown"),
        ("/sought/1/code", "competence_unknown"),
        ("/sought/2/code", "duplicate_value"),
        ("/languages/1", "language_unknown"),
        ("/languages/2", "duplicate_value"),
        ("/closes_on", "date_out_of_range"),
        ("/places", "number_out_of_range"),
    ]
    .iter()
    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
    .collect();
    want.sort();
    assert_eq!(got, want);
    assert!(p.errors.iter().all(|e| !e.message.is_empty()));

    // A traineeship needs its stipend and lasts at most 12 months; windows are checked.
    let mut t = traineeship(&e);
    t["stipend_cents_per_month"] = Value::Null;
    t["duration_months"] = json!(18);
    t["hours"] = json!([
        {"day": "mon", "opens": "13:00", "closes": "09:00"},
    ]);
    t["weekly_hours"] = json!(49);
    let p = expect_problem(
        app.post("/opportunities", &t, Some(&counsellor)).await,
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
        [
            ("/duration_months", "number_out_of_range"),
            ("/hours/0", "window_inverted"),
            ("/stipend_cents_per_month", "required"),
            ("/weekly_hours", "number_out_of_range"),
        ]
    );
    // Unknown fields and kinds are refused before any rule.
    let mut odd = traineeship(&e);
    odd["salary"] = json!(1);
    expect_problem(
        app.post("/opportunities", &odd, Some(&counsellor)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    let mut odd = traineeship(&e);
    odd["mode"] = json!("somewhere");
    expect_problem(
        app.post("/opportunities", &odd, Some(&counsellor)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;

    // Nothing was written.
    let all: Page<Opportunity> = json(app.get("/opportunities", Some(&counsellor)).await).await;
    assert!(all.items.is_empty());

    // A change is checked the same way, and leaves the stored one as it was.
    let o = create(&app, &counsellor, &traineeship(&e)).await;
    let path = format!("/opportunities/{}", o.id);
    let p = expect_problem(
        app.put_if(&path, &bad, &counsellor, Some("\"1\"")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors.len(), want.len());
    let res = app.get(&path, Some(&counsellor)).await;
    assert_eq!(res.headers()["etag"], "\"1\"");
    assert_eq!(json::<Opportunity>(res).await, o);
}

async fn her_opportunities_are_ranked_explained_and_of_her_agency(db: TestDb) {
    let app = spawn_app(&db).await;
    let e = employer(&app).await;
    let counsellor = app.token_of("operatrice.milano@sinergia.example").await;
    let part = create(&app, &counsellor, &traineeship(&e)).await;
    let part = publish(&app, &counsellor, &part).await;
    let full = create(&app, &counsellor, &full_time(&e)).await;
    let full = publish(&app, &counsellor, &full).await;
    let draft = create(&app, &counsellor, &traineeship(&e)).await;
    // She lives in Sesto, can work weekdays 9 to 15, has a child of 7 and one of 1.
    let (her, _) = mother(&app).await;

    // Only a jobseeker has matches.
    expect_problem(
        app.get("/me/opportunities", None).await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
    expect_problem(
        app.get("/me/opportunities", Some(&counsellor)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    let m: OpportunityMatches = json(app.get("/me/opportunities", Some(&her)).await).await;
    let ids: Vec<_> = m.items.iter().map(|i| i.opportunity.id).collect();
    assert_eq!(ids, [part.id, full.id], "published only, best first");
    assert!(m.availability_known);
    assert_eq!(m.children_birth_years.len(), 2);
    let (a, b) = (&m.items[0], &m.items[1]);
    // The mornings are within her hours and a few minutes away; the full day is not.
    assert_eq!(a.fit.hours_points, shared::HOURS_POINTS);
    assert!(a.fit.outside_availability.is_empty());
    assert_eq!(a.fit.commute.distance_km, Some(0.0));
    assert!(b.fit.hours_points < shared::HOURS_POINTS);
    assert_eq!(b.fit.outside_availability.len(), 5, "15:00-18:00 each day");
    assert_eq!(
        a.fit.score,
        a.fit.competence_points + a.fit.hours_points + a.fit.commute_points + a.fit.contract_points
    );
    // She has taken no assessment: every competence asked is missing, and says by how much.
    assert!(
        a.fit
            .competences
            .iter()
            .all(|c| c.held.is_none() && c.steps_short > 0)
    );
    // The longer job opens more of her children's week.
    assert!(b.gap_minutes >= a.gap_minutes);
    assert!(b.gap_minutes > 0);
    assert_eq!(a.employer_benefits.len(), 2);

    // Filters.
    let only: OpportunityMatches = json(
        app.get("/me/opportunities?contract=permanent", Some(&her))
            .await,
    )
    .await;
    assert_eq!(only.items.len(), 1);
    assert_eq!(only.items[0].opportunity.id, full.id);
    let paged: OpportunityMatches =
        json(app.get("/me/opportunities?page_size=1", Some(&her)).await).await;
    assert_eq!(paged.items.len(), 1);
    let token = paged.next_page_token.unwrap();
    let rest: OpportunityMatches = json(
        app.get(
            &format!("/me/opportunities?page_size=1&page_token={token}"),
            Some(&her),
        )
        .await,
    )
    .await;
    assert_eq!(rest.items[0].opportunity.id, full.id);
    assert!(rest.next_page_token.is_none());

    // One, explained; a draft or another agency's is not hers to see.
    let one: OpportunityMatches = json(
        app.get(&format!("/me/opportunities/{}", part.id), Some(&her))
            .await,
    )
    .await;
    assert_eq!(one.items[0].fit, a.fit);
    expect_problem(
        app.get(&format!("/me/opportunities/{}", draft.id), Some(&her))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let anna = app.token_of("anna.pedrotti@sinergia.example").await;
    let theirs: OpportunityMatches = json(app.get("/me/opportunities", Some(&anna)).await).await;
    assert!(theirs.items.is_empty());
    expect_problem(
        app.get(&format!("/me/opportunities/{}", part.id), Some(&anna))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    // A validated portfolio counts: the competence asked is held, validated.
    let (validated, _) = crate::assessment::validated_attempt(&app).await;
    let v: OpportunityMatches = json(app.get("/me/opportunities", Some(&validated)).await).await;
    let c1 = v
        .items
        .iter()
        .find(|i| i.opportunity.id == part.id)
        .unwrap()
        .fit
        .competences
        .iter()
        .find(|c| c.code == "C1")
        .unwrap()
        .clone();
    assert!(c1.validated);
    assert!(c1.held.is_some());

    // Closed: gone from her list at once.
    let res = app
        .post_if(
            &format!("/opportunities/{}/close", full.id),
            &counsellor,
            Some(&format!("\"{}\"", full.version)),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let m: OpportunityMatches = json(app.get("/me/opportunities", Some(&her)).await).await;
    assert_eq!(m.items.len(), 1);
}

async fn counsellors_see_the_women_who_fit_an_opportunity(db: TestDb) {
    let app = spawn_app(&db).await;
    let e = employer(&app).await;
    let counsellor = app.token_of("operatrice.milano@sinergia.example").await;
    let o = create(&app, &counsellor, &traineeship(&e)).await;
    let (her, her_id) = mother(&app).await;
    let path = format!("/opportunities/{}/fitting", o.id);

    for who in [
        &her,
        &app.token_of("community.milano@sinergia.example").await,
    ] {
        expect_problem(
            app.get(&path, Some(who)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    let res = app.get(&path, Some(&counsellor)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let page: Page<FittingWoman> = json(res).await;
    let scores: Vec<u32> = page.items.iter().map(|w| w.fit.score).collect();
    let mut sorted = scores.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(scores, sorted, "best fit first");
    let mine = page
        .items
        .iter()
        .find(|w| w.jobseeker_id.0 == her_id)
        .expect("she is of the agency");
    // The same explanation she sees.
    let publish_it = publish(&app, &counsellor, &o).await;
    let hers: OpportunityMatches = json(
        app.get(&format!("/me/opportunities/{}", publish_it.id), Some(&her))
            .await,
    )
    .await;
    assert_eq!(hers.items[0].fit, mine.fit);
    // Nobody of another agency.
    let anna = app.token_of("anna.pedrotti@sinergia.example").await;
    let anna_id = json::<shared::Me>(app.get("/me", Some(&anna)).await)
        .await
        .id;
    assert!(page.items.iter().all(|w| w.jobseeker_id != anna_id));

    let best: Page<FittingWoman> = json(
        app.get(
            &format!("{path}?min_score={}", mine.fit.score),
            Some(&counsellor),
        )
        .await,
    )
    .await;
    assert!(best.items.iter().all(|w| w.fit.score >= mine.fit.score));
    assert!(best.items.iter().any(|w| w.jobseeker_id.0 == her_id));
    expect_problem(
        app.get(&format!("{path}?min_score=1001"), Some(&counsellor))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert!(mine.application.is_none());

    // Once she applies, her line says so (her counsellor does not propose her twice).
    let res = app
        .post(
            &format!("/me/opportunities/{}/application", o.id),
            &json!({}),
            Some(&her),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let page: Page<FittingWoman> = json(app.get(&path, Some(&counsellor)).await).await;
    let mine = page
        .items
        .iter()
        .find(|w| w.jobseeker_id.0 == her_id)
        .unwrap();
    assert_eq!(mine.application, Some(shared::ApplicationStatus::Received));
}

/// An admin invites an employer's HR; she signs in through her one-time link.
pub(crate) async fn employer_hr(app: &TestApp, e: &Employer, email: &str) -> String {
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let res = app
        .post(
            &format!("/employers/{}/accounts", e.id),
            &json!({"email": email, "name": "Laura Conti"}),
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED, "{:?}", res.text().await);
    let created: shared::StaffCreated = json(res).await;
    assert_eq!(created.account.role, shared::Role::Employer);
    sign_in_through_link(
        app,
        created.account.id.0,
        email,
        "la password delle risorse umane",
    )
    .await
}

async fn an_employers_hr_writes_and_follows_only_her_organisations(db: TestDb) {
    let app = spawn_app(&db).await;
    let mine = employer(&app).await;
    let theirs = employer(&app).await;
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let counsellor = app.token_of("operatrice.milano@sinergia.example").await;
    let trento = app.token_of("admin.trento@sinergia.example").await;

    // Only the agency's admins invite, for an employer of the agency.
    let body = json!({"email": "hr@melograno.example", "name": "Laura Conti"});
    let path = format!("/employers/{}/accounts", mine.id);
    expect_problem(
        app.post(&path, &body, Some(&counsellor)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_problem(
        app.post(&path, &body, Some(&trento)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let p = expect_problem(
        app.post(&path, &json!({"email": "nope", "name": " "}), Some(&admin))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors.len(), 2);
    let hr = employer_hr(&app, &mine, "hr@melograno.example").await;
    expect_problem(
        app.post(&path, &body, Some(&admin)).await,
        StatusCode::CONFLICT,
        "email_taken",
    )
    .await;
    let accounts: Vec<shared::UserAccount> = json(app.get(&path, Some(&admin)).await).await;
    assert_eq!(accounts.len(), 1);
    let me: shared::Me = json(app.get("/me", Some(&hr)).await).await;
    assert_eq!(me.employer_id, Some(mine.id));

    // Her organisation, and no other.
    let listed: Page<Employer> = json(app.get("/employers", Some(&hr)).await).await;
    assert_eq!(listed.items.len(), 1);
    assert_eq!(listed.items[0].id, mine.id);
    expect_problem(
        app.get(&format!("/employers/{}", theirs.id), Some(&hr))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let mut profile = json!({
        "name": "Cooperativa Il Melograno",
        "ateco": "88.91",
        "size": "medium",
        "municipality": "015146",
        "benefits": ["flexible_hours", "family_certification"],
    });
    let res = app
        .put_if(
            &format!("/employers/{}", mine.id),
            &profile,
            &hr,
            Some("\"1\""),
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "she keeps her organisation's profile"
    );
    profile["name"] = json!("Altro");
    expect_problem(
        app.put_if(
            &format!("/employers/{}", theirs.id),
            &profile,
            &hr,
            Some("\"1\""),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    // She writes her organisation's opportunities, not another's.
    let p = expect_problem(
        app.post("/opportunities", &traineeship(&theirs), Some(&hr))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].pointer, "/employer_id");
    let own = create(&app, &hr, &traineeship(&mine)).await;
    let own = publish(&app, &hr, &own).await;
    let other = create(&app, &counsellor, &traineeship(&theirs)).await;
    let listed: Page<Opportunity> = json(app.get("/opportunities", Some(&hr)).await).await;
    assert_eq!(listed.items.len(), 1, "hers only");
    let filtered: Page<Opportunity> = json(
        app.get(
            &format!("/opportunities?employer_id={}", theirs.id),
            Some(&hr),
        )
        .await,
    )
    .await;
    assert!(filtered.items.is_empty());
    for res in [
        app.get(&format!("/opportunities/{}", other.id), Some(&hr))
            .await,
        app.post_if(&format!("/opportunities/{}/publish", other.id), &hr, None)
            .await,
        app.get(
            &format!("/opportunities/{}/applicants", other.id),
            Some(&hr),
        )
        .await,
    ] {
        expect_problem(res, StatusCode::NOT_FOUND, "not_found").await;
    }
    // The agency's women are not hers to browse or propose.
    expect_problem(
        app.get(&format!("/opportunities/{}/fitting", own.id), Some(&hr))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    // A woman applies: she sees her and moves her; a woman who did not apply is nowhere.
    let (her, _) = mother(&app).await;
    let res = app
        .post(
            &format!("/me/opportunities/{}/application", own.id),
            &json!({"note": "Eccomi."}),
            Some(&her),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let seen: Vec<shared::Applicant> = json(
        app.get(&format!("/opportunities/{}/applicants", own.id), Some(&hr))
            .await,
    )
    .await;
    assert_eq!(seen.len(), 1);
    // The HR was told by e-mail, with her name and nothing else of her.
    {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let mails = backend::entities::email_outbox::Entity::find()
            .filter(backend::entities::email_outbox::Column::UserId.eq(me.id.0))
            .filter(backend::entities::email_outbox::Column::Template.eq("applicant_received"))
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(mails.len(), 1);
        assert!(mails[0].body.contains(&seen[0].name));
        assert!(
            mails[0]
                .body
                .contains(&format!("/staff/opportunities/{}", own.id))
        );
    }
    let res = app
        .post(
            &format!("/applications/{}/status", seen[0].application_id),
            &json!({"status": "interview"}),
            Some(&hr),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    // Nothing else of the platform: the community, the catalogue, the cases, her profile.
    for path in [
        "/community/rooms",
        "/catalogue/services",
        "/staff/jobseekers",
        "/staff/assessments/queue",
        "/me/profile",
        "/me/opportunities",
        "/admin/users",
    ] {
        expect_problem(
            app.get(path, Some(&hr)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
}
