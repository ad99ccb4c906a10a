//! Health, liveness and the public list of agencies.

use actix_web::{HttpResponse, get, web};
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};
use shared::{Agency, Health, Problem};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::accounts::agency_dto;
use crate::entities::agency;
use crate::error::ApiError;
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_health).service(ping).service(list_agencies);
}

/// Health of the service
///
/// 200 when the database answers a query, 503 otherwise.
#[utoipa::path(
    tag = "system",
    operation_id = "get_health",
    responses(
        (status = 200, description = "Healthy", body = Health),
        (status = 503, description = "The database does not answer", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/health")]
pub async fn get_health(state: web::Data<AppState>) -> Result<web::Json<Health>, ApiError> {
    state.db.execute_unprepared("SELECT 1").await.map_err(|e| {
        tracing::error!(error = %e, "health check: database unreachable");
        ApiError::Unavailable
    })?;
    Ok(web::Json(Health {
        status: "ok".to_owned(),
        database: "ok".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    }))
}

/// Liveness
///
/// Answers without touching anything: for load balancers, and the baseline of the benchmark.
#[utoipa::path(
    tag = "system",
    operation_id = "ping",
    responses((status = 200, description = "Alive", body = String, content_type = "text/plain", example = "pong"))
)]
#[get("/ping")]
pub async fn ping() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain").body("pong")
}

/// The agencies
///
/// Public: the registration form lets her choose her agency.
#[utoipa::path(
    tag = "system",
    operation_id = "list_agencies",
    responses((status = 200, description = "Every agency", body = Vec<Agency>))
)]
#[get("/agencies")]
pub async fn list_agencies(state: web::Data<AppState>) -> Result<web::Json<Vec<Agency>>, ApiError> {
    let rows = agency::Entity::find()
        .order_by_asc(agency::Column::Slug)
        .all(&state.db)
        .await?;
    Ok(web::Json(rows.into_iter().map(agency_dto).collect()))
}
