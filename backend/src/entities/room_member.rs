use sea_orm::entity::prelude::*;
use shared::MemberRole;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "room_members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub room_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    /// `member` or `manager`.
    pub role: MemberRole,
    pub joined_at: DateTimeUtc,
    /// The newest message she has read.
    pub last_read_seq: i64,
    /// She may not post until then.
    pub muted_until: Option<DateTimeUtc>,
    pub mute_reason: Option<String>,
    /// At most one message every so many seconds, for her in this room.
    pub slow_mode_seconds: Option<i32>,
}

impl ActiveModelBehavior for ActiveModel {}
