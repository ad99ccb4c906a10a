//! What she can claim and what fits her: the contributions (public schemes that pay part of a
//! service's cost) with their structured eligibility, the ranking of services against her
//! hours, her dependants and her place, and her week (job hours against school, helpers and
//! services, and the gaps left).
//!
//! Rules kept here and tested below: the ranking is deterministic (same input, same order,
//! whatever order the candidates come in); a service's score depends on that service alone, so
//! adding a service never changes the order of the others; more of her hours covered never
//! lowers a score; her children and the people she cares for only ever *widen* what is
//! relevant to her (categories, contributions) and never enter a score.

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::code::Code;
use crate::{
    AgeRange, CostOption, CostUnit, EmploymentStatus, Helper, IcefBand, IseeBand, LocalizedText,
    OpeningWindow, Places, Schedule, ServiceCategory, TimeOfDay, Weekday,
};

/// Who may claim a contribution; every condition given must hold, an empty list is no
/// condition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct ContributionRules {
    /// A child of hers within these ages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child_ages: Option<AgeRange>,
    /// Living in one of these municipalities (ISTAT codes); empty: anywhere it applies (Italy
    /// for a national scheme, the agency's territory for a territorial one).
    pub municipalities: Vec<String>,
    /// Her situation towards work.
    pub employment: Vec<EmploymentStatus>,
    /// Her ISEE band.
    pub isee_bands: Vec<IseeBand>,
    /// Her ICEF band (Trento).
    pub icef_bands: Vec<IcefBand>,
}

/// How much a contribution pays: a share of the monthly cost, up to a monthly ceiling, for so
/// many months a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Benefit {
    /// 1 to 100.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100))]
    pub share_percent: u8,
    /// At most this much a month, in euro cents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_cents_per_month: Option<u32>,
    /// 1 to 12.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 12))]
    pub months_per_year: u8,
}

impl Benefit {
    /// What it pays of a monthly cost.
    pub fn covers(&self, monthly_cents: u32) -> u32 {
        let share = u32::try_from(u64::from(monthly_cents) * u64::from(self.share_percent) / 100)
            .unwrap_or(u32::MAX);
        self.max_cents_per_month.map_or(share, |max| share.min(max))
    }
}

/// A public scheme that lowers the cost of some categories of services.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContributionScheme {
    pub id: Uuid,
    /// Absent for a national scheme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency_id: Option<crate::AgencyId>,
    pub name: LocalizedText,
    pub description: LocalizedText,
    pub categories: Vec<ServiceCategory>,
    pub rules: ContributionRules,
    pub benefit: Benefit,
    pub how_to_apply: LocalizedText,
    /// Where its rules are published.
    pub source_url: String,
    /// When staff last checked the rules against the source.
    pub source_checked_on: NaiveDate,
    /// When staff must check them again (schemes change every year).
    pub review_by: NaiveDate,
    /// Its version: the `ETag` to send back with a change.
    pub version: u32,
    /// Whether its `review_by` has come (staff should check it against the source).
    pub due_for_review: bool,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// A contribution as staff write it: its texts in both languages, the categories it pays
/// for, who may claim it, how much, how to apply, its source, when its rules were checked
/// against that source and when they must be checked again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "name": {"it": "Buono servizi Comune di Trento", "en": "Trento service voucher"},
    "description": {"it": "Copre parte della retta di nido e doposcuola.", "en": "Pays part of nursery and after-school fees."},
    "categories": ["nursery", "pre_after_school"],
    "rules": {"child_ages": {"min_months": 3, "max_months": 168}, "municipalities": [], "employment": ["returning_to_work"], "isee_bands": [], "icef_bands": ["very_low", "low"]},
    "benefit": {"share_percent": 60, "max_cents_per_month": 40000, "months_per_year": 11},
    "how_to_apply": {"it": "Domanda allo sportello dell'Agenzia del lavoro.", "en": "Apply at the Job Agency's desk."},
    "source_url": "https://www.agenzialavoro.tn.it/",
    "source_checked_on": "2026-11-20",
    "review_by": "2027-09-01"
})))]
#[serde(deny_unknown_fields)]
pub struct ContributionInput {
    /// 1 to 200 characters in each language.
    #[cfg_attr(feature = "openapi", schema(schema_with = text_limits::max_200))]
    pub name: LocalizedText,
    /// 1 to 2,000 characters in each language.
    #[cfg_attr(feature = "openapi", schema(schema_with = text_limits::max_2000))]
    pub description: LocalizedText,
    /// 1 to 14, each once.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 14))]
    pub categories: Vec<ServiceCategory>,
    #[serde(default)]
    pub rules: ContributionRules,
    pub benefit: Benefit,
    /// 1 to 2,000 characters in each language.
    #[cfg_attr(feature = "openapi", schema(schema_with = text_limits::max_2000))]
    pub how_to_apply: LocalizedText,
    /// An `https://` or `http://` address, up to 500 characters.
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub source_url: String,
    /// Not after today.
    pub source_checked_on: NaiveDate,
    /// After `source_checked_on`, at most three years on.
    pub review_by: NaiveDate,
}

#[cfg(feature = "openapi")]
mod text_limits {
    pub fn max_200() -> utoipa::openapi::schema::Object {
        crate::localized_schema(200)
    }
    pub fn max_2000() -> utoipa::openapi::schema::Object {
        crate::localized_schema(2000)
    }
}

code_enum!(
    /// What she still has to do or be for a contribution to apply.
    Condition: "contribution_condition" {
        /// Declare her ISEE band (a band, never the document).
        DeclareIsee => "declare_isee",
        DeclareIcef => "declare_icef",
        /// Say whether she works, studies or is looking.
        DeclareEmployment => "declare_employment",
        /// Add her municipality to her profile.
        DeclareResidence => "declare_residence",
        /// Start the job or the training she is looking for.
        StartWork => "start_work",
    }
);

code_enum!(
    /// Why a contribution does not apply to her.
    NotEligibleReason: "contribution_refusal" {
        ChildAge => "child_age",
        Residence => "residence",
        Employment => "employment",
        IseeBand => "isee_band",
        IcefBand => "icef_band",
    }
);

/// What she declared and what her profile says, as the rules read it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Claimant {
    pub municipality: Option<String>,
    /// Her children's ages, in months.
    pub child_ages_months: Vec<u16>,
    pub employment: Option<EmploymentStatus>,
    pub isee: Option<IseeBand>,
    pub icef: Option<IcefBand>,
}

/// Whether a contribution applies to her.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Eligibility {
    /// True when every rule holds now.
    pub eligible: bool,
    /// What would make it apply (nothing when she is eligible or cannot be).
    pub conditions: Vec<Condition>,
    /// Why it cannot apply (nothing when eligible or only conditions are missing).
    pub reasons: Vec<NotEligibleReason>,
}

