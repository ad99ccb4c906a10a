//! What the load benchmarks share: a closed-loop load generator and its report.

#![allow(dead_code, reason = "each benchmark uses a part of it")]

use std::time::{Duration, Instant};

use serde_json::json;
use shared::TokenResponse;

/// A jobseeker's account row, seeded straight into the database (no password: benchmarks sign
/// her in by other means).
pub fn jobseeker_row(
    id: uuid::Uuid,
    agency: uuid::Uuid,
    email: String,
    name: String,
    now: chrono::DateTime<chrono::Utc>,
) -> backend::entities::user::ActiveModel {
    use sea_orm::Set;
    backend::entities::user::ActiveModel {
        id: Set(id),
        agency_id: Set(agency),
        email: Set(email),
        name: Set(name),
        role: Set(shared::Role::Jobseeker),
        language: Set(shared::Language::It),
        password_hash: Set(None),
        disabled_at: Set(None),
        erased_at: Set(None),
        programme_editor: Set(false),
        catalogue_curator: Set(false),
        employer_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
}

/// What a load run measured.
pub struct Outcome {
    pub requests: usize,
    pub elapsed: Duration,
    pub p50: Duration,
    pub p99: Duration,
}

/// `--name N` from the command line, or `default`.
pub fn arg(args: &[String], name: &str, default: u64) -> u64 {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// GETs `url` from `connections` concurrent clients for `seconds`; every answer must be 2xx.
pub async fn load(
    client: &reqwest::Client,
    url: &str,
    token: Option<&str>,
    connections: u64,
    seconds: u64,
) -> Outcome {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let client = client.clone();
        let url = url.to_owned();
        let token = token.map(str::to_owned);
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while Instant::now() < deadline {
                let t = Instant::now();
                let mut req = client.get(&url);
                if let Some(tok) = &token {
                    req = req.bearer_auth(tok);
                }
                let res = req.send().await.expect("request");
                assert!(res.status().is_success(), "{}", res.status());
                res.bytes().await.expect("body");
                latencies.push(t.elapsed());
            }
            latencies
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("task"));
    }
    let elapsed = start.elapsed();
    all.sort_unstable();
    let pct = |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)];
    Outcome {
        requests: all.len(),
        elapsed,
        p50: pct(0.50),
        p99: pct(0.99),
    }
}

/// Prints one line of results; returns requests per second.
pub fn report(name: &str, o: &Outcome) -> f64 {
    let rps = o.requests as f64 / o.elapsed.as_secs_f64();
    println!(
        "{name:<18} {rps:>9.0} req/s   p50 {:>7.2} ms   p99 {:>7.2} ms   ({} requests)",
        o.p50.as_secs_f64() * 1000.0,
        o.p99.as_secs_f64() * 1000.0,
        o.requests
    );
    rps
}

/// GETs `url` (with a token when given) and reads its JSON answer.
pub async fn get_json(
    client: &reqwest::Client,
    url: &str,
    token: Option<&str>,
) -> serde_json::Value {
    let mut req = client.get(url);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.unwrap().json().await.unwrap()
}

/// Signs a demo account in and returns its access token.
pub async fn demo_token(client: &reqwest::Client, base: &str, email: &str) -> String {
    let tokens: TokenResponse = client
        .post(format!("{base}/auth/login"))
        .json(&json!({ "email": email, "password": backend::seed::DEMO_PASSWORD, "refresh_token_in_body": true }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    tokens.access_token
}

/// A fresh database for one run: a SQLite file in a temporary folder, or a PostgreSQL database
/// on 127.0.0.1:5432; [`BenchDb::drop_it`] removes it.
pub struct BenchDb {
    pub url: String,
    postgres: Option<String>,
    dir: std::path::PathBuf,
}

const PG_ADMIN: &str = "postgres://postgres@127.0.0.1:5432/postgres";

impl BenchDb {
    pub async fn create(postgres: bool) -> BenchDb {
        use sea_orm::ConnectionTrait;
        let dir = std::env::temp_dir().join(format!("sinergia-bench-{}", uuid::Uuid::new_v4()));
        if postgres {
            let name = format!("sinergia_bench_{}", uuid::Uuid::new_v4().simple());
            let admin = sea_orm::Database::connect(PG_ADMIN).await.unwrap();
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .unwrap();
            BenchDb {
                url: format!("postgres://postgres@127.0.0.1:5432/{name}"),
                postgres: Some(name),
                dir,
            }
        } else {
            std::fs::create_dir_all(&dir).unwrap();
            BenchDb {
                url: format!("sqlite://{}/bench.db?mode=rwc", dir.display()),
                postgres: None,
                dir,
            }
        }
    }

    pub fn kind(&self) -> &'static str {
        if self.postgres.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    }

    pub async fn drop_it(self) {
        use sea_orm::ConnectionTrait;
        match self.postgres {
            Some(name) => {
                // The server keeps running in this process; FORCE ends its connections.
                let admin = sea_orm::Database::connect(PG_ADMIN).await.unwrap();
                admin
                    .execute_unprepared(&format!("DROP DATABASE \"{name}\" WITH (FORCE)"))
                    .await
                    .unwrap();
            }
            None => {
                let _ = std::fs::remove_dir_all(&self.dir);
            }
        }
    }
}
