//! Employers (issue 15): organisations of an agency's network, with their ATECO sector, size,
//! seat and what they offer parents (a JSON list of codes). Their opportunities, HR accounts and
//! applications come in the next migrations.

use sea_orm_migration::prelude::*;

use crate::columns::{json_col, ts, uuid_pk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Employers {
    Table,
    Id,
    AgencyId,
    Name,
    Ateco,
    Size,
    MunicipalityCode,
    Benefits,
    Website,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Employers::Table)
                    .col(uuid_pk(Employers::Id))
                    .col(ColumnDef::new(Employers::AgencyId).uuid().not_null())
                    .col(ColumnDef::new(Employers::Name).string_len(200).not_null())
                    .col(ColumnDef::new(Employers::Ateco).string_len(8).not_null())
                    .col(ColumnDef::new(Employers::Size).string_len(20).not_null())
                    .col(
                        ColumnDef::new(Employers::MunicipalityCode)
                            .string_len(6)
                            .not_null(),
                    )
                    .col(json_col(Employers::Benefits))
                    .col(ColumnDef::new(Employers::Website).string_len(500).null())
                    .col(ColumnDef::new(Employers::Version).integer().not_null())
                    .col(ts(Employers::CreatedAt))
                    .col(ts(Employers::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_employers_agency")
                            .from(Employers::Table, Employers::AgencyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_employers_agency_name")
                    .table(Employers::Table)
                    .col(Employers::AgencyId)
                    .col(Employers::Name)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Employers::Table).to_owned())
            .await
    }
}