impl ContributionRules {
    pub fn eligibility(&self, her: &Claimant) -> Eligibility {
        let mut conditions = Vec::new();
        let mut reasons = Vec::new();
        if let Some(ages) = &self.child_ages
            && !her.child_ages_months.iter().any(|m| ages.contains(*m))
        {
            reasons.push(NotEligibleReason::ChildAge);
        }
        if !self.municipalities.is_empty() {
            match &her.municipality {
                None => conditions.push(Condition::DeclareResidence),
                Some(m) if !self.municipalities.contains(m) => {
                    reasons.push(NotEligibleReason::Residence);
                }
                Some(_) => {}
            }
        }
        if !self.employment.is_empty() {
            let by_starting = self.employment.iter().any(|e| {
                matches!(
                    e,
                    EmploymentStatus::ReturningToWork | EmploymentStatus::InTraining
                )
            });
            match her.employment {
                Some(e) if self.employment.contains(&e) => {}
                // She is looking for work: taking it is what the scheme pays for.
                _ if by_starting => conditions.push(Condition::StartWork),
                None => conditions.push(Condition::DeclareEmployment),
                Some(_) => reasons.push(NotEligibleReason::Employment),
            }
        }
        band(
            &self.isee_bands,
            her.isee,
            Condition::DeclareIsee,
            NotEligibleReason::IseeBand,
        )
        .apply(&mut conditions, &mut reasons);
        band(
            &self.icef_bands,
            her.icef,
            Condition::DeclareIcef,
            NotEligibleReason::IcefBand,
        )
        .apply(&mut conditions, &mut reasons);
        if !reasons.is_empty() {
            conditions.clear();
        }
        Eligibility {
            eligible: reasons.is_empty() && conditions.is_empty(),
            conditions,
            reasons,
        }
    }
}

enum BandCheck {
    Holds,
    Missing(Condition),
    Fails(NotEligibleReason),
}

impl BandCheck {
    fn apply(self, conditions: &mut Vec<Condition>, reasons: &mut Vec<NotEligibleReason>) {
        match self {
            BandCheck::Holds => {}
            BandCheck::Missing(c) => conditions.push(c),
            BandCheck::Fails(r) => reasons.push(r),
        }
    }
}

fn band<B: PartialEq>(
    allowed: &[B],
    hers: Option<B>,
    missing: Condition,
    fails: NotEligibleReason,
) -> BandCheck {
    match hers {
        _ if allowed.is_empty() => BandCheck::Holds,
        None => BandCheck::Missing(missing),
        Some(b) if allowed.contains(&b) => BandCheck::Holds,
        Some(_) => BandCheck::Fails(fails),
    }
}

/// Weeks in a month, as a ratio (52 / 12).
const WEEKS_PER_MONTH: (u64, u64) = (52, 12);

/// The service categories that concern her, from what her household says: children's ages,
/// the people she cares for and their needs. More dependants only ever add categories.
pub fn relevant_categories(
    child_ages_months: &[u16],
    special_needs: bool,
    cares_for_adults: bool,
) -> Vec<ServiceCategory> {
    use ServiceCategory as C;
    let mut out = vec![C::TimeSaving, C::FamilySupport];
    if child_ages_months.iter().any(|m| *m < 36) {
        out.extend([C::Nursery, C::Babysitting]);
    }
    if child_ages_months.iter().any(|m| (36..168).contains(m)) {
        out.extend([
            C::Babysitting,
            C::PreAfterSchool,
            C::HolidayCamp,
            C::BridgeService,
        ]);
    }
    if special_needs {
        out.extend([C::DisabilityCare, C::Respite]);
    }
    if cares_for_adults {
        out.extend([C::ElderHomeCare, C::DayCentre, C::Respite]);
    }
    out.sort();
    out.dedup();
    out
}

/// Whether the category is care for children (its ages are checked against hers).
pub fn is_childcare(c: ServiceCategory) -> bool {
    use ServiceCategory as C;
    matches!(
        c,
        C::Nursery | C::Babysitting | C::PreAfterSchool | C::HolidayCamp | C::BridgeService
    )
}

/// A stretch of one weekday, `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Slot {
    pub day: Weekday,
    pub from: TimeOfDay,
    pub to: TimeOfDay,
}

impl Slot {
    pub fn minutes(&self) -> u32 {
        u32::from(self.to.minutes().saturating_sub(self.from.minutes()))
    }
}

/// Merges slots of the same day that overlap or touch, sorted.
pub fn normalise(mut slots: Vec<Slot>) -> Vec<Slot> {
    slots.retain(|s| s.from < s.to);
    slots.sort();
    let mut out: Vec<Slot> = Vec::with_capacity(slots.len());
    for s in slots {
        match out.last_mut() {
            Some(last) if last.day == s.day && s.from <= last.to => {
                last.to = last.to.max(s.to);
            }
            _ => out.push(s),
        }
    }
    out
}

/// `need` minus `cover`: the parts of the slots that no slot of `cover` reaches.
pub fn subtract(need: &[Slot], cover: &[Slot]) -> Vec<Slot> {
    let cover = normalise(cover.to_vec());
    let mut out = Vec::new();
    for n in normalise(need.to_vec()) {
        let mut start = n.from;
        for c in cover.iter().filter(|c| c.day == n.day && c.from < n.to) {
            if c.to <= start {
                continue;
            }
            if c.from > start {
                out.push(Slot {
                    day: n.day,
                    from: start,
                    to: c.from,
                });
            }
            start = start.max(c.to);
        }
        if start < n.to {
            out.push(Slot {
                day: n.day,
                from: start,
                to: n.to,
            });
        }
    }
    out
}

/// `need` within `cover`.
pub fn intersect(need: &[Slot], cover: &[Slot]) -> Vec<Slot> {
    let left = subtract(need, cover);
    subtract(need, &left)
}

pub fn total_minutes(slots: &[Slot]) -> u32 {
    slots.iter().map(Slot::minutes).sum()
}

/// The weekly windows of a schedule as slots.
pub fn weekly_slots(schedule: &Schedule) -> Vec<Slot> {
    schedule.weekly.iter().map(slot_of).collect()
}

/// How far ahead a service must open to count as in season, in days.
pub const SEASON_DAYS: u64 = 28;

/// The weekly slots of a schedule that is in season from `from`: open on some day of the
/// following four weeks, its dated exceptions applied (a summer camp in December, a
/// doposcuola in July cover nothing; a nursery's Christmas week does not take it out). With no
/// date, its weekly grid.
pub fn week_slots(schedule: &Schedule, from: Option<NaiveDate>) -> Vec<Slot> {
    let in_season = schedule.exceptions.is_empty()
        || from.is_none_or(|from| {
            from.iter_days()
                .take(SEASON_DAYS as usize)
                .any(|date| !schedule.windows_on(date).is_empty())
        });
    if in_season {
        weekly_slots(schedule)
    } else {
        Vec::new()
    }
}

