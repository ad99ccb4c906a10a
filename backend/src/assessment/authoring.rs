//! Admins write instruments: a draft is a new version of a key, editable until published; a
//! published version never changes (results point to it) and publishing retires the key's
//! previous published version; a version can also be retired by hand.

use std::collections::BTreeSet;

use chrono::Utc;
use sea_orm::{ConnectionTrait, TransactionTrait};
use shared::{ErrorCode, FieldCode, Instrument, InstrumentDraft, InstrumentStatus, ItemKind};
use uuid::Uuid;

use super::repo;
use crate::audit::{self, AuditEvent};
use crate::caller::Caller;
use crate::error::{ApiError, FieldIssue};
use crate::session::AuthUser;
use crate::state::AppState;
use crate::texts::localized;

/// Every rule of a draft, against the framework's competence codes.
fn check(draft: &InstrumentDraft, codes: &[String]) -> Result<(), ApiError> {
    let mut issues = Vec::new();
    let key_ok = (3..=64).contains(&draft.key.len())
        && draft
            .key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !key_ok {
        issues.push(FieldIssue::new("/key", FieldCode::KeyInvalid));
    }
    localized(&draft.title, 120, "/title", &mut issues);
    localized(&draft.description, 2000, "/description", &mut issues);
    if draft.items.is_empty() || draft.items.len() > 200 {
        issues.push(FieldIssue::new("/items", FieldCode::ItemsCount));
    }
    for (i, item) in draft.items.iter().enumerate() {
        let p = format!("/items/{i}");
        localized(&item.prompt, 2000, &format!("{p}/prompt"), &mut issues);
        if item.competences.is_empty() {
            issues.push(FieldIssue::new(
                format!("{p}/competences"),
                FieldCode::Required,
            ));
        }
        let mut seen = BTreeSet::new();
        for (j, c) in item.competences.iter().enumerate() {
            if !codes.contains(c) {
                issues.push(FieldIssue::new(
                    format!("{p}/competences/{j}"),
                    FieldCode::CompetenceUnknown,
                ));
            } else if !seen.insert(c) {
                issues.push(FieldIssue::new(
                    format!("{p}/competences/{j}"),
                    FieldCode::DuplicateValue,
                ));
            }
        }
        if !(5..=900).contains(&item.estimated_seconds) {
            issues.push(FieldIssue::new(
                format!("{p}/estimated_seconds"),
                FieldCode::NumberOutOfRange,
            ));
        }
        match item.kind {
            ItemKind::SituationalChoice => {
                if !(2..=6).contains(&item.options.len()) {
                    issues.push(FieldIssue::new(
                        format!("{p}/options"),
                        FieldCode::OptionsCount,
                    ));
                }
                let mut keys = BTreeSet::new();
                for (k, o) in item.options.iter().enumerate() {
                    let op = format!("{p}/options/{k}");
                    if o.key.is_empty() || o.key.len() > 8 || !keys.insert(&o.key) {
                        issues.push(FieldIssue::new(
                            format!("{op}/key"),
                            FieldCode::OptionKeyInvalid,
                        ));
                    }
                    localized(&o.text, 500, &format!("{op}/text"), &mut issues);
                    for (s, score) in o.scores.iter().enumerate() {
                        if !item.competences.contains(&score.code) {
                            issues.push(FieldIssue::new(
                                format!("{op}/scores/{s}/code"),
                                FieldCode::CompetenceNotMeasured,
                            ));
                        }
                        if score.points > 2 {
                            issues.push(FieldIssue::new(
                                format!("{op}/scores/{s}/points"),
                                FieldCode::NumberOutOfRange,
                            ));
                        }
                    }
                }
                for (j, c) in item.competences.iter().enumerate() {
                    let scored = item
                        .options
                        .iter()
                        .any(|o| o.scores.iter().any(|s| &s.code == c && s.points > 0));
                    if !scored {
                        issues.push(FieldIssue::new(
                            format!("{p}/competences/{j}"),
                            FieldCode::CompetenceNeverScored,
                        ));
                    }
                }
            }
            ItemKind::SelfRating | ItemKind::EvidenceStory => {
                if !item.options.is_empty() {
                    issues.push(FieldIssue::new(
                        format!("{p}/options"),
                        FieldCode::OptionsNotAllowed,
                    ));
                }
                if item.kind == ItemKind::EvidenceStory && item.reverse_keyed {
                    issues.push(FieldIssue::new(
                        format!("{p}/reverse_keyed"),
                        FieldCode::InvalidValue,
                    ));
                }
            }
        }
    }
    if issues.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(issues))
    }
}

