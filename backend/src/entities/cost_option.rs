use sea_orm::entity::prelude::*;
use shared::CostUnit;

/// A price of a service (HSDS `cost_option`), in euro cents.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cost_options")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub service_id: Uuid,
    pub unit: CostUnit,
    pub amount_cents: i32,
    pub note: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
