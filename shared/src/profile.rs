//! The jobseeker's profile: seven sections she fills in any order, their completeness, the needs
//! derived from them, and the staff's caseload, change history and case notes.
//!
//! Every list that can truly be empty is an `Option<Vec<_>>`: `None` means "not answered yet",
//! `Some(vec![])` means "none" (no children, no courses...). Completeness counts answers, never
//! what the answers are: care is a source of skills, never a deficit.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use uuid::Uuid;

use crate::code::Code;
use crate::{AgencyId, GeoPoint, Language, Role, UserAccount, UserId};

code_enum!(
    /// The sections of the profile, in the order the wizard lists them.
    ProfileSection: "section" {
        AboutMe => "about_me",
        Household => "household",
        Conciliation => "conciliation",
        Education => "education",
        WorkHistory => "work_history",
        Availability => "availability",
        Goals => "goals",
    }
);

impl ProfileSection {
    /// The path segment of the section (`/me/profile/{slug}`).
    pub fn slug(self) -> &'static str {
        match self {
            ProfileSection::AboutMe => "about-me",
            ProfileSection::Household => "household",
            ProfileSection::Conciliation => "conciliation",
            ProfileSection::Education => "education",
            ProfileSection::WorkHistory => "work-history",
            ProfileSection::Availability => "availability",
            ProfileSection::Goals => "goals",
        }
    }

    pub fn from_slug(slug: &str) -> Option<ProfileSection> {
        ProfileSection::ALL
            .iter()
            .copied()
            .find(|s| s.slug() == slug)
    }
}

code_enum!(
    /// Self-assessed level of a language (CEFR), or mother tongue.
    LanguageLevel: "level" { A1 => "a1", A2 => "a2", B1 => "b1", B2 => "b2", C1 => "c1", C2 => "c2", Native => "native" }
);
code_enum!(ContactChannel: "channel" { Email => "email", Phone => "phone", Sms => "sms", Whatsapp => "whatsapp" });
code_enum!(DayPart: "day_part" { Morning => "morning", Afternoon => "afternoon", Evening => "evening" });
code_enum!(
    /// Who helps her with care.
    Helper: "helper" { Partner => "partner", Grandparents => "grandparents", PaidHelp => "paid_help", Nobody => "nobody" }
);
code_enum!(
    /// Who, besides her children, she cares for.
    CaredRelation: "relation" { Parent => "parent", Partner => "partner", Relative => "relative", Other => "other" }
);
code_enum!(ConciliationService: "service" {
    Nursery => "nursery",
    Childminder => "childminder",
    PreSchool => "pre_school",
    AfterSchool => "after_school",
    SummerCamp => "summer_camp",
    ElderCare => "elder_care",
    DisabilityCare => "disability_care",
    Other => "other",
});
code_enum!(
    /// What stands in the way of the services she needs.
    Obstacle: "obstacle" {
        Distance => "distance",
        Cost => "cost",
        Quality => "quality",
        OpeningHours => "opening_hours",
        NoneAvailable => "none_available",
        Other => "other",
    }
);
code_enum!(
    /// Periods of the year when care is hardest to arrange.
    CriticalPeriod: "period" {
        SchoolClosures => "school_closures",
        Summer => "summer",
        ChristmasHolidays => "christmas_holidays",
        EasterHolidays => "easter_holidays",
        ChildIllness => "child_illness",
    }
);
code_enum!(ContractType: "contract" {
    Permanent => "permanent",
    FixedTerm => "fixed_term",
    Apprenticeship => "apprenticeship",
    Traineeship => "traineeship",
    AgencyWork => "agency_work",
    SelfEmployed => "self_employed",
    Occasional => "occasional",
    Other => "other",
});
code_enum!(Sector: "sector" {
    CareAndSocial => "care_and_social",
    Education => "education",
    Health => "health",
    Retail => "retail",
    Hospitality => "hospitality",
    Administration => "administration",
    Cleaning => "cleaning",
    Manufacturing => "manufacturing",
    Logistics => "logistics",
    Ict => "ict",
    Agriculture => "agriculture",
    CultureAndLeisure => "culture_and_leisure",
    PublicSector => "public_sector",
    Other => "other",
});
code_enum!(
    /// Why she stopped working for a while: told as experience, never as a gap.
    BreakReason: "break_reason" { CareOfChildren => "care_of_children", CareOfOthers => "care_of_others", Health => "health", Other => "other" }
);
code_enum!(Weekday: "weekday" { Mon => "mon", Tue => "tue", Wed => "wed", Thu => "thu", Fri => "fri", Sat => "sat", Sun => "sun" });

