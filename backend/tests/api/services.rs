//! Locations and services of the catalogue (issue 14): kept by the agency's admins and
//! curators, read by its staff, checked field by field (coordinates, windows, ages, prices,
//! locations of the same provider) with nothing half-written, edited by version, and taken
//! through their life (draft, published, checked, retired).

use backend::entities::{cost_option, location, service, service_location, service_window};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use shared::{Location, Page, Provider, Service, ServiceStatus};
use uuid::Uuid;

use crate::db_tests;
use crate::helpers::*;

db_tests!(
    curators_keep_locations_and_services_staff_read_them,
    a_service_is_checked_field_by_field_and_nothing_is_half_written,
);

pub async fn new_provider(app: &TestApp, admin: &str, name: &str) -> Provider {
    let res = app
        .post(
            "/catalogue/providers",
            &json!({"name": name, "kind": "third_sector", "email": "info@girasole.example"}),
            Some(admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    json(res).await
}

pub fn sesto() -> Value {
    json!({
        "name": "Scuola primaria Manzoni",
        "address": "Via Manzoni 12",
        "municipality": "015209",
        "point": {"lat": 45.5335, "lon": 9.2352},
    })
}

pub async fn new_location(app: &TestApp, admin: &str, provider: Uuid, body: &Value) -> Location {
    let res = app
        .post(
            &format!("/catalogue/providers/{provider}/locations"),
            body,
            Some(admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED, "{:?}", res.text().await);
    json(res).await
}

/// A doposcuola from 12:30 to 17:00 on school days, for 6 to 10 years, 120 € a month.
pub fn doposcuola(provider: Uuid, location: Uuid) -> Value {
    let days = ["mon", "tue", "wed", "thu", "fri"];
    json!({
        "provider_id": provider,
        "name": "Doposcuola Manzoni",
        "description": "Pranzo, compiti e gioco fino alle 17.",
        "category": "pre_after_school",
        "ages": {"min_months": 72, "max_months": 131},
        "languages": ["it", "EN"],
        "accessibility": ["step_free", "step_free"],
        "capacity": 40,
        "places": "open",
        "schedule": {
            "weekly": days.iter().map(|d| json!({"day": d, "opens": "12:30", "closes": "17:00"})).collect::<Vec<_>>(),
            "exceptions": [{"from": "2027-07-01", "to": "2027-08-31", "reason": "summer_closure"}],
        },
        "costs": [{"unit": "month", "amount_cents": 12000, "note": "Pranzo incluso"}, {"unit": "one_off", "amount_cents": 3000}],
        "location_ids": [location],
    })
}

pub async fn new_service(app: &TestApp, admin: &str, body: &Value) -> Service {
    let res = app.post("/catalogue/services", body, Some(admin)).await;
    assert_eq!(res.status(), StatusCode::CREATED, "{:?}", res.text().await);
    json(res).await
}

async fn curators_keep_locations_and_services_staff_read_them(db: TestDb) {
    let app = spawn_app(&db).await;
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let counsellor = app.token_of("operatrice.milano@sinergia.example").await;
    let manager = app.token_of("community.milano@sinergia.example").await;
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    let trento = app.token_of("admin.trento@sinergia.example").await;
    let p = new_provider(&app, &admin, "Cooperativa Il Girasole").await;

    // Locations: only a curator adds one, in a municipality of the agency.
    let path = format!("/catalogue/providers/{}/locations", p.id);
    assert_eq!(
        app.post(&path, &sesto(), None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    for t in [&giulia, &counsellor] {
        expect_problem(
            app.post(&path, &sesto(), Some(t)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    expect_problem(
        app.post(&path, &sesto(), Some(&trento)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let mut in_trento = sesto();
    in_trento["municipality"] = json!("022205");
    let problem = expect_problem(
        app.post(&path, &in_trento, Some(&admin)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(problem.errors[0].pointer, "/municipality");
    let res = app.post(&path, &sesto(), Some(&admin)).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(res.headers()["etag"], "\"1\"");
    let loc: Location = json(res).await;
    assert_eq!(loc.municipality_name, "Sesto San Giovanni");
    let listed: Vec<Location> = json(app.get(&path, Some(&manager)).await).await;
    assert_eq!(listed, std::slice::from_ref(&loc));
    expect_problem(
        app.get(&path, Some(&giulia)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    // A location is edited by version.
    let lpath = format!("/catalogue/locations/{}", loc.id);
    let mut moved = sesto();
    moved["address"] = json!("Via Manzoni 14");
    expect_problem(
        app.put_if(&lpath, &moved, &admin, None).await,
        StatusCode::PRECONDITION_REQUIRED,
        "precondition_required",
    )
    .await;
    expect_problem(
        app.put_if(&lpath, &moved, &trento, Some("\"1\"")).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let res = app.put_if(&lpath, &moved, &admin, Some("\"1\"")).await;
    assert_eq!(res.headers()["etag"], "\"2\"");
    assert_eq!(json::<Location>(res).await.address, "Via Manzoni 14");
    expect_problem(
        app.put_if(&lpath, &moved, &admin, Some("\"1\"")).await,
        StatusCode::PRECONDITION_FAILED,
        "precondition_failed",
    )
    .await;

    // A service starts as a draft; staff read it, another agency does not, a jobseeker cannot.
    let body = doposcuola(p.id, loc.id);
    for t in [&giulia, &counsellor, &manager] {
        expect_problem(
            app.post("/catalogue/services", &body, Some(t)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    // Another agency's admin cannot use this agency's provider: it is unknown to her.
    let problem = expect_problem(
        app.post("/catalogue/services", &body, Some(&trento)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let pointers: Vec<&str> = problem.errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(pointers, ["/provider_id", "/location_ids/0"]);
    let res = app.post("/catalogue/services", &body, Some(&admin)).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(res.headers()["etag"], "\"1\"");
    let s: Service = json(res).await;
    assert_eq!(s.status, ServiceStatus::Draft);
    assert_eq!(s.languages, ["it", "en"], "lower case, once each");
    assert_eq!(s.accessibility.len(), 1);
    assert_eq!(s.costs.len(), 2);
    assert_eq!(s.locations[0].id, loc.id);
    assert_eq!(s.provider.name, "Cooperativa Il Girasole");
    assert_eq!(s.schedule.weekly.len(), 5);
    assert_eq!(s.schedule.exceptions.len(), 1);
    assert!(s.verified_at.is_none());
    let windows = service_window::Entity::find()
        .filter(service_window::Column::ServiceId.eq(s.id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(windows, 5);

    let spath = format!("/catalogue/services/{}", s.id);
    let res = app.get(&spath, Some(&counsellor)).await;
    assert_eq!(res.headers()["etag"], "\"1\"");
    assert_eq!(json::<Service>(res).await, s);
    for (t, status, code) in [
        (&trento, StatusCode::NOT_FOUND, "not_found"),
        (&giulia, StatusCode::FORBIDDEN, "forbidden"),
    ] {
        expect_problem(app.get(&spath, Some(t)).await, status, code).await;
        expect_problem(
            app.put_if(&spath, &body, t, Some("\"1\"")).await,
            status,
            code,
        )
        .await;
        for step in ["publish", "retire", "verify"] {
            expect_problem(
                app.post_empty(&format!("{spath}/{step}"), Some(t)).await,
                status,
                code,
            )
            .await;
        }
    }
    let none: Page<Service> = json(app.get("/catalogue/services", Some(&trento)).await).await;
    assert!(none.items.is_empty());
    expect_problem(
        app.get("/catalogue/services", Some(&giulia)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    // Published, checked, listed by status and category; retired, it stays readable by staff.
    let published: Service = json(
        app.post_empty(&format!("{spath}/publish"), Some(&admin))
            .await,
    )
    .await;
    assert_eq!(
        (published.status, published.version),
        (ServiceStatus::Published, 2)
    );
    let again: Service = json(
        app.post_empty(&format!("{spath}/publish"), Some(&admin))
            .await,
    )
    .await;
    assert_eq!(again.version, 2, "publishing again changes nothing");
    let checked: Service = json(
        app.post_empty(&format!("{spath}/verify"), Some(&admin))
            .await,
    )
    .await;
    assert!(checked.verified_at.is_some());
    assert_eq!(checked.status, ServiceStatus::Published);
    let drafts: Page<Service> = json(
        app.get("/catalogue/services?status=draft", Some(&manager))
            .await,
    )
    .await;
    assert!(drafts.items.is_empty());
    let found: Page<Service> = json(
        app.get(
            "/catalogue/services?status=published&category=pre_after_school&q=manzoni",
            Some(&manager),
        )
        .await,
    )
    .await;
    assert_eq!(found.items.len(), 1);
    let res = app
        .get("/catalogue/services?category=spa", Some(&manager))
        .await;
    assert!(res.status().is_client_error());

    // A location with a live service cannot be retired; a retired provider's service cannot
    // be published.
    expect_problem(
        app.post_empty(&format!("{lpath}/retire"), Some(&admin))
            .await,
        StatusCode::CONFLICT,
        "location_in_use",
    )
    .await;
    let retired: Service = json(
        app.post_empty(&format!("{spath}/retire"), Some(&admin))
            .await,
    )
    .await;
    assert_eq!(retired.status, ServiceStatus::Retired);
    let gone: Location = json(
        app.post_empty(&format!("{lpath}/retire"), Some(&admin))
            .await,
    )
    .await;
    assert!(gone.retired_at.is_some());
    let res = app
        .post_empty(
            &format!("/catalogue/providers/{}/retire", p.id),
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    expect_problem(
        app.post_empty(&format!("{spath}/publish"), Some(&admin))
            .await,
        StatusCode::CONFLICT,
        "provider_retired",
    )
    .await;
    expect_problem(
        app.post(&path, &sesto(), Some(&admin)).await,
        StatusCode::CONFLICT,
        "provider_retired",
    )
    .await;
}

async fn a_service_is_checked_field_by_field_and_nothing_is_half_written(db: TestDb) {
    let app = spawn_app(&db).await;
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let p = new_provider(&app, &admin, "Cooperativa Il Girasole").await;
    let other = new_provider(&app, &admin, "Comune di Sesto San Giovanni").await;
    let loc = new_location(&app, &admin, p.id, &sesto()).await;
    let theirs = new_location(&app, &admin, other.id, &sesto()).await;

    // A location: coordinates out of range, empty name, unknown municipality.
    let problem = expect_problem(
        app.post(
            &format!("/catalogue/providers/{}/locations", p.id),
            &json!({"name": " ", "address": "Via Roma 1", "municipality": "999999", "point": {"lat": 91.0, "lon": -181.0}}),
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
            (
                "/municipality".to_owned(),
                "municipality_unknown".to_owned()
            ),
            ("/name".to_owned(), "required".to_owned()),
            (
                "/point/lat".to_owned(),
                "coordinates_out_of_range".to_owned()
            ),
            (
                "/point/lon".to_owned(),
                "coordinates_out_of_range".to_owned()
            ),
        ]
    );
    assert_eq!(location::Entity::find().count(&app.db).await.unwrap(), 2);

    // A service: every broken rule at once.
    let mut bad = doposcuola(p.id, loc.id);
    bad["name"] = json!("");
    bad["ages"] = json!({"min_months": 131, "max_months": 72});
    bad["languages"] = json!(["it", "xx"]);
    bad["capacity"] = json!(0);
    bad["schedule"] = json!({"weekly": [
        {"day": "mon", "opens": "12:30", "closes": "17:00"},
        {"day": "mon", "opens": "16:00", "closes": "18:00"},
        {"day": "tue", "opens": "17:00", "closes": "12:30"},
    ], "exceptions": []});
    bad["costs"] = json!([{"unit": "month", "amount_cents": 1_000_001}]);
    bad["location_ids"] = json!([loc.id, theirs.id, loc.id, Uuid::now_v7()]);
    let problem = expect_problem(
        app.post("/catalogue/services", &bad, Some(&admin)).await,
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
            ("/ages".to_owned(), "ages_reversed".to_owned()),
            ("/capacity".to_owned(), "number_out_of_range".to_owned()),
            (
                "/costs/0/amount_cents".to_owned(),
                "number_out_of_range".to_owned()
            ),
            ("/languages/1".to_owned(), "language_unknown".to_owned()),
            ("/location_ids/1".to_owned(), "location_unknown".to_owned()),
            ("/location_ids/2".to_owned(), "duplicate_value".to_owned()),
            ("/location_ids/3".to_owned(), "location_unknown".to_owned()),
            ("/name".to_owned(), "required".to_owned()),
            (
                "/schedule/weekly/1".to_owned(),
                "windows_overlap".to_owned()
            ),
        ]
    );
    let mut inverted = doposcuola(p.id, loc.id);
    inverted["schedule"]["weekly"][2] = json!({"day": "wed", "opens": "17:00", "closes": "12:30"});
    let problem = expect_problem(
        app.post("/catalogue/services", &inverted, Some(&admin))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(problem.errors[0].pointer, "/schedule/weekly/2");
    assert_eq!(problem.errors[0].code.to_string(), "window_inverted");
    let mut backwards = doposcuola(p.id, loc.id);
    backwards["schedule"]["exceptions"][0]["to"] = json!("2027-06-01");
    let problem = expect_problem(
        app.post("/catalogue/services", &backwards, Some(&admin))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(problem.errors[0].pointer, "/schedule/exceptions/0");
    for shape in [
        json!({"day": "mon", "opens": "25:00", "closes": "26:00"}),
        json!({"day": "lun", "opens": "08:00", "closes": "09:00"}),
        json!({"day": "mon", "opens": "8:00", "closes": "09:00"}),
    ] {
        let mut wrong = doposcuola(p.id, loc.id);
        wrong["schedule"]["weekly"][0] = shape;
        expect_problem(
            app.post("/catalogue/services", &wrong, Some(&admin)).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
        )
        .await;
    }
    assert_eq!(service::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(
        service_window::Entity::find().count(&app.db).await.unwrap(),
        0
    );
    assert_eq!(cost_option::Entity::find().count(&app.db).await.unwrap(), 0);

    // Edited by version: windows, prices and locations replaced in one go; a refused edit
    // leaves the service as it was.
    let s = new_service(&app, &admin, &doposcuola(p.id, loc.id)).await;
    let spath = format!("/catalogue/services/{}", s.id);
    let second = new_location(
        &app,
        &admin,
        p.id,
        &json!({
            "name": "Palestra comunale", "address": "Via Rovani 40", "municipality": "015209",
            "point": {"lat": 45.5390, "lon": 9.2300},
        }),
    )
    .await;
    let mut changed = doposcuola(p.id, second.id);
    changed["schedule"]["weekly"] = json!([{"day": "mon", "opens": "16:00", "closes": "18:30"}, {"day": "mon", "opens": "07:30", "closes": "08:30"}]);
    changed["costs"] = json!([{"unit": "hour", "amount_cents": 650}]);
    expect_problem(
        app.put_if(&spath, &bad, &admin, Some("\"1\"")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    expect_problem(
        app.put_if(&spath, &changed, &admin, None).await,
        StatusCode::PRECONDITION_REQUIRED,
        "precondition_required",
    )
    .await;
    expect_problem(
        app.put_if(&spath, &changed, &admin, Some("\"9\"")).await,
        StatusCode::PRECONDITION_FAILED,
        "precondition_failed",
    )
    .await;
    let unchanged: Service = json(app.get(&spath, Some(&admin)).await).await;
    assert_eq!(unchanged, s);
    let res = app.put_if(&spath, &changed, &admin, Some("\"1\"")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["etag"], "\"2\"");
    let saved: Service = json(res).await;
    assert_eq!(
        saved.schedule.weekly[0].opens.to_string(),
        "07:30",
        "windows in order"
    );
    assert_eq!(saved.costs.len(), 1);
    assert_eq!(
        saved.locations.iter().map(|l| l.id).collect::<Vec<_>>(),
        [second.id]
    );
    assert_eq!(saved.status, ServiceStatus::Draft);
    let rows = |table: &'static str| {
        let db = app.db.clone();
        let id = s.id;
        async move {
            match table {
                "windows" => service_window::Entity::find()
                    .filter(service_window::Column::ServiceId.eq(id))
                    .count(&db)
                    .await
                    .unwrap(),
                "costs" => cost_option::Entity::find()
                    .filter(cost_option::Column::ServiceId.eq(id))
                    .count(&db)
                    .await
                    .unwrap(),
                _ => service_location::Entity::find()
                    .filter(service_location::Column::ServiceId.eq(id))
                    .count(&db)
                    .await
                    .unwrap(),
            }
        }
    };
    assert_eq!(
        (
            rows("windows").await,
            rows("costs").await,
            rows("places").await
        ),
        (2, 1, 1)
    );
}
