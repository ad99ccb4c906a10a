//! HTTP face of accounts and sessions: thin handlers, rules in `service`.

use actix_web::cookie::time::Duration as CookieDuration;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use shared::{
    ChangePasswordRequest, ErrorCode, ForgotPasswordRequest, LoginRequest, Me, Problem,
    RefreshRequest, RegisterRequest, SetPasswordRequest, TokenResponse,
};
use utoipa_actix_web::service_config::ServiceConfig;

use super::service::{self, Issued};
use crate::caller::Caller;
use crate::error::ApiError;
use crate::extract::{ApiJson, OptionalJson};
use crate::responses::{EmailTaken, InvalidBody, InvalidFields, NotSignedIn};
use crate::session::{AuthUser, bearer_token};
use crate::state::AppState;

/// Name of the `HttpOnly` cookie that carries the refresh token in browsers.
pub const REFRESH_COOKIE: &str = "sinergia_refresh";
const REFRESH_COOKIE_PATH: &str = "/api/v1/auth";

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(register)
        .service(login)
        .service(refresh)
        .service(logout)
        .service(set_password)
        .service(forgot_password)
        .service(get_me)
        .service(change_password);
}

fn refresh_cookie(state: &AppState, value: String, max_age_seconds: i64) -> Cookie<'static> {
    Cookie::build(REFRESH_COOKIE, value)
        .path(REFRESH_COOKIE_PATH)
        .http_only(true)
        .secure(state.settings.auth.cookie_secure)
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::seconds(max_age_seconds))
        .finish()
}

fn issued_response(state: &AppState, issued: Issued) -> HttpResponse {
    let mut res = HttpResponse::Ok();
    res.insert_header(("Cache-Control", "no-store"));
    if issued.response.refresh_token.is_none() {
        let ttl = i64::try_from(state.settings.auth.refresh_ttl_seconds).unwrap_or(86400);
        res.cookie(refresh_cookie(state, issued.refresh_token, ttl));
    }
    res.json(issued.response)
}

/// Register a jobseeker account
///
/// Creates the account in the chosen agency and records her consent to the privacy notice with
/// its version and language. The email is unique case-insensitively. Throttled per client
/// address. Sign in afterwards with `login`.
#[utoipa::path(
    tag = "auth",
    operation_id = "register",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "Account created", body = Me),
        (status = 409, response = EmailTaken),
        (status = 422, response = InvalidFields),
        (status = 429, description = "Too many attempts from this address", body = Problem, content_type = "application/problem+json",
            headers(
                ("Retry-After" = u64, description = "Seconds to wait"),
                ("X-RateLimit-Limit" = u32, description = "Requests allowed in a burst"),
                ("X-RateLimit-Remaining" = u32, description = "Requests left now (0)"),
                ("X-RateLimit-Reset" = u64, description = "Seconds until a request is allowed again"),
            )),
    )
)]
#[post("/auth/register")]
pub async fn register(
    state: web::Data<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<RegisterRequest>,
) -> Result<HttpResponse, ApiError> {
    let me = service::register(&state, &caller, body).await?;
    Ok(HttpResponse::Created().json(me))
}

/// Sign in
///
/// Answers a 15-minute access token and sets the refresh token as an `HttpOnly; Secure;
/// SameSite=Strict` cookie (or returns it in the body when `refresh_token_in_body` is true, for
/// non-browser clients). Throttled per account and address, and per address.
#[utoipa::path(
    tag = "auth",
    operation_id = "login",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse,
            headers(("Set-Cookie" = String, description = "`sinergia_refresh` refresh-token cookie (browsers)"))),
        (status = 401, description = "Wrong credentials or disabled account", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidBody),
        (status = 429, description = "Too many attempts", body = Problem, content_type = "application/problem+json",
            headers(
                ("Retry-After" = u64, description = "Seconds to wait"),
                ("X-RateLimit-Limit" = u32, description = "Requests allowed in a burst"),
                ("X-RateLimit-Remaining" = u32, description = "Requests left now (0)"),
                ("X-RateLimit-Reset" = u64, description = "Seconds until a request is allowed again"),
            )),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let issued = service::login(&state, &caller, body).await?;
    Ok(issued_response(&state, issued))
}

fn presented_refresh(req: &HttpRequest, body: Option<RefreshRequest>) -> (Option<String>, bool) {
    match body.and_then(|b| b.refresh_token) {
        Some(t) => (Some(t), true),
        None => (
            req.cookie(REFRESH_COOKIE).map(|c| c.value().to_owned()),
            false,
        ),
    }
}

