//! The employers of the agency's network.

use shared::{
    Code, Employer, EmployerInput, JoinApproved, JoinDecline, JoinRequest, JoinRequestInput,
    JoinRequestReceived, JoinRequestStatus, Page,
};

use super::http::{ApiError, authed, authed_with, decode, json_body, send};

/// The agency's employers, newest first (a page of 100).
pub async fn employers() -> Result<Page<Employer>, ApiError> {
    decode(authed("GET", "/employers?page_size=100", None).await?).await
}

pub async fn create_employer(input: &EmployerInput) -> Result<Employer, ApiError> {
    decode(authed("POST", "/employers", Some(json_body(input)?)).await?).await
}

pub async fn update_employer(
    id: uuid::Uuid,
    version: u32,
    input: &EmployerInput,
) -> Result<Employer, ApiError> {
    let path = format!("/employers/{id}");
    let etag = format!("\"{version}\"");
    decode(authed_with("PUT", &path, Some(json_body(input)?), Some(&etag)).await?).await
}

/// The agency's opportunities, newest first (a page of 100), of a status when given.
pub async fn opportunities(
    status: Option<shared::OpportunityStatus>,
) -> Result<Page<shared::Opportunity>, ApiError> {
    let path = match status {
        Some(s) => format!("/opportunities?page_size=100&status={}", s.as_str()),
        None => "/opportunities?page_size=100".to_owned(),
    };
    decode(authed("GET", &path, None).await?).await
}

pub async fn opportunity(id: uuid::Uuid) -> Result<shared::Opportunity, ApiError> {
    decode(authed("GET", &format!("/opportunities/{id}"), None).await?).await
}

pub async fn create_opportunity(
    input: &shared::OpportunityInput,
) -> Result<shared::Opportunity, ApiError> {
    decode(authed("POST", "/opportunities", Some(json_body(input)?)).await?).await
}

pub async fn update_opportunity(
    id: uuid::Uuid,
    version: u32,
    input: &shared::OpportunityInput,
) -> Result<shared::Opportunity, ApiError> {
    let path = format!("/opportunities/{id}");
    let etag = format!("\"{version}\"");
    decode(authed_with("PUT", &path, Some(json_body(input)?), Some(&etag)).await?).await
}

/// `publish` or `close`, at the version she read.
pub async fn opportunity_step(
    id: uuid::Uuid,
    version: u32,
    step: &str,
) -> Result<shared::Opportunity, ApiError> {
    let path = format!("/opportunities/{id}/{step}");
    let etag = format!("\"{version}\"");
    decode(authed_with("POST", &path, None, Some(&etag)).await?).await
}

pub async fn applicants(id: uuid::Uuid) -> Result<Vec<shared::Applicant>, ApiError> {
    decode(authed("GET", &format!("/opportunities/{id}/applicants"), None).await?).await
}

pub async fn move_applicant(
    id: uuid::Uuid,
    version: u32,
    change: &shared::StatusChange,
) -> Result<shared::Applicant, ApiError> {
    let path = format!("/applications/{id}/status");
    let etag = format!("\"{version}\"");
    decode(authed_with("POST", &path, Some(json_body(change)?), Some(&etag)).await?).await
}

pub async fn fitting_women(id: uuid::Uuid) -> Result<Page<shared::FittingWoman>, ApiError> {
    let path = format!("/opportunities/{id}/fitting?page_size=10");
    decode(authed("GET", &path, None).await?).await
}

pub async fn propose(
    id: uuid::Uuid,
    input: &shared::ProposalInput,
) -> Result<shared::Application, ApiError> {
    let path = format!("/opportunities/{id}/proposals");
    decode(authed("POST", &path, Some(json_body(input)?)).await?).await
}

/// An organisation asks to join an agency's network (no sign-in).
pub async fn request_to_join(input: &JoinRequestInput) -> Result<JoinRequestReceived, ApiError> {
    decode(send("POST", "/employer-requests", Some(json_body(input)?), false).await?).await
}

/// The agency's requests to join in one state, newest first (a page of 100).
pub async fn join_requests(status: JoinRequestStatus) -> Result<Page<JoinRequest>, ApiError> {
    let path = format!("/employer-requests?status={}&page_size=100", status.code());
    decode(authed("GET", &path, None).await?).await
}

pub async fn approve_join_request(id: uuid::Uuid) -> Result<JoinApproved, ApiError> {
    let path = format!("/employer-requests/{id}/approve");
    decode(authed("POST", &path, None).await?).await
}

pub async fn decline_join_request(id: uuid::Uuid, reason: String) -> Result<JoinRequest, ApiError> {
    let path = format!("/employer-requests/{id}/decline");
    decode(authed("POST", &path, Some(json_body(&JoinDecline { reason })?)).await?).await
}
