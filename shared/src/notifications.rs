//! In-app notifications (issue 15): what the bell in the header counts and lists. Each is a
//! kind with the title it concerns and the page it leads to; the client writes the sentence in
//! the reader's language. Nothing of another person is in one.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ApplicationStatus;
use crate::code::Code;

code_enum!(
    /// What happened.
    NotificationKind: "notification_kind" {
        /// Her application (or a proposal to her) moved to `status`.
        ApplicationStep => "application_step",
        /// Someone applied (or accepted a proposal) for an opportunity of her organisation.
        ApplicantReceived => "applicant_received",
        /// An organisation asks to join her agency's network.
        JoinRequested => "join_requested",
    }
);

/// One notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "019a2080-734b-7046-b322-f56be2f12dd9",
    "kind": "application_step",
    "title": "Tirocinio part-time in biblioteca",
    "status": "interview",
    "link": "/applications",
    "created_at": "2026-12-04T10:00:00Z",
    "read": false
})))]
pub struct Notification {
    pub id: uuid::Uuid,
    pub kind: NotificationKind,
    /// The opportunity's title, or the organisation's name.
    pub title: String,
    /// For `application_step`: where her application is now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ApplicationStatus>,
    /// The page of the web app it leads to (a path).
    pub link: String,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// A page of her notifications, newest first, with how many are unread in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notifications {
    pub items: Vec<Notification>,
    pub unread: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
}
