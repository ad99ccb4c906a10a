//! Queries of the framework, instruments, attempts and share links, and the read models
//! built from them, over any connection or transaction.

use chrono::{DateTime, Utc};
use std::collections::HashMap;

use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder,
    QuerySelect, Set, SqlErr,
};
use serde::de::DeserializeOwned;
use serde_json::json;
use shared::{
    AttemptStatus, ChoiceOption, Competence, Framework, Instrument, InstrumentDraft,
    InstrumentStatus, InstrumentSummary, Item, ItemAnswer, LocalizedText,
};
use uuid::Uuid;

use crate::entities::{
    attempt, attempt_answer, audit_log, competence, framework_version, instrument, instrument_item,
    portfolio_share, user,
};
use crate::error::ApiError;

fn stored<T: DeserializeOwned>(v: &serde_json::Value, what: &str) -> Result<T, ApiError> {
    serde_json::from_value(v.clone())
        .map_err(|e| ApiError::Internal(anyhow::Error::new(e).context(format!("stored {what}"))))
}

/// The competence codes of a framework version, in order.
pub async fn competence_codes<C: ConnectionTrait>(
    db: &C,
    version: i32,
) -> Result<Vec<String>, ApiError> {
    Ok(competence::Entity::find()
        .filter(competence::Column::FrameworkVersion.eq(version))
        .order_by_asc(competence::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.code)
        .collect())
}

/// Ids of every version of an instrument key.
pub async fn key_versions<C: ConnectionTrait>(db: &C, key: &str) -> Result<Vec<Uuid>, ApiError> {
    Ok(instrument::Entity::find()
        .filter(instrument::Column::Key.eq(key))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.id)
        .collect())
}

/// The newest framework version, with its competences in order.
pub async fn current_framework<C: ConnectionTrait>(db: &C) -> Result<Framework, ApiError> {
    let version = framework_version::Entity::find()
        .order_by_desc(framework_version::Column::Version)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no framework version")))?;
    framework(db, version).await
}

/// A given framework version.
pub async fn framework_version<C: ConnectionTrait>(
    db: &C,
    version: i32,
) -> Result<Framework, ApiError> {
    let row = framework_version::Entity::find_by_id(version)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no framework version {version}")))?;
    framework(db, row).await
}

