//! The rules of accounts and sessions. Each function is one transaction; none knows HTTP.

use chrono::{Duration, Utc};
use sea_orm::TransactionTrait;
use serde_json::json;
use shared::{
    ChangePasswordRequest, ErrorCode, FieldCode, ForgotPasswordRequest, Language, LoginRequest, Me,
    PRIVACY_NOTICE_VERSION, RegisterRequest, Role, SetPasswordRequest, TokenResponse,
};
use uuid::Uuid;

use crate::accounts::domain::{Email, Password, PersonName};
use crate::accounts::{password, repo};
use crate::audit::{self, AuditEvent};
use crate::caller::Caller;
use crate::entities::{agency, user};
use crate::error::Issues;
use crate::error::{ApiError, FieldIssue};
use crate::realtime::Ended;
use crate::session::AuthUser;
use crate::state::AppState;
use crate::tokens::{hash_opaque, new_opaque_token};

/// Tokens of a new or refreshed session; the refresh token goes to a cookie or the body.
pub struct Issued {
    pub response: TokenResponse,
    pub refresh_token: String,
}

pub async fn register(
    state: &AppState,
    caller: &Caller,
    req: RegisterRequest,
) -> Result<Me, ApiError> {
    state.throttle.check_register(&caller.address)?;
    let mut issues = Issues::default();
    let email = issues.take(Email::parse(&req.email, "/email"));
    let password = issues.take(Password::parse(&req.password, "/password"));
    let name = issues.take(PersonName::parse(&req.name, "/name"));
    if !req.accept_privacy_notice {
        issues.push(FieldIssue::new(
            "/accept_privacy_notice",
            FieldCode::PrivacyNoticeNotAccepted,
        ));
    }
    if req.privacy_notice_version != PRIVACY_NOTICE_VERSION {
        issues.push(FieldIssue::new(
            "/privacy_notice_version",
            FieldCode::PrivacyNoticeOutdated,
        ));
    }
    let agency = repo::agency_by_id(&state.db, req.agency_id.0).await?;
    if agency.is_none() {
        issues.push(FieldIssue::new("/agency_id", FieldCode::AgencyUnknown));
    }
    issues.finish()?;
    let (Some(email), Some(password), Some(name), Some(agency)) = (email, password, name, agency)
    else {
        return Err(ApiError::Internal(anyhow::anyhow!(
            "validated fields missing"
        )));
    };

    let hash = password::hash(password.expose().to_owned()).await?;
    let now = Utc::now();
    let id = Uuid::now_v7();
    let txn = state.db.begin().await?;
    let new = repo::NewUser {
        id,
        agency: agency.id,
        email: email.as_str(),
        name: name.as_str(),
        role: Role::Jobseeker,
        language: req.language,
        password_hash: Some(hash),
        employer: None,
        at: now,
    };
    let user = repo::insert_user(&txn, new)
        .await?
        .ok_or(ApiError::Conflict(ErrorCode::EmailTaken))?;
    repo::insert_consent(&txn, id, &req.privacy_notice_version, req.language, now).await?;
    crate::profile::service::create_empty(
        &txn,
        shared::UserId(id),
        shared::AgencyId(agency.id),
        now,
    )
    .await?;
    audit::record(
        &txn,
        AuditEvent::new("user_registered")
            .actor(id)
            .target("user", id)
            .agency(agency.id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    txn.commit().await?;
    tracing::info!(user_id = %id, "jobseeker registered");
    Ok(repo::me_dto(user, agency))
}

pub async fn login(
    state: &AppState,
    caller: &Caller,
    req: LoginRequest,
) -> Result<Issued, ApiError> {
    let key = req.email.trim().to_lowercase();
    state.throttle.check_login(&key, &caller.address)?;
    let found = repo::user_by_email(&state.db, &key).await?;
    let stored = found
        .as_ref()
        .and_then(|u| u.password_hash.clone())
        .unwrap_or_else(|| state.dummy_hash.clone());
    let matches = password::verify(req.password, stored).await?;
    let user = match found {
        Some(u) if matches && u.password_hash.is_some() => u,
        other => {
            let mut event = AuditEvent::new("login_failed").request(caller.request_id.as_deref());
            if let Some(u) = other {
                event = event.target("user", u.id).agency(u.agency_id);
            }
            audit::record(&state.db, event).await?;
            return Err(ApiError::Unauthorized(ErrorCode::InvalidCredentials));
        }
    };
    if user.disabled_at.is_some() {
        audit::record(
            &state.db,
            AuditEvent::new("login_refused_disabled")
                .target("user", user.id)
                .agency(user.agency_id)
                .request(caller.request_id.as_deref()),
        )
        .await?;
        return Err(ApiError::Unauthorized(ErrorCode::AccountDisabled));
    }
    let agency = repo::agency_by_id(&state.db, user.agency_id)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("user without agency")))?;

    let (refresh, refresh_hash) = new_opaque_token()?;
    let txn = state.db.begin().await?;
    let session_id = repo::open_session(&txn, user.id, refresh_hash, refresh_expiry(state)).await?;
    audit::record(
        &txn,
        AuditEvent::new("login")
            .actor(user.id)
            .target("session", session_id)
            .agency(user.agency_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    txn.commit().await?;
    state.throttle.signed_in(&key, &caller.address);
    issue(
        state,
        user,
        agency,
        session_id,
        refresh,
        req.refresh_token_in_body,
    )
}

/// The access token of a session, with the refresh token for the body or the cookie.
fn issue(
    state: &AppState,
    user: user::Model,
    agency: agency::Model,
    session_id: Uuid,
    refresh: String,
    refresh_in_body: bool,
) -> Result<Issued, ApiError> {
    let access = state.jwt.issue_access(user.id, session_id)?;
    Ok(Issued {
        response: TokenResponse {
            access_token: access,
            token_type: "Bearer".to_owned(),
            expires_in: state.jwt.access_ttl_seconds(),
            refresh_token: refresh_in_body.then(|| refresh.clone()),
            user: repo::me_dto(user, agency),
        },
        refresh_token: refresh,
    })
}

fn refresh_expiry(state: &AppState) -> chrono::DateTime<Utc> {
    Utc::now()
        + Duration::seconds(i64::try_from(state.settings.auth.refresh_ttl_seconds).unwrap_or(86400))
}

/// Rotates a refresh token. Presenting a spent token revokes its whole family (session):
/// whoever holds the newer token must sign in again too.
pub async fn refresh(
    state: &AppState,
    caller: &Caller,
    presented: &str,
    in_body: bool,
) -> Result<Issued, ApiError> {
    let invalid = || ApiError::Unauthorized(ErrorCode::InvalidRefreshToken);
    let txn = state.db.begin().await?;
    let (token, session) = repo::refresh_token_by_hash(&txn, &hash_opaque(presented))
        .await?
        .ok_or_else(invalid)?;
    let session = session.ok_or_else(invalid)?;
    if session.revoked_at.is_some() || token.expires_at <= Utc::now() {
        return Err(invalid());
    }
    if token.used_at.is_some() || !repo::spend_refresh_token(&txn, token.id).await? {
        repo::revoke_session(&txn, session.id, "refresh_token_reuse").await?;
        audit::record(
            &txn,
            AuditEvent::new("refresh_token_reuse")
                .target("session", session.id)
                .details(json!({ "user_id": session.user_id }))
                .request(caller.request_id.as_deref()),
        )
        .await?;
        txn.commit().await?;
        state.hub.end_sessions(Ended::Session {
            session: session.id,
        });
        tracing::warn!(session_id = %session.id, "refresh token reused: session revoked");
        return Err(invalid());
    }
    let (user, agency) = crate::session::live_session_user(&txn, session.id, session.user_id)
        .await?
        .ok_or_else(invalid)?;
    let (refresh, refresh_hash) = new_opaque_token()?;
    repo::add_refresh_token(&txn, session.id, refresh_hash, refresh_expiry(state)).await?;
    txn.commit().await?;
    issue(state, user, agency, session.id, refresh, in_body)
}

/// Ends the session of the refresh token and/or of the access token. Idempotent.
pub async fn logout(
    state: &AppState,
    caller: &Caller,
    refresh: Option<&str>,
    access_session: Option<(Uuid, Uuid)>,
) -> Result<(), ApiError> {
    let mut sessions = Vec::new();
    if let Some(presented) = refresh
        && let Some((token, _)) =
            repo::refresh_token_by_hash(&state.db, &hash_opaque(presented)).await?
    {
        sessions.push(token.session_id);
    }
    if let Some((session_id, _)) = access_session {
        sessions.push(session_id);
    }
    sessions.dedup();
    let txn = state.db.begin().await?;
    for &session_id in &sessions {
        repo::revoke_session(&txn, session_id, "logout").await?;
        audit::record(
            &txn,
            AuditEvent::new("logout")
                .target("session", session_id)
                .actor_opt(access_session.map(|(_, user)| user))
                .request(caller.request_id.as_deref()),
        )
        .await?;
    }
    txn.commit().await?;
    for session in sessions {
        state.hub.end_sessions(Ended::Session { session });
    }
    Ok(())
}

pub fn me(auth: &AuthUser) -> Me {
    repo::me_dto(auth.user.clone(), auth.agency.clone())
}

/// Changes her password (the current one is asked) and ends her other sessions.
pub async fn change_password(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    req: ChangePasswordRequest,
) -> Result<(), ApiError> {
    state.throttle.check_password_check(auth.user_id)?;
    let mut issues = Issues::default();
    let new = issues.take(Password::parse(&req.new_password, "/new_password"));
    let stored = auth.user.password_hash.clone().unwrap_or_default();
    let current_ok =
        !stored.is_empty() && password::verify(req.current_password.clone(), stored).await?;
    if !current_ok {
        issues.push(FieldIssue::new(
            "/current_password",
            FieldCode::CurrentPasswordWrong,
        ));
    } else if req.current_password == req.new_password {
        issues.push(FieldIssue::new(
            "/new_password",
            FieldCode::PasswordSameAsCurrent,
        ));
    }
    issues.finish()?;
    let Some(new) = new else {
        return Err(ApiError::Internal(anyhow::anyhow!(
            "validated password missing"
        )));
    };
    let hash = password::hash(new.expose().to_owned()).await?;
    let txn = state.db.begin().await?;
    set_hash(&txn, auth.user_id, hash).await?;
    let ended = repo::revoke_user_sessions(
        &txn,
        auth.user_id,
        Some(auth.session_id),
        "password_changed",
    )
    .await?;
    audit::record(
        &txn,
        AuditEvent::new("password_changed")
            .actor(auth.user_id)
            .target("user", auth.user_id)
            .agency(auth.agency_id)
            .details(json!({ "sessions_ended": ended }))
            .request(caller.request_id.as_deref()),
    )
    .await?;
    txn.commit().await?;
    state.hub.end_sessions(Ended::User {
        user: auth.user_id,
        keep: Some(auth.session_id),
    });
    Ok(())
}

async fn set_hash<C: sea_orm::ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    hash: String,
) -> Result<(), ApiError> {
    Ok(repo::set_password_hash(db, user_id, hash).await?)
}

/// Sets a password from a one-time link (a new staff account, or a forgotten password). The
/// link works once; it ends every session of the account.
pub async fn set_password(
    state: &AppState,
    caller: &Caller,
    req: SetPasswordRequest,
) -> Result<(), ApiError> {
    let mut issues = Issues::default();
    let password = issues.take(Password::parse(&req.password, "/password"));
    issues.finish()?;
    let Some(password) = password else {
        return Err(ApiError::Internal(anyhow::anyhow!(
            "validated password missing"
        )));
    };
    let invalid = || ApiError::Unauthorized(ErrorCode::InvalidSetPasswordToken);
    let token = repo::setup_token_by_hash(&state.db, &hash_opaque(&req.token))
        .await?
        .ok_or_else(invalid)?;
    if token.used_at.is_some() || token.expires_at <= Utc::now() {
        return Err(invalid());
    }
    let hash = password::hash(password.expose().to_owned()).await?;
    let txn = state.db.begin().await?;
    // Spent once; any other link she still has is void now too.
    if !repo::spend_setup_token(&txn, &token).await? {
        return Err(invalid());
    }
    set_hash(&txn, token.user_id, hash).await?;
    repo::revoke_user_sessions(&txn, token.user_id, None, "password_set").await?;
    audit::record(
        &txn,
        AuditEvent::new("password_set")
            .actor(token.user_id)
            .target("user", token.user_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    txn.commit().await?;
    state.hub.end_sessions(Ended::User {
        user: token.user_id,
        keep: None,
    });
    Ok(())
}

/// Why a one-time password link is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    /// A new staff account chooses its first password.
    NewAccount,
    /// Someone forgot her password.
    Reset,
}

/// Creates a one-time set-password token for `user` and queues the email with its link (in
/// development the link is also logged). Call inside the transaction of the change, and wake
/// `state.mail_waiting` once it is committed. Returns when the link expires.
pub async fn send_password_link<C: sea_orm::ConnectionTrait>(
    db: &C,
    state: &AppState,
    user: &user::Model,
    purpose: LinkPurpose,
) -> Result<chrono::DateTime<Utc>, ApiError> {
    let now = Utc::now();
    let ttl = match purpose {
        LinkPurpose::NewAccount => state.settings.auth.set_password_ttl_seconds,
        LinkPurpose::Reset => state.settings.auth.reset_password_ttl_seconds,
    };
    let expires_at = now + Duration::seconds(i64::try_from(ttl).unwrap_or(3600));
    let (token, token_hash) = new_opaque_token()?;
    let link = format!(
        "{}/set-password#token={token}",
        state.settings.server.public_url.trim_end_matches('/')
    );
    repo::insert_setup_token(db, user.id, token_hash, expires_at).await?;
    let lang = user.language;
    let hours = ttl.div_ceil(3600);
    let (template, subject, body) = password_email(purpose, lang, &user.name, &link, hours);
    let email = repo::NewEmail {
        user: user.id,
        template,
        language: lang,
        subject,
        body,
    };
    repo::queue_email(db, email).await?;
    if crate::settings_env_is_dev(&state.settings) {
        tracing::info!(user_id = %user.id, %link, "password link (development: no email is sent)");
    }
    Ok(expires_at)
}

fn password_email(
    purpose: LinkPurpose,
    lang: Language,
    name: &str,
    link: &str,
    hours: u64,
) -> (&'static str, String, String) {
    let expiry = match (lang, hours) {
        (Language::It, 1) => "tra un'ora".to_owned(),
        (Language::It, h) => format!("tra {h} ore"),
        (Language::En, 1) => "in one hour".to_owned(),
        (Language::En, h) => format!("in {h} hours"),
    };
    match (purpose, lang) {
        (LinkPurpose::NewAccount, Language::It) => (
            "set_password",
            "Sinergia: imposta la tua password".to_owned(),
            format!(
                "Ciao {name},\n\nè stato creato per te un account su Sinergia. Apri questo link per \
                 scegliere la tua password (vale una sola volta e scade {expiry}):\n\n{link}\n"
            ),
        ),
        (LinkPurpose::NewAccount, Language::En) => (
            "set_password",
            "Sinergia: set your password".to_owned(),
            format!(
                "Hello {name},\n\nan account on Sinergia has been created for you. Open this link \
                 to choose your password (it works once and expires {expiry}):\n\n{link}\n"
            ),
        ),
        (LinkPurpose::Reset, Language::It) => (
            "reset_password",
            "Sinergia: scegli una nuova password".to_owned(),
            format!(
                "Ciao {name},\n\nabbiamo ricevuto una richiesta di nuova password per il tuo account. \
                 Apri questo link per sceglierla (vale una sola volta e scade {expiry}):\n\n\
                 {link}\n\nSe non sei stata tu, ignora questo messaggio: la tua password non cambia.\n"
            ),
        ),
        (LinkPurpose::Reset, Language::En) => (
            "reset_password",
            "Sinergia: choose a new password".to_owned(),
            format!(
                "Hello {name},\n\nwe received a request for a new password for your account. Open \
                 this link to choose it (it works once and expires {expiry}):\n\n{link}\n\n\
                 If it was not you, ignore this message: your password does not change.\n"
            ),
        ),
    }
}

/// Sends a forgotten-password link when the account exists and is active. The answer never
/// says whether it does.
pub async fn forgot_password(
    state: &AppState,
    caller: &Caller,
    req: ForgotPasswordRequest,
) -> Result<(), ApiError> {
    let mut issues = Issues::default();
    let email = issues.take(Email::parse(&req.email, "/email"));
    issues.finish()?;
    let Some(email) = email else {
        return Err(ApiError::Internal(anyhow::anyhow!(
            "validated email missing"
        )));
    };
    state
        .throttle
        .check_password_reset(email.as_str(), &caller.address)?;
    let Some(user) = repo::user_by_email(&state.db, email.as_str()).await? else {
        return Ok(());
    };
    if user.disabled_at.is_some() {
        return Ok(());
    }
    let txn = state.db.begin().await?;
    send_password_link(&txn, state, &user, LinkPurpose::Reset).await?;
    audit::record(
        &txn,
        AuditEvent::new("password_reset_requested")
            .target("user", user.id)
            .agency(user.agency_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    txn.commit().await?;
    // The sender looks at once (the email is there now that it is committed).
    state.mail_waiting.notify_one();
    Ok(())
}