pub fn slot_of(w: &OpeningWindow) -> Slot {
    Slot {
        day: w.day,
        from: w.opens,
        to: w.closes,
    }
}

/// A service as the ranking reads it.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: Uuid,
    pub category: ServiceCategory,
    pub ages: AgeRange,
    pub schedule: Schedule,
    pub distance_km: Option<f64>,
    pub costs: Vec<CostOption>,
    pub places: Places,
    /// The contributions of its category with their eligibility for her.
    pub contributions: Vec<(Uuid, Benefit, Eligibility)>,
}

/// What she asks to be covered.
#[derive(Debug, Clone, Default)]
pub struct Needs {
    /// The hours to cover; none: any hours.
    pub hours: Vec<Slot>,
    /// Her children's ages, in months (for the ages of childcare).
    pub child_ages_months: Vec<u16>,
    /// How far she is willing to go, in km.
    pub radius_km: f64,
    /// The week measured: the seven days from this date, closures applied; none: the weekly
    /// grid.
    pub from: Option<NaiveDate>,
}

/// The cost of a service for her, a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthlyCost {
    /// Before contributions, in euro cents (the cheapest of its prices for her hours).
    pub before_cents: u32,
    /// After the best contribution she is eligible for now.
    pub after_cents: u32,
    /// What the contributions she could claim on a condition would bring it down to.
    pub after_conditional_cents: u32,
}

/// Why a service ranks where it does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Explanation {
    /// 0 to 1000; higher first.
    pub score: u32,
    /// Her hours it covers.
    pub covered: Vec<Slot>,
    /// Her hours it leaves open.
    pub uncovered: Vec<Slot>,
    pub covered_minutes: u32,
    pub needed_minutes: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
    /// The ages (in years) of her children it takes; empty for services not for children.
    pub serves_child_ages: Vec<u16>,
    /// Absent when it states no price for her hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_cost: Option<MonthlyCost>,
    /// One-off fees (enrolment), in euro cents.
    pub one_off_cents: u32,
    pub places: Places,
}

/// The cheapest monthly price of `costs` for `covered` hours a week (`days` days).
fn monthly_price(costs: &[CostOption], covered_minutes: u32, days: u32) -> Option<u32> {
    let (w, m) = WEEKS_PER_MONTH;
    costs
        .iter()
        .filter_map(|c| {
            let a = u64::from(c.amount_cents);
            let v = match c.unit {
                CostUnit::Month => Some(a),
                CostUnit::Day => (days > 0).then(|| a * u64::from(days) * w / m),
                CostUnit::Hour => {
                    (covered_minutes > 0).then(|| a * u64::from(covered_minutes) * w / (m * 60))
                }
                CostUnit::OneOff => None,
            };
            v.map(|v| u32::try_from(v).unwrap_or(u32::MAX))
        })
        .min()
}

/// The minutes and the days of a set of slots.
fn extent(slots: &[Slot]) -> (u32, u32) {
    let minutes = total_minutes(&normalise(slots.to_vec()));
    let mut days: Vec<Weekday> = slots.iter().map(|s| s.day).collect();
    days.sort();
    days.dedup();
    (minutes, u32::try_from(days.len()).unwrap_or(7))
}

/// The price of an hour of the service's opening (`minutes` a week over `days` days), after
/// the best contribution she is eligible for now, in euro cents: a property of the service
/// (and her eligibility), not of how much of her week it covers, so that covering more of her
/// hours never lowers a score.
fn opening_hour_price(
    costs: &[CostOption],
    extent: (u32, u32),
    contributions: &[(Uuid, Benefit, Eligibility)],
) -> Option<u64> {
    hour_price_after(
        monthly_price(costs, extent.0, extent.1)?,
        extent.0,
        contributions,
    )
}

/// The price of an hour of opening (`minutes` a week, `full` a month) after the best
/// contribution she is eligible for now.
fn hour_price_after(
    full: u32,
    minutes: u32,
    contributions: &[(Uuid, Benefit, Eligibility)],
) -> Option<u64> {
    let best = contributions
        .iter()
        .filter(|(_, _, e)| e.eligible)
        .map(|(_, b, _)| b.covers(full))
        .max()
        .unwrap_or(0);
    let (w, m) = WEEKS_PER_MONTH;
    let after = u64::from(full - best.min(full));
    (minutes > 0).then(|| after * m * 60 / (u64::from(minutes) * w))
}

/// The score from its parts: her hours covered (half), how near (a quarter), the price of an
/// hour of its opening after contributions (15 %), places (10 %).
fn points(
    covered_minutes: u32,
    needed_minutes: u32,
    distance_km: Option<f64>,
    radius_km: f64,
    hour_price: Option<u64>,
    places: Places,
) -> u32 {
    // No hours asked: every service covers "half".
    let coverage_points = (500 * covered_minutes)
        .checked_div(needed_minutes)
        .unwrap_or(250);
    let distance_points = match distance_km {
        Some(d) if radius_km > 0.0 => {
            let share = ((radius_km - d) / radius_km).clamp(0.0, 1.0);
            // Whole points, rounded down: a score is an integer, so ties are exact.
            (share * 250.0).floor() as u32
        }
        _ => 125,
    };
    let cost_points = hour_price.map_or(75, |per_hour| {
        u32::try_from(150 * (3000 - per_hour.min(3000)) / 3000).unwrap_or(0)
    });
    let places_points = match places {
        Places::Open => 100,
        Places::ShortWait => 70,
        Places::LongWait => 30,
        Places::Full => 0,
    };
    coverage_points + distance_points + cost_points + places_points
}

