use sea_orm::entity::prelude::*;

/// How many times a service was looked at, saved or contacted on a day, per agency: counts for
/// the indicators, never who.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "service_use")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: Date,
    #[sea_orm(primary_key, auto_increment = false)]
    pub agency_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub service_id: Uuid,
    /// `viewed`, `saved` or `contacted`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub action: String,
    pub count: i32,
}

impl ActiveModelBehavior for ActiveModel {}
