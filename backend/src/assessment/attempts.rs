//! Taking an instrument: start (or resume), save answers one by one, submit (scored, then
//! read-only), retake after the period in settings.

use std::collections::BTreeMap;

use chrono::{Duration, Utc};
use sea_orm::TransactionTrait;
use serde_json::json;
use shared::limits::LONG_TEXT;
use shared::{
    Answer, Attempt, AttemptProgress, AttemptStatus, CompetenceScore, EarlierAttempt, EarlierScore,
    ErrorCode, FieldCode, Instrument, Item, ItemKind, Role,
};
use uuid::Uuid;

use super::repo;
use crate::audit::{self, AuditEvent};
use crate::caller::Caller;
use crate::entities::attempt;
use crate::error::{ApiError, FieldIssue};
use crate::session::AuthUser;
use crate::state::AppState;

fn progress(items: &[Item], answered: &[Uuid]) -> AttemptProgress {
    let open: Vec<&Item> = items.iter().filter(|i| !answered.contains(&i.id)).collect();
    let seconds: u32 = open.iter().map(|i| i.estimated_seconds).sum();
    AttemptProgress {
        answered: u32::try_from(items.len() - open.len()).unwrap_or(0),
        total: u32::try_from(items.len()).unwrap_or(0),
        remaining_minutes: seconds.div_ceil(60),
        next_position: open.iter().map(|i| i.position).min(),
    }
}

pub fn scores_of(row: &attempt::Model) -> Result<Vec<CompetenceScore>, ApiError> {
    row.scores
        .as_ref()
        .map(|s| {
            serde_json::from_value(s.clone())
                .map_err(|e| ApiError::Internal(anyhow::Error::new(e).context("stored scores")))
        })
        .transpose()
        .map(Option::unwrap_or_default)
}

fn retake_after(state: &AppState) -> Duration {
    Duration::days(i64::from(state.settings.assessment.retake_after_days))
}

/// Her attempt, with answers, progress and (once submitted) scores and the earlier attempt.
pub async fn dto(state: &AppState, row: attempt::Model) -> Result<Attempt, ApiError> {
    let instrument = load_instrument(state, row.instrument_id).await?;
    dto_of(state, row, &instrument).await
}

/// As [`dto`], with the attempt's instrument already loaded.
async fn dto_of(
    state: &AppState,
    row: attempt::Model,
    instrument: &Instrument,
) -> Result<Attempt, ApiError> {
    let answers = repo::answers_of(&state.db, row.id).await?;
    let answered: Vec<Uuid> = answers.iter().map(|a| a.item_id).collect();
    let p = progress(&instrument.items, &answered);
    let scores = scores_of(&row)?;
    let earlier = match row.submitted_at {
        Some(at) => {
            let versions = repo::key_versions(&state.db, &instrument.summary.key).await?;
            repo::submitted_before(&state.db, row.user_id, versions, at).await?
        }
        .map(|e| -> Result<EarlierAttempt, ApiError> {
            Ok(EarlierAttempt {
                attempt_id: e.id,
                submitted_at: e.submitted_at.unwrap_or(e.updated_at),
                scores: scores_of(&e)?
                    .into_iter()
                    .map(|s| EarlierScore {
                        code: s.code,
                        score: s.score,
                    })
                    .collect(),
            })
        })
        .transpose()?,
        None => None,
    };
    Ok(Attempt {
        id: row.id,
        instrument_id: row.instrument_id,
        instrument_key: instrument.summary.key.clone(),
        status: row.status,
        started_at: row.started_at,
        submitted_at: row.submitted_at,
        answered: p.answered,
        total: p.total,
        remaining_minutes: p.remaining_minutes,
        next_position: p.next_position,
        answers,
        scores,
        earlier,
        retake_from: row.submitted_at.map(|at| at + retake_after(state)),
        validation: row
            .validation
            .as_ref()
            .map(|v| {
                serde_json::from_value(v.clone()).map_err(|e| {
                    ApiError::Internal(anyhow::Error::new(e).context("stored validation"))
                })
            })
            .transpose()?,
    })
}

pub async fn load_instrument(state: &AppState, id: Uuid) -> Result<Instrument, ApiError> {
    repo::instrument_any_status(&state.db, id).await
}