impl Weekday {
    /// The weekday of a date.
    pub fn of(date: NaiveDate) -> Weekday {
        use chrono::Datelike;
        Weekday::ALL[date.weekday().num_days_from_monday() as usize]
    }
}
code_enum!(WorkingTime: "working_time" { PartTime => "part_time", FullTime => "full_time" });
code_enum!(WorkMode: "work_mode" { OnSite => "on_site", Remote => "remote", Hybrid => "hybrid" });
code_enum!(TravelMeans: "travel" {
    Walking => "walking",
    Bicycle => "bicycle",
    PublicTransport => "public_transport",
    Car => "car",
    Motorbike => "motorbike",
});
code_enum!(
    /// Where the agency is with her case (set by staff; a filter of the caseload).
    CaseStatus: "case_status" { New => "new", Active => "active", OnHold => "on_hold", Closed => "closed" }
);
code_enum!(
    /// What kind of need the summary names.
    NeedKind: "need" {
        Childcare => "childcare",
        OutOfSchoolCare => "out_of_school_care",
        HolidayCover => "holiday_cover",
        SickChildCover => "sick_child_cover",
        CareForOthers => "care_for_others",
        InclusiveServices => "inclusive_services",
        BackupCare => "backup_care",
        AffordableServices => "affordable_services",
        ServicesNearby => "services_nearby",
        ExtendedHours => "extended_hours",
    }
);

/// Languages offered in the profile: ISO 639-1 code and the language's own name (an endonym
/// reads the same in every UI language).
pub const SPOKEN_LANGUAGES: &[(&str, &str)] = &[
    ("it", "Italiano"),
    ("en", "English"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("es", "Español"),
    ("pt", "Português"),
    ("ro", "Română"),
    ("sq", "Shqip"),
    ("uk", "Українська"),
    ("ru", "Русский"),
    ("pl", "Polski"),
    ("ar", "العربية"),
    ("zh", "中文"),
    ("bn", "বাংলা"),
    ("hi", "हिन्दी"),
    ("ur", "اردو"),
    ("pa", "ਪੰਜਾਬੀ"),
    ("tl", "Tagalog"),
    ("fa", "فارسی"),
    ("tr", "Türkçe"),
    ("am", "አማርኛ"),
    ("ti", "ትግርኛ"),
    ("so", "Soomaali"),
    ("wo", "Wolof"),
];

/// Hours a day of the availability grid: each number is a one-hour slot starting then.
pub const GRID_FIRST_HOUR: u8 = 7;
pub const GRID_LAST_HOUR: u8 = 21;

/// Limits shared by the server's rules and the forms.
pub mod limits {
    pub const SHORT_TEXT: usize = 120;
    pub const LONG_TEXT: usize = 2000;
    pub const LIST_ITEMS: usize = 20;
    pub const MAX_TRAVEL_MINUTES: u16 = 180;
    pub const MAX_CARE_HOURS: u16 = 168;
    pub const MAX_COURSE_HOURS: u16 = 5000;
    pub const CASE_NOTE: usize = 5000;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SpokenLanguage {
    /// ISO 639-1 code from the offered list, e.g. `it`.
    pub language: String,
    pub level: LanguageLevel,
}

/// About her: where she lives, the languages she speaks, how she likes to be contacted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "municipality": "015146",
    "languages": [{"language": "it", "level": "native"}, {"language": "en", "level": "b1"}],
    "contact_channels": ["email", "whatsapp"],
    "phone": "+39 333 123 4567",
    "contact_times": ["evening"]
})))]
#[serde(deny_unknown_fields, default)]
pub struct AboutMe {
    /// ISTAT code of her municipality, from `GET /municipalities`.
    pub municipality: Option<String>,
    pub languages: Option<Vec<SpokenLanguage>>,
    pub contact_channels: Option<Vec<ContactChannel>>,
    /// Needed when a channel is phone, SMS or WhatsApp.
    pub phone: Option<String>,
    pub contact_times: Option<Vec<DayPart>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Child {
    /// From 60 years before this year to next year (a child on the way). The window moves with
    /// the calendar, so the schema gives the widest bounds and the server the exact ones.
    #[cfg_attr(feature = "openapi", schema(minimum = 1900, maximum = 2200))]
    pub birth_year: i32,
    /// Disability or special educational or health needs (she decides what to say).
    #[serde(default)]
    pub special_needs: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CaredPerson {
    pub relation: CaredRelation,
    #[serde(default)]
    pub lives_with_her: bool,
    #[serde(default)]
    pub special_needs: bool,
}

/// Household and care: who she looks after and who helps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "children": [{"birth_year": 2021, "special_needs": false}, {"birth_year": 2016, "special_needs": true}],
    "others_cared_for": [{"relation": "parent", "lives_with_her": false, "special_needs": true}],
    "weekly_care_hours": 35,
    "helpers": ["grandparents"]
})))]
#[serde(deny_unknown_fields, default)]
pub struct Household {
    pub children: Option<Vec<Child>>,
    pub others_cared_for: Option<Vec<CaredPerson>>,
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 168))]
    pub weekly_care_hours: Option<u16>,
    /// `nobody` cannot go with another helper.
    pub helpers: Option<Vec<Helper>>,
}

