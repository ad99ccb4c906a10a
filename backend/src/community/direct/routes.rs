//! HTTP face of the community's direct: thin handlers and their spec.

use actix_web::{HttpResponse, get, post, put, web};
use serde::Deserialize;
use shared::{CommunitySettings, Contact, NewDirect, Problem, Room, RoomMember};
use utoipa::IntoParams;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::responses::{
    BannedFromTheRoom, MalformedBody, MalformedQuery, NoSuchRoomForMe, NotSignedIn,
};
use crate::session::AuthUser;
use crate::state::AppState;

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
    let (room, created) = crate::community::direct::service::open(&state, &auth, body).await?;
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
/// Staff of my agency (for a jobseeker, its counsellors and community managers: not its
/// administrator), and jobseekers who share a room with me and accept direct messages (when I do
/// too, or I am staff); staff first, then by name; whether each is online and shows it. With `q`, those
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
        crate::community::direct::service::contacts(&state, &auth, query.q.as_deref()).await?,
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
    Ok(web::Json(
        crate::community::direct::service::settings(&state, &auth).await?,
    ))
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
    Ok(web::Json(
        crate::community::direct::service::save_settings(&state, &auth, body).await?,
    ))
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
        crate::community::direct::service::members(&state, &auth, id.into_inner()).await?,
    ))
}
