//! An organisation asking to join an agency's network (issue 15): what it sends from the
//! public form, and the request as the agency's admins read and decide it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::code::Code;
use crate::{AgencyId, Employer, EmployerInput, Language, StaffCreated};

code_enum!(
    /// Where a request to join is: waiting for the agency's admin, approved (the employer and
    /// her HR account exist), declined (with the admin's reason).
    JoinRequestStatus: "join_request_status" { Pending => "pending", Approved => "approved", Declined => "declined" }
);

/// What an organisation sends to join an agency's network: the organisation as it would be
/// written, and the HR person who will use its account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "agency_id": "0194f0a0-0000-7000-8000-000000000001",
    "organisation": {
        "name": "Cooperativa Il Melograno",
        "ateco": "88.91",
        "size": "small",
        "municipality": "015146",
        "benefits": ["flexible_hours", "childcare_support"],
        "website": "https://melograno.example"
    },
    "contact_name": "Laura Conti",
    "contact_email": "risorse.umane@melograno.example",
    "language": "it",
    "message": "Cerchiamo educatrici part-time per il nido aziendale.",
    "accept_privacy_notice": true,
    "privacy_notice_version": "2026-11"
})))]
#[serde(deny_unknown_fields)]
pub struct JoinRequestInput {
    /// The agency whose network it asks to join (`GET /agencies`).
    pub agency_id: AgencyId,
    /// Its seat must be a municipality of that agency's territory.
    pub organisation: EmployerInput,
    /// The HR person who will use the account.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub contact_name: String,
    #[cfg_attr(feature = "openapi", schema(format = Email, min_length = 3, max_length = 254))]
    pub contact_email: String,
    /// The language of her account and e-mails.
    #[serde(default)]
    pub language: Language,
    /// A word to the agency (up to 1,000 characters).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub message: Option<String>,
    /// Must be `true`.
    pub accept_privacy_notice: bool,
    /// The version of the privacy notice she was shown (see `PRIVACY_NOTICE_VERSION`).
    pub privacy_notice_version: String,
}

/// The answer to the public form: received, to be read by the agency. The same whether or not
/// the address already has an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinRequestReceived {
    pub id: uuid::Uuid,
    pub status: JoinRequestStatus,
}

/// A request to join as the agency's admins read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinRequest {
    pub id: uuid::Uuid,
    pub organisation: EmployerInput,
    pub contact_name: String,
    pub contact_email: String,
    pub language: Language,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    pub status: JoinRequestStatus,
    /// Why it was declined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The employer written on approval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer_id: Option<uuid::Uuid>,
    pub created_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<DateTime<Utc>>,
}

/// Why the admin declines a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"reason": "La sede è fuori dal nostro territorio."})))]
#[serde(deny_unknown_fields)]
pub struct JoinDecline {
    /// 1 to 500 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub reason: String,
}

/// An approved request: the employer now in the network and her HR's account, whose one-time
/// link is on its way.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinApproved {
    pub request: JoinRequest,
    pub employer: Employer,
    pub hr: StaffCreated,
}
