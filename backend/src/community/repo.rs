//! Queries every part of the community shares (below rooms, messages, moderation and direct,
//! beside the read models of `views.rs`): a room of the agency, memberships, bans, community
//! settings and the people of a direct conversation, over any connection or transaction.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use shared::MemberRole;
use uuid::Uuid;

use crate::entities::{community_setting, room, room_ban, room_member, user};

/// A room of the agency.
pub async fn room_of_agency<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    room: Uuid,
) -> Result<Option<room::Model>, DbErr> {
    room::Entity::find_by_id(room)
        .filter(room::Column::AgencyId.eq(agency))
        .one(db)
        .await
}

/// Her membership of the room.
pub async fn membership<C: ConnectionTrait>(
    db: &C,
    room: Uuid,
    user: Uuid,
) -> Result<Option<room_member::Model>, DbErr> {
    room_member::Entity::find_by_id((room, user)).one(db).await
}

/// Makes her a member unless she is one (also when another request does at the same moment);
/// `true` when this call added her.
pub async fn add_member<C: ConnectionTrait>(
    db: &C,
    room: Uuid,
    user: Uuid,
    last_read_seq: i64,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    crate::db::insert_new(
        db,
        room_member::ActiveModel {
            room_id: Set(room),
            user_id: Set(user),
            role: Set(MemberRole::Member),
            joined_at: Set(at),
            last_read_seq: Set(last_read_seq),
            ..Default::default()
        },
    )
    .await
}

/// The rooms she is a member of.
pub async fn room_ids_of<C: ConnectionTrait>(db: &C, user: Uuid) -> Result<Vec<Uuid>, DbErr> {
    Ok(room_member::Entity::find()
        .filter(room_member::Column::UserId.eq(user))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.room_id)
        .collect())
}

/// These rooms' rows.
pub async fn rooms_by_ids<C: ConnectionTrait>(
    db: &C,
    ids: Vec<Uuid>,
) -> Result<Vec<room::Model>, DbErr> {
    room::Entity::find()
        .filter(room::Column::Id.is_in(ids))
        .all(db)
        .await
}

/// Whether she is banned from the room.
pub async fn is_banned<C: ConnectionTrait>(db: &C, user: Uuid, room: Uuid) -> Result<bool, DbErr> {
    Ok(room_ban::Entity::find_by_id((room, user))
        .one(db)
        .await?
        .is_some())
}

/// The saved settings of those of these people who saved any.
pub async fn settings_rows<C: ConnectionTrait>(
    db: &C,
    users: Vec<Uuid>,
) -> Result<Vec<community_setting::Model>, DbErr> {
    community_setting::Entity::find()
        .filter(community_setting::Column::UserId.is_in(users))
        .all(db)
        .await
}

/// Someone who has not asked for erasure.
pub async fn live_user<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find_by_id(id)
        .filter(user::Column::ErasedAt.is_null())
        .one(db)
        .await
}
