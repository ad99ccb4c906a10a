//! The providers' rules: what a provider must be, versions, retiring.

use chrono::Utc;
use sea_orm::{Set, TransactionTrait};
use serde_json::json;
use shared::{FieldCode, Page, Provider, ProviderInput};
use uuid::Uuid;

use super::repo;
use crate::accounts::Email;
use crate::audit::{self, AuditEvent};
use crate::caller::Caller;
use crate::catalogue::access::{READERS, optional_text, require_curator};
use crate::entities::provider;
use crate::error::{ApiError, FieldIssue, Issues};
use crate::pagination;
use crate::session::AuthUser;
use crate::state::AppState;
use crate::texts::web_address;

/// A provider's fields, checked and tidied (trimmed; empty optional fields dropped).
pub struct Checked {
    name: String,
    description: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    website: Option<String>,
}

impl Checked {
    /// The fields staff write, set; the others left as they are.
    pub fn fields(
        self,
        kind: shared::ProviderKind,
        at: chrono::DateTime<Utc>,
    ) -> provider::ActiveModel {
        provider::ActiveModel {
            name: Set(self.name),
            kind: Set(kind),
            description: Set(self.description),
            email: Set(self.email),
            phone: Set(self.phone),
            website: Set(self.website),
            updated_at: Set(at),
            ..Default::default()
        }
    }
}

pub fn check_provider(input: ProviderInput) -> Result<Checked, ApiError> {
    let mut issues = Issues::default();
    let name = input.name.trim().to_owned();
    if let Some(code) = crate::texts::plain(&name, 200, true) {
        issues.push(FieldIssue::new("/name", code));
    }
    let description = optional_text(input.description, 2000, "/description", &mut issues);
    let email = input
        .email
        .map(|e| e.trim().to_owned())
        .filter(|e| !e.is_empty())
        .and_then(|e| issues.take(Email::parse(&e, "/email")))
        .map(|e| e.as_str().to_owned());
    let phone = optional_text(input.phone, 32, "/phone", &mut issues);
    if let Some(p) = &phone {
        let digits = p.chars().filter(char::is_ascii_digit).count();
        let allowed = p
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || c == ' ' || c == '-' || (c == '+' && i == 0));
        if !allowed || !(6..=15).contains(&digits) {
            issues.push(FieldIssue::new("/phone", FieldCode::PhoneInvalid));
        }
    }
    let website = optional_text(input.website, 500, "/website", &mut issues);
    if website.as_deref().is_some_and(|w| !web_address(w)) {
        issues.push(FieldIssue::new("/website", FieldCode::WebsiteInvalid));
    }
    issues.finish()?;
    Ok(Checked {
        name,
        description,
        email,
        phone,
        website,
    })
}

pub fn provider_dto(p: provider::Model) -> Provider {
    Provider {
        id: p.id,
        agency_id: p.agency_id.into(),
        name: p.name,
        kind: p.kind,
        description: p.description,
        email: p.email,
        phone: p.phone,
        website: p.website,
        version: u32::try_from(p.version).unwrap_or(0),
        created_at: p.created_at,
        updated_at: p.updated_at,
        retired_at: p.retired_at,
    }
}

/// The agency's providers, newest first, by cursor.
pub async fn list_providers(
    state: &AppState,
    auth: &AuthUser,
    q: Option<&str>,
    with_retired: bool,
    page_size: Option<u64>,
    page_token: Option<&str>,
) -> Result<Page<Provider>, ApiError> {
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
    let mut rows =
        repo::providers(&state.db, auth.agency_id, q, with_retired, before, size + 1).await?;
    let next_page_token = pagination::finish_page(&mut rows, size, |p| p.id);
    Ok(Page {
        items: rows.into_iter().map(provider_dto).collect(),
        next_page_token,
    })
}

/// One provider of the agency (another agency's answers 404).
pub async fn get_provider(
    state: &AppState,
    auth: &AuthUser,
    id: Uuid,
) -> Result<Provider, ApiError> {
    auth.require(READERS)?;
    repo::provider(&state.db, auth.agency_id, id)
        .await?
        .map(provider_dto)
        .ok_or(ApiError::NotFound)
}

pub async fn create_provider(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    input: ProviderInput,
) -> Result<Provider, ApiError> {
    require_curator(auth)?;
    let kind = input.kind;
    let c = check_provider(input)?;
    let now = Utc::now();
    let txn = state.db.begin().await?;
    let row = repo::insert_provider(
        &txn,
        provider::ActiveModel {
            id: Set(Uuid::now_v7()),
            agency_id: Set(auth.agency_id),
            version: Set(1),
            created_at: Set(now),
            retired_at: Set(None),
            ..c.fields(kind, now)
        },
    )
    .await?;
    audit::record(
        &txn,
        AuditEvent::new("provider_created")
            .actor(auth.user_id)
            .target("provider", row.id)
            .agency(auth.agency_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    txn.commit().await?;
    Ok(provider_dto(row))
}

/// Replaces a provider's fields if `If-Match` names its current version.
pub async fn update_provider(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
    if_match: Option<&str>,
    input: ProviderInput,
) -> Result<Provider, ApiError> {
    require_curator(auth)?;
    let current = repo::provider(&state.db, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let expected = crate::extract::if_match_version(if_match)?;
    let kind = input.kind;
    let c = check_provider(input)?;
    if i64::from(expected) != i64::from(current.version) {
        return Err(ApiError::PreconditionFailed);
    }
    let txn = state.db.begin().await?;
    let changed =
        repo::update_provider(&txn, id, current.version, c.fields(kind, Utc::now())).await?;
    if !changed {
        return Err(ApiError::PreconditionFailed);
    }
    let event =
        AuditEvent::new("provider_updated").details(json!({ "version": current.version + 1 }));
    recorded(txn, caller, auth, event, id).await
}

/// Records what staff did to a provider, commits, and answers with the provider as saved.
async fn recorded(
    txn: sea_orm::DatabaseTransaction,
    caller: &Caller,
    auth: &AuthUser,
    event: AuditEvent,
    id: Uuid,
) -> Result<Provider, ApiError> {
    audit::record(
        &txn,
        event
            .actor(auth.user_id)
            .target("provider", id)
            .agency(auth.agency_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    let saved = repo::provider(&txn, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    txn.commit().await?;
    Ok(provider_dto(saved))
}

/// Retires a provider: its services leave the search; nothing is deleted. Again: no change.
pub async fn retire_provider(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
) -> Result<Provider, ApiError> {
    require_curator(auth)?;
    let txn = state.db.begin().await?;
    let current = repo::provider(&txn, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if current.retired_at.is_some() {
        return Ok(provider_dto(current));
    }
    repo::retire_provider(&txn, id, Utc::now()).await?;
    recorded(txn, caller, auth, AuditEvent::new("provider_retired"), id).await
}
