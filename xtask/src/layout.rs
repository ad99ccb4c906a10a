//! `cargo xtask layout`: the module graph of each crate (which file imports which, from its
//! `crate::`, `super::` and child-module paths) must have no circle. Part of `cargo xtask test`.
//! It reads paths as text: a path inside a string or a comment counts too (harmless: it can
//! only report a circle that is not there, never hide one).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Result, bail};

/// The crates whose source is checked, by their `src` folder.
const CRATES: &[&str] = &[
    "shared/src",
    "backend/src",
    "frontend/src",
    "migrations/src",
];

pub fn check(root: &Path) -> Result<()> {
    let mut found = Vec::new();
    for krate in CRATES {
        let graph = graph(&root.join(krate))?;
        let files = graph.len();
        let edges: usize = graph.values().map(BTreeSet::len).sum();
        // Files, and then the top-level modules (a folder counts as one) they make up.
        let tops = circles(&top_level(&graph));
        let circles = circles(&graph);
        eprintln!(
            "    {krate}: {files} files, {edges} imports, {} circles of files, {} of top-level modules",
            circles.len(),
            tops.len()
        );
        for c in circles.into_iter().chain(tops) {
            found.push(format!("{krate}: {}", c.join(" -> ")));
        }
    }
    if !found.is_empty() {
        bail!(
            "modules import each other in a circle:\n  {}",
            found.join("\n  ")
        );
    }
    Ok(())
}

/// A file's module path: `community/rooms/service.rs` is `community::rooms::service`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// Which file each file imports (by the module paths it names).
fn graph(src: &Path) -> Result<BTreeMap<String, BTreeSet<String>>> {
    let mut files = Vec::new();
    crate::util::rust_files(src, &mut files)?;
    // A binary beside a library is its own crate: it only uses the library.
    if src.join("lib.rs").exists() {
        files.retain(|f| f != &src.join("main.rs"));
    }
    let modules: BTreeMap<Vec<String>, String> = files
        .iter()
        .map(|f| {
            let name = f.strip_prefix(src).unwrap_or(f).display().to_string();
            (module_of(src, f), name)
        })
        .collect();
    let mut graph = BTreeMap::new();
    for file in &files {
        let me = module_of(src, file);
        let is_dir_module = file
            .file_stem()
            .is_some_and(|s| s == "mod" || s == "lib" || s == "main");
        let text = std::fs::read_to_string(file)?;
        let mut to = BTreeSet::new();
        for path in paths(&text) {
            let absolute = match path.first().map(String::as_str) {
                Some("crate") => path[1..].to_vec(),
                Some("super") => {
                    // `super` of a folder's mod.rs is the folder's parent.
                    let mut base = me.clone();
                    let mut rest = &path[..];
                    while rest.first().map(String::as_str) == Some("super") {
                        base.pop();
                        rest = &rest[1..];
                    }
                    base.extend(rest.iter().cloned());
                    base
                }
                Some(first) if is_dir_module => {
                    // A child module named from its parent (`pub use messages::service::x`).
                    let mut child = me.clone();
                    child.push(first.to_owned());
                    if !modules.contains_key(&child) {
                        continue;
                    }
                    child.extend(path[1..].iter().cloned());
                    child
                }
                _ => continue,
            };
            // The deepest file that the path reaches.
            let target = (1..=absolute.len())
                .rev()
                .find_map(|n| modules.get(&absolute[..n]))
                .or_else(|| modules.get(&Vec::new()));
            if let Some(target) = target
                && Some(target) != modules.get(&me)
            {
                to.insert(target.clone());
            }
        }
        if let Some(name) = modules.get(&me) {
            graph.insert(name.clone(), to);
        }
    }
    // `mod x;` lines are declarations; a parent naming a child module is the only way in, so
    // the edges of lib.rs / main.rs to every top module are left out (they point down).
    for root in ["lib.rs", "main.rs"] {
        if let Some(edges) = graph.get_mut(root) {
            edges.clear();
        }
    }
    Ok(graph)
}

