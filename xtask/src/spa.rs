//! Builds the SPA: the wasm in the `wasm-release` profile, its JS glue with
//! wasm-bindgen-cli-support (the library, pinned to the `wasm-bindgen` of `Cargo.lock`, so
//! nothing is downloaded), and the static files, into `frontend/dist`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::util;

pub fn build() -> Result<PathBuf> {
    let root = util::root()?;
    util::ensure_wasm_target()?;
    util::run(
        util::cargo()
            .args([
                "build",
                "--locked",
                "-p",
                "frontend",
                "--lib",
                "--target",
                "wasm32-unknown-unknown",
                "--profile",
                "wasm-release",
            ])
            .current_dir(&root),
    )?;
    let wasm = util::target_dir()?.join("wasm32-unknown-unknown/wasm-release/frontend.wasm");
    let dist = root.join("frontend/dist");
    if dist.exists() {
        std::fs::remove_dir_all(&dist)?;
    }
    let pkg = dist.join("pkg");
    std::fs::create_dir_all(&pkg)?;
    eprintln!("==> wasm-bindgen {}", wasm.display());
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)?
        .omit_default_module_path(false)
        .typescript(false)
        .remove_name_section(true)
        .remove_producers_section(true)
        .generate(&pkg)
        .context("wasm-bindgen")?;
    copy_dir(&root.join("frontend/static"), &dist)?;
    let size = std::fs::metadata(pkg.join("frontend_bg.wasm"))?.len();
    eprintln!(
        "==> SPA built in {} (wasm {} KB)",
        dist.display(),
        size / 1024
    );
    Ok(dist)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let dest = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &dest)?;
        } else {
            std::fs::copy(entry.path(), dest)?;
        }
    }
    Ok(())
}
