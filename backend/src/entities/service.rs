use sea_orm::entity::prelude::*;
use shared::{Places, ServiceCategory};

/// A conciliation service (HSDS `service`); its schedule (weekly windows and dated exceptions)
/// is kept whole in `schedule`, and its weekly windows also one per row in `service_windows`.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "services")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub provider_id: Uuid,
    pub name: String,
    /// `LocalizedText`.
    pub description: Json,
    pub category: ServiceCategory,
    pub min_age_months: Option<i32>,
    pub max_age_months: Option<i32>,
    /// Language codes.
    pub languages: Json,
    /// What makes it accessible (codes).
    pub accessibility: Json,
    pub capacity: Option<i32>,
    pub places: Places,
    /// `shared::Schedule`.
    pub schedule: Json,
    /// `draft`, `published` or `retired`.
    pub status: String,
    /// When staff last checked its information, and who.
    pub verified_at: Option<DateTimeUtc>,
    pub verified_by: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
