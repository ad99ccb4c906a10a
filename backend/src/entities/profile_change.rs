use sea_orm::entity::prelude::*;
use shared::{ProfileSection, Role};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "profile_changes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub section: ProfileSection,
    pub version: i32,
    pub changed_at: DateTimeUtc,
    pub changed_by: Uuid,
    pub changed_by_role: Role,
    /// JSON array of the top-level field names that changed.
    pub fields: Json,
}

impl ActiveModelBehavior for ActiveModel {}
