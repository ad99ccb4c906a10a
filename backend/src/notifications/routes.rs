//! Her notifications: the bell's list and count, and marking them read.

use actix_web::{HttpResponse, get, post, web};
use serde::Deserialize;
use shared::{Notifications, Problem};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::service;
use crate::error::ApiError;
use crate::responses::{InvalidQueryOrPageToken, NotSignedIn};
use crate::session::AuthUser;
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_notifications)
        .service(read_all_notifications)
        .service(read_notification);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct NotificationsQuery {
    /// 1 to 100; 50 when absent.
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<u64>,
    /// `next_page_token` of the previous page.
    pub page_token: Option<String>,
}

/// My notifications
///
/// Any signed-in account: hers only, newest first, cursor pagination, with how many are
/// unread in all (what the bell shows).
#[utoipa::path(
    tag = "notifications",
    operation_id = "list_notifications",
    params(NotificationsQuery),
    responses(
        (status = 200, description = "A page of her notifications and the unread count", body = Notifications),
        (status = 400, response = InvalidQueryOrPageToken),
        (status = 401, response = NotSignedIn),
        (status = 422, description = "`page_size` out of range", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/me/notifications")]
pub async fn list_notifications(
    state: web::Data<AppState>,
    auth: AuthUser,
    query: web::Query<NotificationsQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let list = service::list(&state.db, &auth, q.page_size, q.page_token.as_deref()).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(list))
}

/// Mark all my notifications read
#[utoipa::path(
    tag = "notifications",
    operation_id = "read_all_notifications",
    responses(
        (status = 204, description = "All read"),
        (status = 401, response = NotSignedIn),
    ),
    security(("bearer" = []))
)]
#[post("/me/notifications/read-all")]
pub async fn read_all_notifications(
    state: web::Data<AppState>,
    auth: AuthUser,
) -> Result<HttpResponse, ApiError> {
    service::read_all(&state.db, &auth).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Mark one of my notifications read
///
/// Another account's notification answers 404.
#[utoipa::path(
    tag = "notifications",
    operation_id = "read_notification",
    params(("id" = Uuid, Path, description = "The notification")),
    responses(
        (status = 204, description = "Read"),
        (status = 401, response = NotSignedIn),
        (status = 404, description = "No such notification of hers", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/me/notifications/{id}/read")]
pub async fn read_notification(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    service::read_one(&state.db, &auth, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
