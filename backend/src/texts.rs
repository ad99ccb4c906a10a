//! Rules for texts that every module checks the same way.

use shared::LocalizedText;

use crate::error::FieldIssue;

/// Both languages of a text: present, at most `max` characters, no control characters but
/// line breaks and tabs.
pub fn localized(t: &LocalizedText, max: usize, pointer: &str, issues: &mut Vec<FieldIssue>) {
    for (text, lang) in [(&t.it, "it"), (&t.en, "en")] {
        let n = text.trim().chars().count();
        let code = if n == 0 {
            "required"
        } else if n > max {
            "text_too_long"
        } else if text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            "text_invalid"
        } else {
            continue;
        };
        issues.push(FieldIssue::new(format!("{pointer}/{lang}"), code));
    }
}