async fn framework<C: ConnectionTrait>(
    db: &C,
    version: framework_version::Model,
) -> Result<Framework, ApiError> {
    let rows = competence::Entity::find()
        .filter(competence::Column::FrameworkVersion.eq(version.version))
        .order_by_asc(competence::Column::Position)
        .all(db)
        .await?;
    let competences = rows
        .into_iter()
        .map(|c| {
            Ok(Competence {
                area: c.area,
                name: stored::<LocalizedText>(&c.name, "competence name")?,
                description: stored(&c.description, "competence description")?,
                at_home: stored(&c.at_home, "competence at home")?,
                at_work: stored(&c.at_work, "competence at work")?,
                code: c.code,
                esco_code: c.esco_code,
                esco_uri: c.esco_uri,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(Framework {
        version: u32::try_from(version.version).unwrap_or(0),
        published_at: version.published_at,
        competences,
    })
}

pub fn summary(
    i: &instrument::Model,
    items: &[instrument_item::Model],
) -> Result<InstrumentSummary, ApiError> {
    let seconds: i64 = items.iter().map(|it| i64::from(it.estimated_seconds)).sum();
    Ok(InstrumentSummary {
        id: i.id,
        key: i.key.clone(),
        version: u32::try_from(i.version).unwrap_or(0),
        status: i.status,
        framework_version: u32::try_from(i.framework_version).unwrap_or(0),
        title: stored(&i.title, "instrument title")?,
        description: stored(&i.description, "instrument description")?,
        item_count: u32::try_from(items.len()).unwrap_or(0),
        estimated_minutes: u32::try_from((seconds + 59) / 60).unwrap_or(0),
        published_at: i.published_at,
    })
}

fn item_dto(it: instrument_item::Model) -> Result<Item, ApiError> {
    Ok(Item {
        id: it.id,
        position: u32::try_from(it.position).unwrap_or(0),
        kind: it.kind,
        prompt: stored(&it.prompt, "item prompt")?,
        competences: stored(&it.competences, "item competences")?,
        reverse_keyed: it.reverse_keyed,
        options: stored::<Vec<ChoiceOption>>(&it.options, "item options")?,
        estimated_seconds: u32::try_from(it.estimated_seconds).unwrap_or(0),
    })
}

/// The items of an instrument version, in order.
pub async fn items_of<C: ConnectionTrait>(
    db: &C,
    instrument_id: Uuid,
) -> Result<Vec<Item>, ApiError> {
    instrument_item::Entity::find()
        .filter(instrument_item::Column::InstrumentId.eq(instrument_id))
        .order_by_asc(instrument_item::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(item_dto)
        .collect()
}

/// An instrument version with its items, whatever its status (404 when there is none).
pub async fn instrument_any_status<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Instrument, ApiError> {
    let row = instrument::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?;
    instrument_with_items(db, row).await
}

pub async fn instrument_with_items<C: ConnectionTrait>(
    db: &C,
    row: instrument::Model,
) -> Result<Instrument, ApiError> {
    let rows = instrument_item::Entity::find()
        .filter(instrument_item::Column::InstrumentId.eq(row.id))
        .order_by_asc(instrument_item::Column::Position)
        .all(db)
        .await?;
    Ok(Instrument {
        summary: summary(&row, &rows)?,
        items: rows
            .into_iter()
            .map(item_dto)
            .collect::<Result<Vec<_>, _>>()?,
    })
}

/// Every instrument version, by key, newest version first, each with its items.
pub async fn all_instruments<C: ConnectionTrait>(
    db: &C,
) -> Result<Vec<(instrument::Model, Vec<instrument_item::Model>)>, ApiError> {
    let rows = instrument::Entity::find()
        .order_by_asc(instrument::Column::Key)
        .order_by_desc(instrument::Column::Version)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|i| i.id).collect();
    let items = instrument_item::Entity::find()
        .filter(instrument_item::Column::InstrumentId.is_in(ids))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|i| {
            let own = items
                .iter()
                .filter(|it| it.instrument_id == i.id)
                .cloned()
                .collect();
            (i, own)
        })
        .collect())
}

pub async fn instrument_row<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<instrument::Model>, ApiError> {
    Ok(instrument::Entity::find_by_id(id).one(db).await?)
}

// ---- Attempts ----

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

/// Her latest attempt of any of these instrument versions submitted before `at`.
pub async fn submitted_before<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    versions: Vec<Uuid>,
    at: DateTime<Utc>,
) -> Result<Option<attempt::Model>, ApiError> {
    Ok(attempt::Entity::find()
        .filter(attempt::Column::UserId.eq(user))
        .filter(attempt::Column::InstrumentId.is_in(versions))
        .filter(attempt::Column::SubmittedAt.lt(at))
        .order_by_desc(attempt::Column::SubmittedAt)
        .one(db)
        .await?)
}

pub async fn attempt_of<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    id: Uuid,
) -> Result<Option<attempt::Model>, ApiError> {
    Ok(attempt::Entity::find_by_id(id)
        .filter(attempt::Column::UserId.eq(user))
        .one(db)
        .await?)
}

pub async fn attempt_by_id<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<attempt::Model>, ApiError> {
    Ok(attempt::Entity::find_by_id(id).one(db).await?)
}

pub async fn published_instrument<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<instrument::Model>, ApiError> {
    Ok(instrument::Entity::find_by_id(id)
        .filter(instrument::Column::Status.eq(InstrumentStatus::Published))
        .one(db)
        .await?)
}

/// Her attempts, newest first; with `versions`, only of those instrument versions.
pub async fn attempts_of<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    versions: Option<Vec<Uuid>>,
) -> Result<Vec<attempt::Model>, ApiError> {
    let mut q = attempt::Entity::find().filter(attempt::Column::UserId.eq(user));
    if let Some(v) = versions {
        q = q.filter(attempt::Column::InstrumentId.is_in(v));
    }
    Ok(q.order_by_desc(attempt::Column::StartedAt).all(db).await?)
}

pub async fn insert_attempt<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    agency: Uuid,
    instrument: Uuid,
    at: DateTime<Utc>,
) -> Result<attempt::Model, ApiError> {
    Ok(attempt::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user),
        agency_id: Set(agency),
        instrument_id: Set(instrument),
        status: Set(AttemptStatus::InProgress),
        started_at: Set(at),
        updated_at: Set(at),
        submitted_at: Set(None),
        scores: Set(None),
        validation: Set(None),
    }
    .insert(db)
    .await?)
}

