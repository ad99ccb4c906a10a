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
    let files = fingerprint(&dist)?;
    eprintln!("==> SPA built in {}", dist.display());
    report(&dist, &files)?;
    Ok(dist)
}

/// What a first visit downloads: each file's path in `dist`, a file after those it names (its
/// new name is written into it). Fonts aside (they come when text needs them).
const FIRST_LOAD: &[&str] = &[
    "vendor/bootstrap-italia/css/bootstrap-italia.min.css",
    "fonts.css",
    "app.css",
    "pkg/frontend_bg.wasm",
    "pkg/frontend.js",
    "boot.js",
];

/// Gives every file but `index.html` a content hash in its name (`name-<16 hex>.ext`), leaves
/// first, rewriting the references of the files that name them (fonts in `fonts.css`, the app
/// in `boot.js`, everything in `index.html`), and writes a brotli (quality 11) and a gzip (level
/// 9) copy of each text and wasm file beside it. Returns the first-load files' new paths.
fn fingerprint(dist: &Path) -> Result<Vec<(String, String)>> {
    let mut renamed: Vec<(String, String)> = Vec::new();
    let mut order: Vec<String> = Vec::new();
    let fonts = dist.join("vendor/bootstrap-italia/fonts");
    for entry in std::fs::read_dir(&fonts)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.ends_with(".woff2") {
            order.push(format!("vendor/bootstrap-italia/fonts/{name}"));
        }
    }
    order.sort();
    order.extend(FIRST_LOAD.iter().map(|s| (*s).to_owned()));
    for rel in order {
        let path = dist.join(&rel);
        let mut bytes = std::fs::read(&path).with_context(|| rel.clone())?;
        if rel.ends_with(".css") || rel.ends_with(".js") {
            let mut text = String::from_utf8(bytes).with_context(|| rel.clone())?;
            for (old, new) in &renamed {
                text = text.replace(&format!("/{old}\""), &format!("/{new}\""));
            }
            bytes = text.into_bytes();
        }
        let hashed = hashed_name(&rel, &bytes);
        std::fs::write(dist.join(&hashed), &bytes)?;
        std::fs::remove_file(&path)?;
        if !rel.ends_with(".woff2") {
            precompress(&dist.join(&hashed), &bytes)?;
        }
        renamed.push((rel, hashed));
    }
    let index = dist.join("index.html");
    let mut html = std::fs::read_to_string(&index)?;
    for (old, new) in &renamed {
        html = html.replace(&format!("/{old}\""), &format!("/{new}\""));
    }
    std::fs::write(&index, html)?;
    Ok(renamed
        .into_iter()
        .filter(|(old, _)| FIRST_LOAD.contains(&old.as_str()))
        .collect())
}

/// `dir/name.ext` → `dir/name-<first 16 hex of its SHA-256>.ext`.
fn hashed_name(rel: &str, bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    match rel.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}-{hex}.{ext}"),
        None => format!("{rel}-{hex}"),
    }
}

fn precompress(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut br = Vec::new();
    {
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 24,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut &bytes[..], &mut br, &params)?;
    }
    std::fs::write(format!("{}.br", path.display()), br)?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes)?;
    std::fs::write(format!("{}.gz", path.display()), gz.finish()?)?;
    Ok(())
}

/// Prints each first-load file's size as served (brotli), and the total.
fn report(dist: &Path, files: &[(String, String)]) -> Result<()> {
    let mut total = 0;
    eprintln!("==> first load, as served compressed (brotli, quality 11):");
    for (_, hashed) in files {
        let raw = std::fs::metadata(dist.join(hashed))?.len();
        let br = std::fs::metadata(format!("{}.br", dist.join(hashed).display()))?.len();
        total += br;
        eprintln!("    {:>8} B  ({:>8} B raw)  {hashed}", br, raw);
    }
    eprintln!("    {total:>8} B  in all");
    Ok(())
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
