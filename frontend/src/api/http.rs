//! The transport: the access token in memory, requests with it, the one refresh at a time on a
//! 401, problem+json read into `ApiError`. The feature files build on it.

use std::cell::RefCell;

use futures_util::FutureExt;
use futures_util::future::{LocalBoxFuture, Shared};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::{ErrorCode, Language, Problem, TokenResponse};

pub(crate) const BASE: &str = "/api/v1";

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server answered with a problem (its `title`/`detail` are in the UI language).
    Problem(Problem),
    /// No answer: offline, or the server is down.
    Network(String),
}

impl ApiError {
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            ApiError::Problem(p) => Some(p),
            ApiError::Network(_) => None,
        }
    }

    pub fn status(&self) -> Option<u16> {
        self.problem().map(|p| p.status)
    }

    /// The server's code for what went wrong (`None` when it could not be reached).
    pub fn code(&self) -> Option<ErrorCode> {
        self.problem().map(|p| p.code)
    }
}

type RefreshFuture = Shared<LocalBoxFuture<'static, Result<TokenResponse, ApiError>>>;

thread_local! {
    static ACCESS_TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
    static LANGUAGE: RefCell<Language> = const { RefCell::new(Language::It) };
    static REFRESHING: RefCell<Option<RefreshFuture>> = const { RefCell::new(None) };
    static ON_SESSION_LOST: RefCell<Option<Box<dyn Fn()>>> = const { RefCell::new(None) };
}

/// What to do when the session ends behind the user's back (expired, signed out elsewhere,
/// account disabled): the app forgets who was signed in, and its guards send her to sign in.
pub fn on_session_lost(f: impl Fn() + 'static) {
    ON_SESSION_LOST.with(|h| *h.borrow_mut() = Some(Box::new(f)));
}

pub(crate) fn session_lost() {
    ON_SESSION_LOST.with(|h| {
        if let Some(f) = h.borrow().as_ref() {
            f();
        }
    });
}

/// The language sent as `Accept-Language`, so that server messages match the UI.
pub fn set_language(lang: Language) {
    LANGUAGE.with(|l| *l.borrow_mut() = lang);
}

/// Remembered in `localStorage` while she is signed in, so that a visitor who never signed in
/// is not sent to `/auth/refresh` (a 401 in the console on every anonymous page load).
const SIGNED_IN: &str = "sinergia.signed_in";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub(crate) fn set_token(token: Option<String>) {
    if let Some(s) = local_storage() {
        let _ = match token {
            Some(_) => s.set_item(SIGNED_IN, "1"),
            None => s.remove_item(SIGNED_IN),
        };
    }
    ACCESS_TOKEN.with(|t| *t.borrow_mut() = token);
}

/// Whether this browser may hold a session to restore (it signed in and did not sign out).
pub fn may_have_session() -> bool {
    local_storage()
        .and_then(|s| s.get_item(SIGNED_IN).ok().flatten())
        .is_some()
}

pub(crate) fn token() -> Option<String> {
    ACCESS_TOKEN.with(|t| t.borrow().clone())
}

pub(crate) fn prepare(builder: RequestBuilder, auth: bool) -> RequestBuilder {
    let lang = LANGUAGE.with(|l| *l.borrow());
    let mut b = builder
        .header("Accept", "application/json")
        .header("Accept-Language", lang.code());
    if auth && let Some(t) = token() {
        b = b.header("Authorization", &format!("Bearer {t}"));
    }
    b
}

pub(crate) async fn send(
    method: &str,
    path: &str,
    body: Option<String>,
    auth: bool,
) -> Result<Response, ApiError> {
    send_with(method, path, body, auth, None).await
}

