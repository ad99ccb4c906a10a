//! The catalogue of conciliation services, shaped after Open Referral HSDS 3: a provider
//! (HSDS `organization`) runs services at locations (`service_at_location`); a service has a
//! category from a fixed bilingual taxonomy, the ages it serves, a weekly schedule of opening
//! windows with dated exceptions (`schedule`), its costs (`cost_option`) and the contributions
//! (public schemes) that lower them. Here: the closed lists and the value types with the rules
//! every write must keep (windows in order and apart, ages in order, amounts in range), checked
//! the same way by the server and the web app.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::code::Code;
use crate::profile::Weekday;

code_enum!(
    /// What a service does, from the territorial plans' list of conciliation services.
    ServiceCategory: "service_category" {
        /// Nido and sezioni primavera, 0-3 years.
        Nursery => "nursery",
        Babysitting => "babysitting",
        /// Pre-school and after-school care (pre- e post-scuola).
        PreAfterSchool => "pre_after_school",
        /// Summer and holiday camps (centri estivi).
        HolidayCamp => "holiday_camp",
        /// Care on school closure days that are not holidays ("ponti", strikes, elections).
        BridgeService => "bridge_service",
        ElderHomeCare => "elder_home_care",
        /// Day centres for elderly or disabled people (CDI, CDD).
        DayCentre => "day_centre",
        DisabilityCare => "disability_care",
        /// Respite for caregivers (sollievo).
        Respite => "respite",
        /// Time-saving services: laundry, shopping, errands, meals.
        TimeSaving => "time_saving",
        /// Family counselling and mutual-aid groups.
        FamilySupport => "family_support",
    }
);

code_enum!(
    /// Who runs a provider.
    ProviderKind: "provider_kind" {
        Public => "public",
        AccreditedPrivate => "accredited_private",
        ThirdSector => "third_sector",
        CompanyWelfare => "company_welfare",
    }
);

code_enum!(
    /// Whether a service can take someone now.
    Places: "places" {
        /// Places free now.
        Open => "open",
        /// A waiting list of weeks.
        ShortWait => "short_wait",
        /// A waiting list of months.
        LongWait => "long_wait",
        /// Not taking anyone this period.
        Full => "full",
    }
);

code_enum!(
    /// What a price is for.
    CostUnit: "cost_unit" { Hour => "hour", Day => "day", Month => "month", OneOff => "one_off" }
);

code_enum!(
    /// Why a service keeps other hours on some dates.
    ExceptionReason: "exception_reason" {
        SchoolClosure => "school_closure",
        SummerClosure => "summer_closure",
        PublicHoliday => "public_holiday",
        Other => "other",
    }
);

code_enum!(
    /// Her situation towards work, as contribution rules name it.
    EmploymentStatus: "employment_status" {
        Unemployed => "unemployed",
        /// Starting or returning to work (a contract signed, or signed within the period).
        ReturningToWork => "returning_to_work",
        InTraining => "in_training",
        Employed => "employed",
        SelfEmployed => "self_employed",
    }
);

/// A time of day, to the minute: `"08:30"` on the wire, `"24:00"` for the end of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    pub const MIDNIGHT: TimeOfDay = TimeOfDay(0);
    pub const END_OF_DAY: TimeOfDay = TimeOfDay(24 * 60);

    /// `hour:minute`, if it is a time of day (up to 24:00).
    pub fn new(hour: u16, minute: u16) -> Option<TimeOfDay> {
        let m = hour * 60 + minute;
        (minute < 60 && m <= 24 * 60).then_some(TimeOfDay(m))
    }

    /// So many minutes after midnight, if that is a time of day (up to 24:00).
    pub fn from_minutes(minutes: u16) -> Option<TimeOfDay> {
        (minutes <= 24 * 60).then_some(TimeOfDay(minutes))
    }

    /// Minutes since midnight.
    pub fn minutes(self) -> u16 {
        self.0
    }

    pub fn parse(s: &str) -> Option<TimeOfDay> {
        let (h, m) = s.split_once(':')?;
        if h.len() != 2 || m.len() != 2 {
            return None;
        }
        TimeOfDay::new(h.parse().ok()?, m.parse().ok()?)
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<TimeOfDay, D::Error> {
        let s = String::deserialize(d)?;
        TimeOfDay::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("`{s}` is not a time HH:MM (00:00-24:00)"))
        })
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for TimeOfDay {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some("^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$"))
            .description(Some("A time of day, HH:MM (24:00 is the end of the day)"))
            .examples(["08:30"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for TimeOfDay {}

/// A service open on one weekday from `opens` to `closes`; a day may have several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OpeningWindow {
    pub day: Weekday,
    pub opens: TimeOfDay,
    pub closes: TimeOfDay,
}

/// Dates when a service keeps other hours: closed (no windows), or open only in `windows`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ScheduleException {
    /// First day, included.
    pub from: NaiveDate,
    /// Last day, included.
    pub to: NaiveDate,
    pub reason: ExceptionReason,
    /// The opening windows on those dates; none: closed.
    #[serde(default)]
    pub windows: Vec<OpeningWindow>,
}

