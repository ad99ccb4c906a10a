//! The catalogue as staff keep it: providers and their locations, services, and the
//! contributions (each change with the `ETag` it was read at).

use shared::{
    ContributionInput, ContributionScheme, Location, LocationInput, Page, Provider, ProviderInput,
    Service, ServiceInput,
};

use super::http::{ApiError, authed, authed_with, decode, json_body};

fn etag(version: u32) -> String {
    format!("\"{version}\"")
}

/// The agency's live providers, newest first (a page of 100: a catalogue page shows them all
/// in a list to choose from).
pub async fn staff_providers() -> Result<Page<Provider>, ApiError> {
    decode(authed("GET", "/catalogue/providers?page_size=100", None).await?).await
}

pub async fn create_provider(input: &ProviderInput) -> Result<Provider, ApiError> {
    decode(authed("POST", "/catalogue/providers", Some(json_body(input)?)).await?).await
}

pub async fn update_provider(
    id: uuid::Uuid,
    version: u32,
    input: &ProviderInput,
) -> Result<Provider, ApiError> {
    let path = format!("/catalogue/providers/{id}");
    decode(authed_with("PUT", &path, Some(json_body(input)?), Some(&etag(version))).await?).await
}

pub async fn retire_provider(id: uuid::Uuid) -> Result<Provider, ApiError> {
    decode(authed("POST", &format!("/catalogue/providers/{id}/retire"), None).await?).await
}

pub async fn provider_locations(provider: uuid::Uuid) -> Result<Vec<Location>, ApiError> {
    decode(
        authed(
            "GET",
            &format!("/catalogue/providers/{provider}/locations"),
            None,
        )
        .await?,
    )
    .await
}

pub async fn create_location(
    provider: uuid::Uuid,
    input: &LocationInput,
) -> Result<Location, ApiError> {
    let path = format!("/catalogue/providers/{provider}/locations");
    decode(authed("POST", &path, Some(json_body(input)?)).await?).await
}

pub async fn update_location(
    id: uuid::Uuid,
    version: u32,
    input: &LocationInput,
) -> Result<Location, ApiError> {
    let path = format!("/catalogue/locations/{id}");
    decode(authed_with("PUT", &path, Some(json_body(input)?), Some(&etag(version))).await?).await
}

pub async fn retire_location(id: uuid::Uuid) -> Result<Location, ApiError> {
    decode(authed("POST", &format!("/catalogue/locations/{id}/retire"), None).await?).await
}

pub async fn staff_service(id: uuid::Uuid) -> Result<Service, ApiError> {
    decode(authed("GET", &format!("/catalogue/services/{id}"), None).await?).await
}

pub async fn create_service(input: &ServiceInput) -> Result<Service, ApiError> {
    decode(authed("POST", "/catalogue/services", Some(json_body(input)?)).await?).await
}

pub async fn update_service(
    id: uuid::Uuid,
    version: u32,
    input: &ServiceInput,
) -> Result<Service, ApiError> {
    let path = format!("/catalogue/services/{id}");
    decode(authed_with("PUT", &path, Some(json_body(input)?), Some(&etag(version))).await?).await
}

/// The schemes in force for the agency's territory, due for a check first.
pub async fn contributions() -> Result<Page<ContributionScheme>, ApiError> {
    decode(authed("GET", "/catalogue/contributions?page_size=100", None).await?).await
}

pub async fn create_contribution(
    input: &ContributionInput,
) -> Result<ContributionScheme, ApiError> {
    decode(authed("POST", "/catalogue/contributions", Some(json_body(input)?)).await?).await
}

pub async fn update_contribution(
    id: uuid::Uuid,
    version: u32,
    input: &ContributionInput,
) -> Result<ContributionScheme, ApiError> {
    let path = format!("/catalogue/contributions/{id}");
    decode(authed_with("PUT", &path, Some(json_body(input)?), Some(&etag(version))).await?).await
}

pub async fn retire_contribution(id: uuid::Uuid) -> Result<ContributionScheme, ApiError> {
    decode(
        authed(
            "POST",
            &format!("/catalogue/contributions/{id}/retire"),
            None,
        )
        .await?,
    )
    .await
}
