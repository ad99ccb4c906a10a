//! `cargo xtask test`: every check and test, in the order that fails fastest.

use std::process::Command;

use anyhow::{Result, bail};

use crate::{spa, util};

pub fn all() -> Result<()> {
    let root = util::root()?;
    util::ensure_wasm_target()?;

    step("format", || {
        util::run(
            util::cargo()
                .args(["fmt", "--all", "--", "--check"])
                .current_dir(&root),
        )
    })?;
    step("clippy (host crates)", || {
        util::run(
            util::cargo()
                .args([
                    "clippy",
                    "--locked",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ])
                .current_dir(&root),
        )
    })?;
    step("clippy (SPA, wasm32)", || {
        util::run(
            util::cargo()
                .args([
                    "clippy",
                    "--locked",
                    "-p",
                    "frontend",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--",
                    "-D",
                    "warnings",
                ])
                .current_dir(&root),
        )
    })?;
    step("shared is wasm-clean", || shared_is_wasm_clean(&root))?;
    step("no module imports another in a circle", || {
        crate::layout::check(&root)
    })?;
    let python = step("an SMTP server for the email tests (aiosmtpd)", smtp_python)?;
    step("unit and API tests (SQLite and PostgreSQL)", || {
        util::run(
            util::cargo()
                .args(["test", "--locked"])
                .current_dir(&root)
                .env("SINERGIA_TEST_PYTHON", &python),
        )
    })?;
    step("web app: build and size budget", || {
        spa::within_budget(&spa::build()?)
    })?;
    step("end-to-end in Chromium", || e2e(&root))?;
    eprintln!("==> all checks and tests passed");
    Ok(())
}

/// A Python that can import aiosmtpd, for the email sender's tests (and openssl, for their
/// certificates): a virtual environment
/// under the target directory with aiosmtpd from PyPI, made once (Debian's `python3-venv` is
/// installed when missing and we run as root).
fn smtp_python() -> Result<std::path::PathBuf> {
    // The STARTTLS test makes its certificates with openssl.
    if !util::has("openssl") {
        util::ensure_debian_packages("OpenSSL", &["openssl"])?;
    }
    let venv = util::target_dir()?.join("test-tools/smtp-venv");
    let python = venv.join("bin/python");
    let ready = |p: &std::path::Path| {
        Command::new(p)
            .args(["-c", "import aiosmtpd"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if ready(&python) {
        return Ok(python);
    }
    if !util::has("python3") {
        util::ensure_debian_packages("Python", &["python3", "python3-venv"])?;
    }
    if !venv.join("bin/pip").exists() {
        let made = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .is_ok_and(|s| s.success());
        if !made {
            util::ensure_debian_packages("Python venv", &["python3-venv"])?;
            util::run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
        }
    }
    util::run(Command::new(venv.join("bin/pip")).args([
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "aiosmtpd==1.4.6",
    ]))?;
    if !ready(&python) {
        bail!(
            "aiosmtpd is installed but {} cannot import it",
            python.display()
        );
    }
    Ok(python)
}

fn step<T>(name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    eprintln!("\n==> [{name}]");
    f().map_err(|e| anyhow::anyhow!("[{name}] {e:#}"))
}

/// `shared` builds for wasm32 and depends on neither actix nor sea-orm (with any feature).
fn shared_is_wasm_clean(root: &std::path::Path) -> Result<()> {
    util::run(
        util::cargo()
            .args([
                "build",
                "--locked",
                "-p",
                "shared",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .current_dir(root),
    )?;
    let tree = util::output(
        util::cargo()
            .args([
                "tree",
                "--locked",
                // What the web app gets: shared as the SPA uses it (its `db` feature, which
                // derives sea-orm's ActiveEnum, is the backend's alone).
                "-p",
                "frontend",
                "--target",
                "wasm32-unknown-unknown",
                "-e",
                "normal",
                "--prefix",
                "none",
            ])
            .current_dir(root),
    )?;
    let forbidden: Vec<&str> = tree
        .lines()
        .filter(|l| l.starts_with("actix") || l.starts_with("sea-orm") || l.starts_with("sqlx"))
        .collect();
    if !forbidden.is_empty() {
        bail!("the web app (with shared) depends on server crates: {forbidden:?}");
    }
    eprintln!("shared: wasm32 build ok; no actix, sea-orm or sqlx in the web app's dependencies");
    Ok(())
}

/// `cargo xtask bench spa`: the built web app on a throttled phone in Chromium
/// (`e2e/bench/spa.mjs`), served by the debug server (static files only matter here).
pub fn bench_spa() -> Result<()> {
    let root = util::root()?;
    spa::build()?;
    let e2e_dir = prepare_browser(&root)?;
    util::run(
        Command::new("node")
            .arg("bench/spa.mjs")
            .current_dir(&e2e_dir)
            .env("SINERGIA_BIN", util::target_dir()?.join("debug/sinergia"))
            .env("SINERGIA_DIST", root.join("frontend/dist"))
            .env("CHROMIUM", chromium()),
    )
}

fn chromium() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

/// Builds the server and makes sure Chromium, Node and the e2e packages are here (the web app
/// is built before); the e2e directory.
fn prepare_browser(root: &std::path::Path) -> Result<std::path::PathBuf> {
    util::run(
        util::cargo()
            .args(["build", "--locked", "-p", "backend", "--bin", "sinergia"])
            .current_dir(root),
    )?;
    if !std::path::Path::new(&chromium()).exists() {
        util::ensure_debian_packages("Chromium", &["chromium"])?;
    }
    if !util::has("node") || !util::has("npm") {
        util::ensure_debian_packages("Node.js", &["nodejs", "npm"])?;
    }
    let e2e_dir = root.join("e2e");
    if !e2e_dir.join("node_modules/playwright-core").exists()
        || !e2e_dir.join("node_modules/axe-core").exists()
    {
        util::run(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&e2e_dir),
        )?;
    }
    Ok(e2e_dir)
}

fn e2e(root: &std::path::Path) -> Result<()> {
    let e2e_dir = prepare_browser(root)?;
    util::run(
        Command::new("node")
            .args(["--test", "--test-concurrency=1", "tests/"])
            .current_dir(&e2e_dir)
            .env("SINERGIA_BIN", util::target_dir()?.join("debug/sinergia"))
            .env("SINERGIA_DIST", root.join("frontend/dist"))
            .env("CHROMIUM", chromium()),
    )
}
