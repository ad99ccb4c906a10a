//! The contributions staff keep current.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use serde::Deserialize;
use shared::{ContributionInput, ContributionScheme, Page, Problem};
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
    cfg.service(list_contributions)
        .service(create_contribution)
        .service(get_contribution)
        .service(update_contribution)
        .service(retire_contribution);
}

fn with_etag(status: StatusCode, c: &ContributionScheme) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::ETAG, format!("\"{}\"", c.version)))
        .json(c)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ContributionsQuery {
    /// 1 to 100; 50 when absent.
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<u64>,
    /// `next_page_token` of the previous page.
    pub page_token: Option<String>,
}

/// List the contributions in force for the agency's territory
///
/// Staff of the agency: the national schemes and the agency's own, those whose check is due
/// soonest first (`due_for_review` when its date has come), then by id.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "list_contributions",
    params(ContributionsQuery),
    responses(
        (status = 200, description = "A page of schemes", body = Page<ContributionScheme>),
        (status = 400, response = InvalidQueryOrPageToken),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`page_size` out of range", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/catalogue/contributions")]
pub async fn list_contributions(
    state: web::Data<AppState>,
    auth: AuthUser,
    query: web::Query<ContributionsQuery>,
) -> Result<web::Json<Page<ContributionScheme>>, ApiError> {
    let q = query.into_inner();
    Ok(web::Json(
        service::list(&state, &auth, q.page_size, q.page_token.as_deref()).await?,
    ))
}

/// Add a contribution of the agency's territory
///
/// The agency's admins and the staff who curate its catalogue. Its municipalities must be in
/// the agency's territory. The answer's `ETag` is its version.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "create_contribution",
    request_body = ContributionInput,
    responses(
        (status = 201, description = "Added", body = ContributionScheme, headers(("ETag" = String, description = "The version, in quotes"))),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Neither an admin nor a curator of the catalogue", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidFields),
    ),
    security(("bearer" = []))
)]
#[post("/catalogue/contributions")]
pub async fn create_contribution(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    ApiJson(body): ApiJson<ContributionInput>,
) -> Result<HttpResponse, ApiError> {
    let c = service::create(&state, &caller, &auth, body).await?;
    Ok(with_etag(StatusCode::CREATED, &c))
}

/// Read a contribution
///
/// Staff of the agency: a national scheme or one of the agency's own (retired ones too);
/// another agency's answers 404.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "get_contribution",
    params(("id" = Uuid, Path, description = "The scheme")),
    responses(
        (status = 200, description = "The scheme", body = ContributionScheme, headers(("ETag" = String, description = "The version, in quotes"))),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such scheme for the agency", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/catalogue/contributions/{id}")]
pub async fn get_contribution(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let c = service::get(&state, &auth, id.into_inner()).await?;
    Ok(with_etag(StatusCode::OK, &c))
}

/// Change or re-check a contribution
///
/// With `If-Match` holding its current `ETag`: a stale one answers 412 and changes nothing.
/// Checking a scheme against its source is a change too: a new `source_checked_on` and
/// `review_by`. A national scheme may be kept by any agency's curators (the same law for all;
/// audited); another agency's scheme answers 404, a retired one too.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "update_contribution",
    params(
        ("id" = Uuid, Path, description = "The scheme"),
        ("If-Match" = String, Header, description = "The scheme's current ETag, e.g. \"3\""),
    ),
    request_body = ContributionInput,
    responses(
        (status = 200, description = "Saved; the new ETag is in the header and `version`", body = ContributionScheme, headers(("ETag" = String, description = "The version, in quotes"))),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Neither an admin nor a curator of the catalogue", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such scheme in force for the agency", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The scheme changed since that ETag", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidFields),
        (status = 428, description = "`If-Match` missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[put("/catalogue/contributions/{id}")]
pub async fn update_contribution(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<ContributionInput>,
) -> Result<HttpResponse, ApiError> {
    let c = service::update(
        &state,
        &caller,
        &auth,
        id.into_inner(),
        if_match_header(&req),
        body,
    )
    .await?;
    Ok(with_etag(StatusCode::OK, &c))
}

/// Retire a contribution of the agency's territory
///
/// It stops counting in her matches at once; nothing is deleted. A national scheme answers
/// 403. Retiring a retired scheme changes nothing.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "retire_contribution",
    params(("id" = Uuid, Path, description = "The scheme")),
    responses(
        (status = 200, description = "Retired", body = ContributionScheme),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Neither an admin nor a curator, or a national scheme", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such scheme for the agency", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/catalogue/contributions/{id}/retire")]
pub async fn retire_contribution(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let c = service::retire(&state, &caller, &auth, id.into_inner()).await?;
    Ok(with_etag(StatusCode::OK, &c))
}
