//! Each agency's word filter: a term and what happens to a message that contains it (block it,
//! hold it for review, or let it through and flag it to the moderators).

use sea_orm_migration::prelude::*;

use crate::columns::{ts, uuid_pk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum WordFilters {
    Table,
    Id,
    AgencyId,
    Term,
    Action,
    CreatedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(WordFilters::Table)
                    .col(uuid_pk(WordFilters::Id))
                    .col(ColumnDef::new(WordFilters::AgencyId).uuid().not_null())
                    .col(ColumnDef::new(WordFilters::Term).string_len(80).not_null())
                    .col(ColumnDef::new(WordFilters::Action).string_len(8).not_null())
                    .col(ColumnDef::new(WordFilters::CreatedBy).uuid().null())
                    .col(ts(WordFilters::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_word_filters_agency")
                            .from(WordFilters::Table, WordFilters::AgencyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_word_filters_agency_term")
                    .table(WordFilters::Table)
                    .col(WordFilters::AgencyId)
                    .col(WordFilters::Term)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(WordFilters::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await
    }
}
