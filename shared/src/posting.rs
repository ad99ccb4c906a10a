//! Employers and their opportunities as they travel (issue 15): the organisation (sector
//! ATECO, size, municipality, what it offers parents), the opportunity with the kinds the
//! standards keep apart — the contract, the hours, the place — and the schema.org
//! `JobPosting` JSON-LD of a published one.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::code::Code;
use crate::{ContractType, OpeningWindow, Sought, WorkMode};

code_enum!(
    /// What an employer offers parents.
    EmployerBenefit: "employer_benefit" {
        FlexibleHours => "flexible_hours",
        RemoteWork => "remote_work",
        PartTime => "part_time",
        /// Company welfare plans (welfare aziendale).
        CompanyWelfare => "company_welfare",
        /// A company nursery, or help paying for one.
        ChildcareSupport => "childcare_support",
        /// Family Audit or a similar work-life certification.
        FamilyCertification => "family_certification",
    }
);

code_enum!(
    /// The size of an organisation, by people employed (EU definition).
    CompanySize: "company_size" {
        /// Fewer than 10.
        Micro => "micro",
        /// 10 to 49.
        Small => "small",
        /// 50 to 249.
        Medium => "medium",
        /// 250 or more.
        Large => "large",
    }
);

code_enum!(
    /// Where an opportunity is in its life: a draft, published (she can find and apply), closed.
    OpportunityStatus: "opportunity_status" { Draft => "draft", Published => "published", Closed => "closed" }
);

/// An organisation of an agency's network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Employer {
    pub id: uuid::Uuid,
    pub agency_id: crate::AgencyId,
    pub name: String,
    /// ATECO 2025 code of its main activity, e.g. `88.91`.
    pub ateco: String,
    pub size: CompanySize,
    /// ISTAT code of its seat.
    pub municipality: String,
    pub benefits: Vec<EmployerBenefit>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// The `ETag` of an edit is this number in quotes.
    pub version: u32,
}

/// An employer as the agency's admin writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "name": "Cooperativa Il Melograno",
    "ateco": "88.91",
    "size": "small",
    "municipality": "015146",
    "benefits": ["flexible_hours", "childcare_support"],
    "website": "https://melograno.example"
})))]
#[serde(deny_unknown_fields)]
pub struct EmployerInput {
    /// 1 to 200 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: String,
    /// An ATECO code: two digits, then up to two groups of one or two (`88`, `88.9`, `88.91`,
    /// `88.91.00`).
    #[cfg_attr(feature = "openapi", schema(pattern = r"^\d{2}(\.\d{1,2}){0,2}$"))]
    pub ateco: String,
    pub size: CompanySize,
    /// ISTAT code of a municipality of the agency's territory.
    pub municipality: String,
    /// Each at most once.
    #[serde(default)]
    pub benefits: Vec<EmployerBenefit>,
    /// An `https://` (or `http://`) address.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub website: Option<String>,
}

/// Whether `code` is an ATECO code (`88`, `88.9`, `88.91`, `88.91.00`).
pub fn is_ateco(code: &str) -> bool {
    let mut parts = code.split('.');
    let first_ok = parts
        .next()
        .is_some_and(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()));
    let rest: Vec<&str> = parts.collect();
    first_ok
        && rest.len() <= 2
        && rest
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

/// An opportunity: what it is, the contract, the hours, where, what it asks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Opportunity {
    pub id: uuid::Uuid,
    pub employer_id: uuid::Uuid,
    pub employer_name: String,
    pub agency_id: crate::AgencyId,
    pub title: String,
    pub description: String,
    pub contract: ContractType,
    /// A traineeship's monthly stipend, in euro cents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stipend_cents_per_month: Option<u32>,
    /// How long, for a fixed term, a traineeship or an apprenticeship.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_months: Option<u16>,
    /// Hours a week, 1 to 48.
    pub weekly_hours: u16,
    /// Its days and time windows (a shift pattern gives its windows).
    pub hours: Vec<OpeningWindow>,
    /// ISTAT code; with `municipality_name` and `province` for people.
    pub municipality: String,
    pub municipality_name: String,
    pub province: String,
    pub mode: WorkMode,
    pub sought: Vec<Sought>,
    /// ISO 639-1 codes.
    pub languages: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_on: Option<NaiveDate>,
    pub closes_on: NaiveDate,
    /// How many people it takes.
    pub places: u16,
    pub status: OpportunityStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<DateTime<Utc>>,
    pub version: u32,
}

