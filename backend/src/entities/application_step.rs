use sea_orm::entity::prelude::*;
use shared::ApplicationStatus;

/// A step of an application, for its history and the indicators: no person named.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application_steps")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// None once she is erased.
    pub application_id: Option<Uuid>,
    pub opportunity_id: Uuid,
    pub agency_id: Uuid,
    /// The opportunity's municipality: the territory it counts in.
    pub municipality_code: String,
    pub status: ApplicationStatus,
    pub at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
