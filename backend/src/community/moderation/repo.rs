//! Queries of reports, the moderation log and the word filter, over any connection or
//! transaction.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use shared::{FilterAction, ReportReason};
use uuid::Uuid;

use crate::entities::{moderation_log, report, user, word_filter};

/// A new report: by a member, or (`reporter: None`) by the word filter.
pub struct NewReportRow {
    pub room_id: Uuid,
    pub message_id: Uuid,
    pub reporter: Option<Uuid>,
    pub reason: ReportReason,
    pub note: Option<String>,
}

pub async fn insert_report<C: ConnectionTrait>(
    db: &C,
    row: NewReportRow,
) -> Result<report::Model, DbErr> {
    report::ActiveModel {
        id: Set(Uuid::now_v7()),
        room_id: Set(row.room_id),
        message_id: Set(row.message_id),
        reporter_id: Set(row.reporter),
        reason: Set(row.reason),
        note: Set(row.note),
        created_at: Set(Utc::now()),
        handled_by: Set(None),
        handled_at: Set(None),
        outcome: Set(None),
    }
    .insert(db)
    .await
}

/// Her reports, newest first, at most 200.
pub async fn reports_by<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
) -> Result<Vec<report::Model>, DbErr> {
    report::Entity::find()
        .filter(report::Column::ReporterId.eq(user))
        .order_by_desc(report::Column::CreatedAt)
        .limit(200)
        .all(db)
        .await
}

/// At most 100 reports of these rooms: open ones oldest first, or handled ones newest first.
/// Of the rooms in `reporter_only`, only reports a member filed.
pub async fn reports_in<C: ConnectionTrait>(
    db: &C,
    rooms: Vec<Uuid>,
    reporter_only: Vec<Uuid>,
    handled: bool,
) -> Result<Vec<report::Model>, DbErr> {
    let q = report::Entity::find().filter(report::Column::RoomId.is_in(rooms));
    let q = if handled {
        q.filter(report::Column::HandledAt.is_not_null())
            .order_by_desc(report::Column::HandledAt)
    } else {
        q.filter(report::Column::HandledAt.is_null())
            .order_by_asc(report::Column::CreatedAt)
    };
    q.filter(
        Condition::any()
            .add(report::Column::ReporterId.is_not_null())
            .add(report::Column::RoomId.is_not_in(reporter_only)),
    )
    .limit(100)
    .all(db)
    .await
}

pub async fn report_by_id<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<report::Model>, DbErr> {
    report::Entity::find_by_id(id).one(db).await
}

/// Closes the report with the answer for the reporter.
pub async fn close_report<C: ConnectionTrait>(
    db: &C,
    row: report::Model,
    by: Uuid,
    outcome: &str,
    at: DateTime<Utc>,
) -> Result<report::Model, DbErr> {
    let mut active: report::ActiveModel = row.into();
    active.handled_by = Set(Some(by));
    active.handled_at = Set(Some(at));
    active.outcome = Set(Some(outcome.to_owned()));
    active.update(db).await
}

/// The names of these people, by id.
pub async fn names_of<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, String>, DbErr> {
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

/// Someone of the agency who has not asked for erasure.
pub async fn live_user_of_agency<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    id: Uuid,
) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find_by_id(id)
        .filter(user::Column::AgencyId.eq(agency))
        .filter(user::Column::ErasedAt.is_null())
        .one(db)
        .await
}

/// A line of the moderation log.
pub struct LogRow<'a> {
    pub agency: Uuid,
    pub room: Option<Uuid>,
    pub actor: Uuid,
    pub action: &'static str,
    pub target_user: Option<Uuid>,
    pub target_message: Option<Uuid>,
    pub reason: &'a str,
    pub until: Option<DateTime<Utc>>,
}

pub async fn insert_log<C: ConnectionTrait>(db: &C, e: LogRow<'_>) -> Result<(), DbErr> {
    moderation_log::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(e.agency),
        room_id: Set(e.room),
        actor_id: Set(e.actor),
        action: Set(e.action.to_owned()),
        target_user: Set(e.target_user),
        target_message: Set(e.target_message),
        reason: Set(e.reason.to_owned()),
        until: Set(e.until),
        details: Set(json!({})),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The agency's log (or one room's), newest first.
pub async fn log_entries<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    room: Option<Uuid>,
    limit: u64,
) -> Result<Vec<moderation_log::Model>, DbErr> {
    let mut q = moderation_log::Entity::find()
        .filter(moderation_log::Column::AgencyId.eq(agency))
        .order_by_desc(moderation_log::Column::CreatedAt)
        .order_by_desc(moderation_log::Column::Id);
    if let Some(room) = room {
        q = q.filter(moderation_log::Column::RoomId.eq(room));
    }
    q.limit(limit).all(db).await
}

/// The agency's word filter, by term.
pub async fn filters_of<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
) -> Result<Vec<word_filter::Model>, DbErr> {
    word_filter::Entity::find()
        .filter(word_filter::Column::AgencyId.eq(agency))
        .order_by_asc(word_filter::Column::Term)
        .all(db)
        .await
}

pub async fn filter_of_agency<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    id: Uuid,
) -> Result<Option<word_filter::Model>, DbErr> {
    word_filter::Entity::find_by_id(id)
        .filter(word_filter::Column::AgencyId.eq(agency))
        .one(db)
        .await
}

/// The term with this action, in place of any earlier entry for it.
pub async fn put_filter<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    term: &str,
    action: FilterAction,
    by: Uuid,
) -> Result<word_filter::Model, DbErr> {
    word_filter::Entity::delete_many()
        .filter(word_filter::Column::AgencyId.eq(agency))
        .filter(word_filter::Column::Term.eq(term))
        .exec(db)
        .await?;
    word_filter::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency),
        term: Set(term.to_owned()),
        action: Set(action),
        created_by: Set(Some(by)),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await
}

pub async fn delete_filter<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<(), DbErr> {
    word_filter::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}
