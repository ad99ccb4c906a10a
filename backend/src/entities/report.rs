use sea_orm::entity::prelude::*;
use shared::ReportReason;

/// A message reported to the room's moderators.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "reports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub room_id: Uuid,
    pub message_id: Uuid,
    /// `None` when the word filter raised it.
    pub reporter_id: Option<Uuid>,
    pub reason: ReportReason,
    pub note: Option<String>,
    pub created_at: DateTimeUtc,
    pub handled_by: Option<Uuid>,
    pub handled_at: Option<DateTimeUtc>,
    /// What the moderator tells the reporter.
    pub outcome: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
