//! The rules of locations and services: what each must be (every broken rule reported at
//! once, nothing stored), versions, and a service's life (draft → published → retired, checked
//! by staff). A service's schedule is kept whole with it and its weekly windows one per row,
//! both written in the same transaction.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{DatabaseTransaction, Set, TransactionTrait};
use serde_json::json;
use shared::{
    FieldCode, GeoPoint, Location, LocationInput, Municipality, Page, ProviderBrief,
    SPOKEN_LANGUAGES, Schedule, ScheduleIssue, Service, ServiceInput, ServiceStatus,
};
use uuid::Uuid;

use super::repo::{self, Parts, Related, StaffFilter};
use crate::audit::{self, AuditEvent};
use crate::caller::Caller;
use crate::catalogue::access::{READERS, optional_text, require_curator, required_text};
use crate::catalogue::providers::repo as providers;
use crate::entities::{cost_option, location, service};
use crate::error::{ApiError, FieldIssue, Issues};
use crate::pagination;
use crate::session::AuthUser;
use crate::state::AppState;

pub fn location_dto(l: location::Model, towns: &HashMap<String, Municipality>) -> Location {
    Location {
        id: l.id,
        provider_id: l.provider_id,
        name: l.name,
        address: l.address,
        municipality_name: towns
            .get(&l.municipality_code)
            .map(|m| m.name.clone())
            .unwrap_or_default(),
        municipality: l.municipality_code,
        point: GeoPoint {
            lat: l.lat,
            lon: l.lon,
        },
        version: u32::try_from(l.version).unwrap_or(0),
        retired_at: l.retired_at,
    }
}