/// An opportunity as its author writes it (a draft, or a published one being corrected).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "employer_id": "0193a0b0-0000-7000-8000-000000000001",
    "title": "Tirocinio in segreteria",
    "description": "Accoglienza delle famiglie e agenda degli educatori.",
    "contract": "traineeship",
    "stipend_cents_per_month": 60000,
    "duration_months": 6,
    "weekly_hours": 20,
    "hours": [
        {"day": "mon", "opens": "09:00", "closes": "13:00"},
        {"day": "tue", "opens": "09:00", "closes": "13:00"},
        {"day": "wed", "opens": "09:00", "closes": "13:00"},
        {"day": "thu", "opens": "09:00", "closes": "13:00"},
        {"day": "fri", "opens": "09:00", "closes": "13:00"}
    ],
    "municipality": "015146",
    "mode": "on_site",
    "sought": [{"code": "C1", "level": "established"}],
    "languages": ["it"],
    "start_on": "2027-01-11",
    "closes_on": "2026-12-31",
    "places": 2
})))]
#[serde(deny_unknown_fields)]
pub struct OpportunityInput {
    /// An employer of the agency's network.
    pub employer_id: uuid::Uuid,
    /// 1 to 200 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub title: String,
    /// 1 to 4,000 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 4000))]
    pub description: String,
    pub contract: ContractType,
    /// Required for a traineeship (1 to 500,000 cents a month), refused for any other contract.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 500_000))]
    pub stipend_cents_per_month: Option<u32>,
    /// 1 to 60 months; a traineeship at most 12.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 60))]
    pub duration_months: Option<u16>,
    /// 1 to 48, and no more than the windows of `hours` hold.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 48))]
    pub weekly_hours: u16,
    /// 1 to 28 windows, none inverted or overlapping another of its day. A shift pattern gives
    /// all the windows its shifts may fall in.
    pub hours: Vec<OpeningWindow>,
    /// ISTAT code of a municipality of the agency's territory (for remote work, where its
    /// team is).
    pub municipality: String,
    pub mode: WorkMode,
    /// Competences of the framework, each at most once; at most 12.
    #[serde(default)]
    pub sought: Vec<Sought>,
    /// ISO 639-1 codes; at most 6.
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub start_on: Option<NaiveDate>,
    /// Its last day for applications: not before today, at most a year ahead.
    pub closes_on: NaiveDate,
    /// 1 to 100.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100))]
    pub places: u16,
}

impl OpportunityInput {
    pub const MAX_SOUGHT: usize = 12;
    pub const MAX_LANGUAGES: usize = 6;
    pub const MAX_STIPEND_CENTS: u32 = 500_000;
    pub const MAX_WEEKLY_HOURS: u16 = 48;
    pub const MAX_DURATION_MONTHS: u16 = 60;
    pub const MAX_TRAINEESHIP_MONTHS: u16 = 12;
    pub const MAX_PLACES: u16 = 100;
    pub const MAX_DESCRIPTION: usize = 4000;
}

/// An opportunity ranked for her: the score part by part, and beside it (never in it) the gaps
/// taking it would open in her children's week, with the services that would close each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpportunityMatch {
    pub opportunity: Opportunity,
    pub employer_benefits: Vec<EmployerBenefit>,
    pub fit: crate::FitExplanation,
    /// `child` is the place in [`OpportunityMatches::children_birth_years`].
    pub gaps: Vec<crate::Gap>,
    pub gap_minutes: u32,
}

/// Her opportunities, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpportunityMatches {
    pub items: Vec<OpportunityMatch>,
    /// Her children as her week knows them; the gaps name them by place.
    pub children_birth_years: Vec<i32>,
    /// Whether she said which hours she can work (else the hours score half).
    pub availability_known: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
}

/// A woman of the agency who fits an opportunity, for her counsellor: the same explained
/// score she sees (nothing of her household).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FittingWoman {
    pub jobseeker_id: crate::UserId,
    pub name: String,
    pub fit: crate::FitExplanation,
    /// Where her application (or a counsellor's proposal of her) for it is, if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<crate::ApplicationStatus>,
}

/// Full time from 36 hours a week (the usual Italian collective agreements' threshold is 38-40;
/// 36 keeps a short full-time week full time).
pub const FULL_TIME_FROM_HOURS: u16 = 36;

