//! Her validated portfolio: as JSON, as JSON-LD naming each competence's ESCO concept, and
//! through share links for employers (expiring, revocable, stored hashed; every view logged).

use chrono::{Duration, Utc};
use serde_json::{Value, json};
use shared::{
    ErrorCode, FieldCode, Level, NewShare, Portfolio, PortfolioCompetence, Role, Share, Validation,
};
use uuid::Uuid;

use super::repo;
use crate::accounts;
use crate::audit::{self, AuditEvent};
use crate::caller::Caller;
use crate::entities::{attempt, portfolio_share};
use crate::error::{ApiError, FieldIssue};
use crate::session::AuthUser;
use crate::state::AppState;
use crate::tokens::{hash_opaque, new_opaque_token};

/// The portfolio of a validated attempt; `None` when it is not validated.
pub async fn build(state: &AppState, row: &attempt::Model) -> Result<Option<Portfolio>, ApiError> {
    let Some(validation) = row.validation.as_ref() else {
        return Ok(None);
    };
    let validation: Validation = serde_json::from_value(validation.clone())
        .map_err(|e| ApiError::Internal(anyhow::Error::new(e).context("stored validation")))?;
    let holder = repo::user_by_id(&state.db, row.user_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let agency = accounts::agency_by_id(&state.db, holder.agency_id)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("user without agency")))?;
    let inst = repo::instrument_row(&state.db, row.instrument_id)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("attempt without instrument")))?;
    let framework = repo::framework_version(&state.db, inst.framework_version).await?;
    let mut competences: Vec<PortfolioCompetence> = validation
        .levels
        .iter()
        .filter_map(|l| {
            let c = framework.competences.iter().find(|c| c.code == l.code)?;
            Some(PortfolioCompetence {
                code: c.code.clone(),
                name: c.name.clone(),
                at_work: c.at_work.clone(),
                level: l.validated,
                esco_code: c.esco_code.clone(),
                esco_uri: c.esco_uri.clone(),
            })
        })
        .collect();
    // Strongest first; the framework's order among equals.
    competences.sort_by_key(|c| std::cmp::Reverse(c.level));
    Ok(Some(Portfolio {
        attempt_id: row.id,
        holder_name: holder.name,
        agency_name: agency.name,
        instrument_title: serde_json::from_value(inst.title).map_err(|e| {
            ApiError::Internal(anyhow::Error::new(e).context("stored instrument title"))
        })?,
        validated_at: validation.validated_at,
        validated_by_name: validation.validated_by_name,
        competences,
    }))
}

/// Her own validated attempt's portfolio; 404 for anyone else's, 409 before validation.
pub async fn mine(
    state: &AppState,
    auth: &AuthUser,
    attempt_id: Uuid,
) -> Result<Portfolio, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    let row = repo::attempt_of(&state.db, auth.user_id, attempt_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    build(state, &row)
        .await?
        .ok_or(ApiError::Conflict(ErrorCode::NotValidated))
}

/// A level's name in `lang`, as the portfolio documents show it.
pub fn level_label(level: Level, lang: shared::Language) -> &'static str {
    use shared::Language::{En, It};
    match (level, lang) {
        (Level::Emerging, It) => "emergente",
        (Level::Developing, It) => "in sviluppo",
        (Level::Established, It) => "consolidato",
        (Level::Strong, It) => "forte",
        (Level::Emerging, En) => "emerging",
        (Level::Developing, En) => "developing",
        (Level::Established, En) => "established",
        (Level::Strong, En) => "strong",
    }
}

/// The portfolio as JSON-LD (schema.org), each competence a `DefinedTerm` whose `@id` is its
/// ESCO concept.
pub fn json_ld(p: &Portfolio, lang: shared::Language) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "Person",
        "name": p.holder_name,
        "hasCredential": {
            "@type": "EducationalOccupationalCredential",
            "name": p.instrument_title.get(lang),
            "credentialCategory": "competency assessment",
            "dateCreated": p.validated_at.to_rfc3339(),
            "recognizedBy": { "@type": "Organization", "name": p.agency_name },
            "inLanguage": lang.code(),
        },
        "knowsAbout": p.competences.iter().map(|c| json!({
            "@type": "DefinedTerm",
            "@id": c.esco_uri,
            "termCode": c.esco_code,
            "name": c.name.get(lang),
            "description": c.at_work.get(lang),
            "inDefinedTermSet": "http://data.europa.eu/esco/concept-scheme/skills",
            "additionalProperty": {
                "@type": "PropertyValue",
                "name": if lang == shared::Language::It { "livello" } else { "level" },
                "value": level_label(c.level, lang),
            },
        })).collect::<Vec<_>>(),
    })
}

