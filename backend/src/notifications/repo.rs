//! The notifications' queries.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use crate::entities::notification;

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    row: notification::ActiveModel,
) -> Result<(), DbErr> {
    row.insert(db).await?;
    Ok(())
}

/// Hers, newest first, after the cursor.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    before: Option<Uuid>,
    limit: u64,
) -> Result<Vec<notification::Model>, DbErr> {
    let mut query = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user))
        .order_by_desc(notification::Column::Id)
        .limit(limit);
    if let Some(before) = before {
        query = query.filter(notification::Column::Id.lt(before));
    }
    query.all(db).await
}

pub async fn unread<C: ConnectionTrait>(db: &C, user: Uuid) -> Result<u64, DbErr> {
    notification::Entity::find()
        .filter(notification::Column::UserId.eq(user))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await
}

/// Marks hers read (one, or all when `id` is `None`); how many were hers.
pub async fn mark_read<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    id: Option<Uuid>,
    at: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let mut q = notification::Entity::update_many()
        .set(notification::ActiveModel {
            read_at: Set(Some(at)),
            ..Default::default()
        })
        .filter(notification::Column::UserId.eq(user))
        .filter(notification::Column::ReadAt.is_null());
    if let Some(id) = id {
        q = q.filter(notification::Column::Id.eq(id));
    }
    Ok(q.exec(db).await?.rows_affected)
}

/// Whether this notification is hers.
pub async fn is_hers<C: ConnectionTrait>(db: &C, user: Uuid, id: Uuid) -> Result<bool, DbErr> {
    Ok(notification::Entity::find_by_id(id)
        .filter(notification::Column::UserId.eq(user))
        .count(db)
        .await?
        == 1)
}
