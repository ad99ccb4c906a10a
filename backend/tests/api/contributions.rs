//! Contributions kept current (issue 14): staff read the schemes of their territory (the
//! national ones and their agency's), those due for a check first; admins and curators add
//! their territory's, change or re-check any in force with `If-Match` (a national scheme is
//! the same law for every agency), retire their own; every field is checked; her matches
//! follow at once.

use chrono::{Days, NaiveDate, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};
use shared::{ContributionScheme, Matches, Page};
use uuid::Uuid;

use crate::db_tests;
use crate::helpers::*;
use crate::services::{doposcuola, new_location, new_provider, new_service, sesto};

db_tests!(
    staff_keep_the_schemes_of_their_territory_current,
    a_scheme_is_checked_field_by_field_and_nothing_is_half_written,
    her_matches_follow_the_schemes_as_staff_keep_them,
);

/// The national nursery bonus and Trento's service vouchers, as seeded.
const NATIONAL: &str = "0193a000-0000-7000-8000-000000000001";
const TRENTO_VOUCHER: &str = "0193a000-0000-7000-8000-000000000003";

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

fn days_from_today(n: i64) -> String {
    let t = today();
    let d = if n >= 0 {
        t.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        t.checked_sub_days(Days::new(n.unsigned_abs()))
    };
    d.unwrap().to_string()
}

/// A valid scheme of Milan's territory for after-school care.
fn milan_scheme() -> Value {
    json!({
        "name": {"it": "Dote conciliazione Milano", "en": "Milan work-life grant"},
        "description": {"it": "Metà della retta del post-scuola.", "en": "Half of the after-school fee."},
        "categories": ["pre_after_school"],
        "rules": {"municipalities": ["015146", "015209"]},
        "benefit": {"share_percent": 50, "max_cents_per_month": 10000, "months_per_year": 10},
        "how_to_apply": {"it": "Allo sportello del Comune.", "en": "At the town hall's desk."},
        "source_url": "https://www.comune.milano.it/",
        "source_checked_on": days_from_today(-1),
        "review_by": days_from_today(300),
    })
}

async fn list(app: &TestApp, token: &str) -> Vec<ContributionScheme> {
    let res = app.get("/catalogue/contributions", Some(token)).await;
    assert_eq!(res.status(), StatusCode::OK);
    json::<Page<ContributionScheme>>(res).await.items
}

fn ids(list: &[ContributionScheme]) -> Vec<String> {
    list.iter().map(|c| c.id.to_string()).collect()
}

/// The scheme as an input, to send back changed.
fn as_input(c: &ContributionScheme) -> Value {
    json!({
        "name": c.name, "description": c.description, "categories": c.categories,
        "rules": c.rules, "benefit": c.benefit, "how_to_apply": c.how_to_apply,
        "source_url": c.source_url, "source_checked_on": c.source_checked_on,
        "review_by": c.review_by,
    })
}

