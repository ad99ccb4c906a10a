//! The checked-in OpenAPI document is the one the code generates, and it says what it must.

use reqwest::StatusCode;

use crate::db_tests;
use crate::helpers::*;

const REGENERATE: &str = "cargo xtask openapi";

#[test]
fn checked_in_spec_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/openapi.json");
    let checked_in = std::fs::read_to_string(path).unwrap_or_default();
    let generated = backend::openapi::spec_json();
    assert!(
        checked_in == generated,
        "openapi/openapi.json is stale: regenerate it with `{REGENERATE}` and commit it"
    );
}

#[test]
fn every_operation_is_described() {
    let spec: serde_json::Value = serde_json::from_str(&backend::openapi::spec_json()).unwrap();
    assert_eq!(spec["openapi"].as_str().unwrap().get(..3), Some("3.1"));
    let mut count = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        assert!(path.starts_with("/api/v1/"), "{path}");
        for (method, op) in item.as_object().unwrap() {
            count += 1;
            let what = format!("{method} {path}");
            assert!(op["operationId"].is_string(), "{what}: operationId");
            assert!(!op["tags"].as_array().unwrap().is_empty(), "{what}: tag");
            assert!(op["summary"].is_string(), "{what}: summary");
            let responses = op["responses"].as_object().unwrap();
            assert!(
                responses.keys().any(|k| k.starts_with('2')),
                "{what}: success"
            );
            let secured = op.get("security").is_some();
            let public = [
                "register",
                "login",
                "refresh",
                "logout",
                "set_password",
                "forgot_password",
                "get_health",
                "ping",
                "list_agencies",
                "list_municipalities",
                "get_framework",
                "open_shared_portfolio",
                "search_services",
                "get_public_service",
                "get_opportunity_posting",
                "request_to_join",
            ];
            let id = op["operationId"].as_str().unwrap();
            assert_eq!(
                secured,
                !public.contains(&id) || id == "logout",
                "{what}: security"
            );
            if secured && id != "logout" {
                assert!(responses.contains_key("401"), "{what}: 401 documented");
            }
            for (status, res) in responses {
                // A response shared by several operations is a reference to its definition.
                let res = match res["$ref"].as_str() {
                    Some(r) => &spec["components"]["responses"][r.rsplit('/').next().unwrap()],
                    None => res,
                };
                if status.starts_with('4') || status.starts_with('5') {
                    assert!(
                        res["content"]["application/problem+json"].is_object(),
                        "{what}: {status} is problem+json"
                    );
                }
            }
        }
    }
    assert!(count >= 14, "{count} operations");
}

/// Whether `value` is what serde reads as a `T` and writes back unchanged.
fn round_trips<T: serde::Serialize + serde::de::DeserializeOwned>(
    value: &serde_json::Value,
) -> bool {
    serde_json::from_value::<T>(value.clone())
        .ok()
        .and_then(|t| serde_json::to_value(t).ok())
        .as_ref()
        == Some(value)
}

/// Every enum of the spec, by schema name, with the check of one of its values against the
/// Rust type the server reads and writes.
type ValueCheck = fn(&serde_json::Value) -> bool;

fn wire_enums() -> Vec<(&'static str, ValueCheck)> {
    macro_rules! enums {
        ($($t:ident),* $(,)?) => {
            vec![$((stringify!($t), round_trips::<shared::$t> as ValueCheck)),*]
        };
    }
    enums![
        ApplicationStatus,
        AttemptStatus,
        BreakReason,
        CaredRelation,
        CaseStatus,
        CompanySize,
        CompetenceArea,
        ConciliationService,
        EmployerBenefit,
        ErrorCode,
        Confidence,
        ContactChannel,
        ContractType,
        CriticalPeriod,
        DayPart,
        FieldCode,
        FilterAction,
        Helper,
        InstrumentStatus,
        JoinRequestStatus,
        NotificationKind,
        ItemKind,
        Language,
        LanguageLevel,
        Level,
        MemberRole,
        NeedKind,
        OpportunityStatus,
        Obstacle,
        ProfileSection,
        ReportReason,
        Role,
        RoomKind,
        RoomTopic,
        Sector,
        TravelMeans,
        Weekday,
        WorkMode,
        WorkingTime,
        ServiceCategory,
        ProviderKind,
        Places,
        CostUnit,
        ExceptionReason,
        EmploymentStatus,
        ServiceStatus,
        SharedPart,
        Accessibility,
        IseeBand,
        IcefBand,
        Condition,
        NotEligibleReason,
        CoverKind,
        ExchangeFormat,
        ImportAction,
        HoursSource,
    ]
}

