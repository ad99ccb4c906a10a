//! Opportunities benchmark: 5,000 open opportunities and 50,000 jobseekers, all in Milan's
//! agency (the worst case: every one of them is hers to rank, every woman a counsellor's to
//! find), a fifth of the women with a scored assessment. Measures the p50/p99 of her ranked
//! matches (`GET /me/opportunities`, with one reader and eight) and of an opportunity's fitting
//! women (`GET /opportunities/{id}/fitting`, one reader). Run with `cargo xtask bench
//! opportunities [--seconds N] [--postgres]`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark fails loudly"
)]

mod common;

use std::time::Instant;

use backend::Application;
use backend::config::Settings;
use backend::entities::{attempt, employer, opportunity, profile, profile_section, user};
use chrono::{Days, Utc};
use common::{arg, demo_token, get_json, load, report};
use sea_orm::{Database, EntityTrait, Set};
use serde_json::json;
use shared::{
    AttemptStatus, CaseStatus, CompanySize, ContractType, Level, OpeningWindow, OpportunityStatus,
    ProfileSection, Sought, TimeOfDay, Weekday, WorkMode,
};
use uuid::Uuid;

const OPPORTUNITIES: usize = 5_000;
const JOBSEEKERS: usize = 50_000;
const CODES: [&str; 15] = [
    "P1", "P2", "P3", "S1", "S2", "S3", "L1", "L2", "L3", "C1", "C2", "C3", "C4", "C5", "C6",
];
const TOWNS: [&str; 2] = ["015146", "015209"];
const LEVELS: [Level; 4] = [
    Level::Emerging,
    Level::Developing,
    Level::Established,
    Level::Strong,
];

fn t(m: u16) -> TimeOfDay {
    TimeOfDay::from_minutes(m).unwrap()
}

