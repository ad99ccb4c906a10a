//! Locations and services, for staff: read by the agency's staff, written by its admins and
//! catalogue curators.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use serde::Deserialize;
use shared::{
    Location, LocationInput, Page, Problem, Service, ServiceCategory, ServiceInput, ServiceStatus,
};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::repo::StaffFilter;
use super::service::{self, ListQuery, Step};
use crate::caller::Caller;
use crate::error::ApiError;
use crate::extract::{ApiJson, if_match_header};
use crate::responses::{InvalidFields, InvalidQueryOrPageToken, NotSignedIn};
use crate::session::AuthUser;
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_locations)
        .service(create_location)
        .service(update_location)
        .service(retire_location)
        .service(list_services)
        .service(create_service)
        .service(get_service)
        .service(update_service)
        .service(publish_service)
        .service(retire_service)
        .service(verify_service);
}

fn tagged<T: serde::Serialize>(status: StatusCode, version: u32, body: &T) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::ETAG, format!("\"{version}\"")))
        .json(body)
}

/// A provider's locations
///
/// Staff of the agency; by name; retired ones too (with `retired_at`).
#[utoipa::path(
    tag = "catalogue",
    operation_id = "list_locations",
    params(("id" = Uuid, Path, description = "The provider")),
    responses(
        (status = 200, description = "Its locations", body = Vec<Location>),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such provider in the agency", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/catalogue/providers/{id}/locations")]
pub async fn list_locations(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<Location>>, ApiError> {
    Ok(web::Json(
        service::list_locations(&state, &auth, id.into_inner()).await?,
    ))
}

/// Add a location to a provider
///
/// The agency's admins and catalogue curators. The municipality must be of the agency's
/// territory; coordinates in WGS 84.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "create_location",
    params(("id" = Uuid, Path, description = "The provider")),
    request_body = LocationInput,
    responses(
        (status = 201, description = "Added", body = Location, headers(("ETag" = String, description = "The version, in quotes"))),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Neither an admin nor a curator of the catalogue", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such provider in the agency", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The provider is retired (`provider_retired`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidFields),
    ),
    security(("bearer" = []))
)]
#[post("/catalogue/providers/{id}/locations")]
pub async fn create_location(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<LocationInput>,
) -> Result<HttpResponse, ApiError> {
    let l = service::create_location(&state, &caller, &auth, id.into_inner(), body).await?;
    Ok(tagged(StatusCode::CREATED, l.version, &l))
}