#[test]
fn the_limits_the_server_enforces_are_in_the_schemas() {
    let spec: serde_json::Value = serde_json::from_str(&backend::openapi::spec_json()).unwrap();
    let schemas = &spec["components"]["schemas"];
    // (schema, property, constraint, value)
    let expected: &[(&str, &str, &str, serde_json::Value)] = &[
        ("RegisterRequest", "password", "minLength", 8.into()),
        ("RegisterRequest", "password", "maxLength", 128.into()),
        ("RegisterRequest", "email", "format", "email".into()),
        ("RegisterRequest", "name", "maxLength", 100.into()),
        ("CreateStaffRequest", "email", "format", "email".into()),
        ("NewMessage", "body", "minLength", 1.into()),
        ("NewMessage", "body", "maxLength", 4000.into()),
        ("NewMessage", "client_id", "maxLength", 64.into()),
        ("EditMessage", "body", "maxLength", 4000.into()),
        ("Mute", "minutes", "minimum", 1.into()),
        ("Mute", "minutes", "maximum", 43200.into()),
        ("SlowMode", "seconds", "maximum", 3600.into()),
        ("ModerationReason", "reason", "minLength", 1.into()),
        ("NewWordFilter", "term", "minLength", 2.into()),
        ("StoryRating", "rating", "maximum", 4.into()),
        ("RatingAnswer", "home", "maximum", 5.into()),
        ("NewShare", "expires_in_days", "minimum", 1.into()),
        ("NewShare", "expires_in_days", "maximum", 90.into()),
        ("Household", "weekly_care_hours", "maximum", 168.into()),
        ("ProviderInput", "name", "minLength", 1.into()),
        ("ProviderInput", "name", "maxLength", 200.into()),
        ("ProviderInput", "description", "maxLength", 2000.into()),
        ("ProviderInput", "website", "maxLength", 500.into()),
        ("LocationInput", "name", "maxLength", 200.into()),
        ("LocationInput", "address", "maxLength", 300.into()),
        ("ServiceInput", "name", "maxLength", 200.into()),
        ("ServiceInput", "description", "maxLength", 2000.into()),
        ("ServiceInput", "capacity", "minimum", 1.into()),
        ("ServiceInput", "capacity", "maximum", 10000.into()),
        ("ServiceInput", "languages", "maxItems", 10.into()),
        ("ServiceInput", "costs", "maxItems", 10.into()),
        ("ServiceInput", "location_ids", "minItems", 1.into()),
        ("ServiceInput", "location_ids", "maxItems", 20.into()),
        ("CostOption", "amount_cents", "maximum", 1_000_000.into()),
        ("AgeRange", "max_months", "maximum", 1440.into()),
    ];
    for (schema, property, constraint, value) in expected {
        let got = &schemas[schema]["properties"][property][constraint];
        let same = match (got.as_f64(), value.as_f64()) {
            (Some(a), Some(b)) => a == b,
            _ => got == value,
        };
        assert!(
            same,
            "{schema}.{property}: {constraint} is {got}, the server's is {value}"
        );
    }
    // A room's texts, in both languages.
    for (schema, property, max) in [
        ("NewRoom", "name", 80),
        ("NewRoom", "description", 1000),
        ("NewRoom", "rules", 4000),
        ("RoomUpdate", "name", 80),
    ] {
        for lang in ["it", "en"] {
            let t = &schemas[schema]["properties"][property]["properties"][lang];
            assert_eq!(t["maxLength"], max, "{schema}.{property}.{lang}");
            assert_eq!(t["minLength"], 1, "{schema}.{property}.{lang}");
        }
    }
    let seq = &schemas["ReadMarker"]["properties"]["last_read_seq"]["maximum"];
    assert_eq!(seq.as_f64(), Some(i64::MAX as f64), "{seq}");
    // Query parameters: page sizes and history anchors.
    for (path, name, max) in [
        ("/api/v1/admin/users", "page_size", 100.0),
        ("/api/v1/community/rooms/{id}/messages", "limit", 100.0),
        ("/api/v1/services", "page_size", 100.0),
        ("/api/v1/services", "radius_km", 100.0),
        ("/api/v1/services", "age_months", 1440.0),
        ("/api/v1/me/services/matches", "radius_km", 100.0),
        ("/api/v1/me/services/matches", "max_cost_cents", 1_000_000.0),
        ("/api/v1/catalogue/services", "page_size", 100.0),
        (
            "/api/v1/community/rooms/{id}/messages",
            "before",
            i64::MAX as f64,
        ),
    ] {
        let params = spec["paths"][path]["get"]["parameters"].as_array().unwrap();
        let p = params.iter().find(|p| p["name"] == name).unwrap();
        assert_eq!(p["schema"]["maximum"].as_f64(), Some(max), "{path} {name}");
    }
    let search =
        spec["paths"]["/api/v1/community/search"]["get"]["parameters"][0]["schema"].clone();
    assert_eq!(
        (search["minLength"].clone(), search["maxLength"].clone()),
        (2.into(), 100.into())
    );
}

