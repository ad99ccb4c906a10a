//! HTTP face of the community's messages: thin handlers and their spec.

use actix_web::{HttpResponse, delete, get, post, put, web};
use serde::Deserialize;
use shared::{
    EditMessage, FieldCode, History, Message, MessageVersion, NewMessage, NewPin, Problem,
    ReadMarker, Room, SearchResults,
};
use utoipa::IntoParams;
use uuid::Uuid;

use crate::community::messages::service::Anchor;
use crate::error::{ApiError, FieldIssue};
use crate::extract::ApiJson;
use crate::responses::{
    BannedFromTheRoom, MalformedBody, MalformedQuery, NoSuchRoomForMe, NoSuchRoomOrMessageForMe,
    NotAManagerOfTheRoom, NotAMember, NotAMemberOrMessageDeleted, NotAModeratorOfTheRoom,
    NotMyMessage, NotOneOfTheReactions, NotSignedIn, RuleBroken,
};
use crate::session::AuthUser;
use crate::state::AppState;

/// Send a message
///
/// Members only; in an announcement room, its managers only. Stored with the room's next
/// sequence number before anything else happens. Sending the same `client_id` again answers
/// 200 with the original message instead of storing another.
#[utoipa::path(
    tag = "community",
    operation_id = "send_message",
    params(("id" = Uuid, Path, description = "The room")),
    request_body = NewMessage,
    responses(
        (status = 201, description = "Stored", body = Message),
        (status = 200, description = "Already stored with this `client_id`: the original", body = Message),
        (status = 400, response = MalformedBody),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "An announcement room, and I am not one of its managers", body = Problem, content_type = "application/problem+json"),
        (status = 404, response = NoSuchRoomForMe),
        (status = 409, description = "`not_a_member`, `muted`, `room_archived`; in a direct conversation `direct_messages_off`, `direct_messages_off_mine` or `direct_peer_gone`", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = RuleBroken),
        (status = 429, description = "Too many posts, or slow mode: wait `Retry-After` seconds", body = Problem, content_type = "application/problem+json",
            headers(
                ("Retry-After" = u64, description = "Seconds to wait"),
                ("X-RateLimit-Limit" = u32, description = "Requests allowed in a burst"),
                ("X-RateLimit-Remaining" = u32, description = "Requests left now (0)"),
                ("X-RateLimit-Reset" = u64, description = "Seconds until a request is allowed again"),
            )),
    ),
    security(("bearer" = []))
)]
#[post("/community/rooms/{id}/messages")]
pub async fn send_message(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<NewMessage>,
) -> Result<HttpResponse, ApiError> {
    let (message, created) =
        crate::community::messages::service::send(&state, &auth, id.into_inner(), body).await?;
    Ok(if created {
        HttpResponse::Created().json(message)
    } else {
        HttpResponse::Ok().json(message)
    })
}

/// Where a history page starts: at most one of `before`, `after`, `around`; none gives the
/// newest messages.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct HistoryQuery {
    /// Messages before this sequence number.
    #[param(maximum = 9223372036854775807_u64)]
    pub before: Option<u64>,
    /// Messages after this sequence number.
    #[param(maximum = 9223372036854775807_u64)]
    pub after: Option<u64>,
    /// Messages around this sequence number, it included.
    #[param(maximum = 9223372036854775807_u64)]
    pub around: Option<u64>,
    /// 1 to 100; 50 when absent.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

