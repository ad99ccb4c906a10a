//! Profile benchmark: with 10,000 and then 100,000 seeded jobseekers (each with three profile
//! sections), the p50/p99 time of a jobseeker reading her own profile and of a counsellor's
//! caseload page (50 rows, with a filter), and the statements each request runs (they must not
//! grow with the data). Run with `cargo xtask bench profile [--seconds N] [--connections N]
//! [--postgres]`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark fails loudly"
)]

mod common;

use std::time::Instant;

use backend::Application;
use backend::config::Settings;
use backend::entities::{profile, profile_section, user};
use chrono::Utc;
use common::{Outcome, arg, demo_token, load, report};
use sea_orm::{ConnectionTrait, Database, EntityTrait, Set};
use serde_json::json;
use uuid::Uuid;

const NAMES: &[&str] = &[
    "Giulia",
    "Sara",
    "Anna",
    "Francesca",
    "Chiara",
    "Elena",
    "Marta",
    "Laura",
    "Silvia",
    "Paola",
    "Fatima",
    "Ioana",
    "Olena",
    "Mariam",
    "Ana",
    "Li",
    "Grace",
    "Amina",
    "Rosa",
    "Valentina",
];
const SURNAMES: &[&str] = &[
    "Rossi",
    "Bianchi",
    "Colombo",
    "Ferrari",
    "Esposito",
    "Romano",
    "Ricci",
    "Moser",
    "Pedrotti",
    "Zanoni",
    "Popescu",
    "Kovalenko",
    "El Amrani",
    "Hossain",
    "Santos",
    "Chen",
    "Okafor",
];
const MILANO_CODES: &[&str] = &["015146", "015209", "015002", "015077", "015182"];
const TRENTO_CODES: &[&str] = &["022205", "022161", "022006", "022139"];

