use actix_web::{HttpResponse, delete, get, post, put, web};
use serde::Deserialize;
use shared::{
    CommunitySettings, Contact, EditMessage, FieldCode, HandleReport, History, Message,
    MessageVersion, ModerationEntry, ModerationReason, Mute, NewDirect, NewMember, NewMessage,
    NewPin, NewReport, NewRoom, NewWordFilter, Problem, ReadMarker, Report, ReportEntry, Room,
    RoomMember, RoomUpdate, SearchResults, SlowMode, WordFilter,
};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::direct;
use super::moderation::{self, MemberAction};
use super::service::{self, Anchor};
use crate::auth::AuthUser;
use crate::caller::Caller;
use crate::error::{ApiError, FieldIssue};
use crate::extract::ApiJson;
use crate::responses::{
    BannedFromTheRoom, MalformedBody, MalformedQuery, NoSuchRoomForMe,
    NoSuchRoomMessageOrMemberForMe, NoSuchRoomOrMessageForMe, NotACommunityManagerOrAdmin,
    NotAManagerOfTheRoom, NotAMember, NotAMemberOrMessageDeleted, NotAModeratorOfTheRoom,
    NotMyMessage, NotOneOfTheReactions, NotSignedIn, RuleBroken,
};
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_rooms)
        .service(create_room)
        .service(get_room)
        .service(join_room)
        .service(leave_room)
        .service(send_message)
        .service(list_messages)
        .service(mark_read)
        .service(edit_message)
        .service(delete_message)
        .service(list_message_versions)
        .service(add_reaction)
        .service(remove_reaction)
        .service(pin_message)
        .service(unpin_message)
        .service(report_message)
        .service(list_my_reports)
        .service(list_reports)
        .service(handle_report)
        .service(hide_message)
        .service(mute_member)
        .service(remove_member)
        .service(ban_member)
        .service(set_member_slow_mode)
        .service(set_room_slow_mode)
        .service(list_moderation_log)
        .service(list_word_filters)
        .service(add_word_filter)
        .service(remove_word_filter)
        .service(release_message)
        .service(add_member)
        .service(update_room)
        .service(archive_room)
        .service(search_messages)
        .service(open_direct)
        .service(list_contacts)
        .service(get_community_settings)
        .service(save_community_settings)
        .service(list_room_members);
}

/// List the rooms I can see
///
/// The public and announcement rooms of my agency and the private rooms I belong to; mine
/// first, each with my role, read marker, unread messages and unread mentions.
#[utoipa::path(
    tag = "community",
    operation_id = "list_rooms",
    responses(
        (status = 200, description = "Rooms", body = Vec<Room>),
        (status = 401, response = NotSignedIn),
    ),
    security(("bearer" = []))
)]
#[get("/community/rooms")]
pub async fn list_rooms(
    state: web::Data<AppState>,
    auth: AuthUser,
) -> Result<web::Json<Vec<Room>>, ApiError> {
    Ok(web::Json(service::list(&state, &auth).await?))
}

/// Create a room
///
/// Community managers and admins, in their agency; the creator is its first manager. Name,
/// description and rules in Italian and English.
#[utoipa::path(
    tag = "community",
    operation_id = "create_room",
    request_body = NewRoom,
    responses(
        (status = 201, description = "The room", body = Room),
        (status = 400, response = MalformedBody),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotACommunityManagerOrAdmin),
        (status = 422, response = RuleBroken),
    ),
    security(("bearer" = []))
)]
#[post("/community/rooms")]
pub async fn create_room(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    ApiJson(body): ApiJson<NewRoom>,
) -> Result<HttpResponse, ApiError> {
    let room = service::create(&state, &caller, &auth, body).await?;
    Ok(HttpResponse::Created().json(room))
}

/// Read a room
#[utoipa::path(
    tag = "community",
    operation_id = "get_room",
    params(("id" = Uuid, Path, description = "The room")),
    responses(
        (status = 200, description = "The room", body = Room),
        (status = 401, response = NotSignedIn),
        (status = 403, response = BannedFromTheRoom),
        (status = 404, description = "No such room for me (another agency's, or private and I am not a member)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/community/rooms/{id}")]
