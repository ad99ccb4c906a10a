//! The employers of the agency's network.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use serde::Deserialize;
use shared::{Employer, EmployerInput, Page, Problem};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::service;
use crate::caller::Caller;
use crate::error::ApiError;
use crate::extract::{ApiJson, if_match_header};
use crate::responses::{InvalidFields, InvalidQueryOrPageToken, NotSignedIn};
use crate::session::AuthUser;
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_employers)
        .service(create_employer)
        .service(get_employer)
        .service(update_employer);
}

fn with_etag(status: StatusCode, e: &Employer) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::ETAG, format!("\"{}\"", e.version)))
        .json(e)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct EmployersQuery {
    /// Part of the name, any case (up to 100 characters).
    #[param(max_length = 100)]
    pub q: Option<String>,
    /// 1 to 100; 50 when absent.
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<u64>,
    /// `next_page_token` of the previous page.
    pub page_token: Option<String>,
}

/// List the employers of the agency's network
///
/// Staff of the agency; newest first; cursor pagination. An employer's HR gets her own
/// organisation only.
#[utoipa::path(
    tag = "employers",
    operation_id = "list_employers",
    params(EmployersQuery),
    responses(
        (status = 200, description = "A page of employers", body = Page<Employer>),
        (status = 400, response = InvalidQueryOrPageToken),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`q` too long, or `page_size` out of range", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/employers")]
pub async fn list_employers(
    state: web::Data<AppState>,
    auth: AuthUser,
    query: web::Query<EmployersQuery>,
) -> Result<web::Json<Page<Employer>>, ApiError> {
    let q = query.into_inner();
    Ok(web::Json(
        service::list(
            &state,
            &auth,
            q.q.as_deref(),
            q.page_size,
            q.page_token.as_deref(),
        )
        .await?,
    ))
}

/// Add an employer to the agency's network
///
/// The agency's admins. Its seat must be a municipality of the agency's territory. The
/// answer's `ETag` is its version.
#[utoipa::path(
    tag = "employers",
    operation_id = "create_employer",
    request_body = EmployerInput,
    responses(
        (status = 201, description = "Added", body = Employer, headers(("ETag" = String, description = "The version, in quotes"))),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not an admin of the agency", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidFields),
    ),
    security(("bearer" = []))
)]
#[post("/employers")]
pub async fn create_employer(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    ApiJson(body): ApiJson<EmployerInput>,
) -> Result<HttpResponse, ApiError> {
    let e = service::create(&state, &caller, &auth, body).await?;
    Ok(with_etag(StatusCode::CREATED, &e))
}

/// Read an employer
///
/// Staff of the agency, or its own HR; another agency's (or, for HR, another) employer answers
/// 404.
#[utoipa::path(
    tag = "employers",
    operation_id = "get_employer",
    params(("id" = Uuid, Path, description = "The employer")),
    responses(
        (status = 200, description = "The employer", body = Employer, headers(("ETag" = String, description = "The version, in quotes"))),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such employer in the agency", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/employers/{id}")]
pub async fn get_employer(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let e = service::get(&state, &auth, id.into_inner()).await?;
    Ok(with_etag(StatusCode::OK, &e))
}

/// Change an employer
///
/// The agency's admins, or its own HR, with `If-Match` holding its current `ETag`: a stale
/// one answers 412 and changes nothing.
#[utoipa::path(
    tag = "employers",
    operation_id = "update_employer",
    params(
        ("id" = Uuid, Path, description = "The employer"),
        ("If-Match" = String, Header, description = "The employer's current ETag, e.g. \"3\""),
    ),
    request_body = EmployerInput,
    responses(
        (status = 200, description = "Saved; the new ETag is in the header and `version`", body = Employer, headers(("ETag" = String, description = "The version, in quotes"))),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Neither an admin of the agency nor its HR", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such employer in the agency", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The employer changed since that ETag", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidFields),
        (status = 428, description = "`If-Match` missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[put("/employers/{id}")]
pub async fn update_employer(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<EmployerInput>,
) -> Result<HttpResponse, ApiError> {
    let e = service::update(
        &state,
        &caller,
        &auth,
        id.into_inner(),
        if_match_header(&req),
        body,
    )
    .await?;
    Ok(with_etag(StatusCode::OK, &e))
}