/// Conciliation needs: the services she uses and what stands in the way.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "services_used": ["nursery"],
    "obstacles": ["cost", "opening_hours"],
    "critical_periods": ["summer", "school_closures"]
})))]
#[serde(deny_unknown_fields, default)]
pub struct Conciliation {
    pub services_used: Option<Vec<ConciliationService>>,
    pub obstacles: Option<Vec<Obstacle>>,
    /// Her words, when `other` is among the obstacles.
    pub obstacles_other: Option<String>,
    pub critical_periods: Option<Vec<CriticalPeriod>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Qualification {
    pub title: String,
    #[serde(default)]
    pub field: Option<String>,
    #[serde(default)]
    pub year: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Course {
    pub name: String,
    #[serde(default)]
    pub provider: Option<String>,
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub hours: Option<u16>,
}

/// Education and training.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "isced_level": 3,
    "titles": [{"title": "Diploma di ragioneria", "field": "Accounting", "year": 2005}],
    "courses": [{"name": "Primo soccorso pediatrico", "provider": "Croce Rossa", "year": 2022, "hours": 12}]
})))]
#[serde(deny_unknown_fields, default)]
pub struct Education {
    /// Highest level reached on the ISCED 2011 scale, 0 to 8.
    pub isced_level: Option<u8>,
    pub titles: Option<Vec<Qualification>>,
    pub courses: Option<Vec<Course>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Job {
    pub role: String,
    #[serde(default)]
    pub employer: Option<String>,
    #[serde(default)]
    pub sector: Option<Sector>,
    #[serde(default)]
    pub contract_type: Option<ContractType>,
    /// `YYYY-MM`.
    pub start: String,
    /// `YYYY-MM`; absent while it goes on.
    #[serde(default)]
    pub end: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CareerBreak {
    pub reason: BreakReason,
    /// `YYYY-MM`.
    pub start: String,
    /// `YYYY-MM`; absent while it goes on.
    #[serde(default)]
    pub end: Option<String>,
    /// What she did and learned in that time, in her words.
    #[serde(default)]
    pub experience: Option<String>,
}

/// Work history, with career breaks told as experience.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "jobs": [{"role": "Impiegata amministrativa", "employer": "Studio Bianchi", "sector": "administration", "contract_type": "permanent", "start": "2008-09", "end": "2016-03"}],
    "breaks": [{"reason": "care_of_children", "start": "2016-04", "experience": "Ho organizzato la settimana di una famiglia di cinque persone"}]
})))]
#[serde(deny_unknown_fields, default)]
pub struct WorkHistory {
    pub jobs: Option<Vec<Job>>,
    pub breaks: Option<Vec<CareerBreak>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DayHours {
    pub day: Weekday,
    /// One-hour slots by starting hour, 7 to 21 (`8` = 08:00–09:00).
    pub hours: Vec<u8>,
}

/// When and how she can work.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "weekly_hours": [{"day": "mon", "hours": [9, 10, 11, 12]}, {"day": "wed", "hours": [9, 10, 11, 12]}],
    "working_time": ["part_time"],
    "work_modes": ["on_site", "hybrid"],
    "max_travel_minutes": 30,
    "travel_means": ["public_transport"],
    "earliest_start": "2027-01-07",
    "contract_types": ["fixed_term", "traineeship", "permanent"]
})))]
#[serde(deny_unknown_fields, default)]
pub struct Availability {
    /// The weekly grid; days absent or with no hours are not available.
    pub weekly_hours: Option<Vec<DayHours>>,
    pub working_time: Option<Vec<WorkingTime>>,
    pub work_modes: Option<Vec<WorkMode>>,
    /// How far she can travel, one way, in minutes (0 to 180).
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 180))]
    pub max_travel_minutes: Option<u16>,
    pub travel_means: Option<Vec<TravelMeans>>,
    pub earliest_start: Option<NaiveDate>,
    /// Contract types she would accept.
    pub contract_types: Option<Vec<ContractType>>,
}