#[test]
fn the_specs_enum_values_are_the_wire_values() {
    let spec: serde_json::Value = serde_json::from_str(&backend::openapi::spec_json()).unwrap();
    let known = wire_enums();
    let schemas = spec["components"]["schemas"].as_object().unwrap();
    for (name, schema) in schemas {
        let Some(values) = schema["enum"].as_array() else {
            continue;
        };
        let (_, check) = known
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("enum {name}: add it to wire_enums() in this test"));
        for v in values {
            assert!(
                check(v),
                "{name}: the spec says {v}, the server does not read or write it"
            );
        }
    }
    // The code lists the web app labels: the spec lists exactly their codes.
    for (kind, codes) in shared::all_code_lists() {
        let found = schemas.values().any(|s| {
            s["enum"]
                .as_array()
                .is_some_and(|v| v.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>() == codes)
        });
        assert!(found, "{kind}: no schema lists {codes:?}");
    }
    // Anywhere else (tags of tagged unions, inline enums of operations): the wire is snake_case.
    fn walk(node: &serde_json::Value, at: &str) {
        match node {
            serde_json::Value::Object(m) => {
                if let Some(values) = m.get("enum").and_then(|v| v.as_array()) {
                    for v in values.iter().filter_map(|v| v.as_str()) {
                        assert!(
                            v.chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                            "{at}: enum value {v:?} is not snake_case"
                        );
                    }
                }
                for (k, v) in m {
                    walk(v, &format!("{at}/{k}"));
                }
            }
            serde_json::Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    walk(v, &format!("{at}/{i}"));
                }
            }
            _ => {}
        }
    }
    walk(&spec, "");
}

db_tests!(
    spec_and_docs_are_served_offline,
    every_answer_to_bad_input_is_documented
);

