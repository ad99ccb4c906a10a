//! Project tasks: `cargo xtask <task>`.
//!
//! - `run [--no-demo]`  set up everything and serve the app (SQLite under `data/`, demo data)
//! - `test`             every check and test (what `.ci/run` calls)
//! - `spa`              build the SPA into `frontend/dist`
//! - `openapi`          regenerate `openapi/openapi.json`
//! - `layout`           check that no module imports another in a circle
//! - `bench [--seconds N] [--connections N]`  load benchmark of `GET /api/v1/me` vs `/ping`

mod bench;
mod css;
mod layout;
mod load;
mod spa;
mod test;
mod util;

use anyhow::{Result, bail};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or_default();
    match args.first().map(String::as_str) {
        Some("run") => run(rest),
        Some("test") => test::all(),
        Some("spa") => spa::within_budget(&spa::build()?),
        Some("openapi") => openapi(),
        Some("bench") => bench::run(rest),
        Some("layout") if rest.first().is_some_and(|a| a == "--edges") => {
            layout::print_edges(&util::root()?)
        }
        Some("layout") => layout::check(&util::root()?),
        _ => bail!("usage: cargo xtask <run [--no-demo] | test | spa | openapi | bench | layout>"),
    }
}

fn run(args: &[String]) -> Result<()> {
    let demo = !args.iter().any(|a| a == "--no-demo");
    let root = util::root()?;
    spa::build()?;
    std::fs::create_dir_all(root.join("data"))?;
    let port = std::env::var("APP_SERVER__PORT").unwrap_or_else(|_| "8080".into());
    let mut cmd = util::cargo();
    cmd.args([
        "run", "--quiet", "-p", "backend", "--bin", "sinergia", "--", "serve",
    ])
    .current_dir(&root)
    .env("APP_SEED_DEMO", if demo { "true" } else { "false" })
    // The demo's rooms, conversations, assessments and queues (development only).
    .env("APP_DEMO_CONTENT", if demo { "true" } else { "false" })
    // A development run: a JWT secret is made up at start, links are written to the log.
    .env("APP_ENVIRONMENT", "development")
    .env("APP_SERVER__PORT", &port)
    .env("APP_FRONTEND_DIR", root.join("frontend/dist"));
    if std::env::var_os("APP_SERVER__PUBLIC_URL").is_none() {
        cmd.env("APP_SERVER__PUBLIC_URL", format!("http://localhost:{port}"));
    }
    if std::env::var_os("APP_DATABASE__URL").is_none() {
        cmd.env(
            "APP_DATABASE__URL",
            format!(
                "sqlite://{}?mode=rwc",
                root.join("data/sinergia.db").display()
            ),
        );
    }
    util::run(&mut cmd)
}

fn openapi() -> Result<()> {
    let root = util::root()?;
    let out = util::output(
        util::cargo()
            .args([
                "run", "--quiet", "-p", "backend", "--bin", "sinergia", "--", "openapi",
            ])
            .current_dir(&root),
    )?;
    std::fs::write(root.join("openapi/openapi.json"), out)?;
    println!("wrote openapi/openapi.json");
    Ok(())
}
