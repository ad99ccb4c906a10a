//! The employers' rules: what an employer must be, who writes it, versions.

use chrono::Utc;
use sea_orm::{Set, TransactionTrait};
use serde_json::json;
use shared::{Employer, EmployerInput, FieldCode, Page, Role};
use uuid::Uuid;

use super::repo;
use crate::audit::{self, AuditEvent};
use crate::caller::Caller;
use crate::entities::employer;
use crate::error::{ApiError, FieldIssue, Issues};
use crate::pagination;
use crate::session::AuthUser;
use crate::state::AppState;

/// Staff of the agency read its employers.
const READERS: &[Role] = &[Role::Admin, Role::Counsellor, Role::CommunityManager];

/// The fields, checked and tidied; the municipality must be of the agency's territory.
fn check(
    state: &AppState,
    agency: Uuid,
    input: EmployerInput,
    at: chrono::DateTime<Utc>,
) -> Result<employer::ActiveModel, ApiError> {
    check_within(state, agency, input, at, "", Issues::default())
}

/// `check` of an employer written inside another body (its fields' pointers start with
/// `prefix`), reported with the caller's own `issues`.
pub fn check_within(
    state: &AppState,
    agency: Uuid,
    input: EmployerInput,
    at: chrono::DateTime<Utc>,
    prefix: &str,
    mut issues: Issues,
) -> Result<employer::ActiveModel, ApiError> {
    let name = input.name.trim().to_owned();
    if let Some(code) = crate::texts::plain(&name, 200, true) {
        issues.push(FieldIssue::new(format!("{prefix}/name"), code));
    }
    let ateco = input.ateco.trim().to_owned();
    if !shared::is_ateco(&ateco) {
        issues.push(FieldIssue::new(
            format!("{prefix}/ateco"),
            FieldCode::InvalidValue,
        ));
    }
    if !state.in_territory(agency, &input.municipality) {
        issues.push(FieldIssue::new(
            format!("{prefix}/municipality"),
            FieldCode::MunicipalityUnknown,
        ));
    }
    for (i, b) in input.benefits.iter().enumerate() {
        if input.benefits[..i].contains(b) {
            issues.push(FieldIssue::new(
                format!("{prefix}/benefits/{i}"),
                FieldCode::DuplicateValue,
            ));
        }
    }
    let website = input
        .website
        .map(|w| w.trim().to_owned())
        .filter(|w| !w.is_empty());
    if let Some(w) = &website {
        if w.chars().count() > 500 {
            issues.push(FieldIssue::new(
                format!("{prefix}/website"),
                FieldCode::TextTooLong,
            ));
        } else if !crate::texts::web_address(w) {
            issues.push(FieldIssue::new(
                format!("{prefix}/website"),
                FieldCode::WebsiteInvalid,
            ));
        }
    }
    issues.finish()?;
    Ok(employer::ActiveModel {
        name: Set(name),
        ateco: Set(ateco),
        size: Set(input.size),
        municipality_code: Set(input.municipality),
        benefits: Set(json!(input.benefits)),
        website: Set(website),
        updated_at: Set(at),
        ..Default::default()
    })
}

pub fn dto(e: employer::Model) -> Employer {
    Employer {
        id: e.id,
        agency_id: e.agency_id.into(),
        name: e.name,
        ateco: e.ateco,
        size: e.size,
        municipality: e.municipality_code,
        benefits: serde_json::from_value(e.benefits).unwrap_or_default(),
        website: e.website,
        version: u32::try_from(e.version).unwrap_or(0),
    }
}