/// Adds `n` jobseekers (half per agency), each with a profile row and three sections.
async fn seed(db: &sea_orm::DatabaseConnection, n: usize) {
    let started = Instant::now();
    let now = Utc::now();
    let batch = 400;
    for chunk_start in (0..n).step_by(batch) {
        let mut users = Vec::new();
        let mut profiles = Vec::new();
        let mut sections = Vec::new();
        for i in chunk_start..(chunk_start + batch).min(n) {
            let id = Uuid::now_v7();
            let milano = i % 2 == 0;
            let agency = if milano {
                migrations::MILANO_ID
            } else {
                migrations::TRENTO_ID
            };
            let codes = if milano { MILANO_CODES } else { TRENTO_CODES };
            let municipality = codes[i % codes.len()];
            users.push(common::jobseeker_row(
                id,
                agency,
                format!("bench-{i}@example.org"),
                format!(
                    "{} {}",
                    NAMES[i % NAMES.len()],
                    SURNAMES[i % SURNAMES.len()]
                ),
                now,
            ));
            profiles.push(profile::ActiveModel {
                user_id: Set(id),
                agency_id: Set(agency),
                municipality: Set(Some(municipality.into())),
                completeness: Set(i16::try_from(i * 37 % 101).unwrap()),
                case_status: Set(shared::CaseStatus::ALL[i % 4]),
                created_at: Set(now),
                updated_at: Set(Some(now)),
            });
            for (section, data) in [
                (
                    shared::ProfileSection::AboutMe,
                    json!({"municipality": municipality, "languages": [{"language": "it", "level": "native"}], "contact_channels": ["email"]}),
                ),
                (
                    shared::ProfileSection::Household,
                    json!({"children": [{"birth_year": 2019, "special_needs": false}], "others_cared_for": [], "weekly_care_hours": 30, "helpers": ["grandparents"]}),
                ),
                (
                    shared::ProfileSection::Availability,
                    json!({"weekly_hours": [{"day": "mon", "hours": [8, 9, 10, 11, 12]}], "max_travel_minutes": 20, "travel_means": ["walking"]}),
                ),
            ] {
                sections.push(profile_section::ActiveModel {
                    user_id: Set(id),
                    section: Set(section),
                    data: Set(data),
                    version: Set(1),
                    updated_at: Set(now),
                    updated_by: Set(id),
                });
            }
        }
        user::Entity::insert_many(users).exec(db).await.unwrap();
        profile::Entity::insert_many(profiles)
            .exec(db)
            .await
            .unwrap();
        profile_section::Entity::insert_many(sections)
            .exec(db)
            .await
            .unwrap();
    }
    // Fresh statistics, as a running database would have.
    db.execute_unprepared("ANALYZE").await.unwrap();
    println!(
        "  seeded {n} jobseekers in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// Statements per request, from the app's own statement counter, over `n` sequential requests.
async fn statements_per_request(client: &reqwest::Client, url: &str, token: &str) -> f64 {
    let n = 50;
    let before = backend::db::statements_executed();
    for _ in 0..n {
        let res = client.get(url).bearer_auth(token).send().await.unwrap();
        assert!(res.status().is_success());
        res.bytes().await.unwrap();
    }
    (backend::db::statements_executed() - before) as f64 / n as f64
}

struct Run {
    own: Outcome,
    caseload: Outcome,
    search: Outcome,
    own_statements: f64,
    caseload_statements: f64,
}

async fn run(size: usize, postgres: bool, seconds: u64, connections: u64) -> Run {
    let bench_db = common::BenchDb::create(postgres).await;
    let url = bench_db.url.clone();
    let mut settings = Settings::defaults().unwrap();
    settings.environment = backend::config::Environment::Development;
    settings.server.port = 0;
    settings.server.workers = 1;
    settings.database.url = url.clone().into();
    settings.seed_demo = true;
    settings.frontend_dir = "/nonexistent".into();
    let app = Application::build(settings).await.unwrap();
    let base = format!("http://127.0.0.1:{}/api/v1", app.port());
    tokio::spawn(app.run_until_stopped());
    let db = Database::connect(&url).await.unwrap();
    seed(&db, size).await;

    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(connections as usize)
        .build()
        .unwrap();
    let jobseeker = demo_token(&client, &base, "giulia.rossi@sinergia.example").await;
    let counsellor = demo_token(&client, &base, "operatrice.milano@sinergia.example").await;
    let own_url = format!("{base}/me/profile");
    let caseload_url =
        format!("{base}/staff/jobseekers?page_size=50&min_completeness=50&municipality=015146");
    // The filter must return full pages.
    let page: serde_json::Value = client
        .get(&caseload_url)
        .bearer_auth(&counsellor)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 50);

    load(&client, &own_url, Some(&jobseeker), connections, 1).await;
    load(&client, &caseload_url, Some(&counsellor), connections, 1).await;
    let own = load(&client, &own_url, Some(&jobseeker), connections, seconds).await;
    let caseload = load(
        &client,
        &caseload_url,
        Some(&counsellor),
        connections,
        seconds,
    )
    .await;
    // A search by name, which no index serves (a scan of the agency's jobseekers).
    let search_url = format!("{base}/staff/jobseekers?page_size=50&q=kovalenko");
    let search = load(
        &client,
        &search_url,
        Some(&counsellor),
        connections,
        seconds,
    )
    .await;
    let own_statements = statements_per_request(&client, &own_url, &jobseeker).await;
    let caseload_statements = statements_per_request(&client, &caseload_url, &counsellor).await;
    db.close().await.unwrap();
    bench_db.drop_it().await;
    Run {
        own,
        caseload,
        search,
        own_statements,
        caseload_statements,
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seconds = arg(&args, "--seconds", 10);
    let connections = arg(&args, "--connections", 8);
    let postgres = args.iter().any(|a| a == "--postgres");
    let db = if postgres { "PostgreSQL" } else { "SQLite" };
    println!(
        "Sinergia profile benchmark: {db}, 1 server worker, {connections} connections, {seconds} s per endpoint, load generator in the same process"
    );
    let mut runs = Vec::new();
    for size in [10_000, 100_000] {
        println!("{size} jobseekers:");
        let r = run(size, postgres, seconds, connections).await;
        report("  GET /me/profile", &r.own);
        report("  GET caseload", &r.caseload);
        report("  GET search", &r.search);
        println!(
            "  statements per request: own profile {:.1}, caseload page {:.1}",
            r.own_statements, r.caseload_statements
        );
        runs.push(r);
    }
    let ratio = |a: &Outcome, b: &Outcome| b.p99.as_secs_f64() / a.p99.as_secs_f64();
    println!(
        "growth 10k → 100k: p99 own profile ×{:.2}, p99 caseload ×{:.2}; statements per request {} → {} and {} → {}",
        ratio(&runs[0].own, &runs[1].own),
        ratio(&runs[0].caseload, &runs[1].caseload),
        runs[0].own_statements,
        runs[1].own_statements,
        runs[0].caseload_statements,
        runs[1].caseload_statements,
    );
}
