use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use shared::{
    Answer, Attempt, AttemptProgress, Framework, Instrument, InstrumentSummary, Problem,
    StartAttempt,
};
use tracing_actix_web::RequestId;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::{attempts, service};
use crate::auth::AuthUser;
use crate::auth::routes::caller;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_framework)
        .service(list_instruments)
        .service(get_instrument)
        .service(start_attempt)
        .service(list_attempts)
        .service(get_attempt)
        .service(save_answer)
        .service(submit_attempt);
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

/// Start (or resume) an attempt
///
/// Jobseekers only. Answers 201 with a new attempt, or 200 with the attempt she has in progress
/// for the instrument, so she resumes where she was. 409 `retake_too_soon` before the retake
/// period (settings) has passed since her last submission.
#[utoipa::path(
    tag = "assessment",
    operation_id = "start_attempt",
    request_body = StartAttempt,
    responses(
        (status = 201, description = "A new attempt", body = Attempt),
        (status = 200, description = "Her attempt in progress", body = Attempt),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only jobseekers take instruments", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such published instrument", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Too soon to take it again", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid body", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/assessment/attempts")]
pub async fn start_attempt(
    state: web::Data<AppState>,
    req: HttpRequest,
    request_id: RequestId,
    auth: AuthUser,
    ApiJson(body): ApiJson<StartAttempt>,
) -> Result<HttpResponse, ApiError> {
    let caller = caller(&req, &state, &request_id);
    let (attempt, created) = attempts::start(&state, &caller, &auth, body.instrument_id).await?;
    Ok(if created {
        HttpResponse::Created().json(attempt)
    } else {
        HttpResponse::Ok().json(attempt)
    })
}

/// List my attempts
#[utoipa::path(
    tag = "assessment",
    operation_id = "list_attempts",
    responses(
        (status = 200, description = "Her attempts, newest first", body = Vec<Attempt>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only jobseekers", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/assessment/attempts")]
pub async fn list_attempts(
    state: web::Data<AppState>,
    auth: AuthUser,
) -> Result<web::Json<Vec<Attempt>>, ApiError> {
    Ok(web::Json(attempts::list(&state, &auth).await?))
}

/// Read one of my attempts
///
/// Progress, where to resume, time left, her answers; once submitted, the scores and her
/// previous submitted attempt. Another person's attempt answers 404.
#[utoipa::path(
    tag = "assessment",
    operation_id = "get_attempt",
    params(("id" = Uuid, Path, description = "The attempt")),
    responses(
        (status = 200, description = "The attempt", body = Attempt),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only jobseekers", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such attempt of hers", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/assessment/attempts/{id}")]
pub async fn get_attempt(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Attempt>, ApiError> {
    Ok(web::Json(
        attempts::get(&state, &auth, id.into_inner()).await?,
    ))
}

/// Save an answer
///
/// Saves or replaces her answer to one item while the attempt is in progress; the answer's
/// `kind` must match the item's. 409 once submitted.
#[utoipa::path(
    tag = "assessment",
    operation_id = "save_answer",
    params(
        ("id" = Uuid, Path, description = "The attempt"),
        ("item_id" = Uuid, Path, description = "The item of the attempt's instrument"),
    ),
    request_body = Answer,
    responses(
        (status = 200, description = "Saved; progress now", body = AttemptProgress),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only jobseekers", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such attempt of hers, or item of its instrument", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The attempt was submitted", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The answer does not fit the item", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[put("/assessment/attempts/{id}/answers/{item_id}")]
pub async fn save_answer(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<Answer>,
) -> Result<web::Json<AttemptProgress>, ApiError> {
    let (id, item_id) = path.into_inner();
    Ok(web::Json(
        attempts::save_answer(&state, &auth, id, item_id, body).await?,
    ))
}

/// Submit an attempt
///
/// Scores it (deterministically; see the scores' contributions) and makes it read-only.
#[utoipa::path(
    tag = "assessment",
    operation_id = "submit_attempt",
    params(("id" = Uuid, Path, description = "The attempt")),
    responses(
        (status = 200, description = "Submitted and scored", body = Attempt),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only jobseekers", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such attempt of hers", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already submitted, or nothing answered", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/assessment/attempts/{id}/submit")]
pub async fn submit_attempt(
    state: web::Data<AppState>,
    req: HttpRequest,
    request_id: RequestId,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Attempt>, ApiError> {
    let caller = caller(&req, &state, &request_id);
    Ok(web::Json(
        attempts::submit(&state, &caller, &auth, id.into_inner()).await?,
    ))
}