/// Refresh the access token
///
/// Takes the refresh token from the body or the cookie, spends it and answers a new access
/// token and a new refresh token (rotation). Presenting a refresh token that was already spent
/// ends the whole session.
#[utoipa::path(
    tag = "auth",
    operation_id = "refresh",
    request_body(content = Option<RefreshRequest>, description = "Optional: browsers send the cookie instead"),
    responses(
        (status = 200, description = "New tokens", body = TokenResponse),
        (status = 401, description = "Missing, expired, revoked or reused refresh token", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    OptionalJson(body): OptionalJson<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let (token, in_body) = presented_refresh(&req, body);
    let token = token.ok_or(ApiError::Unauthorized(ErrorCode::InvalidRefreshToken))?;
    let issued = service::refresh(&state, &caller, &token, in_body).await?;
    Ok(issued_response(&state, issued))
}

/// Sign out
///
/// Ends the session of the refresh token (body or cookie) and of the access token, if given,
/// and clears the cookie. Always answers 204.
#[utoipa::path(
    tag = "auth",
    operation_id = "logout",
    request_body(content = Option<RefreshRequest>, description = "Optional: browsers send the cookie instead"),
    responses((status = 204, description = "Signed out")),
    security((), ("bearer" = []))
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    OptionalJson(body): OptionalJson<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let (token, _) = presented_refresh(&req, body);
    let access = bearer_token(&req)
        .and_then(|t| state.jwt.verify_access(&t).ok())
        .map(|c| (c.sid, c.sub));
    service::logout(&state, &caller, token.as_deref(), access).await?;
    let mut gone = refresh_cookie(&state, String::new(), 0);
    gone.make_removal();
    Ok(HttpResponse::NoContent().cookie(gone).finish())
}

/// Set a password from a one-time link
///
/// New staff accounts receive a link with a one-time token; this sets the password. The link
/// works once and expires.
#[utoipa::path(
    tag = "auth",
    operation_id = "set_password",
    request_body = SetPasswordRequest,
    responses(
        (status = 204, description = "Password set"),
        (status = 401, description = "Invalid, expired or used link", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Password not acceptable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/set-password")]
pub async fn set_password(
    state: web::Data<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<SetPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    service::set_password(&state, &caller, body).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Ask for a new-password link
///
/// When an active account has this email, a one-time link to choose a new password is sent to
/// it (valid one hour). The answer is 202 either way, so it reveals nothing about who has an
/// account. Throttled per client address and per account.
#[utoipa::path(
    tag = "auth",
    operation_id = "forgot_password",
    request_body = ForgotPasswordRequest,
    responses(
        (status = 202, description = "If the account exists, the link is on its way"),
        (status = 422, description = "Not an email address", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests", body = Problem, content_type = "application/problem+json",
            headers(
                ("Retry-After" = u64, description = "Seconds to wait"),
                ("X-RateLimit-Limit" = u32, description = "Requests allowed in a burst"),
                ("X-RateLimit-Remaining" = u32, description = "Requests left now (0)"),
                ("X-RateLimit-Reset" = u64, description = "Seconds until a request is allowed again"),
            )),
    )
)]
#[post("/auth/forgot-password")]
pub async fn forgot_password(
    state: web::Data<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<ForgotPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    service::forgot_password(&state, &caller, body).await?;
    Ok(HttpResponse::Accepted().finish())
}

/// The signed-in user
#[utoipa::path(
    tag = "account",
    operation_id = "get_me",
    responses(
        (status = 200, description = "The signed-in user and her agency", body = Me),
        (status = 401, description = "Missing, invalid or expired token, or ended session", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/me")]
pub async fn get_me(auth: AuthUser) -> web::Json<Me> {
    web::Json(service::me(&auth))
}

/// Change her password
///
/// Asks the current password; ends every other session of the account.
#[utoipa::path(
    tag = "account",
    operation_id = "change_password",
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "Password changed; other sessions ended"),
        (status = 401, response = NotSignedIn),
        (status = 422, description = "Wrong current password or unacceptable new one", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many password checks for this account", body = Problem, content_type = "application/problem+json",
            headers(
                ("Retry-After" = u64, description = "Seconds to wait"),
                ("X-RateLimit-Limit" = u32, description = "Requests allowed in a burst"),
                ("X-RateLimit-Remaining" = u32, description = "Requests left now (0)"),
                ("X-RateLimit-Reset" = u64, description = "Seconds until a request is allowed again"),
            )),
    ),
    security(("bearer" = []))
)]
#[put("/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    ApiJson(body): ApiJson<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    service::change_password(&state, &caller, &auth, body).await?;
    Ok(HttpResponse::NoContent().finish())
}
