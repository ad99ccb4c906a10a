//! Applications: hers (apply, list, withdraw, accept or decline a proposal), the counsellor's
//! proposals, and the employer's side (applicants of an opportunity, moving one).

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use shared::{Applicant, Application, ApplicationInput, Problem, ProposalInput, StatusChange};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::service;
use crate::caller::Caller;
use crate::error::ApiError;
use crate::extract::{ApiJson, if_match_header};
use crate::responses::{InvalidFields, NotSignedIn, OnlyJobseekers};
use crate::session::AuthUser;
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(my_applications)
        .service(apply)
        .service(withdraw_application)
        .service(accept_proposal)
        .service(decline_proposal)
        .service(propose)
        .service(list_applicants)
        .service(move_application);
}

fn created(a: &Application) -> HttpResponse {
    HttpResponse::build(StatusCode::CREATED).json(a)
}

/// My applications, and the proposals made to me
///
/// Newest first, each with its steps and, when she was not selected, the reason.
#[utoipa::path(
    tag = "applications",
    operation_id = "list_my_applications",
    responses(
        (status = 200, description = "Her applications and proposals", body = Vec<Application>),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
    ),
    security(("bearer" = []))
)]
#[get("/me/applications")]
pub async fn my_applications(
    state: web::Data<AppState>,
    auth: AuthUser,
) -> Result<web::Json<Vec<Application>>, ApiError> {
    Ok(web::Json(service::mine(&state, &auth).await?))
}

/// Apply to an opportunity
///
/// An open opportunity of her agency, once. The employer sees her note, her validated
/// portfolio (when she has one) and only the parts of her profile in `share`.
#[utoipa::path(
    tag = "applications",
    operation_id = "apply",
    params(("id" = Uuid, Path, description = "The opportunity")),
    request_body = ApplicationInput,
    responses(
        (status = 201, description = "Sent", body = Application),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
        (status = 404, description = "No such open opportunity in her agency", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_applied` (or proposed)", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidFields),
    ),
    security(("bearer" = []))
)]
#[post("/me/opportunities/{id}/application")]
pub async fn apply(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<ApplicationInput>,
) -> Result<HttpResponse, ApiError> {
    let a = service::apply(&state, &caller, &auth, id.into_inner(), body).await?;
    Ok(created(&a))
}

/// Withdraw my application
///
/// While it is received, at interview or offer: the employer no longer sees it, at once.
#[utoipa::path(
    tag = "applications",
    operation_id = "withdraw_application",
    params(("id" = Uuid, Path, description = "Her application")),
    responses(
        (status = 200, description = "Withdrawn", body = Application),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
        (status = 404, description = "No such application of hers", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`application_ended`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/me/applications/{id}/withdraw")]
pub async fn withdraw_application(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Application>, ApiError> {
    Ok(web::Json(
        service::withdraw(&state, &caller, &auth, id.into_inner()).await?,
    ))
}

/// Accept a proposal
///
/// It becomes her application, with her note and what she shares; only then does the
/// employer see her.
#[utoipa::path(
    tag = "applications",
    operation_id = "accept_proposal",
    params(("id" = Uuid, Path, description = "The proposal")),
    request_body = ApplicationInput,
    responses(
        (status = 200, description = "Accepted: now an application", body = Application),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
        (status = 404, description = "No such proposal of hers", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_a_proposal` or `opportunity_not_open`", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidFields),
    ),
    security(("bearer" = []))
)]
#[post("/me/applications/{id}/accept")]
pub async fn accept_proposal(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<ApplicationInput>,
) -> Result<web::Json<Application>, ApiError> {
    Ok(web::Json(
        service::accept(&state, &caller, &auth, id.into_inner(), body).await?,
    ))
}

/// Decline a proposal
///
/// The employer never sees it.
#[utoipa::path(
    tag = "applications",
    operation_id = "decline_proposal",
    params(("id" = Uuid, Path, description = "The proposal")),
    responses(
        (status = 200, description = "Declined", body = Application),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
        (status = 404, description = "No such proposal of hers", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_a_proposal`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/me/applications/{id}/decline")]
pub async fn decline_proposal(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Application>, ApiError> {
    Ok(web::Json(
        service::decline(&state, &caller, &auth, id.into_inner()).await?,
    ))
}

/// Propose a woman of the agency for an opportunity
///
/// Counsellors and admins; a published opportunity still open, a jobseeker of the agency.
/// She is told and accepts or declines in the app; the employer sees nothing before.
#[utoipa::path(
    tag = "applications",
    operation_id = "propose_for_opportunity",
    params(("id" = Uuid, Path, description = "The opportunity")),
    request_body = ProposalInput,
    responses(
        (status = 201, description = "Proposed: waiting for her answer", body = Application),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not a counsellor or admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such opportunity in the agency", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`opportunity_not_open` or `already_applied`", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidFields),
    ),
    security(("bearer" = []))
)]
#[post("/opportunities/{id}/proposals")]
pub async fn propose(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<ProposalInput>,
) -> Result<HttpResponse, ApiError> {
    let a = service::propose(&state, &caller, &auth, id.into_inner(), body).await?;
    Ok(created(&a))
}

/// The applicants of an opportunity
///
/// Counsellors and admins of the agency, or the employer's HR. Those who applied or accepted a proposal and did not withdraw, oldest first: each with
/// her validated portfolio and only the parts of her profile she shared. Each look is
/// audited.
#[utoipa::path(
    tag = "applications",
    operation_id = "list_applicants",
    params(("id" = Uuid, Path, description = "The opportunity")),
    responses(
        (status = 200, description = "Its applicants", body = Vec<Applicant>),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not a counsellor, admin or the employer's HR", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such opportunity in the agency", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/opportunities/{id}/applicants")]
pub async fn list_applicants(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<Applicant>>, ApiError> {
    Ok(web::Json(
        service::applicants(&state, &caller, &auth, id.into_inner()).await?,
    ))
}

/// Move an applicant
///
/// Counsellors and admins of the agency, or the employer's HR. One step on (`received` → `interview` → `offer` → `hired`) or to `not_selected` with the
/// reason she reads. `If-Match`, when given, must hold her application's `version`.
#[utoipa::path(
    tag = "applications",
    operation_id = "move_application",
    params(
        ("id" = Uuid, Path, description = "The application"),
        ("If-Match" = Option<String>, Header, description = "Its version in quotes, e.g. \"2\" (optional)"),
    ),
    request_body = StatusChange,
    responses(
        (status = 200, description = "Moved", body = Applicant, headers(("ETag" = String, description = "The version, in quotes"))),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not a counsellor, admin or the employer's HR", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application the employer sees, in the agency", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`move_not_allowed`", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "It changed since that version", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidFields),
    ),
    security(("bearer" = []))
)]
#[post("/applications/{id}/status")]
pub async fn move_application(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<StatusChange>,
) -> Result<HttpResponse, ApiError> {
    let a = service::move_status(
        &state,
        &caller,
        &auth,
        id.into_inner(),
        if_match_header(&req),
        body,
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, format!("\"{}\"", a.version)))
        .json(a))
}
