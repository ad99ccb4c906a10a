//! Opportunities (issue 15): posted for an employer of the agency's network by its HR or by a
//! counsellor on its behalf. The contract, the hours and the place are kept apart: the
//! contract's kind with a traineeship's stipend and a duration; the weekly hours with their
//! days and time windows (JSON `OpeningWindow`s); the municipality and whether on site, hybrid
//! or remote. The competences sought (JSON `Sought`s: a code of the framework and a level) and
//! the languages are JSON lists. A draft is published, then closed.

use sea_orm_migration::prelude::*;

use crate::columns::{cascade, json_col, ts, ts_null, uuid_pk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CatalogueRevisions {
    Table,
    Id,
    Revision,
}

#[derive(DeriveIden)]
enum Employers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Opportunities {
    Table,
    Id,
    AgencyId,
    EmployerId,
    Title,
    Description,
    Contract,
    StipendCents,
    DurationMonths,
    WeeklyHours,
    Hours,
    MunicipalityCode,
    Mode,
    Sought,
    Languages,
    StartOn,
    ClosesOn,
    Places,
    Status,
    PublishedAt,
    ClosedAt,
    CreatedBy,
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
                    .table(Opportunities::Table)
                    .col(uuid_pk(Opportunities::Id))
                    .col(ColumnDef::new(Opportunities::AgencyId).uuid().not_null())
                    .col(ColumnDef::new(Opportunities::EmployerId).uuid().not_null())
                    .col(
                        ColumnDef::new(Opportunities::Title)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Opportunities::Description).text().not_null())
                    .col(
                        ColumnDef::new(Opportunities::Contract)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Opportunities::StipendCents).integer().null())
                    .col(
                        ColumnDef::new(Opportunities::DurationMonths)
                            .integer()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Opportunities::WeeklyHours)
                            .integer()
                            .not_null(),
                    )
                    .col(json_col(Opportunities::Hours))
                    .col(
                        ColumnDef::new(Opportunities::MunicipalityCode)
                            .string_len(6)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Opportunities::Mode)
                            .string_len(10)
                            .not_null(),
                    )
                    .col(json_col(Opportunities::Sought))
                    .col(json_col(Opportunities::Languages))
                    .col(ColumnDef::new(Opportunities::StartOn).date().null())
                    .col(ColumnDef::new(Opportunities::ClosesOn).date().not_null())
                    .col(ColumnDef::new(Opportunities::Places).integer().not_null())
                    .col(
                        ColumnDef::new(Opportunities::Status)
                            .string_len(10)
                            .not_null(),
                    )
                    .col(ts_null(Opportunities::PublishedAt))
                    .col(ts_null(Opportunities::ClosedAt))
                    .col(ColumnDef::new(Opportunities::CreatedBy).uuid().not_null())
                    .col(ColumnDef::new(Opportunities::Version).integer().not_null())
                    .col(ts(Opportunities::CreatedAt))
                    .col(ts(Opportunities::UpdatedAt))
                    .foreign_key(&mut cascade(
                        "fk_opportunities_employer",
                        (Opportunities::Table, Opportunities::EmployerId),
                        (Employers::Table, Employers::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // Her matches read the published ones of her agency that are still open.
        manager
            .create_index(
                Index::create()
                    .name("idx_opportunities_agency_status")
                    .table(Opportunities::Table)
                    .col(Opportunities::AgencyId)
                    .col(Opportunities::Status)
                    .col(Opportunities::ClosesOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_opportunities_employer")
                    .table(Opportunities::Table)
                    .col(Opportunities::EmployerId)
                    .to_owned(),
            )
            .await?;
        // The opportunities' revision (row 2 beside the catalogue's): the open ones are kept
        // in memory and read again when it moves.
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(CatalogueRevisions::Table)
                    .columns([CatalogueRevisions::Id, CatalogueRevisions::Revision])
                    .values_panic([2.into(), 1.into()])
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .exec_stmt(
                Query::delete()
                    .from_table(CatalogueRevisions::Table)
                    .and_where(Expr::col(CatalogueRevisions::Id).eq(2))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Opportunities::Table).to_owned())
            .await
    }
}