pub(crate) async fn send_with(
    method: &str,
    path: &str,
    body: Option<String>,
    auth: bool,
    if_match: Option<&str>,
) -> Result<Response, ApiError> {
    let url = format!("{BASE}{path}");
    let builder = match method {
        "POST" => Request::post(&url),
        "PUT" => Request::put(&url),
        "DELETE" => Request::delete(&url),
        _ => Request::get(&url),
    };
    let mut builder = prepare(builder, auth);
    if let Some(etag) = if_match {
        builder = builder.header("If-Match", etag);
    }
    let req = match body {
        Some(b) => builder
            .header("Content-Type", "application/json")
            .body(b)
            .map_err(|e| ApiError::Network(e.to_string()))?,
        None => builder
            .build()
            .map_err(|e| ApiError::Network(e.to_string()))?,
    };
    req.send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

pub(crate) async fn problem_of(res: Response) -> ApiError {
    let status = res.status();
    match res.json::<Problem>().await {
        Ok(p) => ApiError::Problem(p),
        Err(_) => ApiError::Problem(Problem {
            type_: "about:blank".into(),
            title: res.status_text(),
            status,
            detail: None,
            instance: None,
            // Not one of ours (a proxy's page, say): what its status says.
            code: match status {
                502..=504 => ErrorCode::Unavailable,
                s if (400..500).contains(&s) => ErrorCode::BadRequest,
                _ => ErrorCode::Internal,
            },
            errors: Vec::new(),
        }),
    }
}

pub(crate) async fn decode<T: DeserializeOwned>(res: Response) -> Result<T, ApiError> {
    if res.ok() {
        res.json::<T>()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))
    } else {
        Err(problem_of(res).await)
    }
}

pub(crate) async fn expect_empty(res: Response) -> Result<(), ApiError> {
    if res.ok() {
        Ok(())
    } else {
        Err(problem_of(res).await)
    }
}

pub(crate) fn json_body<B: Serialize>(body: &B) -> Result<String, ApiError> {
    serde_json::to_string(body).map_err(|e| ApiError::Network(e.to_string()))
}

/// An authenticated call: refreshes the access token when it is missing or refused, once.
pub(crate) async fn authed(
    method: &str,
    path: &str,
    body: Option<String>,
) -> Result<Response, ApiError> {
    authed_with(method, path, body, None).await
}

pub(crate) async fn authed_with(
    method: &str,
    path: &str,
    body: Option<String>,
    if_match: Option<&str>,
) -> Result<Response, ApiError> {
    if token().is_none() {
        refresh_or_lose_session().await?;
    }
    let res = send_with(method, path, body.clone(), true, if_match).await?;
    if res.status() != 401 {
        return Ok(res);
    }
    refresh_or_lose_session().await?;
    send_with(method, path, body, true, if_match).await
}

/// An authenticated call with a body of its own type (a CSV file, say).
pub(crate) async fn authed_typed(
    method: &str,
    path: &str,
    body: String,
    content_type: &str,
) -> Result<Response, ApiError> {
    if token().is_none() {
        refresh_or_lose_session().await?;
    }
    let send_once = || {
        let url = format!("{BASE}{path}");
        let builder = match method {
            "PUT" => Request::put(&url),
            _ => Request::post(&url),
        };
        prepare(builder, true)
            .header("Content-Type", content_type)
            .body(body.clone())
            .map_err(|e| ApiError::Network(e.to_string()))
    };
    let res = send_once()?
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if res.status() != 401 {
        return Ok(res);
    }
    refresh_or_lose_session().await?;
    send_once()?
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

pub(crate) async fn refresh_or_lose_session() -> Result<TokenResponse, ApiError> {
    let result = refresh().await;
    if matches!(&result, Err(e) if e.status() == Some(401)) {
        session_lost();
    }
    result
}

pub(crate) async fn do_refresh() -> Result<TokenResponse, ApiError> {
    let res = send("POST", "/auth/refresh", None, false).await?;
    let tokens: TokenResponse = decode(res).await?;
    set_token(Some(tokens.access_token.clone()));
    Ok(tokens)
}

/// Exchanges the refresh cookie for a new access token. Concurrent callers share one request,
/// so a rotated refresh token is never presented twice.
pub async fn refresh() -> Result<TokenResponse, ApiError> {
    let fut = REFRESHING.with(|r| {
        r.borrow_mut()
            .get_or_insert_with(|| do_refresh().boxed_local().shared())
            .clone()
    });
    let result = fut.await;
    REFRESHING.with(|r| *r.borrow_mut() = None);
    if result.is_err() {
        set_token(None);
    }
    result
}

/// Percent-encodes a query value.
pub(crate) fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A file of hers (PDF, JSON-LD) as bytes.
pub async fn download(path: &str) -> Result<Vec<u8>, ApiError> {
    let res = authed("GET", path, None).await?;
    if res.ok() {
        res.binary()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))
    } else {
        Err(problem_of(res).await)
    }
}

/// A current access token for the community socket (refreshed when missing).
pub async fn access_token() -> Result<String, ApiError> {
    if let Some(t) = token() {
        return Ok(t);
    }
    Ok(refresh_or_lose_session().await?.access_token)
}
