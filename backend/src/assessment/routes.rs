use actix_web::{get, web};
use shared::{Framework, Instrument, InstrumentSummary, Problem};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::service;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_framework)
        .service(list_instruments)
        .service(get_instrument);
}

/// Read the competency framework
///
/// The newest version: the nine LifeComp competences and the skills parenting trains, each
/// with Italian and English texts, how it shows at home and at work, and its ESCO transversal
/// skill group (code and URI). Public reference data.
#[utoipa::path(
    tag = "assessment",
    operation_id = "get_framework",
    responses((status = 200, description = "The current framework", body = Framework)),
)]
#[get("/competencies")]
pub async fn get_framework(state: web::Data<AppState>) -> Result<web::Json<Framework>, ApiError> {
    Ok(web::Json(service::current_framework(&state.db).await?))
}

/// List the assessment instruments
///
/// Published versions for everyone signed in; admins also see drafts and retired versions.
#[utoipa::path(
    tag = "assessment",
    operation_id = "list_instruments",
    responses(
        (status = 200, description = "Instrument versions, without their items", body = Vec<InstrumentSummary>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/assessment/instruments")]
pub async fn list_instruments(
    state: web::Data<AppState>,
    auth: AuthUser,
) -> Result<web::Json<Vec<InstrumentSummary>>, ApiError> {
    Ok(web::Json(service::list_instruments(&state, &auth).await?))
}

/// Read an instrument version with its items
///
/// A draft or retired version answers 404 to anyone but admins.
#[utoipa::path(
    tag = "assessment",
    operation_id = "get_instrument",
    params(("id" = Uuid, Path, description = "The instrument version")),
    responses(
        (status = 200, description = "The instrument and its items, in both languages", body = Instrument),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such instrument visible to the caller", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/assessment/instruments/{id}")]
pub async fn get_instrument(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Instrument>, ApiError> {
    Ok(web::Json(
        service::get_instrument(&state, &auth, id.into_inner()).await?,
    ))
}