/// Read a room's history
///
/// A page of messages, oldest first, anchored by sequence number; `more_before` and
/// `more_after` say whether to page on. Readable by members, and for public and announcement
/// rooms by everyone of the agency.
#[utoipa::path(
    tag = "community",
    operation_id = "list_messages",
    params(("id" = Uuid, Path, description = "The room"), HistoryQuery),
    responses(
        (status = 200, description = "A page of history", body = History),
        (status = 400, response = MalformedQuery),
        (status = 401, response = NotSignedIn),
        (status = 403, response = BannedFromTheRoom),
        (status = 404, response = NoSuchRoomForMe),
        (status = 422, description = "More than one anchor, or `limit` out of range", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/community/rooms/{id}/messages")]
pub async fn list_messages(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
    query: web::Query<HistoryQuery>,
) -> Result<web::Json<History>, ApiError> {
    let q = query.into_inner();
    // Sequence numbers are 64-bit signed in the database: a larger one is no message's.
    let too_big = [
        ("/before", q.before),
        ("/after", q.after),
        ("/around", q.around),
    ]
    .into_iter()
    .filter(|(_, v)| v.is_some_and(|v| i64::try_from(v).is_err()))
    .map(|(p, _)| FieldIssue::new(p, FieldCode::NumberOutOfRange))
    .collect::<Vec<_>>();
    if !too_big.is_empty() {
        return Err(ApiError::Validation(too_big));
    }
    let anchor = match (q.before, q.after, q.around) {
        (None, None, None) => Anchor::Latest,
        (Some(s), None, None) => Anchor::Before(s),
        (None, Some(s), None) => Anchor::After(s),
        (None, None, Some(s)) => Anchor::Around(s),
        _ => {
            return Err(ApiError::Validation(vec![FieldIssue::new(
                "/before",
                FieldCode::OneAnchorOnly,
            )]));
        }
    };
    Ok(web::Json(
        crate::community::messages::service::history(
            &state,
            &auth,
            id.into_inner(),
            anchor,
            q.limit,
        )
        .await?,
    ))
}

/// Move my read marker
///
/// Forward only, and never past the newest message.
#[utoipa::path(
    tag = "community",
    operation_id = "mark_read",
    params(("id" = Uuid, Path, description = "The room")),
    request_body = ReadMarker,
    responses(
        (status = 200, description = "The room with my marker and unread counts", body = Room),
        (status = 400, response = MalformedBody),
        (status = 401, response = NotSignedIn),
        (status = 403, response = BannedFromTheRoom),
        (status = 404, response = NoSuchRoomForMe),
        (status = 409, response = NotAMember),
    ),
    security(("bearer" = []))
)]
#[put("/community/rooms/{id}/read")]
pub async fn mark_read(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<ReadMarker>,
) -> Result<web::Json<Room>, ApiError> {
    Ok(web::Json(
        crate::community::messages::service::mark_read(&state, &auth, id.into_inner(), body)
            .await?,
    ))
}

/// Edit my message
///
/// Only the sender; the text it replaces is kept for the room's managers. Sockets of the room
/// get `message_updated`.
#[utoipa::path(
    tag = "community",
    operation_id = "edit_message",
    params(("id" = Uuid, Path, description = "The room"), ("message_id" = Uuid, Path, description = "The message")),
    request_body = EditMessage,
    responses(
        (status = 200, description = "The message as it is now", body = Message),
        (status = 400, response = MalformedBody),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotMyMessage),
        (status = 404, response = NoSuchRoomOrMessageForMe),
        (status = 409, description = "`not_a_member`, `muted`, `message_deleted`, `room_archived`; in a direct conversation `direct_messages_off`, `direct_messages_off_mine` or `direct_peer_gone`", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = RuleBroken),
        (status = 429, description = "Too many posts, or slow mode: wait `Retry-After` seconds", body = Problem, content_type = "application/problem+json",
            headers(
                ("Retry-After" = u64, description = "Seconds to wait"),
                ("X-RateLimit-Limit" = u32, description = "Requests allowed in a burst"),
                ("X-RateLimit-Remaining" = u32, description = "Requests left now (0)"),
                ("X-RateLimit-Reset" = u64, description = "Seconds until a request is allowed again"),
            )),
    ),
    security(("bearer" = []))
)]
#[put("/community/rooms/{id}/messages/{message_id}")]
pub async fn edit_message(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<EditMessage>,
) -> Result<web::Json<Message>, ApiError> {
    let (room, id) = path.into_inner();
    Ok(web::Json(
        crate::community::messages::service::edit(&state, &auth, room, id, body).await?,
    ))
}

/// Delete my message
///
/// Only the sender. Its place (sequence number) stays; its text goes.
#[utoipa::path(
    tag = "community",
    operation_id = "delete_message",
    params(("id" = Uuid, Path, description = "The room"), ("message_id" = Uuid, Path, description = "The message")),
    responses(
        (status = 200, description = "The message as it is now", body = Message),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotMyMessage),
        (status = 404, response = NoSuchRoomOrMessageForMe),
        (status = 409, description = "`message_deleted`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[delete("/community/rooms/{id}/messages/{message_id}")]
pub async fn delete_message(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<Message>, ApiError> {
    let (room, id) = path.into_inner();
    Ok(web::Json(
        crate::community::messages::service::delete(&state, &auth, room, id).await?,
    ))
}

/// Read a message's earlier texts
///
/// For moderators: community managers and admins of the agency, and the room's managers.
#[utoipa::path(
    tag = "community",
    operation_id = "list_message_versions",
    params(("id" = Uuid, Path, description = "The room"), ("message_id" = Uuid, Path, description = "The message")),
    responses(
        (status = 200, description = "Earlier texts, oldest first", body = Vec<MessageVersion>),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAModeratorOfTheRoom),
        (status = 404, response = NoSuchRoomOrMessageForMe),
    ),
    security(("bearer" = []))
)]
#[get("/community/rooms/{id}/messages/{message_id}/versions")]
pub async fn list_message_versions(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<Vec<MessageVersion>>, ApiError> {
    let (room, id) = path.into_inner();
    Ok(web::Json(
        crate::community::messages::service::versions(&state, &auth, room, id).await?,
    ))
}

/// React to a message
///
/// Members; one of `shared::REACTIONS` (👍 ❤️ 😂 😮 😢 🙏 👏 🎉), URL-encoded. Reacting twice
/// changes nothing.
#[utoipa::path(
    tag = "community",
    operation_id = "add_reaction",
    params(
        ("id" = Uuid, Path, description = "The room"),
        ("message_id" = Uuid, Path, description = "The message"),
        ("emoji" = String, Path, description = "The reaction"),
    ),
    responses(
        (status = 200, description = "The message with its reactions", body = Message),
        (status = 401, response = NotSignedIn),
        (status = 403, response = BannedFromTheRoom),
        (status = 404, response = NoSuchRoomOrMessageForMe),
        (status = 409, response = NotAMemberOrMessageDeleted),
        (status = 422, response = NotOneOfTheReactions),
    ),
    security(("bearer" = []))
)]
#[put("/community/rooms/{id}/messages/{message_id}/reactions/{emoji}")]
pub async fn add_reaction(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid, String)>,
) -> Result<web::Json<Message>, ApiError> {
    let (room, id, emoji) = path.into_inner();
    Ok(web::Json(
        crate::community::messages::service::react(&state, &auth, room, id, &emoji, true).await?,
    ))
}

