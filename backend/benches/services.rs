//! Services benchmark: with 2,000 and then 20,000 published services (2.5 weekly windows each:
//! 50,000 windows at the larger size) spread over the three territories, the p50/p99 time of
//! the public search by distance + open hours + category, and of a jobseeker's ranked matches,
//! with one reader and with eight. Run with `cargo xtask bench services [--seconds N]
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
use backend::entities::{
    cost_option, location, profile_section, provider, service, service_location, service_window,
    user,
};
use chrono::Utc;
use common::{Outcome, arg, demo_token, get_json, load, report};
use sea_orm::{ColumnTrait, ConnectionTrait, Database, EntityTrait, QueryFilter, Set};
use serde_json::json;
use shared::{
    CostUnit, OpeningWindow, Places, ProviderKind, Schedule, ServiceCategory, TimeOfDay, Weekday,
};
use uuid::Uuid;

/// Where the services are: (agency, centre, spread in degrees, a municipality there).
fn territories() -> [(Uuid, (f64, f64), f64, &'static str); 3] {
    [
        (migrations::MILANO_ID, (45.50, 9.20), 0.15, "015146"),
        (migrations::TRENTO_ID, (46.07, 11.12), 0.25, "022205"),
        (migrations::MONZA_ID, (45.60, 9.27), 0.10, "108033"),
    ]
}

/// A deterministic spread in [-1, 1).
fn spread(i: usize, salt: usize) -> f64 {
    let x = (i.wrapping_mul(2_654_435_761).wrapping_add(salt * 40_503)) % 10_000;
    x as f64 / 5_000.0 - 1.0
}

fn t(m: u16) -> TimeOfDay {
    TimeOfDay::from_minutes(m).unwrap()
}

/// Adds `n` published services, each at its own location, with 2 or 3 weekly windows.
async fn seed(db: &sea_orm::DatabaseConnection, n: usize) -> usize {
    let started = Instant::now();
    let now = Utc::now();
    let mut providers = Vec::new();
    for (agency, ..) in territories() {
        for p in 0..50 {
            providers.push((agency, Uuid::now_v7(), p));
        }
    }
    provider::Entity::insert_many(
        providers
            .iter()
            .map(|(agency, id, p)| provider::ActiveModel {
                id: Set(*id),
                agency_id: Set(*agency),
                name: Set(format!("Ente {p}")),
                kind: Set(ProviderKind::ALL[p % 4]),
                description: Set(None),
                email: Set(Some(format!("ente{p}@example.org"))),
                phone: Set(None),
                website: Set(None),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                retired_at: Set(None),
            }),
    )
    .exec(db)
    .await
    .unwrap();
    let mut windows_total = 0;
    let batch = 250;
    for start in (0..n).step_by(batch) {
        let (mut services, mut places, mut links, mut windows, mut costs) =
            (vec![], vec![], vec![], vec![], vec![]);
        for i in start..(start + batch).min(n) {
            let (agency, (lat, lon), d, town) = territories()[i % 3];
            let (_, provider_id, _) = providers[(i % 3) * 50 + (i / 3) % 50];
            let id = Uuid::now_v7();
            let place = Uuid::now_v7();
            let category = ServiceCategory::ALL[i % ServiceCategory::ALL.len()];
            let opens = 7 * 60 + u16::try_from((i % 8) * 30).unwrap();
            let days: &[Weekday] = &Weekday::ALL[..5];
            // Two windows on the first days, three on some: 2.5 a service on average.
            let mut weekly = vec![
                OpeningWindow {
                    day: days[i % 5],
                    opens: t(opens),
                    closes: t(opens + 120),
                },
                OpeningWindow {
                    day: days[i % 5],
                    opens: t(opens + 9 * 60),
                    closes: t(opens + 11 * 60),
                },
            ];
            if i % 2 == 0 {
                weekly.push(OpeningWindow {
                    day: days[(i + 1) % 5],
                    opens: t(opens + 5 * 60),
                    closes: t(opens + 8 * 60),
                });
            }
            for w in &weekly {
                windows.push(service_window::ActiveModel {
                    service_id: Set(id),
                    day: Set(
                        i16::try_from(Weekday::ALL.iter().position(|x| *x == w.day).unwrap())
                            .unwrap(),
                    ),
                    opens: Set(i16::try_from(w.opens.minutes()).unwrap()),
                    closes: Set(i16::try_from(w.closes.minutes()).unwrap()),
                });
            }
            windows_total += weekly.len();
            let schedule = Schedule {
                weekly,
                exceptions: vec![],
            };
            services.push(service::ActiveModel {
                id: Set(id),
                agency_id: Set(agency),
                provider_id: Set(provider_id),
                name: Set(format!("Servizio {i}")),
                description: Set(json!(null)),
                category: Set(category),
                min_age_months: Set(Some(i32::try_from(i % 4 * 12).unwrap())),
                max_age_months: Set(Some(168)),
                languages: Set(json!(["it"])),
                accessibility: Set(json!([])),
                capacity: Set(Some(20)),
                places: Set(Places::ALL[i % 4]),
                schedule: Set(serde_json::to_value(&schedule).unwrap()),
                status: Set("published".to_owned()),
                verified_at: Set(Some(now)),
                verified_by: Set(None),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
            });
            places.push(location::ActiveModel {
                id: Set(place),
                agency_id: Set(agency),
                provider_id: Set(provider_id),
                name: Set(format!("Sede {i}")),
                address: Set(format!("Via Roma {i}")),
                municipality_code: Set(town.to_owned()),
                lat: Set(lat + d * spread(i, 1)),
                lon: Set(lon + d * spread(i, 2)),
                created_at: Set(now),
                version: Set(1),
                retired_at: Set(None),
            });
            links.push(service_location::ActiveModel {
                service_id: Set(id),
                location_id: Set(place),
            });
            costs.push(cost_option::ActiveModel {
                id: Set(Uuid::now_v7()),
                service_id: Set(id),
                unit: Set(CostUnit::ALL[i % 3]),
                amount_cents: Set(i32::try_from(500 + i % 40 * 250).unwrap()),
                note: Set(None),
            });
        }
        service::Entity::insert_many(services)
            .exec(db)
            .await
            .unwrap();
        location::Entity::insert_many(places)
            .exec(db)
            .await
            .unwrap();
        service_location::Entity::insert_many(links)
            .exec_without_returning(db)
            .await
            .unwrap();
        service_window::Entity::insert_many(windows)
            .exec_without_returning(db)
            .await
            .unwrap();
        cost_option::Entity::insert_many(costs)
            .exec(db)
            .await
            .unwrap();
    }
    backend::catalogue::revision::bump(db).await.unwrap();
    db.execute_unprepared("ANALYZE").await.unwrap();
    println!(
        "  seeded {n} services and {windows_total} weekly windows in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    windows_total
}

/// Gives the demo mother of Milan a household and hours (she lives in Milan: the centre of the
/// Milan services).
async fn her_profile(db: &sea_orm::DatabaseConnection) {
    let her = user::Entity::find()
        .filter(user::Column::Email.eq("giulia.rossi@sinergia.example"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let now = Utc::now();
    profile_section::Entity::delete_many()
        .filter(profile_section::Column::UserId.eq(her.id))
        .exec(db)
        .await
        .unwrap();
    let week: Vec<serde_json::Value> = ["mon", "tue", "wed", "thu", "fri"]
        .iter()
        .map(|d| json!({"day": d, "hours": [9, 10, 11, 12, 13, 14]}))
        .collect();
    for (section, data) in [
        (
            shared::ProfileSection::AboutMe,
            json!({"municipality": "015146"}),
        ),
        (
            shared::ProfileSection::Household,
            json!({"children": [{"birth_year": 2018}, {"birth_year": 2024}], "others_cared_for": [{"relation": "parent"}], "helpers": ["grandparents"]}),
        ),
        (
            shared::ProfileSection::Availability,
            json!({ "weekly_hours": week }),
        ),
    ] {
        profile_section::Entity::insert(profile_section::ActiveModel {
            user_id: Set(her.id),
            section: Set(section),
            data: Set(data),
            version: Set(1),
            updated_at: Set(now),
            updated_by: Set(her.id),
        })
        .exec(db)
        .await
        .unwrap();
    }
}

struct Run {
    /// The first search after a write: the catalogue built again in memory.
    rebuild: std::time::Duration,
    search: [Outcome; 2],
    matches: [Outcome; 2],
    found: usize,
    ranked: usize,
}

async fn run(size: usize, postgres: bool, seconds: u64) -> Run {
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
    her_profile(&db).await;

    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(8)
        .build()
        .unwrap();
    let her = demo_token(&client, &base, "giulia.rossi@sinergia.example").await;
    let search_url = format!(
        "{base}/services?near=45.4642,9.1900&radius_km=10&open_at=tue@16:00-17:00&category=pre_after_school&page_size=20"
    );
    let matches_url = format!("{base}/me/services/matches?page_size=20");
    let found = get_json(&client, &search_url, None).await;
    let ranked = get_json(&client, &matches_url, Some(&her)).await;
    // A write to the catalogue: the next read builds the catalogue in memory again.
    backend::catalogue::revision::bump(&db).await.unwrap();
    let started = Instant::now();
    client.get(&search_url).send().await.unwrap();
    let rebuild = started.elapsed();
    let found = found["items"].as_array().map_or(0, Vec::len);
    let ranked = ranked["items"].as_array().map_or(0, Vec::len);
    load(&client, &search_url, None, 1, 1).await;
    load(&client, &matches_url, Some(&her), 1, 1).await;
    let mut search = Vec::new();
    let mut matches = Vec::new();
    for readers in [1, 8] {
        search.push(load(&client, &search_url, None, readers, seconds).await);
        matches.push(load(&client, &matches_url, Some(&her), readers, seconds).await);
    }
    db.close().await.unwrap();
    bench_db.drop_it().await;
    let [s1, s8]: [Outcome; 2] = search.try_into().ok().unwrap();
    let [m1, m8]: [Outcome; 2] = matches.try_into().ok().unwrap();
    Run {
        rebuild,
        search: [s1, s8],
        matches: [m1, m8],
        found,
        ranked,
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seconds = arg(&args, "--seconds", 10);
    let postgres = args.iter().any(|a| a == "--postgres");
    let db = if postgres { "PostgreSQL" } else { "SQLite" };
    println!(
        "Sinergia services benchmark: {db}, 1 server worker, {seconds} s per measure, load generator in the same process"
    );
    let mut runs = Vec::new();
    for size in [2_000, 20_000] {
        println!("{size} services:");
        let r = run(size, postgres, seconds).await;
        println!(
            "  (the search finds {} on its first page; her matches rank {} on theirs)",
            r.found, r.ranked
        );
        println!(
            "  first search after a write (the catalogue rebuilt in memory): {:.0} ms",
            r.rebuild.as_secs_f64() * 1000.0
        );
        report("  search, 1 reader", &r.search[0]);
        report("  search, 8 readers", &r.search[1]);
        report("  matches, 1 reader", &r.matches[0]);
        report("  matches, 8 readers", &r.matches[1]);
        runs.push(r);
    }
    let ratio = |a: &Outcome, b: &Outcome| b.p99.as_secs_f64() / a.p99.as_secs_f64();
    println!(
        "growth 2k → 20k (one reader): p99 search ×{:.2}, p99 matches ×{:.2}",
        ratio(&runs[0].search[0], &runs[1].search[0]),
        ratio(&runs[0].matches[0], &runs[1].matches[0]),
    );
}
