//! The rules of each section, field by field: a save is refused with every broken rule named by
//! its JSON pointer, and what is accepted is stored in a canonical form (text trimmed, empty text
//! as "no answer", code lists sorted without repeats).

use chrono::{Datelike, NaiveDate};
use shared::limits::{
    LIST_ITEMS, LONG_TEXT, MAX_CARE_HOURS, MAX_COURSE_HOURS, MAX_TRAVEL_MINUTES, SHORT_TEXT,
};
use shared::{
    AboutMe, Availability, CareerBreak, Conciliation, ContactChannel, Education, FieldCode,
    GRID_FIRST_HOUR, GRID_LAST_HOUR, Goals, Helper, Household, SPOKEN_LANGUAGES, WorkHistory,
};

use crate::error::FieldIssue;
use crate::error::Issues;

/// What the rules need to know about the moment of the save.
pub struct Context {
    pub today: NaiveDate,
}

impl Context {
    fn year(&self) -> i32 {
        self.today.year()
    }
}

/// Normalises a section in place and reports what breaks its rules.
pub trait Rules {
    fn check(&mut self, ctx: &Context, issues: &mut Issues);
}

fn text(value: &mut Option<String>, max: usize, pointer: String, issues: &mut Issues) {
    if let Some(s) = value.as_mut() {
        let trimmed = s.trim();
        if trimmed.is_empty() {
            *value = None;
        } else if trimmed.chars().count() > max {
            issues.push(FieldIssue::new(pointer, FieldCode::TextTooLong));
        } else if crate::texts::has_refused(trimmed) {
            issues.push(FieldIssue::new(pointer, FieldCode::TextInvalid));
        } else {
            *s = trimmed.to_owned();
        }
    }
}

fn required_text(value: &mut String, max: usize, pointer: String, issues: &mut Issues) {
    let mut v = Some(std::mem::take(value));
    text(&mut v, max, pointer.clone(), issues);
    match v {
        Some(s) => *value = s,
        None => issues.push(FieldIssue::new(pointer, FieldCode::Required)),
    }
}

/// A set of codes: sorted, without repeats, not too long.
fn codes<T: Ord>(value: &mut Option<Vec<T>>) {
    if let Some(v) = value.as_mut() {
        v.sort();
        v.dedup();
    }
}

fn list_len<T>(value: &Option<Vec<T>>, pointer: &str, issues: &mut Issues) {
    if value.as_ref().is_some_and(|v| v.len() > LIST_ITEMS) {
        issues.push(FieldIssue::new(pointer, FieldCode::TooManyItems));
    }
}

fn year(value: Option<i32>, min: i32, max: i32, pointer: String, issues: &mut Issues) {
    if let Some(y) = value
        && !(min..=max).contains(&y)
    {
        issues.push(FieldIssue::new(pointer, FieldCode::YearOutOfRange));
    }
}

/// `YYYY-MM` from 1940 to this month.
fn month(value: &str, ctx: &Context, pointer: String, issues: &mut Issues) -> Option<(i32, u32)> {
    let parsed = value.split_once('-').and_then(|(y, m)| {
        (y.len() == 4 && m.len() == 2)
            .then(|| Some((y.parse::<i32>().ok()?, m.parse::<u32>().ok()?)))
            .flatten()
    });
    match parsed {
        Some((y, m)) if (1..=12).contains(&m) && y >= 1940 => {
            if (y, m) > (ctx.year(), ctx.today.month()) {
                issues.push(FieldIssue::new(pointer, FieldCode::MonthInFuture));
                None
            } else {
                Some((y, m))
            }
        }
        _ => {
            issues.push(FieldIssue::new(pointer, FieldCode::MonthInvalid));
            None
        }
    }
}

fn period(start: &str, end: Option<&str>, ctx: &Context, pointer: &str, issues: &mut Issues) {
    let s = month(start, ctx, format!("{pointer}/start"), issues);
    let e = end.and_then(|e| month(e, ctx, format!("{pointer}/end"), issues));
    if let (Some(s), Some(e)) = (s, e)
        && e < s
    {
        issues.push(FieldIssue::new(
            format!("{pointer}/end"),
            FieldCode::EndBeforeStart,
        ));
    }
}