/// What she aims for, in her words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "sectors": ["education", "care_and_social"],
    "roles": ["Educatrice di nido", "Segretaria scolastica"],
    "statement": "Vorrei lavorare con i bambini, la mattina."
})))]
#[serde(deny_unknown_fields, default)]
pub struct Goals {
    pub sectors: Option<Vec<Sector>>,
    pub roles: Option<Vec<String>>,
    pub statement: Option<String>,
}

/// How much of a section (or of the profile) is answered. Counts answers, never judges them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Completeness {
    pub answered: u8,
    pub total: u8,
    /// 0 to 100.
    pub percent: u8,
}

impl Completeness {
    pub fn of(answered: u8, total: u8) -> Completeness {
        let percent = if total == 0 {
            0
        } else {
            u8::try_from((u32::from(answered) * 100 + u32::from(total) / 2) / u32::from(total))
                .unwrap_or(100)
        };
        Completeness {
            answered,
            total,
            percent,
        }
    }
}

fn answered<T>(field: &Option<T>) -> u8 {
    u8::from(field.is_some())
}

fn answered_non_empty<T>(field: &Option<Vec<T>>) -> u8 {
    u8::from(field.as_ref().is_some_and(|v| !v.is_empty()))
}

/// The questions of a section and how many have an answer.
pub trait SectionData: Default + Clone + PartialEq + Serialize + for<'de> Deserialize<'de> {
    const SECTION: ProfileSection;
    fn completeness(&self) -> Completeness;
}

impl SectionData for AboutMe {
    const SECTION: ProfileSection = ProfileSection::AboutMe;
    fn completeness(&self) -> Completeness {
        Completeness::of(
            answered(&self.municipality)
                + answered_non_empty(&self.languages)
                + answered_non_empty(&self.contact_channels),
            3,
        )
    }
}

impl SectionData for Household {
    const SECTION: ProfileSection = ProfileSection::Household;
    fn completeness(&self) -> Completeness {
        Completeness::of(
            answered(&self.children)
                + answered(&self.others_cared_for)
                + answered(&self.weekly_care_hours)
                + answered_non_empty(&self.helpers),
            4,
        )
    }
}

impl SectionData for Conciliation {
    const SECTION: ProfileSection = ProfileSection::Conciliation;
    fn completeness(&self) -> Completeness {
        Completeness::of(
            answered(&self.services_used)
                + answered(&self.obstacles)
                + answered(&self.critical_periods),
            3,
        )
    }
}

