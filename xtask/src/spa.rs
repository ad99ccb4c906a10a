//! Builds the SPA: the wasm in the `wasm-release` profile, its JS glue with
//! wasm-bindgen-cli-support (the library, pinned to the `wasm-bindgen` of `Cargo.lock`, so
//! nothing is downloaded), and the static files, into `frontend/dist`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::util;

/// What a first visit downloads, as served (brotli): the web app's size budget (issue 16).
pub struct FirstLoad {
    /// Scripts, style sheets and the wasm (fonts aside).
    pub total: u64,
    /// The main wasm module alone.
    pub wasm: u64,
}

/// The budget: at most 400 KB downloaded before the sign-in form can be used, the wasm at most
/// 300 KB of it (kB of 1,000 bytes, as served).
pub const BUDGET: FirstLoad = FirstLoad {
    total: 400_000,
    wasm: 300_000,
};

/// Fails when the first load is over [`BUDGET`] (sizes are deterministic: a budget, not a
/// timing); the build has printed each file's size.
pub fn within_budget(first: &FirstLoad) -> Result<()> {
    eprintln!(
        "==> first load {} B of {} B allowed; the wasm {} B of {} B",
        first.total, BUDGET.total, first.wasm, BUDGET.wasm
    );
    anyhow::ensure!(
        first.total <= BUDGET.total && first.wasm <= BUDGET.wasm,
        "the web app is over its size budget (first load {} B > {} B or wasm {} B > {} B): see \
         the sizes above",
        first.total,
        BUDGET.total,
        first.wasm,
        BUDGET.wasm
    );
    Ok(())
}

/// Builds the web app into `frontend/dist`; what a first visit downloads.
pub fn build() -> Result<FirstLoad> {
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
    // Built beside `frontend/dist` and put in its place at the end: a server running on
    // `frontend/dist` (`cargo xtask run`, an e2e run) never sees a web app half built.
    let done = root.join("frontend/dist");
    let dist = root.join("frontend/dist.next");
    if dist.exists() {
        std::fs::remove_dir_all(&dist)?;
    }
    let pkg = dist.join("pkg");
    std::fs::create_dir_all(&pkg)?;
    let split = split(&wasm)?;
    eprintln!("==> wasm-bindgen {}", split.display());
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&split)
        .web(true)?
        .omit_default_module_path(false)
        .typescript(false)
        // The lazy pages' files call the main module through its linker exports.
        .keep_lld_exports(true)
        .demangle(false)
        .remove_name_section(true)
        .remove_producers_section(true)
        .generate(&pkg)
        .context("wasm-bindgen")?;
    for entry in std::fs::read_dir(split.parent().context("split directory")?)? {
        let path = entry?.path();
        let dest = pkg.join(path.file_name().context("file name")?);
        if path.extension().is_some_and(|e| e == "wasm") && path != split {
            std::fs::write(&dest, without_custom_sections(&std::fs::read(&path)?)?)?;
        } else if path != split {
            std::fs::copy(&path, dest)?;
        }
    }
    copy_dir(&root.join("frontend/static"), &dist)?;
    purge_bootstrap(&root.join("frontend"), &dist)?;
    let (first, lazy) = fingerprint(&dist)?;
    let old = root.join("frontend/dist.old");
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    if done.exists() {
        std::fs::rename(&done, &old)?;
    }
    std::fs::rename(&dist, &done)?;
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    eprintln!("==> SPA built in {}", done.display());
    report(&done, &first, &lazy)
}

/// Bootstrap Italia's style sheet, cut to the classes the app names (`css.rs`).
/// `SINERGIA_FULL_CSS=1` keeps it whole (to compare the look).
fn purge_bootstrap(frontend: &Path, dist: &Path) -> Result<()> {
    if std::env::var_os("SINERGIA_FULL_CSS").is_some_and(|v| v == "1") {
        return Ok(());
    }
    let path = dist.join("vendor/bootstrap-italia/css/bootstrap-italia.min.css");
    let css = std::fs::read_to_string(&path)?;
    let (purged, named, kept) = crate::css::purge(&css, &crate::css::used_words(frontend)?)?;
    eprintln!(
        "==> Bootstrap Italia's CSS: {} B → {} B raw, the rules of {kept} of its {named} classes",
        css.len(),
        purged.len()
    );
    std::fs::write(&path, purged)?;
    Ok(())
}

/// The split step's directory: the main module, a file per lazy page (`split_*.wasm`), the code
/// pages share (`chunk_*.wasm`) and the JS that loads them.
const LINK_MODULE: &str = "__wasm_split.js";