pub async fn get_room(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Room>, ApiError> {
    Ok(web::Json(
        service::get(&state, &auth, id.into_inner()).await?,
    ))
}

/// Join a room
///
/// A public or announcement room of my agency. Joining again changes nothing. My read marker
/// starts at the newest message.
#[utoipa::path(
    tag = "community",
    operation_id = "join_room",
    params(("id" = Uuid, Path, description = "The room")),
    responses(
        (status = 200, description = "The room, with my membership", body = Room),
        (status = 401, response = NotSignedIn),
        (status = 403, response = BannedFromTheRoom),
        (status = 404, response = NoSuchRoomForMe),
        (status = 409, description = "`room_archived`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/community/rooms/{id}/join")]
pub async fn join_room(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Room>, ApiError> {
    Ok(web::Json(
        service::join(&state, &auth, id.into_inner()).await?,
    ))
}

/// Leave a room
#[utoipa::path(
    tag = "community",
    operation_id = "leave_room",
    params(("id" = Uuid, Path, description = "The room")),
    responses(
        (status = 204, description = "Left"),
        (status = 401, response = NotSignedIn),
        (status = 403, response = BannedFromTheRoom),
        (status = 404, response = NoSuchRoomForMe),
        (status = 409, response = NotAMember),
    ),
    security(("bearer" = []))
)]
#[post("/community/rooms/{id}/leave")]
pub async fn leave_room(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    service::leave(&state, &auth, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

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
    let (message, created) = service::send(&state, &auth, id.into_inner(), body).await?;
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
        service::history(&state, &auth, id.into_inner(), anchor, q.limit).await?,
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
        service::mark_read(&state, &auth, id.into_inner(), body).await?,
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
        service::edit(&state, &auth, room, id, body).await?,
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
    Ok(web::Json(service::delete(&state, &auth, room, id).await?))
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
    Ok(web::Json(service::versions(&state, &auth, room, id).await?))
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
        service::react(&state, &auth, room, id, &emoji, true).await?,
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
        service::react(&state, &auth, room, id, &emoji, false).await?,
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
        service::pin(&state, &auth, id.into_inner(), body, true).await?,
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
        service::pin(&state, &auth, room, NewPin { message_id }, false).await?,
    ))
}

/// Report a message
///
/// To the moderators of the room (not to server administrators): a reason and an optional
/// note. Anyone who can read the room, except the author. She hears back in her reports.
#[utoipa::path(
    tag = "community",
    operation_id = "report_message",
    params(("id" = Uuid, Path, description = "The room"), ("message_id" = Uuid, Path, description = "The message")),
    request_body = NewReport,
    responses(
        (status = 201, description = "The report", body = Report),
        (status = 400, response = MalformedBody),
        (status = 401, response = NotSignedIn),
        (status = 403, response = BannedFromTheRoom),
        (status = 404, response = NoSuchRoomMessageOrMemberForMe),
        (status = 422, response = RuleBroken),
    ),
    security(("bearer" = []))
)]
#[post("/community/rooms/{id}/messages/{message_id}/reports")]
pub async fn report_message(
    state: web::Data<AppState>,
    auth: AuthUser,
    ids: web::Path<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<NewReport>,
) -> Result<HttpResponse, ApiError> {
    let (room, message) = ids.into_inner();
    let r = moderation::report(&state, &auth, room, message, body).await?;
    Ok(HttpResponse::Created().json(r))
}

/// List my reports
///
/// Newest first, with the moderators' answer once handled.
#[utoipa::path(
    tag = "community",
    operation_id = "list_my_reports",
    responses(
        (status = 200, description = "My reports", body = Vec<Report>),
        (status = 401, response = NotSignedIn),
    ),
    security(("bearer" = []))
)]
#[get("/community/reports/mine")]
pub async fn list_my_reports(
    state: web::Data<AppState>,
    auth: AuthUser,
) -> Result<web::Json<Vec<Report>>, ApiError> {
    Ok(web::Json(moderation::my_reports(&state, &auth).await?))
}