fn share_dto(s: portfolio_share::Model, url: Option<String>) -> Share {
    Share {
        id: s.id,
        attempt_id: s.attempt_id,
        created_at: s.created_at,
        expires_at: s.expires_at,
        revoked_at: s.revoked_at,
        views: u32::try_from(s.views).unwrap_or(0),
        url,
    }
}

/// A new link to a validated portfolio of hers; the link is in this answer only.
pub async fn create_share(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    req: NewShare,
) -> Result<Share, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    if !(1..=90).contains(&req.expires_in_days) {
        return Err(ApiError::Validation(vec![FieldIssue::new(
            "/expires_in_days",
            FieldCode::NumberOutOfRange,
        )]));
    }
    mine(state, auth, req.attempt_id).await?;
    let (token, hash) = new_opaque_token()?;
    let now = Utc::now();
    let expires_at = now + Duration::days(i64::from(req.expires_in_days));
    let row = repo::insert_share(&state.db, auth.user_id, req.attempt_id, hash, expires_at).await?;
    audit::record(
        &state.db,
        AuditEvent::new("portfolio_shared")
            .actor(auth.user_id)
            .target("portfolio_share", row.id)
            .agency(auth.agency_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    let url = format!(
        "{}/portfolio/shared#token={token}",
        state.settings.server.public_url.trim_end_matches('/')
    );
    Ok(share_dto(row, Some(url)))
}

pub async fn list_shares(state: &AppState, auth: &AuthUser) -> Result<Vec<Share>, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    Ok(repo::shares_of(&state.db, auth.user_id, false)
        .await?
        .into_iter()
        .map(|s| share_dto(s, None))
        .collect())
}

/// Her links, each with when it was opened (from the audit log), for her data export.
pub async fn share_records(
    state: &AppState,
    shared::UserId(user): shared::UserId,
) -> Result<Vec<shared::ShareRecord>, ApiError> {
    let rows = repo::shares_of(&state.db, user, true).await?;
    let mut views = repo::share_views(&state.db, rows.iter().map(|r| r.id).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|s| shared::ShareRecord {
            viewed_at: views.remove(&s.id).unwrap_or_default(),
            share: share_dto(s, None),
        })
        .collect())
}

/// Revokes one of her links at once (idempotent).
pub async fn revoke_share(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
) -> Result<Share, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    let row = repo::share_of(&state.db, auth.user_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if row.revoked_at.is_some() {
        return Ok(share_dto(row, None));
    }
    let updated = repo::revoke_share(&state.db, row.id).await?;
    audit::record(
        &state.db,
        AuditEvent::new("portfolio_share_revoked")
            .actor(auth.user_id)
            .target("portfolio_share", id)
            .agency(auth.agency_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    Ok(share_dto(updated, None))
}

/// An employer opens a link: no account; 404 when unknown, expired, revoked or the holder is
/// erased. Every view is counted and logged (ids only).
pub async fn open_share(
    state: &AppState,
    caller: &Caller,
    token: &str,
) -> Result<Portfolio, ApiError> {
    state.throttle.check_shared_portfolio(&caller.address)?;
    let now = Utc::now();
    let share = repo::open_share_by_hash(&state.db, &hash_opaque(token), now)
        .await?
        .ok_or(ApiError::NotFound)?;
    let holder_live = repo::live_user(&state.db, share.user_id).await?.is_some();
    let row = repo::attempt_by_id(&state.db, share.attempt_id)
        .await?
        .filter(|_| holder_live)
        .ok_or(ApiError::NotFound)?;
    let portfolio = build(state, &row).await?.ok_or(ApiError::NotFound)?;
    repo::count_view(&state.db, share.id).await?;
    audit::record(
        &state.db,
        AuditEvent::new("portfolio_share_viewed")
            .target("portfolio_share", share.id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    Ok(portfolio)
}
