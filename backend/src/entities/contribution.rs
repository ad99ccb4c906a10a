use sea_orm::entity::prelude::*;

/// A public scheme that pays part of a service's cost: national (`agency_id` empty) or of an
/// agency's territory, with its structured eligibility, its source and when staff must check
/// it again.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "contributions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Option<Uuid>,
    pub name: Json,
    pub description: Json,
    /// The service categories it pays for.
    pub categories: Json,
    /// Who may claim it.
    pub rules: Json,
    /// How much: an amount per period, or a share of the cost.
    pub benefit: Json,
    pub how_to_apply: Json,
    pub source_url: String,
    pub source_checked_on: Date,
    pub review_by: Date,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub retired_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
