use sea_orm::entity::prelude::*;

/// A member a message mentions.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "message_mentions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub message_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub room_id: Uuid,
    pub seq: i64,
}

impl ActiveModelBehavior for ActiveModel {}
