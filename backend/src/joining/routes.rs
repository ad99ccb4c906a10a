//! Requests to join an agency's network: the public form, and the admins' list and decisions.

use actix_web::{HttpResponse, get, post, web};
use serde::Deserialize;
use shared::{
    JoinApproved, JoinDecline, JoinRequest, JoinRequestInput, JoinRequestReceived,
    JoinRequestStatus, Page, Problem,
};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::service;
use crate::caller::Caller;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::responses::{InvalidFields, InvalidQueryOrPageToken, NotAnAdmin, NotSignedIn};
use crate::session::AuthUser;
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(request_to_join)
        .service(list_join_requests)
        .service(approve_join_request)
        .service(decline_join_request);
}

/// Ask to join an agency's network of employers
///
/// Public: an organisation sends what its employer record would be and the HR person who will
/// use its account. The agency's admins are told by e-mail and decide; on approval the HR
/// person gets the one-time link to choose her password. A second request from the same
/// address while the first waits answers the first. The answer never says whether the address
/// has an account. Throttled per client address like a registration.
#[utoipa::path(
    tag = "employers",
    operation_id = "request_to_join",
    request_body = JoinRequestInput,
    responses(
        (status = 202, description = "Received; the agency will decide", body = JoinRequestReceived),
        (status = 422, response = InvalidFields),
        (status = 429, description = "Too many requests", body = Problem, content_type = "application/problem+json",
            headers(
                ("Retry-After" = u64, description = "Seconds to wait"),
                ("X-RateLimit-Limit" = u32, description = "Requests allowed in a burst"),
                ("X-RateLimit-Remaining" = u32, description = "Requests left now (0)"),
                ("X-RateLimit-Reset" = u64, description = "Seconds until a request is allowed again"),
            )),
    )
)]
#[post("/employer-requests")]
pub async fn request_to_join(
    state: web::Data<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<JoinRequestInput>,
) -> Result<HttpResponse, ApiError> {
    let received = service::submit(&state, &caller, body).await?;
    Ok(HttpResponse::Accepted().json(received))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct JoinRequestsQuery {
    /// The requests in this state; `pending` when absent.
    pub status: Option<JoinRequestStatus>,
    /// 1 to 100; 50 when absent.
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<u64>,
    /// `next_page_token` of the previous page.
    pub page_token: Option<String>,
}

/// List the requests to join the agency's network
///
/// The agency's admins; newest first; cursor pagination. Another agency's requests never
/// appear.
#[utoipa::path(
    tag = "employers",
    operation_id = "list_join_requests",
    params(JoinRequestsQuery),
    responses(
        (status = 200, description = "A page of requests", body = Page<JoinRequest>),
        (status = 400, response = InvalidQueryOrPageToken),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAnAdmin),
        (status = 422, description = "`page_size` out of range", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/employer-requests")]
pub async fn list_join_requests(
    state: web::Data<AppState>,
    auth: AuthUser,
    query: web::Query<JoinRequestsQuery>,
) -> Result<web::Json<Page<JoinRequest>>, ApiError> {
    let q = query.into_inner();
    Ok(web::Json(
        service::list(
            &state,
            &auth,
            q.status,
            q.page_size,
            q.page_token.as_deref(),
        )
        .await?,
    ))
}

/// Approve a request to join
///
/// The agency's admins. In one step the organisation joins the network as an employer, its
/// HR person gets an `employer` account with the one-time link (queued as an e-mail), and the
/// request is marked approved. An address that got an account meanwhile answers 409
/// `email_taken` and nothing is written.
#[utoipa::path(
    tag = "employers",
    operation_id = "approve_join_request",
    params(("id" = Uuid, Path, description = "The request")),
    responses(
        (status = 201, description = "Approved: the employer and the HR account", body = JoinApproved),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAnAdmin),
        (status = 404, description = "No such request in the agency", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`request_decided` (approved or declined already) or `email_taken`", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/employer-requests/{id}/approve")]
pub async fn approve_join_request(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let approved = service::approve(&state, &caller, &auth, id.into_inner()).await?;
    Ok(HttpResponse::Created().json(approved))
}

/// Decline a request to join
///
/// The agency's admins, with a reason kept with the request. Nothing else is written; the
/// requester has no account, so the admin answers her at the address in the request.
#[utoipa::path(
    tag = "employers",
    operation_id = "decline_join_request",
    params(("id" = Uuid, Path, description = "The request")),
    request_body = JoinDecline,
    responses(
        (status = 200, description = "Declined", body = JoinRequest),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAnAdmin),
        (status = 404, description = "No such request in the agency", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`request_decided`", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidFields),
    ),
    security(("bearer" = []))
)]
#[post("/employer-requests/{id}/decline")]
pub async fn decline_join_request(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<JoinDecline>,
) -> Result<web::Json<JoinRequest>, ApiError> {
    Ok(web::Json(
        service::decline(&state, &caller, &auth, id.into_inner(), body).await?,
    ))
}
