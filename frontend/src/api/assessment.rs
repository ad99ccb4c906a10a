//! The framework, instruments, attempts, portfolio, share links and validation.

use shared::{
    Answer, Attempt, AttemptProgress, Framework, FrameworkDraft, Instrument, InstrumentDraft,
    InstrumentSummary, NewShare, OpenShare, Page, Portfolio, QueueEntry, Review, Share,
    StartAttempt, ValidationRequest,
};

use super::http::{ApiError, authed, decode, json_body, send};

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
