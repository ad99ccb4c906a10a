//! The signed-in account's notifications (the bell).

use shared::Notifications;

use super::http::{ApiError, authed, decode, expect_empty};

/// The newest page of her notifications and the unread count.
pub async fn notifications(page_size: u32) -> Result<Notifications, ApiError> {
    let path = format!("/me/notifications?page_size={page_size}");
    decode(authed("GET", &path, None).await?).await
}

pub async fn read_notification(id: uuid::Uuid) -> Result<(), ApiError> {
    let path = format!("/me/notifications/{id}/read");
    expect_empty(authed("POST", &path, None).await?).await
}

pub async fn read_all_notifications() -> Result<(), ApiError> {
    expect_empty(authed("POST", "/me/notifications/read-all", None).await?).await
}
