use sea_orm::entity::prelude::*;

/// One weekly opening window of a service, for the "open at" search: `day` 0 (Monday) to 6,
/// `opens` and `closes` in minutes since midnight.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "service_windows")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub service_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: i16,
    #[sea_orm(primary_key, auto_increment = false)]
    pub opens: i16,
    pub closes: i16,
}

impl ActiveModelBehavior for ActiveModel {}