/// schema.org `employmentType` values: the hours, then what the contract adds.
pub fn employment_types(o: &Opportunity) -> Vec<&'static str> {
    let mut out = vec![if o.weekly_hours >= FULL_TIME_FROM_HOURS {
        "FULL_TIME"
    } else {
        "PART_TIME"
    }];
    match o.contract {
        ContractType::Traineeship => out.push("INTERN"),
        ContractType::FixedTerm | ContractType::AgencyWork | ContractType::Occasional => {
            out.push("TEMPORARY");
        }
        ContractType::SelfEmployed => out.push("CONTRACTOR"),
        ContractType::Permanent | ContractType::Apprenticeship | ContractType::Other => {}
    }
    out
}

/// The hours in words for `workHours`: `20 h/week; mon 09:00-13:00, tue 09:00-13:00`.
fn work_hours(o: &Opportunity) -> String {
    let windows: Vec<String> = o
        .hours
        .iter()
        .map(|w| format!("{} {}-{}", w.day.code(), w.opens, w.closes))
        .collect();
    if windows.is_empty() {
        format!("{} h/week", o.weekly_hours)
    } else {
        format!("{} h/week; {}", o.weekly_hours, windows.join(", "))
    }
}

/// The schema.org `JobPosting` of a published opportunity, as JSON-LD: `url` is its public
/// page, `skill` names a competence of the framework in the posting's language.
pub fn job_posting(
    o: &Opportunity,
    employer: &Employer,
    url: &str,
    skill: impl Fn(&str) -> Option<String>,
) -> Value {
    let mut fields = match json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": o.title,
        "description": o.description,
        "identifier": {"@type": "PropertyValue", "name": employer.name, "value": o.id.to_string()},
        "datePosted": o.published_at.map(|t| t.date_naive().to_string()),
        // Its last day, as a date: applications close at its end.
        "validThrough": o.closes_on.to_string(),
        "employmentType": employment_types(o),
        "hiringOrganization": {
            "@type": "Organization",
            "name": employer.name,
        },
        "workHours": work_hours(o),
        "totalJobOpenings": o.places,
        "directApply": true,
        "url": url,
    }) {
        Value::Object(fields) => fields,
        _ => serde_json::Map::new(),
    };
    if let Some(site) = &employer.website {
        fields.insert(
            "hiringOrganization".into(),
            json!({"@type": "Organization", "name": employer.name, "sameAs": site}),
        );
    }
    let place = json!({
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": o.municipality_name,
            "addressRegion": o.province,
            "addressCountry": "IT",
        }
    });
    match o.mode {
        WorkMode::Remote => {
            fields.insert("jobLocationType".into(), json!("TELECOMMUTE"));
            fields.insert(
                "applicantLocationRequirements".into(),
                json!({"@type": "Country", "name": "IT"}),
            );
        }
        WorkMode::OnSite | WorkMode::Hybrid => {
            fields.insert("jobLocation".into(), place);
        }
    }
    if let Some(cents) = o.stipend_cents_per_month {
        fields.insert(
            "baseSalary".into(),
            json!({
                "@type": "MonetaryAmount",
                "currency": "EUR",
                "value": {"@type": "QuantitativeValue", "value": f64::from(cents) / 100.0, "unitText": "MONTH"},
            }),
        );
    }
    if let Some(start) = o.start_on {
        fields.insert("jobStartDate".into(), json!(start.to_string()));
    }
    let skills: Vec<String> = o.sought.iter().filter_map(|s| skill(&s.code)).collect();
    if !skills.is_empty() {
        fields.insert("skills".into(), json!(skills.join(", ")));
    }
    if !o.languages.is_empty() {
        fields.insert("inLanguage".into(), json!(o.languages));
    }
    if employer.benefits.iter().any(|b| {
        matches!(
            b,
            EmployerBenefit::CompanyWelfare | EmployerBenefit::ChildcareSupport
        )
    }) {
        fields.insert(
            "jobBenefits".into(),
            json!(
                employer
                    .benefits
                    .iter()
                    .map(|b| b.code())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }
    Value::Object(fields)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test fails loudly")]
    use super::*;
    use crate::{Level, TimeOfDay, Weekday};

    fn employer() -> Employer {
        Employer {
            id: uuid::Uuid::from_u128(7),
            agency_id: crate::AgencyId(uuid::Uuid::from_u128(1)),
            name: "Cooperativa Il Melograno".into(),
            ateco: "88.91".into(),
            size: CompanySize::Small,
            municipality: "015146".into(),
            benefits: vec![
                EmployerBenefit::FlexibleHours,
                EmployerBenefit::ChildcareSupport,
            ],
            website: Some("https://melograno.example".into()),
            version: 1,
        }
    }

    fn traineeship() -> Opportunity {
        let t = |s| TimeOfDay::parse(s).unwrap();
        Opportunity {
            id: uuid::Uuid::from_u128(42),
            employer_id: uuid::Uuid::from_u128(7),
            employer_name: "Cooperativa Il Melograno".into(),
            agency_id: crate::AgencyId(uuid::Uuid::from_u128(1)),
            title: "Tirocinio in segreteria".into(),
            description: "Accoglienza e agenda degli educatori.".into(),
            contract: ContractType::Traineeship,
            stipend_cents_per_month: Some(60_000),
            duration_months: Some(6),
            weekly_hours: 20,
            hours: Weekday::ALL[..5]
                .iter()
                .map(|d| OpeningWindow {
                    day: *d,
                    opens: t("09:00"),
                    closes: t("13:00"),
                })
                .collect(),
            municipality: "015146".into(),
            municipality_name: "Milano".into(),
            province: "MI".into(),
            mode: WorkMode::OnSite,
            sought: vec![Sought {
                code: "C1".into(),
                level: Level::Established,
            }],
            languages: vec!["it".into()],
            start_on: NaiveDate::from_ymd_opt(2027, 1, 11),
            closes_on: NaiveDate::from_ymd_opt(2026, 12, 20).unwrap(),
            places: 2,
            status: OpportunityStatus::Published,
            published_at: DateTime::parse_from_rfc3339("2026-12-01T09:00:00Z")
                .ok()
                .map(|t| t.with_timezone(&Utc)),
            version: 2,
        }
    }

    #[test]
    fn a_traineeship_posting_has_what_search_engines_require() {
        let p = job_posting(
            &traineeship(),
            &employer(),
            "https://sinergia.example/opportunities/42",
            |c| (c == "C1").then(|| "Organizzazione del tempo".to_owned()),
        );
        assert_eq!(p["@type"], "JobPosting");
        assert_eq!(p["title"], "Tirocinio in segreteria");
        assert_eq!(p["datePosted"], "2026-12-01");
        assert_eq!(p["validThrough"], "2026-12-20");
        assert_eq!(p["employmentType"], json!(["PART_TIME", "INTERN"]));
        assert_eq!(
            p["hiringOrganization"]["sameAs"],
            "https://melograno.example"
        );
        assert_eq!(p["jobLocation"]["address"]["addressLocality"], "Milano");
        assert_eq!(p["jobLocation"]["address"]["addressCountry"], "IT");
        assert_eq!(p["baseSalary"]["value"]["value"], 600.0);
        assert_eq!(p["baseSalary"]["value"]["unitText"], "MONTH");
        assert_eq!(
            p["workHours"],
            "20 h/week; mon 09:00-13:00, tue 09:00-13:00, wed 09:00-13:00, thu 09:00-13:00, fri 09:00-13:00"
        );
        assert_eq!(p["skills"], "Organizzazione del tempo");
        assert_eq!(p["totalJobOpenings"], 2);
        assert_eq!(p["jobStartDate"], "2027-01-11");
        assert!(p.get("jobLocationType").is_none());
    }

    #[test]
    fn ateco_codes_are_two_digits_then_groups() {
        for ok in ["88", "88.9", "88.91", "88.91.00", "01.1"] {
            assert!(is_ateco(ok), "{ok}");
        }
        for bad in [
            "",
            "8",
            "888",
            "88.",
            "88.912",
            "88.91.00.1",
            "AB.12",
            "88,91",
        ] {
            assert!(!is_ateco(bad), "{bad}");
        }
    }

    #[test]
    fn a_remote_job_names_where_applicants_may_live_not_a_place() {
        let mut o = traineeship();
        o.mode = WorkMode::Remote;
        o.contract = ContractType::Permanent;
        o.weekly_hours = 38;
        o.stipend_cents_per_month = None;
        let p = job_posting(&o, &employer(), "https://sinergia.example/o/42", |_| None);
        assert_eq!(p["jobLocationType"], "TELECOMMUTE");
        assert_eq!(p["applicantLocationRequirements"]["name"], "IT");
        assert!(p.get("jobLocation").is_none());
        assert!(p.get("baseSalary").is_none());
        assert!(p.get("skills").is_none());
        assert_eq!(p["employmentType"], json!(["FULL_TIME"]));
    }
}