/// The newest framework version and its competence codes.
async fn current_framework<C: ConnectionTrait>(db: &C) -> Result<(i32, Vec<String>), ApiError> {
    let framework = repo::current_framework(db).await?;
    let codes = framework.competences.into_iter().map(|c| c.code).collect();
    Ok((i32::try_from(framework.version).unwrap_or(0), codes))
}

fn audit_event(action: &'static str, admin: &AuthUser, id: Uuid, caller: &Caller) -> AuditEvent {
    AuditEvent::new(action)
        .actor(admin.user_id)
        .target("instrument", id)
        .agency(admin.agency_id)
        .request(caller.request_id.as_deref())
}

/// A new draft: the next version of its key.
pub async fn create(
    state: &AppState,
    caller: &Caller,
    admin: &AuthUser,
    draft: InstrumentDraft,
) -> Result<Instrument, ApiError> {
    admin.require_programme_editor()?;
    let (framework, codes) = current_framework(&state.db).await?;
    check(&draft, &codes)?;
    let txn = state.db.begin().await?;
    let latest = repo::latest_version(&txn, &draft.key).await?;
    let id = Uuid::now_v7();
    // Two admins creating the same key's next version at once: one wins.
    repo::insert_draft(&txn, id, &draft, latest + 1, framework)
        .await?
        .ok_or(ApiError::Conflict(ErrorCode::VersionTaken))?;
    repo::write_items(&txn, id, &draft).await?;
    audit::record(&txn, audit_event("instrument_drafted", admin, id, caller)).await?;
    txn.commit().await?;
    repo::instrument_any_status(&state.db, id).await
}

/// Replaces a draft's texts and items; a published or retired version answers 409.
pub async fn update(
    state: &AppState,
    caller: &Caller,
    admin: &AuthUser,
    id: Uuid,
    draft: InstrumentDraft,
) -> Result<Instrument, ApiError> {
    admin.require_programme_editor()?;
    let row = repo::instrument_row(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if row.status != InstrumentStatus::Draft {
        return Err(ApiError::Conflict(ErrorCode::InstrumentNotDraft));
    }
    if draft.key != row.key {
        return Err(ApiError::Validation(vec![FieldIssue::new(
            "/key",
            FieldCode::KeyChanged,
        )]));
    }
    let (_, codes) = current_framework(&state.db).await?;
    check(&draft, &codes)?;
    let txn = state.db.begin().await?;
    if !repo::retitle_draft(&txn, id, &draft).await? {
        return Err(ApiError::Conflict(ErrorCode::InstrumentNotDraft));
    }
    repo::write_items(&txn, id, &draft).await?;
    audit::record(&txn, audit_event("instrument_edited", admin, id, caller)).await?;
    txn.commit().await?;
    repo::instrument_any_status(&state.db, id).await
}

/// Publishes a draft (it never changes again) and retires the key's published version.
pub async fn publish(
    state: &AppState,
    caller: &Caller,
    admin: &AuthUser,
    id: Uuid,
) -> Result<Instrument, ApiError> {
    admin.require_programme_editor()?;
    let row = repo::instrument_row(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let now = Utc::now();
    let txn = state.db.begin().await?;
    let (draft, published) = (InstrumentStatus::Draft, InstrumentStatus::Published);
    if !repo::move_status(&txn, id, draft, published, now).await? {
        return Err(ApiError::Conflict(ErrorCode::InstrumentNotDraft));
    }
    repo::retire_others(&txn, &row.key, id, now).await?;
    audit::record(&txn, audit_event("instrument_published", admin, id, caller)).await?;
    txn.commit().await?;
    repo::instrument_any_status(&state.db, id).await
}

/// Retires a published version: no new attempts; results keep pointing to it.
pub async fn retire(
    state: &AppState,
    caller: &Caller,
    admin: &AuthUser,
    id: Uuid,
) -> Result<Instrument, ApiError> {
    admin.require_programme_editor()?;
    repo::instrument_row(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let txn = state.db.begin().await?;
    let (published, retired) = (InstrumentStatus::Published, InstrumentStatus::Retired);
    if !repo::move_status(&txn, id, published, retired, Utc::now()).await? {
        return Err(ApiError::Conflict(ErrorCode::InstrumentNotPublished));
    }
    audit::record(&txn, audit_event("instrument_retired", admin, id, caller)).await?;
    txn.commit().await?;
    repo::instrument_any_status(&state.db, id).await
}