async fn seed_opportunities(db: &sea_orm::DatabaseConnection) -> Uuid {
    let now = Utc::now();
    let agency = migrations::MILANO_ID;
    let employers: Vec<Uuid> = (0..20).map(|_| Uuid::now_v7()).collect();
    employer::Entity::insert_many(employers.iter().enumerate().map(|(i, id)| {
        employer::ActiveModel {
            id: Set(*id),
            agency_id: Set(agency),
            name: Set(format!("Impresa {i}")),
            ateco: Set("88.91".into()),
            size: Set(CompanySize::ALL[i % 4]),
            municipality_code: Set(TOWNS[i % 2].into()),
            benefits: Set(json!(["flexible_hours"])),
            website: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        }
    }))
    .exec(db)
    .await
    .unwrap();
    let today = now.date_naive();
    let mut first = None;
    for start in (0..OPPORTUNITIES).step_by(250) {
        let rows: Vec<opportunity::ActiveModel> = (start..(start + 250).min(OPPORTUNITIES))
            .map(|i| {
                let id = Uuid::now_v7();
                first.get_or_insert(id);
                let opens = 7 * 60 + u16::try_from((i % 6) * 60).unwrap();
                let length = 4 * 60 + u16::try_from((i % 3) * 120).unwrap();
                let days = 3 + i % 3;
                let hours: Vec<OpeningWindow> = Weekday::ALL[..days]
                    .iter()
                    .map(|d| OpeningWindow {
                        day: *d,
                        opens: t(opens),
                        closes: t(opens + length),
                    })
                    .collect();
                let sought: Vec<Sought> = (0..1 + i % 3)
                    .map(|k| Sought {
                        code: CODES[(i + 5 * k) % CODES.len()].into(),
                        level: LEVELS[(i + k) % 4],
                    })
                    .collect();
                let weekly = u16::try_from(days).unwrap() * length / 60;
                opportunity::ActiveModel {
                    id: Set(id),
                    agency_id: Set(agency),
                    employer_id: Set(employers[i % employers.len()]),
                    title: Set(format!("Opportunità {i}")),
                    description: Set("Una descrizione di qualche riga.".into()),
                    contract: Set(ContractType::ALL[i % 4]),
                    stipend_cents: Set(None),
                    duration_months: Set(None),
                    weekly_hours: Set(i32::from(weekly)),
                    hours: Set(json!(hours)),
                    municipality_code: Set(TOWNS[i % 2].into()),
                    mode: Set(WorkMode::ALL[i % 3]),
                    sought: Set(json!(sought)),
                    languages: Set(json!(["it"])),
                    start_on: Set(None),
                    closes_on: Set(today.checked_add_days(Days::new(30)).unwrap()),
                    places: Set(1),
                    status: Set(OpportunityStatus::Published),
                    published_at: Set(Some(now)),
                    closed_at: Set(None),
                    created_by: Set(employers[0]),
                    version: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
            })
            .collect();
        opportunity::Entity::insert_many(rows)
            .exec(db)
            .await
            .unwrap();
    }
    first.unwrap()
}

async fn seed_women(db: &sea_orm::DatabaseConnection) {
    let now = Utc::now();
    let agency = migrations::MILANO_ID;
    for start in (0..JOBSEEKERS).step_by(500) {
        let (mut users, mut profiles, mut sections, mut attempts) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for i in start..(start + 500).min(JOBSEEKERS) {
            let id = Uuid::now_v7();
            users.push(common::jobseeker_row(
                id,
                agency,
                format!("bench-{i}@example.org"),
                format!("Donna {i}"),
                now,
            ));
            profiles.push(profile::ActiveModel {
                user_id: Set(id),
                agency_id: Set(agency),
                municipality: Set(Some(TOWNS[i % 2].into())),
                completeness: Set(60),
                case_status: Set(CaseStatus::Active),
                created_at: Set(now),
                updated_at: Set(Some(now)),
            });
            let from = 8 + u8::try_from(i % 4).unwrap();
            let week: Vec<serde_json::Value> = ["mon", "tue", "wed", "thu", "fri"]
                .iter()
                .map(|d| json!({"day": d, "hours": (from..from + 6).collect::<Vec<u8>>()}))
                .collect();
            sections.push(profile_section::ActiveModel {
                user_id: Set(id),
                section: Set(ProfileSection::Availability),
                data: Set(json!({
                    "weekly_hours": week,
                    "max_travel_minutes": 30,
                    "travel_means": ["public_transport"],
                    "contract_types": ["permanent", "fixed_term"],
                })),
                version: Set(1),
                updated_at: Set(now),
                updated_by: Set(id),
            });
            if i % 5 == 0 {
                let scores: Vec<serde_json::Value> = CODES
                    .iter()
                    .enumerate()
                    .map(|(k, c)| {
                        let score = u8::try_from((i + 7 * k) % 100).unwrap();
                        json!({"code": c, "score": score, "level": Level::of(score),
                               "items_answered": 3, "items_total": 3, "confidence": "medium",
                               "contributions": []})
                    })
                    .collect();
                attempts.push(attempt::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    user_id: Set(id),
                    agency_id: Set(agency),
                    instrument_id: Set(migrations::PARENTING_SKILLS_V1_ID),
                    status: Set(AttemptStatus::Submitted),
                    started_at: Set(now),
                    updated_at: Set(now),
                    submitted_at: Set(Some(now)),
                    scores: Set(Some(json!(scores))),
                    validation: Set(None),
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
        attempt::Entity::insert_many(attempts)
            .exec(db)
            .await
            .unwrap();
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seconds = arg(&args, "--seconds", 10);
    let postgres = args.iter().any(|a| a == "--postgres");
    let bench_db = common::BenchDb::create(postgres).await;
    println!(
        "Sinergia opportunities benchmark: {}, 1 server worker, {seconds} s per measure, load generator in the same process",
        bench_db.kind()
    );
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
    let started = Instant::now();
    let first = seed_opportunities(&db).await;
    seed_women(&db).await;
    println!(
        "  seeded {OPPORTUNITIES} open opportunities and {JOBSEEKERS} jobseekers (a fifth assessed) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(8)
        .build()
        .unwrap();
    let her = demo_token(&client, &base, "giulia.rossi@sinergia.example").await;
    let counsellor = demo_token(&client, &base, "operatrice.milano@sinergia.example").await;
    let mine = format!("{base}/me/opportunities?page_size=20");
    let fitting = format!("{base}/opportunities/{first}/fitting?page_size=20");
    let ranked = get_json(&client, &mine, Some(&her)).await;
    let women = get_json(&client, &fitting, Some(&counsellor)).await;
    println!(
        "  (her first page holds {} opportunities; the fitting list {} women, more after it: {})",
        ranked["items"].as_array().map_or(0, Vec::len),
        women["items"].as_array().map_or(0, Vec::len),
        women["next_page_token"].is_string(),
    );
    load(&client, &mine, Some(&her), 1, 1).await;
    report(
        "  her matches, 1 reader",
        &load(&client, &mine, Some(&her), 1, seconds).await,
    );
    report(
        "  her matches, 8 readers",
        &load(&client, &mine, Some(&her), 8, seconds).await,
    );
    report(
        "  fitting women, 1 reader",
        &load(&client, &fitting, Some(&counsellor), 1, seconds).await,
    );
    db.close().await.unwrap();
    bench_db.drop_it().await;
}
