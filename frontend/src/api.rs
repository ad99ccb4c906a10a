//! The only code that speaks HTTP: typed calls over `shared` types. The access token lives in
//! memory; the refresh token is an `HttpOnly` cookie the browser sends to `/api/v1/auth`. A 401
//! on an authenticated call refreshes the access token once (one refresh at a time) and retries.

use std::cell::RefCell;

use futures_util::FutureExt;
use futures_util::future::{LocalBoxFuture, Shared};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::{
    Agency, Answer, Attempt, AttemptProgress, CaseNote, CaseStatus, CaseloadEntry,
    ChangePasswordRequest, CreateStaffRequest, ErasureReceipt, ErasureRequest, ErrorCode,
    ForgotPasswordRequest, Framework, FrameworkDraft, History, Instrument, InstrumentDraft,
    InstrumentSummary, Language, LoginRequest, Me, Message, Municipality, NewCaseNote, NewMessage,
    NewReport, NewShare, OpenShare, Page, Portfolio, Problem, Profile, ProfileChange, QueueEntry,
    RegisterRequest, Report, ReportEntry, Review, Room, SectionData, SectionState, SetCaseStatus,
    SetPasswordRequest, Share, StaffCreated, StartAttempt, TokenResponse, UserAccount, UserId,
    ValidationRequest,
};

const BASE: &str = "/api/v1";

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

