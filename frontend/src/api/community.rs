//! Rooms, messages, moderation, direct conversations and community settings.

use shared::{History, Message, NewMessage, NewReport, Report, ReportEntry, Room, UserId};

use super::http::{ApiError, authed, decode, encode, expect_empty, json_body};

pub async fn rooms() -> Result<Vec<Room>, ApiError> {
    decode(authed("GET", "/community/rooms", None).await?).await
}

pub async fn room(id: uuid::Uuid) -> Result<Room, ApiError> {
    decode(authed("GET", &format!("/community/rooms/{id}"), None).await?).await
}

pub async fn join_room(id: uuid::Uuid) -> Result<Room, ApiError> {
    let path = format!("/community/rooms/{id}/join");
    decode(authed("POST", &path, None).await?).await
}

/// A page of history: the newest, or the one before `before`.
pub async fn history(id: uuid::Uuid, before: Option<u64>) -> Result<History, ApiError> {
    let path = match before {
        Some(b) => format!("/community/rooms/{id}/messages?before={b}&limit=30"),
        None => format!("/community/rooms/{id}/messages?limit=30"),
    };
    decode(authed("GET", &path, None).await?).await
}

pub async fn send_message(id: uuid::Uuid, message: &NewMessage) -> Result<Message, ApiError> {
    let path = format!("/community/rooms/{id}/messages");
    decode(authed("POST", &path, Some(json_body(message)?)).await?).await
}

pub async fn mark_read(id: uuid::Uuid, seq: u64) -> Result<Room, ApiError> {
    let path = format!("/community/rooms/{id}/read");
    let body = shared::ReadMarker { last_read_seq: seq };
    decode(authed("PUT", &path, Some(json_body(&body)?)).await?).await
}

pub async fn report_message(
    room: uuid::Uuid,
    message: uuid::Uuid,
    report: &NewReport,
) -> Result<Report, ApiError> {
    let path = format!("/community/rooms/{room}/messages/{message}/reports");
    decode(authed("POST", &path, Some(json_body(report)?)).await?).await
}

pub async fn moderation_reports() -> Result<Vec<ReportEntry>, ApiError> {
    decode(authed("GET", "/community/moderation/reports", None).await?).await
}

pub async fn hide_message(
    room: uuid::Uuid,
    message: uuid::Uuid,
    reason: &str,
) -> Result<Message, ApiError> {
    let path = format!("/community/rooms/{room}/messages/{message}/hide");
    let body = shared::ModerationReason {
        reason: reason.to_owned(),
    };
    decode(authed("POST", &path, Some(json_body(&body)?)).await?).await
}

pub async fn handle_report(report: uuid::Uuid, outcome: &str) -> Result<Report, ApiError> {
    let path = format!("/community/moderation/reports/{report}/handle");
    let body = shared::HandleReport {
        outcome: outcome.to_owned(),
    };
    decode(authed("POST", &path, Some(json_body(&body)?)).await?).await
}

pub async fn contacts(q: &str) -> Result<Vec<shared::Contact>, ApiError> {
    let path = if q.trim().is_empty() {
        "/community/contacts".to_owned()
    } else {
        format!("/community/contacts?q={}", encode(q.trim()))
    };
    decode(authed("GET", &path, None).await?).await
}

pub async fn open_direct(user: UserId) -> Result<Room, ApiError> {
    let body = shared::NewDirect { user_id: user };
    decode(authed("POST", "/community/direct", Some(json_body(&body)?)).await?).await
}

pub async fn community_settings() -> Result<shared::CommunitySettings, ApiError> {
    decode(authed("GET", "/community/settings", None).await?).await
}

pub async fn save_community_settings(
    s: &shared::CommunitySettings,
) -> Result<shared::CommunitySettings, ApiError> {
    decode(authed("PUT", "/community/settings", Some(json_body(s)?)).await?).await
}

pub async fn room_members(id: uuid::Uuid) -> Result<Vec<shared::RoomMember>, ApiError> {
    decode(authed("GET", &format!("/community/rooms/{id}/members"), None).await?).await
}

pub async fn leave_room(id: uuid::Uuid) -> Result<(), ApiError> {
    let path = format!("/community/rooms/{id}/leave");
    expect_empty(authed("POST", &path, None).await?).await
}

pub async fn edit_message(
    room: uuid::Uuid,
    message: uuid::Uuid,
    body: &str,
) -> Result<Message, ApiError> {
    let path = format!("/community/rooms/{room}/messages/{message}");
    let body = shared::EditMessage {
        body: body.to_owned(),
    };
    decode(authed("PUT", &path, Some(json_body(&body)?)).await?).await
}

pub async fn delete_message(room: uuid::Uuid, message: uuid::Uuid) -> Result<Message, ApiError> {
    let path = format!("/community/rooms/{room}/messages/{message}");
    decode(authed("DELETE", &path, None).await?).await
}

