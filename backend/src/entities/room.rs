use sea_orm::entity::prelude::*;
use shared::{RoomKind, RoomTopic};

/// Texts are JSON `{"it": ..., "en": ...}`.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "rooms")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    /// `public`, `private`, `announcement` or `direct`.
    pub kind: RoomKind,
    /// `territory` or `theme` for public rooms.
    pub topic: Option<RoomTopic>,
    pub name: Json,
    pub description: Json,
    pub rules: Json,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub archived_at: Option<DateTimeUtc>,
    /// The sequence number of the room's newest message.
    pub last_seq: i64,
    pub slow_mode_seconds: Option<i32>,
    /// For direct conversations: the two user ids, smaller first, joined by `:`.
    pub direct_key: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