/// Explains and scores one service for her: her hours covered (half the score), how near
/// (a quarter), the price of an hour of its opening after contributions (15 %), places (10 %).
pub fn explain(c: &Candidate, needs: &Needs) -> Explanation {
    let need = normalise(needs.hours.clone());
    let needed_minutes = total_minutes(&need);
    let open = week_slots(&c.schedule, needs.from);
    let covered = intersect(&need, &open);
    let uncovered = subtract(&need, &open);
    let covered_minutes = total_minutes(&covered);
    let mut days: Vec<Weekday> = covered.iter().map(|s| s.day).collect();
    days.dedup();
    let days = u32::try_from(days.len()).unwrap_or(7);
    let monthly = monthly_price(&c.costs, covered_minutes, days).map(|before| {
        let best = |conditional: bool| {
            c.contributions
                .iter()
                .filter(|(_, _, e)| e.eligible || (conditional && e.reasons.is_empty()))
                .map(|(_, b, _)| b.covers(before))
                .max()
                .unwrap_or(0)
        };
        MonthlyCost {
            before_cents: before,
            after_cents: before - best(false).min(before),
            after_conditional_cents: before - best(true).min(before),
        }
    });
    let one_off_cents = c
        .costs
        .iter()
        .filter(|o| o.unit == CostUnit::OneOff)
        .map(|o| o.amount_cents)
        .min()
        .unwrap_or(0);
    let serves_child_ages = if is_childcare(c.category) {
        let mut years: Vec<u16> = needs
            .child_ages_months
            .iter()
            .filter(|m| c.ages.contains(**m))
            .map(|m| m / 12)
            .collect();
        years.sort_unstable();
        years
    } else {
        Vec::new()
    };
    let hour_price = opening_hour_price(
        &c.costs,
        extent(&weekly_slots(&c.schedule)),
        &c.contributions,
    );
    Explanation {
        score: points(
            covered_minutes,
            needed_minutes,
            c.distance_km,
            needs.radius_km,
            hour_price,
            c.places,
        ),
        covered,
        uncovered,
        covered_minutes,
        needed_minutes,
        distance_km: c.distance_km,
        serves_child_ages,
        monthly_cost: monthly,
        one_off_cents,
        places: c.places,
    }
}

/// Whether a service of `category` taking `ages` at `distance_km` may be shown to her at all.
fn may_show(
    category: ServiceCategory,
    ages: &AgeRange,
    distance_km: Option<f64>,
    needs: &Needs,
) -> bool {
    let near = distance_km.is_none_or(|d| needs.radius_km <= 0.0 || d <= needs.radius_km);
    let takes = !is_childcare(category)
        || needs.child_ages_months.is_empty()
        || needs.child_ages_months.iter().any(|m| ages.contains(*m));
    near && takes
}

/// Whether a service may be shown to her at all: within her reach, and, for childcare, taking
/// one of her children (a service with no ages given takes all).
pub fn fits(c: &Candidate, needs: &Needs) -> bool {
    may_show(c.category, &c.ages, c.distance_km, needs)
}

/// The services that fit her, best first: by score, then nearer, then by id. The same input
/// gives the same order whatever order the candidates come in.
pub fn rank(candidates: &[Candidate], needs: &Needs) -> Vec<(Uuid, Explanation)> {
    let mut out: Vec<(Uuid, Explanation)> = candidates
        .iter()
        .filter(|c| fits(c, needs))
        .map(|c| (c.id, explain(c, needs)))
        .collect();
    out.sort_by(|(a_id, a), (b_id, b)| {
        order(a.score, a.distance_km, b.score, b.distance_km).then_with(|| a_id.cmp(b_id))
    });
    out
}

/// Higher score first, then nearer (no distance last).
fn order(a_score: u32, a_km: Option<f64>, b_score: u32, b_km: Option<f64>) -> Ordering {
    b_score.cmp(&a_score).then_with(|| {
        a_km.unwrap_or(f64::MAX)
            .total_cmp(&b_km.unwrap_or(f64::MAX))
    })
}

/// What the ranking reads of a service that does not depend on her, prepared once for a
/// catalogue and the day it is measured from: ranking thousands of offers then allocates
/// nothing per offer, and only the page shown is explained in full.
#[derive(Debug, Clone)]
pub struct Offer {
    pub id: Uuid,
    pub category: ServiceCategory,
    pub ages: AgeRange,
    pub schedule: Schedule,
    pub costs: Vec<CostOption>,
    pub places: Places,
    /// Its weekly grid if it is in season from the day it was prepared for, else nothing;
    /// normalised.
    open: Vec<Slot>,
    /// The minutes and days of its weekly grid.
    extent: (u32, u32),
    /// The monthly price of its whole weekly grid, before contributions.
    full_month: Option<u32>,
    from: Option<NaiveDate>,
}

impl Offer {
    pub fn new(
        id: Uuid,
        category: ServiceCategory,
        ages: AgeRange,
        schedule: Schedule,
        costs: Vec<CostOption>,
        places: Places,
        from: Option<NaiveDate>,
    ) -> Self {
        Self {
            open: normalise(week_slots(&schedule, from)),
            extent: extent(&weekly_slots(&schedule)),
            full_month: {
                let (minutes, days) = extent(&weekly_slots(&schedule));
                monthly_price(&costs, minutes, days)
            },
            id,
            category,
            ages,
            schedule,
            costs,
            places,
            from,
        }
    }

    /// Its slots as the week measured sees them.
    pub fn open(&self) -> &[Slot] {
        &self.open
    }

    /// What the ranking reads of it, besides its slots.
    pub fn brief(&self) -> Brief {
        Brief {
            id: self.id,
            category: self.category,
            ages: self.ages,
            places: self.places,
            full_month: self.full_month,
            week_minutes: self.extent.0,
        }
    }

    fn candidate(
        &self,
        distance_km: Option<f64>,
        contributions: &[(Uuid, Benefit, Eligibility)],
    ) -> Candidate {
        Candidate {
            id: self.id,
            category: self.category,
            ages: self.ages,
            schedule: self.schedule.clone(),
            distance_km,
            costs: self.costs.clone(),
            places: self.places,
            contributions: contributions.to_vec(),
        }
    }
}

/// An offer found for her: how far, and the contributions of its category with her
/// eligibility; with what the ranking reads of it copied out of the offer, so that scoring
/// thousands reads small records in a row (the offer itself is read only to explain the page
/// shown).
#[derive(Debug, Clone, Copy)]
pub struct Found<'a> {
    pub offer: &'a Offer,
    pub distance_km: Option<f64>,
    pub contributions: &'a [(Uuid, Benefit, Eligibility)],
    pub brief: Brief,
    /// Its slots as the week measured sees them (the offer's, or a copy kept beside others).
    pub open: &'a [Slot],
}

impl<'a> Found<'a> {
    pub fn new(
        offer: &'a Offer,
        distance_km: Option<f64>,
        contributions: &'a [(Uuid, Benefit, Eligibility)],
    ) -> Self {
        Found {
            offer,
            distance_km,
            contributions,
            brief: offer.brief(),
            open: offer.open(),
        }
    }
}

/// What the ranking reads of an offer, besides its slots: small and `Copy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Brief {
    pub id: Uuid,
    pub category: ServiceCategory,
    pub ages: AgeRange,
    pub places: Places,
    /// The monthly price of its whole weekly grid, before contributions.
    pub full_month: Option<u32>,
    /// The minutes of its weekly grid.
    pub week_minutes: u32,
}

