//! The text of a CSV cell, both ways: hours `mon 16:00-18:30 | tue 16:00-18:30`, closures
//! `2026-12-24..2027-01-06 school_closure` (with the hours kept on those dates after the
//! reason), prices `month 120,00 | one_off 50` in euro, lists `it | en`, numbers with a
//! decimal point or comma.

use chrono::NaiveDate;
use shared::{
    CostOption, CostUnit, ExceptionReason, OpeningWindow, ScheduleException, TimeOfDay, Weekday,
};

/// The separator of a list inside a cell.
pub const LIST: char = '|';

pub fn items(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(LIST).map(str::trim).filter(|s| !s.is_empty())
}

/// `mon 16:00-18:30`.
fn window(s: &str) -> Option<OpeningWindow> {
    let (day, hours) = s.split_once(char::is_whitespace)?;
    let (opens, closes) = hours.trim().split_once('-')?;
    Some(OpeningWindow {
        day: Weekday::parse(&day.trim().to_ascii_lowercase())?,
        opens: TimeOfDay::parse(opens.trim())?,
        closes: TimeOfDay::parse(closes.trim())?,
    })
}

pub fn windows(cell: &str) -> Option<Vec<OpeningWindow>> {
    items(cell).map(window).collect()
}

pub fn write_windows(w: &[OpeningWindow]) -> String {
    w.iter()
        .map(|w| format!("{} {}-{}", w.day.as_str(), w.opens, w.closes))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// `2026-12-24..2027-01-06 school_closure` or `2026-12-24 other mon 08:00-12:00 tue …`.
fn closure(s: &str) -> Option<ScheduleException> {
    let mut words = s.split_whitespace();
    let dates = words.next()?;
    let (from, to) = dates.split_once("..").unwrap_or((dates, dates));
    let reason = ExceptionReason::parse(words.next()?)?;
    let rest: Vec<&str> = words.collect();
    let windows = rest
        .chunks(2)
        .map(|pair| window(&pair.join(" ")))
        .collect::<Option<Vec<_>>>()?;
    Some(ScheduleException {
        from: NaiveDate::parse_from_str(from, "%Y-%m-%d").ok()?,
        to: NaiveDate::parse_from_str(to, "%Y-%m-%d").ok()?,
        reason,
        windows,
    })
}

pub fn closures(cell: &str) -> Option<Vec<ScheduleException>> {
    items(cell).map(closure).collect()
}

pub fn write_closures(e: &[ScheduleException]) -> String {
    e.iter()
        .map(|e| {
            let mut s = if e.from == e.to {
                format!("{} {}", e.from, e.reason.as_str())
            } else {
                format!("{}..{} {}", e.from, e.to, e.reason.as_str())
            };
            for w in &e.windows {
                s.push_str(&format!(" {} {}-{}", w.day.as_str(), w.opens, w.closes));
            }
            s
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Euro with a comma or a point, to cents: `12,50` → 1250.
pub fn euro_cents(s: &str) -> Option<u32> {
    let v = decimal(s)?;
    (v.is_finite() && v >= 0.0 && v <= f64::from(u32::MAX) / 100.0)
        .then(|| (v * 100.0).round() as u32)
}

pub fn write_euro(cents: u32) -> String {
    format!("{},{:02}", cents / 100, cents % 100)
}

/// `month 120,00`.
fn cost(s: &str) -> Option<CostOption> {
    let (unit, amount) = s.split_once(char::is_whitespace)?;
    Some(CostOption {
        unit: CostUnit::parse(unit.trim())?,
        amount_cents: euro_cents(amount.trim())?,
        note: None,
    })
}

pub fn costs(cell: &str) -> Option<Vec<CostOption>> {
    items(cell).map(cost).collect()
}

pub fn write_costs(c: &[CostOption]) -> String {
    c.iter()
        .map(|c| format!("{} {}", c.unit.as_str(), write_euro(c.amount_cents)))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// A number with a decimal point or comma.
pub fn decimal(s: &str) -> Option<f64> {
    s.trim().replace(',', ".").parse().ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test fails loudly")]
    use super::*;

    #[test]
    fn cells_read_what_they_write() {
        let w = windows("mon 16:00-18:30 | TUE 08:00-09:00").unwrap();
        assert_eq!(write_windows(&w), "mon 16:00-18:30 | tue 08:00-09:00");
        assert!(windows("monday 16-18").is_none());
        let e =
            closures("2026-12-24..2027-01-06 school_closure | 2027-02-16 other mon 08:00-12:00")
                .unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[1].windows.len(), 1);
        assert_eq!(
            write_closures(&e),
            "2026-12-24..2027-01-06 school_closure | 2027-02-16 other mon 08:00-12:00"
        );
        assert!(closures("2026-13-01 other").is_none());
        let c = costs("month 120,50 | one_off 50").unwrap();
        assert_eq!(c[0].amount_cents, 12_050);
        assert_eq!(write_costs(&c), "month 120,50 | one_off 50,00");
        assert!(costs("monthly 12").is_none());
        assert_eq!(decimal("45,5"), Some(45.5));
    }
}