/// The graph of top-level modules: `community/rooms/service.rs` is `community`, `state.rs` is
/// itself; imports inside one of them are left out.
fn top_level(graph: &BTreeMap<String, BTreeSet<String>>) -> BTreeMap<String, BTreeSet<String>> {
    let top = |f: &str| f.split('/').next().unwrap_or(f).to_owned();
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, to) in graph {
        let entry = out.entry(top(from)).or_default();
        for t in to {
            if top(t) != top(from) {
                entry.insert(top(t));
            }
        }
    }
    out
}

/// Every path that starts with `crate::` or `super::`, or a lower-case name followed by `::`,
/// with one level of `{a, b}` expanded (`use crate::{db, seed}`).
fn paths(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        if !is_ident(bytes[i]) || (i > 0 && (is_ident(bytes[i - 1]) || bytes[i - 1] == b':')) {
            i += 1;
            continue;
        }
        // Read `seg::seg::...` from here.
        let mut segs = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            while j < bytes.len() && is_ident(bytes[j]) {
                j += 1;
            }
            if start == j {
                break;
            }
            segs.push(text[start..j].to_owned());
            if text[j..].starts_with("::") {
                j += 2;
                if text[j..].starts_with('{') {
                    let end = text[j..].find('}').map_or(text.len(), |e| j + e);
                    for name in text[j + 1..end].split(',') {
                        let name = name.trim().split("::").next().unwrap_or("").trim();
                        if !name.is_empty() && name != "self" {
                            let mut p = segs.clone();
                            p.push(name.to_owned());
                            out.push(p);
                        }
                    }
                    j = end;
                    break;
                }
            } else {
                break;
            }
        }
        if segs.len() > 1 {
            out.push(segs);
        }
        i = j.max(i + 1);
    }
    out
}

/// The strongly connected parts of more than one file (Tarjan), each as its files.
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low[v];
                s.low.insert(v, lv.min(lw));
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low[v];
                s.low.insert(v, lv.min(iw));
            }
        }
        if s.low[v] == s.index[v] {
            let mut part = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                part.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if part.len() > 1 {
                part.sort();
                s.out.push(part);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.out
}

/// The imports of each file (for `cargo xtask layout --edges`).
pub fn print_edges(root: &Path) -> Result<()> {
    for krate in CRATES {
        for (file, to) in graph(&root.join(krate))? {
            for t in to {
                println!("{krate}: {file} -> {t}");
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_circle_is_found_and_a_line_is_not() {
        let g = |edges: &[(&str, &str)]| {
            let mut m: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            for (a, b) in edges {
                m.entry((*a).to_owned())
                    .or_default()
                    .insert((*b).to_owned());
                m.entry((*b).to_owned()).or_default();
            }
            m
        };
        assert!(circles(&g(&[("a", "b"), ("b", "c")])).is_empty());
        assert_eq!(
            circles(&g(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])),
            vec![vec!["a".to_owned(), "b".to_owned(), "c".to_owned()]]
        );
    }

    #[test]
    fn a_circle_of_folders_is_found_where_files_make_none() {
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        g.entry("state.rs".into())
            .or_default()
            .insert("realtime/hub.rs".into());
        g.entry("realtime/broker.rs".into())
            .or_default()
            .insert("state.rs".into());
        g.entry("realtime/hub.rs".into()).or_default();
        assert!(circles(&g).is_empty());
        assert_eq!(circles(&top_level(&g)).len(), 1);
    }

    #[test]
    fn paths_are_read_with_one_level_of_braces() {
        let p = paths("use crate::{db, seed};\nlet x = super::service::get(s);\nfoo.bar::<T>();");
        assert!(p.contains(&vec!["crate".into(), "db".into()]));
        assert!(p.contains(&vec!["crate".into(), "seed".into()]));
        assert!(p.contains(&vec!["super".into(), "service".into(), "get".into()]));
    }
}