/// The minutes of `need` within `open`, both normalised, without allocating.
pub fn covered_minutes(need: &[Slot], open: &[Slot]) -> u32 {
    let (mut i, mut j, mut total) = (0, 0, 0u32);
    while let (Some(a), Some(b)) = (need.get(i), open.get(j)) {
        if a.day != b.day {
            if a.day < b.day {
                i += 1;
            } else {
                j += 1;
            }
            continue;
        }
        let (lo, hi) = (a.from.max(b.from), a.to.min(b.to));
        if lo < hi {
            total += u32::from(hi.minutes() - lo.minutes());
        }
        if a.to < b.to {
            i += 1;
        } else {
            j += 1;
        }
    }
    total
}

/// One page of what `rank` would give for the same services: the offers that fit her scored
/// without allocating, ordered the same way, and only the `size` from `offset` explained.
/// Also the number that fit. The offers must be prepared for `needs.from`.
pub fn rank_page(
    found: &[Found<'_>],
    needs: &Needs,
    offset: usize,
    size: usize,
) -> (Vec<(Uuid, Explanation)>, usize) {
    let need = normalise(needs.hours.clone());
    let needed = total_minutes(&need);
    let mut scored: Vec<(u32, Option<f64>, Uuid, usize)> = found
        .iter()
        .enumerate()
        .filter(|(_, f)| may_show(f.brief.category, &f.brief.ages, f.distance_km, needs))
        .map(|(i, f)| {
            debug_assert_eq!(f.offer.from, needs.from, "prepared for another week");
            debug_assert_eq!(f.brief, f.offer.brief(), "a brief of another offer");
            let b = &f.brief;
            let score = points(
                covered_minutes(&need, f.open),
                needed,
                f.distance_km,
                needs.radius_km,
                b.full_month
                    .and_then(|full| hour_price_after(full, b.week_minutes, f.contributions)),
                b.places,
            );
            (score, f.distance_km, b.id, i)
        })
        .collect();
    let total = scored.len();
    let cmp = |a: &(u32, Option<f64>, Uuid, usize), b: &(u32, Option<f64>, Uuid, usize)| {
        order(a.0, a.1, b.0, b.1).then_with(|| a.2.cmp(&b.2))
    };
    let end = offset.saturating_add(size).min(total);
    if end == 0 {
        scored.clear();
    } else if end < total {
        scored.select_nth_unstable_by(end - 1, cmp);
        scored.truncate(end);
    }
    scored.sort_by(cmp);
    let page = scored
        .iter()
        .skip(offset)
        .map(|&(_, _, id, i)| {
            let f = found[i];
            (
                id,
                explain(&f.offer.candidate(f.distance_km, f.contributions), needs),
            )
        })
        .collect();
    (page, total)
}

/// A child's age in months on `on`, from her birth year (taken as born on 1 July: the profile
/// keeps only the year).
pub fn age_in_months(birth_year: i32, on: NaiveDate) -> Option<u16> {
    use chrono::Datelike;
    let months = (on.year() - birth_year) * 12 + i32::try_from(on.month()).unwrap_or(1) - 7;
    u16::try_from(months.max(0))
        .ok()
        .filter(|_| birth_year <= on.year())
}

/// The school or crèche hours a child of this age usually has in these territories, Monday to
/// Friday (she changes them in her week): none under 3 (a crèche is a service she chooses),
/// scuola dell'infanzia 08:00-16:00, primaria 08:30-12:30 (the "modulo" timetable; full-time
/// schools keep to 16:30), secondaria di primo grado 08:00-13:00; from 14 no cover is needed.
pub fn usual_school_hours(age_months: u16) -> Vec<OpeningWindow> {
    let hours = match age_months {
        36..72 => Some(("08:00", "16:00")),
        72..132 => Some(("08:30", "12:30")),
        132..168 => Some(("08:00", "13:00")),
        _ => None,
    };
    hours
        .and_then(|(a, b)| Some((TimeOfDay::parse(a)?, TimeOfDay::parse(b)?)))
        .map(|(opens, closes)| {
            Weekday::ALL[..5]
                .iter()
                .map(|day| OpeningWindow {
                    day: *day,
                    opens,
                    closes,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// From this age (14) a child needs no cover in her week.
pub const NO_COVER_FROM_MONTHS: u16 = 168;

/// A child in her week: when school covers her.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChildWeek {
    /// As in her profile.
    #[cfg_attr(feature = "openapi", schema(minimum = 1900, maximum = 2200))]
    pub birth_year: i32,
    /// School or crèche hours, at most 28 windows.
    #[serde(default)]
    pub school: Vec<OpeningWindow>,
}

/// A helper she named in her profile, and when they can take the children.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HelperWeek {
    pub helper: Helper,
    /// At most 28 windows.
    #[serde(default)]
    pub windows: Vec<OpeningWindow>,
}

/// Her week as she plans it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "job": [{"day": "mon", "opens": "09:00", "closes": "15:00"}],
    "travel_minutes": 30,
    "children": [{"birth_year": 2018, "school": [{"day": "mon", "opens": "08:30", "closes": "12:30"}]}],
    "helpers": [{"helper": "grandparents", "windows": [{"day": "wed", "opens": "12:30", "closes": "18:00"}]}]
})))]
#[serde(deny_unknown_fields)]
pub struct WeekPlan {
    /// The hours of the job, at most 28 windows.
    pub job: Vec<OpeningWindow>,
    /// Her journey each way, 0 to 120 minutes: the children need cover that much before and
    /// after.
    #[cfg_attr(feature = "openapi", schema(maximum = 120))]
    pub travel_minutes: u16,
    /// At most 10.
    #[serde(default)]
    pub children: Vec<ChildWeek>,
    /// At most 10.
    #[serde(default)]
    pub helpers: Vec<HelperWeek>,
}

impl WeekPlan {
    pub const MAX_TRAVEL: u16 = 120;
    pub const MAX_PEOPLE: usize = 10;
}

code_enum!(
    /// What covers a stretch of a child's day.
    CoverKind: "cover" { School => "school", Helper => "helper", Service => "service", Gap => "gap" }
);

/// A stretch of a child's day while she works, and what covers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cover {
    pub slot: Slot,
    pub kind: CoverKind,
    /// The helper, when a helper covers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub helper: Option<Helper>,
    /// The shortlisted service, when one covers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_id: Option<Uuid>,
}

/// A shortlisted service as the week reads it.
#[derive(Debug, Clone)]
pub struct WeekService {
    pub id: Uuid,
    pub category: ServiceCategory,
    pub ages: AgeRange,
    pub open: Vec<Slot>,
}

/// The hours a child needs cover: her job hours widened by her journey each way.
pub fn hours_needed(plan: &WeekPlan) -> Vec<Slot> {
    let travel = plan.travel_minutes.min(WeekPlan::MAX_TRAVEL);
    normalise(
        plan.job
            .iter()
            .map(|w| Slot {
                day: w.day,
                from: TimeOfDay::from_minutes(w.opens.minutes().saturating_sub(travel))
                    .unwrap_or(TimeOfDay::MIDNIGHT),
                to: TimeOfDay::from_minutes((w.closes.minutes() + travel).min(24 * 60))
                    .unwrap_or(TimeOfDay::END_OF_DAY),
            })
            .collect(),
    )
}

