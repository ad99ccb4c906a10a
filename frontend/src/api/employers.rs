//! The employers of the agency's network.

use shared::{Employer, EmployerInput, Page};

use super::http::{ApiError, authed, authed_with, decode, json_body};

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
