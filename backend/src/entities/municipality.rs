use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "municipalities")]
pub struct Model {
    /// ISTAT code.
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub name: String,
    pub province: String,
    pub agency_id: Uuid,
    /// Its Ambito territoriale (`ambiti.code`), where the territory has them.
    pub ambito: Option<String>,
    /// WGS 84 latitude and longitude (see `migrations/data/README.md` for their source).
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

impl ActiveModelBehavior for ActiveModel {}