/// Gives (`on`) or takes back a reaction.
pub async fn react(
    room: uuid::Uuid,
    message: uuid::Uuid,
    emoji: &str,
    on: bool,
) -> Result<Message, ApiError> {
    let path = format!(
        "/community/rooms/{room}/messages/{message}/reactions/{}",
        encode(emoji)
    );
    let method = if on { "PUT" } else { "DELETE" };
    decode(authed(method, &path, None).await?).await
}

pub async fn pin(room: uuid::Uuid, message: uuid::Uuid, on: bool) -> Result<(), ApiError> {
    let res = if on {
        let body = shared::NewPin {
            message_id: message,
        };
        authed(
            "POST",
            &format!("/community/rooms/{room}/pins"),
            Some(json_body(&body)?),
        )
        .await?
    } else {
        authed(
            "DELETE",
            &format!("/community/rooms/{room}/pins/{message}"),
            None,
        )
        .await?
    };
    expect_empty(res).await
}

pub async fn create_room(room: &shared::NewRoom) -> Result<Room, ApiError> {
    decode(authed("POST", "/community/rooms", Some(json_body(room)?)).await?).await
}

pub async fn update_room(id: uuid::Uuid, update: &shared::RoomUpdate) -> Result<(), ApiError> {
    let path = format!("/community/rooms/{id}");
    expect_empty(authed("PUT", &path, Some(json_body(update)?)).await?).await
}

pub async fn archive_room(id: uuid::Uuid, reason: &str) -> Result<(), ApiError> {
    let path = format!("/community/rooms/{id}/archive");
    let body = shared::ModerationReason {
        reason: reason.to_owned(),
    };
    expect_empty(authed("POST", &path, Some(json_body(&body)?)).await?).await
}

pub async fn add_member(id: uuid::Uuid, user: UserId) -> Result<(), ApiError> {
    let path = format!("/community/rooms/{id}/members");
    let body = shared::NewMember { user_id: user };
    expect_empty(authed("POST", &path, Some(json_body(&body)?)).await?).await
}

/// What a moderator does to a member of a room.
#[derive(Debug, Clone, PartialEq)]
pub enum MemberAction {
    Mute { minutes: u32 },
    Remove,
    Ban,
    SlowMode { seconds: Option<u32> },
}

pub async fn act_on_member(
    room: uuid::Uuid,
    user: UserId,
    action: &MemberAction,
    reason: &str,
) -> Result<(), ApiError> {
    let reason = reason.to_owned();
    let (verb, body) = match action {
        MemberAction::Mute { minutes } => (
            "mute",
            json_body(&shared::Mute {
                minutes: *minutes,
                reason,
            })?,
        ),
        MemberAction::Remove => ("remove", json_body(&shared::ModerationReason { reason })?),
        MemberAction::Ban => ("ban", json_body(&shared::ModerationReason { reason })?),
        MemberAction::SlowMode { seconds } => (
            "slow-mode",
            json_body(&shared::SlowMode {
                seconds: *seconds,
                reason,
            })?,
        ),
    };
    let path = format!("/community/rooms/{room}/members/{user}/{verb}");
    expect_empty(authed("POST", &path, Some(body)).await?).await
}

pub async fn room_slow_mode(
    room: uuid::Uuid,
    seconds: Option<u32>,
    reason: &str,
) -> Result<(), ApiError> {
    let path = format!("/community/rooms/{room}/slow-mode");
    let body = shared::SlowMode {
        seconds,
        reason: reason.to_owned(),
    };
    expect_empty(authed("PUT", &path, Some(json_body(&body)?)).await?).await
}

pub async fn moderation_log(
    room: Option<uuid::Uuid>,
) -> Result<Vec<shared::ModerationEntry>, ApiError> {
    let path = match room {
        Some(r) => format!("/community/moderation/log?room_id={r}"),
        None => "/community/moderation/log".to_owned(),
    };
    decode(authed("GET", &path, None).await?).await
}

pub async fn word_filters() -> Result<Vec<shared::WordFilter>, ApiError> {
    decode(authed("GET", "/community/moderation/filters", None).await?).await
}

pub async fn add_word_filter(f: &shared::NewWordFilter) -> Result<shared::WordFilter, ApiError> {
    decode(authed("POST", "/community/moderation/filters", Some(json_body(f)?)).await?).await
}

pub async fn remove_word_filter(id: uuid::Uuid, reason: &str) -> Result<(), ApiError> {
    let path = format!("/community/moderation/filters/{id}/remove");
    let body = shared::ModerationReason {
        reason: reason.to_owned(),
    };
    expect_empty(authed("POST", &path, Some(json_body(&body)?)).await?).await
}

/// The earlier texts of an edited message (for those who run its room).
pub async fn message_versions(
    room: uuid::Uuid,
    message: uuid::Uuid,
) -> Result<Vec<shared::MessageVersion>, ApiError> {
    let path = format!("/community/rooms/{room}/messages/{message}/versions");
    decode(authed("GET", &path, None).await?).await
}