/// A service's hours: the weekly grid and its dated exceptions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// At most 28 windows (four a day).
    pub weekly: Vec<OpeningWindow>,
    /// At most 50.
    #[serde(default)]
    pub exceptions: Vec<ScheduleException>,
}

/// What is wrong with a schedule, and where (the index in `weekly`, or in `exceptions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleIssue {
    /// `weekly[i]` closes before it opens.
    Inverted(usize),
    /// `weekly[i]` overlaps an earlier window of the same day.
    Overlapping(usize),
    TooManyWindows,
    /// `exceptions[i]` ends before it starts.
    ExceptionInverted(usize),
    /// A window of `exceptions[i]` closes before it opens, or overlaps another.
    ExceptionWindows(usize),
    TooManyExceptions,
}

/// The windows' own problems: each closes after it opens, and none overlaps another of its day
/// (touching is fine: 12:00-14:00 and 14:00-18:00). Returns the index of the first bad window.
fn check_windows(windows: &[OpeningWindow]) -> Result<(), (usize, bool)> {
    for (i, w) in windows.iter().enumerate() {
        if w.closes <= w.opens {
            return Err((i, true));
        }
        if windows[..i]
            .iter()
            .any(|o| o.day == w.day && o.opens < w.closes && w.opens < o.closes)
        {
            return Err((i, false));
        }
    }
    Ok(())
}

impl Schedule {
    pub const MAX_WINDOWS: usize = 28;
    pub const MAX_EXCEPTIONS: usize = 50;

    pub fn check(&self) -> Result<(), ScheduleIssue> {
        if self.weekly.len() > Self::MAX_WINDOWS {
            return Err(ScheduleIssue::TooManyWindows);
        }
        if self.exceptions.len() > Self::MAX_EXCEPTIONS {
            return Err(ScheduleIssue::TooManyExceptions);
        }
        check_windows(&self.weekly).map_err(|(i, inverted)| {
            if inverted {
                ScheduleIssue::Inverted(i)
            } else {
                ScheduleIssue::Overlapping(i)
            }
        })?;
        for (i, e) in self.exceptions.iter().enumerate() {
            if e.to < e.from {
                return Err(ScheduleIssue::ExceptionInverted(i));
            }
            if e.windows.len() > Self::MAX_WINDOWS || check_windows(&e.windows).is_err() {
                return Err(ScheduleIssue::ExceptionWindows(i));
            }
        }
        Ok(())
    }

    /// The windows that hold on `date`: those of the first exception that covers it, else the
    /// weekly ones of its weekday.
    pub fn windows_on(&self, date: NaiveDate) -> Vec<(TimeOfDay, TimeOfDay)> {
        let day = Weekday::of(date);
        let source = self
            .exceptions
            .iter()
            .find(|e| e.from <= date && date <= e.to)
            .map_or(&self.weekly, |e| &e.windows);
        let mut out: Vec<_> = source
            .iter()
            .filter(|w| w.day == day)
            .map(|w| (w.opens, w.closes))
            .collect();
        out.sort();
        out
    }

    /// Minutes of `[from, to)` on a usual `day` (exceptions aside) that the service is open.
    pub fn open_minutes(&self, day: Weekday, from: TimeOfDay, to: TimeOfDay) -> u16 {
        self.weekly
            .iter()
            .filter(|w| w.day == day)
            .map(|w| {
                let (a, b) = (w.opens.max(from), w.closes.min(to));
                b.minutes().saturating_sub(a.minutes())
            })
            .sum()
    }
}

/// The ages a service takes, in months (a nursery from 3 months, a camp to 14 years: 168).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AgeRange {
    /// From this age, in months; absent: from birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(maximum = 1440))]
    pub min_months: Option<u16>,
    /// Up to this age, in months, included; absent: no upper limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(maximum = 1440))]
    pub max_months: Option<u16>,
}