/// Her attempt; another person's answers 404.
async fn own(state: &AppState, auth: &AuthUser, id: Uuid) -> Result<attempt::Model, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    repo::attempt_of(&state.db, auth.user_id, id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Starts an attempt of a published instrument, or resumes the one in progress. `true` when a
/// new attempt was made.
pub async fn start(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    instrument_id: Uuid,
) -> Result<(Attempt, bool), ApiError> {
    auth.require(&[Role::Jobseeker])?;
    let instrument = repo::published_instrument(&state.db, instrument_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let versions = repo::key_versions(&state.db, &instrument.key).await?;
    let mine = repo::attempts_of(&state.db, auth.user_id, Some(versions)).await?;
    if let Some(open) = mine.iter().find(|a| a.status == AttemptStatus::InProgress) {
        return Ok((dto(state, open.clone()).await?, false));
    }
    let now = Utc::now();
    if let Some(last) = mine.iter().filter_map(|a| a.submitted_at).max()
        && now < last + retake_after(state)
    {
        return Err(ApiError::Conflict(ErrorCode::RetakeTooSoon));
    }
    let txn = state.db.begin().await?;
    let row = repo::insert_attempt(&txn, auth.user_id, auth.agency_id, instrument_id, now).await?;
    audit::record(
        &txn,
        AuditEvent::new("assessment_started")
            .actor(auth.user_id)
            .target("attempt", row.id)
            .agency(auth.agency_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    txn.commit().await?;
    Ok((dto(state, row).await?, true))
}

pub async fn get(state: &AppState, auth: &AuthUser, id: Uuid) -> Result<Attempt, ApiError> {
    let row = own(state, auth, id).await?;
    dto(state, row).await
}

/// Her attempts, newest first.
pub async fn list(state: &AppState, auth: &AuthUser) -> Result<Vec<Attempt>, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    let rows = repo::attempts_of(&state.db, auth.user_id, None).await?;
    // Each instrument version is loaded once, however many attempts point to it.
    let mut instruments: std::collections::HashMap<Uuid, Instrument> = Default::default();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let instrument = match instruments.entry(row.instrument_id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(load_instrument(state, row.instrument_id).await?)
            }
        };
        out.push(dto_of(state, row, instrument).await?);
    }
    Ok(out)
}

fn story_part(text: &str, pointer: &str, issues: &mut Vec<FieldIssue>) {
    let t = text.trim();
    if t.is_empty() {
        issues.push(FieldIssue::new(pointer, FieldCode::Required));
    } else if let Some(code) = crate::texts::plain(t, LONG_TEXT, true) {
        issues.push(FieldIssue::new(pointer, code));
    }
}

/// Checks an answer against its item; returns it trimmed.
fn check(item: &Item, answer: Answer) -> Result<Answer, ApiError> {
    let mut issues = Vec::new();
    let answer = match (item.kind, answer) {
        (ItemKind::SelfRating, Answer::SelfRating(r)) => {
            for (v, p) in [(r.home, "/home"), (r.work, "/work")] {
                if v.is_some_and(|v| !(1..=5).contains(&v)) {
                    issues.push(FieldIssue::new(p, FieldCode::RatingOutOfRange));
                }
            }
            if r.home.is_none() && r.work.is_none() {
                issues.push(FieldIssue::new("/home", FieldCode::RatingRequired));
            }
            Answer::SelfRating(r)
        }
        (ItemKind::SituationalChoice, Answer::SituationalChoice { option }) => {
            if !item.options.iter().any(|o| o.key == option) {
                issues.push(FieldIssue::new("/option", FieldCode::OptionUnknown));
            }
            Answer::SituationalChoice { option }
        }
        (ItemKind::EvidenceStory, Answer::EvidenceStory(mut s)) => {
            story_part(&s.situation, "/situation", &mut issues);
            story_part(&s.action, "/action", &mut issues);
            story_part(&s.result, "/result", &mut issues);
            s.situation = s.situation.trim().to_owned();
            s.action = s.action.trim().to_owned();
            s.result = s.result.trim().to_owned();
            Answer::EvidenceStory(s)
        }
        (_, other) => {
            issues.push(FieldIssue::new("/kind", FieldCode::AnswerKindMismatch));
            other
        }
    };
    if issues.is_empty() {
        Ok(answer)
    } else {
        Err(ApiError::Validation(issues))
    }
}

/// Saves (or replaces) her answer to one item of an attempt in progress.
pub async fn save_answer(
    state: &AppState,
    auth: &AuthUser,
    id: Uuid,
    item_id: Uuid,
    answer: Answer,
) -> Result<AttemptProgress, ApiError> {
    let row = own(state, auth, id).await?;
    if row.status != AttemptStatus::InProgress {
        return Err(ApiError::Conflict(ErrorCode::AttemptSubmitted));
    }
    let items = repo::items_of(&state.db, row.instrument_id).await?;
    let item = items
        .iter()
        .find(|i| i.id == item_id)
        .ok_or(ApiError::NotFound)?;
    let answer = check(item, answer)?;
    let now = Utc::now();
    let value = serde_json::to_value(&answer)
        .map_err(|e| ApiError::Internal(anyhow::Error::new(e).context("answer to JSON")))?;
    // One statement, no transaction: the answer is written only while the attempt is in
    // progress (a submit in between wins), and SQLite's single writer is held as briefly as
    // possible.
    if !repo::put_answer(&state.db, id, item_id, value, now).await? {
        return Err(ApiError::Conflict(ErrorCode::AttemptSubmitted));
    }
    let answered = repo::answered_items(&state.db, id).await?;
    Ok(progress(&items, &answered))
}

/// Submits an attempt: scores it and makes it read-only.
pub async fn submit(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
) -> Result<Attempt, ApiError> {
    let row = own(state, auth, id).await?;
    if row.status != AttemptStatus::InProgress {
        return Err(ApiError::Conflict(ErrorCode::AttemptSubmitted));
    }
    let instrument = load_instrument(state, row.instrument_id).await?;
    let answers = repo::answers_of(&state.db, id).await?;
    if answers.is_empty() {
        return Err(ApiError::Conflict(ErrorCode::NothingAnswered));
    }
    let codes = repo::competence_codes(
        &state.db,
        i32::try_from(instrument.summary.framework_version).unwrap_or(0),
    )
    .await?;
    let by_item: BTreeMap<Uuid, Answer> =
        answers.into_iter().map(|a| (a.item_id, a.answer)).collect();
    let scores = shared::scoring::score(&codes, &instrument.items, &by_item, &BTreeMap::new());
    let now = Utc::now();
    let txn = state.db.begin().await?;
    if !repo::mark_submitted(&txn, id, json!(scores), now).await? {
        return Err(ApiError::Conflict(ErrorCode::AttemptSubmitted));
    }
    audit::record(
        &txn,
        AuditEvent::new("assessment_submitted")
            .actor(auth.user_id)
            .target("attempt", id)
            .agency(auth.agency_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    txn.commit().await?;
    let row = own(state, auth, id).await?;
    dto(state, row).await
}
