//! Registration, sign-in, sessions and passwords.

use shared::{
    Agency, ChangePasswordRequest, ForgotPasswordRequest, LoginRequest, Me, RegisterRequest,
    SetPasswordRequest, TokenResponse,
};

use super::http::{ApiError, authed, decode, expect_empty, json_body, send, set_token};

pub async fn agencies() -> Result<Vec<Agency>, ApiError> {
    decode(send("GET", "/agencies", None, false).await?).await
}

pub async fn register(req: &RegisterRequest) -> Result<Me, ApiError> {
    decode(send("POST", "/auth/register", Some(json_body(req)?), false).await?).await
}

pub async fn login(email: &str, password: &str) -> Result<TokenResponse, ApiError> {
    let body = LoginRequest {
        email: email.to_owned(),
        password: password.to_owned(),
        refresh_token_in_body: false,
    };
    let tokens: TokenResponse =
        decode(send("POST", "/auth/login", Some(json_body(&body)?), false).await?).await?;
    set_token(Some(tokens.access_token.clone()));
    Ok(tokens)
}

pub async fn logout() -> Result<(), ApiError> {
    let res = send("POST", "/auth/logout", None, true).await;
    set_token(None);
    expect_empty(res?).await
}

pub async fn me() -> Result<Me, ApiError> {
    decode(authed("GET", "/me", None).await?).await
}

pub async fn change_password(req: &ChangePasswordRequest) -> Result<(), ApiError> {
    expect_empty(authed("PUT", "/me/password", Some(json_body(req)?)).await?).await
}

pub async fn set_password(req: &SetPasswordRequest) -> Result<(), ApiError> {
    expect_empty(send("POST", "/auth/set-password", Some(json_body(req)?), false).await?).await
}

/// Asks for a new-password link (the answer is the same whether or not the account exists).
pub async fn forgot_password(email: &str) -> Result<(), ApiError> {
    let body = ForgotPasswordRequest {
        email: email.to_owned(),
    };
    expect_empty(
        send(
            "POST",
            "/auth/forgot-password",
            Some(json_body(&body)?),
            false,
        )
        .await?,
    )
    .await
}
