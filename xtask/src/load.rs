//! `cargo xtask bench load` (issue 16): the release server in its own process with two workers,
//! measured from outside by `oha` (installed from crates.io the first time): `GET /api/v1/me`
//! (token decoded, session checked) against `GET /api/v1/ping` (nothing read) in the same run,
//! each at its maximum rate with `--connections` connections, then `/me` at half its maximum
//! rate for its p99. On SQLite, and on PostgreSQL at 127.0.0.1:5432 when it answers (a database
//! of its own, dropped after).
//! Options: `--seconds N` (10), `--connections N` (32), `--workers N` (2).

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::util;

fn arg(args: &[String], name: &str, default: u64) -> u64 {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// What one `oha` run measured.
struct Measure {
    rps: f64,
    p50_ms: f64,
    p99_ms: f64,
    ok: f64,
}

fn oha(
    url: &str,
    token: Option<&str>,
    seconds: u64,
    connections: u64,
    rate: Option<f64>,
) -> Result<Measure> {
    let mut cmd = Command::new("oha");
    cmd.args(["--no-tui", "--output-format", "json", "-z"])
        .arg(format!("{seconds}s"))
        .args(["-c", &connections.to_string()]);
    if let Some(q) = rate {
        cmd.args(["-q", &format!("{q:.0}")]);
    }
    if let Some(t) = token {
        cmd.args(["-H", &format!("Authorization: Bearer {t}")]);
    }
    cmd.arg(url);
    let out = cmd
        .output()
        .context("could not run oha (cargo install oha --locked)")?;
    if !out.status.success() {
        bail!("oha failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let v: Value = serde_json::from_slice(&out.stdout).context("oha's JSON")?;
    let ms = |p: &str| v["latencyPercentiles"][p].as_f64().unwrap_or(f64::NAN) * 1000.0;
    Ok(Measure {
        rps: v["summary"]["requestsPerSec"].as_f64().unwrap_or(0.0),
        p50_ms: ms("p50"),
        p99_ms: ms("p99"),
        ok: v["summary"]["successRate"].as_f64().unwrap_or(0.0),
    })
}

/// The server in its own process, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(bin: &PathBuf, database_url: &str, workers: u64) -> Result<Server> {
    let mut child = Command::new(bin)
        .arg("serve")
        .env("APP_SERVER__PORT", "0")
        .env("APP_SERVER__WORKERS", workers.to_string())
        .env("APP_DATABASE__URL", database_url)
        .env("APP_SEED_DEMO", "true")
        .env("APP_ENVIRONMENT", "development")
        .env("APP_FRONTEND_DIR", "/nonexistent")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .context("could not start the server")?;
    let stdout = child.stdout.take().context("server stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    let port = loop {
        let line = lines
            .next()
            .context("the server stopped before listening")??;
        if let Some(p) = line.split("listening on port ").nth(1) {
            break p.trim().parse::<u16>().context("port")?;
        }
    };
    // Keep reading its output so that it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Ok(Server { child, port })
}

fn sign_in(base: &str) -> Result<String> {
    let out = Command::new("curl")
        .args(["-sf", "-X", "POST", "-H", "content-type: application/json", "-d"])
        .arg(r#"{"email":"giulia.rossi@sinergia.example","password":"Sinergia-demo-2026","refresh_token_in_body":true}"#)
        .arg(format!("{base}/auth/login"))
        .output()
        .context("could not run curl")?;
    let v: Value = serde_json::from_slice(&out.stdout).context("the login's answer")?;
    v["access_token"]
        .as_str()
        .map(str::to_owned)
        .context("no access token")
}

fn psql(sql: &str) -> Result<()> {
    let status = Command::new("psql")
        .args(["-h", "127.0.0.1", "-U", "postgres", "-q", "-c", sql])
        .status()
        .context("could not run psql")?;
    if !status.success() {
        bail!("psql failed: {sql}");
    }
    Ok(())
}

fn measure(
    label: &str,
    bin: &PathBuf,
    url: &str,
    seconds: u64,
    connections: u64,
    workers: u64,
) -> Result<()> {
    let server = start(bin, url, workers)?;
    let base = format!("http://127.0.0.1:{}/api/v1", server.port);
    let token = sign_in(&base)?;
    let (ping_url, me_url) = (format!("{base}/ping"), format!("{base}/me"));
    // Warm up both paths.
    oha(&ping_url, None, 2, connections, None)?;
    oha(&me_url, Some(&token), 2, connections, None)?;
    let ping = oha(&ping_url, None, seconds, connections, None)?;
    let me = oha(&me_url, Some(&token), seconds, connections, None)?;
    let half = oha(
        &me_url,
        Some(&token),
        seconds,
        connections,
        Some(me.rps / 2.0),
    )?;
    println!(
        "\n{label}: {workers} server workers, {connections} connections, {seconds} s each (oha, another process)"
    );
    println!(
        "  {:<24} {:>10} {:>9} {:>9} {:>8}",
        "", "req/s", "p50 ms", "p99 ms", "ok"
    );
    for (name, m) in [
        ("GET /ping (max)", &ping),
        ("GET /me (max)", &me),
        ("GET /me (half of max)", &half),
    ] {
        println!(
            "  {:<24} {:>10.0} {:>9.2} {:>9.2} {:>7.1}%",
            name,
            m.rps,
            m.p50_ms,
            m.p99_ms,
            m.ok * 100.0
        );
    }
    println!(
        "  /me at {:.0} % of /ping's rate (aim ≥ 40 %); p99 at half its maximum {:.2} ms (aim ≤ 5 ms)",
        me.rps / ping.rps * 100.0,
        half.p99_ms
    );
    Ok(())
}

pub fn run(args: &[String]) -> Result<()> {
    let seconds = arg(args, "--seconds", 10);
    let connections = arg(args, "--connections", 32);
    let workers = arg(args, "--workers", 2);
    if Command::new("oha").arg("--version").output().is_err() {
        // The load generator, from crates.io (a few minutes, once).
        util::run(util::cargo().args(["install", "oha", "--locked"]))?;
    }
    let root = util::root()?;
    util::run(
        util::cargo()
            .args([
                "build",
                "--release",
                "--locked",
                "-p",
                "backend",
                "--bin",
                "sinergia",
            ])
            .current_dir(&root),
    )?;
    let bin = util::target_dir()?.join("release/sinergia");
    let dir = std::env::temp_dir().join(format!("sinergia-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let sqlite = format!("sqlite://{}/load.db?mode=rwc", dir.display());
    let result = measure("SQLite", &bin, &sqlite, seconds, connections, workers);
    let _ = std::fs::remove_dir_all(&dir);
    result?;
    if TcpStream::connect("127.0.0.1:5432").is_ok() {
        let name = format!("sinergia_load_{}", std::process::id());
        psql(&format!("CREATE DATABASE {name}"))?;
        let url = format!("postgres://postgres@127.0.0.1:5432/{name}");
        let result = measure("PostgreSQL", &bin, &url, seconds, connections, workers);
        let _ = psql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        result?;
    } else {
        println!("\nPostgreSQL: nothing answers at 127.0.0.1:5432, skipped");
    }
    Ok(())
}