/// Which reports to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReportsQuery {
    /// `true` for handled reports (newest first); open ones (oldest first) otherwise.
    pub handled: Option<bool>,
}

/// The reports queue
///
/// Community managers and admins: the agency's reports with each message (its text even if
/// hidden) and the messages around it.
#[utoipa::path(
    tag = "community",
    operation_id = "list_reports",
    params(ReportsQuery),
    responses(
        (status = 200, description = "Reports", body = Vec<ReportEntry>),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotACommunityManagerOrAdmin),
    ),
    security(("bearer" = []))
)]
#[get("/community/moderation/reports")]
pub async fn list_reports(
    state: web::Data<AppState>,
    auth: AuthUser,
    query: web::Query<ReportsQuery>,
) -> Result<web::Json<Vec<ReportEntry>>, ApiError> {
    Ok(web::Json(
        moderation::queue(&state, &auth, query.handled.unwrap_or(false)).await?,
    ))
}

/// Close a report
///
/// With the answer the reporter will read. Goes to the moderation log.
#[utoipa::path(
    tag = "community",
    operation_id = "handle_report",
    params(("report_id" = Uuid, Path, description = "The report")),
    request_body = HandleReport,
    responses(
        (status = 200, description = "The report, handled", body = Report),
        (status = 400, response = MalformedBody),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAModeratorOfTheRoom),
        (status = 404, response = NoSuchRoomMessageOrMemberForMe),
        (status = 409, description = "`report_handled`", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = RuleBroken),
    ),
    security(("bearer" = []))
)]
#[post("/community/moderation/reports/{report_id}/handle")]
pub async fn handle_report(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<HandleReport>,
) -> Result<web::Json<Report>, ApiError> {
    Ok(web::Json(
        moderation::handle(&state, &auth, id.into_inner(), body).await?,
    ))
}

/// Hide a message
///
/// Moderators. Its place stays; its text goes for everyone (moderators still read it in the
/// queue). Sockets of the room get `message_updated`. Goes to the moderation log.
#[utoipa::path(
    tag = "community",
    operation_id = "hide_message",
    params(("id" = Uuid, Path, description = "The room"), ("message_id" = Uuid, Path, description = "The message")),
    request_body = ModerationReason,
    responses(
        (status = 200, description = "The message as members now see it", body = Message),
        (status = 400, response = MalformedBody),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAModeratorOfTheRoom),
        (status = 404, response = NoSuchRoomMessageOrMemberForMe),
        (status = 422, response = RuleBroken),
    ),
    security(("bearer" = []))
)]
#[post("/community/rooms/{id}/messages/{message_id}/hide")]
pub async fn hide_message(
    state: web::Data<AppState>,
    auth: AuthUser,
    ids: web::Path<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<ModerationReason>,
) -> Result<web::Json<Message>, ApiError> {
    let (room, message) = ids.into_inner();
    Ok(web::Json(
        moderation::hide(&state, &auth, room, message, body).await?,
    ))
}

/// Mute a member in a room
///
/// She may not post until then, and sees why. Moderators: community managers and admins of the agency, and the room's managers.
/// Goes to the moderation log.
#[utoipa::path(
    tag = "community",
    operation_id = "mute_member",
    params(("id" = Uuid, Path, description = "The room"), ("user_id" = Uuid, Path, description = "The member")),
    request_body = Mute,
    responses(
        (status = 200, description = "The moderation log entry", body = ModerationEntry),
        (status = 400, response = MalformedBody),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAModeratorOfTheRoom),
        (status = 404, response = NoSuchRoomMessageOrMemberForMe),
        (status = 422, response = RuleBroken),
    ),
    security(("bearer" = []))
)]
#[post("/community/rooms/{id}/members/{user_id}/mute")]
pub async fn mute_member(
    state: web::Data<AppState>,
    auth: AuthUser,
    ids: web::Path<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<Mute>,
) -> Result<web::Json<ModerationEntry>, ApiError> {
    let (room, user) = ids.into_inner();
    Ok(web::Json(
        moderation::act_on_member(&state, &auth, room, user, MemberAction::Mute(body)).await?,
    ))
}

