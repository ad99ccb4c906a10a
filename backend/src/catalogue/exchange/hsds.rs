//! The HSDS 3 format: an Open Referral document of organizations with their services nested
//! (each with its schedules, cost options and locations), read into items and written from
//! the agency's catalogue. Weekly windows are `WEEKLY` schedules by day; dated hours are
//! schedules with `valid_from`/`valid_to` (closed without `opens_at`).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use shared::{
    AgeRange, CostOption, CostUnit, ExceptionReason, FieldCode, GeoPoint, HsdsAddress,
    HsdsAttribute, HsdsCostOption, HsdsDocument, HsdsEligibility, HsdsLanguage, HsdsLocation,
    HsdsOrganization, HsdsPhone, HsdsSchedule, HsdsService, HsdsServiceAtLocation,
    HsdsTaxonomyTerm, LocationInput, OpeningWindow, Places, Provider, ProviderInput, ProviderKind,
    Schedule, ScheduleException, Service, ServiceCategory, ServiceInput, ServiceStatus, TimeOfDay,
    Weekday,
};
use uuid::Uuid;

use super::item::{Item, MAX_ROWS, Part};
use crate::error::{ApiError, FieldIssue};

const DAYS: [(&str, Weekday); 7] = [
    ("MO", Weekday::Mon),
    ("TU", Weekday::Tue),
    ("WE", Weekday::Wed),
    ("TH", Weekday::Thu),
    ("FR", Weekday::Fri),
    ("SA", Weekday::Sat),
    ("SU", Weekday::Sun),
];

/// Where a rule's field is in an HSDS service.
pub fn path(part: Part, pointer: &str) -> String {
    match part {
        Part::Provider => format!("/organization{pointer}"),
        Part::Location(i) => {
            let field = match pointer {
                "/address" => "/addresses/0/address_1",
                "/municipality" => "/addresses/0/sinergia_municipality",
                "/point/lat" => "/latitude",
                "/point/lon" => "/longitude",
                other => other,
            };
            format!("/service_at_locations/{i}/location{field}")
        }
        Part::Service => {
            if pointer.starts_with("/schedule") {
                "/schedules".to_owned()
            } else if let Some(rest) = pointer.strip_prefix("/costs") {
                format!("/cost_options{rest}")
            } else if pointer.starts_with("/ages") {
                "/eligibility".to_owned()
            } else if pointer.starts_with("/location_ids") {
                "/service_at_locations".to_owned()
            } else if pointer.starts_with("/category") {
                "/attributes".to_owned()
            } else {
                pointer.to_owned()
            }
        }
        Part::Whole => pointer.to_owned(),
    }
}

fn time(s: Option<&str>) -> Option<TimeOfDay> {
    // HSDS writes times as `16:00` or `16:00:00`.
    let s = s?;
    TimeOfDay::parse(s.get(..5).unwrap_or(s))
}

fn date(s: Option<&str>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s?.get(..10)?, "%Y-%m-%d").ok()
}

fn days(byday: Option<&str>) -> Option<Vec<Weekday>> {
    byday?
        .split(',')
        .map(|d| {
            DAYS.iter()
                .find(|(code, _)| code.eq_ignore_ascii_case(d.trim()))
                .map(|(_, day)| *day)
        })
        .collect()
}

/// The services of a document, as items.
pub fn read(bytes: &[u8]) -> Result<Vec<Item>, ApiError> {
    let doc: HsdsDocument = serde_json::from_slice(bytes).map_err(|e| {
        if e.is_syntax() || e.is_eof() {
            ApiError::MalformedJson(e.to_string())
        } else {
            ApiError::InvalidBody {
                pointer: String::new(),
                detail: e.to_string(),
            }
        }
    })?;
    let mut items = Vec::new();
    for org in &doc.organizations {
        for s in &org.services {
            let row = u32::try_from(items.len() + 1).unwrap_or(u32::MAX);
            items.push(item(row, org, s));
        }
    }
    if items.len() > MAX_ROWS {
        return Err(ApiError::Validation(vec![FieldIssue::new(
            "/organizations",
            FieldCode::TooManyItems,
        )]));
    }
    Ok(items)
}

