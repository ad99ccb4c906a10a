//! The catalogue's operations: providers, so far.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use serde::Deserialize;
use shared::{Page, Problem, Provider, ProviderInput};
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
    cfg.service(list_providers)
        .service(create_provider)
        .service(get_provider)
        .service(update_provider)
        .service(retire_provider);
}

fn with_etag(status: actix_web::http::StatusCode, p: &Provider) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::ETAG, format!("\"{}\"", p.version)))
        .json(p)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ProvidersQuery {
    /// Part of the name, any case (up to 100 characters).
    #[param(max_length = 100)]
    pub q: Option<String>,
    /// Also the retired ones.
    #[serde(default)]
    pub include_retired: bool,
    /// 1 to 100; 50 when absent.
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<u64>,
    /// `next_page_token` of the previous page.
    pub page_token: Option<String>,
}

/// List the agency's providers of conciliation services
///
/// Staff of the agency; newest first; cursor pagination; retired ones only when asked.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "list_providers",
    params(ProvidersQuery),
    responses(
        (status = 200, description = "A page of providers", body = Page<Provider>),
        (status = 400, response = InvalidQueryOrPageToken),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`q` too long, or `page_size` out of range", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/catalogue/providers")]
pub async fn list_providers(
    state: web::Data<AppState>,
    auth: AuthUser,
    query: web::Query<ProvidersQuery>,
) -> Result<web::Json<Page<Provider>>, ApiError> {
    let q = query.into_inner();
    Ok(web::Json(
        service::list_providers(
            &state,
            &auth,
            q.q.as_deref(),
            q.include_retired,
            q.page_size,
            q.page_token.as_deref(),
        )
        .await?,
    ))
}

/// Add a provider
///
/// The agency's admins and the staff who curate its catalogue. Texts are trimmed; empty
/// optional fields are dropped. The answer's `ETag` is the provider's version.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "create_provider",
    request_body = ProviderInput,
    responses(
        (status = 201, description = "Added", body = Provider, headers(("ETag" = String, description = "The version, in quotes"))),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Neither an admin nor a curator of the catalogue", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidFields),
    ),
    security(("bearer" = []))
)]
#[post("/catalogue/providers")]
pub async fn create_provider(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    ApiJson(body): ApiJson<ProviderInput>,
) -> Result<HttpResponse, ApiError> {
    let p = service::create_provider(&state, &caller, &auth, body).await?;
    Ok(with_etag(actix_web::http::StatusCode::CREATED, &p))
}

/// Read a provider
///
/// Staff of the agency; another agency's provider answers 404.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "get_provider",
    params(("id" = Uuid, Path, description = "The provider")),
    responses(
        (status = 200, description = "The provider", body = Provider, headers(("ETag" = String, description = "The version, in quotes"))),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such provider in the agency", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/catalogue/providers/{id}")]
pub async fn get_provider(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let p = service::get_provider(&state, &auth, id.into_inner()).await?;
    Ok(with_etag(actix_web::http::StatusCode::OK, &p))
}

/// Change a provider
///
/// With `If-Match` holding the provider's current `ETag`: a stale one answers 412 and changes
/// nothing. Every field is checked and every broken rule reported.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "update_provider",
    params(
        ("id" = Uuid, Path, description = "The provider"),
        ("If-Match" = String, Header, description = "The provider's current ETag, e.g. \"3\""),
    ),
    request_body = ProviderInput,
    responses(
        (status = 200, description = "Saved; the new ETag is in the header and `version`", body = Provider, headers(("ETag" = String, description = "The version, in quotes"))),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Neither an admin nor a curator of the catalogue", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such provider in the agency", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The provider changed since that ETag", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidFields),
        (status = 428, description = "`If-Match` missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[put("/catalogue/providers/{id}")]
pub async fn update_provider(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<ProviderInput>,
) -> Result<HttpResponse, ApiError> {
    let p = service::update_provider(
        &state,
        &caller,
        &auth,
        id.into_inner(),
        if_match_header(&req),
        body,
    )
    .await?;
    Ok(with_etag(actix_web::http::StatusCode::OK, &p))
}

/// Retire a provider
///
/// Its services leave the search; nothing is deleted. Retiring a retired provider changes
/// nothing.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "retire_provider",
    params(("id" = Uuid, Path, description = "The provider")),
    responses(
        (status = 200, description = "Retired", body = Provider),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Neither an admin nor a curator of the catalogue", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such provider in the agency", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/catalogue/providers/{id}/retire")]
pub async fn retire_provider(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let p = service::retire_provider(&state, &caller, &auth, id.into_inner()).await?;
    Ok(with_etag(actix_web::http::StatusCode::OK, &p))
}
