//! Staff accounts, for an agency's admins.

use shared::{CreateStaffRequest, Page, StaffCreated, UserAccount, UserId};

use super::http::{ApiError, authed, decode, json_body};

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

/// Makes a staff member a curator of the agency's catalogue (`true`), or no longer.
pub async fn set_curator(id: UserId, curator: bool) -> Result<UserAccount, ApiError> {
    let body = json_body(&shared::CatalogueCurator { curator })?;
    decode(
        authed(
            "PUT",
            &format!("/admin/users/{id}/catalogue-curator"),
            Some(body),
        )
        .await?,
    )
    .await
}