/// Take back my reaction
#[utoipa::path(
    tag = "community",
    operation_id = "remove_reaction",
    params(
        ("id" = Uuid, Path, description = "The room"),
        ("message_id" = Uuid, Path, description = "The message"),
        ("emoji" = String, Path, description = "The reaction"),
    ),
    responses(
        (status = 200, description = "The message with its reactions", body = Message),
        (status = 401, response = NotSignedIn),
        (status = 403, response = BannedFromTheRoom),
        (status = 404, response = NoSuchRoomOrMessageForMe),
        (status = 409, response = NotAMemberOrMessageDeleted),
        (status = 422, response = NotOneOfTheReactions),
    ),
    security(("bearer" = []))
)]
#[delete("/community/rooms/{id}/messages/{message_id}/reactions/{emoji}")]
pub async fn remove_reaction(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid, String)>,
) -> Result<web::Json<Message>, ApiError> {
    let (room, id, emoji) = path.into_inner();
    Ok(web::Json(
        crate::community::messages::service::react(&state, &auth, room, id, &emoji, false).await?,
    ))
}

/// Pin a message
///
/// The room's managers, and community managers and admins of the agency.
#[utoipa::path(
    tag = "community",
    operation_id = "pin_message",
    params(("id" = Uuid, Path, description = "The room")),
    request_body = NewPin,
    responses(
        (status = 200, description = "The room with its pinned messages", body = Room),
        (status = 400, response = MalformedBody),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAManagerOfTheRoom),
        (status = 404, response = NoSuchRoomOrMessageForMe),
    ),
    security(("bearer" = []))
)]
#[post("/community/rooms/{id}/pins")]
pub async fn pin_message(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<NewPin>,
) -> Result<web::Json<Room>, ApiError> {
    Ok(web::Json(
        crate::community::messages::service::pin(&state, &auth, id.into_inner(), body, true)
            .await?,
    ))
}

/// Unpin a message
#[utoipa::path(
    tag = "community",
    operation_id = "unpin_message",
    params(("id" = Uuid, Path, description = "The room"), ("message_id" = Uuid, Path, description = "The message")),
    responses(
        (status = 200, description = "The room with its pinned messages", body = Room),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAManagerOfTheRoom),
        (status = 404, response = NoSuchRoomOrMessageForMe),
    ),
    security(("bearer" = []))
)]
#[delete("/community/rooms/{id}/pins/{message_id}")]
pub async fn unpin_message(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<Room>, ApiError> {
    let (room, message_id) = path.into_inner();
    Ok(web::Json(
        crate::community::messages::service::pin(&state, &auth, room, NewPin { message_id }, false)
            .await?,
    ))
}

/// What to search.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SearchQuery {
    /// 2 to 100 characters, any case.
    #[param(min_length = 2, max_length = 100)]
    pub q: String,
}

/// Search my rooms
///
/// Messages of the rooms I belong to that contain the text, newest first (at most 50); hidden
/// and deleted messages never match.
#[utoipa::path(
    tag = "community",
    operation_id = "search_messages",
    params(SearchQuery),
    responses(
        (status = 200, description = "Matching messages", body = SearchResults),
        (status = 400, response = MalformedQuery),
        (status = 401, response = NotSignedIn),
        (status = 422, description = "`q` too short or too long", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/community/search")]
pub async fn search_messages(
    state: web::Data<AppState>,
    auth: AuthUser,
    query: web::Query<SearchQuery>,
) -> Result<web::Json<SearchResults>, ApiError> {
    Ok(web::Json(SearchResults {
        messages: crate::community::messages::service::search(&state, &auth, &query.q).await?,
    }))
}
