use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "email_attempts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub email_id: Uuid,
    pub attempted_at: DateTimeUtc,
    pub delivered: bool,
    pub detail: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
