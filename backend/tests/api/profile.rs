use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use shared::{
    AboutMe, CaseNote, CaseloadEntry, ErasureReceipt, Me, NeedKind, Page, Profile, ProfileChange,
    ProfileExport, SectionState,
};

use crate::db_tests;
use crate::helpers::*;
use backend::entities::{audit_log, profile_section, user};

db_tests!(
    she_saves_sections_in_any_order_and_finds_them,
    a_stale_write_answers_412_and_changes_nothing,
    bad_input_is_refused_field_by_field,
    only_she_reads_and_writes_her_profile,
    export_contains_every_section,
    erasure_removes_her_from_every_view_at_once,
    counsellors_see_only_their_agency,
    caseload_filters_and_pages,
    case_notes_history_and_status,
);

const COUNSELLOR_MI: &str = "operatrice.milano@sinergia.example";
const COUNSELLOR_TN: &str = "operatrice.trento@sinergia.example";
const COMMUNITY_MI: &str = "community.milano@sinergia.example";
const ADMIN_MI: &str = "admin.milano@sinergia.example";
const MILANO_CITY: &str = "015146";

fn all_sections() -> Vec<(&'static str, Value)> {
    vec![
        (
            "about-me",
            json!({"municipality": MILANO_CITY, "languages": [{"language": "it", "level": "native"}, {"language": "ro", "level": "b2"}],
                   "contact_channels": ["email", "sms"], "phone": "+39 333 1234567", "contact_times": ["evening"]}),
        ),
        (
            "household",
            json!({"children": [{"birth_year": 2025, "special_needs": false}, {"birth_year": 2018, "special_needs": true}],
                   "others_cared_for": [{"relation": "parent", "lives_with_her": false, "special_needs": false}],
                   "weekly_care_hours": 40, "helpers": ["nobody"]}),
        ),
        (
            "conciliation",
            json!({"services_used": [], "obstacles": ["distance", "cost", "other"], "obstacles_other": "Nessun posto al nido comunale",
                   "critical_periods": ["summer", "child_illness"]}),
        ),
        (
            "education",
            json!({"isced_level": 3, "titles": [{"title": "Diploma di ragioneria", "year": 2004}],
                   "courses": [{"name": "Excel avanzato", "provider": "AFOL", "year": 2023, "hours": 40}]}),
        ),
        (
            "work-history",
            json!({"jobs": [{"role": "Impiegata amministrativa", "sector": "administration", "contract_type": "fixed_term", "start": "2005-09", "end": "2017-12"}],
                   "breaks": [{"reason": "care_of_children", "start": "2018-01", "experience": "Ho gestito casa, scuola e terapie di mio figlio"}]}),
        ),
        (
            "availability",
            json!({"weekly_hours": [{"day": "mon", "hours": [7, 8, 9, 10, 11, 12]}, {"day": "tue", "hours": [7, 8, 9, 10, 11, 12]}],
                   "working_time": ["part_time"], "work_modes": ["on_site", "remote"], "max_travel_minutes": 15,
                   "travel_means": ["walking", "public_transport"], "earliest_start": "2027-01-11",
                   "contract_types": ["fixed_term", "traineeship"]}),
        ),
        (
            "goals",
            json!({"sectors": ["administration"], "roles": ["Segretaria"], "statement": "Lavorare la mattina vicino a casa."}),
        ),
    ]
}

/// The value with its null fields left out (an answer not given reads back as null).
fn without_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_nulls).collect()),
        v => v.clone(),
    }
}

async fn save(app: &TestApp, token: &str, slug: &str, body: &Value, etag: &str) -> Value {
    let res = app
        .put_if(&format!("/me/profile/{slug}"), body, token, Some(etag))
        .await;
    assert_eq!(res.status(), StatusCode::OK, "{slug}");
    json(res).await
}

async fn my_profile(app: &TestApp, token: &str) -> Profile {
    let res = app.get("/me/profile", Some(token)).await;
    assert_eq!(res.status(), StatusCode::OK);
    json(res).await
}

async fn me(app: &TestApp, token: &str) -> Me {
    json(app.get("/me", Some(token)).await).await
}

