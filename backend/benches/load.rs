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

use backend::Application;
use backend::config::Settings;

mod common;

use common::{arg, demo_token, load, report};

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seconds = arg(&args, "--seconds", 10);
    let connections = arg(&args, "--connections", 32);
    let workers = arg(&args, "--workers", 1) as usize;

    let dir = std::env::temp_dir().join(format!("sinergia-bench-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut settings = Settings::defaults().unwrap();
    settings.environment = backend::config::Environment::Development;
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
    let token = demo_token(&client, &base, "giulia.rossi@sinergia.example").await;

    println!(
        "Sinergia load benchmark: SQLite, {workers} server worker(s), {connections} connections, {seconds} s per endpoint, load generator in the same process"
    );
    // Warm up both paths.
    load(&client, &format!("{base}/ping"), None, connections, 1).await;
    load(&client, &format!("{base}/me"), Some(&token), connections, 1).await;

    let ping = load(&client, &format!("{base}/ping"), None, connections, seconds).await;
    let me = load(
        &client,
        &format!("{base}/me"),
        Some(&token),
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
