//! `cargo xtask bench [load|profile|assessment] [options]`: runs a benchmark of `backend/benches`
//! (release build). `load` (the default, `xtask/src/load.rs`) compares `/me` with `/ping` on
//! the release server in its own process, measured by `oha`; `profile` reads a profile
//! and a caseload page with 10,000 and 100,000 jobseekers; `assessment` saves answers, submits
//! attempts and downloads a portfolio PDF with 100,000 attempts stored; `community` holds
//! 10,000 idle sockets, fans out a 1,000-member room, sends at 200/s, pages a 1,000,000-message
//! history and audits a reconnect storm; `services` searches 2,000 and 20,000 services by
//! distance, hours and category and ranks a mother's matches, with one reader and eight;
//! `opportunities` ranks her 5,000 open opportunities and an opportunity's 50,000 women.

use anyhow::Result;

use crate::util;

pub fn run(args: &[String]) -> Result<()> {
    let root = util::root()?;
    let bench = match args.first().map(String::as_str) {
        None => return crate::load::run(args),
        Some(a) if a.starts_with("--") => return crate::load::run(args),
        Some("load") => return crate::load::run(&args[1..]),
        Some("spa") => return crate::test::bench_spa(),
        Some(name @ ("profile" | "assessment" | "community" | "services" | "opportunities")) => {
            name
        }
        Some(other) => anyhow::bail!(
            "unknown benchmark `{other}`: load, spa, profile, assessment, community, services or opportunities"
        ),
    };
    util::run(
        util::cargo()
            .args(["bench", "--locked", "-p", "backend", "--bench", bench, "--"])
            .args(&args[1..])
            .current_dir(&root),
    )
}