/// A service as its readers see it, from its row and the parts read with it.
pub fn service_dto(
    s: service::Model,
    related: &Related,
    towns: &HashMap<String, Municipality>,
) -> Service {
    let provider = related.providers.get(&s.provider_id);
    Service {
        id: s.id,
        agency_id: s.agency_id.into(),
        provider: ProviderBrief {
            id: s.provider_id,
            name: provider.map(|p| p.name.clone()).unwrap_or_default(),
            kind: provider.map_or(shared::ProviderKind::Public, |p| p.kind),
            email: provider.and_then(|p| p.email.clone()),
            phone: provider.and_then(|p| p.phone.clone()),
            website: provider.and_then(|p| p.website.clone()),
        },
        name: s.name,
        description: serde_json::from_value(s.description).unwrap_or_default(),
        category: s.category,
        ages: shared::AgeRange {
            min_months: s.min_age_months.and_then(|m| u16::try_from(m).ok()),
            max_months: s.max_age_months.and_then(|m| u16::try_from(m).ok()),
        },
        languages: serde_json::from_value(s.languages).unwrap_or_default(),
        accessibility: serde_json::from_value(s.accessibility).unwrap_or_default(),
        capacity: s.capacity.and_then(|c| u32::try_from(c).ok()),
        places: s.places,
        schedule: serde_json::from_value(s.schedule).unwrap_or_default(),
        costs: related
            .costs
            .get(&s.id)
            .map(|cs| {
                cs.iter()
                    .map(|c| shared::CostOption {
                        unit: c.unit,
                        amount_cents: u32::try_from(c.amount_cents).unwrap_or(0),
                        note: c.note.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        locations: related
            .locations
            .get(&s.id)
            .map(|ls| ls.iter().cloned().map(|l| location_dto(l, towns)).collect())
            .unwrap_or_default(),
        status: ServiceStatus::parse(&s.status).unwrap_or(ServiceStatus::Draft),
        verified_at: s.verified_at,
        version: u32::try_from(s.version).unwrap_or(0),
        created_at: s.created_at,
        updated_at: s.updated_at,
    }
}

/// Services as their readers see them, in the order given (their parts read at once).
pub async fn service_dtos<C: sea_orm::ConnectionTrait>(
    db: &C,
    state: &AppState,
    rows: Vec<service::Model>,
) -> Result<Vec<Service>, ApiError> {
    let related = repo::related(db, &rows).await?;
    Ok(rows
        .into_iter()
        .map(|s| service_dto(s, &related, &state.municipalities))
        .collect())
}

/// A location's fields, checked.
pub fn check_location(
    state: &AppState,
    auth: &AuthUser,
    input: LocationInput,
) -> Result<(String, String, String, GeoPoint), ApiError> {
    let mut issues = Issues::default();
    let name = required_text(&input.name, 200, "/name", &mut issues);
    let address = required_text(&input.address, 300, "/address", &mut issues);
    let code = input.municipality.trim().to_owned();
    if state
        .municipalities
        .get(&code)
        .is_none_or(|m| m.agency_id.0 != auth.agency_id)
    {
        issues.push(FieldIssue::new(
            "/municipality",
            FieldCode::MunicipalityUnknown,
        ));
    }
    if !input.point.lat.is_finite() || !(-90.0..=90.0).contains(&input.point.lat) {
        issues.push(FieldIssue::new(
            "/point/lat",
            FieldCode::CoordinatesOutOfRange,
        ));
    }
    if !input.point.lon.is_finite() || !(-180.0..=180.0).contains(&input.point.lon) {
        issues.push(FieldIssue::new(
            "/point/lon",
            FieldCode::CoordinatesOutOfRange,
        ));
    }
    issues.finish()?;
    Ok((name, address, code, input.point))
}

/// A provider of the agency that is not retired, or 404.
async fn live_provider<C: sea_orm::ConnectionTrait>(
    db: &C,
    auth: &AuthUser,
    id: Uuid,
) -> Result<crate::entities::provider::Model, ApiError> {
    providers::provider(db, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)
}

pub async fn list_locations(
    state: &AppState,
    auth: &AuthUser,
    provider: Uuid,
) -> Result<Vec<Location>, ApiError> {
    auth.require(READERS)?;
    live_provider(&state.db, auth, provider).await?;
    Ok(repo::locations_of(&state.db, provider)
        .await?
        .into_iter()
        .map(|l| location_dto(l, &state.municipalities))
        .collect())
}

pub async fn create_location(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    provider: Uuid,
    input: LocationInput,
) -> Result<Location, ApiError> {
    require_curator(auth)?;
    let owner = live_provider(&state.db, auth, provider).await?;
    let (name, address, code, point) = check_location(state, auth, input)?;
    if owner.retired_at.is_some() {
        return Err(ApiError::Conflict(shared::ErrorCode::ProviderRetired));
    }
    let txn = state.db.begin().await?;
    let row = repo::insert_location(
        &txn,
        location::ActiveModel {
            id: Set(Uuid::now_v7()),
            agency_id: Set(auth.agency_id),
            provider_id: Set(provider),
            name: Set(name),
            address: Set(address),
            municipality_code: Set(code),
            lat: Set(point.lat),
            lon: Set(point.lon),
            created_at: Set(Utc::now()),
            version: Set(1),
            retired_at: Set(None),
        },
    )
    .await?;
    record(
        &txn,
        caller,
        auth,
        AuditEvent::new("location_created"),
        "location",
        row.id,
    )
    .await?;
    txn.commit().await?;
    Ok(location_dto(row, &state.municipalities))
}

pub async fn update_location(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
    if_match: Option<&str>,
    input: LocationInput,
) -> Result<Location, ApiError> {
    require_curator(auth)?;
    let current = repo::location(&state.db, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let expected = crate::extract::if_match_version(if_match)?;
    let (name, address, code, point) = check_location(state, auth, input)?;
    if i64::from(expected) != i64::from(current.version) {
        return Err(ApiError::PreconditionFailed);
    }
    let txn = state.db.begin().await?;
    let row = location::ActiveModel {
        name: Set(name),
        address: Set(address),
        municipality_code: Set(code),
        lat: Set(point.lat),
        lon: Set(point.lon),
        ..Default::default()
    };
    if !repo::update_location(&txn, id, current.version, row).await? {
        return Err(ApiError::PreconditionFailed);
    }
    let event =
        AuditEvent::new("location_updated").details(json!({ "version": current.version + 1 }));
    record(&txn, caller, auth, event, "location", id).await?;
    let saved = repo::location(&txn, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    txn.commit().await?;
    Ok(location_dto(saved, &state.municipalities))
}

/// Retires a location no live service is given at (409 `location_in_use` otherwise).
pub async fn retire_location(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
) -> Result<Location, ApiError> {
    require_curator(auth)?;
    let txn = state.db.begin().await?;
    let current = repo::location(&txn, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if current.retired_at.is_some() {
        return Ok(location_dto(current, &state.municipalities));
    }
    if repo::live_services_at(&txn, id).await? > 0 {
        return Err(ApiError::Conflict(shared::ErrorCode::LocationInUse));
    }
    repo::retire_location(&txn, id, Utc::now()).await?;
    record(
        &txn,
        caller,
        auth,
        AuditEvent::new("location_retired"),
        "location",
        id,
    )
    .await?;
    let saved = repo::location(&txn, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    txn.commit().await?;
    Ok(location_dto(saved, &state.municipalities))
}

async fn record(
    txn: &DatabaseTransaction,
    caller: &Caller,
    auth: &AuthUser,
    event: AuditEvent,
    kind: &'static str,
    id: Uuid,
) -> Result<(), ApiError> {
    audit::record(
        txn,
        event
            .actor(auth.user_id)
            .target(kind, id)
            .agency(auth.agency_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    Ok(())
}

/// Where a schedule breaks its rules, as a field issue.
fn schedule_issue(issue: ScheduleIssue) -> FieldIssue {
    match issue {
        ScheduleIssue::Inverted(i) => {
            FieldIssue::new(format!("/schedule/weekly/{i}"), FieldCode::WindowInverted)
        }
        ScheduleIssue::Overlapping(i) => {
            FieldIssue::new(format!("/schedule/weekly/{i}"), FieldCode::WindowsOverlap)
        }
        ScheduleIssue::TooManyWindows => {
            FieldIssue::new("/schedule/weekly", FieldCode::TooManyItems)
        }
        ScheduleIssue::ExceptionInverted(i) => FieldIssue::new(
            format!("/schedule/exceptions/{i}"),
            FieldCode::EndBeforeStart,
        ),
        ScheduleIssue::ExceptionWindows(i) => FieldIssue::new(
            format!("/schedule/exceptions/{i}/windows"),
            FieldCode::WindowsOverlap,
        ),
        ScheduleIssue::TooManyExceptions => {
            FieldIssue::new("/schedule/exceptions", FieldCode::TooManyItems)
        }
    }
}

/// A service's fields, checked and tidied, ready to store.
pub struct Checked {
    pub row: service::ActiveModel,
    pub windows: Vec<(i16, i16, i16)>,
    pub costs: Vec<shared::CostOption>,
    pub locations: Vec<Uuid>,
    /// Where each of `locations` was in the input (duplicates left out).
    pub location_at: Vec<usize>,
}

/// Checks what does not need the database; the provider and locations are checked after.
pub fn check_service(input: ServiceInput, issues: &mut Issues) -> Checked {
    let name = required_text(&input.name, 200, "/name", issues);
    let description = optional_text(input.description, 2000, "/description", issues);
    if !input.ages.is_valid() {
        let code = match (input.ages.min_months, input.ages.max_months) {
            (Some(a), Some(b)) if a > b => FieldCode::AgesReversed,
            _ => FieldCode::NumberOutOfRange,
        };
        issues.push(FieldIssue::new("/ages", code));
    }
    let mut languages = Vec::new();
    if input.languages.len() > ServiceInput::MAX_LANGUAGES {
        issues.push(FieldIssue::new("/languages", FieldCode::TooManyItems));
    }
    for (i, l) in input.languages.iter().enumerate() {
        let l = l.trim().to_ascii_lowercase();
        if !SPOKEN_LANGUAGES.iter().any(|(c, _)| *c == l) {
            issues.push(FieldIssue::new(
                format!("/languages/{i}"),
                FieldCode::LanguageUnknown,
            ));
        } else if !languages.contains(&l) {
            languages.push(l);
        }
    }
    let mut accessibility = input.accessibility;
    accessibility.sort();
    accessibility.dedup();
    if input
        .capacity
        .is_some_and(|c| c == 0 || c > ServiceInput::MAX_CAPACITY)
    {
        issues.push(FieldIssue::new("/capacity", FieldCode::NumberOutOfRange));
    }
    let mut schedule: Schedule = input.schedule;
    if let Err(issue) = schedule.check() {
        issues.push(schedule_issue(issue));
    }
    schedule.weekly.sort();
    if input.costs.len() > ServiceInput::MAX_COSTS {
        issues.push(FieldIssue::new("/costs", FieldCode::TooManyItems));
    }
    let mut costs = input.costs;
    for (i, c) in costs.iter_mut().enumerate() {
        if c.amount_cents > shared::CostOption::MAX_CENTS {
            issues.push(FieldIssue::new(
                format!("/costs/{i}/amount_cents"),
                FieldCode::NumberOutOfRange,
            ));
        }
        c.note = optional_text(c.note.take(), 200, &format!("/costs/{i}/note"), issues);
    }
    let mut locations = Vec::new();
    let mut location_at = Vec::new();
    if input.location_ids.is_empty() {
        issues.push(FieldIssue::new("/location_ids", FieldCode::Required));
    } else if input.location_ids.len() > ServiceInput::MAX_LOCATIONS {
        issues.push(FieldIssue::new("/location_ids", FieldCode::TooManyItems));
    }
    for (i, id) in input.location_ids.iter().enumerate() {
        if locations.contains(id) {
            issues.push(FieldIssue::new(
                format!("/location_ids/{i}"),
                FieldCode::DuplicateValue,
            ));
        } else {
            locations.push(*id);
            location_at.push(i);
        }
    }
    let windows = schedule
        .weekly
        .iter()
        .map(|w| {
            let day = shared::Weekday::ALL
                .iter()
                .position(|d| *d == w.day)
                .unwrap_or(0);
            (
                i16::try_from(day).unwrap_or(0),
                i16::try_from(w.opens.minutes()).unwrap_or(0),
                i16::try_from(w.closes.minutes()).unwrap_or(0),
            )
        })
        .collect();
    let row = service::ActiveModel {
        provider_id: Set(input.provider_id),
        name: Set(name),
        description: Set(json!(description)),
        category: Set(input.category),
        min_age_months: Set(input.ages.min_months.map(i32::from)),
        max_age_months: Set(input.ages.max_months.map(i32::from)),
        languages: Set(json!(languages)),
        accessibility: Set(json!(accessibility)),
        capacity: Set(input.capacity.and_then(|c| i32::try_from(c).ok())),
        places: Set(input.places),
        schedule: Set(serde_json::to_value(&schedule).unwrap_or_default()),
        ..Default::default()
    };
    Checked {
        row,
        windows,
        costs,
        locations,
        location_at,
    }
}

/// The provider and locations a service names: a live provider of the agency, its live
/// locations.
async fn check_links<C: sea_orm::ConnectionTrait>(
    db: &C,
    auth: &AuthUser,
    provider: Uuid,
    c: &Checked,
    issues: &mut Issues,
) -> Result<(), ApiError> {
    let owner = providers::provider(db, auth.agency_id, provider).await?;
    if owner.as_ref().is_none_or(|p| p.retired_at.is_some()) {
        issues.push(FieldIssue::new("/provider_id", FieldCode::ProviderUnknown));
    }
    let found = repo::locations(db, &c.locations).await?;
    for (i, id) in c.location_at.iter().zip(&c.locations) {
        let ok = found.iter().any(|l| {
            l.id == *id
                && l.provider_id == provider
                && l.agency_id == auth.agency_id
                && l.retired_at.is_none()
        });
        if !ok {
            issues.push(FieldIssue::new(
                format!("/location_ids/{i}"),
                FieldCode::LocationUnknown,
            ));
        }
    }
    Ok(())
}

pub fn cost_rows(id: Uuid, costs: &[shared::CostOption]) -> Vec<cost_option::ActiveModel> {
    costs
        .iter()
        .map(|c| cost_option::ActiveModel {
            id: Set(Uuid::now_v7()),
            service_id: Set(id),
            unit: Set(c.unit),
            amount_cents: Set(i32::try_from(c.amount_cents).unwrap_or(i32::MAX)),
            note: Set(c.note.clone()),
        })
        .collect()
}

/// What staff may filter the agency's services by.
pub struct ListQuery<'a> {
    pub filter: StaffFilter<'a>,
    pub page_size: Option<u64>,
    pub page_token: Option<&'a str>,
}

pub async fn list_services(
    state: &AppState,
    auth: &AuthUser,
    q: ListQuery<'_>,
) -> Result<Page<Service>, ApiError> {
    auth.require(READERS)?;
    let mut filter = q.filter;
    filter.q = filter.q.map(str::trim).filter(|q| !q.is_empty());
    if filter.q.is_some_and(|q| q.chars().count() > 100) {
        return Err(ApiError::Validation(vec![FieldIssue::new(
            "/q",
            FieldCode::SearchTooLong,
        )]));
    }
    let size = pagination::page_size(q.page_size)?;
    let before = q.page_token.map(pagination::decode_cursor).transpose()?;
    let mut rows = repo::services(&state.db, auth.agency_id, &filter, before, size + 1).await?;
    let next_page_token = pagination::finish_page(&mut rows, size, |s| s.id);
    Ok(Page {
        items: service_dtos(&state.db, state, rows).await?,
        next_page_token,
    })
}

async fn read<C: sea_orm::ConnectionTrait>(
    db: &C,
    state: &AppState,
    auth: &AuthUser,
    id: Uuid,
) -> Result<Service, ApiError> {
    let row = repo::service(db, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    service_dtos(db, state, vec![row])
        .await?
        .pop()
        .ok_or(ApiError::NotFound)
}

pub async fn get_service(state: &AppState, auth: &AuthUser, id: Uuid) -> Result<Service, ApiError> {
    auth.require(READERS)?;
    read(&state.db, state, auth, id).await
}

/// Adds a service as a draft.
pub async fn create_service(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    input: ServiceInput,
) -> Result<Service, ApiError> {
    require_curator(auth)?;
    let provider = input.provider_id;
    let mut issues = Issues::default();
    let c = check_service(input, &mut issues);
    check_links(&state.db, auth, provider, &c, &mut issues).await?;
    issues.finish()?;
    let now = Utc::now();
    let id = Uuid::now_v7();
    let txn = state.db.begin().await?;
    repo::insert_service(
        &txn,
        service::ActiveModel {
            id: Set(id),
            agency_id: Set(auth.agency_id),
            status: Set(ServiceStatus::Draft.as_str().to_owned()),
            verified_at: Set(None),
            verified_by: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..c.row
        },
    )
    .await?;
    let parts = Parts {
        windows: &c.windows,
        costs: cost_rows(id, &c.costs),
        locations: &c.locations,
    };
    repo::replace_parts(&txn, id, parts).await?;
    record(
        &txn,
        caller,
        auth,
        AuditEvent::new("service_created"),
        "service",
        id,
    )
    .await?;
    let saved = read(&txn, state, auth, id).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Replaces a service's fields, windows, prices and locations if `If-Match` names its current
/// version; its status stays.
pub async fn update_service(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
    if_match: Option<&str>,
    input: ServiceInput,
) -> Result<Service, ApiError> {
    require_curator(auth)?;
    let current = repo::service(&state.db, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let expected = crate::extract::if_match_version(if_match)?;
    let provider = input.provider_id;
    let mut issues = Issues::default();
    let c = check_service(input, &mut issues);
    check_links(&state.db, auth, provider, &c, &mut issues).await?;
    issues.finish()?;
    if i64::from(expected) != i64::from(current.version) {
        return Err(ApiError::PreconditionFailed);
    }
    let txn = state.db.begin().await?;
    let row = service::ActiveModel {
        updated_at: Set(Utc::now()),
        ..c.row
    };
    if !repo::update_service(&txn, id, current.version, row).await? {
        return Err(ApiError::PreconditionFailed);
    }
    let parts = Parts {
        windows: &c.windows,
        costs: cost_rows(id, &c.costs),
        locations: &c.locations,
    };
    repo::replace_parts(&txn, id, parts).await?;
    let event =
        AuditEvent::new("service_updated").details(json!({ "version": current.version + 1 }));
    record(&txn, caller, auth, event, "service", id).await?;
    let saved = read(&txn, state, auth, id).await?;
    txn.commit().await?;
    Ok(saved)
}

/// What staff do to a service's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Anyone can find it (its provider must be live).
    Publish,
    /// It leaves the search; nothing is deleted.
    Retire,
    /// Staff checked its information today.
    Verify,
}

pub async fn step(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
    step: Step,
) -> Result<Service, ApiError> {
    require_curator(auth)?;
    let txn = state.db.begin().await?;
    let current = repo::service(&txn, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let status = ServiceStatus::parse(&current.status).unwrap_or(ServiceStatus::Draft);
    let now = Utc::now();
    let (to, verified, action) = match step {
        Step::Publish => {
            let owner = providers::provider(&txn, auth.agency_id, current.provider_id).await?;
            if owner.is_none_or(|p| p.retired_at.is_some()) {
                return Err(ApiError::Conflict(shared::ErrorCode::ProviderRetired));
            }
            if status == ServiceStatus::Published {
                return read(&txn, state, auth, id).await;
            }
            (ServiceStatus::Published, None, "service_published")
        }
        Step::Retire => {
            if status == ServiceStatus::Retired {
                return read(&txn, state, auth, id).await;
            }
            (ServiceStatus::Retired, None, "service_retired")
        }
        Step::Verify => (status, Some((now, auth.user_id)), "service_verified"),
    };
    repo::set_status(&txn, id, to, verified, now).await?;
    record(&txn, caller, auth, AuditEvent::new(action), "service", id).await?;
    let saved = read(&txn, state, auth, id).await?;
    txn.commit().await?;
    Ok(saved)
}