impl AgeRange {
    pub const MAX_MONTHS: u16 = 1440;

    /// Both within 0-120 years, the first not after the second.
    pub fn is_valid(&self) -> bool {
        let within = |m: Option<u16>| m.is_none_or(|m| m <= Self::MAX_MONTHS);
        within(self.min_months)
            && within(self.max_months)
            && match (self.min_months, self.max_months) {
                (Some(a), Some(b)) => a <= b,
                _ => true,
            }
    }

    pub fn contains(&self, months: u16) -> bool {
        self.min_months.is_none_or(|a| a <= months) && self.max_months.is_none_or(|b| months <= b)
    }
}

/// A price: so much per hour, day, month, or once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CostOption {
    pub unit: CostUnit,
    /// In euro cents, 0 for free; at most 1,000,000 (10,000 €).
    #[cfg_attr(feature = "openapi", schema(maximum = 1_000_000))]
    pub amount_cents: u32,
    /// What the price includes ("meals included", "for residents"), up to 200 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl CostOption {
    pub const MAX_CENTS: u32 = 1_000_000;
}

/// A provider as staff write it (HSDS `organization`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"name": "Cooperativa Il Girasole", "kind": "third_sector", "description": "Pre e post scuola, centri estivi.", "email": "info@girasole.example", "phone": "+39 039 123 4567", "website": "https://girasole.example"})))]
#[serde(deny_unknown_fields)]
pub struct ProviderInput {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: String,
    pub kind: ProviderKind,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub description: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Email, max_length = 254))]
    pub email: Option<String>,
    /// Digits, spaces and dashes, an optional leading `+`; 6 to 15 digits.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 32))]
    pub phone: Option<String>,
    /// An `https://` (or `http://`) address.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = "uri", max_length = 500))]
    pub website: Option<String>,
}

/// A provider of the agency's catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Provider {
    pub id: uuid::Uuid,
    pub agency_id: crate::AgencyId,
    pub name: String,
    pub kind: ProviderKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// The `ETag` of an edit is this number in quotes.
    pub version: u32,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// Set once retired: its services leave the search; nothing is deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired_at: Option<chrono::DateTime<chrono::Utc>>,
}

code_enum!(
    /// Where a service is in its life: staff write a draft, publish it (then anyone can find
    /// it), and retire it (it leaves the search; nothing is deleted).
    ServiceStatus: "service_status" { Draft => "draft", Published => "published", Retired => "retired" }
);

code_enum!(
    /// What makes a service accessible.
    Accessibility: "accessibility" {
        /// No steps from the street (ramps, lift).
        StepFree => "step_free",
        AccessibleToilet => "accessible_toilet",
        /// Staff trained for children or adults with special needs.
        SpecialNeedsStaff => "special_needs_staff",
        SignLanguage => "sign_language",
        /// Information in easy-to-read language.
        EasyRead => "easy_read",
    }
);

code_enum!(
    /// Her ISEE (national means test) as a band she declares; never a document.
    IseeBand: "isee_band" {
        /// Up to 25,000 €.
        Low => "low",
        /// 25,000.01 to 40,000 €.
        Middle => "middle",
        /// Over 40,000 €, or no ISEE.
        High => "high",
    }
);

code_enum!(
    /// Her ICEF (Trento's means indicator, 0 to 1) as a band she declares; never a document.
    IcefBand: "icef_band" {
        /// Up to 0.20.
        VeryLow => "very_low",
        /// 0.20 to 0.30.
        Low => "low",
        /// 0.30 to 0.40.
        Middle => "middle",
        /// Over 0.40.
        High => "high",
    }
);

/// A place where a provider offers services (HSDS `location`), as staff write it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"name": "Sede di via Marsala", "address": "Via Marsala 12", "municipality": "108033", "point": {"lat": 45.5845, "lon": 9.2744}})))]
#[serde(deny_unknown_fields)]
pub struct LocationInput {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: String,
    /// Street and number.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 300))]
    pub address: String,
    /// ISTAT code of a municipality of the agency's territory.
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-9]{6}$"))]
    pub municipality: String,
    pub point: crate::GeoPoint,
}

/// A provider's location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Location {
    pub id: uuid::Uuid,
    pub provider_id: uuid::Uuid,
    pub name: String,
    pub address: String,
    /// ISTAT code.
    pub municipality: String,
    pub municipality_name: String,
    pub point: crate::GeoPoint,
    /// The `ETag` of an edit is this number in quotes.
    pub version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// A service as staff write it (HSDS `service` with its `schedule`, `cost_option` and
