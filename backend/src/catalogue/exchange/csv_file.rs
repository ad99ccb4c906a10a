//! The CSV format: `;`-separated (a `,`-separated file is read too), UTF-8 with a BOM, a
//! header naming the columns (`shared::CSV_COLUMNS`, in any order; unknown ones refused), one
//! row per service and location: rows with the same `service_id` are one service at several
//! locations.

use shared::{
    Accessibility, AgeRange, CSV_COLUMNS, CSV_REQUIRED, FieldCode, GeoPoint, LocationInput, Places,
    ProviderInput, ProviderKind, Schedule, Service, ServiceCategory, ServiceInput, ServiceStatus,
};
use uuid::Uuid;

use super::cells;
use super::item::{Item, MAX_ROWS, Part};
use crate::error::{ApiError, FieldIssue};

/// Where a rule's field is in a row: its column.
pub fn column(part: Part, pointer: &str) -> String {
    let first = pointer.split('/').nth(1).unwrap_or("");
    let col = match part {
        Part::Provider => match first {
            "kind" => "provider_kind",
            "email" => "provider_email",
            "phone" => "provider_phone",
            "website" => "provider_website",
            _ => "provider",
        },
        Part::Location(_) => match first {
            "address" => "address",
            "municipality" => "municipality",
            "point" if pointer.ends_with("lon") => "lon",
            "point" => "lat",
            _ => "location",
        },
        Part::Service => match first {
            "name" => "service",
            "ages" => "min_age_months",
            "schedule" if pointer.contains("exceptions") => "closures",
            "schedule" => "weekly",
            "location_ids" => "location",
            "provider_id" => "provider",
            other => other,
        },
        Part::Whole => first,
    };
    format!("/{col}")
}

fn unreadable() -> ApiError {
    ApiError::Validation(vec![FieldIssue::new("", FieldCode::FileUnreadable)])
}