fn item(row: u32, org: &HsdsOrganization, s: &HsdsService) -> Item {
    let mut issues = Vec::new();
    let mut bad = |p: &str, code: FieldCode| issues.push(FieldIssue::new(p, code));
    let kind = org.sinergia_kind.as_deref().and_then(ProviderKind::parse);
    if org.sinergia_kind.is_some() && kind.is_none() {
        bad("/organization/sinergia_kind", FieldCode::InvalidValue);
    }
    let category = s
        .attributes
        .iter()
        .find_map(|a| ServiceCategory::parse(&a.taxonomy_term.code));
    if category.is_none() {
        bad("/attributes", FieldCode::Required);
    }
    let mut weekly = Vec::new();
    let mut exceptions = Vec::new();
    for (i, sc) in s.schedules.iter().enumerate() {
        let at = format!("/schedules/{i}");
        let opens = time(sc.opens_at.as_deref());
        let closes = time(sc.closes_at.as_deref());
        let windows: Option<Vec<OpeningWindow>> = match (opens, closes) {
            (Some(opens), Some(closes)) => days(sc.byday.as_deref()).map(|ds| {
                ds.into_iter()
                    .map(|day| OpeningWindow { day, opens, closes })
                    .collect()
            }),
            (None, None) => Some(Vec::new()),
            _ => None,
        };
        let Some(windows) = windows else {
            bad(&at, FieldCode::ScheduleInvalid);
            continue;
        };
        match (sc.valid_from.as_deref(), sc.valid_to.as_deref()) {
            (None, None) => {
                if windows.is_empty() {
                    bad(&at, FieldCode::ScheduleInvalid);
                }
                weekly.extend(windows);
            }
            (from, to) => {
                let (Some(from), Some(to)) = (date(from), date(to.or(from))) else {
                    bad(&at, FieldCode::ScheduleInvalid);
                    continue;
                };
                let reason = sc
                    .sinergia_reason
                    .as_deref()
                    .and_then(ExceptionReason::parse)
                    .unwrap_or(ExceptionReason::Other);
                // Dated windows of the same dates are one exception.
                if let Some(e) = exceptions
                    .iter_mut()
                    .find(|e: &&mut ScheduleException| e.from == from && e.to == to)
                {
                    e.windows.extend(windows);
                } else {
                    exceptions.push(ScheduleException {
                        from,
                        to,
                        reason,
                        windows,
                    });
                }
            }
        }
    }
    let mut costs = Vec::new();
    for (i, c) in s.cost_options.iter().enumerate() {
        let unit = CostUnit::parse(&c.option);
        let cents = (c.amount.is_finite() && c.amount >= 0.0 && c.amount < 1.0e7)
            .then(|| (c.amount * 100.0).round() as u32);
        let euro = c.currency.as_deref().is_none_or(|cur| cur == "EUR");
        match (unit, cents, euro) {
            (Some(unit), Some(amount_cents), true) => costs.push(CostOption {
                unit,
                amount_cents,
                note: c.amount_description.clone(),
            }),
            _ => bad(&format!("/cost_options/{i}"), FieldCode::InvalidValue),
        }
    }
    let status = match s.status.as_deref() {
        None => None,
        Some("inactive") => Some(ServiceStatus::Draft),
        Some("active") => Some(ServiceStatus::Published),
        Some("defunct") => Some(ServiceStatus::Retired),
        Some(_) => {
            bad("/status", FieldCode::InvalidValue);
            None
        }
    };
    let places = match s.sinergia_places.as_deref() {
        None => Places::Open,
        Some(p) => Places::parse(p).unwrap_or_else(|| {
            bad("/sinergia_places", FieldCode::InvalidValue);
            Places::Open
        }),
    };
    let months = |m: Option<u16>, years: Option<f64>| {
        m.or_else(|| years.map(|y| (y * 12.0).round().clamp(0.0, 1200.0) as u16))
    };
    let ages = s
        .eligibility
        .as_ref()
        .map_or(AgeRange::any(), |e| AgeRange {
            min_months: months(e.sinergia_min_months, e.minimum_age),
            max_months: months(e.sinergia_max_months, e.maximum_age),
        });
    let accessibility = s
        .sinergia_accessibility
        .iter()
        .filter_map(|a| {
            shared::Accessibility::parse(a).or_else(|| {
                bad("/sinergia_accessibility", FieldCode::InvalidValue);
                None
            })
        })
        .collect();
    Item {
        row,
        service_id: s.id.as_deref().and_then(|id| Uuid::parse_str(id).ok()),
        provider: ProviderInput {
            name: org.name.clone(),
            kind: kind.unwrap_or(ProviderKind::ALL[0]),
            description: org.description.clone(),
            email: org.email.clone(),
            phone: org.phones.first().map(|p| p.number.clone()),
            website: org.website.clone(),
        },
        kind_given: kind.is_some(),
        locations: s
            .service_at_locations
            .iter()
            .map(|sal| {
                let l = &sal.location;
                let address = l.addresses.first();
                LocationInput {
                    name: l.name.clone(),
                    address: address.map(|a| a.address_1.clone()).unwrap_or_default(),
                    municipality: address
                        .map(|a| a.sinergia_municipality.clone())
                        .unwrap_or_default(),
                    point: GeoPoint {
                        lat: l.latitude,
                        lon: l.longitude,
                    },
                }
            })
            .collect(),
        service: ServiceInput {
            provider_id: Uuid::nil(),
            name: s.name.clone(),
            description: s.description.clone(),
            category: category.unwrap_or(ServiceCategory::ALL[0]),
            ages,
            languages: s.languages.iter().map(|l| l.code.clone()).collect(),
            accessibility,
            capacity: s.sinergia_capacity,
            places,
            schedule: Schedule { weekly, exceptions },
            costs,
            location_ids: Vec::new(),
        },
        status,
        issues,
    }
}

