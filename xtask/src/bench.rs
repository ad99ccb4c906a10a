//! `cargo xtask bench`: runs the load benchmark in `backend/benches/load.rs` (release build).

use anyhow::Result;

use crate::util;

pub fn run(args: &[String]) -> Result<()> {
    let root = util::root()?;
    util::run(
        util::cargo()
            .args([
                "bench", "--locked", "-p", "backend", "--bench", "load", "--",
            ])
            .args(args)
            .current_dir(&root),
    )
}
