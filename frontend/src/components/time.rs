//! Times as she reads them: in her browser's time zone (the server speaks UTC), written the way
//! her language writes them.

use chrono::{DateTime, Duration, FixedOffset, Offset, Utc};
use shared::Language;

use crate::i18n::{K, text};

/// Now, from the browser's clock (`chrono::Utc::now` has no clock on wasm32-unknown-unknown:
/// it panics).
pub fn now() -> DateTime<Utc> {
    #[allow(
        clippy::cast_possible_truncation,
        reason = "milliseconds since 1970 fit an i64"
    )]
    let ms = js_sys::Date::now() as i64;
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// `t` in the browser's time zone (its offset on that day, so summer time is right).
pub fn local(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    #[allow(
        clippy::cast_precision_loss,
        reason = "milliseconds since 1970 fit an f64"
    )]
    let ms = t.timestamp_millis() as f64;
    let minutes_west = js_sys::Date::new(&ms.into()).get_timezone_offset();
    #[allow(clippy::cast_possible_truncation, reason = "an offset of minutes")]
    let offset = FixedOffset::west_opt((minutes_west * 60.0) as i32).unwrap_or_else(|| Utc.fix());
    t.with_timezone(&offset)
}

/// A date: 30/11/2026, or 30 Nov 2026.
pub fn date(t: DateTime<Utc>, lang: Language) -> String {
    let t = local(t);
    match lang {
        Language::It => t.format("%d/%m/%Y").to_string(),
        Language::En => t.format("%-d %b %Y").to_string(),
    }
}

/// A date and its time of day: 30/11/2026 10:42.
pub fn date_time(t: DateTime<Utc>, lang: Language) -> String {
    format!("{} {}", date(t, lang), clock(t))
}

/// The time of day: 10:42.
pub fn clock(t: DateTime<Utc>) -> String {
    local(t).format("%H:%M").to_string()
}

/// Whether two moments fall on the same day where she is.
pub fn same_day(a: DateTime<Utc>, b: DateTime<Utc>) -> bool {
    local(a).date_naive() == local(b).date_naive()
}

/// The day of `t` as a chat names it: today, yesterday, or its date.
pub fn day_label(t: DateTime<Utc>, lang: Language) -> String {
    let now = now();
    if same_day(t, now) {
        text(lang, K::Today).to_owned()
    } else if same_day(t, now - Duration::days(1)) {
        text(lang, K::Yesterday).to_owned()
    } else {
        date(t, lang)
    }
}

/// When a message was written, as the name of an action on it says it: "delle 10:42" today,
/// "del 30/11/2026 alle 10:42" on another day.
pub fn when(t: DateTime<Utc>, lang: Language) -> String {
    let template = if same_day(t, now()) {
        text(lang, K::WhenToday)
    } else {
        text(lang, K::WhenDay)
    };
    crate::i18n::fill(template, &[("day", &date(t, lang)), ("time", &clock(t))])
}