/// Remove a member from a room
///
/// She may join again (a public room). Moderators: community managers and admins of the agency, and the room's managers.
/// Goes to the moderation log.
#[utoipa::path(
    tag = "community",
    operation_id = "remove_member",
    params(("id" = Uuid, Path, description = "The room"), ("user_id" = Uuid, Path, description = "The member")),
    request_body = ModerationReason,
    responses(
        (status = 200, description = "The moderation log entry", body = ModerationEntry),
        (status = 400, response = MalformedBody),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAModeratorOfTheRoom),
        (status = 404, response = NoSuchRoomMessageOrMemberForMe),
        (status = 422, response = RuleBroken),
    ),
    security(("bearer" = []))
)]
#[post("/community/rooms/{id}/members/{user_id}/remove")]
pub async fn remove_member(
    state: web::Data<AppState>,
    auth: AuthUser,
    ids: web::Path<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<ModerationReason>,
) -> Result<web::Json<ModerationEntry>, ApiError> {
    let (room, user) = ids.into_inner();
    Ok(web::Json(
        moderation::act_on_member(&state, &auth, room, user, MemberAction::Remove(body)).await?,
    ))
}

/// Ban a member from a room
///
/// She is removed and may not join again. Moderators: community managers and admins of the agency, and the room's managers.
/// Goes to the moderation log.
#[utoipa::path(
    tag = "community",
    operation_id = "ban_member",
    params(("id" = Uuid, Path, description = "The room"), ("user_id" = Uuid, Path, description = "The member")),
    request_body = ModerationReason,
    responses(
        (status = 200, description = "The moderation log entry", body = ModerationEntry),
        (status = 400, response = MalformedBody),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAModeratorOfTheRoom),
        (status = 404, response = NoSuchRoomMessageOrMemberForMe),
        (status = 422, response = RuleBroken),
    ),
    security(("bearer" = []))
)]
#[post("/community/rooms/{id}/members/{user_id}/ban")]
pub async fn ban_member(
    state: web::Data<AppState>,
    auth: AuthUser,
    ids: web::Path<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<ModerationReason>,
) -> Result<web::Json<ModerationEntry>, ApiError> {
    let (room, user) = ids.into_inner();
    Ok(web::Json(
        moderation::act_on_member(&state, &auth, room, user, MemberAction::Ban(body)).await?,
    ))
}

/// Set slow mode for one member
///
/// One message every `seconds` for her in this room (none or 0 ends it). Moderators: community managers and admins of the agency, and the room's managers.
/// Goes to the moderation log.
#[utoipa::path(
    tag = "community",
    operation_id = "set_member_slow_mode",
    params(("id" = Uuid, Path, description = "The room"), ("user_id" = Uuid, Path, description = "The member")),
    request_body = SlowMode,
    responses(
        (status = 200, description = "The moderation log entry", body = ModerationEntry),
        (status = 400, response = MalformedBody),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAModeratorOfTheRoom),
        (status = 404, response = NoSuchRoomMessageOrMemberForMe),
        (status = 422, response = RuleBroken),
    ),
    security(("bearer" = []))
)]
#[post("/community/rooms/{id}/members/{user_id}/slow-mode")]
pub async fn set_member_slow_mode(
    state: web::Data<AppState>,
    auth: AuthUser,
    ids: web::Path<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<SlowMode>,
) -> Result<web::Json<ModerationEntry>, ApiError> {
    let (room, user) = ids.into_inner();
    Ok(web::Json(
        moderation::act_on_member(&state, &auth, room, user, MemberAction::SlowMode(body)).await?,
    ))
}

