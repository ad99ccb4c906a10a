//! Queries of rooms and their members, over any connection or transaction.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use serde_json::json;
use shared::{LocalizedText, MemberRole, RoomKind, RoomTopic};
use uuid::Uuid;

use crate::entities::{room, room_ban, room_member};
use crate::error::ApiError;

/// The rooms of an agency, oldest first.
pub async fn of_agency<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
) -> Result<Vec<room::Model>, DbErr> {
    room::Entity::find()
        .filter(room::Column::AgencyId.eq(agency))
        .order_by_asc(room::Column::CreatedAt)
        .all(db)
        .await
}

/// Her memberships, by room.
pub async fn memberships<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
) -> Result<HashMap<Uuid, room_member::Model>, DbErr> {
    Ok(room_member::Entity::find()
        .filter(room_member::Column::UserId.eq(user))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.room_id, m))
        .collect())
}

/// The rooms she is banned from.
pub async fn bans<C: ConnectionTrait>(db: &C, user: Uuid) -> Result<BTreeSet<Uuid>, DbErr> {
    Ok(room_ban::Entity::find()
        .filter(room_ban::Column::UserId.eq(user))
        .all(db)
        .await?
        .into_iter()
        .map(|b| b.room_id)
        .collect())
}

/// A new room, as stored.
pub struct NewRoomRow<'a> {
    pub id: Uuid,
    pub agency: Uuid,
    pub kind: RoomKind,
    pub topic: Option<RoomTopic>,
    pub name: &'a LocalizedText,
    pub description: &'a LocalizedText,
    pub rules: &'a LocalizedText,
    pub created_by: Uuid,
    pub at: DateTime<Utc>,
}

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    row: NewRoomRow<'_>,
) -> Result<room::Model, ApiError> {
    Ok(room::ActiveModel {
        id: Set(row.id),
        agency_id: Set(row.agency),
        kind: Set(row.kind),
        topic: Set(row.topic),
        name: Set(json!(row.name)),
        description: Set(json!(row.description)),
        rules: Set(json!(row.rules)),
        created_by: Set(Some(row.created_by)),
        created_at: Set(row.at),
        archived_at: Set(None),
        last_seq: Set(0),
        slow_mode_seconds: Set(None),
        direct_key: Set(None),
    }
    .insert(db)
    .await?)
}

/// Makes her a member of the room with `role`, nothing read yet.
pub async fn insert_member<C: ConnectionTrait>(
    db: &C,
    room: Uuid,
    user: Uuid,
    role: MemberRole,
    at: DateTime<Utc>,
) -> Result<room_member::Model, ApiError> {
    Ok(room_member::ActiveModel {
        room_id: Set(room),
        user_id: Set(user),
        role: Set(role),
        joined_at: Set(at),
        last_read_seq: Set(0),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// Ends her membership of the room.
pub async fn remove_member<C: ConnectionTrait>(
    db: &C,
    room: Uuid,
    user: Uuid,
) -> Result<(), DbErr> {
    room_member::Entity::delete_by_id((room, user))
        .exec(db)
        .await?;
    Ok(())
}

/// What changes in a room's row.
pub enum RoomChange<'a> {
    SlowMode(Option<i32>),
    Texts {
        name: &'a LocalizedText,
        description: &'a LocalizedText,
        rules: &'a LocalizedText,
    },
    Archived(DateTime<Utc>),
}

pub async fn update<C: ConnectionTrait>(
    db: &C,
    r: room::Model,
    change: RoomChange<'_>,
) -> Result<room::Model, DbErr> {
    let mut active: room::ActiveModel = r.into();
    match change {
        RoomChange::SlowMode(seconds) => active.slow_mode_seconds = Set(seconds),
        RoomChange::Texts {
            name,
            description,
            rules,
        } => {
            active.name = Set(json!(name));
            active.description = Set(json!(description));
            active.rules = Set(json!(rules));
        }
        RoomChange::Archived(at) => active.archived_at = Set(Some(at)),
    }
    active.update(db).await
}

/// What changes in a membership.
pub enum MemberChange {
    Muted {
        until: DateTime<Utc>,
        reason: String,
    },
    SlowMode(Option<i32>),
}

pub async fn update_member<C: ConnectionTrait>(
    db: &C,
    m: room_member::Model,
    change: MemberChange,
) -> Result<room_member::Model, DbErr> {
    let mut active: room_member::ActiveModel = m.into();
    match change {
        MemberChange::Muted { until, reason } => {
            active.muted_until = Set(Some(until));
            active.mute_reason = Set(Some(reason));
        }
        MemberChange::SlowMode(seconds) => active.slow_mode_seconds = Set(seconds),
    }
    active.update(db).await
}

/// Bans her from the room.
pub async fn insert_ban<C: ConnectionTrait>(
    db: &C,
    room: Uuid,
    user: Uuid,
    reason: &str,
    by: Uuid,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    room_ban::ActiveModel {
        room_id: Set(room),
        user_id: Set(user),
        reason: Set(reason.to_owned()),
        banned_by: Set(Some(by)),
        created_at: Set(at),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The memberships of the room.
pub async fn members_of<C: ConnectionTrait>(
    db: &C,
    room: Uuid,
) -> Result<Vec<room_member::Model>, DbErr> {
    room_member::Entity::find()
        .filter(room_member::Column::RoomId.eq(room))
        .all(db)
        .await
}
