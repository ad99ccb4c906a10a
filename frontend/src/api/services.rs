//! Conciliation services: her matches, shortlist, contacts, week and declaration.

use shared::{
    Declaration, HoursSource, Matches, ProviderBrief, ServiceCategory, ShortlistItem, WeekPlan,
    WeekView,
};

use super::http::{ApiError, authed, authed_with, decode, encode, expect_empty, json_body};

/// What she filters her matches by, as the query string wants them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MatchQuery {
    pub category: Option<ServiceCategory>,
    pub radius_km: Option<u32>,
    /// `day@HH:MM-HH:MM`.
    pub open_at: Option<String>,
    pub max_cost_euros: Option<u32>,
    pub hours: Option<HoursSource>,
}

pub async fn my_matches(q: &MatchQuery, page_token: Option<&str>) -> Result<Matches, ApiError> {
    let mut params = vec!["page_size=20".to_owned()];
    if let Some(c) = q.category {
        params.push(format!("category={}", c.as_str()));
    }
    if let Some(r) = q.radius_km {
        params.push(format!("radius_km={r}"));
    }
    if let Some(o) = &q.open_at {
        params.push(format!("open_at={}", encode(o)));
    }
    if let Some(m) = q.max_cost_euros {
        params.push(format!("max_cost_cents={}", m.saturating_mul(100)));
    }
    if let Some(h) = q.hours {
        let code = match h {
            HoursSource::Week => "week",
            HoursSource::Availability => "availability",
            HoursSource::Asked => "asked",
            HoursSource::None => "none",
        };
        params.push(format!("hours={code}"));
    }
    if let Some(t) = page_token {
        params.push(format!("page_token={}", encode(t)));
    }
    let path = format!("/me/services/matches?{}", params.join("&"));
    decode(authed("GET", &path, None).await?).await
}

pub async fn my_shortlist() -> Result<Vec<ShortlistItem>, ApiError> {
    decode(authed("GET", "/me/shortlist", None).await?).await
}

pub async fn save_service(id: uuid::Uuid) -> Result<Vec<ShortlistItem>, ApiError> {
    decode(authed("PUT", &format!("/me/shortlist/{id}"), None).await?).await
}

pub async fn unsave_service(id: uuid::Uuid) -> Result<(), ApiError> {
    expect_empty(authed("DELETE", &format!("/me/shortlist/{id}"), None).await?).await
}

pub async fn contact_service(id: uuid::Uuid) -> Result<ProviderBrief, ApiError> {
    decode(authed("POST", &format!("/me/services/{id}/contact"), None).await?).await
}

pub async fn my_week() -> Result<WeekView, ApiError> {
    decode(authed("GET", "/me/week", None).await?).await
}

pub async fn save_week(plan: &WeekPlan, version: u32) -> Result<WeekView, ApiError> {
    let etag = format!("\"{version}\"");
    decode(authed_with("PUT", "/me/week", Some(json_body(plan)?), Some(&etag)).await?).await
}

pub async fn my_declaration() -> Result<Declaration, ApiError> {
    decode(authed("GET", "/me/declaration", None).await?).await
}

pub async fn declare(d: &Declaration) -> Result<Declaration, ApiError> {
    decode(authed("PUT", "/me/declaration", Some(json_body(d)?)).await?).await
}

/// A page of the agency's services, for staff (every status).
pub async fn staff_services(
    q: Option<&str>,
    page_token: Option<&str>,
) -> Result<shared::Page<shared::Service>, ApiError> {
    let mut params = vec!["page_size=50".to_owned()];
    if let Some(q) = q.filter(|q| !q.trim().is_empty()) {
        params.push(format!("q={}", encode(q.trim())));
    }
    if let Some(t) = page_token {
        params.push(format!("page_token={}", encode(t)));
    }
    decode(
        authed(
            "GET",
            &format!("/catalogue/services?{}", params.join("&")),
            None,
        )
        .await?,
    )
    .await
}

/// Publishes, retires or marks as checked (`step`: `publish`, `retire`, `verify`).
pub async fn step_service(id: uuid::Uuid, step: &str) -> Result<shared::Service, ApiError> {
    decode(authed("POST", &format!("/catalogue/services/{id}/{step}"), None).await?).await
}

/// Sends a catalogue file: with `dry_run`, only its report.
pub async fn import_catalogue(
    format: shared::ExchangeFormat,
    file: String,
    dry_run: bool,
) -> Result<shared::ImportReport, ApiError> {
    let path = format!(
        "/catalogue/import?format={}&dry_run={dry_run}",
        format.as_str()
    );
    let content_type = match format {
        shared::ExchangeFormat::Csv => "text/csv",
        shared::ExchangeFormat::Hsds => "application/json",
    };
    decode(super::http::authed_typed("POST", &path, file, content_type).await?).await
}

/// A jobseeker's shortlist, for a counsellor of her agency (each look is audited).
pub async fn staff_shortlist(id: shared::UserId) -> Result<Vec<ShortlistItem>, ApiError> {
    decode(authed("GET", &format!("/staff/jobseekers/{id}/shortlist"), None).await?).await
}
