//! Finding conciliation services (issue 14): the public search sees only published services
//! of live providers, by text, category, age, hours, municipality and distance, and refuses bad
//! parameters with their reason; her matches are ranked and explained from her profile and
//! her week, with the contributions she may claim; her shortlist, contacts and declaration are
//! hers (counted per agency, never who); her counsellor reads her shortlist (audited).

use backend::entities::{audit_log, service_use};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use shared::{
    CoverKind, Declaration, HoursSource, Matches, Page, ProviderBrief, Service, ServiceHit,
    ShortlistItem, WeekView,
};
use uuid::Uuid;

use crate::db_tests;
use crate::helpers::*;
use crate::services::{doposcuola, new_location, new_provider, new_service, sesto};

db_tests!(
    anyone_finds_published_services_by_place_hours_and_age,
    her_matches_are_ranked_explained_and_hers,
    her_week_shows_the_gaps_and_the_services_that_close_them,
);

struct Catalogue {
    /// Doposcuola in Sesto San Giovanni, 12:30-17:00 on school days, 6-10 years, 120 €.
    doposcuola: Service,
    /// After-school in Milan, 16:00-18:30, 6-10 years, 6.50 € an hour.
    late: Service,
    /// Nursery in Milan, 07:30-16:30, 3-36 months, 550 € a month.
    nido: Service,
    /// A draft in Sesto.
    draft: Service,
    /// Published by a provider that is then retired.
    orphan: Service,
    /// Trento's, published.
    trento: Service,
}