/// `service_at_location`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "provider_id": "0192f1e4-7c1a-7d52-9a51-3f0c2e2b7a10",
    "name": "Post-scuola Girasole",
    "description": "Merenda, compiti e gioco dopo la scuola primaria.",
    "category": "pre_after_school",
    "ages": {"min_months": 72, "max_months": 132},
    "languages": ["it", "en"],
    "accessibility": ["step_free"],
    "capacity": 40,
    "places": "open",
    "schedule": {"weekly": [{"day": "mon", "opens": "16:00", "closes": "18:30"}], "exceptions": []},
    "costs": [{"unit": "month", "amount_cents": 9000}],
    "location_ids": ["0192f1e4-7c1a-7d52-9a51-3f0c2e2b7a11"]
})))]
#[serde(deny_unknown_fields)]
pub struct ServiceInput {
    /// A provider of the agency, not retired.
    pub provider_id: uuid::Uuid,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub description: Option<String>,
    pub category: ServiceCategory,
    #[serde(default = "AgeRange::any")]
    pub ages: AgeRange,
    /// ISO 639-1 codes of the languages spoken there, at most 10.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 10))]
    pub languages: Vec<String>,
    #[serde(default)]
    pub accessibility: Vec<Accessibility>,
    /// How many people it can take at once, 1 to 10,000.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 10000))]
    pub capacity: Option<u32>,
    pub places: Places,
    pub schedule: Schedule,
    /// At most 10.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 10))]
    pub costs: Vec<CostOption>,
    /// 1 to 20 locations of the same provider.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 20))]
    pub location_ids: Vec<uuid::Uuid>,
}

impl ServiceInput {
    pub const MAX_LANGUAGES: usize = 10;
    pub const MAX_COSTS: usize = 10;
    pub const MAX_LOCATIONS: usize = 20;
    pub const MAX_CAPACITY: u32 = 10_000;
}

impl AgeRange {
    /// Every age.
    pub fn any() -> AgeRange {
        AgeRange {
            min_months: None,
            max_months: None,
        }
    }
}

/// Who runs a service, with the contacts she may use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderBrief {
    pub id: uuid::Uuid,
    pub name: String,
    pub kind: ProviderKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

/// A service of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Service {
    pub id: uuid::Uuid,
    pub agency_id: crate::AgencyId,
    pub provider: ProviderBrief,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub category: ServiceCategory,
    pub ages: AgeRange,
    pub languages: Vec<String>,
    pub accessibility: Vec<Accessibility>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    pub places: Places,
    pub schedule: Schedule,
    pub costs: Vec<CostOption>,
    pub locations: Vec<Location>,
    pub status: ServiceStatus,
    /// When staff last checked its information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The `ETag` of an edit is this number in quotes.
    pub version: u32,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// A service found by a search, with how far its nearest location is from the point asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceHit {
    pub service: Service,
    /// In km, rounded to 0.1, when the search gave `near`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
}

/// "Open on this day for the whole of these hours": `mon@16:00-18:30` in a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenAt {
    pub day: Weekday,
    pub from: TimeOfDay,
    pub to: TimeOfDay,
}

impl OpenAt {
    pub fn parse(s: &str) -> Option<OpenAt> {
        let (day, hours) = s.split_once('@')?;
        let (from, to) = hours.split_once('-')?;
        let at = OpenAt {
            day: Weekday::parse(day)?,
            from: TimeOfDay::parse(from)?,
            to: TimeOfDay::parse(to)?,
        };
        (at.from < at.to).then_some(at)
    }
}

