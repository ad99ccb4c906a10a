use sea_orm::entity::prelude::*;
use shared::CompetenceArea;

/// Texts are JSON `{"it": ..., "en": ...}`.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "competences")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub framework_version: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub area: CompetenceArea,
    pub position: i32,
    pub name: Json,
    pub description: Json,
    pub at_home: Json,
    pub at_work: Json,
    pub esco_code: String,
    pub esco_uri: String,
}

impl ActiveModelBehavior for ActiveModel {}
