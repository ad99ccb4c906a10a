//! Assessment benchmark: with 100,000 stored attempts (each with its 41 answers and scores),
//! the p50/p99 time of saving an answer, of submitting (scoring) an attempt and of generating
//! a validated portfolio's PDF. Run with `cargo xtask bench assessment [--seconds N]
//! [--connections N] [--submissions N] [--postgres]`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark fails loudly"
)]

mod common;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use backend::Application;
use backend::config::Settings;
use backend::entities::{attempt, attempt_answer, profile, user};
use chrono::Utc;
use common::{Outcome, arg};
use sea_orm::{ConnectionTrait, Database, EntityTrait, Set};
use serde_json::{Value, json};
use shared::{Attempt, Instrument, ItemKind};
use uuid::Uuid;

const STORED: usize = 100_000;
const PER_USER: usize = 10;

fn answer(kind: ItemKind, i: usize, options: &[shared::ChoiceOption]) -> Value {
    match kind {
        ItemKind::SelfRating => {
            json!({"kind": "self_rating", "home": 1 + i % 5, "work": 1 + (i / 5) % 5})
        }
        ItemKind::SituationalChoice => {
            json!({"kind": "situational_choice", "option": options[i % options.len()].key})
        }
        ItemKind::EvidenceStory => {
            json!({"kind": "evidence_story", "situation": "Una settimana difficile.", "action": "Ho organizzato i turni.", "result": "Tutto è andato bene."})
        }
    }
}

/// 100,000 submitted attempts of 10,000 jobseekers, answers and scores included.
async fn seed(db: &sea_orm::DatabaseConnection, instrument: &Instrument) {
    let started = Instant::now();
    let now = Utc::now();
    let scores = json!([{"code": "C1", "score": 50, "level": "developing", "items_answered": 5, "items_total": 7, "confidence": "high", "contributions": []}]);
    for u in 0..STORED / PER_USER {
        let uid = Uuid::now_v7();
        let agency = if u % 2 == 0 {
            migrations::MILANO_ID
        } else {
            migrations::TRENTO_ID
        };
        user::Entity::insert(common::jobseeker_row(
            uid,
            agency,
            format!("assess-{u}@example.org"),
            format!("Persona {u}"),
            now,
        ))
        .exec(db)
        .await
        .unwrap();
        profile::Entity::insert(profile::ActiveModel {
            user_id: Set(uid),
            agency_id: Set(agency),
            municipality: Set(None),
            completeness: Set(0),
            case_status: Set(shared::CaseStatus::New),
            created_at: Set(now),
            updated_at: Set(None),
        })
        .exec(db)
        .await
        .unwrap();
        let mut attempts = Vec::new();
        let mut answers = Vec::new();
        for a in 0..PER_USER {
            let aid = Uuid::now_v7();
            attempts.push(attempt::ActiveModel {
                id: Set(aid),
                user_id: Set(uid),
                agency_id: Set(agency),
                instrument_id: Set(instrument.summary.id),
                status: Set(if a % 3 == 0 {
                    shared::AttemptStatus::Validated
                } else {
                    shared::AttemptStatus::Submitted
                }),
                started_at: Set(now),
                updated_at: Set(now),
                submitted_at: Set(Some(now)),
                scores: Set(Some(scores.clone())),
                validation: Set(None),
            });
            for (i, item) in instrument.items.iter().enumerate() {
                answers.push(attempt_answer::ActiveModel {
                    attempt_id: Set(aid),
                    item_id: Set(item.id),
                    answer: Set(answer(item.kind, i + a, &item.options)),
                    answered_at: Set(now),
                });
            }
        }
        attempt::Entity::insert_many(attempts)
            .exec(db)
            .await
            .unwrap();
        for chunk in answers.chunks(400) {
            attempt_answer::Entity::insert_many(chunk.to_vec())
                .exec(db)
                .await
                .unwrap();
        }
    }
    db.execute_unprepared("ANALYZE").await.unwrap();
    println!(
        "  seeded {STORED} attempts ({} answers) in {:.1} s",
        STORED * instrument.items.len(),
        started.elapsed().as_secs_f64()
    );
}

