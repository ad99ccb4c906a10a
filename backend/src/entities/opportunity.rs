use sea_orm::entity::prelude::*;
use shared::{ContractType, OpportunityStatus, WorkMode};

/// An opportunity of an employer of the agency's network.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "opportunities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub employer_id: Uuid,
    pub title: String,
    pub description: String,
    pub contract: ContractType,
    /// A traineeship's monthly stipend, in euro cents.
    pub stipend_cents: Option<i32>,
    pub duration_months: Option<i32>,
    pub weekly_hours: i32,
    /// `OpeningWindow`s.
    pub hours: Json,
    pub municipality_code: String,
    pub mode: WorkMode,
    /// `Sought`s.
    pub sought: Json,
    /// ISO 639-1 codes.
    pub languages: Json,
    pub start_on: Option<Date>,
    pub closes_on: Date,
    pub places: i32,
    pub status: OpportunityStatus,
    pub published_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub created_by: Uuid,
    /// Bumped on every change; the `ETag` of an edit.
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
