//! Her profile, its export and erasure; the counsellors' caseload and case notes.

use shared::{
    CaseNote, CaseStatus, CaseloadEntry, ErasureReceipt, ErasureRequest, Municipality, NewCaseNote,
    Page, Profile, ProfileChange, SectionData, SectionState, SetCaseStatus, UserId,
};

use super::http::{
    ApiError, authed, authed_with, decode, encode, json_body, problem_of, send, set_token,
};

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