async fn she_saves_sections_in_any_order_and_finds_them(db: TestDb) {
    let app = spawn_app(&db).await;
    let (_, tokens) = app.new_jobseeker().await;
    let t = &tokens.access_token;

    let empty = my_profile(&app, t).await;
    assert_eq!(empty.completeness.percent, 0);
    assert_eq!(empty.about_me.version, 0);
    assert_eq!(empty.sections.len(), 7);
    assert!(empty.needs.is_empty());

    // Availability first, then about me: any order.
    let sections = all_sections();
    let res = app
        .put_if("/me/profile/availability", &sections[5].1, t, Some("\"0\""))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["etag"], "\"1\"");
    let saved: SectionState<shared::Availability> = json(res).await;
    assert_eq!(saved.version, 1);
    assert_eq!(saved.completeness.percent, 100);

    // A partial save: only the municipality.
    let res = app
        .put_if(
            "/me/profile/about-me",
            &json!({"municipality": MILANO_CITY}),
            t,
            Some("\"0\""),
        )
        .await;
    let partial: SectionState<AboutMe> = json(res).await;
    assert_eq!(partial.completeness.answered, 1);
    assert_eq!(partial.completeness.total, 3);
    save(&app, t, "household", &sections[1].1, "\"0\"").await;

    let profile = my_profile(&app, t).await;
    assert_eq!(
        profile.about_me.data.municipality.as_deref(),
        Some(MILANO_CITY)
    );
    assert_eq!(profile.municipality_name.as_deref(), Some("Milano"));
    assert_eq!(profile.availability.data.max_travel_minutes, Some(15));
    assert_eq!(
        profile.household.data.children.as_ref().map(Vec::len),
        Some(2)
    );
    // 1 + 4 + 7 answers of 25.
    assert_eq!(profile.completeness.answered, 12);
    assert_eq!(profile.completeness.percent, 48);
    let kinds: Vec<NeedKind> = profile.needs.iter().map(|n| n.kind).collect();
    for kind in [
        NeedKind::Childcare,
        NeedKind::OutOfSchoolCare,
        NeedKind::CareForOthers,
        NeedKind::InclusiveServices,
        NeedKind::BackupCare,
    ] {
        assert!(kinds.contains(&kind), "{kind:?} in {kinds:?}");
    }
    let childcare = &profile.needs[0];
    assert!(
        childcare.summary.contains("entro 15 minuti da casa"),
        "{}",
        childcare.summary
    );
    assert!(!childcare.because.is_empty());

    // The same needs in English.
    let en: Profile = json(app.get_in("/me/profile", t, "en").await).await;
    assert!(
        en.needs[0].summary.contains("within 15 minutes of home"),
        "{}",
        en.needs[0].summary
    );

    // Saving the same answers again is not a change.
    let again: Value = save(&app, t, "household", &sections[1].1, "\"1\"").await;
    assert_eq!(again["version"], 1);
    // Text is trimmed and stored canonically.
    let res = app
        .put_if("/me/profile/goals", &json!({"roles": ["  Segretaria  "], "statement": "   ", "sectors": ["ict", "education", "ict"]}), t, Some("\"0\""))
        .await;
    let goals: Value = json(res).await;
    assert_eq!(goals["data"]["roles"], json!(["Segretaria"]));
    assert_eq!(goals["data"]["statement"], Value::Null);
    assert_eq!(goals["data"]["sectors"], json!(["education", "ict"]));
}

