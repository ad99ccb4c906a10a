use sea_orm::entity::prelude::*;

/// What she chose for the community; no row means the defaults.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "community_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    /// Other jobseekers may open a direct conversation with her.
    pub allow_direct_messages: bool,
    /// Others see when she is online.
    pub show_presence: bool,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