async fn staff_keep_the_schemes_of_their_territory_current(db: TestDb) {
    let app = spawn_app(&db).await;
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let counsellor = app.token_of("operatrice.milano@sinergia.example").await;
    let trento = app.token_of("admin.trento@sinergia.example").await;
    let jobseeker = app.token_of("giulia.rossi@sinergia.example").await;

    // Who reads: staff of the agency, each their territory's.
    expect_problem(
        app.get("/catalogue/contributions", None).await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
    expect_problem(
        app.get("/catalogue/contributions", Some(&jobseeker)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let milan = list(&app, &counsellor).await;
    assert!(ids(&milan).contains(&NATIONAL.to_owned()));
    assert!(!ids(&milan).contains(&TRENTO_VOUCHER.to_owned()));
    assert!(ids(&list(&app, &trento).await).contains(&TRENTO_VOUCHER.to_owned()));
    assert!(
        milan.windows(2).all(|w| w[0].review_by <= w[1].review_by),
        "the check due soonest first"
    );
    expect_problem(
        app.get(
            &format!("/catalogue/contributions/{TRENTO_VOUCHER}"),
            Some(&counsellor),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let res = app
        .get(
            &format!("/catalogue/contributions/{NATIONAL}"),
            Some(&counsellor),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().get("etag").is_some());

    // Who writes: the agency's admins and curators; not a counsellor, not a jobseeker.
    for who in [&counsellor, &jobseeker] {
        expect_problem(
            app.post("/catalogue/contributions", &milan_scheme(), Some(who))
                .await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    assert_eq!(
        list(&app, &admin).await.len(),
        milan.len(),
        "nothing written"
    );
    let res = app
        .post("/catalogue/contributions", &milan_scheme(), Some(&admin))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(res.headers()["etag"], "\"1\"");
    let own: ContributionScheme = json(res).await;
    assert_eq!(own.agency_id.map(|a| a.0), Some(MILANO));
    assert!(!own.due_for_review);
    let own_path = format!("/catalogue/contributions/{}", own.id);
    // Another agency's staff do not see it.
    for res in [
        app.get(&own_path, Some(&trento)).await,
        app.put_if(&own_path, &as_input(&own), &trento, Some("\"1\""))
            .await,
        app.post_empty(&format!("{own_path}/retire"), Some(&trento))
            .await,
    ] {
        expect_problem(res, StatusCode::NOT_FOUND, "not_found").await;
    }

    // A change needs the current ETag.
    let national: ContributionScheme = json(
        app.get(
            &format!("/catalogue/contributions/{NATIONAL}"),
            Some(&admin),
        )
        .await,
    )
    .await;
    let path = format!("/catalogue/contributions/{NATIONAL}");
    let mut checked = as_input(&national);
    checked["source_checked_on"] = json!(today());
    checked["review_by"] = json!(days_from_today(365));
    expect_problem(
        app.put_if(&path, &checked, &admin, None).await,
        StatusCode::PRECONDITION_REQUIRED,
        "precondition_required",
    )
    .await;
    expect_problem(
        app.put_if(&path, &checked, &admin, Some("\"999\"")).await,
        StatusCode::PRECONDITION_FAILED,
        "precondition_failed",
    )
    .await;
    expect_problem(
        app.put_if(
            &path,
            &checked,
            &counsellor,
            Some(&format!("\"{}\"", national.version)),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let res = app
        .put_if(
            &path,
            &checked,
            &admin,
            Some(&format!("\"{}\"", national.version)),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let saved: ContributionScheme = json(res).await;
    assert_eq!(saved.version, national.version + 1);
    assert_eq!(saved.source_checked_on, today());
    // The same law for Trento: its staff see the check.
    let seen: ContributionScheme = json(app.get(&path, Some(&trento)).await).await;
    assert_eq!(seen.review_by, saved.review_by);

    // A scheme whose check has come is due, and listed first.
    let mut late = as_input(&own);
    late["source_checked_on"] = json!(days_from_today(-400));
    late["review_by"] = json!(days_from_today(-10));
    let res = app.put_if(&own_path, &late, &admin, Some("\"1\"")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let first = &list(&app, &counsellor).await[0];
    assert_eq!(first.id, own.id);
    assert!(first.due_for_review);

    // Retiring: a national scheme is not one agency's to retire; its own is.
    expect_problem(
        app.post_empty(&format!("{path}/retire"), Some(&admin))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let res = app
        .post_empty(&format!("{own_path}/retire"), Some(&admin))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let retired: ContributionScheme = json(res).await;
    assert_eq!(retired.version, 3);
    assert!(!ids(&list(&app, &admin).await).contains(&own.id.to_string()));
    let again: ContributionScheme = json(
        app.post_empty(&format!("{own_path}/retire"), Some(&admin))
            .await,
    )
    .await;
    assert_eq!(again.version, 3, "retiring again changes nothing");
    expect_problem(
        app.put_if(&own_path, &late, &admin, Some("\"3\"")).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

async fn a_scheme_is_checked_field_by_field_and_nothing_is_half_written(db: TestDb) {
    let app = spawn_app(&db).await;
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let before = list(&app, &admin).await.len();
    let mut bad = milan_scheme();
    bad["name"] = json!({"it": "  ", "en": "Grant"});
    bad["description"] = json!({"it": "x".repeat(2001), "en": "ok"});
    bad["categories"] = json!(["nursery", "nursery"]);
    bad["rules"] = json!({
        "child_ages": {"min_months": 36, "max_months": 12},
        // Trento's, and no municipality at all.
        "municipalities": ["022205", "999999"],
        "isee_bands": ["low", "low"],
    });
    bad["benefit"] = json!({"share_percent": 0, "max_cents_per_month": 0, "months_per_year": 13});
    bad["source_url"] = json!("ftp://comune.milano.it");
    bad["source_checked_on"] = json!(days_from_today(2));
    bad["review_by"] = json!(days_from_today(1));
    let p = expect_problem(
        app.post("/catalogue/contributions", &bad, Some(&admin))
            .await,
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
        ("/benefit/max_cents_per_month", "number_out_of_range"),
        ("/benefit/months_per_year", "number_out_of_range"),
        ("/benefit/share_percent", "number_out_of_range"),
        ("/categories/1", "duplicate_value"),
        ("/description/it", "text_too_long"),
        ("/name/it", "required"),
        ("/review_by", "end_before_start"),
        ("/rules/child_ages", "ages_reversed"),
        ("/rules/isee_bands/1", "duplicate_value"),
        ("/rules/municipalities/0", "municipality_unknown"),
        ("/rules/municipalities/1", "municipality_unknown"),
        ("/source_checked_on", "date_out_of_range"),
        ("/source_url", "website_invalid"),
    ]
    .iter()
    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
    .collect();
    want.sort();
    assert_eq!(got, want);
    assert!(p.errors.iter().all(|e| !e.message.is_empty()));

    // No category; a next check too far away; a body of the wrong shape; not JSON.
    let mut bad = milan_scheme();
    bad["categories"] = json!([]);
    bad["review_by"] = json!(days_from_today(4 * 366));
    let p = expect_problem(
        app.post("/catalogue/contributions", &bad, Some(&admin))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let pointers: Vec<&str> = p.errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(pointers, ["/categories", "/review_by"]);
    let mut unknown = milan_scheme();
    unknown["benefit"]["share"] = json!(50);
    let res = app
        .post("/catalogue/contributions", &unknown, Some(&admin))
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = app
        .client
        .post(app.url("/catalogue/contributions"))
        .bearer_auth(&admin)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(list(&app, &admin).await.len(), before, "nothing written");

    // A change that breaks a rule changes nothing.
    let path = format!("/catalogue/contributions/{NATIONAL}");
    let national: ContributionScheme = json(app.get(&path, Some(&admin)).await).await;
    let mut broken = as_input(&national);
    broken["benefit"]["share_percent"] = json!(101);
    expect_problem(
        app.put_if(
            &path,
            &broken,
            &admin,
            Some(&format!("\"{}\"", national.version)),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let after: ContributionScheme = json(app.get(&path, Some(&admin)).await).await;
    assert_eq!(after, national);
}

/// Her match of the after-school service in Sesto.
async fn matches(app: &TestApp, her: &str) -> shared::ServiceMatch {
    let m: Matches = json(
        app.get("/me/services/matches?category=pre_after_school", Some(her))
            .await,
    )
    .await;
    m.items
        .into_iter()
        .find(|i| i.service.name == "Doposcuola Manzoni")
        .unwrap()
}

async fn her_matches_follow_the_schemes_as_staff_keep_them(db: TestDb) {
    let app = spawn_app(&db).await;
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let p = new_provider(&app, &admin, "Cooperativa Il Girasole").await;
    let place = new_location(&app, &admin, p.id, &sesto()).await;
    let s = new_service(&app, &admin, &doposcuola(p.id, place.id)).await;
    let res = app
        .post_empty(
            &format!("/catalogue/services/{}/publish", s.id),
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let (her, _) = crate::finding::mother(&app).await;
    let found = matches(&app, &her).await;
    let before = found.why.monthly_cost.unwrap().before_cents;
    let fits = |m: &shared::ServiceMatch, id: Uuid| {
        m.contributions
            .iter()
            .find(|c| c.contribution_id == id)
            .cloned()
    };

    // She lives in Sesto: the new scheme applies to her at once, half up to 100 €.
    let own: ContributionScheme = json(
        app.post("/catalogue/contributions", &milan_scheme(), Some(&admin))
            .await,
    )
    .await;
    let found = matches(&app, &her).await;
    let fit = fits(&found, own.id).expect("the scheme counts in her match");
    assert!(fit.eligibility.eligible, "{fit:?}");
    assert_eq!(fit.cents_per_month, (before / 2).min(10000));
    assert_eq!(
        found.why.monthly_cost.unwrap().after_cents,
        before - (before / 2).min(10000)
    );

    // Limited to Milan itself, it no longer applies to her, and says why.
    let mut milan_only = as_input(&own);
    milan_only["rules"]["municipalities"] = json!(["015146"]);
    let res = app
        .put_if(
            &format!("/catalogue/contributions/{}", own.id),
            &milan_only,
            &admin,
            Some("\"1\""),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let fit = fits(&matches(&app, &her).await, own.id).unwrap();
    assert!(!fit.eligibility.eligible);
    assert_eq!(
        fit.eligibility.reasons,
        [shared::NotEligibleReason::Residence]
    );

    // Retired, it is gone from her matches.
    let res = app
        .post_empty(
            &format!("/catalogue/contributions/{}/retire", own.id),
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(fits(&matches(&app, &her).await, own.id).is_none());
}