impl Rules for AboutMe {
    fn check(&mut self, _ctx: &Context, issues: &mut Issues) {
        // Whether the code exists is checked against the reference list by the service.
        if let Some(code) = self.municipality.as_mut() {
            *code = code.trim().to_owned();
        }
        list_len(&self.languages, "/languages", issues);
        if let Some(langs) = self.languages.as_mut() {
            for (i, l) in langs.iter_mut().enumerate() {
                l.language = l.language.trim().to_ascii_lowercase();
                if !SPOKEN_LANGUAGES.iter().any(|(c, _)| *c == l.language) {
                    issues.push(FieldIssue::new(
                        format!("/languages/{i}/language"),
                        FieldCode::LanguageUnknown,
                    ));
                }
            }
            let mut seen: Vec<&str> = Vec::new();
            for (i, l) in langs.iter().enumerate() {
                if seen.contains(&l.language.as_str()) {
                    issues.push(FieldIssue::new(
                        format!("/languages/{i}/language"),
                        FieldCode::DuplicateValue,
                    ));
                }
                seen.push(&l.language);
            }
        }
        codes(&mut self.contact_channels);
        codes(&mut self.contact_times);
        text(&mut self.phone, 32, "/phone".into(), issues);
        if let Some(phone) = &self.phone {
            let digits = phone.chars().filter(char::is_ascii_digit).count();
            let allowed = phone
                .chars()
                .enumerate()
                .all(|(i, c)| c.is_ascii_digit() || c == ' ' || c == '-' || (c == '+' && i == 0));
            if !allowed || !(6..=15).contains(&digits) {
                issues.push(FieldIssue::new("/phone", FieldCode::PhoneInvalid));
            }
        }
        let by_phone = self.contact_channels.as_ref().is_some_and(|c| {
            c.iter().any(|c| {
                matches!(
                    c,
                    ContactChannel::Phone | ContactChannel::Sms | ContactChannel::Whatsapp
                )
            })
        });
        if by_phone && self.phone.is_none() {
            issues.push(FieldIssue::new("/phone", FieldCode::PhoneRequired));
        }
    }
}

impl Rules for Household {
    fn check(&mut self, ctx: &Context, issues: &mut Issues) {
        list_len(&self.children, "/children", issues);
        if let Some(children) = &self.children {
            for (i, c) in children.iter().enumerate() {
                year(
                    Some(c.birth_year),
                    ctx.year() - 60,
                    ctx.year() + 1,
                    format!("/children/{i}/birth_year"),
                    issues,
                );
            }
        }
        list_len(&self.others_cared_for, "/others_cared_for", issues);
        if self.weekly_care_hours.is_some_and(|h| h > MAX_CARE_HOURS) {
            issues.push(FieldIssue::new(
                "/weekly_care_hours",
                FieldCode::NumberOutOfRange,
            ));
        }
        codes(&mut self.helpers);
        if self
            .helpers
            .as_ref()
            .is_some_and(|h| h.contains(&Helper::Nobody) && h.len() > 1)
        {
            issues.push(FieldIssue::new("/helpers", FieldCode::NobodyWithOthers));
        }
    }
}

impl Rules for Conciliation {
    fn check(&mut self, _ctx: &Context, issues: &mut Issues) {
        codes(&mut self.services_used);
        codes(&mut self.obstacles);
        codes(&mut self.critical_periods);
        text(
            &mut self.obstacles_other,
            SHORT_TEXT,
            "/obstacles_other".into(),
            issues,
        );
    }
}

impl Rules for Education {
    fn check(&mut self, ctx: &Context, issues: &mut Issues) {
        if self.isced_level.is_some_and(|l| l > 8) {
            issues.push(FieldIssue::new("/isced_level", FieldCode::NumberOutOfRange));
        }
        list_len(&self.titles, "/titles", issues);
        for (i, t) in self.titles.iter_mut().flatten().enumerate() {
            required_text(
                &mut t.title,
                SHORT_TEXT,
                format!("/titles/{i}/title"),
                issues,
            );
            text(
                &mut t.field,
                SHORT_TEXT,
                format!("/titles/{i}/field"),
                issues,
            );
            year(
                t.year,
                1940,
                ctx.year(),
                format!("/titles/{i}/year"),
                issues,
            );
        }
        list_len(&self.courses, "/courses", issues);
        for (i, c) in self.courses.iter_mut().flatten().enumerate() {
            required_text(
                &mut c.name,
                SHORT_TEXT,
                format!("/courses/{i}/name"),
                issues,
            );
            text(
                &mut c.provider,
                SHORT_TEXT,
                format!("/courses/{i}/provider"),
                issues,
            );
            year(
                c.year,
                1940,
                ctx.year(),
                format!("/courses/{i}/year"),
                issues,
            );
            if c.hours.is_some_and(|h| h == 0 || h > MAX_COURSE_HOURS) {
                issues.push(FieldIssue::new(
                    format!("/courses/{i}/hours"),
                    FieldCode::NumberOutOfRange,
                ));
            }
        }
    }
}

