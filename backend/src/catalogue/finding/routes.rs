//! The public search, her services (matches, shortlist, contact, week, declaration) and the
//! counsellor's view of her shortlist.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use serde::Deserialize;
use shared::{
    Declaration, HoursSource, Matches, Page, Problem, ProviderBrief, Service, ServiceCategory,
    ServiceHit, ShortlistItem, WeekPlan, WeekView,
};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::service::{self, MatchParams, SearchParams};
use crate::caller::Caller;
use crate::error::ApiError;
use crate::extract::{ApiJson, if_match_header};
use crate::responses::{
    InvalidFields, InvalidQueryOrPageToken, NoSuchJobseekerInTheAgency, NotACounsellorOrAdmin,
    NotSignedIn, OnlyJobseekers,
};
use crate::session::AuthUser;
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(search_services)
        .service(get_public_service)
        .service(my_matches)
        .service(my_shortlist)
        .service(save_service)
        .service(unsave_service)
        .service(contact_service)
        .service(my_week)
        .service(save_my_week)
        .service(my_declaration)
        .service(declare)
        .service(forget_declaration)
        .service(staff_shortlist);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SearchQuery {
    /// Part of the name, any case (up to 100 characters).
    #[param(max_length = 100)]
    pub q: Option<String>,
    pub category: Option<ServiceCategory>,
    /// ISTAT code: services with a location in this municipality.
    #[param(pattern = "^[0-9]{6}$")]
    pub municipality: Option<String>,
    /// `lat,lon` (WGS 84): nearest first, within `radius_km`.
    #[param(example = "45.5845,9.2744")]
    pub near: Option<String>,
    /// With `near`: 0.1 to 100 km; 15 when absent.
    #[param(minimum = 0.1, maximum = 100)]
    pub radius_km: Option<f64>,
    /// Open on that day for the whole of those hours, in one opening window:
    /// `day@HH:MM-HH:MM`, e.g. `mon@16:00-18:30`.
    #[param(
        pattern = "^(mon|tue|wed|thu|fri|sat|sun)@([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$",
        example = "mon@16:00-18:30"
    )]
    pub open_at: Option<String>,
    /// Takes someone of this age, in months (0 to 1440).
    #[param(minimum = 0, maximum = 1440)]
    pub age_months: Option<u16>,
    /// 1 to 100; 50 when absent.
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<u64>,
    /// `next_page_token` of the previous page.
    pub page_token: Option<String>,
}

/// Search the conciliation services
///
/// Public information, no account needed: published services of live providers of every
/// agency. With `near`, nearest first within the radius (`distance_km` on each); otherwise by
/// name.
#[utoipa::path(
    tag = "services",
    operation_id = "search_services",
    params(SearchQuery),
    responses(
        (status = 200, description = "A page of services", body = Page<ServiceHit>),
        (status = 400, response = InvalidQueryOrPageToken),
        (status = 422, description = "A parameter breaks its rule: see `errors` (`near`, `radius_km`, `open_at`, `age_months`, `municipality`, `q`, `page_size`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/services")]
pub async fn search_services(
    state: web::Data<AppState>,
    query: web::Query<SearchQuery>,
) -> Result<web::Json<Page<ServiceHit>>, ApiError> {
    let q = query.into_inner();
    let params = SearchParams {
        q: q.q.as_deref(),
        category: q.category,
        municipality: q.municipality.as_deref(),
        near: q.near.as_deref(),
        radius_km: q.radius_km,
        open_at: q.open_at.as_deref(),
        age_months: q.age_months,
        page_size: q.page_size,
        page_token: q.page_token.as_deref(),
    };
    Ok(web::Json(service::search(&state, params).await?))
}