fn session_lost() {
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

fn set_token(token: Option<String>) {
    ACCESS_TOKEN.with(|t| *t.borrow_mut() = token);
}

fn token() -> Option<String> {
    ACCESS_TOKEN.with(|t| t.borrow().clone())
}

fn prepare(builder: RequestBuilder, auth: bool) -> RequestBuilder {
    let lang = LANGUAGE.with(|l| *l.borrow());
    let mut b = builder
        .header("Accept", "application/json")
        .header("Accept-Language", lang.code());
    if auth && let Some(t) = token() {
        b = b.header("Authorization", &format!("Bearer {t}"));
    }
    b
}

async fn send(
    method: &str,
    path: &str,
    body: Option<String>,
    auth: bool,
) -> Result<Response, ApiError> {
    send_with(method, path, body, auth, None).await
}

async fn send_with(
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

async fn problem_of(res: Response) -> ApiError {
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

async fn decode<T: DeserializeOwned>(res: Response) -> Result<T, ApiError> {
    if res.ok() {
        res.json::<T>()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))
    } else {
        Err(problem_of(res).await)
    }
}

async fn expect_empty(res: Response) -> Result<(), ApiError> {
    if res.ok() {
        Ok(())
    } else {
        Err(problem_of(res).await)
    }
}

fn json_body<B: Serialize>(body: &B) -> Result<String, ApiError> {
    serde_json::to_string(body).map_err(|e| ApiError::Network(e.to_string()))
}

/// An authenticated call: refreshes the access token when it is missing or refused, once.
async fn authed(method: &str, path: &str, body: Option<String>) -> Result<Response, ApiError> {
    authed_with(method, path, body, None).await
}

async fn authed_with(
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

async fn refresh_or_lose_session() -> Result<TokenResponse, ApiError> {
    let result = refresh().await;
    if matches!(&result, Err(e) if e.status() == Some(401)) {
        session_lost();
    }
    result
}

async fn do_refresh() -> Result<TokenResponse, ApiError> {
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

/// One page of the agency's accounts (admins).
pub async fn list_users(page_token: Option<&str>) -> Result<Page<UserAccount>, ApiError> {
    let path = match page_token {
        Some(t) => format!("/admin/users?page_size=50&page_token={t}"),
        None => "/admin/users?page_size=50".to_owned(),
    };
    decode(authed("GET", &path, None).await?).await
}

pub async fn create_staff(req: &CreateStaffRequest) -> Result<StaffCreated, ApiError> {
    decode(authed("POST", "/admin/staff", Some(json_body(req)?)).await?).await
}

/// Disables (`true`) or enables again (`false`) an account of the agency.
pub async fn set_disabled(id: UserId, disabled: bool) -> Result<UserAccount, ApiError> {
    let action = if disabled { "disable" } else { "enable" };
    decode(authed("POST", &format!("/admin/users/{id}/{action}"), None).await?).await
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

/// The municipalities of the agencies' territories.
pub async fn municipalities() -> Result<Vec<Municipality>, ApiError> {
    decode(send("GET", "/municipalities", None, false).await?).await
}

pub async fn my_profile() -> Result<Profile, ApiError> {
    decode(authed("GET", "/me/profile", None).await?).await
}

/// Saves one section if `version` is still the current one (else a 412 problem).
pub async fn save_section<T: SectionData>(
    data: &T,
    version: u32,
) -> Result<SectionState<T>, ApiError> {
    let path = format!("/me/profile/{}", T::SECTION.slug());
    let etag = format!("\"{version}\"");
    decode(authed_with("PUT", &path, Some(json_body(data)?), Some(&etag)).await?).await
}

/// Everything held about her, as the JSON text the server sent.
pub async fn export_data() -> Result<String, ApiError> {
    let res = authed("GET", "/me/export", None).await?;
    if res.ok() {
        res.text()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))
    } else {
        Err(problem_of(res).await)
    }
}

pub async fn erase_me(password: &str) -> Result<ErasureReceipt, ApiError> {
    let body = ErasureRequest {
        password: password.to_owned(),
    };
    let receipt = decode(authed("POST", "/me/erasure", Some(json_body(&body)?)).await?).await;
    if receipt.is_ok() {
        set_token(None);
    }
    receipt
}

/// Filters of the caseload, as the query string wants them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaseloadQuery {
    pub q: String,
    pub municipality: String,
    pub status: Option<CaseStatus>,
    pub min_completeness: Option<u8>,
    pub max_completeness: Option<u8>,
}

/// Percent-encodes a query value.
fn encode(value: &str) -> String {
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

pub async fn caseload(
    query: &CaseloadQuery,
    page_token: Option<&str>,
) -> Result<Page<CaseloadEntry>, ApiError> {
    let mut params = vec!["page_size=50".to_owned()];
    if !query.q.trim().is_empty() {
        params.push(format!("q={}", encode(query.q.trim())));
    }
    if !query.municipality.is_empty() {
        params.push(format!("municipality={}", encode(&query.municipality)));
    }
    if let Some(s) = query.status {
        params.push(format!("status={}", s.as_str()));
    }
    if let Some(m) = query.min_completeness {
        params.push(format!("min_completeness={m}"));
    }
    if let Some(m) = query.max_completeness {
        params.push(format!("max_completeness={m}"));
    }
    if let Some(t) = page_token {
        params.push(format!("page_token={}", encode(t)));
    }
    let path = format!("/staff/jobseekers?{}", params.join("&"));
    decode(authed("GET", &path, None).await?).await
}

pub async fn jobseeker_profile(id: UserId) -> Result<Profile, ApiError> {
    decode(authed("GET", &format!("/staff/jobseekers/{id}/profile"), None).await?).await
}

pub async fn profile_changes(id: UserId) -> Result<Page<ProfileChange>, ApiError> {
    decode(
        authed(
            "GET",
            &format!("/staff/jobseekers/{id}/history?page_size=100"),
            None,
        )
        .await?,
    )
    .await
}

pub async fn case_notes(id: UserId) -> Result<Page<CaseNote>, ApiError> {
    decode(
        authed(
            "GET",
            &format!("/staff/jobseekers/{id}/notes?page_size=100"),
            None,
        )
        .await?,
    )
    .await
}

pub async fn add_case_note(id: UserId, body: &str) -> Result<CaseNote, ApiError> {
    let note = NewCaseNote {
        body: body.to_owned(),
    };
    decode(
        authed(
            "POST",
            &format!("/staff/jobseekers/{id}/notes"),
            Some(json_body(&note)?),
        )
        .await?,
    )
    .await
}

pub async fn set_case_status(id: UserId, status: CaseStatus) -> Result<Profile, ApiError> {
    let body = SetCaseStatus { status };
    decode(
        authed(
            "PUT",
            &format!("/staff/jobseekers/{id}/status"),
            Some(json_body(&body)?),
        )
        .await?,
    )
    .await
}

/// The current competency framework (public).
pub async fn framework() -> Result<Framework, ApiError> {
    decode(send("GET", "/competencies", None, false).await?).await
}

/// The instruments she may take (admins: every version).
pub async fn instruments() -> Result<Vec<InstrumentSummary>, ApiError> {
    decode(authed("GET", "/assessment/instruments", None).await?).await
}

pub async fn instrument(id: uuid::Uuid) -> Result<Instrument, ApiError> {
    decode(authed("GET", &format!("/assessment/instruments/{id}"), None).await?).await
}

/// Starts an attempt, or answers the one she has in progress.
pub async fn start_attempt(instrument_id: uuid::Uuid) -> Result<Attempt, ApiError> {
    let body = StartAttempt { instrument_id };
    decode(authed("POST", "/assessment/attempts", Some(json_body(&body)?)).await?).await
}

pub async fn attempts() -> Result<Vec<Attempt>, ApiError> {
    decode(authed("GET", "/assessment/attempts", None).await?).await
}

pub async fn attempt(id: uuid::Uuid) -> Result<Attempt, ApiError> {
    decode(authed("GET", &format!("/assessment/attempts/{id}"), None).await?).await
}

pub async fn save_answer(
    attempt: uuid::Uuid,
    item: uuid::Uuid,
    answer: &Answer,
) -> Result<AttemptProgress, ApiError> {
    let path = format!("/assessment/attempts/{attempt}/answers/{item}");
    decode(authed("PUT", &path, Some(json_body(answer)?)).await?).await
}

pub async fn submit_attempt(id: uuid::Uuid) -> Result<Attempt, ApiError> {
    let path = format!("/assessment/attempts/{id}/submit");
    decode(authed("POST", &path, None).await?).await
}

pub async fn portfolio(attempt: uuid::Uuid) -> Result<Portfolio, ApiError> {
    decode(
        authed(
            "GET",
            &format!("/assessment/attempts/{attempt}/portfolio"),
            None,
        )
        .await?,
    )
    .await
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

pub async fn shares() -> Result<Vec<Share>, ApiError> {
    decode(authed("GET", "/me/portfolio-shares", None).await?).await
}

pub async fn create_share(attempt_id: uuid::Uuid, expires_in_days: u32) -> Result<Share, ApiError> {
    let body = NewShare {
        attempt_id,
        expires_in_days,
    };
    decode(authed("POST", "/me/portfolio-shares", Some(json_body(&body)?)).await?).await
}

pub async fn revoke_share(id: uuid::Uuid) -> Result<Share, ApiError> {
    let path = format!("/me/portfolio-shares/{id}/revoke");
    decode(authed("POST", &path, None).await?).await
}

/// A portfolio shared with her link's token (no account).
pub async fn open_share(token: &str) -> Result<Portfolio, ApiError> {
    let body = OpenShare {
        token: token.to_owned(),
    };
    decode(send("POST", "/shared-portfolios", Some(json_body(&body)?), false).await?).await
}

/// Submitted attempts of the agency waiting for validation, oldest first.
pub async fn validation_queue() -> Result<Page<QueueEntry>, ApiError> {
    decode(authed("GET", "/staff/assessments/queue?page_size=100", None).await?).await
}

pub async fn review(attempt: uuid::Uuid) -> Result<Review, ApiError> {
    decode(authed("GET", &format!("/staff/assessments/{attempt}"), None).await?).await
}

pub async fn validate(attempt: uuid::Uuid, req: &ValidationRequest) -> Result<Review, ApiError> {
    let path = format!("/staff/assessments/{attempt}/validation");
    decode(authed("POST", &path, Some(json_body(req)?)).await?).await
}

/// Publishes (`true`) or retires (`false`) an instrument version (admins).
pub async fn set_instrument_status(id: uuid::Uuid, publish: bool) -> Result<Instrument, ApiError> {
    let action = if publish { "publish" } else { "retire" };
    let path = format!("/admin/instruments/{id}/{action}");
    decode(authed("POST", &path, None).await?).await
}

/// Every framework version, newest first (admins).
pub async fn framework_versions() -> Result<Vec<Framework>, ApiError> {
    decode(authed("GET", "/admin/framework/versions", None).await?).await
}

/// Publishes the next framework version (admins).
pub async fn publish_framework(draft: &FrameworkDraft) -> Result<Framework, ApiError> {
    decode(authed("POST", "/admin/framework/versions", Some(json_body(draft)?)).await?).await
}

/// Saves a draft: a new version of its key (`id` `None`) or the draft `id` again (admins).
pub async fn save_instrument_draft(
    id: Option<uuid::Uuid>,
    draft: &InstrumentDraft,
) -> Result<Instrument, ApiError> {
    let res = match id {
        None => authed("POST", "/admin/instruments", Some(json_body(draft)?)).await?,
        Some(id) => {
            authed(
                "PUT",
                &format!("/admin/instruments/{id}"),
                Some(json_body(draft)?),
            )
            .await?
        }
    };
    decode(res).await
}

/// A current access token for the community socket (refreshed when missing).
pub async fn access_token() -> Result<String, ApiError> {
    if let Some(t) = token() {
        return Ok(t);
    }
    Ok(refresh_or_lose_session().await?.access_token)
}

pub async fn rooms() -> Result<Vec<Room>, ApiError> {
    decode(authed("GET", "/community/rooms", None).await?).await
}

pub async fn room(id: uuid::Uuid) -> Result<Room, ApiError> {
    decode(authed("GET", &format!("/community/rooms/{id}"), None).await?).await
}

pub async fn join_room(id: uuid::Uuid) -> Result<Room, ApiError> {
    let path = format!("/community/rooms/{id}/join");
    decode(authed("POST", &path, None).await?).await
}

/// A page of history: the newest, or the one before `before`.
pub async fn history(id: uuid::Uuid, before: Option<u64>) -> Result<History, ApiError> {
    let path = match before {
        Some(b) => format!("/community/rooms/{id}/messages?before={b}&limit=30"),
        None => format!("/community/rooms/{id}/messages?limit=30"),
    };
    decode(authed("GET", &path, None).await?).await
}

pub async fn send_message(id: uuid::Uuid, message: &NewMessage) -> Result<Message, ApiError> {
    let path = format!("/community/rooms/{id}/messages");
    decode(authed("POST", &path, Some(json_body(message)?)).await?).await
}

pub async fn mark_read(id: uuid::Uuid, seq: u64) -> Result<Room, ApiError> {
    let path = format!("/community/rooms/{id}/read");
    let body = shared::ReadMarker { last_read_seq: seq };
    decode(authed("PUT", &path, Some(json_body(&body)?)).await?).await
}

pub async fn report_message(
    room: uuid::Uuid,
    message: uuid::Uuid,
    report: &NewReport,
) -> Result<Report, ApiError> {
    let path = format!("/community/rooms/{room}/messages/{message}/reports");
    decode(authed("POST", &path, Some(json_body(report)?)).await?).await
}

pub async fn moderation_reports() -> Result<Vec<ReportEntry>, ApiError> {
    decode(authed("GET", "/community/moderation/reports", None).await?).await
}

pub async fn hide_message(
    room: uuid::Uuid,
    message: uuid::Uuid,
    reason: &str,
) -> Result<Message, ApiError> {
    let path = format!("/community/rooms/{room}/messages/{message}/hide");
    let body = shared::ModerationReason {
        reason: reason.to_owned(),
    };
    decode(authed("POST", &path, Some(json_body(&body)?)).await?).await
}

pub async fn handle_report(report: uuid::Uuid, outcome: &str) -> Result<Report, ApiError> {
    let path = format!("/community/moderation/reports/{report}/handle");
    let body = shared::HandleReport {
        outcome: outcome.to_owned(),
    };
    decode(authed("POST", &path, Some(json_body(&body)?)).await?).await
}

pub async fn contacts(q: &str) -> Result<Vec<shared::Contact>, ApiError> {
    let path = if q.trim().is_empty() {
        "/community/contacts".to_owned()
    } else {
        format!("/community/contacts?q={}", encode(q.trim()))
    };
    decode(authed("GET", &path, None).await?).await
}

pub async fn open_direct(user: UserId) -> Result<Room, ApiError> {
    let body = shared::NewDirect { user_id: user };
    decode(authed("POST", "/community/direct", Some(json_body(&body)?)).await?).await
}

pub async fn community_settings() -> Result<shared::CommunitySettings, ApiError> {
    decode(authed("GET", "/community/settings", None).await?).await
}

pub async fn save_community_settings(
    s: &shared::CommunitySettings,
) -> Result<shared::CommunitySettings, ApiError> {
    decode(authed("PUT", "/community/settings", Some(json_body(s)?)).await?).await
}

pub async fn room_members(id: uuid::Uuid) -> Result<Vec<shared::RoomMember>, ApiError> {
    decode(authed("GET", &format!("/community/rooms/{id}/members"), None).await?).await
}

pub async fn leave_room(id: uuid::Uuid) -> Result<(), ApiError> {
    let path = format!("/community/rooms/{id}/leave");
    expect_empty(authed("POST", &path, None).await?).await
}

pub async fn edit_message(
    room: uuid::Uuid,
    message: uuid::Uuid,
    body: &str,
) -> Result<Message, ApiError> {
    let path = format!("/community/rooms/{room}/messages/{message}");
    let body = shared::EditMessage {
        body: body.to_owned(),
    };
    decode(authed("PUT", &path, Some(json_body(&body)?)).await?).await
}

pub async fn delete_message(room: uuid::Uuid, message: uuid::Uuid) -> Result<Message, ApiError> {
    let path = format!("/community/rooms/{room}/messages/{message}");
    decode(authed("DELETE", &path, None).await?).await
}

/// Gives (`on`) or takes back a reaction.
pub async fn react(
    room: uuid::Uuid,
    message: uuid::Uuid,
    emoji: &str,
    on: bool,
) -> Result<Message, ApiError> {
    let path = format!(
        "/community/rooms/{room}/messages/{message}/reactions/{}",
        encode(emoji)
    );
    let method = if on { "PUT" } else { "DELETE" };
    decode(authed(method, &path, None).await?).await
}

pub async fn pin(room: uuid::Uuid, message: uuid::Uuid, on: bool) -> Result<(), ApiError> {
    let res = if on {
        let body = shared::NewPin {
            message_id: message,
        };
        authed(
            "POST",
            &format!("/community/rooms/{room}/pins"),
            Some(json_body(&body)?),
        )
        .await?
    } else {
        authed(
            "DELETE",
            &format!("/community/rooms/{room}/pins/{message}"),
            None,
        )
        .await?
    };
    expect_empty(res).await
}

pub async fn create_room(room: &shared::NewRoom) -> Result<Room, ApiError> {
    decode(authed("POST", "/community/rooms", Some(json_body(room)?)).await?).await
}

pub async fn update_room(id: uuid::Uuid, update: &shared::RoomUpdate) -> Result<(), ApiError> {
    let path = format!("/community/rooms/{id}");
    expect_empty(authed("PUT", &path, Some(json_body(update)?)).await?).await
}

pub async fn archive_room(id: uuid::Uuid, reason: &str) -> Result<(), ApiError> {
    let path = format!("/community/rooms/{id}/archive");
    let body = shared::ModerationReason {
        reason: reason.to_owned(),
    };
    expect_empty(authed("POST", &path, Some(json_body(&body)?)).await?).await
}

pub async fn add_member(id: uuid::Uuid, user: UserId) -> Result<(), ApiError> {
    let path = format!("/community/rooms/{id}/members");
    let body = shared::NewMember { user_id: user };
    expect_empty(authed("POST", &path, Some(json_body(&body)?)).await?).await
}

/// What a moderator does to a member of a room.
#[derive(Debug, Clone, PartialEq)]
pub enum MemberAction {
    Mute { minutes: u32 },
    Remove,
    Ban,
    SlowMode { seconds: Option<u32> },
}

pub async fn act_on_member(
    room: uuid::Uuid,
    user: UserId,
    action: &MemberAction,
    reason: &str,
) -> Result<(), ApiError> {
    let reason = reason.to_owned();
    let (verb, body) = match action {
        MemberAction::Mute { minutes } => (
            "mute",
            json_body(&shared::Mute {
                minutes: *minutes,
                reason,
            })?,
        ),
        MemberAction::Remove => ("remove", json_body(&shared::ModerationReason { reason })?),
        MemberAction::Ban => ("ban", json_body(&shared::ModerationReason { reason })?),
        MemberAction::SlowMode { seconds } => (
            "slow-mode",
            json_body(&shared::SlowMode {
                seconds: *seconds,
                reason,
            })?,
        ),
    };
    let path = format!("/community/rooms/{room}/members/{user}/{verb}");
    expect_empty(authed("POST", &path, Some(body)).await?).await
}

pub async fn room_slow_mode(
    room: uuid::Uuid,
    seconds: Option<u32>,
    reason: &str,
) -> Result<(), ApiError> {
    let path = format!("/community/rooms/{room}/slow-mode");
    let body = shared::SlowMode {
        seconds,
        reason: reason.to_owned(),
    };
    expect_empty(authed("PUT", &path, Some(json_body(&body)?)).await?).await
}

pub async fn moderation_log(
    room: Option<uuid::Uuid>,
) -> Result<Vec<shared::ModerationEntry>, ApiError> {
    let path = match room {
        Some(r) => format!("/community/moderation/log?room_id={r}"),
        None => "/community/moderation/log".to_owned(),
    };
    decode(authed("GET", &path, None).await?).await
}

pub async fn word_filters() -> Result<Vec<shared::WordFilter>, ApiError> {
    decode(authed("GET", "/community/moderation/filters", None).await?).await
}

pub async fn add_word_filter(f: &shared::NewWordFilter) -> Result<shared::WordFilter, ApiError> {
    decode(authed("POST", "/community/moderation/filters", Some(json_body(f)?)).await?).await
}

pub async fn remove_word_filter(id: uuid::Uuid, reason: &str) -> Result<(), ApiError> {
    let path = format!("/community/moderation/filters/{id}/remove");
    let body = shared::ModerationReason {
        reason: reason.to_owned(),
    };
    expect_empty(authed("POST", &path, Some(json_body(&body)?)).await?).await
}

/// The earlier texts of an edited message (for those who run its room).
pub async fn message_versions(
    room: uuid::Uuid,
    message: uuid::Uuid,
) -> Result<Vec<shared::MessageVersion>, ApiError> {
    let path = format!("/community/rooms/{room}/messages/{message}/versions");
    decode(authed("GET", &path, None).await?).await
}