/// One child's week: school first, then helpers in her order, then her shortlisted services
/// (those that take the child), and what is left is a gap.
pub fn child_cover(
    need: &[Slot],
    age_months: u16,
    child: &ChildWeek,
    helpers: &[HelperWeek],
    services: &[WeekService],
) -> Vec<Cover> {
    if age_months >= NO_COVER_FROM_MONTHS {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut left = normalise(need.to_vec());
    let mut take = |left: &mut Vec<Slot>, by: Vec<Slot>, kind, helper, service_id| {
        for slot in intersect(left, &by) {
            out.push(Cover {
                slot,
                kind,
                helper,
                service_id,
            });
        }
        *left = subtract(left, &by);
    };
    take(
        &mut left,
        child.school.iter().map(slot_of).collect(),
        CoverKind::School,
        None,
        None,
    );
    for h in helpers {
        take(
            &mut left,
            h.windows.iter().map(slot_of).collect(),
            CoverKind::Helper,
            Some(h.helper),
            None,
        );
    }
    for s in services
        .iter()
        .filter(|s| is_childcare(s.category) && s.ages.contains(age_months))
    {
        take(
            &mut left,
            s.open.clone(),
            CoverKind::Service,
            None,
            Some(s.id),
        );
    }
    for slot in left {
        out.push(Cover {
            slot,
            kind: CoverKind::Gap,
            helper: None,
            service_id: None,
        });
    }
    out.sort_by_key(|c| c.slot);
    out
}

/// A contribution as it applies to one service for her.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContributionFit {
    pub contribution_id: Uuid,
    pub name: LocalizedText,
    pub eligibility: Eligibility,
    /// What it would pay a month of this service's cost for her hours, in euro cents.
    pub cents_per_month: u32,
}

/// A service ranked for her, with the reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceMatch {
    pub service: crate::Service,
    pub why: Explanation,
    /// The contributions of its category and territory, each with her eligibility.
    pub contributions: Vec<ContributionFit>,
    /// Whether it is on her shortlist.
    pub saved: bool,
}

/// Where the hours of her matches come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HoursSource {
    /// The gaps her week leaves (the job she planned, after school and helpers).
    Week,
    /// The hours she said she could work (her profile's availability).
    Availability,
    /// The hours given in `open_at`.
    Asked,
    /// None: every service of her categories, by distance and cost.
    None,
}

/// Her matches: the hours they were measured against, and the services, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Matches {
    pub hours_from: HoursSource,
    pub hours: Vec<Slot>,
    /// The categories searched (hers from her profile, or those asked).
    pub categories: Vec<ServiceCategory>,
    /// Where distances are measured from: her municipality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<crate::GeoPoint>,
    pub radius_km: f64,
    pub items: Vec<ServiceMatch>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
}

/// A service on her shortlist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShortlistItem {
    /// As it is now (a retired one says so in `status`).
    pub service: crate::Service,
    pub saved_at: chrono::DateTime<chrono::Utc>,
}

/// What she declares for contributions; every field optional, all of it hers to remove.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Declaration {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub isee_band: Option<IseeBand>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icef_band: Option<IcefBand>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub employment_status: Option<EmploymentStatus>,
}

/// A service that would close (part of) a gap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GapHelp {
    pub service_id: Uuid,
    pub name: String,
    pub category: ServiceCategory,
    /// Minutes of the gap it covers.
    pub covers_minutes: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
}

/// A gap in a child's week, with the services that would close it (up to three, most of the
/// gap first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Gap {
    /// The child's place in `plan.children`.
    pub child: usize,
    pub slot: Slot,
    pub services: Vec<GapHelp>,
}

/// A child's week: what covers each stretch of her working hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChildCover {
    pub birth_year: i32,
    /// Age in whole years today.
    pub age_years: u16,
    /// Empty when she needs no cover (14 or older).
    pub cover: Vec<Cover>,
}

/// Her week: the plan, what covers each child while she works, and the gaps left.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeekView {
    pub plan: WeekPlan,
    /// The `ETag` of an edit is this number in quotes; 0 before she first saves it.
    pub version: u32,
    /// The hours a child needs cover: her job widened by her journey.
    pub needed: Vec<Slot>,
    pub children: Vec<ChildCover>,
    pub gaps: Vec<Gap>,
    /// Minutes of gap in the week, all children together.
    pub gap_minutes: u32,
}

/// What the services part holds about her, for her export.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServicesExport {
    /// What she declared for contributions (empty: nothing).
    pub declaration: Declaration,
    /// The services she saved: id, name and when.
    pub shortlist: Vec<SavedService>,
    /// Her week, when she saved one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub week: Option<WeekPlan>,
}

