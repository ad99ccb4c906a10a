use sea_orm::entity::prelude::*;
use shared::{CompanySize, JoinRequestStatus, Language};

/// An organisation's request to join an agency's network, as sent from the public form, and
/// the admin's decision.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "employer_join_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub name: String,
    pub ateco: String,
    pub size: CompanySize,
    pub municipality_code: String,
    /// `EmployerBenefit` codes.
    pub benefits: Json,
    pub website: Option<String>,
    /// The HR person who will use the account.
    pub contact_name: String,
    pub contact_email: String,
    pub language: Language,
    pub message: Option<String>,
    pub privacy_notice_version: String,
    pub status: JoinRequestStatus,
    /// Why the admin declined it.
    pub reason: Option<String>,
    /// The employer written on approval.
    pub employer_id: Option<Uuid>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
