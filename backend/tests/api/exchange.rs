//! The catalogue in and out (issue 14): a CSV file or an HSDS 3 document is checked row by
//! row (the report says what each row would do or why not), written whole or not at all, and
//! the agency's catalogue exported in both formats reads back in. Only its admins and
//! curators import; its staff export; nobody else.

use backend::entities::{location, provider, service};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use shared::{HsdsDocument, ImportAction, ImportReport, ServiceStatus};

use crate::db_tests;
use crate::helpers::*;

db_tests!(
    a_csv_file_is_checked_row_by_row_and_written_whole_or_not_at_all,
    the_catalogue_goes_out_and_comes_back_in_both_formats,
    only_admins_and_curators_import_and_only_staff_export,
);

const HEADER: &str = "provider;provider_kind;provider_email;service;category;min_age_months;max_age_months;languages;places;location;address;municipality;lat;lon;weekly;closures;costs;status";

fn row(service: &str, lat: &str, weekly: &str) -> String {
    format!(
        "Cooperativa Aquilone;third_sector;info@aquilone.example;{service};pre_after_school;72;132;it | en;short_wait;Scuola Rodari;Via Rodari 3;015209;{lat};9,2352;{weekly};2026-12-24..2027-01-06 school_closure;month 95,50 | one_off 30;published"
    )
}

/// A file of three rows; `bad` makes the second one break three rules.
fn file(bad: bool) -> String {
    let second = if bad {
        row("Doposcuola Rodari", "145,5", "mon 18:00-16:00")
    } else {
        row(
            "Doposcuola Rodari",
            "45,5335",
            "mon 16:00-18:30 | tue 16:00-18:30",
        )
    };
    format!(
        "\u{feff}{HEADER}\n{}\n{second}\n{}\n",
        row(
            "Pre-scuola Rodari",
            "45,5335",
            "mon 07:30-08:30 | tue 07:30-08:30"
        ),
        row("Centro estivo Rodari", "45,5335", "mon 08:00-16:00"),
    )
}

