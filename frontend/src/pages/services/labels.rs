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

/// Stretches grouped by their hours, days in a row joined: `lunedì–venerdì 09:00–13:00,
/// sabato 08:00–12:00`.
pub fn slots_label(slots: &[Slot], lang: Language) -> String {
    let mut groups: Vec<((shared::TimeOfDay, shared::TimeOfDay), Vec<Weekday>)> = Vec::new();
    for s in slots {
        match groups.iter_mut().find(|(k, _)| *k == (s.from, s.to)) {
            Some((_, days)) => days.push(s.day),
            None => groups.push(((s.from, s.to), vec![s.day])),
        }
    }
    groups
        .into_iter()
        .map(|((from, to), mut days)| {
            days.sort();
            days.dedup();
            let all = Weekday::ALL;
            let at = |d: &Weekday| all.iter().position(|x| x == d).unwrap_or(0);
            let in_a_row = days.len() > 2 && days.windows(2).all(|w| at(&w[1]) == at(&w[0]) + 1);
            let names = if in_a_row {
                format!(
                    "{}–{}",
                    text(lang, weekday_key(days[0])),
                    text(lang, weekday_key(days[days.len() - 1]))
                )
            } else {
                days.iter()
                    .map(|d| text(lang, weekday_key(*d)))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            format!("{names} {from}–{to}")
        })
        .collect::<Vec<_>>()
        .join("; ")
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
