//! HTTP face of the community's moderation: thin handlers and their spec.

use actix_web::{HttpResponse, get, post, put, web};
use serde::Deserialize;
use shared::{
    HandleReport, Message, ModerationEntry, ModerationReason, Mute, NewMember, NewReport,
    NewWordFilter, Problem, Report, ReportEntry, RoomUpdate, SlowMode, WordFilter,
};
use utoipa::IntoParams;
use uuid::Uuid;

use crate::community::moderation::service::MemberAction;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::responses::{
    BannedFromTheRoom, MalformedBody, NoSuchRoomForMe, NoSuchRoomMessageOrMemberForMe,
    NoSuchRoomOrMessageForMe, NotACommunityManagerOrAdmin, NotAManagerOfTheRoom,
    NotAModeratorOfTheRoom, NotSignedIn, RuleBroken,
};
use crate::session::AuthUser;
use crate::state::AppState;

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
    let r =
        crate::community::moderation::service::report(&state, &auth, room, message, body).await?;
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
    Ok(web::Json(
        crate::community::moderation::service::my_reports(&state, &auth).await?,
    ))
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
        crate::community::moderation::service::queue(&state, &auth, query.handled.unwrap_or(false))
            .await?,
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
        crate::community::moderation::service::handle(&state, &auth, id.into_inner(), body).await?,
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
        crate::community::moderation::service::hide(&state, &auth, room, message, body).await?,
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
        crate::community::moderation::service::act_on_member(
            &state,
            &auth,
            room,
            user,
            MemberAction::Mute(body),
        )
        .await?,
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
        crate::community::moderation::service::act_on_member(
            &state,
            &auth,
            room,
            user,
            MemberAction::Remove(body),
        )
        .await?,
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
        crate::community::moderation::service::act_on_member(
            &state,
            &auth,
            room,
            user,
            MemberAction::Ban(body),
        )
        .await?,
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
        crate::community::moderation::service::act_on_member(
            &state,
            &auth,
            room,
            user,
            MemberAction::SlowMode(body),
        )
        .await?,
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
        crate::community::moderation::service::room_slow_mode(&state, &auth, id.into_inner(), body)
            .await?,
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
        crate::community::moderation::service::entries(&state, &auth, query.room_id, 500).await?,
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
    Ok(web::Json(
        crate::community::moderation::service::filters(&state, &auth).await?,
    ))
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
    let f = crate::community::moderation::service::add_filter(&state, &auth, body).await?;
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
    crate::community::moderation::service::remove_filter(&state, &auth, id.into_inner(), body)
        .await?;
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
        crate::community::moderation::service::release(&state, &auth, room, message, body).await?,
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
    crate::community::moderation::service::add_member(&state, &auth, id.into_inner(), body).await?;
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
    crate::community::moderation::service::update_room(&state, &auth, id.into_inner(), body)
        .await?;
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
    crate::community::moderation::service::archive(&state, &auth, id.into_inner(), body).await?;
    Ok(HttpResponse::NoContent().finish())
}