/// Writes (or replaces) an answer in one statement, only while the attempt is in progress (a
/// submit in between wins); `false` when it is not.
pub async fn put_answer<C: ConnectionTrait>(
    db: &C,
    attempt_id: Uuid,
    item_id: Uuid,
    value: serde_json::Value,
    at: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let in_progress = Query::select()
        .expr(Expr::val(1))
        .from(attempt::Entity)
        .and_where(attempt::Column::Id.eq(attempt_id))
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
                    Expr::val(attempt_id),
                    Expr::val(item_id),
                    Expr::val(value),
                    Expr::val(at),
                ])
                .and_where(Expr::exists(in_progress))
                .to_owned(),
        )
        .map_err(|e| ApiError::Internal(anyhow::Error::new(e).context("answer insert")))?;
    Ok(db.execute(&insert).await?.rows_affected() == 1)
}

/// The items an attempt has answers for.
pub async fn answered_items<C: ConnectionTrait>(
    db: &C,
    attempt_id: Uuid,
) -> Result<Vec<Uuid>, ApiError> {
    Ok(attempt_answer::Entity::find()
        .select_only()
        .column(attempt_answer::Column::ItemId)
        .filter(attempt_answer::Column::AttemptId.eq(attempt_id))
        .into_tuple()
        .all(db)
        .await?)
}

/// Marks the attempt in progress as submitted with its scores; `false` when it was not in
/// progress any more.
pub async fn mark_submitted<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    scores: serde_json::Value,
    at: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let done = attempt::Entity::update_many()
        .col_expr(
            attempt::Column::Status,
            Expr::value(AttemptStatus::Submitted),
        )
        .col_expr(attempt::Column::SubmittedAt, Expr::value(at))
        .col_expr(attempt::Column::UpdatedAt, Expr::value(at))
        .col_expr(attempt::Column::Scores, Expr::value(scores))
        .filter(attempt::Column::Id.eq(id))
        .filter(attempt::Column::Status.eq(AttemptStatus::InProgress))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

// ---- Validation ----

/// A line of the validation queue, as read.
#[derive(Debug, sea_orm::FromQueryResult)]
pub struct QueueRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub submitted_at: Option<DateTime<Utc>>,
    pub name: String,
    pub title: serde_json::Value,
}

/// At most `limit` submitted attempts of the agency's (not erased) jobseekers, oldest first,
/// after `after`.
pub async fn waiting_validation<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<QueueRow>, ApiError> {
    let mut q = attempt::Entity::find()
        .select_only()
        .columns([
            attempt::Column::Id,
            attempt::Column::UserId,
            attempt::Column::SubmittedAt,
        ])
        .column(user::Column::Name)
        .column(instrument::Column::Title)
        .join(
            JoinType::InnerJoin,
            attempt::Entity::belongs_to(user::Entity)
                .from(attempt::Column::UserId)
                .to(user::Column::Id)
                .into(),
        )
        .join(
            JoinType::InnerJoin,
            attempt::Entity::belongs_to(instrument::Entity)
                .from(attempt::Column::InstrumentId)
                .to(instrument::Column::Id)
                .into(),
        )
        .filter(attempt::Column::AgencyId.eq(agency))
        .filter(attempt::Column::Status.eq(AttemptStatus::Submitted))
        .filter(user::Column::ErasedAt.is_null())
        // Attempt ids are time-ordered (v7) and submission follows the start: the id order is
        // a stable cursor for "oldest first".
        .order_by_asc(attempt::Column::Id)
        .limit(limit);
    if let Some(after) = after {
        q = q.filter(attempt::Column::Id.gt(after));
    }
    Ok(q.into_model::<QueueRow>().all(db).await?)
}

/// A submitted (or validated) attempt of the agency.
pub async fn reviewable_attempt<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    id: Uuid,
) -> Result<Option<attempt::Model>, ApiError> {
    Ok(attempt::Entity::find_by_id(id)
        .filter(attempt::Column::AgencyId.eq(agency))
        .filter(attempt::Column::Status.is_in([AttemptStatus::Submitted, AttemptStatus::Validated]))
        .one(db)
        .await?)
}

/// Someone who has not asked for erasure.
pub async fn live_user<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<user::Model>, ApiError> {
    Ok(user::Entity::find_by_id(id)
        .filter(user::Column::ErasedAt.is_null())
        .one(db)
        .await?)
}

/// Marks the submitted attempt validated with the final scores; `false` when it was not
/// submitted (any more).
pub async fn mark_validated<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    scores: serde_json::Value,
    validation: serde_json::Value,
    at: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let done = attempt::Entity::update_many()
        .col_expr(
            attempt::Column::Status,
            Expr::value(AttemptStatus::Validated),
        )
        .col_expr(attempt::Column::Scores, Expr::value(scores))
        .col_expr(attempt::Column::Validation, Expr::value(validation))
        .col_expr(attempt::Column::UpdatedAt, Expr::value(at))
        .filter(attempt::Column::Id.eq(id))
        .filter(attempt::Column::Status.eq(AttemptStatus::Submitted))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

