use sea_orm::entity::prelude::*;
use shared::ApplicationStatus;

/// Her application to an opportunity (or a counsellor's proposal of her).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "applications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub opportunity_id: Uuid,
    pub agency_id: Uuid,
    pub user_id: Uuid,
    pub status: ApplicationStatus,
    pub note: String,
    /// `SharedPart`s.
    pub share: Json,
    /// Her validated attempt whose portfolio goes with it.
    pub portfolio_attempt_id: Option<Uuid>,
    pub reason: Option<String>,
    pub proposed_by: Option<Uuid>,
    pub proposal_note: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
