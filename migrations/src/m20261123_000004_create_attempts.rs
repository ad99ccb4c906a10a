//! Assessment attempts and their answers, saved one by one.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Instruments {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Attempts {
    Table,
    Id,
    UserId,
    AgencyId,
    InstrumentId,
    Status,
    StartedAt,
    UpdatedAt,
    SubmittedAt,
    Scores,
}

#[derive(DeriveIden)]
enum AttemptAnswers {
    Table,
    AttemptId,
    ItemId,
    Answer,
    AnsweredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Attempts::Table)
                    .col(ColumnDef::new(Attempts::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Attempts::UserId).uuid().not_null())
                    .col(ColumnDef::new(Attempts::AgencyId).uuid().not_null())
                    .col(ColumnDef::new(Attempts::InstrumentId).uuid().not_null())
                    .col(ColumnDef::new(Attempts::Status).string_len(16).not_null())
                    .col(
                        ColumnDef::new(Attempts::StartedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Attempts::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Attempts::SubmittedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Attempts::Scores).json().null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_attempts_user")
                            .from(Attempts::Table, Attempts::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_attempts_instrument")
                            .from(Attempts::Table, Attempts::InstrumentId)
                            .to(Instruments::Table, Instruments::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_attempts_user")
                    .table(Attempts::Table)
                    .col(Attempts::UserId)
                    .col(Attempts::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_attempts_agency_status")
                    .table(Attempts::Table)
                    .col(Attempts::AgencyId)
                    .col(Attempts::Status)
                    .col(Attempts::SubmittedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AttemptAnswers::Table)
                    .col(ColumnDef::new(AttemptAnswers::AttemptId).uuid().not_null())
                    .col(ColumnDef::new(AttemptAnswers::ItemId).uuid().not_null())
                    .col(ColumnDef::new(AttemptAnswers::Answer).json().not_null())
                    .col(
                        ColumnDef::new(AttemptAnswers::AnsweredAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(AttemptAnswers::AttemptId)
                            .col(AttemptAnswers::ItemId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_attempt_answers_attempt")
                            .from(AttemptAnswers::Table, AttemptAnswers::AttemptId)
                            .to(Attempts::Table, Attempts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AttemptAnswers::Table.into_iden(),
            Attempts::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
