use sea_orm::entity::prelude::*;
use shared::ProfileSection;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "profile_sections")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub section: ProfileSection,
    pub data: Json,
    pub version: i32,
    pub updated_at: DateTimeUtc,
    pub updated_by: Uuid,
}

impl ActiveModelBehavior for ActiveModel {}