/// Every operation, given bad input of each kind (a path id that is not one, a body that is
/// not JSON, not `application/json`, an array, an empty object, another id), answers only
/// statuses its spec documents, as problem+json, never 5xx.
async fn every_answer_to_bad_input_is_documented(db: TestDb) {
    let app = spawn_app(&db).await;
    let spec: serde_json::Value = serde_json::from_str(&backend::openapi::spec_json()).unwrap();
    let tokens = [
        app.token_of("giulia.rossi@sinergia.example").await,
        app.token_of("admin.milano@sinergia.example").await,
    ];
    let mut checked = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap();
            // Calls that end what the others need.
            if ["logout", "erase_my_data", "change_password"].contains(&id) {
                continue;
            }
            let documented: Vec<&str> = op["responses"]
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            let has_params = path.contains('{');
            let fill = |with: &str| {
                let mut out = String::new();
                let mut inside = false;
                for c in path.chars() {
                    match c {
                        '{' => {
                            inside = true;
                            out.push_str(with);
                        }
                        '}' => inside = false,
                        _ if inside => {}
                        c => out.push(c),
                    }
                }
                out
            };
            let mut cases: Vec<(String, Option<(&str, &str)>)> = Vec::new();
            let good = fill(&uuid::Uuid::now_v7().to_string());
            if has_params {
                cases.push((fill("not-an-id"), None));
            }
            if op.get("requestBody").is_some() {
                for body in [
                    ("application/json", "{"),
                    ("text/plain", "{}"),
                    ("application/json", "[]"),
                    ("application/json", "{}"),
                    ("application/json", "null"),
                ] {
                    cases.push((good.clone(), Some(body)));
                }
            } else {
                cases.push((good.clone(), None));
                if method != "get" {
                    cases.push((good.clone(), Some(("application/json", r#"{"x": 1}"#))));
                }
            }
            for q in op["parameters"].as_array().into_iter().flatten() {
                if q["in"] == "query" {
                    let name = q["name"].as_str().unwrap();
                    for v in ["not-a-value", "99999999999999999999999", "-1", ""] {
                        cases.push((format!("{good}?{name}={v}"), None));
                    }
                }
            }
            for token in &tokens {
                for (url, body) in &cases {
                    let url = format!("{}{url}", app.address);
                    let mut req = app
                        .client
                        .request(method.to_uppercase().parse().unwrap(), &url)
                        .bearer_auth(token);
                    if let Some((ct, b)) = body {
                        req = req.header("content-type", *ct).body(b.to_string());
                    }
                    let res = req.send().await.unwrap();
                    let status = res.status();
                    let what = format!("{method} {url} {body:?}: {status}");
                    assert!(!status.is_server_error(), "{what}");
                    if status.is_success() || status.is_redirection() {
                        assert!(documented.contains(&status.as_str()), "{what} undocumented");
                        continue;
                    }
                    assert!(
                        documented.contains(&status.as_str()),
                        "{what} is not in the spec ({documented:?})"
                    );
                    let ct = res.headers()["content-type"].to_str().unwrap().to_owned();
                    assert_eq!(ct, "application/problem+json", "{what}");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 200, "{checked}");
}

async fn spec_and_docs_are_served_offline(db: TestDb) {
    let app = spawn_app(&db).await;
    let served = app.get("/openapi.json", None).await.text().await.unwrap();
    assert_eq!(served, backend::openapi::spec_json());

    let res = app
        .client
        .get(format!("{}/api/docs", app.address))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection());
    let res = app
        .client
        .get(format!("{}/api/docs/", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    // Every asset the page loads is ours: no CDN.
    assert!(!html.contains("https://"), "{html}");
    for asset in [
        "swagger-ui-bundle.js",
        "swagger-ui.css",
        "swagger-initializer.js",
    ] {
        assert!(html.contains(asset));
        let res = app
            .client
            .get(format!("{}/api/docs/{asset}", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{asset}");
        let body = res.text().await.unwrap();
        if asset == "swagger-initializer.js" {
            assert!(body.contains("/api/v1/openapi.json"));
        }
    }
}
