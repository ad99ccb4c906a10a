//! Bootstrap Italia's style sheet cut to the classes the web app uses (issue 16): a class no
//! source file of the app names cannot match, so the rules that need it are dropped — by
//! lightningcss (its `unused_symbols`: a rule goes only when each of its selectors needs a class
//! the app never names; `:not(.x)` keeps its rule), then minified again. What counts as used is
//! generous: every word of every string literal in `frontend/src`, the names of `class:` directives
//! and the words of `index.html`, so a class built at run time from a literal stays.

use std::collections::HashSet;
use std::path::Path;

use anyhow::{Context, Result};
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};

/// The words the app could put in a `class` attribute.
pub fn used_words(frontend: &Path) -> Result<HashSet<String>> {
    let literal = regex::Regex::new(r#""((?:[^"\\]|\\.)*)""#)?;
    let directive = regex::Regex::new(r"class:([A-Za-z0-9_-]+)")?;
    let mut used = HashSet::new();
    let mut files = vec![frontend.join("static/index.html")];
    crate::util::rust_files(&frontend.join("src"), &mut files)?;
    for file in files {
        let text = std::fs::read_to_string(&file).with_context(|| file.display().to_string())?;
        for caps in literal.captures_iter(&text) {
            used.extend(caps[1].split_whitespace().map(str::to_owned));
        }
        for caps in directive.captures_iter(&text) {
            used.insert(caps[1].to_owned());
        }
    }
    Ok(used)
}

/// `css` without the rules that need a class outside `used`; how many classes it named and
/// how many it keeps.
pub fn purge(css: &str, used: &HashSet<String>) -> Result<(String, usize, usize)> {
    let class = regex::Regex::new(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")?;
    let named: HashSet<String> = class
        .captures_iter(css)
        .map(|caps| caps[1].to_owned())
        .collect();
    let unused: HashSet<String> = named.difference(used).cloned().collect();
    let mut sheet = StyleSheet::parse(css, ParserOptions::default())
        .map_err(|e| anyhow::anyhow!("Bootstrap Italia's CSS: {e}"))?;
    sheet
        .minify(MinifyOptions {
            unused_symbols: unused.clone(),
            ..MinifyOptions::default()
        })
        .map_err(|e| anyhow::anyhow!("Bootstrap Italia's CSS: {e}"))?;
    let out = sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .map_err(|e| anyhow::anyhow!("Bootstrap Italia's CSS: {e}"))?;
    Ok((out.code, named.len(), named.len() - unused.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_rules_of_the_classes_used() -> Result<()> {
        let used: HashSet<String> = ["a", "x"].into_iter().map(String::from).collect();
        let css = ".a{color:red}.b{color:#00f}.x:not(.b){margin:0}.a .b{padding:0}\
                   .b,.a:hover{top:0}:root{--c:1px}@media (min-width:768px){.b{left:0}.a{left:1px}}";
        let (out, named, kept) = purge(css, &used)?;
        assert_eq!((named, kept), (3, 2));
        for rule in [
            ".a{color:red}",
            ".x:not(.b){margin:0}",
            ":root{--c:1px}",
            ".a{left:1px}",
        ] {
            assert!(out.contains(rule), "{rule} kept in {out}");
        }
        // A rule goes only when each of its selectors needs an unused class.
        assert!(out.contains(".b,.a:hover{top:0}"), "{out}");
        for rule in [".b{color:", ".a .b{", ".b{left:"] {
            assert!(!out.contains(rule), "{rule} dropped from {out}");
        }
        Ok(())
    }

    #[test]
    fn words_of_literals_and_directives_count_as_used() -> Result<()> {
        let dir = std::env::temp_dir().join(format!("sinergia-css-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("src/pages"))?;
        std::fs::create_dir_all(dir.join("static"))?;
        std::fs::write(
            dir.join("static/index.html"),
            "<div class=\"boot-loading\"></div>",
        )?;
        std::fs::write(
            dir.join("src/pages/p.rs"),
            "view! { <p class=\"btn btn-primary\" class:active=on /> }\n\
             let badge = if ok { \"badge bg-success\" } else { \"badge\" };",
        )?;
        let used = used_words(&dir)?;
        std::fs::remove_dir_all(&dir)?;
        for word in ["btn", "btn-primary", "active", "badge", "bg-success"] {
            assert!(used.contains(word), "{word}");
        }
        assert!(!used.contains("p"), "a tag is not a string literal");
        Ok(())
    }
}
