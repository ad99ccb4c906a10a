//! Links that let an employer read a validated portfolio without an account: they expire, can
//! be revoked, are stored hashed, and count their views.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Attempts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum PortfolioShares {
    Table,
    Id,
    UserId,
    AttemptId,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    RevokedAt,
    Views,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PortfolioShares::Table)
                    .col(
                        ColumnDef::new(PortfolioShares::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(PortfolioShares::UserId).uuid().not_null())
                    .col(ColumnDef::new(PortfolioShares::AttemptId).uuid().not_null())
                    .col(
                        ColumnDef::new(PortfolioShares::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(PortfolioShares::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PortfolioShares::ExpiresAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PortfolioShares::RevokedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(PortfolioShares::Views)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_portfolio_shares_user")
                            .from(PortfolioShares::Table, PortfolioShares::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_portfolio_shares_attempt")
                            .from(PortfolioShares::Table, PortfolioShares::AttemptId)
                            .to(Attempts::Table, Attempts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(PortfolioShares::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await
    }
}
