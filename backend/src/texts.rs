//! Rules for texts that every module checks the same way.

use shared::{FieldCode, LocalizedText};

use crate::error::FieldIssue;

/// Invisible characters that can disguise what a text says: the bidirectional embeddings,
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069, which can make "txt.exe" read as
/// "exe.txt"), zero-width spaces and joiners that no language needs (U+200B, U+2060–U+2064,
/// U+FEFF, U+180E), and the interlinear annotation marks (U+FFF9–U+FFFB). The zero-width
/// (non-)joiner (U+200C, U+200D: Persian, Indic scripts, emoji) and the left-to-right and
/// right-to-left marks (U+200E, U+200F, U+061C: Arabic and Hebrew text) stay: languages need them.
pub fn disguising(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200B}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
            | '\u{180E}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// Whether a character is refused in a text: control characters (NUL among them) but, where
/// `multiline`, line breaks and tabs; and what [`disguising`] names.
pub fn refused(c: char, multiline: bool) -> bool {
    (c.is_control() && !(multiline && matches!(c, '\n' | '\t' | '\r'))) || disguising(c)
}

/// Whether a one-line text (a name, a search, a term) holds a refused character.
pub fn has_refused_inline(text: &str) -> bool {
    text.chars().any(|c| refused(c, false))
}

/// Whether a multi-line text (a message, a story, a note) holds a refused character.
pub fn has_refused(text: &str) -> bool {
    text.chars().any(|c| refused(c, true))
}

/// The rule a plain text breaks, if any: trimmed, at most `max` characters, no control
/// characters but line breaks and tabs, nothing [`disguising`]; empty is allowed unless
/// `required`.
pub fn plain(text: &str, max: usize, required: bool) -> Option<FieldCode> {
    let t = text.trim();
    if t.is_empty() {
        required.then_some(FieldCode::Required)
    } else if t.chars().count() > max {
        Some(FieldCode::TextTooLong)
    } else if has_refused(t) {
        Some(FieldCode::TextInvalid)
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

/// An `http(s)://` address with a dotted host and no spaces.
pub fn web_address(w: &str) -> bool {
    let host = w
        .strip_prefix("https://")
        .or_else(|| w.strip_prefix("http://"))
        .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""));
    host.is_some_and(|h| {
        h.contains('.')
            && h.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
    }) && !w.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_that_disguise_themselves_are_refused() {
        // An override that turns "gpj.exe" into what looks like "exe.jpg".
        assert_eq!(
            plain("foto\u{202E}gpj.exe", 100, true),
            Some(FieldCode::TextInvalid)
        );
        assert_eq!(
            plain("a\u{2066}b\u{2069}", 100, true),
            Some(FieldCode::TextInvalid)
        );
        assert_eq!(
            plain("pass\u{200B}word", 100, true),
            Some(FieldCode::TextInvalid)
        );
        assert_eq!(
            plain("nul\u{0}here", 100, true),
            Some(FieldCode::TextInvalid)
        );
        assert_eq!(
            plain("\u{FEFF}ciao", 100, true),
            Some(FieldCode::TextInvalid)
        );
        // What languages need stays: line breaks in a message, ZWNJ in Persian, ZWJ in an
        // emoji family, the right-to-left mark in Arabic.
        assert_eq!(plain("riga uno\nriga due", 100, true), None);
        assert_eq!(plain("می\u{200C}خواهم", 100, true), None);
        assert_eq!(plain("👩\u{200D}👧", 100, true), None);
        assert_eq!(plain("مرحبا\u{200F} 2026", 100, true), None);
        assert!(has_refused_inline("Anna\nRossi"));
        assert!(!has_refused_inline("Anna Rossi"));
    }
}