/// Set slow mode for a room
///
/// One message every `seconds` per member (none or 0 ends it). Moderators; goes to the
/// moderation log.
#[utoipa::path(
    tag = "community",
    operation_id = "set_room_slow_mode",
    params(("id" = Uuid, Path, description = "The room")),
    request_body = SlowMode,
    responses(
        (status = 200, description = "The moderation log entry", body = ModerationEntry),
        (status = 400, response = MalformedBody),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAModeratorOfTheRoom),
        (status = 404, response = NoSuchRoomMessageOrMemberForMe),
        (status = 422, response = RuleBroken),
    ),
    security(("bearer" = []))
)]
#[put("/community/rooms/{id}/slow-mode")]
pub async fn set_room_slow_mode(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<SlowMode>,
) -> Result<web::Json<ModerationEntry>, ApiError> {
    Ok(web::Json(
        moderation::room_slow_mode(&state, &auth, id.into_inner(), body).await?,
    ))
}

/// Which part of the moderation log.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct LogQuery {
    /// One room's entries only.
    pub room_id: Option<Uuid>,
}

/// Read the moderation log
///
/// Community managers and admins (of a room: also its managers): who did what, why and until
/// when, newest first (the last 500).
#[utoipa::path(
    tag = "community",
    operation_id = "list_moderation_log",
    params(LogQuery),
    responses(
        (status = 200, description = "Entries", body = Vec<ModerationEntry>),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAModeratorOfTheRoom),
        (status = 404, response = NoSuchRoomMessageOrMemberForMe),
    ),
    security(("bearer" = []))
)]
#[get("/community/moderation/log")]
pub async fn list_moderation_log(
    state: web::Data<AppState>,
    auth: AuthUser,
    query: web::Query<LogQuery>,
) -> Result<web::Json<Vec<ModerationEntry>>, ApiError> {
    Ok(web::Json(
        moderation::entries(&state, &auth, query.room_id, 500).await?,
    ))
}

/// List the word filter
///
/// Community managers and admins: the agency's terms and what each does.
#[utoipa::path(
    tag = "community",
    operation_id = "list_word_filters",
    responses(
        (status = 200, description = "Terms", body = Vec<WordFilter>),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotACommunityManagerOrAdmin),
    ),
    security(("bearer" = []))
)]
#[get("/community/moderation/filters")]
pub async fn list_word_filters(
    state: web::Data<AppState>,
    auth: AuthUser,
) -> Result<web::Json<Vec<WordFilter>>, ApiError> {
    Ok(web::Json(moderation::filters(&state, &auth).await?))
}

/// Add a term to the word filter
///
/// Whole words, any case: `block` refuses the message, `hold` keeps it from everyone until a
/// moderator releases it, `flag` delivers it and reports it. Adding a term again changes its
/// action. Goes to the moderation log.
#[utoipa::path(
    tag = "community",
    operation_id = "add_word_filter",
    request_body = NewWordFilter,
    responses(
        (status = 201, description = "The term", body = WordFilter),
        (status = 400, response = MalformedBody),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotACommunityManagerOrAdmin),
        (status = 422, response = RuleBroken),
    ),
    security(("bearer" = []))
)]
#[post("/community/moderation/filters")]
pub async fn add_word_filter(
    state: web::Data<AppState>,
    auth: AuthUser,
    ApiJson(body): ApiJson<NewWordFilter>,
) -> Result<HttpResponse, ApiError> {
    let f = moderation::add_filter(&state, &auth, body).await?;
    Ok(HttpResponse::Created().json(f))
}