/// A service she saved, as her export lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SavedService {
    pub service_id: Uuid,
    pub name: String,
    pub saved_at: chrono::DateTime<chrono::Utc>,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test fails loudly")]
    use proptest::prelude::*;

    use super::*;
    use Weekday::{Mon, Tue, Wed};

    fn t(s: &str) -> TimeOfDay {
        TimeOfDay::parse(s).unwrap()
    }

    fn slot(day: Weekday, a: &str, b: &str) -> Slot {
        Slot {
            day,
            from: t(a),
            to: t(b),
        }
    }

    fn window(day: Weekday, a: &str, b: &str) -> OpeningWindow {
        OpeningWindow {
            day,
            opens: t(a),
            closes: t(b),
        }
    }

    fn eligible() -> Eligibility {
        Eligibility {
            eligible: true,
            conditions: vec![],
            reasons: vec![],
        }
    }

    #[test]
    fn slots_subtract_and_intersect() {
        let need = [slot(Mon, "08:30", "15:30"), slot(Tue, "08:30", "15:30")];
        let school = [slot(Mon, "08:30", "12:30"), slot(Tue, "08:30", "12:30")];
        let left = subtract(&need, &school);
        assert_eq!(
            left,
            [slot(Mon, "12:30", "15:30"), slot(Tue, "12:30", "15:30")]
        );
        let after = [slot(Mon, "12:30", "17:00")];
        assert_eq!(intersect(&left, &after), [slot(Mon, "12:30", "15:30")]);
        assert_eq!(subtract(&left, &after), [slot(Tue, "12:30", "15:30")]);
        assert_eq!(
            normalise(vec![
                slot(Mon, "10:00", "12:00"),
                slot(Mon, "08:00", "10:00")
            ]),
            [slot(Mon, "08:00", "12:00")]
        );
    }

    fn rules() -> ContributionRules {
        ContributionRules {
            child_ages: Some(AgeRange {
                min_months: Some(3),
                max_months: Some(168),
            }),
            municipalities: vec!["022205".into()],
            employment: vec![
                EmploymentStatus::Employed,
                EmploymentStatus::ReturningToWork,
                EmploymentStatus::InTraining,
            ],
            isee_bands: vec![],
            icef_bands: vec![IcefBand::VeryLow, IcefBand::Low, IcefBand::Middle],
        }
    }

    #[test]
    fn contributions_say_what_holds_what_is_missing_and_what_fails() {
        let her = Claimant {
            municipality: Some("022205".into()),
            child_ages_months: vec![80],
            employment: Some(EmploymentStatus::Employed),
            isee: None,
            icef: Some(IcefBand::Low),
        };
        assert_eq!(rules().eligibility(&her), eligible());
        let looking = Claimant {
            employment: Some(EmploymentStatus::Unemployed),
            icef: None,
            ..her.clone()
        };
        let e = rules().eligibility(&looking);
        assert!(!e.eligible);
        assert_eq!(e.conditions, [Condition::StartWork, Condition::DeclareIcef]);
        let elsewhere = Claimant {
            municipality: Some("015146".into()),
            ..looking.clone()
        };
        let e = rules().eligibility(&elsewhere);
        assert_eq!(e.reasons, [NotEligibleReason::Residence]);
        assert!(e.conditions.is_empty(), "a refusal is not a condition");
        let older = Claimant {
            child_ages_months: vec![200],
            ..her.clone()
        };
        assert_eq!(
            rules().eligibility(&older).reasons,
            [NotEligibleReason::ChildAge]
        );
        let richer = Claimant {
            icef: Some(IcefBand::High),
            ..her
        };
        assert_eq!(
            rules().eligibility(&richer).reasons,
            [NotEligibleReason::IcefBand]
        );
    }

    #[test]
    fn a_benefit_pays_its_share_up_to_its_ceiling() {
        let b = Benefit {
            share_percent: 100,
            max_cents_per_month: Some(27_273),
            months_per_year: 11,
        };
        assert_eq!(b.covers(50_000), 27_273);
        assert_eq!(b.covers(20_000), 20_000);
        let share = Benefit {
            share_percent: 80,
            max_cents_per_month: None,
            months_per_year: 12,
        };
        assert_eq!(share.covers(10_000), 8_000);
    }

    fn after_school(id: u128, opens: &str, closes: &str, km: f64) -> Candidate {
        Candidate {
            id: Uuid::from_u128(id),
            category: ServiceCategory::PreAfterSchool,
            ages: AgeRange {
                min_months: Some(72),
                max_months: Some(132),
            },
            schedule: Schedule {
                weekly: [Mon, Tue, Wed]
                    .iter()
                    .map(|d| window(*d, opens, closes))
                    .collect(),
                exceptions: vec![],
            },
            distance_km: Some(km),
            costs: vec![CostOption {
                unit: CostUnit::Month,
                amount_cents: 12_000,
                note: None,
            }],
            places: Places::Open,
            contributions: vec![],
        }
    }

    fn needs() -> Needs {
        Needs {
            hours: [Mon, Tue, Wed]
                .iter()
                .map(|d| slot(*d, "12:30", "15:30"))
                .collect(),
            child_ages_months: vec![90],
            radius_km: 10.0,
            from: None,
        }
    }

    #[test]
    fn the_ranking_explains_hours_distance_ages_and_cost() {
        let mut c = after_school(1, "12:30", "17:00", 2.0);
        c.contributions = vec![(
            Uuid::from_u128(9),
            Benefit {
                share_percent: 80,
                max_cents_per_month: None,
                months_per_year: 10,
            },
            eligible(),
        )];
        let e = explain(&c, &needs());
        assert_eq!(e.covered_minutes, 540);
        assert_eq!(e.needed_minutes, 540);
        assert!(e.uncovered.is_empty());
        assert_eq!(e.serves_child_ages, [7]);
        let cost = e.monthly_cost.unwrap();
        assert_eq!((cost.before_cents, cost.after_cents), (12_000, 2_400));
        let partial = explain(&after_school(2, "14:00", "17:00", 2.0), &needs());
        assert_eq!(partial.uncovered.len(), 3);
        assert!(partial.score < e.score);
        let far = after_school(3, "12:30", "17:00", 30.0);
        assert!(!fits(&far, &needs()), "beyond her radius");
        let too_young = Candidate {
            ages: AgeRange {
                min_months: Some(0),
                max_months: Some(36),
            },
            ..after_school(4, "12:30", "17:00", 1.0)
        };
        assert!(!fits(&too_young, &needs()), "takes none of her children");
    }

    #[test]
    fn her_week_shows_school_helpers_services_and_gaps() {
        let plan = WeekPlan {
            job: vec![window(Mon, "09:00", "15:00"), window(Tue, "09:00", "15:00")],
            travel_minutes: 30,
            children: vec![ChildWeek {
                birth_year: 2018,
                school: usual_school_hours(90),
            }],
            helpers: vec![HelperWeek {
                helper: Helper::Grandparents,
                windows: vec![window(Tue, "12:00", "14:00")],
            }],
        };
        let need = hours_needed(&plan);
        assert_eq!(
            need,
            [slot(Mon, "08:30", "15:30"), slot(Tue, "08:30", "15:30")]
        );
        let cover = child_cover(&need, 90, &plan.children[0], &plan.helpers, &[]);
        let gaps: Vec<Slot> = cover
            .iter()
            .filter(|c| c.kind == CoverKind::Gap)
            .map(|c| c.slot)
            .collect();
        assert_eq!(
            gaps,
            [slot(Mon, "12:30", "15:30"), slot(Tue, "14:00", "15:30")]
        );
        let doposcuola = WeekService {
            id: Uuid::from_u128(7),
            category: ServiceCategory::PreAfterSchool,
            ages: AgeRange {
                min_months: Some(72),
                max_months: Some(132),
            },
            open: vec![slot(Mon, "12:30", "17:00"), slot(Tue, "12:30", "17:00")],
        };
        let cover = child_cover(&need, 90, &plan.children[0], &plan.helpers, &[doposcuola]);
        assert!(cover.iter().all(|c| c.kind != CoverKind::Gap));
        assert!(
            child_cover(&need, 200, &plan.children[0], &[], &[]).is_empty(),
            "a 16-year-old needs no cover"
        );
    }

    #[test]
    fn a_closed_service_covers_nothing_in_the_week_measured() {
        let mut camp = after_school(5, "08:00", "17:00", 1.0);
        camp.schedule.exceptions = vec![crate::ScheduleException {
            from: NaiveDate::from_ymd_opt(2026, 9, 11).unwrap(),
            to: NaiveDate::from_ymd_opt(2027, 6, 11).unwrap(),
            reason: crate::ExceptionReason::Other,
            windows: vec![],
        }];
        let mut in_december = needs();
        in_december.from = NaiveDate::from_ymd_opt(2026, 12, 7);
        assert_eq!(explain(&camp, &in_december).covered_minutes, 0);
        let mut in_july = needs();
        in_july.from = NaiveDate::from_ymd_opt(2027, 7, 5);
        assert_eq!(explain(&camp, &in_july).covered_minutes, 3 * 180);
    }

    #[test]
    fn ages_come_from_the_birth_year() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        assert_eq!(age_in_months(2019, d), Some(89));
        assert_eq!(age_in_months(2027, d), None, "not born yet");
        assert_eq!(age_in_months(2026, d), Some(5));
    }

    fn arb_candidate() -> impl Strategy<Value = Candidate> {
        (
            any::<u128>(),
            0u16..20,
            0u16..20,
            0.0f64..20.0,
            0u32..60_000,
            0usize..4,
            prop_oneof![
                Just(CostUnit::Month),
                Just(CostUnit::Hour),
                Just(CostUnit::Day)
            ],
        )
            .prop_map(|(id, a, len, km, cents, places, unit)| {
                let opens = TimeOfDay::new(7 + a / 2, (a % 2) * 30).unwrap();
                let closes = TimeOfDay::from_minutes(opens.minutes() + 30 + len * 15).unwrap();
                Candidate {
                    id: Uuid::from_u128(id),
                    category: ServiceCategory::PreAfterSchool,
                    ages: AgeRange::any(),
                    schedule: Schedule {
                        weekly: vec![OpeningWindow {
                            day: Mon,
                            opens,
                            closes,
                        }],
                        exceptions: vec![],
                    },
                    distance_km: Some(km),
                    costs: vec![CostOption {
                        unit,
                        amount_cents: cents,
                        note: None,
                    }],
                    places: Places::ALL[places],
                    contributions: vec![],
                }
            })
    }

    fn monday_needs() -> Needs {
        Needs {
            hours: vec![slot(Mon, "08:00", "18:00")],
            child_ages_months: vec![90],
            radius_km: 15.0,
            from: None,
        }
    }

    proptest! {
        #[test]
        fn the_order_does_not_depend_on_the_input_order(
            mut cs in proptest::collection::vec(arb_candidate(), 1..12),
        ) {
            let a = rank(&cs, &monday_needs());
            cs.reverse();
            prop_assert_eq!(a, rank(&cs, &monday_needs()));
        }

        #[test]
        fn adding_a_service_never_hides_one_that_fits_better(
            cs in proptest::collection::vec(arb_candidate(), 1..12),
            extra in arb_candidate(),
        ) {
            let before: Vec<Uuid> = rank(&cs, &monday_needs()).into_iter().map(|(id, _)| id).collect();
            let mut more = cs.clone();
            more.push(extra.clone());
            let after: Vec<Uuid> = rank(&more, &monday_needs())
                .into_iter()
                .map(|(id, _)| id)
                .filter(|id| *id != extra.id || cs.iter().any(|c| c.id == extra.id))
                .collect();
            prop_assert_eq!(before, after);
        }

        #[test]
        fn more_coverage_never_ranks_lower(c in arb_candidate(), extra in 0u16..4) {
            let needs = monday_needs();
            let base = explain(&c, &needs).score;
            let mut wider = c.clone();
            let w = &mut wider.schedule.weekly[0];
            w.closes = TimeOfDay::from_minutes((w.closes.minutes() + extra * 60).min(24 * 60)).unwrap();
            prop_assert!(explain(&wider, &needs).score >= base);
        }

        #[test]
        fn children_and_care_only_widen_what_concerns_her(
            ages in proptest::collection::vec(0u16..200, 0..4),
            more in 0u16..200,
            special in any::<bool>(),
            adults in any::<bool>(),
        ) {
            let before = relevant_categories(&ages, false, false);
            let mut with_more = ages.clone();
            with_more.push(more);
            let after = relevant_categories(&with_more, special, adults);
            prop_assert!(before.iter().all(|c| after.contains(c)));
        }

        #[test]
        fn her_children_never_enter_a_score(
            c in arb_candidate(),
            ages in proptest::collection::vec(0u16..200, 0..4),
        ) {
            let mut needs = monday_needs();
            let base = explain(&c, &needs).score;
            needs.child_ages_months = ages;
            prop_assert_eq!(explain(&c, &needs).score, base);
        }
    }

    fn offer_of(c: &Candidate, from: Option<NaiveDate>) -> Offer {
        Offer::new(
            c.id,
            c.category,
            c.ages,
            c.schedule.clone(),
            c.costs.clone(),
            c.places,
            from,
        )
    }

    proptest! {
        #[test]
        fn a_page_of_offers_is_the_same_page_of_the_full_ranking(
            cs in proptest::collection::vec(arb_candidate(), 0..16),
            offset in 0usize..6,
            size in 1usize..6,
            share in 0u8..=100,
            eligible_now in any::<bool>(),
        ) {
            let needs = monday_needs();
            let judged = vec![(
                Uuid::from_u128(77),
                Benefit { share_percent: share, max_cents_per_month: Some(20_000), months_per_year: 11 },
                Eligibility { eligible: eligible_now, ..eligible() },
            )];
            let cs: Vec<Candidate> = cs
                .into_iter()
                .map(|c| Candidate { contributions: judged.clone(), ..c })
                .collect();
            let offers: Vec<Offer> = cs.iter().map(|c| offer_of(c, needs.from)).collect();
            let found: Vec<Found<'_>> = offers
                .iter()
                .zip(&cs)
                .map(|(o, c)| Found::new(o, c.distance_km, &judged))
                .collect();
            let all = rank(&cs, &needs);
            let (page, total) = rank_page(&found, &needs, offset, size);
            prop_assert_eq!(total, all.len());
            let expected: Vec<(Uuid, Explanation)> = all.into_iter().skip(offset).take(size).collect();
            prop_assert_eq!(page, expected);
        }

        #[test]
        fn covered_minutes_are_the_minutes_of_the_intersection(
            a in proptest::collection::vec((0usize..3, 0u16..96, 1u16..24), 0..6),
            b in proptest::collection::vec((0usize..3, 0u16..96, 1u16..24), 0..6),
        ) {
            let slots = |v: &[(usize, u16, u16)]| normalise(v.iter().map(|(d, q, len)| Slot {
                day: Weekday::ALL[*d],
                from: TimeOfDay::from_minutes(q * 15).unwrap(),
                to: TimeOfDay::from_minutes((q * 15 + len * 15).min(24 * 60)).unwrap(),
            }).collect());
            let (a, b) = (slots(&a), slots(&b));
            prop_assert_eq!(covered_minutes(&a, &b), total_minutes(&intersect(&a, &b)));
        }
    }
}