async fn a_stale_write_answers_412_and_changes_nothing(db: TestDb) {
    let app = spawn_app(&db).await;
    let (_, tokens) = app.new_jobseeker().await;
    let t = &tokens.access_token;
    let phone = json!({"municipality": MILANO_CITY});
    let laptop = json!({"municipality": "015002"});

    // No If-Match: 428.
    expect_problem(
        app.put_if("/me/profile/about-me", &phone, t, None).await,
        StatusCode::PRECONDITION_REQUIRED,
        "precondition_required",
    )
    .await;
    // Both devices opened version 0; the phone saves first.
    save(&app, t, "about-me", &phone, "\"0\"").await;
    let p = expect_problem(
        app.put_if("/me/profile/about-me", &laptop, t, Some("\"0\""))
            .await,
        StatusCode::PRECONDITION_FAILED,
        "precondition_failed",
    )
    .await;
    assert!(p.detail.unwrap_or_default().contains("dispositivo"));
    for garbage in ["1", "\"abc\"", "*", "\"99\""] {
        expect_problem(
            app.put_if("/me/profile/about-me", &laptop, t, Some(garbage))
                .await,
            StatusCode::PRECONDITION_FAILED,
            "precondition_failed",
        )
        .await;
    }
    let profile = my_profile(&app, t).await;
    assert_eq!(
        profile.about_me.data.municipality.as_deref(),
        Some(MILANO_CITY)
    );
    assert_eq!(profile.about_me.version, 1);
    // With the fresh ETag (weak form accepted too) the laptop can save.
    save(&app, t, "about-me", &laptop, "W/\"1\"").await;
    assert_eq!(my_profile(&app, t).await.about_me.version, 2);

    // Two writers racing on the same version: exactly one wins.
    let body_a = json!({"statement": "A"});
    let body_b = json!({"statement": "B"});
    let (a, b) = tokio::join!(
        app.put_if("/me/profile/goals", &body_a, t, Some("\"0\"")),
        app.put_if("/me/profile/goals", &body_b, t, Some("\"0\"")),
    );
    let mut statuses = [a.status(), b.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::PRECONDITION_FAILED]);
    assert_eq!(my_profile(&app, t).await.goals.version, 1);
}

