use sea_orm::entity::prelude::*;

/// Append-only (the database refuses updates and deletes).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "moderation_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub room_id: Option<Uuid>,
    pub actor_id: Uuid,
    pub action: String,
    pub target_user: Option<Uuid>,
    pub target_message: Option<Uuid>,
    pub reason: String,
    pub until: Option<DateTimeUtc>,
    pub details: Json,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