/// Read a published service
///
/// Public information. A signed-in jobseeker's look is counted for her agency (never who).
#[utoipa::path(
    tag = "services",
    operation_id = "get_public_service",
    params(("id" = Uuid, Path, description = "The service")),
    responses(
        (status = 200, description = "The service", body = Service),
        (status = 404, description = "No such published service", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/services/{id}")]
pub async fn get_public_service(
    state: web::Data<AppState>,
    viewer: Option<AuthUser>,
    id: web::Path<Uuid>,
) -> Result<web::Json<Service>, ApiError> {
    Ok(web::Json(
        service::get_public(&state, viewer.as_ref(), id.into_inner()).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct MatchQuery {
    /// Only this category; absent: those her household makes relevant to her.
    pub category: Option<ServiceCategory>,
    /// How far from her municipality: 0.1 to 100 km; 15 when absent.
    #[param(minimum = 0.1, maximum = 100)]
    pub radius_km: Option<f64>,
    /// Measure against these hours instead (`day@HH:MM-HH:MM`), and only services open for all
    /// of them.
    #[param(example = "wed@16:00-18:30")]
    pub open_at: Option<String>,
    /// Only services whose monthly cost after the contributions she is eligible for is at most
    /// this, in euro cents.
    #[param(minimum = 0, maximum = 1000000)]
    pub max_cost_cents: Option<u32>,
    /// Which hours to cover: her week's gaps (the default once she planned a job), her
    /// availability, or none.
    pub hours: Option<HoursSource>,
    /// 1 to 100; 50 when absent.
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<u64>,
    pub page_token: Option<String>,
}

/// Her services, ranked and explained
///
/// From her profile (her municipality, her children's ages, who she cares for, the hours she
/// could work) and her week: each service with its score and why — her hours it covers and
/// leaves open, distance, the ages it takes, its cost a month before and after the
/// contributions she may claim, places. Same profile and catalogue, same order. Her children
/// and care only widen what is shown; they never lower a score.
#[utoipa::path(
    tag = "services",
    operation_id = "my_service_matches",
    params(MatchQuery),
    responses(
        (status = 200, description = "Her matches, best first", body = Matches),
        (status = 400, response = InvalidQueryOrPageToken),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
        (status = 422, description = "A parameter breaks its rule: see `errors`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/me/services/matches")]
pub async fn my_matches(
    state: web::Data<AppState>,
    auth: AuthUser,
    query: web::Query<MatchQuery>,
) -> Result<web::Json<Matches>, ApiError> {
    let q = query.into_inner();
    let params = MatchParams {
        category: q.category,
        radius_km: q.radius_km,
        open_at: q.open_at.as_deref(),
        max_cost_cents: q.max_cost_cents,
        hours: q.hours,
        page_size: q.page_size,
        page_token: q.page_token.as_deref(),
    };
    Ok(web::Json(service::matches(&state, &auth, params).await?))
}

/// Her shortlist
///
/// Newest first; each service as it is now (a retired one says so).
#[utoipa::path(
    tag = "services",
    operation_id = "my_shortlist",
    responses(
        (status = 200, description = "Her shortlist", body = Vec<ShortlistItem>),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
    ),
    security(("bearer" = []))
)]
#[get("/me/shortlist")]
pub async fn my_shortlist(
    state: web::Data<AppState>,
    auth: AuthUser,
) -> Result<web::Json<Vec<ShortlistItem>>, ApiError> {
    Ok(web::Json(service::my_shortlist(&state, &auth).await?))
}

/// Save a service to her shortlist
///
/// A published service; saving it again changes nothing. Answers her shortlist.
#[utoipa::path(
    tag = "services",
    operation_id = "save_service",
    params(("id" = Uuid, Path, description = "The service")),
    responses(
        (status = 200, description = "Her shortlist", body = Vec<ShortlistItem>),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
        (status = 404, description = "No such published service", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[put("/me/shortlist/{id}")]
pub async fn save_service(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<ShortlistItem>>, ApiError> {
    Ok(web::Json(
        service::save(&state, &auth, id.into_inner()).await?,
    ))
}

/// Take a service off her shortlist
///
/// Again: no change.
#[utoipa::path(
    tag = "services",
    operation_id = "unsave_service",
    params(("id" = Uuid, Path, description = "The service")),
    responses(
        (status = 204, description = "Not on her shortlist"),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
    ),
    security(("bearer" = []))
)]
#[delete("/me/shortlist/{id}")]
pub async fn unsave_service(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    service::unsave(&state, &auth, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Contact a service's provider
///
/// Answers the provider's contacts and counts one contact for her agency; the provider is
/// never told who she is.
#[utoipa::path(
    tag = "services",
    operation_id = "contact_service",
    params(("id" = Uuid, Path, description = "The service")),
    responses(
        (status = 200, description = "The provider's contacts", body = ProviderBrief),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
        (status = 404, description = "No such published service", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/me/services/{id}/contact")]
pub async fn contact_service(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<ProviderBrief>, ApiError> {
    Ok(web::Json(
        service::contact(&state, &auth, id.into_inner()).await?,
    ))
}

fn week_response(v: &WeekView) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, format!("\"{}\"", v.version)))
        .json(v)
}

/// Her week
///
/// Per child and day, what covers her working hours (school or crèche, helpers, the services
/// she shortlisted) and the gaps left, each with up to three services that would close it.
/// Before she saves one, her children come from her profile with the usual school hours of
/// their age, at version 0.
#[utoipa::path(
    tag = "services",
    operation_id = "my_week",
    responses(
        (status = 200, description = "Her week", body = WeekView, headers(("ETag" = String, description = "The version, in quotes"))),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
    ),
    security(("bearer" = []))
)]
#[get("/me/week")]
pub async fn my_week(state: web::Data<AppState>, auth: AuthUser) -> Result<HttpResponse, ApiError> {
    Ok(week_response(&service::week(&state, &auth).await?))
}

/// Save her week
///
/// With `If-Match` holding its `ETag` (`"0"` before the first save). Windows in order and
/// apart, journey 0 to 120 minutes, at most 10 children and 10 helpers.
#[utoipa::path(
    tag = "services",
    operation_id = "save_my_week",
    params(("If-Match" = String, Header, description = "Her week's current ETag, e.g. \"0\"")),
    request_body = WeekPlan,
    responses(
        (status = 200, description = "Her week, as saved", body = WeekView, headers(("ETag" = String, description = "The version, in quotes"))),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
        (status = 412, description = "Her week changed since that ETag", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidFields),
        (status = 428, description = "`If-Match` missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[put("/me/week")]
pub async fn save_my_week(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    auth: AuthUser,
    ApiJson(body): ApiJson<WeekPlan>,
) -> Result<HttpResponse, ApiError> {
    let v = service::save_week(&state, &caller, &auth, if_match_header(&req), body).await?;
    Ok(week_response(&v))
}

/// What she declared for contributions
///
/// Bands only, never documents; empty when she declared nothing.
#[utoipa::path(
    tag = "services",
    operation_id = "my_declaration",
    responses(
        (status = 200, description = "What she declared", body = Declaration),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
    ),
    security(("bearer" = []))
)]
#[get("/me/declaration")]
pub async fn my_declaration(
    state: web::Data<AppState>,
    auth: AuthUser,
) -> Result<web::Json<Declaration>, ApiError> {
    Ok(web::Json(service::declaration(&state, &auth).await?))
}

/// Declare her bands for contributions
///
/// Replaces what she declared; every field optional; all empty removes it. Never shown to a
/// provider.
#[utoipa::path(
    tag = "services",
    operation_id = "declare",
    request_body = Declaration,
    responses(
        (status = 200, description = "What she declared", body = Declaration),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
        (status = 422, response = InvalidFields),
    ),
    security(("bearer" = []))
)]
#[put("/me/declaration")]
pub async fn declare(
    state: web::Data<AppState>,
    auth: AuthUser,
    ApiJson(body): ApiJson<Declaration>,
) -> Result<web::Json<Declaration>, ApiError> {
    Ok(web::Json(service::declare(&state, &auth, body).await?))
}

/// Remove what she declared
#[utoipa::path(
    tag = "services",
    operation_id = "forget_declaration",
    responses(
        (status = 204, description = "Removed"),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
    ),
    security(("bearer" = []))
)]
#[delete("/me/declaration")]
pub async fn forget_declaration(
    state: web::Data<AppState>,
    auth: AuthUser,
) -> Result<HttpResponse, ApiError> {
    service::forget_declaration(&state, &auth).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A jobseeker's shortlist, for her counsellor
///
/// Counsellors and admins of her agency; audited (`shortlist_viewed`).
#[utoipa::path(
    tag = "caseload",
    operation_id = "staff_shortlist",
    params(("id" = Uuid, Path, description = "The jobseeker")),
    responses(
        (status = 200, description = "Her shortlist", body = Vec<ShortlistItem>),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotACounsellorOrAdmin),
        (status = 404, response = NoSuchJobseekerInTheAgency),
    ),
    security(("bearer" = []))
)]
#[get("/staff/jobseekers/{id}/shortlist")]
pub async fn staff_shortlist(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<ShortlistItem>>, ApiError> {
    Ok(web::Json(
        service::staff_shortlist(&state, &caller, &auth, id.into_inner()).await?,
    ))
}