impl SectionData for Education {
    const SECTION: ProfileSection = ProfileSection::Education;
    fn completeness(&self) -> Completeness {
        Completeness::of(
            answered(&self.isced_level) + answered(&self.titles) + answered(&self.courses),
            3,
        )
    }
}

impl SectionData for WorkHistory {
    const SECTION: ProfileSection = ProfileSection::WorkHistory;
    fn completeness(&self) -> Completeness {
        Completeness::of(answered(&self.jobs) + answered(&self.breaks), 2)
    }
}

impl SectionData for Availability {
    const SECTION: ProfileSection = ProfileSection::Availability;
    fn completeness(&self) -> Completeness {
        let grid = u8::from(
            self.weekly_hours
                .as_ref()
                .is_some_and(|days| days.iter().any(|d| !d.hours.is_empty())),
        );
        Completeness::of(
            grid + answered_non_empty(&self.working_time)
                + answered_non_empty(&self.work_modes)
                + answered(&self.max_travel_minutes)
                + answered_non_empty(&self.travel_means)
                + answered(&self.earliest_start)
                + answered_non_empty(&self.contract_types),
            7,
        )
    }
}

impl SectionData for Goals {
    const SECTION: ProfileSection = ProfileSection::Goals;
    fn completeness(&self) -> Completeness {
        Completeness::of(
            answered_non_empty(&self.sectors)
                + answered_non_empty(&self.roles)
                + u8::from(
                    self.statement
                        .as_ref()
                        .is_some_and(|s| !s.trim().is_empty()),
                ),
            3,
        )
    }
}

/// One section as stored: its answers, its version (the `ETag` to send back in `If-Match`) and
/// its completeness.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionState<T> {
    pub data: T,
    /// 0 until the first save; the section's `ETag` is this number in quotes.
    pub version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
    pub completeness: Completeness,
}

impl<T: SectionData> SectionState<T> {
    pub fn etag(&self) -> String {
        format!("\"{}\"", self.version)
    }
}

/// A need derived from her answers, with the answers it comes from. Never a score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Need {
    pub kind: NeedKind,
    /// One sentence in the request's language.
    pub summary: String,
    /// Why: the answers it was derived from, in the request's language.
    pub because: Vec<String>,
    /// The sections those answers are in.
    pub sections: Vec<ProfileSection>,
}

/// Completeness of one section, for the wizard's list and the caseload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionProgress {
    pub section: ProfileSection,
    pub version: u32,
    #[serde(flatten)]
    pub completeness: Completeness,
}

/// The whole profile, as she and her counsellors see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Profile {
    pub user_id: UserId,
    pub name: String,
    pub agency_id: AgencyId,
    pub about_me: SectionState<AboutMe>,
    pub household: SectionState<Household>,
    pub conciliation: SectionState<Conciliation>,
    pub education: SectionState<Education>,
    pub work_history: SectionState<WorkHistory>,
    pub availability: SectionState<Availability>,
    pub goals: SectionState<Goals>,
    /// Overall completeness over every question of every section.
    pub completeness: Completeness,
    pub sections: Vec<SectionProgress>,
    /// Needs derived from the answers, in the request's language.
    pub needs: Vec<Need>,
    /// The municipality's name, when she gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality_name: Option<String>,
    pub case_status: CaseStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
}

/// An Ambito territoriale: the municipalities that plan their social services together (a
/// Piano di zona), as Monza e Brianza's five.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ambito {
    /// Stable code, e.g. `carate_brianza`.
    pub code: String,
    pub name: String,
}

/// A municipality of an agency's territory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"code": "108033", "name": "Monza", "province": "MB", "agency_id": "0194f0a0-0000-7000-8000-000000000003", "ambito": {"code": "monza", "name": "Ambito di Monza"}, "location": {"lat": 45.58005, "lon": 9.27246}})))]
pub struct Municipality {
    /// ISTAT code.
    pub code: String,
    pub name: String,
    /// Province abbreviation, e.g. `MI`.
    pub province: String,
    /// The agency whose territory it is in.
    pub agency_id: AgencyId,
    /// Its Ambito territoriale, where the agency's territory is divided into them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ambito: Option<Ambito>,
    /// Where it is: its seat (GeoNames) or the centre of its area (ISTAT boundary), for
    /// distances; every municipality of the agencies' territories has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<GeoPoint>,
}