// ---- Authoring ----

/// Replaces the items of an instrument version with the draft's, in order.
pub async fn write_items<C: ConnectionTrait>(
    db: &C,
    instrument_id: Uuid,
    draft: &InstrumentDraft,
) -> Result<(), ApiError> {
    instrument_item::Entity::delete_many()
        .filter(instrument_item::Column::InstrumentId.eq(instrument_id))
        .exec(db)
        .await?;
    let rows: Vec<instrument_item::ActiveModel> = draft
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| instrument_item::ActiveModel {
            id: Set(Uuid::now_v7()),
            instrument_id: Set(instrument_id),
            position: Set(i32::try_from(i + 1).unwrap_or(i32::MAX)),
            kind: Set(item.kind),
            prompt: Set(json!(item.prompt)),
            competences: Set(json!(item.competences)),
            reverse_keyed: Set(item.reverse_keyed),
            options: Set(json!(item.options)),
            estimated_seconds: Set(i32::try_from(item.estimated_seconds).unwrap_or(0)),
        })
        .collect();
    instrument_item::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

/// The newest version number of a key (0 when there is none).
pub async fn latest_version<C: ConnectionTrait>(db: &C, key: &str) -> Result<i32, ApiError> {
    Ok(instrument::Entity::find()
        .filter(instrument::Column::Key.eq(key))
        .order_by_desc(instrument::Column::Version)
        .one(db)
        .await?
        .map_or(0, |i| i.version))
}

/// A new draft version; `Ok(None)` when the version is taken (two admins at once).
pub async fn insert_draft<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    draft: &InstrumentDraft,
    version: i32,
    framework: i32,
) -> Result<Option<()>, ApiError> {
    let inserted = instrument::ActiveModel {
        id: Set(id),
        key: Set(draft.key.clone()),
        version: Set(version),
        status: Set(InstrumentStatus::Draft),
        framework_version: Set(framework),
        title: Set(json!(draft.title)),
        description: Set(json!(draft.description)),
        created_at: Set(Utc::now()),
        published_at: Set(None),
        retired_at: Set(None),
    }
    .insert(db)
    .await;
    match inserted {
        Ok(_) => Ok(Some(())),
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The draft's new texts; `false` when it is no draft (any more).
pub async fn retitle_draft<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    draft: &InstrumentDraft,
) -> Result<bool, ApiError> {
    let done = instrument::Entity::update_many()
        .col_expr(instrument::Column::Title, Expr::value(json!(draft.title)))
        .col_expr(
            instrument::Column::Description,
            Expr::value(json!(draft.description)),
        )
        .filter(instrument::Column::Id.eq(id))
        .filter(instrument::Column::Status.eq(InstrumentStatus::Draft))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Moves the version from status `from` to `to` at `at` (publishing or retiring); `false`
/// when it was not in `from`.
pub async fn move_status<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    from: InstrumentStatus,
    to: InstrumentStatus,
    at: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let when = match to {
        InstrumentStatus::Published => instrument::Column::PublishedAt,
        _ => instrument::Column::RetiredAt,
    };
    let done = instrument::Entity::update_many()
        .col_expr(instrument::Column::Status, Expr::value(to))
        .col_expr(when, Expr::value(at))
        .filter(instrument::Column::Id.eq(id))
        .filter(instrument::Column::Status.eq(from))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Retires the key's published versions but `keep`.
pub async fn retire_others<C: ConnectionTrait>(
    db: &C,
    key: &str,
    keep: Uuid,
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    instrument::Entity::update_many()
        .col_expr(
            instrument::Column::Status,
            Expr::value(InstrumentStatus::Retired),
        )
        .col_expr(instrument::Column::RetiredAt, Expr::value(at))
        .filter(instrument::Column::Key.eq(key))
        .filter(instrument::Column::Status.eq(InstrumentStatus::Published))
        .filter(instrument::Column::Id.ne(keep))
        .exec(db)
        .await?;
    Ok(())
}

// ---- The framework ----

/// A new framework version with these competences, in order; `false` when the version is
/// taken (two admins racing on the same base: the transaction fails with it).
pub async fn insert_framework<C: ConnectionTrait>(
    db: &C,
    version: i32,
    competences: &[Competence],
) -> Result<bool, ApiError> {
    let inserted = framework_version::ActiveModel {
        version: Set(version),
        published_at: Set(Utc::now()),
    }
    .insert(db)
    .await;
    if inserted.is_err() {
        return Ok(false);
    }
    let rows: Vec<competence::ActiveModel> = competences
        .iter()
        .enumerate()
        .map(|(i, c)| competence::ActiveModel {
            framework_version: Set(version),
            code: Set(c.code.clone()),
            area: Set(c.area),
            position: Set(i32::try_from(i + 1).unwrap_or(i32::MAX)),
            name: Set(json!(c.name)),
            description: Set(json!(c.description)),
            at_home: Set(json!(c.at_home)),
            at_work: Set(json!(c.at_work)),
            esco_code: Set(c.esco_code.clone()),
            esco_uri: Set(c.esco_uri.clone()),
        })
        .collect();
    competence::Entity::insert_many(rows).exec(db).await?;
    Ok(true)
}

/// Every framework version, newest first, with its competences.
pub async fn all_frameworks<C: ConnectionTrait>(db: &C) -> Result<Vec<Framework>, ApiError> {
    let rows = framework_version::Entity::find()
        .order_by_desc(framework_version::Column::Version)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(framework(db, r).await?);
    }
    Ok(out)
}

// ---- Portfolio share links ----

pub async fn user_by_id<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<user::Model>, ApiError> {
    Ok(user::Entity::find_by_id(id).one(db).await?)
}

pub async fn insert_share<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    attempt: Uuid,
    token_hash: String,
    expires_at: DateTime<Utc>,
) -> Result<portfolio_share::Model, ApiError> {
    Ok(portfolio_share::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user),
        attempt_id: Set(attempt),
        token_hash: Set(token_hash),
        created_at: Set(Utc::now()),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        views: Set(0),
    }
    .insert(db)
    .await?)
}

