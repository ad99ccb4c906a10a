use sea_orm::entity::prelude::*;
use shared::CaseStatus;

/// One per jobseeker, made at registration: what the caseload lists and filters on.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "profiles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub agency_id: Uuid,
    pub municipality: Option<String>,
    /// Overall completeness, 0 to 100.
    pub completeness: i16,
    pub case_status: CaseStatus,
    pub created_at: DateTimeUtc,
    pub updated_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
