use sea_orm::entity::prelude::*;
use shared::ItemKind;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "instrument_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub instrument_id: Uuid,
    pub position: i32,
    pub kind: ItemKind,
    pub prompt: Json,
    /// JSON array of competence codes.
    pub competences: Json,
    pub reverse_keyed: bool,
    /// JSON array of options (situational choices), else empty.
    pub options: Json,
    pub estimated_seconds: i32,
}

impl ActiveModelBehavior for ActiveModel {}
