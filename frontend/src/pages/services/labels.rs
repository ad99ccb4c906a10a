//! How the services pages write money, distances, hours and stretches of a day.

use shared::{Language, Slot, Weekday};

use crate::i18n::{K, text};

/// Euro cents as the reader writes money.
pub fn money(cents: u32, lang: Language) -> String {
    let (e, c) = (cents / 100, cents % 100);
    match (lang, c) {
        (Language::It, 0) => format!("{e} €"),
        (Language::It, c) => format!("{e},{c:02} €"),
        (_, 0) => format!("€{e}"),
        (_, c) => format!("€{e}.{c:02}"),
    }
}

pub fn km(d: f64, lang: Language) -> String {
    let s = format!("{d:.1}");
    match lang {
        Language::It => format!("{} km", s.replace('.', ",")),
        _ => format!("{s} km"),
    }
}

/// `lunedì 12:30–15:00`.
pub fn slot_label(s: &Slot, lang: Language) -> String {
    format!("{} {}–{}", text(lang, weekday_key(s.day)), s.from, s.to)
}

fn weekday_key(d: Weekday) -> K {
    match d {
        Weekday::Mon => K::WeekdayMon,
        Weekday::Tue => K::WeekdayTue,
        Weekday::Wed => K::WeekdayWed,
        Weekday::Thu => K::WeekdayThu,
        Weekday::Fri => K::WeekdayFri,
        Weekday::Sat => K::WeekdaySat,
        Weekday::Sun => K::WeekdaySun,
    }
}

pub fn hours(minutes: u32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    if m == 0 {
        format!("{h} h")
    } else {
        format!("{h} h {m:02}")
    }
}