/// Change a location
///
/// With `If-Match` holding its current `ETag`.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "update_location",
    params(
        ("id" = Uuid, Path, description = "The location"),
        ("If-Match" = String, Header, description = "The location's current ETag, e.g. \"3\""),
    ),
    request_body = LocationInput,
    responses(
        (status = 200, description = "Saved", body = Location, headers(("ETag" = String, description = "The version, in quotes"))),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Neither an admin nor a curator of the catalogue", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such location in the agency", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The location changed since that ETag", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidFields),
        (status = 428, description = "`If-Match` missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[put("/catalogue/locations/{id}")]
pub async fn update_location(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<LocationInput>,
) -> Result<HttpResponse, ApiError> {
    let l = service::update_location(
        &state,
        &caller,
        &auth,
        id.into_inner(),
        if_match_header(&req),
        body,
    )
    .await?;
    Ok(tagged(StatusCode::OK, l.version, &l))
}

/// Retire a location
///
/// Only when no draft or published service is given there; nothing is deleted; again: no
/// change.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "retire_location",
    params(("id" = Uuid, Path, description = "The location")),
    responses(
        (status = 200, description = "Retired", body = Location),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Neither an admin nor a curator of the catalogue", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such location in the agency", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Services still run there (`location_in_use`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/catalogue/locations/{id}/retire")]
pub async fn retire_location(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let l = service::retire_location(&state, &caller, &auth, id.into_inner()).await?;
    Ok(tagged(StatusCode::OK, l.version, &l))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ServicesQuery {
    /// Part of the name, any case (up to 100 characters).
    #[param(max_length = 100)]
    pub q: Option<String>,
    pub status: Option<ServiceStatus>,
    pub category: Option<ServiceCategory>,
    /// Only this provider's.
    pub provider_id: Option<Uuid>,
    /// 1 to 100; 50 when absent.
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<u64>,
    /// `next_page_token` of the previous page.
    pub page_token: Option<String>,
}

/// List the agency's services
///
/// Staff of the agency; newest first; every status unless one is asked; cursor pagination.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "list_services",
    params(ServicesQuery),
    responses(
        (status = 200, description = "A page of services", body = Page<Service>),
        (status = 400, response = InvalidQueryOrPageToken),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`q` too long, or `page_size` out of range", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/catalogue/services")]
pub async fn list_services(
    state: web::Data<AppState>,
    auth: AuthUser,
    query: web::Query<ServicesQuery>,
) -> Result<web::Json<Page<Service>>, ApiError> {
    let q = query.into_inner();
    let list = ListQuery {
        filter: StaffFilter {
            q: q.q.as_deref(),
            status: q.status,
            category: q.category,
            provider: q.provider_id,
        },
        page_size: q.page_size,
        page_token: q.page_token.as_deref(),
    };
    Ok(web::Json(
        service::list_services(&state, &auth, list).await?,
    ))
}

/// Add a service
///
/// As a draft: nobody outside the agency's staff sees it until it is published. Every field
/// is checked and every broken rule reported (windows in order and apart, ages in order,
/// prices in range, locations of the same provider).
#[utoipa::path(
    tag = "catalogue",
    operation_id = "create_service",
    request_body = ServiceInput,
    responses(
        (status = 201, description = "Added, as a draft", body = Service, headers(("ETag" = String, description = "The version, in quotes"))),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Neither an admin nor a curator of the catalogue", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidFields),
    ),
    security(("bearer" = []))
)]
#[post("/catalogue/services")]
pub async fn create_service(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    ApiJson(body): ApiJson<ServiceInput>,
) -> Result<HttpResponse, ApiError> {
    let s = service::create_service(&state, &caller, &auth, body).await?;
    Ok(tagged(StatusCode::CREATED, s.version, &s))
}

/// Read a service
///
/// Staff of the agency, whatever its status; another agency's answers 404.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "get_service",
    params(("id" = Uuid, Path, description = "The service")),
    responses(
        (status = 200, description = "The service", body = Service, headers(("ETag" = String, description = "The version, in quotes"))),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service in the agency", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/catalogue/services/{id}")]
pub async fn get_service(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let s = service::get_service(&state, &auth, id.into_inner()).await?;
    Ok(tagged(StatusCode::OK, s.version, &s))
}

/// Change a service
///
/// With `If-Match` holding its current `ETag`; its windows, prices and locations are replaced
/// with the ones sent, in one transaction; its status stays.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "update_service",
    params(
        ("id" = Uuid, Path, description = "The service"),
        ("If-Match" = String, Header, description = "The service's current ETag, e.g. \"3\""),
    ),
    request_body = ServiceInput,
    responses(
        (status = 200, description = "Saved", body = Service, headers(("ETag" = String, description = "The version, in quotes"))),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Neither an admin nor a curator of the catalogue", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service in the agency", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The service changed since that ETag", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidFields),
        (status = 428, description = "`If-Match` missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[put("/catalogue/services/{id}")]
pub async fn update_service(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<ServiceInput>,
) -> Result<HttpResponse, ApiError> {
    let s = service::update_service(
        &state,
        &caller,
        &auth,
        id.into_inner(),
        if_match_header(&req),
        body,
    )
    .await?;
    Ok(tagged(StatusCode::OK, s.version, &s))
}

async fn stepped(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
    step: Step,
) -> Result<HttpResponse, ApiError> {
    let s = service::step(&state, &caller, &auth, id.into_inner(), step).await?;
    Ok(tagged(StatusCode::OK, s.version, &s))
}

/// Publish a service
///
/// Anyone can then find it in `GET /services`. Its provider must not be retired. Publishing
/// a published service changes nothing; a retired one comes back.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "publish_service",
    params(("id" = Uuid, Path, description = "The service")),
    responses(
        (status = 200, description = "Published", body = Service),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Neither an admin nor a curator of the catalogue", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service in the agency", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Its provider is retired (`provider_retired`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/catalogue/services/{id}/publish")]
pub async fn publish_service(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    stepped(state, caller, auth, id, Step::Publish).await
}

/// Retire a service
///
/// It leaves the search and her matches; her shortlist keeps it, marked retired; nothing is
/// deleted. Again: no change.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "retire_service",
    params(("id" = Uuid, Path, description = "The service")),
    responses(
        (status = 200, description = "Retired", body = Service),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Neither an admin nor a curator of the catalogue", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service in the agency", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/catalogue/services/{id}/retire")]
pub async fn retire_service(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    stepped(state, caller, auth, id, Step::Retire).await
}

/// Mark a service as checked
///
/// Staff checked its information with the provider: `verified_at` becomes now.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "verify_service",
    params(("id" = Uuid, Path, description = "The service")),
    responses(
        (status = 200, description = "Checked", body = Service),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Neither an admin nor a curator of the catalogue", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service in the agency", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/catalogue/services/{id}/verify")]
pub async fn verify_service(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    stepped(state, caller, auth, id, Step::Verify).await
}
