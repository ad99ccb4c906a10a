//! Labels and formats the assessment pages share.

use crate::i18n::{K, use_locale};
use leptos::prelude::*;
use shared::{Confidence, Language, Level, LocalizedText};

/// A text of the content (framework, instruments) in the current language.
pub fn localized(t: &LocalizedText) -> impl Fn() -> String + Send + Sync + use<> {
    let t = t.clone();
    let locale = use_locale();
    move || t.get(locale.0.get()).to_owned()
}

/// Now, from the browser's clock (`chrono::Utc::now` has no clock on wasm32-unknown-unknown).
pub fn now() -> chrono::DateTime<chrono::Utc> {
    #[allow(
        clippy::cast_possible_truncation,
        reason = "milliseconds since 1970 fit an i64"
    )]
    let ms = js_sys::Date::now() as i64;
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

pub fn level_key(l: Level) -> K {
    match l {
        Level::Emerging => K::AsLevelEmerging,
        Level::Developing => K::AsLevelDeveloping,
        Level::Established => K::AsLevelEstablished,
        Level::Strong => K::AsLevelStrong,
    }
}

pub fn confidence_key(c: Confidence) -> K {
    match c {
        Confidence::Low => K::AsConfidenceLow,
        Confidence::Medium => K::AsConfidenceMedium,
        Confidence::High => K::AsConfidenceHigh,
    }
}

/// A date as the language writes it.
pub fn date(d: chrono::DateTime<chrono::Utc>, lang: Language) -> String {
    match lang {
        Language::It => d.format("%d/%m/%Y").to_string(),
        Language::En => d.format("%-d %b %Y").to_string(),
    }
}
