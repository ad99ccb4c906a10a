//! Counsellors validate attempts: a queue of the agency's submitted attempts (oldest first), a
//! review (audited read), and the validation — every story rated, every competence's level
//! confirmed or adjusted with a comment. The computed levels (with the story ratings) and the
//! validated ones are both kept.

use std::collections::BTreeMap;

use chrono::Utc;
use sea_orm::TransactionTrait;
use serde_json::json;
use shared::limits::LONG_TEXT;
use shared::{
    Answer, AttemptStatus, ErrorCode, FieldCode, ItemKind, Page, QueueEntry, Review, Role, UserId,
    ValidatedLevel, Validation, ValidationRequest,
};
use uuid::Uuid;

use super::{attempts, repo};
use crate::audit::{self, AuditEvent};
use crate::caller::Caller;
use crate::entities::{attempt, user};
use crate::error::{ApiError, FieldIssue};
use crate::pagination;
use crate::session::AuthUser;
use crate::state::AppState;

const VALIDATORS: &[Role] = &[Role::Counsellor, Role::Admin];

/// Submitted attempts of the agency waiting for validation, oldest first.
pub async fn queue(
    state: &AppState,
    caller: &Caller,
    staff: &AuthUser,
    page_size: Option<u64>,
    page_token: Option<&str>,
) -> Result<Page<QueueEntry>, ApiError> {
    staff.require(VALIDATORS)?;
    let size = pagination::page_size(page_size)?;
    let after = page_token.map(pagination::decode_cursor).transpose()?;
    let mut rows = repo::waiting_validation(&state.db, staff.agency_id, after, size + 1).await?;
    let next_page_token = pagination::finish_page(&mut rows, size, |r| r.id);
    audit::record(
        &state.db,
        AuditEvent::new("validation_queue_listed")
            .actor(staff.user_id)
            .agency(staff.agency_id)
            .details(json!({ "count": rows.len() }))
            .request(caller.request_id.as_deref()),
    )
    .await?;
    let items = rows
        .into_iter()
        .map(|r| {
            Ok(QueueEntry {
                attempt_id: r.id,
                jobseeker_id: UserId(r.user_id),
                jobseeker_name: r.name,
                instrument_title: serde_json::from_value(r.title).map_err(|e| {
                    ApiError::Internal(anyhow::Error::new(e).context("stored title"))
                })?,
                submitted_at: r.submitted_at.unwrap_or_else(Utc::now),
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(Page {
        items,
        next_page_token,
    })
}

/// A submitted attempt of the agency's jobseeker (404 otherwise: other agency, in progress,
/// erased).
async fn reviewable(
    state: &AppState,
    staff: &AuthUser,
    id: Uuid,
) -> Result<(attempt::Model, user::Model), ApiError> {
    staff.require(VALIDATORS)?;
    let row = repo::reviewable_attempt(&state.db, staff.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let owner = repo::live_user(&state.db, row.user_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((row, owner))
}

/// A counsellor reads an attempt to review it (audited).
pub async fn review(
    state: &AppState,
    caller: &Caller,
    staff: &AuthUser,
    id: Uuid,
) -> Result<Review, ApiError> {
    let (row, owner) = reviewable(state, staff, id).await?;
    let attempt = attempts::dto(state, row).await?;
    audit::record(
        &state.db,
        AuditEvent::new("assessment_reviewed")
            .actor(staff.user_id)
            .target("attempt", id)
            .agency(staff.agency_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    Ok(Review {
        jobseeker_id: UserId(owner.id),
        jobseeker_name: owner.name,
        validation: attempt.validation.clone(),
        attempt,
    })
}

/// Validates an attempt once: every answered story rated 0–4, every competence's level decided
/// (an adjustment needs a comment).
pub async fn validate(
    state: &AppState,
    caller: &Caller,
    staff: &AuthUser,
    id: Uuid,
    req: ValidationRequest,
) -> Result<Review, ApiError> {
    let (row, owner) = reviewable(state, staff, id).await?;
    if row.status == AttemptStatus::Validated {
        return Err(ApiError::Conflict(ErrorCode::AlreadyValidated));
    }
    let instrument = attempts::load_instrument(state, row.instrument_id).await?;
    let answers = super::repo::answers_of(&state.db, id).await?;
    let by_item: BTreeMap<Uuid, Answer> =
        answers.into_iter().map(|a| (a.item_id, a.answer)).collect();
    let mut issues = Vec::new();

    // Stories: exactly the answered ones, each once, 0 to 4.
    let answered_stories: Vec<Uuid> = instrument
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::EvidenceStory && by_item.contains_key(&i.id))
        .map(|i| i.id)
        .collect();
    let mut ratings = BTreeMap::new();
    for (i, r) in req.story_ratings.iter().enumerate() {
        if !answered_stories.contains(&r.item_id) || ratings.contains_key(&r.item_id) {
            issues.push(FieldIssue::new(
                format!("/story_ratings/{i}/item_id"),
                FieldCode::StoryUnknown,
            ));
        } else if r.rating > 4 {
            issues.push(FieldIssue::new(
                format!("/story_ratings/{i}/rating"),
                FieldCode::StoryRatingOutOfRange,
            ));
        } else {
            ratings.insert(r.item_id, r.rating);
        }
    }
    if answered_stories.iter().any(|s| !ratings.contains_key(s)) && issues.is_empty() {
        issues.push(FieldIssue::new("/story_ratings", FieldCode::StoriesUnrated));
    }

    // Levels: one per competence of the framework.
    let codes = super::repo::competence_codes(
        &state.db,
        i32::try_from(instrument.summary.framework_version).unwrap_or(0),
    )
    .await?;
    let scores = shared::scoring::score(&codes, &instrument.items, &by_item, &ratings);
    let mut levels = Vec::new();
    for (i, d) in req.levels.iter().enumerate() {
        let Some(computed) = scores.iter().find(|s| s.code == d.code) else {
            issues.push(FieldIssue::new(
                format!("/levels/{i}/code"),
                FieldCode::CompetenceUnknown,
            ));
            continue;
        };
        if levels.iter().any(|l: &ValidatedLevel| l.code == d.code) {
            issues.push(FieldIssue::new(
                format!("/levels/{i}/code"),
                FieldCode::DuplicateValue,
            ));
            continue;
        }
        let comment = d
            .comment
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned);
        if let Some(code) = comment
            .as_deref()
            .and_then(|c| crate::texts::plain(c, LONG_TEXT, false))
        {
            issues.push(FieldIssue::new(format!("/levels/{i}/comment"), code));
        }
        if computed.level != Some(d.level) && comment.is_none() {
            issues.push(FieldIssue::new(
                format!("/levels/{i}/comment"),
                FieldCode::AdjustmentNeedsComment,
            ));
        }
        levels.push(ValidatedLevel {
            code: d.code.clone(),
            computed: computed.level,
            validated: d.level,
            comment,
        });
    }
    if issues.is_empty() && levels.len() != codes.len() {
        issues.push(FieldIssue::new("/levels", FieldCode::LevelsIncomplete));
    }
    if !issues.is_empty() {
        return Err(ApiError::Validation(issues));
    }
    levels.sort_by_key(|l| codes.iter().position(|c| *c == l.code));
    let validation = Validation {
        validated_by: UserId(staff.user_id),
        validated_by_name: staff.user.name.clone(),
        validated_at: Utc::now(),
        story_ratings: ratings
            .iter()
            .map(|(item_id, rating)| shared::StoryRating {
                item_id: *item_id,
                rating: *rating,
            })
            .collect(),
        levels,
    };
    let txn = state.db.begin().await?;
    let validated_at = validation.validated_at;
    if !repo::mark_validated(&txn, id, json!(scores), json!(validation), validated_at).await? {
        return Err(ApiError::Conflict(ErrorCode::AlreadyValidated));
    }
    let adjusted = validation
        .levels
        .iter()
        .filter(|l| l.computed != Some(l.validated))
        .count();
    audit::record(
        &txn,
        AuditEvent::new("assessment_validated")
            .actor(staff.user_id)
            .target("attempt", id)
            .agency(staff.agency_id)
            .details(json!({ "levels_adjusted": adjusted }))
            .request(caller.request_id.as_deref()),
    )
    .await?;
    txn.commit().await?;
    let row = repo::attempt_by_id(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let attempt = attempts::dto(state, row).await?;
    Ok(Review {
        jobseeker_id: UserId(owner.id),
        jobseeker_name: owner.name,
        validation: attempt.validation.clone(),
        attempt,
    })
}