/// A jobseeker in a counsellor's caseload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseloadEntry {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality_name: Option<String>,
    /// Overall profile completeness, 0 to 100.
    pub completeness: u8,
    pub case_status: CaseStatus,
    pub registered_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_updated_at: Option<DateTime<Utc>>,
}

/// One saved change of a profile section: who, when, which fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfileChange {
    pub section: ProfileSection,
    /// The section's version after the change.
    pub version: u32,
    pub changed_at: DateTime<Utc>,
    pub changed_by: UserId,
    pub changed_by_role: Role,
    /// Top-level fields whose answer changed.
    pub fields: Vec<String>,
}

/// A private note of the agency's staff about a jobseeker's case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseNote {
    pub id: uuid::Uuid,
    pub author_id: UserId,
    pub author_name: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"body": "Primo colloquio: interessata ai servizi educativi, cerca part-time mattutino."})))]
#[serde(deny_unknown_fields)]
pub struct NewCaseNote {
    /// 1 to 5000 characters.
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetCaseStatus {
    pub status: CaseStatus,
}

/// She confirms erasure with her password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ErasureRequest {
    pub password: String,
}

/// What erasure did and when the records are purged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErasureReceipt {
    pub erased_at: DateTime<Utc>,
    /// After this moment nothing of her remains but ids in the audit log.
    pub purge_after: DateTime<Utc>,
}

/// A consent as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentRecord {
    pub purpose: String,
    pub text_version: String,
    pub language: String,
    pub given_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn_at: Option<DateTime<Utc>>,
}

/// Everything held about her (or about a staff member, who has no profile), for download.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfileExport {
    pub exported_at: DateTime<Utc>,
    pub account: UserAccount,
    pub consents: Vec<ConsentRecord>,
    /// Her profile; absent for a staff account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    pub history: Vec<ProfileChange>,
    /// The staff's notes on her case (her right of access covers them).
    pub case_notes: Vec<CaseNote>,
    /// Her competency assessments, with answers and scores.
    #[serde(default)]
    pub assessments: Vec<crate::Attempt>,
    /// Her portfolio links, each with when it was opened.
    #[serde(default)]
    pub portfolio_shares: Vec<ShareRecord>,
    /// What the community holds about her.
    #[serde(default)]
    pub community: CommunityExport,
    /// Her sign-in sessions.
    #[serde(default)]
    pub sessions: Vec<SessionRecord>,
    /// The audit log's entries about her or by her (who read her record, when; ids only).
    #[serde(default)]
    pub audit: Vec<AuditRecord>,
    /// Her declaration for contributions, her shortlist and her week.
    #[serde(default)]
    pub services: crate::ServicesExport,
    /// Her applications and the proposals made to her, with their steps.
    #[serde(default)]
    pub applications: Vec<crate::Application>,
}

/// One of her portfolio links and its views.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShareRecord {
    pub share: crate::Share,
    /// When it was opened, oldest first.
    pub viewed_at: Vec<DateTime<Utc>>,
}