fn schedules(s: &Schedule) -> Vec<HsdsSchedule> {
    let window = |w: &OpeningWindow| HsdsSchedule {
        freq: Some("WEEKLY".into()),
        byday: DAYS
            .iter()
            .find(|(_, d)| *d == w.day)
            .map(|(code, _)| (*code).to_owned()),
        opens_at: Some(w.opens.to_string()),
        closes_at: Some(w.closes.to_string()),
        ..HsdsSchedule::default()
    };
    let mut out: Vec<HsdsSchedule> = s.weekly.iter().map(window).collect();
    for e in &s.exceptions {
        let dated = |mut h: HsdsSchedule| {
            h.freq = None;
            h.valid_from = Some(e.from.to_string());
            h.valid_to = Some(e.to.to_string());
            h.sinergia_reason = Some(e.reason.as_str().to_owned());
            h
        };
        if e.windows.is_empty() {
            out.push(dated(HsdsSchedule::default()));
        } else {
            out.extend(e.windows.iter().map(|w| dated(window(w))));
        }
    }
    out
}

fn service(s: &Service) -> HsdsService {
    HsdsService {
        id: Some(s.id.to_string()),
        name: s.name.clone(),
        description: s.description.clone(),
        status: Some(
            match s.status {
                ServiceStatus::Published => "active",
                ServiceStatus::Draft => "inactive",
                ServiceStatus::Retired => "defunct",
            }
            .into(),
        ),
        assured_date: s.verified_at.map(|v| v.date_naive().to_string()),
        languages: s
            .languages
            .iter()
            .map(|code| HsdsLanguage { code: code.clone() })
            .collect(),
        attributes: vec![HsdsAttribute {
            taxonomy_term: HsdsTaxonomyTerm {
                code: s.category.as_str().to_owned(),
                taxonomy: Some("sinergia".into()),
            },
        }],
        eligibility: (s.ages != AgeRange::any()).then(|| HsdsEligibility {
            minimum_age: s.ages.min_months.map(|m| f64::from(m) / 12.0),
            maximum_age: s.ages.max_months.map(|m| f64::from(m) / 12.0),
            sinergia_min_months: s.ages.min_months,
            sinergia_max_months: s.ages.max_months,
        }),
        sinergia_capacity: s.capacity,
        sinergia_places: Some(s.places.as_str().to_owned()),
        sinergia_accessibility: s
            .accessibility
            .iter()
            .map(|a| a.as_str().to_owned())
            .collect(),
        schedules: schedules(&s.schedule),
        cost_options: s
            .costs
            .iter()
            .map(|c| HsdsCostOption {
                option: c.unit.as_str().to_owned(),
                amount: f64::from(c.amount_cents) / 100.0,
                currency: Some("EUR".into()),
                amount_description: c.note.clone(),
            })
            .collect(),
        service_at_locations: s
            .locations
            .iter()
            .filter(|l| l.retired_at.is_none())
            .map(|l| HsdsServiceAtLocation {
                location: HsdsLocation {
                    id: Some(l.id.to_string()),
                    name: l.name.clone(),
                    latitude: l.point.lat,
                    longitude: l.point.lon,
                    addresses: vec![HsdsAddress {
                        address_1: l.address.clone(),
                        city: Some(l.municipality_name.clone()),
                        country: Some("IT".into()),
                        sinergia_municipality: l.municipality.clone(),
                    }],
                },
            })
            .collect(),
    }
}

/// The document: each provider with its services.
pub fn write(providers: &[Provider], services: &[Service]) -> HsdsDocument {
    let mut by_provider: BTreeMap<Uuid, Vec<HsdsService>> = BTreeMap::new();
    for s in services {
        by_provider
            .entry(s.provider.id)
            .or_default()
            .push(service(s));
    }
    HsdsDocument {
        hsds_version: "3.0".into(),
        organizations: providers
            .iter()
            .map(|p| HsdsOrganization {
                id: Some(p.id.to_string()),
                name: p.name.clone(),
                description: p.description.clone(),
                email: p.email.clone(),
                website: p.website.clone(),
                phones: p
                    .phone
                    .iter()
                    .map(|n| HsdsPhone { number: n.clone() })
                    .collect(),
                sinergia_kind: Some(p.kind.as_str().to_owned()),
                services: by_provider.remove(&p.id).unwrap_or_default(),
            })
            .collect(),
    }
}
