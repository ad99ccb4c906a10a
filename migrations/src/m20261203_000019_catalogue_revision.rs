//! The catalogue's revision: one number, one up on every write to a provider, location or
//! service (in the same transaction). The server keeps the published catalogue in memory for
//! the search and her matches and rebuilds it when the number it was built at is no longer the
//! one stored, so every instance sees a change at its next read.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CatalogueRevisions {
    Table,
    Id,
    Revision,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CatalogueRevisions::Table)
                    .col(
                        ColumnDef::new(CatalogueRevisions::Id)
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(CatalogueRevisions::Revision)
                            .big_integer()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(CatalogueRevisions::Table)
                    .columns([CatalogueRevisions::Id, CatalogueRevisions::Revision])
                    .values_panic([1.into(), 1.into()])
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CatalogueRevisions::Table).to_owned())
            .await
    }
}