impl Rules for WorkHistory {
    fn check(&mut self, ctx: &Context, issues: &mut Issues) {
        list_len(&self.jobs, "/jobs", issues);
        for (i, j) in self.jobs.iter_mut().flatten().enumerate() {
            let p = format!("/jobs/{i}");
            required_text(&mut j.role, SHORT_TEXT, format!("{p}/role"), issues);
            text(&mut j.employer, SHORT_TEXT, format!("{p}/employer"), issues);
            text(
                &mut j.description,
                LONG_TEXT,
                format!("{p}/description"),
                issues,
            );
            period(&j.start, j.end.as_deref(), ctx, &p, issues);
        }
        list_len(&self.breaks, "/breaks", issues);
        for (
            i,
            CareerBreak {
                start,
                end,
                experience,
                ..
            },
        ) in self.breaks.iter_mut().flatten().enumerate()
        {
            let p = format!("/breaks/{i}");
            text(experience, LONG_TEXT, format!("{p}/experience"), issues);
            period(start, end.as_deref(), ctx, &p, issues);
        }
    }
}

impl Rules for Availability {
    fn check(&mut self, ctx: &Context, issues: &mut Issues) {
        if let Some(days) = self.weekly_hours.as_mut() {
            let mut seen = Vec::new();
            for (i, d) in days.iter_mut().enumerate() {
                if seen.contains(&d.day) {
                    issues.push(FieldIssue::new(
                        format!("/weekly_hours/{i}/day"),
                        FieldCode::DuplicateValue,
                    ));
                }
                seen.push(d.day);
                if let Some(j) = d
                    .hours
                    .iter()
                    .position(|h| !(GRID_FIRST_HOUR..=GRID_LAST_HOUR).contains(h))
                {
                    issues.push(FieldIssue::new(
                        format!("/weekly_hours/{i}/hours/{j}"),
                        FieldCode::HourOutOfRange,
                    ));
                }
                d.hours.sort_unstable();
                d.hours.dedup();
            }
            days.retain(|d| !d.hours.is_empty());
            days.sort_by_key(|d| d.day);
        }
        codes(&mut self.working_time);
        codes(&mut self.work_modes);
        codes(&mut self.travel_means);
        codes(&mut self.contract_types);
        if self
            .max_travel_minutes
            .is_some_and(|m| m > MAX_TRAVEL_MINUTES)
        {
            issues.push(FieldIssue::new(
                "/max_travel_minutes",
                FieldCode::NumberOutOfRange,
            ));
        }
        if let Some(date) = self.earliest_start {
            let span = (date - ctx.today).num_days();
            if !(-366..=2 * 366).contains(&span) {
                issues.push(FieldIssue::new(
                    "/earliest_start",
                    FieldCode::DateOutOfRange,
                ));
            }
        }
    }
}

impl Rules for Goals {
    fn check(&mut self, _ctx: &Context, issues: &mut Issues) {
        codes(&mut self.sectors);
        list_len(&self.roles, "/roles", issues);
        if let Some(roles) = self.roles.as_mut() {
            for (i, r) in roles.iter_mut().enumerate() {
                required_text(r, SHORT_TEXT, format!("/roles/{i}"), issues);
            }
        }
        text(&mut self.statement, LONG_TEXT, "/statement".into(), issues);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::{DayHours, Job, Weekday};

    fn ctx() -> Context {
        Context {
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default(),
        }
    }

    fn pointers(issues: Issues) -> Vec<String> {
        match issues.finish() {
            Ok(()) => Vec::new(),
            Err(crate::error::ApiError::Validation(v)) => {
                v.into_iter().map(|i| i.pointer).collect()
            }
            Err(_) => vec!["?".into()],
        }
    }

    #[test]
    fn work_history_periods() {
        let mut w = WorkHistory {
            jobs: Some(vec![Job {
                role: "  ".into(),
                employer: Some("  ".into()),
                sector: None,
                contract_type: None,
                start: "2020-05".into(),
                end: Some("2019-01".into()),
                description: None,
            }]),
            breaks: Some(vec![CareerBreak {
                reason: shared::BreakReason::CareOfChildren,
                start: "2031-01".into(),
                end: None,
                experience: None,
            }]),
        };
        let mut issues = Issues::default();
        w.check(&ctx(), &mut issues);
        assert_eq!(
            pointers(issues),
            ["/jobs/0/role", "/jobs/0/end", "/breaks/0/start"]
        );
        assert_eq!(w.jobs.unwrap_or_default()[0].employer, None);
    }

    #[test]
    fn availability_is_canonical() {
        let mut a = Availability {
            weekly_hours: Some(vec![
                DayHours {
                    day: Weekday::Wed,
                    hours: vec![10, 9, 9],
                },
                DayHours {
                    day: Weekday::Mon,
                    hours: vec![],
                },
            ]),
            ..Availability::default()
        };
        let mut issues = Issues::default();
        a.check(&ctx(), &mut issues);
        assert!(pointers(issues).is_empty());
        assert_eq!(
            a.weekly_hours,
            Some(vec![DayHours {
                day: Weekday::Wed,
                hours: vec![9, 10]
            }])
        );
    }
}