/// What the community holds about her.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommunityExport {
    /// Her choices (absent: the defaults, never changed).
    pub settings: Option<crate::CommunitySettings>,
    pub memberships: Vec<MembershipRecord>,
    /// Rooms she is banned from, and why.
    pub bans: Vec<BanRecord>,
    /// Every message she wrote, as she wrote it (also hidden or deleted ones), with its earlier
    /// texts.
    pub messages: Vec<MessageRecord>,
    /// Her reactions.
    pub reactions: Vec<ReactionRecord>,
    /// Messages of others that mention her.
    pub mentioned_in: Vec<MentionRecord>,
    /// The reports she filed, with the answers.
    pub reports: Vec<crate::Report>,
    /// Moderation actions about her (mutes, removals, bans, hidden messages).
    pub moderation: Vec<ModerationRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MembershipRecord {
    pub room_id: Uuid,
    pub role: crate::MemberRole,
    pub joined_at: DateTime<Utc>,
    pub last_read_seq: u64,
    pub muted_until: Option<DateTime<Utc>>,
    pub mute_reason: Option<String>,
    pub slow_mode_seconds: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BanRecord {
    pub room_id: Uuid,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageRecord {
    pub id: Uuid,
    pub room_id: Uuid,
    pub seq: u64,
    pub body: String,
    pub reply_to: Option<Uuid>,
    pub mentions: Vec<crate::UserId>,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub hidden_at: Option<DateTime<Utc>>,
    pub hidden_reason: Option<String>,
    /// Earlier texts, oldest first.
    pub versions: Vec<crate::MessageVersion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReactionRecord {
    pub message_id: Uuid,
    pub emoji: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MentionRecord {
    pub message_id: Uuid,
    pub room_id: Uuid,
    pub seq: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModerationRecord {
    pub room_id: Option<Uuid>,
    pub action: String,
    pub reason: String,
    pub until: Option<DateTime<Utc>>,
    pub target_message: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionRecord {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_reason: Option<String>,
}

/// An audit entry about her or by her: what happened, when, by whom (an id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditRecord {
    pub occurred_at: DateTime<Utc>,
    pub action: String,
    pub actor_id: Option<Uuid>,
    pub target_type: Option<String>,
    pub target_id: Option<Uuid>,
}

/// The short name of a day.
pub fn day_name(day: Weekday, lang: Language) -> &'static str {
    let i = Weekday::ALL.iter().position(|d| *d == day).unwrap_or(0);
    match lang {
        Language::It => ["lun", "mar", "mer", "gio", "ven", "sab", "dom"][i],
        Language::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
    }
}

fn ranges(hours: &[u8]) -> String {
    let mut out: Vec<(u8, u8)> = Vec::new();
    for &h in hours {
        match out.last_mut() {
            Some((_, end)) if *end == h => *end = h + 1,
            _ => out.push((h, h + 1)),
        }
    }
    out.iter()
        .map(|(s, e)| format!("{s:02}:00–{e:02}:00"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The week in words: days with the same hours grouped (`lun–ven 08:00–13:00`).
pub fn describe_week(days: &[DayHours], lang: Language) -> String {
    let idx = |w: Weekday| Weekday::ALL.iter().position(|x| *x == w).unwrap_or(0);
    let mut groups: Vec<(Weekday, Weekday, &[u8])> = Vec::new();
    for d in days.iter().filter(|d| !d.hours.is_empty()) {
        match groups.last_mut() {
            Some((_, last, hours))
                if *hours == d.hours.as_slice() && idx(*last) + 1 == idx(d.day) =>
            {
                *last = d.day;
            }
            _ => groups.push((d.day, d.day, &d.hours)),
        }
    }
    groups
        .iter()
        .map(|(first, last, hours)| {
            let days = if first == last {
                day_name(*first, lang).to_owned()
            } else {
                format!("{}–{}", day_name(*first, lang), day_name(*last, lang))
            };
            format!("{days} {}", ranges(hours))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completeness_counts_answers_not_their_content() {
        let none = Household::default();
        assert_eq!(none.completeness().percent, 0);
        let no_children = Household {
            children: Some(vec![]),
            others_cared_for: Some(vec![]),
            weekly_care_hours: Some(0),
            helpers: Some(vec![Helper::Nobody]),
        };
        let three_children = Household {
            children: Some(vec![
                Child {
                    birth_year: 2020,
                    special_needs: true,
                };
                3
            ]),
            ..no_children.clone()
        };
        assert_eq!(no_children.completeness().percent, 100);
        assert_eq!(three_children.completeness(), no_children.completeness());
        assert_eq!(Completeness::of(2, 3).percent, 67);
        assert_eq!(Completeness::of(1, 7).percent, 14);
    }

    #[test]
    fn slugs_round_trip() {
        for s in ProfileSection::ALL {
            assert_eq!(ProfileSection::from_slug(s.slug()), Some(*s));
            assert_eq!(ProfileSection::parse(s.as_str()), Some(*s));
        }
    }
}
