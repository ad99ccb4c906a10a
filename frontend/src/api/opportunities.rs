//! Opportunities for her, ranked and explained; her applications and the proposals made to
//! her.

use shared::{Application, ApplicationInput, ContractType, OpportunityMatches, WorkMode};

use super::http::{ApiError, authed, decode, encode, json_body};

/// What she filters her opportunities by.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct OpportunityQuery {
    pub contract: Option<ContractType>,
    pub mode: Option<WorkMode>,
}

pub async fn my_opportunities(
    q: OpportunityQuery,
    page_token: Option<&str>,
) -> Result<OpportunityMatches, ApiError> {
    let mut params = vec!["page_size=20".to_owned()];
    if let Some(c) = q.contract {
        params.push(format!("contract={}", c.as_str()));
    }
    if let Some(m) = q.mode {
        params.push(format!("mode={}", m.as_str()));
    }
    if let Some(t) = page_token {
        params.push(format!("page_token={}", encode(t)));
    }
    let path = format!("/me/opportunities?{}", params.join("&"));
    decode(authed("GET", &path, None).await?).await
}

pub async fn my_opportunity(id: uuid::Uuid) -> Result<OpportunityMatches, ApiError> {
    decode(authed("GET", &format!("/me/opportunities/{id}"), None).await?).await
}

pub async fn apply(id: uuid::Uuid, input: &ApplicationInput) -> Result<Application, ApiError> {
    let path = format!("/me/opportunities/{id}/application");
    decode(authed("POST", &path, Some(json_body(input)?)).await?).await
}

pub async fn my_applications() -> Result<Vec<Application>, ApiError> {
    decode(authed("GET", "/me/applications", None).await?).await
}

pub async fn withdraw_application(id: uuid::Uuid) -> Result<Application, ApiError> {
    decode(authed("POST", &format!("/me/applications/{id}/withdraw"), None).await?).await
}

pub async fn accept_proposal(
    id: uuid::Uuid,
    input: &ApplicationInput,
) -> Result<Application, ApiError> {
    let path = format!("/me/applications/{id}/accept");
    decode(authed("POST", &path, Some(json_body(input)?)).await?).await
}

pub async fn decline_proposal(id: uuid::Uuid) -> Result<Application, ApiError> {
    decode(authed("POST", &format!("/me/applications/{id}/decline"), None).await?).await
}