async fn send(
    app: &TestApp,
    token: Option<&str>,
    format: &str,
    dry_run: bool,
    body: String,
) -> reqwest::Response {
    let ct = if format == "csv" {
        "text/csv"
    } else {
        "application/json"
    };
    let mut req = app
        .client
        .post(app.url(&format!(
            "/catalogue/import?format={format}&dry_run={dry_run}"
        )))
        .header("Content-Type", ct)
        .header("Accept-Language", "en")
        .body(body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.expect("request")
}

async fn count(app: &TestApp, agency: uuid::Uuid) -> (u64, u64, u64) {
    (
        provider::Entity::find()
            .filter(provider::Column::AgencyId.eq(agency))
            .count(&app.db)
            .await
            .unwrap(),
        location::Entity::find()
            .filter(location::Column::AgencyId.eq(agency))
            .count(&app.db)
            .await
            .unwrap(),
        service::Entity::find()
            .filter(service::Column::AgencyId.eq(agency))
            .count(&app.db)
            .await
            .unwrap(),
    )
}

async fn a_csv_file_is_checked_row_by_row_and_written_whole_or_not_at_all(db: TestDb) {
    let app = spawn_app(&db).await;
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let before = count(&app, MILANO).await;

    // The check: every row reported, the bad one with each of its faults, nothing written.
    let res = send(&app, Some(&admin), "csv", true, file(true)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let report: ImportReport = json(res).await;
    assert!(report.dry_run && !report.imported);
    assert_eq!((report.accepted, report.refused), (2, 1));
    assert_eq!(
        report.rows.iter().map(|r| r.row).collect::<Vec<_>>(),
        [2, 3, 4]
    );
    let bad = &report.rows[1];
    assert!(!bad.accepted && bad.action.is_none());
    assert_eq!(bad.name, "Doposcuola Rodari");
    let faults: Vec<(&str, String)> = bad
        .errors
        .iter()
        .map(|e| (e.pointer.as_str(), e.code.to_string()))
        .collect();
    assert!(
        faults.contains(&("/lat", "coordinates_out_of_range".into())),
        "{faults:?}"
    );
    assert!(
        faults.contains(&("/weekly", "window_inverted".into())),
        "{faults:?}"
    );
    assert!(!bad.errors[0].message.is_empty());
    assert_eq!(report.rows[0].action, Some(ImportAction::Create));
    assert_eq!((report.new_providers, report.new_locations), (1, 1));
    assert_eq!(count(&app, MILANO).await, before);

    // Writing it anyway: refused whole, each fault by row and column.
    let problem = expect_problem(
        send(&app, Some(&admin), "csv", false, file(true)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let pointers: Vec<&str> = problem.errors.iter().map(|e| e.pointer.as_str()).collect();
    assert!(pointers.contains(&"/rows/3/lat"), "{pointers:?}");
    assert!(pointers.contains(&"/rows/3/weekly"), "{pointers:?}");
    assert_eq!(count(&app, MILANO).await, before, "nothing half-imported");

    // Fixed: written whole, one provider and one location shared by the three services.
    let res = send(&app, Some(&admin), "csv", false, file(false)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let report: ImportReport = json(res).await;
    assert!(report.imported && report.refused == 0 && report.accepted == 3);
    let (p, l, s) = count(&app, MILANO).await;
    assert_eq!((p, l, s), (before.0 + 1, before.1 + 1, before.2 + 3));
    let found: shared::Page<shared::ServiceHit> =
        json(app.get("/services?q=rodari&page_size=10", None).await).await;
    assert_eq!(found.items.len(), 3, "published as the file says");
    let doposcuola = found
        .items
        .iter()
        .find(|h| h.service.name == "Doposcuola Rodari")
        .unwrap();
    let s = &doposcuola.service;
    assert_eq!(s.costs[0].amount_cents, 9_550);
    assert_eq!(s.schedule.exceptions.len(), 1);
    assert_eq!(s.languages, ["it", "en"]);
    assert_eq!(s.locations[0].municipality, "015209");

    // The same file again: the provider and location are found, not made twice.
    let res = send(&app, Some(&admin), "csv", true, file(false)).await;
    let report: ImportReport = json(res).await;
    assert_eq!((report.new_providers, report.new_locations), (0, 0));

    // Files that cannot be read at all.
    for (body, code) in [
        ("service;category\nX;nursery\n".to_owned(), "column_missing"),
        (format!("{HEADER};colour\n"), "column_unknown"),
        (format!("{HEADER}\n"), "file_empty"),
    ] {
        let problem = expect_problem(
            send(&app, Some(&admin), "csv", true, body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert!(
            problem.errors.iter().any(|e| e.code.as_str() == code),
            "{code}: {:?}",
            problem.errors
        );
    }
    let mut latin1 = HEADER.as_bytes().to_vec();
    latin1.extend_from_slice(b"\nCaf\xe9;x\n");
    let res = app
        .client
        .post(app.url("/catalogue/import?format=csv"))
        .bearer_auth(&admin)
        .body(latin1)
        .send()
        .await
        .unwrap();
    let problem = expect_problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(problem.errors[0].code.to_string(), "file_unreadable");
    let res = send(&app, Some(&admin), "xlsx", true, file(false)).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = send(
        &app,
        Some(&admin),
        "hsds",
        true,
        "{\"organizations\": 3}".into(),
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "JSON of another shape"
    );
    let res = send(&app, Some(&admin), "hsds", true, "organizations".into()).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "not JSON");
    let huge = "x".repeat(6 * 1024 * 1024);
    let res = send(&app, Some(&admin), "csv", true, huge).await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

async fn the_catalogue_goes_out_and_comes_back_in_both_formats(db: TestDb) {
    let app = spawn_app(&db).await;
    let milano = app.token_of("admin.milano@sinergia.example").await;
    let trento = app.token_of("admin.trento@sinergia.example").await;
    let res = send(&app, Some(&milano), "csv", false, file(false)).await;
    assert_eq!(res.status(), StatusCode::OK);

    // CSV out: a BOM, `;`, the header, one row per service and location.
    let res = app.get("/catalogue/export?format=csv", Some(&milano)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let csv = res.text().await.unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .starts_with("\u{feff}service_id;provider;")
    );
    let rodari: Vec<&str> = csv.lines().filter(|l| l.contains("Rodari;")).collect();
    assert_eq!(rodari.len(), 3);
    assert!(
        rodari
            .iter()
            .any(|l| l.contains("month 95,50 | one_off 30,00"))
    );

    // Read back by the same agency: every service found by its id and replaced, none added.
    let before = count(&app, MILANO).await;
    let report: ImportReport =
        json(send(&app, Some(&milano), "csv", false, csv.clone()).await).await;
    assert!(
        report.imported && report.refused == 0,
        "{:?}",
        report.rows.iter().find(|r| !r.accepted)
    );
    assert!(
        report
            .rows
            .iter()
            .all(|r| r.action == Some(ImportAction::Update))
    );
    assert_eq!(count(&app, MILANO).await, before);

    // HSDS out: organizations with their services, schedules, prices and places.
    let res = app
        .get("/catalogue/export?format=hsds", Some(&milano))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let doc: HsdsDocument = json(res).await;
    assert_eq!(doc.hsds_version, "3.0");
    let aquilone = doc
        .organizations
        .iter()
        .find(|o| o.name == "Cooperativa Aquilone")
        .unwrap();
    assert_eq!(aquilone.services.len(), 3);
    let d = aquilone
        .services
        .iter()
        .find(|s| s.name == "Doposcuola Rodari")
        .unwrap();
    assert_eq!(d.status.as_deref(), Some("active"));
    assert_eq!(d.attributes[0].taxonomy_term.code, "pre_after_school");
    assert!(
        d.schedules
            .iter()
            .any(|s| s.byday.as_deref() == Some("MO") && s.opens_at.as_deref() == Some("16:00"))
    );
    assert!(
        d.schedules
            .iter()
            .any(|s| s.valid_from.as_deref() == Some("2026-12-24"))
    );
    assert_eq!(d.cost_options[0].amount, 95.5);

    // Read into another agency: its municipalities are not Trento's, so each row says so and
    // nothing is written; with Trento's places it comes in as new services.
    let body = serde_json::to_string(&doc).unwrap();
    let report: ImportReport = json(send(&app, Some(&trento), "hsds", true, body).await).await;
    assert!(report.refused > 0);
    let fault = &report.rows.iter().find(|r| !r.accepted).unwrap().errors[0];
    assert_eq!(
        fault.pointer,
        "/service_at_locations/0/location/addresses/0/sinergia_municipality"
    );
    let mut ours = doc.clone();
    ours.organizations
        .retain(|o| o.name == "Cooperativa Aquilone");
    for s in &mut ours.organizations[0].services {
        for sal in &mut s.service_at_locations {
            sal.location.addresses[0].sinergia_municipality = "022205".into();
            sal.location.latitude = 46.07;
            sal.location.longitude = 11.12;
        }
    }
    let before_trento = count(&app, TRENTO).await;
    let res = send(
        &app,
        Some(&trento),
        "hsds",
        false,
        serde_json::to_string(&ours).unwrap(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let report: ImportReport = json(res).await;
    assert!(
        report
            .rows
            .iter()
            .all(|r| r.action == Some(ImportAction::Create)),
        "Milan's ids are not Trento's services"
    );
    let after = count(&app, TRENTO).await;
    assert_eq!(after.2, before_trento.2 + 3);
    let published = service::Entity::find()
        .filter(service::Column::AgencyId.eq(TRENTO))
        .filter(service::Column::Name.eq("Doposcuola Rodari"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(published.status, ServiceStatus::Published.as_str());
    assert_eq!(count(&app, MILANO).await, before, "Milan untouched");
}

async fn only_admins_and_curators_import_and_only_staff_export(db: TestDb) {
    let app = spawn_app(&db).await;
    let counsellor = app.token_of("operatrice.milano@sinergia.example").await;
    let jobseeker = app.token_of("giulia.rossi@sinergia.example").await;
    let before = count(&app, MILANO).await;
    expect_problem(
        send(&app, None, "csv", true, file(false)).await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
    for who in [&counsellor, &jobseeker] {
        expect_problem(
            send(&app, Some(who), "csv", false, file(false)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    assert_eq!(count(&app, MILANO).await, before);
    let res = app
        .get("/catalogue/export?format=csv", Some(&counsellor))
        .await;
    assert_eq!(res.status(), StatusCode::OK, "staff read the catalogue");
    expect_problem(
        app.get("/catalogue/export?format=csv", Some(&jobseeker))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_problem(
        app.get("/catalogue/export?format=hsds", None).await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;

    // A curator (a counsellor made one by her admin) imports.
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let me: shared::Me = json(app.get("/me", Some(&counsellor)).await).await;
    assert!(
        !me.catalogue_curator,
        "the web app hides what she may not do"
    );
    let admin_me: shared::Me = json(app.get("/me", Some(&admin)).await).await;
    assert!(admin_me.catalogue_curator, "admins always curate");
    let res = app
        .put(
            &format!("/admin/users/{}/catalogue-curator", me.id),
            &serde_json::json!({"curator": true}),
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let me: shared::Me = json(app.get("/me", Some(&counsellor)).await).await;
    assert!(me.catalogue_curator);
    let res = send(&app, Some(&counsellor), "csv", false, file(false)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(count(&app, MILANO).await.2, before.2 + 3);
}