fn outcome(mut all: Vec<Duration>, elapsed: Duration) -> Outcome {
    all.sort_unstable();
    let pct = |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)];
    Outcome {
        requests: all.len(),
        elapsed,
        p50: pct(0.50),
        p99: pct(0.99),
    }
}

/// A new jobseeker, signed in, with an attempt in progress.
async fn jobseeker(client: &reqwest::Client, base: &str, n: usize) -> (String, Attempt) {
    let email = format!("bench-taker-{n}-{}@example.org", Uuid::new_v4().simple());
    let agencies: Vec<Value> = client
        .get(format!("{base}/agencies"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let milano = agencies.iter().find(|a| a["slug"] == "milano").unwrap()["id"].clone();
    let res = client
        .post(format!("{base}/auth/register"))
        .json(&json!({"email": email, "password": "una frase lunga e mia", "name": "Bench Taker", "agency_id": milano, "language": "it", "privacy_notice_version": shared::PRIVACY_NOTICE_VERSION, "accept_privacy_notice": true}))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    let tokens: shared::TokenResponse = client
        .post(format!("{base}/auth/login"))
        .json(&json!({"email": email, "password": "una frase lunga e mia", "refresh_token_in_body": true}))
        .send().await.unwrap().json().await.unwrap();
    let attempt: Attempt = client
        .post(format!("{base}/assessment/attempts"))
        .bearer_auth(&tokens.access_token)
        .json(&json!({"instrument_id": migrations::PARENTING_SKILLS_V1_ID}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (tokens.access_token, attempt)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seconds = arg(&args, "--seconds", 10);
    let connections = arg(&args, "--connections", 8) as usize;
    let submissions = arg(&args, "--submissions", 200) as usize;

    let postgres = args.iter().any(|a| a == "--postgres");
    let bench_db = common::BenchDb::create(postgres).await;
    let url = bench_db.url.clone();
    let mut settings = Settings::defaults().unwrap();
    settings.environment = backend::config::Environment::Development;
    settings.server.port = 0;
    settings.server.workers = 1;
    settings.database.url = url.clone().into();
    settings.seed_demo = true;
    settings.frontend_dir = "/nonexistent".into();
    settings.throttle.register_per_address_per_minute = 100_000;
    settings.throttle.register_per_address_burst = 100_000;
    settings.throttle.login_per_address_per_minute = 100_000;
    settings.throttle.login_per_address_burst = 100_000;
    let app = Application::build(settings).await.unwrap();
    let base = format!("http://127.0.0.1:{}/api/v1", app.port());
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(connections)
        .build()
        .unwrap();
    let admin = common::demo_token(&client, &base, "admin.milano@sinergia.example").await;
    let instrument: Instrument = client
        .get(format!(
            "{base}/assessment/instruments/{}",
            migrations::PARENTING_SKILLS_V1_ID
        ))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    println!(
        "Sinergia assessment benchmark: {}, 1 server worker, {connections} connections, load generator in the same process",
        bench_db.kind()
    );
    let db = Database::connect(&url).await.unwrap();
    seed(&db, &instrument).await;

    // Saving answers: each connection is a jobseeker answering her own attempt, item after item.
    let mut takers = Vec::new();
    for n in 0..connections {
        takers.push(jobseeker(&client, &base, n).await);
    }
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (token, attempt) in takers {
        let client = client.clone();
        let base = base.clone();
        let items = instrument.items.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut i = 0usize;
            while Instant::now() < deadline {
                let item = &items[i % items.len()];
                let t = Instant::now();
                put_answer(&client, &base, &token, attempt.id, item, i).await;
                latencies.push(t.elapsed());
                i += 1;
            }
            latencies
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let saves = outcome(all, started.elapsed());
    common::report("  PUT answer", &saves);

    // Submitting: fully answered attempts, submitted `connections` at a time.
    let mut ready = Vec::new();
    for n in 0..submissions {
        let (token, attempt) = jobseeker(&client, &base, 1000 + n).await;
        for (i, item) in instrument.items.iter().enumerate() {
            put_answer(&client, &base, &token, attempt.id, item, i).await;
        }
        ready.push((token, attempt.id));
    }
    let started = Instant::now();
    let mut all = Vec::new();
    for batch in ready.chunks(connections) {
        let mut tasks = Vec::new();
        for (token, id) in batch {
            let (token, id) = (token.clone(), *id);
            let client = client.clone();
            let base = base.clone();
            tasks.push(tokio::spawn(async move {
                let t = Instant::now();
                let res = client
                    .post(format!("{base}/assessment/attempts/{id}/submit"))
                    .bearer_auth(&token)
                    .send()
                    .await
                    .unwrap();
                assert!(res.status().is_success(), "{}", res.status());
                res.bytes().await.unwrap();
                t.elapsed()
            }));
        }
        for t in tasks {
            all.push(t.await.unwrap());
        }
    }
    let submits = outcome(all, started.elapsed());
    common::report("  POST submit", &submits);

    // The PDF of a validated portfolio: her counsellor validates the computed levels, then she
    // downloads it again and again, `connections` at a time.
    let (token, id) = ready[0].clone();
    let counsellor = common::demo_token(&client, &base, "operatrice.milano@sinergia.example").await;
    validate(&client, &base, &counsellor, id, &instrument).await;
    let downloads = Arc::new(AtomicUsize::new(submissions.max(100)));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (client, base, token, downloads) = (
            client.clone(),
            base.clone(),
            token.clone(),
            downloads.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while downloads
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok()
            {
                let t = Instant::now();
                let res = client
                    .get(format!("{base}/assessment/attempts/{id}/portfolio.pdf"))
                    .bearer_auth(&token)
                    .send()
                    .await
                    .unwrap();
                assert!(res.status().is_success(), "{}", res.status());
                let bytes = res.bytes().await.unwrap();
                assert!(bytes.starts_with(b"%PDF-"));
                latencies.push(t.elapsed());
            }
            latencies
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let pdfs = outcome(all, started.elapsed());
    common::report("  GET portfolio.pdf", &pdfs);

    db.close().await.unwrap();
    bench_db.drop_it().await;
}

/// Saves her `i`-th answer to `item`.
async fn put_answer(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    attempt: Uuid,
    item: &shared::Item,
    i: usize,
) {
    let res = client
        .put(format!(
            "{base}/assessment/attempts/{attempt}/answers/{}",
            item.id
        ))
        .bearer_auth(token)
        .json(&answer(item.kind, i, &item.options))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    res.bytes().await.unwrap();
}

/// Validates a submitted attempt with the levels the scoring computes, every story rated 2.
async fn validate(
    client: &reqwest::Client,
    base: &str,
    counsellor: &str,
    id: Uuid,
    instrument: &Instrument,
) {
    let review: shared::Review = client
        .get(format!("{base}/staff/assessments/{id}"))
        .bearer_auth(counsellor)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let answers: BTreeMap<Uuid, shared::Answer> = review
        .attempt
        .answers
        .iter()
        .map(|a| (a.item_id, a.answer.clone()))
        .collect();
    let ratings: BTreeMap<Uuid, u8> = instrument
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::EvidenceStory && answers.contains_key(&i.id))
        .map(|i| (i.id, 2))
        .collect();
    let codes: Vec<String> = review
        .attempt
        .scores
        .iter()
        .map(|s| s.code.clone())
        .collect();
    let scores = shared::scoring::score(&codes, &instrument.items, &answers, &ratings);
    let body = json!({
        "story_ratings": ratings.iter().map(|(k, v)| json!({"item_id": k, "rating": v})).collect::<Vec<_>>(),
        "levels": scores.iter().map(|s| json!({"code": s.code, "level": s.level.unwrap_or(shared::Level::Emerging)})).collect::<Vec<_>>(),
    });
    let res = client
        .post(format!("{base}/staff/assessments/{id}/validation"))
        .bearer_auth(counsellor)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
}