/// The rows of a file, as items (rows of one service merged), or why the file cannot be read.
pub fn read(bytes: &[u8]) -> Result<Vec<Item>, ApiError> {
    let text = std::str::from_utf8(bytes).map_err(|_| unreadable())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains(';') || !first.contains(',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|_| unreadable())?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let mut issues = Vec::new();
    for (i, h) in header.iter().enumerate() {
        if !CSV_COLUMNS.contains(&h.as_str()) {
            issues.push(FieldIssue::new(
                format!("/header/{i}"),
                FieldCode::ColumnUnknown,
            ));
        }
    }
    for required in CSV_REQUIRED {
        if !header.iter().any(|h| h == required) {
            issues.push(FieldIssue::new(
                format!("/header/{required}"),
                FieldCode::ColumnMissing,
            ));
        }
    }
    if !issues.is_empty() {
        return Err(ApiError::Validation(issues));
    }
    let mut items: Vec<Item> = Vec::new();
    for (n, record) in reader.records().enumerate() {
        if n >= MAX_ROWS {
            return Err(ApiError::Validation(vec![FieldIssue::new(
                "",
                FieldCode::TooManyItems,
            )]));
        }
        // The header is row 1.
        let row = u32::try_from(n + 2).unwrap_or(u32::MAX);
        let Ok(record) = record else {
            return Err(unreadable());
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        let cell = |name: &str| -> &str {
            header
                .iter()
                .position(|h| h == name)
                .and_then(|i| record.get(i))
                .unwrap_or("")
        };
        let mut item = parse_row(row, record.len() == header.len(), &cell);
        // A row repeating a service of an earlier row adds a location to it.
        if let Some(id) = item.service_id
            && let Some(earlier) = items.iter_mut().find(|i| i.service_id == Some(id))
        {
            earlier.locations.append(&mut item.locations);
            earlier.issues.append(&mut item.issues);
            continue;
        }
        items.push(item);
    }
    Ok(items)
}

fn parse_row<'a>(row: u32, whole: bool, cell: &impl Fn(&str) -> &'a str) -> Item {
    let mut issues = Vec::new();
    let mut bad =
        |col: &str, code: FieldCode| issues.push(FieldIssue::new(format!("/{col}"), code));
    if !whole {
        bad("row", FieldCode::RowMalformed);
    }
    let text = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    let service_id = match cell("service_id") {
        "" => None,
        s => Uuid::parse_str(s).ok().or_else(|| {
            bad("service_id", FieldCode::InvalidValue);
            None
        }),
    };
    let kind = match cell("provider_kind") {
        "" => None,
        s => ProviderKind::parse(s).or_else(|| {
            bad("provider_kind", FieldCode::InvalidValue);
            None
        }),
    };
    let category = ServiceCategory::parse(cell("category")).unwrap_or_else(|| {
        bad(
            "category",
            if cell("category").is_empty() {
                FieldCode::Required
            } else {
                FieldCode::InvalidValue
            },
        );
        ServiceCategory::ALL[0]
    });
    let mut months = |col: &str| match cell(col) {
        "" => None,
        s => s.parse::<u16>().ok().or_else(|| {
            bad(col, FieldCode::InvalidValue);
            None
        }),
    };
    let ages = AgeRange {
        min_months: months("min_age_months"),
        max_months: months("max_age_months"),
    };
    let capacity = match cell("capacity") {
        "" => None,
        s => s.parse::<u32>().ok().or_else(|| {
            bad("capacity", FieldCode::InvalidValue);
            None
        }),
    };
    let places = match cell("places") {
        "" => Places::Open,
        s => Places::parse(s).unwrap_or_else(|| {
            bad("places", FieldCode::InvalidValue);
            Places::Open
        }),
    };
    let accessibility: Vec<Accessibility> = cells::items(cell("accessibility"))
        .filter_map(|a| {
            Accessibility::parse(a).or_else(|| {
                bad("accessibility", FieldCode::InvalidValue);
                None
            })
        })
        .collect();
    let weekly = cells::windows(cell("weekly")).unwrap_or_else(|| {
        bad("weekly", FieldCode::ScheduleInvalid);
        Vec::new()
    });
    if cell("weekly").is_empty() {
        bad("weekly", FieldCode::Required);
    }
    let exceptions = cells::closures(cell("closures")).unwrap_or_else(|| {
        bad("closures", FieldCode::ScheduleInvalid);
        Vec::new()
    });
    let costs = cells::costs(cell("costs")).unwrap_or_else(|| {
        bad("costs", FieldCode::InvalidValue);
        Vec::new()
    });
    let status = match cell("status") {
        "" => None,
        s => ServiceStatus::parse(s).or_else(|| {
            bad("status", FieldCode::InvalidValue);
            None
        }),
    };
    let mut coordinate = |col: &str| match cell(col) {
        "" => {
            bad(col, FieldCode::Required);
            0.0
        }
        s => cells::decimal(s).unwrap_or_else(|| {
            bad(col, FieldCode::InvalidValue);
            0.0
        }),
    };
    let point = GeoPoint {
        lat: coordinate("lat"),
        lon: coordinate("lon"),
    };
    Item {
        row,
        service_id,
        provider: ProviderInput {
            name: cell("provider").to_owned(),
            kind: kind.unwrap_or(ProviderKind::ALL[0]),
            description: None,
            email: text(cell("provider_email")),
            phone: text(cell("provider_phone")),
            website: text(cell("provider_website")),
        },
        kind_given: kind.is_some(),
        locations: vec![LocationInput {
            name: cell("location").to_owned(),
            address: cell("address").to_owned(),
            municipality: cell("municipality").to_owned(),
            point,
        }],
        service: ServiceInput {
            provider_id: Uuid::nil(),
            name: cell("service").to_owned(),
            description: text(cell("description")),
            category,
            ages,
            languages: cells::items(cell("languages")).map(str::to_owned).collect(),
            accessibility,
            capacity,
            places,
            schedule: Schedule { weekly, exceptions },
            costs,
            location_ids: Vec::new(),
        },
        status,
        issues,
    }
}

/// The file: the header, then one row per service and live location.
pub fn write(services: &[Service]) -> Result<Vec<u8>, ApiError> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(&mut out);
        let fail = |e: csv::Error| ApiError::Internal(e.into());
        w.write_record(CSV_COLUMNS).map_err(fail)?;
        for s in services {
            for l in s.locations.iter().filter(|l| l.retired_at.is_none()) {
                let num = |v: Option<u16>| v.map(|v| v.to_string()).unwrap_or_default();
                let record: [String; 24] = [
                    s.id.to_string(),
                    s.provider.name.clone(),
                    s.provider.kind.as_str().to_owned(),
                    s.provider.email.clone().unwrap_or_default(),
                    s.provider.phone.clone().unwrap_or_default(),
                    s.provider.website.clone().unwrap_or_default(),
                    s.name.clone(),
                    s.description.clone().unwrap_or_default(),
                    s.category.as_str().to_owned(),
                    num(s.ages.min_months),
                    num(s.ages.max_months),
                    s.languages.join(" | "),
                    s.accessibility
                        .iter()
                        .map(|a| a.as_str())
                        .collect::<Vec<_>>()
                        .join(" | "),
                    s.capacity.map(|c| c.to_string()).unwrap_or_default(),
                    s.places.as_str().to_owned(),
                    l.name.clone(),
                    l.address.clone(),
                    l.municipality.clone(),
                    format!("{:.6}", l.point.lat),
                    format!("{:.6}", l.point.lon),
                    cells::write_windows(&s.schedule.weekly),
                    cells::write_closures(&s.schedule.exceptions),
                    cells::write_costs(&s.costs),
                    s.status.as_str().to_owned(),
                ];
                w.write_record(&record).map_err(fail)?;
            }
        }
        w.flush().map_err(|e| ApiError::Internal(e.into()))?;
    }
    Ok(out)
}