/// Her links, newest first (or, `oldest_first`, in the order made).
pub async fn shares_of<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    oldest_first: bool,
) -> Result<Vec<portfolio_share::Model>, ApiError> {
    let q = portfolio_share::Entity::find().filter(portfolio_share::Column::UserId.eq(user));
    let q = if oldest_first {
        q.order_by_asc(portfolio_share::Column::Id)
    } else {
        q.order_by_desc(portfolio_share::Column::Id)
    };
    Ok(q.all(db).await?)
}

/// When each of these links was opened, from the audit log.
pub async fn share_views<C: ConnectionTrait>(
    db: &C,
    shares: Vec<Uuid>,
) -> Result<HashMap<Uuid, Vec<DateTime<Utc>>>, ApiError> {
    let mut views: HashMap<Uuid, Vec<DateTime<Utc>>> = HashMap::new();
    if shares.is_empty() {
        return Ok(views);
    }
    for e in audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("portfolio_share_viewed"))
        .filter(audit_log::Column::TargetId.is_in(shares))
        .order_by_asc(audit_log::Column::OccurredAt)
        .all(db)
        .await?
    {
        if let Some(id) = e.target_id {
            views.entry(id).or_default().push(e.occurred_at);
        }
    }
    Ok(views)
}

pub async fn share_of<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    id: Uuid,
) -> Result<Option<portfolio_share::Model>, ApiError> {
    Ok(portfolio_share::Entity::find_by_id(id)
        .filter(portfolio_share::Column::UserId.eq(user))
        .one(db)
        .await?)
}

pub async fn revoke_share<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<portfolio_share::Model, ApiError> {
    Ok(portfolio_share::ActiveModel {
        id: Set(id),
        revoked_at: Set(Some(Utc::now())),
        ..Default::default()
    }
    .update(db)
    .await?)
}

/// The link with this token hash while it is open (neither revoked nor expired at `at`).
pub async fn open_share_by_hash<C: ConnectionTrait>(
    db: &C,
    hash: &str,
    at: DateTime<Utc>,
) -> Result<Option<portfolio_share::Model>, ApiError> {
    Ok(portfolio_share::Entity::find()
        .filter(portfolio_share::Column::TokenHash.eq(hash))
        .filter(portfolio_share::Column::RevokedAt.is_null())
        .filter(portfolio_share::Column::ExpiresAt.gt(at))
        .one(db)
        .await?)
}

pub async fn count_view<C: ConnectionTrait>(db: &C, share: Uuid) -> Result<(), ApiError> {
    portfolio_share::Entity::update_many()
        .col_expr(
            portfolio_share::Column::Views,
            Expr::col(portfolio_share::Column::Views).add(1),
        )
        .filter(portfolio_share::Column::Id.eq(share))
        .exec(db)
        .await?;
    Ok(())
}
