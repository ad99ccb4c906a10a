//! Queries of direct conversations, community settings and the people she may write to, over
//! any connection or transaction.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use shared::{CommunitySettings, LocalizedText, Role, RoomKind};
use uuid::Uuid;

use crate::community::views::RoomCount;
use crate::db::contains_text;
use crate::entities::{community_setting, room, room_member, user};

/// Her settings; saved twice at once, the later values win, without an error.
pub async fn save_settings<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    s: &CommunitySettings,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    let row = community_setting::ActiveModel {
        user_id: Set(user),
        allow_direct_messages: Set(s.allow_direct_messages),
        show_presence: Set(s.show_presence),
        updated_at: Set(at),
    };
    community_setting::Entity::insert(row)
        .on_conflict(
            OnConflict::column(community_setting::Column::UserId)
                .update_columns([
                    community_setting::Column::AllowDirectMessages,
                    community_setting::Column::ShowPresence,
                    community_setting::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// How many members each of these rooms has.
pub async fn room_sizes<C: ConnectionTrait>(
    db: &C,
    rooms: Vec<Uuid>,
) -> Result<Vec<RoomCount>, DbErr> {
    room_member::Entity::find()
        .select_only()
        .column(room_member::Column::RoomId)
        .column_as(Expr::col(room_member::Column::UserId).count(), "n")
        .filter(room_member::Column::RoomId.is_in(rooms))
        .group_by(room_member::Column::RoomId)
        .into_model::<RoomCount>()
        .all(db)
        .await
}

/// Whom a search of the agency looks among.
pub enum Among {
    /// Anyone of the agency, at most this many.
    Anyone(u64),
    /// Its staff and the people of her rooms.
    StaffAndRoommates,
}

/// The active people of her agency but her, by name; with `q`, those whose name contains it.
pub async fn people<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    me: Uuid,
    q: Option<&str>,
    among: Among,
) -> Result<Vec<user::Model>, DbErr> {
    let mut query = user::Entity::find()
        .filter(user::Column::AgencyId.eq(agency))
        .filter(user::Column::ErasedAt.is_null())
        .filter(user::Column::DisabledAt.is_null())
        .filter(user::Column::Id.ne(me))
        .order_by_asc(user::Column::Name);
    if let Some(q) = q {
        query = query.filter(contains_text((user::Entity, user::Column::Name), q));
    }
    match among {
        Among::Anyone(max) => query = query.limit(max),
        Among::StaffAndRoommates => {
            let her_rooms = Query::select()
                .column(room_member::Column::RoomId)
                .from(room_member::Entity)
                .and_where(room_member::Column::UserId.eq(me))
                .to_owned();
            let roommates = Query::select()
                .column(room_member::Column::UserId)
                .from(room_member::Entity)
                .and_where(room_member::Column::RoomId.in_subquery(her_rooms))
                .to_owned();
            query = query.filter(
                Condition::any()
                    .add(user::Column::Role.ne(Role::Jobseeker))
                    .add(user::Column::Id.in_subquery(roommates)),
            );
        }
    }
    query.all(db).await
}

/// Someone of the agency who can be written to (neither erased nor disabled).
pub async fn reachable<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    id: Uuid,
) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find_by_id(id)
        .filter(user::Column::AgencyId.eq(agency))
        .filter(user::Column::ErasedAt.is_null())
        .filter(user::Column::DisabledAt.is_null())
        .one(db)
        .await
}

/// The conversation of two people, by its key.
pub async fn by_key<C: ConnectionTrait>(db: &C, key: &str) -> Result<Option<room::Model>, DbErr> {
    room::Entity::find()
        .filter(room::Column::DirectKey.eq(key))
        .one(db)
        .await
}

/// A new conversation (fails on its unique key when the other one was first).
pub async fn insert<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    by: Uuid,
    key: &str,
) -> Result<room::Model, DbErr> {
    let empty = json!(LocalizedText {
        it: String::new(),
        en: String::new(),
    });
    room::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency),
        kind: Set(RoomKind::Direct),
        topic: Set(None),
        name: Set(empty.clone()),
        description: Set(empty.clone()),
        rules: Set(empty),
        created_by: Set(Some(by)),
        created_at: Set(Utc::now()),
        archived_at: Set(None),
        last_seq: Set(0),
        slow_mode_seconds: Set(None),
        direct_key: Set(Some(key.to_owned())),
    }
    .insert(db)
    .await
}
