//! The catalogue of conciliation services (issue 14): its tables hold a service where and when
//! it is offered, on both databases (a location must be in a known municipality; deleting a
//! provider takes its services and their rows with it); its providers are kept by the agency's
//! admins and curators and read by its staff, checked field by field and edited by version.

use backend::entities::{
    cost_option, location, provider, service, service_location, service_window, shortlist,
};
use chrono::Utc;
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::json;
use shared::{
    CostUnit, OpeningWindow, Page, Places, Provider, ProviderKind, Schedule, ServiceCategory,
    TimeOfDay, Weekday,
};
use uuid::Uuid;

use crate::db_tests;
use crate::helpers::*;

db_tests!(
    the_catalogue_tables_hold_a_service_where_and_when_it_is_offered,
    admins_and_curators_keep_the_providers_staff_read_them,
    a_provider_is_checked_field_by_field_and_edited_by_version,
);

async fn the_catalogue_tables_hold_a_service_where_and_when_it_is_offered(db: TestDb) {
    let app = spawn_app(&db).await;
    let now = Utc::now();
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    let giulia_id = json::<shared::Me>(app.get("/me", Some(&giulia)).await)
        .await
        .id
        .0;

    let provider = provider::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(MILANO),
        name: Set("Cooperativa Il Girasole".to_owned()),
        kind: Set(ProviderKind::ThirdSector),
        description: Set(None),
        email: Set(Some("info@girasole.example".to_owned())),
        phone: Set(None),
        website: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        retired_at: Set(None),
    }
    .insert(&app.db)
    .await
    .unwrap();
    let place = |municipality: &str| location::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(MILANO),
        provider_id: Set(provider.id),
        name: Set("Scuola primaria Manzoni".to_owned()),
        address: Set("Via Manzoni 12".to_owned()),
        municipality_code: Set(municipality.to_owned()),
        lat: Set(45.5335),
        lon: Set(9.2352),
        created_at: Set(now),
        version: Set(1),
        retired_at: Set(None),
    };
    assert!(
        place("999999").insert(&app.db).await.is_err(),
        "a location in an unknown municipality is refused"
    );
    let loc = place("015209").insert(&app.db).await.unwrap();

    let t = |s: &str| TimeOfDay::parse(s).unwrap();
    let schedule = Schedule {
        weekly: [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ]
        .into_iter()
        .flat_map(|day| {
            [
                OpeningWindow {
                    day,
                    opens: t("07:30"),
                    closes: t("08:30"),
                },
                OpeningWindow {
                    day,
                    opens: t("16:30"),
                    closes: t("18:30"),
                },
            ]
        })
        .collect(),
        exceptions: vec![],
    };
    assert_eq!(schedule.check(), Ok(()));
    let svc = service::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(MILANO),
        provider_id: Set(provider.id),
        name: Set("Pre e post scuola Manzoni".to_owned()),
        description: Set(serde_json::json!({"it": "Accoglienza prima e dopo la scuola.", "en": "Care before and after school."})),
        category: Set(ServiceCategory::PreAfterSchool),
        min_age_months: Set(Some(72)),
        max_age_months: Set(Some(131)),
        languages: Set(serde_json::json!(["it", "en"])),
        accessibility: Set(serde_json::json!(["step_free"])),
        capacity: Set(Some(40)),
        places: Set(Places::Open),
        schedule: Set(serde_json::to_value(&schedule).unwrap()),
        status: Set("published".to_owned()),
        verified_at: Set(Some(now)),
        verified_by: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&app.db)
    .await
    .unwrap();
    service_location::ActiveModel {
        service_id: Set(svc.id),
        location_id: Set(loc.id),
    }
    .insert(&app.db)
    .await
    .unwrap();
    for w in &schedule.weekly {
        let day = Weekday::ALL.iter().position(|d| *d == w.day).unwrap();
        service_window::ActiveModel {
            service_id: Set(svc.id),
            day: Set(i16::try_from(day).unwrap()),
            opens: Set(i16::try_from(w.opens.minutes()).unwrap()),
            closes: Set(i16::try_from(w.closes.minutes()).unwrap()),
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    cost_option::ActiveModel {
        id: Set(Uuid::now_v7()),
        service_id: Set(svc.id),
        unit: Set(CostUnit::Month),
        amount_cents: Set(6500),
        note: Set(Some("Merenda inclusa".to_owned())),
    }
    .insert(&app.db)
    .await
    .unwrap();
    shortlist::ActiveModel {
        user_id: Set(giulia_id),
        service_id: Set(svc.id),
        saved_at: Set(now),
    }
    .insert(&app.db)
    .await
    .unwrap();

    // Read back as written: open on Monday at 17:00, the schedule whole, the price.
    let open_at_17 = service_window::Entity::find()
        .filter(service_window::Column::Day.eq(0))
        .filter(service_window::Column::Opens.lte(17 * 60))
        .filter(service_window::Column::Closes.gt(17 * 60))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(open_at_17.len(), 1);
    assert_eq!(open_at_17[0].service_id, svc.id);
    let stored = service::Entity::find_by_id(svc.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        serde_json::from_value::<Schedule>(stored.schedule).unwrap(),
        schedule
    );
    assert_eq!(stored.category, ServiceCategory::PreAfterSchool);
    assert_eq!(stored.places, Places::Open);

    // Deleting the provider takes its services, their windows, prices, places and shortlists.
    provider::Entity::delete_by_id(provider.id)
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(service::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(
        service_window::Entity::find().count(&app.db).await.unwrap(),
        0
    );
    assert_eq!(cost_option::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(shortlist::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(location::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(
        service_location::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
}

fn girasole() -> serde_json::Value {
    json!({
        "name": "  Cooperativa Il Girasole ",
        "kind": "third_sector",
        "description": "Pre e post scuola, centri estivi.",
        "email": "info@girasole.example",
        "phone": "+39 039 123 4567",
        "website": "https://girasole.example/servizi",
    })
}

/// The agency's admin makes a staff member a curator of the catalogue (or not).
async fn set_curator(app: &TestApp, admin: &str, user: uuid::Uuid, on: bool) -> reqwest::Response {
    app.put(
        &format!("/admin/users/{user}/catalogue-curator"),
        &json!({ "curator": on }),
        Some(admin),
    )
    .await
}

async fn admins_and_curators_keep_the_providers_staff_read_them(db: TestDb) {
    let app = spawn_app(&db).await;
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let counsellor = app.token_of("operatrice.milano@sinergia.example").await;
    let manager = app.token_of("community.milano@sinergia.example").await;
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    let trento = app.token_of("admin.trento@sinergia.example").await;

    // Nobody signed in, a jobseeker, a counsellor who does not curate: refused, nothing made.
    let res = app.post("/catalogue/providers", &girasole(), None).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    for t in [&giulia, &counsellor] {
        expect_problem(
            app.post("/catalogue/providers", &girasole(), Some(t)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    assert_eq!(provider::Entity::find().count(&app.db).await.unwrap(), 0);

    // The admin adds one: trimmed, version 1, its ETag.
    let res = app
        .post("/catalogue/providers", &girasole(), Some(&admin))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(res.headers()["etag"], "\"1\"");
    let p: Provider = json(res).await;
    assert_eq!(p.name, "Cooperativa Il Girasole");
    assert_eq!(p.agency_id.0, MILANO);
    assert_eq!(p.version, 1);

    // A counsellor the admin made a curator adds one too. Only her agency's admin grants it:
    // not the counsellor herself, not another agency's admin (404); never to a jobseeker.
    let counsellor_id = json::<shared::Me>(app.get("/me", Some(&counsellor)).await)
        .await
        .id
        .0;
    let giulia_id = json::<shared::Me>(app.get("/me", Some(&giulia)).await)
        .await
        .id
        .0;
    expect_problem(
        set_curator(&app, &counsellor, counsellor_id, true).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_problem(
        set_curator(&app, &trento, counsellor_id, true).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        set_curator(&app, &admin, giulia_id, true).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let res = set_curator(&app, &admin, counsellor_id, true).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(json::<shared::UserAccount>(res).await.catalogue_curator);
    let mut other = girasole();
    other["name"] = json!("Comune di Sesto San Giovanni - Servizi educativi");
    other["kind"] = json!("public");
    let res = app
        .post("/catalogue/providers", &other, Some(&counsellor))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let public: Provider = json(res).await;

    // Staff of the agency read them (newest first, by name search); a jobseeker does not;
    // another agency sees none of them and gets 404 for each.
    let page: Page<Provider> = json(app.get("/catalogue/providers", Some(&manager)).await).await;
    assert_eq!(
        page.items.iter().map(|p| p.id).collect::<Vec<_>>(),
        [public.id, p.id]
    );
    let found: Page<Provider> = json(
        app.get("/catalogue/providers?q=GIRASOLE", Some(&manager))
            .await,
    )
    .await;
    assert_eq!(found.items.len(), 1);
    let first: Page<Provider> = json(
        app.get("/catalogue/providers?page_size=1", Some(&manager))
            .await,
    )
    .await;
    let token = first.next_page_token.unwrap();
    let second: Page<Provider> = json(
        app.get(
            &format!("/catalogue/providers?page_size=1&page_token={token}"),
            Some(&manager),
        )
        .await,
    )
    .await;
    assert_eq!(second.items[0].id, p.id);
    assert!(second.next_page_token.is_none());
    expect_problem(
        app.get("/catalogue/providers", Some(&giulia)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let theirs: Page<Provider> = json(app.get("/catalogue/providers", Some(&trento)).await).await;
    assert!(theirs.items.is_empty());
    let path = format!("/catalogue/providers/{}", p.id);
    for (t, status, code) in [
        (&trento, StatusCode::NOT_FOUND, "not_found"),
        (&giulia, StatusCode::FORBIDDEN, "forbidden"),
    ] {
        expect_problem(app.get(&path, Some(t)).await, status, code).await;
        expect_problem(
            app.put_if(&path, &girasole(), t, Some("\"1\"")).await,
            status,
            code,
        )
        .await;
        expect_problem(
            app.post_empty(&format!("{path}/retire"), Some(t)).await,
            status,
            code,
        )
        .await;
    }
    let res = app.get(&path, Some(&counsellor)).await;
    assert_eq!(res.headers()["etag"], "\"1\"");
    // Revoked: she reads, she no longer writes.
    let res = set_curator(&app, &admin, counsellor_id, false).await;
    assert!(!json::<shared::UserAccount>(res).await.catalogue_curator);
    expect_problem(
        app.post("/catalogue/providers", &girasole(), Some(&counsellor))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    // Retired: out of the list unless asked, its date kept when retired again; a manager
    // (not a curator) cannot.
    expect_problem(
        app.post_empty(&format!("{path}/retire"), Some(&manager))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let retired: Provider = json(
        app.post_empty(&format!("{path}/retire"), Some(&admin))
            .await,
    )
    .await;
    let when = retired.retired_at.unwrap();
    let again: Provider = json(
        app.post_empty(&format!("{path}/retire"), Some(&admin))
            .await,
    )
    .await;
    assert_eq!(again.retired_at, Some(when));
    assert_eq!(again.version, 2);
    let page: Page<Provider> = json(app.get("/catalogue/providers", Some(&manager)).await).await;
    assert_eq!(page.items.len(), 1);
    let page: Page<Provider> = json(
        app.get("/catalogue/providers?include_retired=true", Some(&manager))
            .await,
    )
    .await;
    assert_eq!(page.items.len(), 2);
}

async fn a_provider_is_checked_field_by_field_and_edited_by_version(db: TestDb) {
    let app = spawn_app(&db).await;
    let admin = app.token_of("admin.milano@sinergia.example").await;

    // Every broken rule at once, nothing stored.
    let problem = expect_problem(
        app.post(
            "/catalogue/providers",
            &json!({
                "name": "   ",
                "kind": "third_sector",
                "description": "x".repeat(2001),
                "email": "non-una-email",
                "phone": "12ab",
                "website": "javascript:alert(1)",
            }),
            Some(&admin),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let mut fields: Vec<(String, String)> = problem
        .errors
        .iter()
        .map(|e| (e.pointer.clone(), e.code.to_string()))
        .collect();
    fields.sort();
    assert_eq!(
        fields,
        [
            ("/description".to_owned(), "text_too_long".to_owned()),
            ("/email".to_owned(), "email_invalid".to_owned()),
            ("/name".to_owned(), "required".to_owned()),
            ("/phone".to_owned(), "phone_invalid".to_owned()),
            ("/website".to_owned(), "website_invalid".to_owned()),
        ]
    );
    for body in [
        json!({"name": "A", "kind": "charity"}),
        json!({"name": "A", "kind": "public", "extra": 1}),
        json!({"kind": "public"}),
    ] {
        let res = app.post("/catalogue/providers", &body, Some(&admin)).await;
        assert!(res.status().is_client_error() && res.status() != StatusCode::NOT_FOUND);
    }
    assert_eq!(provider::Entity::find().count(&app.db).await.unwrap(), 0);

    // Edited by version: without If-Match 428; a stale one 412; the right one saves.
    let p: Provider = json(
        app.post("/catalogue/providers", &girasole(), Some(&admin))
            .await,
    )
    .await;
    let path = format!("/catalogue/providers/{}", p.id);
    let mut changed = girasole();
    changed["phone"] = json!("");
    changed["website"] = json!("http://girasole.example");
    expect_problem(
        app.put_if(&path, &changed, &admin, None).await,
        StatusCode::PRECONDITION_REQUIRED,
        "precondition_required",
    )
    .await;
    for stale in ["\"7\"", "soon"] {
        expect_problem(
            app.put_if(&path, &changed, &admin, Some(stale)).await,
            StatusCode::PRECONDITION_FAILED,
            "precondition_failed",
        )
        .await;
    }
    let res = app.put_if(&path, &changed, &admin, Some("\"1\"")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["etag"], "\"2\"");
    let saved: Provider = json(res).await;
    assert_eq!(saved.phone, None, "an empty optional field is dropped");
    assert_eq!(saved.website.as_deref(), Some("http://girasole.example"));
    // The first version is now stale; a bad body with the right version changes nothing.
    expect_problem(
        app.put_if(&path, &changed, &admin, Some("\"1\"")).await,
        StatusCode::PRECONDITION_FAILED,
        "precondition_failed",
    )
    .await;
    let mut bad = girasole();
    bad["email"] = json!("x");
    expect_problem(
        app.put_if(&path, &bad, &admin, Some("\"2\"")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let now: Provider = json(app.get(&path, Some(&admin)).await).await;
    assert_eq!(now, saved);
}
