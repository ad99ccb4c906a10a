//! What the load benchmarks share: a closed-loop load generator and its report.

#![allow(dead_code, reason = "each benchmark uses a part of it")]

use std::time::{Duration, Instant};

use serde_json::json;
use shared::TokenResponse;

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