/// Splits each lazy route's code (Leptos' `#[lazy_route]`) out of the wasm, with
/// `wasm_split_cli_support` (the library cargo-leptos uses). Returns the main module's path; the
/// lazy files and [`LINK_MODULE`] are beside it.
fn split(wasm: &Path) -> Result<PathBuf> {
    let dir = wasm.with_file_name("split");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    let main = dir.join("frontend.wasm");
    let input = std::fs::read(wasm).with_context(|| wasm.display().to_string())?;
    eprintln!("==> wasm-split {}", wasm.display());
    let link = format!("./{LINK_MODULE}");
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = &dir;
    options.main_out_path = &main;
    options.link_name = &link;
    options.main_module = "./frontend.js";
    wasm_split_cli_support::transform(options).map_err(|e| anyhow::anyhow!("wasm-split: {e:#}"))?;
    // A load that fails is the app's to tell (it shows a page that offers to try again), and a
    // load cut short by leaving the page is no error: the loader only warns in the console.
    let link = dir.join(LINK_MODULE);
    let js = std::fs::read_to_string(&link)?;
    let report = "console.error(e);";
    anyhow::ensure!(
        js.contains(report),
        "the link module no longer reports a failed load with `{report}`: see xtask/src/spa.rs"
    );
    std::fs::write(&link, js.replace(report, "console.warn(e);"))?;
    Ok(main)
}

/// A lazy file without its custom sections (function names, producers): wasm-bindgen strips
/// the main module's, wasm-split keeps them in the files it writes (about half their size).
fn without_custom_sections(wasm: &[u8]) -> Result<Vec<u8>> {
    let mut module = wasm_encoder::Module::new();
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        let payload = payload?;
        if matches!(payload, wasmparser::Payload::CustomSection(_)) {
            continue;
        }
        if let Some((id, range)) = payload.as_section() {
            let range = usize::try_from(range.start)?..usize::try_from(range.end)?;
            module.section(&wasm_encoder::RawSection {
                id,
                data: &wasm[range],
            });
        }
    }
    Ok(module.finish())
}

/// What a first visit downloads: each file's path in `dist`, a file after those it names (its
/// new name is written into it). Fonts aside (they come when text needs them). The main
/// module's JS and the link module name each other: they are named together (see
/// [`fingerprint`]).
const FIRST_LOAD: &[&str] = &[
    "vendor/bootstrap-italia/css/bootstrap-italia.min.css",
    "fonts.css",
    "app.css",
    "pkg/frontend_bg.wasm",
    "pkg/__wasm_split.js",
    "pkg/frontend.js",
    "boot.js",
];

/// A built file: its path in `dist` before and after it was named by its content.
struct Named {
    old: String,
    new: String,
}

/// `text` with every reference to a renamed file changed to its new name: absolute
/// (`/pkg/frontend.js"`), imported relative to the referring file (`from "./frontend.js"`) or
/// fetched relative to it (`new URL("./split_x.wasm", import.meta.url)`, and wasm-bindgen's
/// default path `new URL('frontend_bg.wasm', …)`). Nothing else: the main module's imports
/// object keeps the link module's old name, which is the wasm's import module.
fn rewrite(mut text: String, renamed: &[Named]) -> String {
    for Named { old, new } in renamed {
        text = text.replace(&format!("/{old}\""), &format!("/{new}\""));
        let (old, new) = (base(old), base(new));
        for quote in ['"', '\''] {
            for (before, prefix) in [("from ", "./"), ("URL(", "./"), ("URL(", "")] {
                text = text.replace(
                    &format!("{before}{quote}{prefix}{old}{quote}"),
                    &format!("{before}{quote}{prefix}{new}{quote}"),
                );
            }
        }
    }
    text
}

fn base(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Gives every file but `index.html` a content hash in its name (`name-<16 hex>.ext`), leaves
/// first, rewriting the references of the files that name them (fonts in `fonts.css`, the lazy
/// pages' files in the link module, the app in `boot.js`, everything in `index.html`), and
/// writes a brotli (quality 11) and a gzip (level 9) copy of each text and wasm file beside it.
///
/// The main module's JS imports the link module, which imports it back: the link module's
/// name is the hash of both files' content (with the lazy files' names in) and of the wasm's
/// name, which is all that decides them; the main JS is then named by its content with the
/// link module's name in, and that name is written into the link module.
///
/// Returns the first-load files and the lazy files (old and new paths).
fn fingerprint(dist: &Path) -> Result<(Vec<Named>, Vec<Named>)> {
    let mut order: Vec<String> = Vec::new();
    let fonts = dist.join("vendor/bootstrap-italia/fonts");
    for entry in std::fs::read_dir(&fonts)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.ends_with(".woff2") {
            order.push(format!("vendor/bootstrap-italia/fonts/{name}"));
        }
    }
    order.sort();
    let mut lazy: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(dist.join("pkg"))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.ends_with(".wasm") && name != "frontend_bg.wasm" {
            lazy.push(format!("pkg/{name}"));
        }
    }
    lazy.sort();
    order.extend(lazy.iter().cloned());
    order.extend(FIRST_LOAD.iter().map(|s| (*s).to_owned()));
    let mut renamed: Vec<Named> = Vec::new();
    let link = "pkg/__wasm_split.js";
    let main_js = "pkg/frontend.js";
    let mut link_text = String::new();
    for rel in order {
        let path = dist.join(&rel);
        let mut bytes = std::fs::read(&path).with_context(|| rel.clone())?;
        if rel.ends_with(".css") || rel.ends_with(".js") {
            let text = String::from_utf8(bytes).with_context(|| rel.clone())?;
            bytes = rewrite(text, &renamed).into_bytes();
        }
        let hashed = if rel == link {
            // Named with the main JS it imports (read as it is now, before naming).
            let main = std::fs::read(dist.join(main_js)).context(main_js)?;
            let wasm = renamed
                .iter()
                .find(|n| n.old == "pkg/frontend_bg.wasm")
                .context("the wasm is named first")?;
            link_text = String::from_utf8(bytes.clone())?;
            hashed_name(&rel, &[&bytes, &main, wasm.new.as_bytes()].concat())
        } else {
            hashed_name(&rel, &bytes)
        };
        std::fs::remove_file(&path)?;
        if rel != link {
            write_named(dist, &rel, &hashed, &bytes)?;
        }
        renamed.push(Named {
            old: rel.clone(),
            new: hashed,
        });
        if rel == main_js {
            // Now that the main JS has its name, the link module can be written.
            let named = renamed.iter().find(|n| n.old == link).context("link")?;
            let text = rewrite(std::mem::take(&mut link_text), &renamed);
            write_named(dist, link, &named.new, text.as_bytes())?;
        }
    }
    let index = dist.join("index.html");
    let html = rewrite(std::fs::read_to_string(&index)?, &renamed);
    std::fs::write(&index, html)?;
    let (first, rest): (Vec<Named>, Vec<Named>) = renamed
        .into_iter()
        .partition(|n| FIRST_LOAD.contains(&n.old.as_str()));
    let lazy = rest.into_iter().filter(|n| lazy.contains(&n.old)).collect();
    Ok((first, lazy))
}

