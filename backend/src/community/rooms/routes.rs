//! HTTP face of the community's rooms: thin handlers and their spec.

use actix_web::{HttpResponse, get, post, web};
use shared::{NewRoom, Problem, Room};
use uuid::Uuid;

use crate::caller::Caller;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::responses::{
    BannedFromTheRoom, MalformedBody, NoSuchRoomForMe, NotACommunityManagerOrAdmin, NotAMember,
    NotSignedIn, RuleBroken,
};
use crate::session::AuthUser;
use crate::state::AppState;

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
    Ok(web::Json(
        crate::community::rooms::service::list(&state, &auth).await?,
    ))
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
    let room = crate::community::rooms::service::create(&state, &caller, &auth, body).await?;
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
        crate::community::rooms::service::get(&state, &auth, id.into_inner()).await?,
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
        crate::community::rooms::service::join(&state, &auth, id.into_inner()).await?,
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
    crate::community::rooms::service::leave(&state, &auth, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
