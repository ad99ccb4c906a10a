use actix_web::{HttpResponse, get, post, put, web};
use serde::Deserialize;
use shared::{
    CatalogueCurator, CreateStaffRequest, EmployerAccountRequest, Page, Problem, Role,
    StaffCreated, UserAccount, UserId,
};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::service;
use crate::caller::Caller;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::responses::{
    EmailTaken, InvalidFields, InvalidQueryOrPageToken, NoSuchAccountInTheAgency, NotAnAdmin,
    NotSignedIn,
};
use crate::session::AuthUser;
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_staff)
        .service(list_users)
        .service(disable_user)
        .service(enable_user)
        .service(set_catalogue_curator)
        .service(invite_employer_account)
        .service(list_employer_accounts);
}

/// Create a staff account
///
/// Admins only. The account joins the admin's agency with no password; a one-time
/// set-password link is queued by email (logged in development).
#[utoipa::path(
    tag = "admin",
    operation_id = "create_staff",
    request_body = CreateStaffRequest,
    responses(
        (status = 201, description = "Account created; set-password link sent", body = StaffCreated),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAnAdmin),
        (status = 409, response = EmailTaken),
        (status = 422, response = InvalidFields),
    ),
    security(("bearer" = []))
)]
#[post("/admin/staff")]
pub async fn create_staff(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    ApiJson(body): ApiJson<CreateStaffRequest>,
) -> Result<HttpResponse, ApiError> {
    let created = service::create_staff(&state, &caller, &auth, body).await?;
    Ok(HttpResponse::Created().json(created))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ListUsersQuery {
    /// Only accounts with this role.
    pub role: Option<Role>,
    /// 1 to 100; 50 when absent.
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<u64>,
    /// `next_page_token` of the previous page.
    pub page_token: Option<String>,
}

/// List the agency's accounts
///
/// Admins only; newest first; cursor pagination.
#[utoipa::path(
    tag = "admin",
    operation_id = "list_users",
    params(ListUsersQuery),
    responses(
        (status = 200, description = "A page of accounts", body = Page<UserAccount>),
        (status = 400, response = InvalidQueryOrPageToken),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAnAdmin),
    ),
    security(("bearer" = []))
)]
#[get("/admin/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    query: web::Query<ListUsersQuery>,
) -> Result<web::Json<Page<UserAccount>>, ApiError> {
    let q = query.into_inner();
    Ok(web::Json(
        service::list_users(
            &state,
            &caller,
            &auth,
            q.role,
            q.page_size,
            q.page_token.as_deref(),
        )
        .await?,
    ))
}

/// Disable an account
///
/// Admins only, within their agency (another agency's account answers 404). Ends the
/// account's sessions at once; its tokens stop working on the next request.
#[utoipa::path(
    tag = "admin",
    operation_id = "disable_user",
    params(("id" = UserId, Path, description = "The account")),
    responses(
        (status = 200, description = "Disabled", body = UserAccount),
        (status = 400, description = "An admin cannot disable herself", body = Problem, content_type = "application/problem+json"),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAnAdmin),
        (status = 404, response = NoSuchAccountInTheAgency),
    ),
    security(("bearer" = []))
)]
#[post("/admin/users/{id}/disable")]
pub async fn disable_user(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<UserId>,
) -> Result<web::Json<UserAccount>, ApiError> {
    Ok(web::Json(
        service::set_disabled(&state, &caller, &auth, id.into_inner().0, true).await?,
    ))
}

/// Enable an account again
#[utoipa::path(
    tag = "admin",
    operation_id = "enable_user",
    params(("id" = UserId, Path, description = "The account")),
    responses(
        (status = 200, description = "Enabled", body = UserAccount),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAnAdmin),
        (status = 404, response = NoSuchAccountInTheAgency),
    ),
    security(("bearer" = []))
)]
#[post("/admin/users/{id}/enable")]
pub async fn enable_user(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<UserId>,
) -> Result<web::Json<UserAccount>, ApiError> {
    Ok(web::Json(
        service::set_disabled(&state, &caller, &auth, id.into_inner().0, false).await?,
    ))
}

/// Make a staff member a curator of the catalogue, or not
///
/// Admins only, within their agency (another agency's account answers 404). Curators add and
/// change the agency's providers and services of conciliation; admins always may.
#[utoipa::path(
    tag = "admin",
    operation_id = "set_catalogue_curator",
    params(("id" = UserId, Path, description = "The staff account")),
    request_body = CatalogueCurator,
    responses(
        (status = 200, description = "Saved", body = UserAccount),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAnAdmin),
        (status = 404, response = NoSuchAccountInTheAgency),
        (status = 422, description = "The account is a jobseeker's", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[put("/admin/users/{id}/catalogue-curator")]
pub async fn set_catalogue_curator(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<UserId>,
    ApiJson(body): ApiJson<CatalogueCurator>,
) -> Result<web::Json<UserAccount>, ApiError> {
    Ok(web::Json(
        service::set_catalogue_curator(&state, &caller, &auth, id.into_inner().0, body.curator)
            .await?,
    ))
}

/// Invite an HR person of an employer
///
/// The agency's admins: an `employer` account bound to this organisation, with the one-time
/// link to choose a password (as for staff). She then writes the organisation's
/// opportunities and follows their applicants; nothing else of the platform.
#[utoipa::path(
    tag = "employers",
    operation_id = "invite_employer_account",
    params(("id" = Uuid, Path, description = "The employer")),
    request_body = EmployerAccountRequest,
    responses(
        (status = 201, description = "Created; the link is on its way", body = StaffCreated),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not an admin of the agency", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such employer in the agency", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`email_taken`", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidFields),
    ),
    security(("bearer" = []))
)]
#[post("/employers/{id}/accounts")]
pub async fn invite_employer_account(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<EmployerAccountRequest>,
) -> Result<HttpResponse, ApiError> {
    let created =
        service::invite_employer_account(&state, &caller, &auth, id.into_inner(), body).await?;
    Ok(HttpResponse::Created().json(created))
}

/// An employer's HR accounts
///
/// The agency's admins.
#[utoipa::path(
    tag = "employers",
    operation_id = "list_employer_accounts",
    params(("id" = Uuid, Path, description = "The employer")),
    responses(
        (status = 200, description = "Its accounts, newest first", body = Vec<UserAccount>),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not an admin of the agency", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such employer in the agency", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/employers/{id}/accounts")]
pub async fn list_employer_accounts(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<UserAccount>>, ApiError> {
    Ok(web::Json(
        service::employer_accounts(&state, &auth, id.into_inner()).await?,
    ))
}
