//! The catalogue, second step: locations get a version (edited by `If-Match` like the rest) and
//! can be retired; her week (the hours of a job she plans, her children's school hours and her
//! helpers' hours) is kept as one plan per jobseeker; and what she declares for contributions
//! (an ISEE or ICEF band, her situation towards work) in a table of its own, so that removing
//! it removes it and nothing else reads it by accident.

use sea_orm_migration::prelude::*;

use crate::columns::{cascade, json_col, ts, ts_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Locations {
    Table,
    Version,
    RetiredAt,
}

#[derive(DeriveIden)]
enum Weeks {
    Table,
    UserId,
    Plan,
    Version,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ContributionDeclarations {
    Table,
    UserId,
    IseeBand,
    IcefBand,
    EmploymentStatus,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Locations::Table)
                    .add_column(
                        ColumnDef::new(Locations::Version)
                            .integer()
                            .not_null()
                            .default(1),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Locations::Table)
                    .add_column(ts_null(Locations::RetiredAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Weeks::Table)
                    .col(
                        ColumnDef::new(Weeks::UserId)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(json_col(Weeks::Plan))
                    .col(ColumnDef::new(Weeks::Version).integer().not_null())
                    .col(ts(Weeks::UpdatedAt))
                    .foreign_key(&mut cascade(
                        "fk_weeks_user",
                        (Weeks::Table, Weeks::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ContributionDeclarations::Table)
                    .col(
                        ColumnDef::new(ContributionDeclarations::UserId)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ContributionDeclarations::IseeBand)
                            .string_len(20)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ContributionDeclarations::IcefBand)
                            .string_len(20)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ContributionDeclarations::EmploymentStatus)
                            .string_len(30)
                            .null(),
                    )
                    .col(ts(ContributionDeclarations::UpdatedAt))
                    .foreign_key(&mut cascade(
                        "fk_contribution_declarations_user",
                        (
                            ContributionDeclarations::Table,
                            ContributionDeclarations::UserId,
                        ),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ContributionDeclarations::Table.into_iden(),
            Weeks::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for col in [
            Locations::RetiredAt.into_iden(),
            Locations::Version.into_iden(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Locations::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
