//! Taking an instrument: start (or resume), save answers one by one, submit (scored, then
//! read-only), retake after the period in settings.

use std::collections::BTreeMap;

use chrono::{Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use serde_json::json;
use shared::limits::LONG_TEXT;
use shared::{
    Answer, Attempt, AttemptProgress, AttemptStatus, CompetenceScore, EarlierAttempt, EarlierScore,
    ErrorCode, FieldCode, Instrument, InstrumentStatus, Item, ItemAnswer, ItemKind, Role,
};
use uuid::Uuid;

use super::service;
use crate::audit::{self, AuditEvent};
use crate::caller::Caller;
use crate::entities::{attempt, attempt_answer, instrument};
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

pub async fn answers_of<C: ConnectionTrait>(
    db: &C,
    attempt_id: Uuid,
) -> Result<Vec<ItemAnswer>, ApiError> {
    attempt_answer::Entity::find()
        .filter(attempt_answer::Column::AttemptId.eq(attempt_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| {
            Ok(ItemAnswer {
                item_id: a.item_id,
                answer: serde_json::from_value(a.answer).map_err(|e| {
                    ApiError::Internal(anyhow::Error::new(e).context("stored answer"))
                })?,
                answered_at: a.answered_at,
            })
        })
        .collect()
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
    let answers = answers_of(&state.db, row.id).await?;
    let answered: Vec<Uuid> = answers.iter().map(|a| a.item_id).collect();
    let p = progress(&instrument.items, &answered);
    let scores = scores_of(&row)?;
    let earlier = match row.submitted_at {
        Some(at) => attempt::Entity::find()
            .filter(attempt::Column::UserId.eq(row.user_id))
            .filter(
                attempt::Column::InstrumentId
                    .is_in(service::key_versions(&state.db, &instrument.summary.key).await?),
            )
            .filter(attempt::Column::SubmittedAt.lt(at))
            .order_by_desc(attempt::Column::SubmittedAt)
            .one(&state.db)
            .await?
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
    service::instrument_any_status(&state.db, id).await
}

/// Her attempt; another person's answers 404.
async fn own(state: &AppState, auth: &AuthUser, id: Uuid) -> Result<attempt::Model, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    attempt::Entity::find_by_id(id)
        .filter(attempt::Column::UserId.eq(auth.user_id))
        .one(&state.db)
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
    let instrument = instrument::Entity::find_by_id(instrument_id)
        .filter(instrument::Column::Status.eq(InstrumentStatus::Published))
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let versions = service::key_versions(&state.db, &instrument.key).await?;
    let mine = attempt::Entity::find()
        .filter(attempt::Column::UserId.eq(auth.user_id))
        .filter(attempt::Column::InstrumentId.is_in(versions))
        .order_by_desc(attempt::Column::StartedAt)
        .all(&state.db)
        .await?;
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
    let row = attempt::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(auth.user_id),
        agency_id: Set(auth.agency_id),
        instrument_id: Set(instrument_id),
        status: Set(AttemptStatus::InProgress),
        started_at: Set(now),
        updated_at: Set(now),
        submitted_at: Set(None),
        scores: Set(None),
        validation: Set(None),
    }
    .insert(&txn)
    .await?;
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
    let rows = attempt::Entity::find()
        .filter(attempt::Column::UserId.eq(auth.user_id))
        .order_by_desc(attempt::Column::StartedAt)
        .all(&state.db)
        .await?;
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
    let items = service::items_of(&state.db, row.instrument_id).await?;
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
    let in_progress = Query::select()
        .expr(Expr::val(1))
        .from(attempt::Entity)
        .and_where(attempt::Column::Id.eq(id))
        .and_where(attempt::Column::Status.eq(AttemptStatus::InProgress))
        .to_owned();
    let mut insert = Query::insert()
        .into_table(attempt_answer::Entity)
        .columns([
            attempt_answer::Column::AttemptId,
            attempt_answer::Column::ItemId,
            attempt_answer::Column::Answer,
            attempt_answer::Column::AnsweredAt,
        ])
        .on_conflict(
            OnConflict::columns([
                attempt_answer::Column::AttemptId,
                attempt_answer::Column::ItemId,
            ])
            .update_columns([
                attempt_answer::Column::Answer,
                attempt_answer::Column::AnsweredAt,
            ])
            .to_owned(),
        )
        .to_owned();
    insert
        .select_from(
            Query::select()
                .exprs([
                    Expr::val(id),
                    Expr::val(item_id),
                    Expr::val(value),
                    Expr::val(now),
                ])
                .and_where(Expr::exists(in_progress))
                .to_owned(),
        )
        .map_err(|e| ApiError::Internal(anyhow::Error::new(e).context("answer insert")))?;
    let written = state.db.execute(&insert).await?;
    if written.rows_affected() != 1 {
        return Err(ApiError::Conflict(ErrorCode::AttemptSubmitted));
    }
    let answered: Vec<Uuid> = attempt_answer::Entity::find()
        .select_only()
        .column(attempt_answer::Column::ItemId)
        .filter(attempt_answer::Column::AttemptId.eq(id))
        .into_tuple()
        .all(&state.db)
        .await?;
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
    let answers = answers_of(&state.db, id).await?;
    if answers.is_empty() {
        return Err(ApiError::Conflict(ErrorCode::NothingAnswered));
    }
    let codes = service::competence_codes(
        &state.db,
        i32::try_from(instrument.summary.framework_version).unwrap_or(0),
    )
    .await?;
    let by_item: BTreeMap<Uuid, Answer> =
        answers.into_iter().map(|a| (a.item_id, a.answer)).collect();
    let scores = shared::scoring::score(&codes, &instrument.items, &by_item, &BTreeMap::new());
    let now = Utc::now();
    let txn = state.db.begin().await?;
    let done = attempt::Entity::update_many()
        .col_expr(
            attempt::Column::Status,
            Expr::value(AttemptStatus::Submitted),
        )
        .col_expr(attempt::Column::SubmittedAt, Expr::value(now))
        .col_expr(attempt::Column::UpdatedAt, Expr::value(now))
        .col_expr(attempt::Column::Scores, Expr::value(json!(scores)))
        .filter(attempt::Column::Id.eq(id))
        .filter(attempt::Column::Status.eq(AttemptStatus::InProgress))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
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