/// Remove a term from the word filter
///
/// With a reason, for the moderation log.
#[utoipa::path(
    tag = "community",
    operation_id = "remove_word_filter",
    params(("filter_id" = Uuid, Path, description = "The term")),
    request_body = ModerationReason,
    responses(
        (status = 204, description = "Removed"),
        (status = 400, response = MalformedBody),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotACommunityManagerOrAdmin),
        (status = 404, description = "No such term in my agency's filter", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = RuleBroken),
    ),
    security(("bearer" = []))
)]
#[post("/community/moderation/filters/{filter_id}/remove")]
pub async fn remove_word_filter(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<ModerationReason>,
) -> Result<HttpResponse, ApiError> {
    moderation::remove_filter(&state, &auth, id.into_inner(), body).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Release a held message
///
/// A message the word filter held is delivered to the room now. Moderators; logged.
#[utoipa::path(
    tag = "community",
    operation_id = "release_message",
    params(("id" = Uuid, Path, description = "The room"), ("message_id" = Uuid, Path, description = "The message")),
    request_body = ModerationReason,
    responses(
        (status = 200, description = "The message as members now see it", body = Message),
        (status = 400, response = MalformedBody),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAModeratorOfTheRoom),
        (status = 404, response = NoSuchRoomOrMessageForMe),
        (status = 409, description = "`not_held`", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = RuleBroken),
    ),
    security(("bearer" = []))
)]
#[post("/community/rooms/{id}/messages/{message_id}/release")]
pub async fn release_message(
    state: web::Data<AppState>,
    auth: AuthUser,
    ids: web::Path<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<ModerationReason>,
) -> Result<web::Json<Message>, ApiError> {
    let (room, message) = ids.into_inner();
    Ok(web::Json(
        moderation::release(&state, &auth, room, message, body).await?,
    ))
}

/// Add a member to a room
///
/// The room's managers, and community managers and admins of the agency: how private groups get
/// their members (she can leave). A member of the same agency; adding again changes nothing.
#[utoipa::path(
    tag = "community",
    operation_id = "add_member",
    params(("id" = Uuid, Path, description = "The room")),
    request_body = NewMember,
    responses(
        (status = 204, description = "She is a member"),
        (status = 400, response = MalformedBody),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAManagerOfTheRoom),
        (status = 404, response = NoSuchRoomForMe),
        (status = 409, description = "`banned` or `room_archived`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`user_unknown`: not a person of the agency", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/community/rooms/{id}/members")]
pub async fn add_member(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<NewMember>,
) -> Result<HttpResponse, ApiError> {
    moderation::add_member(&state, &auth, id.into_inner(), body).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Change a room's name, description and rules
///
/// The room's managers, and community managers and admins of the agency; with a reason for the
/// moderation log.
#[utoipa::path(
    tag = "community",
    operation_id = "update_room",
    params(("id" = Uuid, Path, description = "The room")),
    request_body = RoomUpdate,
    responses(
        (status = 204, description = "Changed"),
        (status = 400, response = MalformedBody),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAManagerOfTheRoom),
        (status = 404, response = NoSuchRoomForMe),
        (status = 422, response = RuleBroken),
    ),
    security(("bearer" = []))
)]
#[put("/community/rooms/{id}")]
pub async fn update_room(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<RoomUpdate>,
) -> Result<HttpResponse, ApiError> {
    moderation::update_room(&state, &auth, id.into_inner(), body).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Archive a room
///
/// Readable as it is; no new messages or members. With a reason for the moderation log.
#[utoipa::path(
    tag = "community",
    operation_id = "archive_room",
    params(("id" = Uuid, Path, description = "The room")),
    request_body = ModerationReason,
    responses(
        (status = 204, description = "Archived"),
        (status = 400, response = MalformedBody),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAManagerOfTheRoom),
        (status = 404, response = NoSuchRoomForMe),
        (status = 409, description = "`room_archived`: already", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = RuleBroken),
    ),
    security(("bearer" = []))
)]
#[post("/community/rooms/{id}/archive")]
pub async fn archive_room(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<ModerationReason>,
) -> Result<HttpResponse, ApiError> {
    moderation::archive(&state, &auth, id.into_inner(), body).await?;
    Ok(HttpResponse::NoContent().finish())
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
        messages: service::search(&state, &auth, &query.q).await?,
    }))
}

