use sea_orm::entity::prelude::*;

/// The text a message had before an edit (version 1 is the original).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "message_edits")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub message_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub version: i32,
    pub body: String,
    pub replaced_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
