//! Writing a notification, and her reading them.

use chrono::Utc;
use sea_orm::{ConnectionTrait, Set};
use shared::{ApplicationStatus, Notification, NotificationKind, Notifications};
use uuid::Uuid;

use super::repo;
use crate::entities::notification;
use crate::error::ApiError;
use crate::pagination;
use crate::session::AuthUser;

/// What to tell an account.
pub struct Notice<'a> {
    pub user: Uuid,
    pub kind: NotificationKind,
    pub title: &'a str,
    pub status: Option<ApplicationStatus>,
    pub link: String,
}

/// Writes a notification in the caller's transaction.
pub async fn notify<C: ConnectionTrait>(db: &C, n: Notice<'_>) -> Result<(), ApiError> {
    let title: String = n.title.chars().take(200).collect();
    repo::insert(
        db,
        notification::ActiveModel {
            id: Set(Uuid::now_v7()),
            user_id: Set(n.user),
            kind: Set(n.kind),
            title: Set(title),
            status: Set(n.status),
            link: Set(n.link),
            created_at: Set(Utc::now()),
            read_at: Set(None),
        },
    )
    .await?;
    Ok(())
}

fn dto(n: notification::Model) -> Notification {
    Notification {
        id: n.id,
        kind: n.kind,
        title: n.title,
        status: n.status,
        link: n.link,
        created_at: n.created_at,
        read: n.read_at.is_some(),
    }
}

/// Hers, newest first, by cursor, with the count of the unread.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    auth: &AuthUser,
    page_size: Option<u64>,
    page_token: Option<&str>,
) -> Result<Notifications, ApiError> {
    let size = pagination::page_size(page_size)?;
    let before = page_token.map(pagination::decode_cursor).transpose()?;
    let mut rows = repo::page(db, auth.user_id, before, size + 1).await?;
    let next_page_token = pagination::finish_page(&mut rows, size, |n| n.id);
    Ok(Notifications {
        items: rows.into_iter().map(dto).collect(),
        unread: repo::unread(db, auth.user_id).await?,
        next_page_token,
    })
}

/// Marks one of hers read (another's answers 404); reading it twice is no error.
pub async fn read_one<C: ConnectionTrait>(
    db: &C,
    auth: &AuthUser,
    id: Uuid,
) -> Result<(), ApiError> {
    if !repo::is_hers(db, auth.user_id, id).await? {
        return Err(ApiError::NotFound);
    }
    repo::mark_read(db, auth.user_id, Some(id), Utc::now()).await?;
    Ok(())
}

pub async fn read_all<C: ConnectionTrait>(db: &C, auth: &AuthUser) -> Result<(), ApiError> {
    repo::mark_read(db, auth.user_id, None, Utc::now()).await?;
    Ok(())
}