/// Open a direct conversation
///
/// With someone of my agency: staff and anyone; a jobseeker and staff; two jobseekers only
/// while both allow it in their community settings. Two people have one conversation: opening
/// it again answers 200 with it (and makes whoever had left it a member again).
#[utoipa::path(
    tag = "community",
    operation_id = "open_direct",
    request_body = NewDirect,
    responses(
        (status = 201, description = "Opened", body = Room),
        (status = 200, description = "Our existing conversation", body = Room),
        (status = 400, response = MalformedBody),
        (status = 401, response = NotSignedIn),
        (status = 409, description = "`direct_messages_off`: she does not accept direct messages from jobseekers; `direct_messages_off_mine`: I have not turned them on", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`user_unknown` (not a person of my agency) or `direct_self`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/community/direct")]
pub async fn open_direct(
    state: web::Data<AppState>,
    auth: AuthUser,
    ApiJson(body): ApiJson<NewDirect>,
) -> Result<HttpResponse, ApiError> {
    let (room, created) = direct::open(&state, &auth, body).await?;
    Ok(if created {
        HttpResponse::Created().json(room)
    } else {
        HttpResponse::Ok().json(room)
    })
}

/// Whom to look for.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ContactsQuery {
    /// Part of a name, any case (up to 100 characters).
    #[param(max_length = 100)]
    pub q: Option<String>,
}

/// List the people I can write to directly
///
/// Staff of my agency, and jobseekers who share a room with me and accept direct messages (when
/// I do too, or I am staff); staff first, then by name; whether each is online. With `q`, those
/// whose name contains it; staff searching find anyone of the agency (at most 20).
#[utoipa::path(
    tag = "community",
    operation_id = "list_contacts",
    params(ContactsQuery),
    responses(
        (status = 200, description = "Contacts", body = Vec<Contact>),
        (status = 400, response = MalformedQuery),
        (status = 401, response = NotSignedIn),
        (status = 422, description = "`q` too long", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/community/contacts")]
pub async fn list_contacts(
    state: web::Data<AppState>,
    auth: AuthUser,
    query: web::Query<ContactsQuery>,
) -> Result<web::Json<Vec<Contact>>, ApiError> {
    Ok(web::Json(
        direct::contacts(&state, &auth, query.q.as_deref()).await?,
    ))
}

/// Read my community settings
#[utoipa::path(
    tag = "community",
    operation_id = "get_community_settings",
    responses(
        (status = 200, description = "My settings", body = CommunitySettings),
        (status = 401, response = NotSignedIn),
    ),
    security(("bearer" = []))
)]
#[get("/community/settings")]
pub async fn get_community_settings(
    state: web::Data<AppState>,
    auth: AuthUser,
) -> Result<web::Json<CommunitySettings>, ApiError> {
    Ok(web::Json(direct::settings(&state, &auth).await?))
}

/// Save my community settings
///
/// Whether other jobseekers may write to me directly, and whether others see me online.
#[utoipa::path(
    tag = "community",
    operation_id = "save_community_settings",
    request_body = CommunitySettings,
    responses(
        (status = 200, description = "Saved", body = CommunitySettings),
        (status = 400, response = MalformedBody),
        (status = 401, response = NotSignedIn),
    ),
    security(("bearer" = []))
)]
#[put("/community/settings")]
pub async fn save_community_settings(
    state: web::Data<AppState>,
    auth: AuthUser,
    ApiJson(body): ApiJson<CommunitySettings>,
) -> Result<web::Json<CommunitySettings>, ApiError> {
    Ok(web::Json(direct::save_settings(&state, &auth, body).await?))
}

/// List a room's members
///
/// Anyone who can see the room; managers first, then by name, each with whether she is online
/// (unless she chose not to show it). Those who run the room also see each member's mute and
/// slow mode.
#[utoipa::path(
    tag = "community",
    operation_id = "list_room_members",
    params(("id" = Uuid, Path, description = "The room")),
    responses(
        (status = 200, description = "Members", body = Vec<RoomMember>),
        (status = 401, response = NotSignedIn),
        (status = 403, response = BannedFromTheRoom),
        (status = 404, response = NoSuchRoomForMe),
    ),
    security(("bearer" = []))
)]
#[get("/community/rooms/{id}/members")]
pub async fn list_room_members(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<RoomMember>>, ApiError> {
    Ok(web::Json(
        direct::members(&state, &auth, id.into_inner()).await?,
    ))
}