async fn publish(app: &TestApp, token: &str, s: &Service) {
    let res = app
        .post_empty(
            &format!("/catalogue/services/{}/publish", s.id),
            Some(token),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
}

fn weekdays(opens: &str, closes: &str) -> Value {
    json!(
        ["mon", "tue", "wed", "thu", "fri"]
            .iter()
            .map(|d| json!({"day": d, "opens": opens, "closes": closes}))
            .collect::<Vec<_>>()
    )
}

async fn catalogue(app: &TestApp) -> Catalogue {
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let trento_admin = app.token_of("admin.trento@sinergia.example").await;
    let p = new_provider(app, &admin, "Cooperativa Il Girasole").await;
    let in_sesto = new_location(app, &admin, p.id, &sesto()).await;
    let in_milan = new_location(
        app,
        &admin,
        p.id,
        &json!({"name": "Sede Isola", "address": "Via Borsieri 10", "municipality": "015146", "point": {"lat": 45.4890, "lon": 9.1890}}),
    )
    .await;
    let doposcuola = new_service(app, &admin, &doposcuola(p.id, in_sesto.id)).await;
    let mut late = crate::services::doposcuola(p.id, in_milan.id);
    late["name"] = json!("Post-scuola Isola");
    late["schedule"] = json!({"weekly": weekdays("16:00", "18:30"), "exceptions": []});
    late["costs"] = json!([{"unit": "hour", "amount_cents": 650}]);
    let late = new_service(app, &admin, &late).await;
    let mut nido = crate::services::doposcuola(p.id, in_milan.id);
    nido["name"] = json!("Nido Girotondo");
    nido["category"] = json!("nursery");
    nido["ages"] = json!({"min_months": 3, "max_months": 36});
    nido["schedule"] = json!({"weekly": weekdays("07:30", "16:30"), "exceptions": [{"from": "2027-08-01", "to": "2027-08-31", "reason": "summer_closure"}]});
    nido["costs"] = json!([{"unit": "month", "amount_cents": 55000}]);
    let nido = new_service(app, &admin, &nido).await;
    let mut draft = crate::services::doposcuola(p.id, in_sesto.id);
    draft["name"] = json!("Ludoteca in preparazione");
    let draft = new_service(app, &admin, &draft).await;
    for s in [&doposcuola, &late, &nido] {
        publish(app, &admin, s).await;
    }
    let gone = new_provider(app, &admin, "Associazione chiusa").await;
    let gone_place = new_location(app, &admin, gone.id, &sesto()).await;
    let mut orphan = crate::services::doposcuola(gone.id, gone_place.id);
    orphan["name"] = json!("Doposcuola chiuso");
    let orphan = new_service(app, &admin, &orphan).await;
    publish(app, &admin, &orphan).await;
    let res = app
        .post_empty(
            &format!("/catalogue/providers/{}/retire", gone.id),
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let tp = new_provider(app, &trento_admin, "Cooperativa Città Futura").await;
    let tl = new_location(
        app,
        &trento_admin,
        tp.id,
        &json!({"name": "Sede", "address": "Via Grazioli 1", "municipality": "022205", "point": {"lat": 46.0700, "lon": 11.1210}}),
    )
    .await;
    let mut t = crate::services::doposcuola(tp.id, tl.id);
    t["name"] = json!("Tagesmutter Trento");
    t["category"] = json!("babysitting");
    let trento = new_service(app, &trento_admin, &t).await;
    publish(app, &trento_admin, &trento).await;
    Catalogue {
        doposcuola,
        late,
        nido,
        draft,
        orphan,
        trento,
    }
}

fn names(page: &Page<ServiceHit>) -> Vec<&str> {
    page.items.iter().map(|h| h.service.name.as_str()).collect()
}

async fn anyone_finds_published_services_by_place_hours_and_age(db: TestDb) {
    let app = spawn_app(&db).await;
    let c = catalogue(&app).await;
    let search = |q: &'static str| {
        let app = &app;
        async move {
            let res = app.get(&format!("/services{q}"), None).await;
            assert_eq!(res.status(), StatusCode::OK, "{q}");
            json::<Page<ServiceHit>>(res).await
        }
    };

    // Without an account: published services of live providers of every agency, by name.
    let all = search("").await;
    assert_eq!(
        names(&all),
        [
            "Doposcuola Manzoni",
            "Nido Girotondo",
            "Post-scuola Isola",
            "Tagesmutter Trento"
        ]
    );
    assert!(all.items.iter().all(|h| h.distance_km.is_none()));

    // Near Sesto: within 5 km the doposcuola only; within 20 km Milan's too, nearest first.
    let near = search("?near=45.5335,9.2352&radius_km=5").await;
    assert_eq!(names(&near), ["Doposcuola Manzoni"]);
    assert_eq!(near.items[0].distance_km, Some(0.0));
    let wider = search("?near=45.5335,9.2352&radius_km=20").await;
    assert_eq!(wider.items[0].service.id, c.doposcuola.id);
    let d = wider.items[1].distance_km.unwrap();
    assert!((5.0..7.0).contains(&d), "Sesto to Isola is about 6 km: {d}");
    assert_eq!(wider.items.len(), 3);

    // Open for the whole of the hours, in one window; ages; category; municipality; text.
    assert_eq!(
        names(&search("?open_at=mon@13:00-16:30").await),
        ["Doposcuola Manzoni", "Nido Girotondo", "Tagesmutter Trento"]
    );
    assert_eq!(
        names(&search("?open_at=mon@16:00-18:00").await),
        ["Post-scuola Isola"]
    );
    assert!(search("?open_at=sat@09:00-12:00").await.items.is_empty());
    assert_eq!(names(&search("?age_months=12").await), ["Nido Girotondo"]);
    assert_eq!(
        names(&search("?category=nursery").await),
        ["Nido Girotondo"]
    );
    assert_eq!(
        names(&search("?municipality=015209").await),
        ["Doposcuola Manzoni"]
    );
    assert_eq!(names(&search("?q=ISOLA").await), ["Post-scuola Isola"]);
    assert_eq!(
        names(&search("?near=45.5335,9.2352&radius_km=20&category=pre_after_school&open_at=tue@16:00-17:00").await),
        ["Doposcuola Manzoni", "Post-scuola Isola"]
    );

    // Pages, by name and by distance.
    let first = search("?page_size=3").await;
    assert_eq!(first.items.len(), 3);
    let token = first.next_page_token.unwrap();
    let second = app
        .get(&format!("/services?page_size=3&page_token={token}"), None)
        .await;
    let second: Page<ServiceHit> = json(second).await;
    assert_eq!(names(&second), ["Tagesmutter Trento"]);
    assert!(second.next_page_token.is_none());
    let first = search("?near=45.5335,9.2352&radius_km=20&page_size=2").await;
    let token = first.next_page_token.unwrap();
    let second: Page<ServiceHit> = json(
        app.get(
            &format!("/services?near=45.5335,9.2352&radius_km=20&page_size=2&page_token={token}"),
            None,
        )
        .await,
    )
    .await;
    assert_eq!(second.items.len(), 1);

    // Bad parameters: each with its reason.
    for (q, pointer, code) in [
        ("near=abc", "/near", "near_invalid"),
        ("near=91,9.2", "/near", "coordinates_out_of_range"),
        (
            "near=45.5,9.2&radius_km=0",
            "/radius_km",
            "number_out_of_range",
        ),
        (
            "near=45.5,9.2&radius_km=500",
            "/radius_km",
            "number_out_of_range",
        ),
        ("open_at=mon@18:00-17:00", "/open_at", "open_at_invalid"),
        ("open_at=monday", "/open_at", "open_at_invalid"),
        ("age_months=2000", "/age_months", "number_out_of_range"),
        (
            "municipality=999999",
            "/municipality",
            "municipality_unknown",
        ),
    ] {
        let problem = expect_problem(
            app.get(&format!("/services?{q}"), None).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert_eq!(problem.errors[0].pointer, pointer, "{q}");
        assert_eq!(problem.errors[0].code.to_string(), code, "{q}");
    }
    expect_problem(
        app.get("/services?page_token=nope", None).await,
        StatusCode::BAD_REQUEST,
        "invalid_page_token",
    )
    .await;
    let res = app.get("/services?category=spa", None).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = app.get("/services?colour=red", None).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);

    // One service: published only; a jobseeker's look is counted for her agency, never who.
    let res = app
        .get(&format!("/services/{}", c.doposcuola.id), None)
        .await;
    assert_eq!(json::<Service>(res).await.name, "Doposcuola Manzoni");
    for hidden in [c.draft.id, c.orphan.id, Uuid::now_v7()] {
        expect_problem(
            app.get(&format!("/services/{hidden}"), None).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    for _ in 0..2 {
        let res = app
            .get(&format!("/services/{}", c.trento.id), Some(&giulia))
            .await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    let counted = service_use::Entity::find()
        .filter(service_use::Column::ServiceId.eq(c.trento.id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(counted.len(), 1);
    assert_eq!(
        (
            counted[0].agency_id,
            counted[0].action.as_str(),
            counted[0].count
        ),
        (MILANO, "viewed", 2)
    );

    // The next search sees a change to the catalogue: a draft published appears, a service
    // retired goes (the catalogue read from memory is built again at the new revision).
    let admin = app.token_of("admin.milano@sinergia.example").await;
    assert!(search("?q=ludoteca").await.items.is_empty());
    publish(&app, &admin, &c.draft).await;
    assert_eq!(
        names(&search("?q=ludoteca").await),
        ["Ludoteca in preparazione"]
    );
    let res = app
        .post_empty(
            &format!("/catalogue/services/{}/retire", c.doposcuola.id),
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(search("?q=manzoni").await.items.is_empty());
    expect_problem(
        app.get(&format!("/services/{}", c.doposcuola.id), None)
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let _ = (c.late, c.nido);
}

/// A new jobseeker of Milan living in Sesto, with a child of 7 and one of 1, who could work
/// on weekdays from 9 to 15.
pub async fn mother(app: &TestApp) -> (String, Uuid) {
    let (_, tokens) = app.new_jobseeker().await;
    let t = tokens.access_token;
    let year: i32 = chrono::Datelike::year(&chrono::Utc::now().date_naive());
    let days: Vec<Value> = ["mon", "tue", "wed", "thu", "fri"]
        .iter()
        .map(|d| json!({"day": d, "hours": [9, 10, 11, 12, 13, 14]}))
        .collect();
    for (slug, body) in [
        ("about-me", json!({"municipality": "015209"})),
        (
            "household",
            json!({"children": [{"birth_year": year - 7}, {"birth_year": year - 1}], "helpers": ["grandparents"]}),
        ),
        ("availability", json!({ "weekly_hours": days })),
    ] {
        let res = app
            .put_if(&format!("/me/profile/{slug}"), &body, &t, Some("\"0\""))
            .await;
        assert_eq!(
            res.status(),
            StatusCode::OK,
            "{slug}: {:?}",
            res.text().await
        );
    }
    let me: shared::Me = json(app.get("/me", Some(&t)).await).await;
    (t, me.id.0)
}

async fn her_matches_are_ranked_explained_and_hers(db: TestDb) {
    let app = spawn_app(&db).await;
    let c = catalogue(&app).await;
    let (her, her_id) = mother(&app).await;
    let counsellor = app.token_of("operatrice.milano@sinergia.example").await;
    let trento = app.token_of("operatrice.trento@sinergia.example").await;

    // Only a jobseeker has matches.
    assert_eq!(
        app.get("/me/services/matches", None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    expect_problem(
        app.get("/me/services/matches", Some(&counsellor)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    // From her profile: her availability's hours, the categories her children make relevant,
    // within 15 km of Sesto; Trento's service is too far.
    let m: Matches = json(app.get("/me/services/matches", Some(&her)).await).await;
    assert_eq!(m.hours_from, HoursSource::Availability);
    assert_eq!(m.hours.len(), 5);
    let ids: Vec<Uuid> = m.items.iter().map(|i| i.service.id).collect();
    assert_eq!(ids, [c.nido.id, c.doposcuola.id, c.late.id], "{m:#?}");
    let nido = &m.items[0].why;
    assert_eq!(
        (nido.covered_minutes, nido.needed_minutes),
        (5 * 360, 5 * 360)
    );
    assert_eq!(nido.serves_child_ages, [1]);
    let dopo = &m.items[1].why;
    assert_eq!(dopo.covered_minutes, 5 * 150, "12:30-15:00 of her 9-15");
    assert_eq!(dopo.uncovered.len(), 5);
    // From the centre of Sesto, where she lives, to via Manzoni.
    assert!(
        dopo.distance_km.is_some_and(|d| d < 1.5),
        "{:?}",
        dopo.distance_km
    );
    assert_eq!(dopo.serves_child_ages, [7]);
    assert_eq!(dopo.monthly_cost.unwrap().before_cents, 12000);
    assert_eq!(
        m.items[2].why.covered_minutes, 0,
        "16:00-18:30 covers none of her hours"
    );
    assert_eq!(
        m,
        json::<Matches>(app.get("/me/services/matches", Some(&her)).await).await,
        "same input, same answer"
    );

    // The nursery bonus: she may claim it once she declares her ISEE band; declared, it
    // lowers the nursery's cost. Trento's vouchers do not apply in Milan.
    let fits = &m.items[0].contributions;
    assert_eq!(fits.len(), 2, "{fits:#?}");
    assert!(fits.iter().all(|f| !f.eligibility.eligible));
    assert!(
        fits.iter()
            .all(|f| f.eligibility.conditions == [shared::Condition::DeclareIsee])
    );
    assert_eq!(
        m.items[0].why.monthly_cost.unwrap().after_conditional_cents,
        55000 - 32727
    );
    let d: Declaration = json(
        app.put("/me/declaration", &json!({"isee_band": "low"}), Some(&her))
            .await,
    )
    .await;
    assert_eq!(d.isee_band, Some(shared::IseeBand::Low));
    let export: shared::ProfileExport = json(app.get("/me/export", Some(&her)).await).await;
    assert_eq!(
        export.services.declaration, d,
        "her declaration is in her export"
    );
    let m: Matches = json(
        app.get("/me/services/matches?category=nursery", Some(&her))
            .await,
    )
    .await;
    let cost = m.items[0].why.monthly_cost.unwrap();
    assert_eq!(
        (cost.before_cents, cost.after_cents),
        (55000, 55000 - 32727)
    );
    let expect_bad = app
        .put("/me/declaration", &json!({"isee_band": "rich"}), Some(&her))
        .await;
    assert_eq!(expect_bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    expect_problem(
        app.put("/me/declaration", &json!({}), Some(&counsellor))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let res = app.delete("/me/declaration", Some(&her)).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        json::<Declaration>(app.get("/me/declaration", Some(&her)).await).await,
        Declaration::default()
    );

    // Filters: the hours asked, the cost after contributions, the radius.
    let m: Matches = json(
        app.get("/me/services/matches?open_at=wed@16:00-18:00", Some(&her))
            .await,
    )
    .await;
    assert_eq!(m.hours_from, HoursSource::Asked);
    assert_eq!(
        m.items.iter().map(|i| i.service.id).collect::<Vec<_>>(),
        [c.late.id]
    );
    let m: Matches = json(
        app.get("/me/services/matches?max_cost_cents=15000", Some(&her))
            .await,
    )
    .await;
    assert!(m.items.iter().all(|i| i.service.id != c.nido.id));
    let m: Matches = json(
        app.get("/me/services/matches?radius_km=2", Some(&her))
            .await,
    )
    .await;
    assert_eq!(
        m.items.iter().map(|i| i.service.id).collect::<Vec<_>>(),
        [c.doposcuola.id]
    );
    for q in ["radius_km=0", "open_at=x", "max_cost_cents=2000000"] {
        expect_problem(
            app.get(&format!("/me/services/matches?{q}"), Some(&her))
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
    }

    // Her shortlist: published services only; saving twice keeps one; counted once, never who.
    for s in [&c.doposcuola, &c.late, &c.doposcuola] {
        let res = app
            .put_empty(&format!("/me/shortlist/{}", s.id), Some(&her))
            .await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    for hidden in [c.draft.id, c.orphan.id] {
        expect_problem(
            app.put_empty(&format!("/me/shortlist/{hidden}"), Some(&her))
                .await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    let list: Vec<ShortlistItem> = json(app.get("/me/shortlist", Some(&her)).await).await;
    assert_eq!(
        list.iter().map(|i| i.service.id).collect::<Vec<_>>(),
        [c.late.id, c.doposcuola.id]
    );
    let m: Matches = json(app.get("/me/services/matches", Some(&her)).await).await;
    assert!(m.items.iter().any(|i| i.saved && i.service.id == c.late.id));
    let saved = service_use::Entity::find()
        .filter(service_use::Column::Action.eq("saved"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(saved.iter().map(|u| u.count).sum::<i32>(), 2);
    let brief: ProviderBrief = json(
        app.post_empty(&format!("/me/services/{}/contact", c.late.id), Some(&her))
            .await,
    )
    .await;
    assert_eq!(brief.email.as_deref(), Some("info@girasole.example"));
    expect_problem(
        app.post_empty(&format!("/me/services/{}/contact", c.draft.id), Some(&her))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let res = app
        .delete(&format!("/me/shortlist/{}", c.late.id), Some(&her))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let list: Vec<ShortlistItem> = json(app.get("/me/shortlist", Some(&her)).await).await;
    assert_eq!(list.len(), 1);
    let export: shared::ProfileExport = json(app.get("/me/export", Some(&her)).await).await;
    assert_eq!(export.services.shortlist[0].service_id, c.doposcuola.id);
    assert_eq!(
        export.services.declaration,
        Declaration::default(),
        "removed"
    );
    expect_problem(
        app.get("/me/shortlist", Some(&counsellor)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    // Her counsellor reads it (audited); another agency's cannot; nor can she read another's.
    let path = format!("/staff/jobseekers/{her_id}/shortlist");
    let seen: Vec<ShortlistItem> = json(app.get(&path, Some(&counsellor)).await).await;
    assert_eq!(seen, list);
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("shortlist_viewed"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(audited.len(), 1);
    expect_problem(
        app.get(&path, Some(&trento)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        app.get(&path, Some(&her)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
}

async fn her_week_shows_the_gaps_and_the_services_that_close_them(db: TestDb) {
    let app = spawn_app(&db).await;
    let c = catalogue(&app).await;
    let (her, _) = mother(&app).await;
    let counsellor = app.token_of("operatrice.milano@sinergia.example").await;
    expect_problem(
        app.get("/me/week", Some(&counsellor)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    // Before she saves it: her children from her profile, the 7-year-old with the usual
    // primary-school hours, the 1-year-old with none; no job yet, so no gap.
    let res = app.get("/me/week", Some(&her)).await;
    assert_eq!(res.headers()["etag"], "\"0\"");
    let w: WeekView = json(res).await;
    assert_eq!(w.version, 0);
    assert_eq!(w.plan.children.len(), 2);
    assert_eq!(w.plan.children[0].school.len(), 5);
    assert!(w.plan.children[1].school.is_empty());
    assert_eq!(w.plan.helpers.len(), 1);
    assert!(w.gaps.is_empty());

    // A job 9:00-15:00 on weekdays, 30 minutes each way: the older child is at school until
    // 12:30, the younger at home; the grandparents take them on Wednesday afternoons.
    let mut plan = serde_json::to_value(&w.plan).unwrap();
    plan["job"] = json!(
        ["mon", "tue", "wed", "thu", "fri"]
            .iter()
            .map(|d| json!({"day": d, "opens": "09:00", "closes": "15:00"}))
            .collect::<Vec<_>>()
    );
    plan["helpers"][0]["windows"] = json!([{"day": "wed", "opens": "12:00", "closes": "16:00"}]);
    expect_problem(
        app.put_if("/me/week", &plan, &her, None).await,
        StatusCode::PRECONDITION_REQUIRED,
        "precondition_required",
    )
    .await;
    expect_problem(
        app.put_if("/me/week", &plan, &her, Some("\"3\"")).await,
        StatusCode::PRECONDITION_FAILED,
        "precondition_failed",
    )
    .await;
    let mut bad = plan.clone();
    bad["job"][1] = json!({"day": "tue", "opens": "15:00", "closes": "09:00"});
    bad["travel_minutes"] = json!(500);
    bad["helpers"][0]["helper"] = json!("nobody");
    let problem = expect_problem(
        app.put_if("/me/week", &bad, &her, Some("\"0\"")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let pointers: Vec<&str> = problem.errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(pointers, ["/job/1", "/travel_minutes", "/helpers/0/helper"]);
    let res = app.put_if("/me/week", &plan, &her, Some("\"0\"")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["etag"], "\"1\"");
    let w: WeekView = json(res).await;
    let gaps_of = |w: &WeekView, child: usize| -> Vec<String> {
        w.gaps
            .iter()
            .filter(|g| g.child == child)
            .map(|g| format!("{} {}-{}", g.slot.day.as_str(), g.slot.from, g.slot.to))
            .collect()
    };
    assert_eq!(
        gaps_of(&w, 0),
        [
            "mon 12:30-15:30",
            "tue 12:30-15:30",
            "thu 12:30-15:30",
            "fri 12:30-15:30"
        ]
    );
    assert_eq!(
        gaps_of(&w, 1),
        [
            "mon 08:30-15:30",
            "tue 08:30-15:30",
            "wed 08:30-12:00",
            "thu 08:30-15:30",
            "fri 08:30-15:30"
        ],
        "the grandparents take over on Wednesday at 12:00"
    );
    // Each gap comes with the services that would close it: the doposcuola for the older
    // child, the nursery for the younger.
    let first = w.gaps.iter().find(|g| g.child == 0).unwrap();
    assert_eq!(first.services[0].service_id, c.doposcuola.id);
    assert_eq!(first.services[0].covers_minutes, 180);
    let younger = w.gaps.iter().find(|g| g.child == 1).unwrap();
    assert_eq!(younger.services[0].service_id, c.nido.id);
    let wed = &w.children[0].cover;
    assert!(wed.iter().any(|x| x.kind == CoverKind::Helper));

    // Shortlisting the doposcuola (open to 17:00) closes the older child's gaps.
    let res = app
        .put_empty(&format!("/me/shortlist/{}", c.doposcuola.id), Some(&her))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let w: WeekView = json(app.get("/me/week", Some(&her)).await).await;
    assert!(gaps_of(&w, 0).is_empty(), "{:?}", gaps_of(&w, 0));
    assert!(
        w.children[0]
            .cover
            .iter()
            .any(|x| x.kind == CoverKind::Service && x.service_id == Some(c.doposcuola.id))
    );
    assert_eq!(w.version, 1);

    // Her matches now measure against her week's gaps.
    let m: Matches = json(app.get("/me/services/matches", Some(&her)).await).await;
    assert_eq!(m.hours_from, HoursSource::Week);
    assert_eq!(m.items[0].service.id, c.nido.id);
}