async fn bad_input_is_refused_field_by_field(db: TestDb) {
    let app = spawn_app(&db).await;
    let (_, tokens) = app.new_jobseeker().await;
    let t = &tokens.access_token;
    let long = "x".repeat(2001);
    // (section, body, pointers that must be named)
    let cases: Vec<(&str, Value, Vec<&str>)> = vec![
        (
            "about-me",
            json!({"municipality": "999999"}),
            vec!["/municipality"],
        ),
        (
            "about-me",
            json!({"municipality": "0151"}),
            vec!["/municipality"],
        ),
        (
            "about-me",
            json!({"languages": [{"language": "xx", "level": "b1"}, {"language": "it", "level": "a1"}, {"language": "it", "level": "a2"}]}),
            vec!["/languages/0/language", "/languages/2/language"],
        ),
        (
            "about-me",
            json!({"contact_channels": ["whatsapp"]}),
            vec!["/phone"],
        ),
        (
            "about-me",
            json!({"phone": "call me maybe"}),
            vec!["/phone"],
        ),
        (
            "household",
            json!({"children": [{"birth_year": 1900}], "weekly_care_hours": 169, "helpers": ["nobody", "partner"]}),
            vec!["/children/0/birth_year", "/weekly_care_hours", "/helpers"],
        ),
        (
            "conciliation",
            json!({"obstacles_other": "x".repeat(121)}),
            vec!["/obstacles_other"],
        ),
        (
            "education",
            json!({"isced_level": 9, "titles": [{"title": " "}], "courses": [{"name": "Corso", "hours": 0, "year": 3000}]}),
            vec![
                "/isced_level",
                "/titles/0/title",
                "/courses/0/year",
                "/courses/0/hours",
            ],
        ),
        (
            "work-history",
            json!({"jobs": [{"role": "Cuoca", "start": "2020-13"}, {"role": "Cuoca", "start": "2020-01", "end": "2019-12", "description": long}],
                   "breaks": [{"reason": "health", "start": "2999-01"}]}),
            vec![
                "/jobs/0/start",
                "/jobs/1/description",
                "/jobs/1/end",
                "/breaks/0/start",
            ],
        ),
        (
            "availability",
            json!({"weekly_hours": [{"day": "mon", "hours": [6, 9]}, {"day": "mon", "hours": [9]}], "max_travel_minutes": 500, "earliest_start": "2031-01-01"}),
            vec![
                "/weekly_hours/0/hours/0",
                "/weekly_hours/1/day",
                "/max_travel_minutes",
                "/earliest_start",
            ],
        ),
        (
            "goals",
            json!({"roles": ["ok", ""], "statement": long}),
            vec!["/roles/1", "/statement"],
        ),
        ("goals", json!({"roles": vec!["r"; 21]}), vec!["/roles"]),
    ];
    for (slug, body, pointers) in cases {
        let p = expect_problem(
            app.put_if(&format!("/me/profile/{slug}"), &body, t, Some("\"0\""))
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        let got: Vec<&str> = p.errors.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(got, pointers, "{slug}: {body}");
        assert!(p.errors.iter().all(|e| !e.message.is_empty()));
    }
    // Wrong shapes: unknown code, wrong type, unknown field, not JSON.
    for (slug, body, pointer) in [
        (
            "household",
            json!({"helpers": ["neighbours"]}),
            "/helpers/0",
        ),
        (
            "availability",
            json!({"max_travel_minutes": "thirty"}),
            "/max_travel_minutes",
        ),
        ("goals", json!({"salary": 100}), ""),
        (
            "household",
            json!({"children": [{"birth_year": 2020, "age": 6}]}),
            "/children/0",
        ),
    ] {
        let p = expect_problem(
            app.put_if(&format!("/me/profile/{slug}"), &body, t, Some("\"0\""))
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
        )
        .await;
        assert!(
            p.errors[0].pointer.starts_with(pointer),
            "{slug}: {:?}",
            p.errors
        );
    }
    let res = app
        .client
        .put(app.url("/me/profile/goals"))
        .bearer_auth(t)
        .header("content-type", "application/json")
        .header("if-match", "\"0\"")
        .body("{\"roles\": [")
        .send()
        .await
        .unwrap();
    expect_problem(res, StatusCode::BAD_REQUEST, "malformed_json").await;
    // Nothing was stored by any of them.
    let profile = my_profile(&app, t).await;
    assert!(profile.sections.iter().all(|s| s.version == 0));
    assert_eq!(
        profile_section::Entity::find()
            .filter(profile_section::Column::UserId.eq(profile.user_id.0))
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
}

async fn only_she_reads_and_writes_her_profile(db: TestDb) {
    let app = spawn_app(&db).await;
    let body = json!({"statement": "x"});
    for path in ["/me/profile", "/me/export"] {
        expect_problem(
            app.get(path, None).await,
            StatusCode::UNAUTHORIZED,
            "missing_token",
        )
        .await;
    }
    const SLUGS: [&str; 7] = [
        "about-me",
        "household",
        "conciliation",
        "education",
        "work-history",
        "availability",
        "goals",
    ];
    for slug in SLUGS {
        expect_problem(
            app.client
                .put(app.url(&format!("/me/profile/{slug}")))
                .header("if-match", "\"0\"")
                .json(&json!({}))
                .send()
                .await
                .unwrap(),
            StatusCode::UNAUTHORIZED,
            "missing_token",
        )
        .await;
    }
    expect_problem(
        app.post("/me/erasure", &json!({"password": "x"}), None)
            .await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
    // Staff have no profile of their own here.
    for staff in [COUNSELLOR_MI, COMMUNITY_MI, ADMIN_MI] {
        let t = app.token_of(staff).await;
        expect_problem(
            app.get("/me/profile", Some(&t)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
        // Staff export their own account (no profile in it): never someone else's.
        let export: shared::ProfileExport = json(app.get("/me/export", Some(&t)).await).await;
        assert_eq!(export.account.email, staff);
        assert!(export.profile.is_none() && export.case_notes.is_empty());
        for slug in SLUGS {
            expect_problem(
                app.put_if(
                    &format!("/me/profile/{slug}"),
                    &json!({}),
                    &t,
                    Some("\"0\""),
                )
                .await,
                StatusCode::FORBIDDEN,
                "forbidden",
            )
            .await;
        }
        expect_problem(
            app.post("/me/erasure", &json!({"password": DEMO_PASSWORD}), Some(&t))
                .await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    // One jobseeker's saves never show in another's profile, and jobseekers cannot use the
    // staff endpoints to read each other.
    let (_, a) = app.new_jobseeker().await;
    let (_, b) = app.new_jobseeker().await;
    save(&app, &a.access_token, "goals", &body, "\"0\"").await;
    assert_eq!(my_profile(&app, &b.access_token).await.goals.version, 0);
    let a_id = me(&app, &a.access_token).await.id;
    for path in ["profile", "history", "notes"] {
        expect_problem(
            app.get(
                &format!("/staff/jobseekers/{a_id}/{path}"),
                Some(&b.access_token),
            )
            .await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    expect_problem(
        app.get("/staff/jobseekers", Some(&b.access_token)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_problem(
        app.post(
            &format!("/staff/jobseekers/{a_id}/notes"),
            &json!({"body": "x"}),
            Some(&b.access_token),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_problem(
        app.put(
            &format!("/staff/jobseekers/{a_id}/status"),
            &json!({"status": "closed"}),
            Some(&b.access_token),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    // A path that is not an id answers 404, not 500.
    let counsellor = app.token_of(COUNSELLOR_MI).await;
    let res = app
        .get("/staff/jobseekers/not-a-uuid/profile", Some(&counsellor))
        .await;
    assert!(res.status().is_client_error(), "{}", res.status());
    // The municipalities are public reference data: both territories, complete.
    let all: Vec<shared::Municipality> = json(app.get("/municipalities", None).await).await;
    assert_eq!(all.iter().filter(|m| m.province == "MI").count(), 133);
    assert_eq!(all.iter().filter(|m| m.province == "TN").count(), 166);
    assert!(
        all.iter()
            .any(|m| m.code == MILANO_CITY && m.agency_id.0 == MILANO)
    );
}

async fn export_contains_every_section(db: TestDb) {
    let app = spawn_app(&db).await;
    let (email, tokens) = app.new_jobseeker().await;
    let t = &tokens.access_token;
    for (slug, body) in all_sections() {
        save(&app, t, slug, &body, "\"0\"").await;
    }
    let id = me(&app, t).await.id;
    let counsellor = app.token_of(COUNSELLOR_MI).await;
    let res = app
        .post(
            &format!("/staff/jobseekers/{id}/notes"),
            &json!({"body": "Primo colloquio fissato."}),
            Some(&counsellor),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);

    let res = app.get("/me/export", Some(t)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"sinergia-"),
        "{disposition}"
    );
    let raw: Value = json(res).await;
    let export: ProfileExport = serde_json::from_value(raw.clone()).unwrap();
    assert_eq!(export.account.email, email);
    assert_eq!(export.consents.len(), 1);
    assert_eq!(
        export.consents[0].text_version,
        shared::PRIVACY_NOTICE_VERSION
    );
    assert_eq!(export.profile.unwrap().completeness.percent, 100);
    // Every section, exactly as saved.
    for (slug, body) in all_sections() {
        let key = slug.replace('-', "_");
        let stored = &raw["profile"][&key]["data"];
        for (field, value) in body.as_object().unwrap() {
            assert_eq!(without_nulls(&stored[field]), *value, "{key}.{field}");
        }
    }
    assert_eq!(export.history.len(), 7);
    assert_eq!(export.case_notes.len(), 1);
    assert_eq!(export.case_notes[0].body, "Primo colloquio fissato.");
}

async fn erasure_removes_her_from_every_view_at_once(db: TestDb) {
    let app = spawn_app(&db).await;
    let email = "erika.cancella@example.org";
    assert_eq!(
        app.register(email, "una frase lunga e mia").await.status(),
        StatusCode::CREATED
    );
    let tokens = app.login(email, "una frase lunga e mia").await;
    let t = &tokens.access_token;
    save(&app, t, "goals", &json!({"statement": "x"}), "\"0\"").await;
    let id = me(&app, t).await.id;
    let counsellor = app.token_of(COUNSELLOR_MI).await;
    let admin = app.token_of(ADMIN_MI).await;
    let found: Page<CaseloadEntry> = json(
        app.get("/staff/jobseekers?q=erika", Some(&counsellor))
            .await,
    )
    .await;
    assert_eq!(found.items.len(), 1);

    let p = expect_problem(
        app.post(
            "/me/erasure",
            &json!({"password": "not my password"}),
            Some(t),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].pointer, "/password");
    assert_eq!(my_profile(&app, t).await.goals.version, 1);

    let res = app
        .post(
            "/me/erasure",
            &json!({"password": "una frase lunga e mia"}),
            Some(t),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let receipt: ErasureReceipt = json(res).await;
    assert_eq!((receipt.purge_after - receipt.erased_at).num_days(), 30);

    // At once: her session is over, she cannot sign in, staff find her nowhere.
    assert_session_over(&app, &tokens).await;
    expect_problem(
        app.login_raw(email, "una frase lunga e mia").await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    let found: Page<CaseloadEntry> = json(
        app.get("/staff/jobseekers?q=erika", Some(&counsellor))
            .await,
    )
    .await;
    assert!(found.items.is_empty());
    let all: Page<CaseloadEntry> = json(
        app.get("/staff/jobseekers?page_size=100", Some(&counsellor))
            .await,
    )
    .await;
    assert!(all.items.iter().all(|e| e.user_id != id));
    for path in ["profile", "history", "notes"] {
        expect_problem(
            app.get(&format!("/staff/jobseekers/{id}/{path}"), Some(&counsellor))
                .await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    let accounts: Page<shared::UserAccount> =
        json(app.get("/admin/users?page_size=100", Some(&admin)).await).await;
    assert!(accounts.items.iter().all(|a| a.id != id));

    // Kept (hidden) until the retention period ends, then purged: the audit log keeps ids.
    let now = chrono::Utc::now();
    assert_eq!(
        backend::profile::service::purge_erased(&app.db, now - chrono::Duration::days(30))
            .await
            .unwrap(),
        0
    );
    assert!(
        user::Entity::find_by_id(id.0)
            .one(&app.db)
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(
        backend::profile::service::purge_erased(&app.db, now + chrono::Duration::seconds(1))
            .await
            .unwrap(),
        1
    );
    assert!(
        user::Entity::find_by_id(id.0)
            .one(&app.db)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        profile_section::Entity::find()
            .filter(profile_section::Column::UserId.eq(id.0))
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    let purged = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("account_purged"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(purged.target_id, Some(id.0));
    assert!(
        !serde_json::to_string(&purged.details)
            .unwrap()
            .contains("erika")
    );
}

async fn counsellors_see_only_their_agency(db: TestDb) {
    let app = spawn_app(&db).await;
    let (_, tokens) = app.new_jobseeker().await;
    let id = me(&app, &tokens.access_token).await.id;
    let counsellor_mi = app.token_of(COUNSELLOR_MI).await;
    let counsellor_tn = app.token_of(COUNSELLOR_TN).await;
    let community = app.token_of(COMMUNITY_MI).await;
    let note = json!({"body": "nota"});
    let status = json!({"status": "active"});

    // Another agency's staff: 404 on every read and write of her case.
    for path in ["profile", "history", "notes"] {
        let url = format!("/staff/jobseekers/{id}/{path}");
        expect_problem(
            app.get(&url, Some(&counsellor_tn)).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
        expect_problem(
            app.get(&url, Some(&community)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
        expect_problem(
            app.get(&url, None).await,
            StatusCode::UNAUTHORIZED,
            "missing_token",
        )
        .await;
        // Her own agency's counsellor may.
        assert_eq!(
            app.get(&url, Some(&counsellor_mi)).await.status(),
            StatusCode::OK
        );
    }
    let notes = format!("/staff/jobseekers/{id}/notes");
    let status_url = format!("/staff/jobseekers/{id}/status");
    expect_problem(
        app.post(&notes, &note, Some(&counsellor_tn)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        app.post(&notes, &note, Some(&community)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_problem(
        app.put(&status_url, &status, Some(&counsellor_tn)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        app.put(&status_url, &status, Some(&community)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_problem(
        app.get("/staff/jobseekers", Some(&community)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_problem(
        app.get("/staff/jobseekers", None).await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
    // A staff id or an unknown id is no jobseeker: 404.
    let staff_id = me(&app, &counsellor_mi).await.id;
    for who in [staff_id.0, uuid::Uuid::now_v7()] {
        expect_problem(
            app.get(
                &format!("/staff/jobseekers/{who}/profile"),
                Some(&counsellor_mi),
            )
            .await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }

    // Trento's caseload has Trento's jobseekers only; Milan's has her.
    let tn: Page<CaseloadEntry> =
        json(app.get("/staff/jobseekers", Some(&counsellor_tn)).await).await;
    assert!(!tn.items.is_empty());
    assert!(tn.items.iter().all(|e| e.user_id != id));
    assert!(
        tn.items
            .iter()
            .all(|e| e.email.ends_with("@sinergia.example"))
    );
    let mi: Page<CaseloadEntry> =
        json(app.get("/staff/jobseekers", Some(&counsellor_mi)).await).await;
    assert_eq!(mi.items[0].user_id, id);
    assert!(
        mi.items
            .iter()
            .all(|e| e.email != "anna.pedrotti@sinergia.example")
    );

    // Every staff read of her profile is in the audit log.
    let viewed = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("profile_viewed"))
        .filter(audit_log::Column::TargetId.eq(id.0))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(viewed.len(), 1);
    assert_eq!(viewed[0].actor_id, Some(staff_id.0));
    assert_eq!(viewed[0].agency_id, Some(MILANO));
}

async fn caseload_filters_and_pages(db: TestDb) {
    let app = spawn_app(&db).await;
    let counsellor = app.token_of(COUNSELLOR_MI).await;
    let (_, a) = app.new_jobseeker().await;
    let (_, b) = app.new_jobseeker().await;
    let a_id = me(&app, &a.access_token).await.id;
    let b_id = me(&app, &b.access_token).await.id;
    for (slug, body) in all_sections() {
        save(&app, &a.access_token, slug, &body, "\"0\"").await;
    }
    save(
        &app,
        &b.access_token,
        "about-me",
        &json!({"municipality": "015002"}),
        "\"0\"",
    )
    .await;

    let list = |q: &'static str| {
        let app = &app;
        let counsellor = counsellor.clone();
        async move {
            let res = app
                .get(&format!("/staff/jobseekers{q}"), Some(&counsellor))
                .await;
            assert_eq!(res.status(), StatusCode::OK, "{q}");
            let page: Page<CaseloadEntry> = json(res).await;
            page
        }
    };
    let ids = |p: &Page<CaseloadEntry>| p.items.iter().map(|e| e.user_id).collect::<Vec<_>>();

    assert_eq!(ids(&list("?municipality=015146&q=verdi").await), [a_id]);
    assert_eq!(ids(&list("?municipality=015002&q=verdi").await), [b_id]);
    assert_eq!(ids(&list("?min_completeness=100&q=verdi").await), [a_id]);
    let partial = list("?min_completeness=1&max_completeness=99&q=verdi").await;
    assert_eq!(ids(&partial), [b_id]);
    assert_eq!(partial.items[0].completeness, 4);
    assert_eq!(
        partial.items[0].municipality_name.as_deref(),
        Some("Abbiategrasso")
    );
    assert!(
        ids(&list("?status=new&max_completeness=0").await)
            .iter()
            .all(|i| *i != a_id && *i != b_id)
    );
    assert_eq!(
        ids(&list("?q=GIULIA%20VERDI&min_completeness=1").await).len(),
        2
    );
    assert_eq!(ids(&list("?q=100%25").await).len(), 0);

    // Pages of one: newest first, each once.
    let first = list("?page_size=1").await;
    assert_eq!(ids(&first), [b_id]);
    let token = first.next_page_token.clone().unwrap();
    let res = app
        .get(
            &format!("/staff/jobseekers?page_size=1&page_token={token}"),
            Some(&counsellor),
        )
        .await;
    let second: Page<CaseloadEntry> = json(res).await;
    assert_eq!(ids(&second), [a_id]);

    // Bad filters.
    for (q, code, status) in [
        (
            "?min_completeness=101",
            "validation",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "?municipality=022205",
            "validation",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "?page_size=0",
            "validation",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "?page_token=zzz",
            "invalid_page_token",
            StatusCode::BAD_REQUEST,
        ),
        ("?status=lost", "invalid_query", StatusCode::BAD_REQUEST),
        (
            "?min_completeness=-1",
            "invalid_query",
            StatusCode::BAD_REQUEST,
        ),
        ("?sort=name", "invalid_query", StatusCode::BAD_REQUEST),
    ] {
        expect_problem(
            app.get(&format!("/staff/jobseekers{q}"), Some(&counsellor))
                .await,
            status,
            code,
        )
        .await;
    }
}

async fn case_notes_history_and_status(db: TestDb) {
    let app = spawn_app(&db).await;
    let counsellor = app.token_of(COUNSELLOR_MI).await;
    let admin = app.token_of(ADMIN_MI).await;
    let (_, a) = app.new_jobseeker().await;
    let t = &a.access_token;
    let id = me(&app, t).await.id;
    save(&app, t, "goals", &json!({"statement": "uno"}), "\"0\"").await;
    save(
        &app,
        t,
        "goals",
        &json!({"statement": "due", "sectors": ["ict"]}),
        "\"1\"",
    )
    .await;
    save(&app, t, "household", &json!({"children": []}), "\"0\"").await;

    let history: Page<ProfileChange> = json(
        app.get(
            &format!("/staff/jobseekers/{id}/history"),
            Some(&counsellor),
        )
        .await,
    )
    .await;
    let got: Vec<(&str, u32, Vec<String>)> = history
        .items
        .iter()
        .map(|c| (c.section.as_str(), c.version, c.fields.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("household", 1, vec!["children".to_owned()]),
            (
                "goals",
                2,
                vec!["sectors".to_owned(), "statement".to_owned()]
            ),
            ("goals", 1, vec!["statement".to_owned()]),
        ]
    );
    assert!(
        history
            .items
            .iter()
            .all(|c| c.changed_by == id && c.changed_by_role == shared::Role::Jobseeker)
    );

    // Notes: the counsellor and the admin write, newest first, with the author.
    let notes_url = format!("/staff/jobseekers/{id}/notes");
    for (token, body) in [
        (&counsellor, "Prima nota"),
        (&admin, "  Seconda nota\ncon a capo  "),
    ] {
        let res = app
            .post(&notes_url, &json!({ "body": body }), Some(token))
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }
    for bad in [json!({"body": "   "}), json!({"body": "x".repeat(5001)})] {
        expect_problem(
            app.post(&notes_url, &bad, Some(&counsellor)).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
    }
    let notes: Page<CaseNote> = json(app.get(&notes_url, Some(&counsellor)).await).await;
    let bodies: Vec<&str> = notes.items.iter().map(|n| n.body.as_str()).collect();
    assert_eq!(bodies, ["Seconda nota\ncon a capo", "Prima nota"]);
    assert_eq!(notes.items[1].author_name, "Chiara Ferrari");
    // Private: she does not see them in her profile.
    let mine = app.get("/me/profile", Some(t)).await.text().await.unwrap();
    assert!(!mine.contains("Prima nota"));

    // Status: set, shown, filterable; an unknown one refused.
    let res = app
        .put(
            &format!("/staff/jobseekers/{id}/status"),
            &json!({"status": "active"}),
            Some(&counsellor),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let profile: Profile = json(res).await;
    assert_eq!(profile.case_status, shared::CaseStatus::Active);
    let active: Page<CaseloadEntry> = json(
        app.get("/staff/jobseekers?status=active", Some(&counsellor))
            .await,
    )
    .await;
    assert_eq!(
        active.items.iter().map(|e| e.user_id).collect::<Vec<_>>(),
        [id]
    );
    expect_problem(
        app.put(
            &format!("/staff/jobseekers/{id}/status"),
            &json!({"status": "hired"}),
            Some(&counsellor),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::TargetId.eq(id.0))
        .all(&app.db)
        .await
        .unwrap();
    let actions: Vec<&str> = audited.iter().map(|e| e.action.as_str()).collect();
    for action in [
        "profile_history_viewed",
        "case_note_written",
        "case_notes_viewed",
        "case_status_changed",
    ] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
}
