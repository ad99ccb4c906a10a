use sea_orm::entity::prelude::*;

/// Where a provider offers services (HSDS `location`, physical).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "locations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub provider_id: Uuid,
    pub name: String,
    pub address: String,
    /// ISTAT code of its municipality.
    pub municipality_code: String,
    /// WGS 84.
    pub lat: f64,
    pub lon: f64,
    pub created_at: DateTimeUtc,
    pub version: i32,
    /// Set once retired: no service is offered there any more; nothing is deleted.
    pub retired_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