/// Writes a named file and, but for fonts (already compressed), its precompressed copies.
fn write_named(dist: &Path, rel: &str, hashed: &str, bytes: &[u8]) -> Result<()> {
    std::fs::write(dist.join(hashed), bytes)?;
    if !rel.ends_with(".woff2") {
        precompress(&dist.join(hashed), bytes)?;
    }
    Ok(())
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

/// Prints each first-load file's size as served (brotli), and the total; then the lazy files,
/// which a page fetches when it is first opened. Returns the first load's sizes.
fn report(dist: &Path, first: &[Named], lazy: &[Named]) -> Result<FirstLoad> {
    let sizes = |named: &Named| -> Result<(u64, u64)> {
        let raw = std::fs::metadata(dist.join(&named.new))?.len();
        let br = std::fs::metadata(format!("{}.br", dist.join(&named.new).display()))?.len();
        Ok((raw, br))
    };
    let mut load = FirstLoad { total: 0, wasm: 0 };
    eprintln!("==> first load, as served compressed (brotli, quality 11):");
    for named in first {
        let (raw, br) = sizes(named)?;
        load.total += br;
        if named.old.ends_with(".wasm") {
            load.wasm += br;
        }
        eprintln!("    {br:>8} B  ({raw:>8} B raw)  {}", named.new);
    }
    eprintln!("    {:>8} B  in all", load.total);
    eprintln!("==> lazy files, fetched when a page of their group is first opened:");
    let mut lazy_total = 0;
    for named in lazy {
        let (raw, br) = sizes(named)?;
        lazy_total += br;
        eprintln!("    {br:>8} B  ({raw:>8} B raw)  {}", named.new);
    }
    eprintln!("    {lazy_total:>8} B  in all");
    Ok(load)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_rewritten_but_not_the_import_module_key() {
        let renamed = [
            Named {
                old: "pkg/__wasm_split.js".into(),
                new: "pkg/__wasm_split-0123456789abcdef.js".into(),
            },
            Named {
                old: "pkg/chunk_1.wasm".into(),
                new: "pkg/chunk_1-fedcba9876543210.wasm".into(),
            },
            Named {
                old: "pkg/frontend_bg.wasm".into(),
                new: "pkg/frontend_bg-00112233aabbccdd.wasm".into(),
            },
        ];
        let glue = "import * as import1 from \"./__wasm_split.js\"\n\
                    imports = { \"./__wasm_split.js\": import1 };\n\
                    new URL('frontend_bg.wasm', import.meta.url);\n\
                    fetch(new URL(\"./chunk_1.wasm\", import.meta.url));\n\
                    <link href=\"/pkg/frontend_bg.wasm\">";
        let out = rewrite(glue.to_owned(), &renamed);
        assert!(
            out.contains("from \"./__wasm_split-0123456789abcdef.js\""),
            "{out}"
        );
        assert!(out.contains("{ \"./__wasm_split.js\": import1 }"), "{out}");
        assert!(
            out.contains("URL('frontend_bg-00112233aabbccdd.wasm'"),
            "{out}"
        );
        assert!(
            out.contains("URL(\"./chunk_1-fedcba9876543210.wasm\""),
            "{out}"
        );
        assert!(
            out.contains("href=\"/pkg/frontend_bg-00112233aabbccdd.wasm\""),
            "{out}"
        );
    }
}
