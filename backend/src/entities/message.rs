use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "messages")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub room_id: Uuid,
    /// Its place in the room, from 1, without gaps.
    pub seq: i64,
    pub sender_id: Uuid,
    /// The sender's id for this send, so that a retry finds the original.
    pub client_id: String,
    pub body: String,
    pub reply_to: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub edited_at: Option<DateTimeUtc>,
    pub deleted_at: Option<DateTimeUtc>,
    /// Hidden by a moderator.
    pub hidden_at: Option<DateTimeUtc>,
    pub hidden_reason: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
