//! Rules for texts that every module checks the same way.

use shared::LocalizedText;

use crate::error::FieldIssue;

/// The rule a plain text breaks, if any: trimmed, at most `max` characters, no control
/// characters but line breaks and tabs; empty is allowed unless `required`.
pub fn plain(text: &str, max: usize, required: bool) -> Option<&'static str> {
    let t = text.trim();
    if t.is_empty() {
        required.then_some("required")
    } else if t.chars().count() > max {
        Some("text_too_long")
    } else if t.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        Some("text_invalid")
    } else {
        None
    }
}

/// Both languages of a text: present and [`plain`].
pub fn localized(t: &LocalizedText, max: usize, pointer: &str, issues: &mut Vec<FieldIssue>) {
    for (text, lang) in [(&t.it, "it"), (&t.en, "en")] {
        if let Some(code) = plain(text, max, true) {
            issues.push(FieldIssue::new(format!("{pointer}/{lang}"), code));
        }
    }
}
