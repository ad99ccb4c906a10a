use sea_orm::entity::prelude::*;
use shared::AttemptStatus;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "attempts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub agency_id: Uuid,
    pub instrument_id: Uuid,
    /// `in_progress`, `submitted` or `validated`.
    pub status: AttemptStatus,
    pub started_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
    /// The computed scores (JSON array), from the submission on.
    pub scores: Option<Json>,
    /// The counsellor's validation (`shared::Validation` as JSON).
    pub validation: Option<Json>,
}

impl ActiveModelBehavior for ActiveModel {}
