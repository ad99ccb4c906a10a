//! The opportunities: the staff's editor and life cycle, the public `JobPosting`, her ranked
//! matches and the counsellor's women who fit.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use serde::Deserialize;
use shared::{
    ContractType, FittingWoman, Opportunity, OpportunityInput, OpportunityMatches,
    OpportunityStatus, Page, Problem, WorkMode,
};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::{matching, service};
use crate::caller::Caller;
use crate::error::{ApiError, request_language};
use crate::extract::{ApiJson, if_match_header};
use crate::responses::{InvalidFields, InvalidQueryOrPageToken, NotSignedIn, OnlyJobseekers};
use crate::session::AuthUser;
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_opportunities)
        .service(create_opportunity)
        .service(get_opportunity)
        .service(update_opportunity)
        .service(publish_opportunity)
        .service(close_opportunity)
        .service(opportunity_posting)
        .service(fitting_women)
        .service(my_opportunities)
        .service(my_opportunity);
}

fn with_etag(status: StatusCode, o: &Opportunity) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::ETAG, format!("\"{}\"", o.version)))
        .json(o)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct OpportunitiesQuery {
    pub status: Option<OpportunityStatus>,
    /// Only this employer's.
    pub employer_id: Option<Uuid>,
    /// 1 to 100; 50 when absent.
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<u64>,
    /// `next_page_token` of the previous page.
    pub page_token: Option<String>,
}

/// List the agency's opportunities
///
/// Counsellors and admins of the agency, or an employer's HR (her organisation's only);
/// newest first; cursor pagination.
#[utoipa::path(
    tag = "employers",
    operation_id = "list_opportunities",
    params(OpportunitiesQuery),
    responses(
        (status = 200, description = "A page of opportunities", body = Page<Opportunity>),
        (status = 400, response = InvalidQueryOrPageToken),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not a counsellor, admin or the employer's HR", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`page_size` out of range", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/opportunities")]
pub async fn list_opportunities(
    state: web::Data<AppState>,
    auth: AuthUser,
    query: web::Query<OpportunitiesQuery>,
) -> Result<web::Json<Page<Opportunity>>, ApiError> {
    let q = query.into_inner();
    Ok(web::Json(
        service::list(
            &state,
            &auth,
            q.status,
            q.employer_id,
            q.page_size,
            q.page_token.as_deref(),
        )
        .await?,
    ))
}

/// Write a new opportunity, as a draft
///
/// Counsellors and admins of the agency on behalf of one of its employers, or an employer's
/// HR for her organisation. Every refused field is named at once. The answer's `ETag` is its
/// version.
#[utoipa::path(
    tag = "employers",
    operation_id = "create_opportunity",
    request_body = OpportunityInput,
    responses(
        (status = 201, description = "Saved as a draft", body = Opportunity, headers(("ETag" = String, description = "The version, in quotes"))),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not a counsellor, admin or the employer's HR", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidFields),
    ),
    security(("bearer" = []))
)]
#[post("/opportunities")]
pub async fn create_opportunity(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    ApiJson(body): ApiJson<OpportunityInput>,
) -> Result<HttpResponse, ApiError> {
    let o = service::create(&state, &caller, &auth, body).await?;
    Ok(with_etag(StatusCode::CREATED, &o))
}

