//! Delivery of the email outbox: each email's attempts, when it is next tried, which instance
//! holds it while sending (so that two instances never send it twice), and when it was given
//! up; every attempt is recorded. Once an email is sent (or given up) its body, which holds a
//! one-time link, is dropped.

use sea_orm_migration::prelude::*;

use crate::columns::{cascade, ts, ts_null, uuid_pk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EmailOutbox {
    Table,
    Id,
    Attempts,
    NextAttemptAt,
    ClaimedBy,
    ClaimedUntil,
    FailedAt,
    LastError,
}

#[derive(DeriveIden)]
enum EmailAttempts {
    Table,
    Id,
    EmailId,
    AttemptedAt,
    Delivered,
    Detail,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for col in [
            ColumnDef::new(EmailOutbox::Attempts)
                .integer()
                .not_null()
                .default(0)
                .take(),
            ts_null(EmailOutbox::NextAttemptAt),
            ColumnDef::new(EmailOutbox::ClaimedBy).uuid().null().take(),
            ts_null(EmailOutbox::ClaimedUntil),
            ts_null(EmailOutbox::FailedAt),
            ColumnDef::new(EmailOutbox::LastError)
                .string_len(500)
                .null()
                .take(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(EmailOutbox::Table)
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(EmailAttempts::Table)
                    .col(uuid_pk(EmailAttempts::Id))
                    .col(ColumnDef::new(EmailAttempts::EmailId).uuid().not_null())
                    .col(ts(EmailAttempts::AttemptedAt))
                    .col(
                        ColumnDef::new(EmailAttempts::Delivered)
                            .boolean()
                            .not_null(),
                    )
                    .col(ColumnDef::new(EmailAttempts::Detail).string_len(500).null())
                    .foreign_key(&mut cascade(
                        "fk_email_attempts_email",
                        (EmailAttempts::Table, EmailAttempts::EmailId),
                        (EmailOutbox::Table, EmailOutbox::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_email_attempts_email")
                    .table(EmailAttempts::Table)
                    .col(EmailAttempts::EmailId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(EmailAttempts::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        for col in [
            EmailOutbox::LastError,
            EmailOutbox::FailedAt,
            EmailOutbox::ClaimedUntil,
            EmailOutbox::ClaimedBy,
            EmailOutbox::NextAttemptAt,
            EmailOutbox::Attempts,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(EmailOutbox::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
