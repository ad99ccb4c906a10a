//! Labels and formats the assessment pages share.

use crate::i18n::{K, use_locale};
use leptos::prelude::*;
use shared::{Confidence, Level, LocalizedText};

/// A text of the content (framework, instruments) in the current language.
pub fn localized(t: &LocalizedText) -> impl Fn() -> String + Send + Sync + use<> {
    let t = t.clone();
    let locale = use_locale();
    move || t.get(locale.0.get()).to_owned()
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