/// Read an opportunity
///
/// Counsellors and admins of the agency, whatever its status, or the employer's HR; another
/// agency's (or, for HR, another employer's) answers 404.
#[utoipa::path(
    tag = "employers",
    operation_id = "get_opportunity",
    params(("id" = Uuid, Path, description = "The opportunity")),
    responses(
        (status = 200, description = "The opportunity", body = Opportunity, headers(("ETag" = String, description = "The version, in quotes"))),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not a counsellor, admin or the employer's HR", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such opportunity in the agency", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/opportunities/{id}")]
pub async fn get_opportunity(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let o = service::get(&state, &auth, id.into_inner()).await?;
    Ok(with_etag(StatusCode::OK, &o))
}

/// Change an opportunity
///
/// A draft or a published one (a closed one answers 409), with `If-Match` holding its
/// current `ETag`: a stale one answers 412 and changes nothing.
#[utoipa::path(
    tag = "employers",
    operation_id = "update_opportunity",
    params(
        ("id" = Uuid, Path, description = "The opportunity"),
        ("If-Match" = String, Header, description = "Its current ETag, e.g. \"3\""),
    ),
    request_body = OpportunityInput,
    responses(
        (status = 200, description = "Saved", body = Opportunity, headers(("ETag" = String, description = "The version, in quotes"))),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not a counsellor, admin or the employer's HR", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such opportunity in the agency", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`opportunity_closed`", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "It changed since that ETag", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidFields),
        (status = 428, description = "`If-Match` missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[put("/opportunities/{id}")]
pub async fn update_opportunity(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<OpportunityInput>,
) -> Result<HttpResponse, ApiError> {
    let o = service::update(
        &state,
        &caller,
        &auth,
        id.into_inner(),
        if_match_header(&req),
        body,
    )
    .await?;
    Ok(with_etag(StatusCode::OK, &o))
}

/// Publish a draft
///
/// She can find it and apply from now until its closing date. `If-Match`, when given, must
/// hold its current `ETag`.
#[utoipa::path(
    tag = "employers",
    operation_id = "publish_opportunity",
    params(
        ("id" = Uuid, Path, description = "The opportunity"),
        ("If-Match" = Option<String>, Header, description = "Its current ETag, e.g. \"3\" (optional)"),
    ),
    responses(
        (status = 200, description = "Published", body = Opportunity, headers(("ETag" = String, description = "The version, in quotes"))),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not a counsellor, admin or the employer's HR", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such opportunity in the agency", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`opportunity_not_draft` or `opportunity_closed`", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "It changed since that ETag", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Its closing date has passed (`/closes_on`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/opportunities/{id}/publish")]
pub async fn publish_opportunity(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let o = service::publish(
        &state,
        &caller,
        &auth,
        id.into_inner(),
        if_match_header(&req),
    )
    .await?;
    Ok(with_etag(StatusCode::OK, &o))
}

/// Close an opportunity
///
/// A draft or a published one: no longer found, no new applications. `If-Match`, when
/// given, must hold its current `ETag`.
#[utoipa::path(
    tag = "employers",
    operation_id = "close_opportunity",
    params(
        ("id" = Uuid, Path, description = "The opportunity"),
        ("If-Match" = Option<String>, Header, description = "Its current ETag, e.g. \"3\" (optional)"),
    ),
    responses(
        (status = 200, description = "Closed", body = Opportunity, headers(("ETag" = String, description = "The version, in quotes"))),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not a counsellor, admin or the employer's HR", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such opportunity in the agency", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`opportunity_closed`: it already is", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "It changed since that ETag", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/opportunities/{id}/close")]
pub async fn close_opportunity(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let o = service::close(
        &state,
        &caller,
        &auth,
        id.into_inner(),
        if_match_header(&req),
    )
    .await?;
    Ok(with_etag(StatusCode::OK, &o))
}

/// A published opportunity as schema.org `JobPosting` (JSON-LD)
///
/// For anyone (search engines, other job boards): published and not past its closing date,
/// else 404. Skills are named in the request's language (`Accept-Language`).
#[utoipa::path(
    tag = "employers",
    operation_id = "get_opportunity_posting",
    params(("id" = Uuid, Path, description = "The opportunity")),
    responses(
        (status = 200, description = "JSON-LD", content_type = "application/ld+json", body = Object),
        (status = 404, description = "No such published opportunity", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/opportunities/{id}/posting")]
pub async fn opportunity_posting(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let body = service::posting(&state, id.into_inner(), request_language(&req)).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/ld+json")
        .json(body))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct FittingQuery {
    /// Leave out fits below this score (0 to 1,000).
    #[param(minimum = 0, maximum = 1000)]
    pub min_score: Option<u32>,
    /// 1 to 100; 50 when absent.
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<u64>,
    /// `next_page_token` of the previous page.
    pub page_token: Option<String>,
}

/// The women of the agency who fit an opportunity
///
/// Counsellors and admins of the agency (never an employer's HR): its open cases, best fit first, each with the same
/// explained score she sees (nothing of her household). Each look is audited.
#[utoipa::path(
    tag = "employers",
    operation_id = "list_fitting_women",
    params(("id" = Uuid, Path, description = "The opportunity"), FittingQuery),
    responses(
        (status = 200, description = "A page of women, best fit first", body = Page<FittingWoman>),
        (status = 400, response = InvalidQueryOrPageToken),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not a counsellor or admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such opportunity in the agency", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`min_score` or `page_size` out of range", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/opportunities/{id}/fitting")]
pub async fn fitting_women(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
    query: web::Query<FittingQuery>,
) -> Result<web::Json<Page<FittingWoman>>, ApiError> {
    let q = query.into_inner();
    Ok(web::Json(
        matching::fitting(
            &state,
            &caller,
            &auth,
            id.into_inner(),
            q.min_score,
            q.page_size,
            q.page_token.as_deref(),
        )
        .await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct MyOpportunitiesQuery {
    pub contract: Option<ContractType>,
    pub mode: Option<WorkMode>,
    /// 1 to 100; 50 when absent.
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<u64>,
    /// `next_page_token` of the previous page.
    pub page_token: Option<String>,
}

/// My opportunities, best first, explained
///
/// The open opportunities of her agency ranked by a score of 1,000 in four parts (competences
/// asked, hours within her availability, journey within her limit, a contract she asked for),
/// each explained; beside it, never in it, the gaps the job would open in her children's week
/// with the services that would close them.
#[utoipa::path(
    tag = "employers",
    operation_id = "list_my_opportunities",
    params(MyOpportunitiesQuery),
    responses(
        (status = 200, description = "Her matches", body = OpportunityMatches),
        (status = 400, response = InvalidQueryOrPageToken),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
        (status = 422, description = "`page_size` out of range", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/me/opportunities")]
pub async fn my_opportunities(
    state: web::Data<AppState>,
    auth: AuthUser,
    query: web::Query<MyOpportunitiesQuery>,
) -> Result<web::Json<OpportunityMatches>, ApiError> {
    let q = query.into_inner();
    Ok(web::Json(
        matching::mine(
            &state,
            &auth,
            matching::MineParams {
                contract: q.contract,
                mode: q.mode,
                page_size: q.page_size,
                page_token: q.page_token.as_deref(),
            },
        )
        .await?,
    ))
}

/// One opportunity, explained for me
///
/// An open opportunity of her agency, with its score and the gaps it would open in her week;
/// any other answers 404.
#[utoipa::path(
    tag = "employers",
    operation_id = "get_my_opportunity",
    params(("id" = Uuid, Path, description = "The opportunity")),
    responses(
        (status = 200, description = "It, as the only item", body = OpportunityMatches),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
        (status = 404, description = "No such open opportunity in her agency", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/me/opportunities/{id}")]
pub async fn my_opportunity(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<OpportunityMatches>, ApiError> {
    Ok(web::Json(
        matching::one_for_her(&state, &auth, id.into_inner()).await?,
    ))
}
