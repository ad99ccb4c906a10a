//! Load benchmark: requests per second and p50/p99 latency of `GET /api/v1/me` (token decoded,
//! session and account checked in the database, agency read) against `GET /api/v1/ping` (no
//! database) on the same server, on SQLite. Run with `cargo xtask bench [--seconds N]
//! [--connections N]`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark fails loudly"
)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use backend::Application;
use backend::config::Settings;
use serde_json::json;
use shared::TokenResponse;

struct Outcome {
    requests: usize,
    elapsed: Duration,
    p50: Duration,
    p99: Duration,
}

fn arg(args: &[String], name: &str, default: u64) -> u64 {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

async fn load(
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

fn report(name: &str, o: &Outcome) -> f64 {
    let rps = o.requests as f64 / o.elapsed.as_secs_f64();
    println!(
        "{name:<18} {rps:>9.0} req/s   p50 {:>7.2} ms   p99 {:>7.2} ms   ({} requests)",
        o.p50.as_secs_f64() * 1000.0,
        o.p99.as_secs_f64() * 1000.0,
        o.requests
    );
    rps
}

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seconds = arg(&args, "--seconds", 10);
    let connections = arg(&args, "--connections", 32);
    let workers = arg(&args, "--workers", 1) as usize;

    let dir = std::env::temp_dir().join(format!("sinergia-bench-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut settings = Settings::defaults().unwrap();
    settings.server.port = 0;
    settings.server.workers = workers;
    settings.database.url = format!("sqlite://{}/bench.db?mode=rwc", dir.display()).into();
    settings.seed_demo = true;
    settings.frontend_dir = "/nonexistent".into();
    let app = Application::build(settings).await.unwrap();
    let base = format!("http://127.0.0.1:{}/api/v1", app.port());
    tokio::spawn(app.run_until_stopped());

    let client = Arc::new(
        reqwest::Client::builder()
            .pool_max_idle_per_host(connections as usize)
            .build()
            .unwrap(),
    );
    let tokens: TokenResponse = client
        .post(format!("{base}/auth/login"))
        .json(&json!({ "email": "giulia.rossi@sinergia.example", "password": backend::seed::DEMO_PASSWORD, "refresh_token_in_body": true }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    println!(
        "Sinergia load benchmark: SQLite, {workers} server worker(s), {connections} connections, {seconds} s per endpoint, load generator in the same process"
    );
    // Warm up both paths.
    load(&client, &format!("{base}/ping"), None, connections, 1).await;
    load(
        &client,
        &format!("{base}/me"),
        Some(&tokens.access_token),
        connections,
        1,
    )
    .await;

    let ping = load(&client, &format!("{base}/ping"), None, connections, seconds).await;
    let me = load(
        &client,
        &format!("{base}/me"),
        Some(&tokens.access_token),
        connections,
        seconds,
    )
    .await;
    let ping_rps = report("GET /api/v1/ping", &ping);
    let me_rps = report("GET /api/v1/me", &me);
    println!(
        "ratio me/ping: throughput {:.2}, p50 latency {:.2}x, p99 latency {:.2}x",
        me_rps / ping_rps,
        me.p50.as_secs_f64() / ping.p50.as_secs_f64(),
        me.p99.as_secs_f64() / ping.p99.as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