/// The agency's employers, newest first, by cursor.
pub async fn list(
    state: &AppState,
    auth: &AuthUser,
    q: Option<&str>,
    page_size: Option<u64>,
    page_token: Option<&str>,
) -> Result<Page<Employer>, ApiError> {
    if auth.role == Role::Employer {
        // Her own organisation, the only one she sees.
        let mine = match own_employer(auth) {
            Some(id) => repo::one(&state.db, auth.agency_id, id).await?,
            None => None,
        };
        return Ok(Page {
            items: mine.into_iter().map(dto).collect(),
            next_page_token: None,
        });
    }
    auth.require(READERS)?;
    let q = q.map(str::trim).filter(|q| !q.is_empty());
    if q.is_some_and(|q| q.chars().count() > 100) {
        return Err(ApiError::Validation(vec![FieldIssue::new(
            "/q",
            FieldCode::SearchTooLong,
        )]));
    }
    let size = pagination::page_size(page_size)?;
    let before = page_token.map(pagination::decode_cursor).transpose()?;
    let mut rows = repo::list(&state.db, auth.agency_id, q, before, size + 1).await?;
    let next_page_token = pagination::finish_page(&mut rows, size, |e| e.id);
    Ok(Page {
        items: rows.into_iter().map(dto).collect(),
        next_page_token,
    })
}

/// Her organisation, for an employer's HR; `None` for anyone else.
pub fn own_employer(auth: &AuthUser) -> Option<Uuid> {
    (auth.role == Role::Employer)
        .then_some(auth.user.employer_id)
        .flatten()
}

/// The agency's staff read every employer of it; an employer's HR only hers (another answers
/// 404).
fn may_read(auth: &AuthUser, id: Uuid) -> Result<(), ApiError> {
    if auth.role == Role::Employer {
        return match own_employer(auth) {
            Some(own) if own == id => Ok(()),
            _ => Err(ApiError::NotFound),
        };
    }
    auth.require(READERS)
}

pub async fn get(state: &AppState, auth: &AuthUser, id: Uuid) -> Result<Employer, ApiError> {
    may_read(auth, id)?;
    repo::one(&state.db, auth.agency_id, id)
        .await?
        .map(dto)
        .ok_or(ApiError::NotFound)
}

pub async fn create(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    input: EmployerInput,
) -> Result<Employer, ApiError> {
    auth.require(&[Role::Admin])?;
    let now = Utc::now();
    let fields = check(state, auth.agency_id, input, now)?;
    let txn = state.db.begin().await?;
    let row = repo::insert(
        &txn,
        employer::ActiveModel {
            id: Set(Uuid::now_v7()),
            agency_id: Set(auth.agency_id),
            version: Set(1),
            created_at: Set(now),
            ..fields
        },
    )
    .await?;
    audit::record(
        &txn,
        AuditEvent::new("employer_created")
            .actor(auth.user_id)
            .target("employer", row.id)
            .agency(auth.agency_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    txn.commit().await?;
    Ok(dto(row))
}

/// Replaces an employer's fields if `If-Match` names its current version.
pub async fn update(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
    if_match: Option<&str>,
    input: EmployerInput,
) -> Result<Employer, ApiError> {
    // The agency's admins, and her own organisation's HR.
    if auth.role == Role::Employer {
        may_read(auth, id)?;
    } else {
        auth.require(&[Role::Admin])?;
    }
    let current = repo::one(&state.db, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let expected = crate::extract::if_match_version(if_match)?;
    let fields = check(state, auth.agency_id, input, Utc::now())?;
    if i64::from(expected) != i64::from(current.version) {
        return Err(ApiError::PreconditionFailed);
    }
    let txn = state.db.begin().await?;
    if !repo::update(&txn, id, current.version, fields).await? {
        return Err(ApiError::PreconditionFailed);
    }
    // Her matches keep its name and what it offers parents in memory.
    crate::catalogue::revision::bump_of(&txn, crate::catalogue::revision::OPPORTUNITIES).await?;
    audit::record(
        &txn,
        AuditEvent::new("employer_updated")
            .actor(auth.user_id)
            .target("employer", id)
            .agency(auth.agency_id)
            .details(json!({ "version": current.version + 1 }))
            .request(caller.request_id.as_deref()),
    )
    .await?;
    let saved = repo::one(&txn, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    txn.commit().await?;
    Ok(dto(saved))
}
