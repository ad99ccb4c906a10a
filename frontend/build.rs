//! Generates the translation table from `locales/it.json` and `locales/en.json` and fails the
//! build when a key exists in one language and not the other.

use std::collections::BTreeMap;
use std::fmt::Write as _;

fn load(lang: &str) -> BTreeMap<String, String> {
    let path = format!("locales/{lang}.json");
    println!("cargo:rerun-if-changed={path}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn variant(key: &str) -> String {
    key.split(['_', '.'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn main() {
    let it = load("it");
    let en = load("en");
    let only_it: Vec<_> = it.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<_> = en.keys().filter(|k| !it.contains_key(*k)).collect();
    assert!(
        only_it.is_empty() && only_en.is_empty(),
        "translations differ: only in it: {only_it:?}; only in en: {only_en:?}"
    );
    for (lang, map) in [("it", &it), ("en", &en)] {
        for (k, v) in map {
            assert!(!v.trim().is_empty(), "empty text for `{k}` in {lang}");
        }
    }
    // Every code of every list in `shared` has a label (`<kind>.<code>`).
    let missing: Vec<String> = shared::all_code_lists()
        .into_iter()
        .flat_map(|(kind, codes)| codes.into_iter().map(move |c| format!("{kind}.{c}")))
        .filter(|k| !it.contains_key(k))
        .collect();
    assert!(missing.is_empty(), "codes without a label: {missing:?}");
    let mut out = String::new();
    out.push_str("/// A user-facing text, present in every language (checked at build time).\n");
    out.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq)]\npub enum K {\n");
    for k in it.keys() {
        let _ = writeln!(out, "    {},", variant(k));
    }
    out.push_str("}\n\n/// The text of `key` in `lang`.\npub fn text(lang: shared::Language, key: K) -> &'static str {\n    match (lang, key) {\n");
    for (k, v) in &it {
        let _ = writeln!(
            out,
            "        (shared::Language::It, K::{}) => {:?},",
            variant(k),
            v
        );
    }
    for (k, v) in &en {
        let _ = writeln!(
            out,
            "        (shared::Language::En, K::{}) => {:?},",
            variant(k),
            v
        );
    }
    out.push_str("    }\n}\n");
    out.push_str("\n/// The key named `name` (for code labels: `sector.ict`).\npub fn lookup(name: &str) -> Option<K> {\n    match name {\n");
    for k in it.keys() {
        let _ = writeln!(out, "        {k:?} => Some(K::{}),", variant(k));
    }
    out.push_str("        _ => None,\n    }\n}\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("i18n.rs");
    std::fs::write(dest, out).unwrap_or_else(|e| panic!("writing i18n.rs: {e}"));
}