impl fmt::Display for OpenAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}-{}", self.day.as_str(), self.from, self.to)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test fails loudly")]
    use super::*;
    use Weekday::{Fri, Mon, Tue};

    fn t(s: &str) -> TimeOfDay {
        TimeOfDay::parse(s).unwrap()
    }

    fn w(day: Weekday, opens: &str, closes: &str) -> OpeningWindow {
        OpeningWindow {
            day,
            opens: t(opens),
            closes: t(closes),
        }
    }

    #[test]
    fn times_of_day_are_hh_mm() {
        assert_eq!(t("08:30").minutes(), 510);
        assert_eq!(t("24:00"), TimeOfDay::END_OF_DAY);
        for bad in ["8:30", "24:01", "12:60", "ab:cd", "1230", "", "-1:00"] {
            assert!(TimeOfDay::parse(bad).is_none(), "{bad}");
        }
        let json = serde_json::to_string(&t("07:05")).unwrap();
        assert_eq!(json, "\"07:05\"");
        assert!(serde_json::from_str::<TimeOfDay>("\"25:00\"").is_err());
    }

    #[test]
    fn windows_close_after_they_open_and_do_not_overlap() {
        let ok = Schedule {
            weekly: vec![
                w(Mon, "07:30", "09:00"),
                w(Mon, "16:00", "18:30"),
                w(Tue, "08:00", "12:00"),
            ],
            exceptions: vec![],
        };
        assert_eq!(ok.check(), Ok(()));
        let touching = Schedule {
            weekly: vec![w(Mon, "08:00", "12:00"), w(Mon, "12:00", "14:00")],
            exceptions: vec![],
        };
        assert_eq!(touching.check(), Ok(()));
        let inverted = Schedule {
            weekly: vec![w(Mon, "08:00", "12:00"), w(Tue, "18:00", "09:00")],
            exceptions: vec![],
        };
        assert_eq!(inverted.check(), Err(ScheduleIssue::Inverted(1)));
        let empty = Schedule {
            weekly: vec![w(Fri, "09:00", "09:00")],
            exceptions: vec![],
        };
        assert_eq!(empty.check(), Err(ScheduleIssue::Inverted(0)));
        let overlapping = Schedule {
            weekly: vec![
                w(Mon, "08:00", "12:00"),
                w(Tue, "08:00", "12:00"),
                w(Mon, "11:00", "13:00"),
            ],
            exceptions: vec![],
        };
        assert_eq!(overlapping.check(), Err(ScheduleIssue::Overlapping(2)));
    }

    #[test]
    fn exceptions_hold_on_their_dates() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let s = Schedule {
            weekly: vec![w(Mon, "07:30", "18:00")],
            exceptions: vec![
                ScheduleException {
                    from: d("2027-08-01"),
                    to: d("2027-08-31"),
                    reason: ExceptionReason::SummerClosure,
                    windows: vec![],
                },
                ScheduleException {
                    from: d("2027-07-01"),
                    to: d("2027-07-31"),
                    reason: ExceptionReason::SchoolClosure,
                    windows: vec![w(Mon, "08:00", "13:00")],
                },
            ],
        };
        assert_eq!(s.check(), Ok(()));
        // 2027-06-07, 2027-07-05 and 2027-08-02 are Mondays.
        assert_eq!(s.windows_on(d("2027-06-07")), [(t("07:30"), t("18:00"))]);
        assert_eq!(s.windows_on(d("2027-07-05")), [(t("08:00"), t("13:00"))]);
        assert!(s.windows_on(d("2027-08-02")).is_empty());
        assert!(s.windows_on(d("2027-06-08")).is_empty(), "Tuesday: closed");
        let backwards = Schedule {
            weekly: vec![],
            exceptions: vec![ScheduleException {
                from: d("2027-08-31"),
                to: d("2027-08-01"),
                reason: ExceptionReason::Other,
                windows: vec![],
            }],
        };
        assert_eq!(backwards.check(), Err(ScheduleIssue::ExceptionInverted(0)));
    }

    #[test]
    fn open_minutes_within_her_hours() {
        let s = Schedule {
            weekly: vec![w(Mon, "07:30", "09:00"), w(Mon, "16:00", "18:30")],
            exceptions: vec![],
        };
        // Her job 09:00-17:00: the after-school part covers 16:00-17:00.
        assert_eq!(s.open_minutes(Mon, t("09:00"), t("17:00")), 60);
        assert_eq!(s.open_minutes(Mon, t("07:00"), t("19:00")), 90 + 150);
        assert_eq!(s.open_minutes(Tue, t("07:00"), t("19:00")), 0);
    }

    #[test]
    fn ages_in_order_and_in_range() {
        let r = |a: Option<u16>, b: Option<u16>| AgeRange {
            min_months: a,
            max_months: b,
        };
        assert!(r(Some(3), Some(36)).is_valid());
        assert!(r(None, None).is_valid());
        assert!(!r(Some(36), Some(3)).is_valid());
        assert!(!r(None, Some(2000)).is_valid());
        assert!(r(Some(3), Some(36)).contains(3) && r(Some(3), Some(36)).contains(36));
        assert!(!r(Some(3), Some(36)).contains(37) && !r(Some(3), Some(36)).contains(2));
        assert!(r(Some(780), None).contains(900), "elder care from 65");
    }
}
