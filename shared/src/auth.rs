use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Agency, AgencyId, Language, UserId};

/// What a user is allowed to do. Every user belongs to one agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
pub enum Role {
    Jobseeker,
    Counsellor,
    CommunityManager,
    Admin,
    /// An employer's HR: her organisation's opportunities and their applicants, nothing else.
    Employer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Jobseeker => "jobseeker",
            Role::Counsellor => "counsellor",
            Role::CommunityManager => "community_manager",
            Role::Admin => "admin",
            Role::Employer => "employer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "jobseeker" => Some(Role::Jobseeker),
            "counsellor" => Some(Role::Counsellor),
            "community_manager" => Some(Role::CommunityManager),
            "admin" => Some(Role::Admin),
            "employer" => Some(Role::Employer),
            _ => None,
        }
    }

    /// Agency staff use the admin area; jobseekers the web app; an employer's HR her own area.
    pub fn is_staff(self) -> bool {
        matches!(
            self,
            Role::Counsellor | Role::CommunityManager | Role::Admin
        )
    }
}

/// Registration of a jobseeker.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "email": "giulia.rossi@example.org",
    "password": "una frase lunga e mia",
    "name": "Giulia Rossi",
    "agency_id": "0194f0a0-0000-7000-8000-000000000001",
    "language": "it",
    "privacy_notice_version": "2026-11",
    "accept_privacy_notice": true
})))]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    #[cfg_attr(feature = "openapi", schema(format = Email, min_length = 3, max_length = 254))]
    pub email: String,
    /// 8 to 128 characters; very common passwords are refused.
    #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 128))]
    pub password: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    pub agency_id: AgencyId,
    #[serde(default)]
    pub language: Language,
    /// The version of the privacy notice she was shown (see `PRIVACY_NOTICE_VERSION`).
    pub privacy_notice_version: String,
    /// Must be `true`: she has read the privacy notice.
    pub accept_privacy_notice: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "email": "giulia.rossi@example.org",
    "password": "una frase lunga e mia"
})))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
    /// For non-browser clients: return the refresh token in the body instead of the
    /// `HttpOnly` cookie.
    #[serde(default)]
    pub refresh_token_in_body: bool,
}

/// Refresh and logout take the refresh token from this body (non-browser clients) or,
/// when absent, from the `sinergia_refresh` cookie.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"refresh_token": "q4WN-Vip1OJFXVzhDIuuSsnaWu28Wsp5yobmuulIxwg"})))]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
}

/// Tokens issued by login and refresh.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"access_token": "eyJ0eXAiOiJhdCtqd3QiLCJhbGciOiJIUzI1NiIsImtpZCI6ImsxIn0...", "token_type": "Bearer", "expires_in": 900, "user": {"id": "019a2080-734b-7046-b322-f56be2f12dd6", "email": "giulia.rossi@example.org", "name": "Giulia Rossi", "role": "jobseeker", "language": "it", "agency": {"id": "0194f0a0-0000-7000-8000-000000000001", "slug": "milano", "name": "Agenzia per il lavoro di Milano", "territory": "Città metropolitana di Milano"}}})))]
pub struct TokenResponse {
    /// Short-lived JWT to send as `Authorization: Bearer ...`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    /// Present only when the client asked for it in the body; browsers get a cookie.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    pub user: Me,
}

/// The signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"id": "019a2080-734b-7046-b322-f56be2f12dd6", "email": "giulia.rossi@example.org", "name": "Giulia Rossi", "role": "jobseeker", "language": "it", "agency": {"id": "0194f0a0-0000-7000-8000-000000000001", "slug": "milano", "name": "Agenzia per il lavoro di Milano", "territory": "Città metropolitana di Milano"}})))]
pub struct Me {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// One of the programme's editors: she may change the competency framework and the
    /// instruments that every agency uses (an admin marked so by the platform's operator).
    #[serde(default)]
    pub programme_editor: bool,
    /// Writes the agency's catalogue of conciliation services: its admins always, staff an
    /// admin marked as curators.
    #[serde(default)]
    pub catalogue_curator: bool,
    /// For an employer's HR: her organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer_id: Option<uuid::Uuid>,
    pub language: Language,
    pub agency: Agency,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"current_password": "una frase lunga e mia", "new_password": "un'altra frase, più lunga"})))]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 128))]
    pub new_password: String,
}

/// Sets the password of a staff account from the one-time link sent to her.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"token": "q4WN-Vip1OJFXVzhDIuuSsnaWu28Wsp5yobmuulIxwg", "password": "la mia password nuova"})))]
#[serde(deny_unknown_fields)]
pub struct SetPasswordRequest {
    pub token: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 128))]
    pub password: String,
}

/// An admin creates a staff account in her own agency.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "email": "marco.bianchi@agenzia.example",
    "name": "Marco Bianchi",
    "role": "counsellor",
    "language": "it"
})))]
#[serde(deny_unknown_fields)]
pub struct CreateStaffRequest {
    #[cfg_attr(feature = "openapi", schema(format = Email, min_length = 3, max_length = 254))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    /// `counsellor`, `community_manager` or `admin`.
    pub role: Role,
    #[serde(default)]
    pub language: Language,
}

/// An employer's HR account, invited by the agency's admin.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "email": "risorse.umane@melograno.example",
    "name": "Laura Conti",
    "language": "it"
})))]
#[serde(deny_unknown_fields)]
pub struct EmployerAccountRequest {
    #[cfg_attr(feature = "openapi", schema(format = Email, min_length = 3, max_length = 254))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    #[serde(default)]
    pub language: Language,
}

/// A user account as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"id": "019a2080-734b-7046-b322-f56be2f12dd7", "email": "marco.bianchi@agenzia.example", "name": "Marco Bianchi", "role": "counsellor", "language": "it", "agency_id": "0194f0a0-0000-7000-8000-000000000001", "activated": false, "disabled": false, "created_at": "2026-11-23T10:00:00Z"})))]
pub struct UserAccount {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub language: Language,
    pub agency_id: AgencyId,
    /// `true` once the account holder has a password.
    pub activated: bool,
    pub disabled: bool,
    /// Curates the agency's catalogue of conciliation services (staff; its admins always may).
    #[serde(default)]
    pub catalogue_curator: bool,
    pub created_at: DateTime<Utc>,
}

/// Whether a staff member curates the agency's catalogue of conciliation services.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CatalogueCurator {
    pub curator: bool,
}

/// A new staff account and when its one-time set-password link expires.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"account": {"id": "019a2080-734b-7046-b322-f56be2f12dd7", "email": "marco.bianchi@agenzia.example", "name": "Marco Bianchi", "role": "counsellor", "language": "it", "agency_id": "0194f0a0-0000-7000-8000-000000000001", "activated": false, "disabled": false, "created_at": "2026-11-23T10:00:00Z"}, "set_password_link_expires_at": "2026-11-26T10:00:00Z"})))]
pub struct StaffCreated {
    pub account: UserAccount,
    pub set_password_link_expires_at: DateTime<Utc>,
}

/// Asks for a link to choose a new password. The answer is the same whether or not the
/// account exists.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"email": "giulia.rossi@example.org"})))]
#[serde(deny_unknown_fields)]
pub struct ForgotPasswordRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 254))]
    pub email: String,
}
