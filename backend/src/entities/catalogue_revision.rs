use sea_orm::entity::prelude::*;

/// The catalogue's revision (one row): one up on every write to it.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "catalogue_revisions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    pub revision: i64,
}

impl ActiveModelBehavior for ActiveModel {}
