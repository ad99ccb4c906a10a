//! Moderation: reports of messages to the room's managers, hidden messages, mutes and per-member
//! slow mode, bans, and the append-only moderation log (who, what, why, until when). The log
//! keeps ids only and no foreign keys, so nothing deleted elsewhere can take entries with it;
//! the database refuses updates and deletes on it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

use crate::columns::{cascade, json_col, ts, ts_null, uuid_pk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Messages {
    Table,
    Id,
    HiddenAt,
    HiddenReason,
}

#[derive(DeriveIden)]
enum Rooms {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum RoomMembers {
    Table,
    MutedUntil,
    MuteReason,
    SlowModeSeconds,
}

#[derive(DeriveIden)]
enum RoomBans {
    Table,
    RoomId,
    UserId,
    Reason,
    BannedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Reports {
    Table,
    Id,
    RoomId,
    MessageId,
    ReporterId,
    Reason,
    Note,
    CreatedAt,
    HandledBy,
    HandledAt,
    Outcome,
}

#[derive(DeriveIden)]
enum ModerationLog {
    Table,
    Id,
    AgencyId,
    RoomId,
    ActorId,
    Action,
    TargetUser,
    TargetMessage,
    Reason,
    Until,
    Details,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            ts_null(Messages::HiddenAt),
            ColumnDef::new(Messages::HiddenReason).text().null().take(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Messages::Table)
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }
        for col in [
            ts_null(RoomMembers::MutedUntil),
            ColumnDef::new(RoomMembers::MuteReason).text().null().take(),
            ColumnDef::new(RoomMembers::SlowModeSeconds)
                .integer()
                .null()
                .take(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(RoomMembers::Table)
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(RoomBans::Table)
                    .col(ColumnDef::new(RoomBans::RoomId).uuid().not_null())
                    .col(ColumnDef::new(RoomBans::UserId).uuid().not_null())
                    .col(ColumnDef::new(RoomBans::Reason).text().not_null())
                    .col(ColumnDef::new(RoomBans::BannedBy).uuid().null())
                    .col(ts(RoomBans::CreatedAt))
                    .primary_key(Index::create().col(RoomBans::RoomId).col(RoomBans::UserId))
                    .foreign_key(&mut cascade(
                        "fk_room_bans_room",
                        (RoomBans::Table, RoomBans::RoomId),
                        (Rooms::Table, Rooms::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_room_bans_user",
                        (RoomBans::Table, RoomBans::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Reports::Table)
                    .col(uuid_pk(Reports::Id))
                    .col(ColumnDef::new(Reports::RoomId).uuid().not_null())
                    .col(ColumnDef::new(Reports::MessageId).uuid().not_null())
                    // None: raised by the agency's word filter.
                    .col(ColumnDef::new(Reports::ReporterId).uuid().null())
                    .col(ColumnDef::new(Reports::Reason).string_len(32).not_null())
                    .col(ColumnDef::new(Reports::Note).text().null())
                    .col(ts(Reports::CreatedAt))
                    .col(ColumnDef::new(Reports::HandledBy).uuid().null())
                    .col(ts_null(Reports::HandledAt))
                    .col(ColumnDef::new(Reports::Outcome).text().null())
                    .foreign_key(&mut cascade(
                        "fk_reports_room",
                        (Reports::Table, Reports::RoomId),
                        (Rooms::Table, Rooms::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_reports_message",
                        (Reports::Table, Reports::MessageId),
                        (Messages::Table, Messages::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_reports_reporter",
                        (Reports::Table, Reports::ReporterId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_reports_room_open")
                    .table(Reports::Table)
                    .col(Reports::RoomId)
                    .col(Reports::HandledAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ModerationLog::Table)
                    .col(uuid_pk(ModerationLog::Id))
                    .col(ColumnDef::new(ModerationLog::AgencyId).uuid().not_null())
                    .col(ColumnDef::new(ModerationLog::RoomId).uuid().null())
                    .col(ColumnDef::new(ModerationLog::ActorId).uuid().not_null())
                    .col(
                        ColumnDef::new(ModerationLog::Action)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ModerationLog::TargetUser).uuid().null())
                    .col(ColumnDef::new(ModerationLog::TargetMessage).uuid().null())
                    .col(ColumnDef::new(ModerationLog::Reason).text().not_null())
                    .col(ts_null(ModerationLog::Until))
                    .col(json_col(ModerationLog::Details))
                    .col(ts(ModerationLog::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_moderation_log_agency_time")
                    .table(ModerationLog::Table)
                    .col(ModerationLog::AgencyId)
                    .col(ModerationLog::CreatedAt)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let statements: &[&str] = match manager.get_database_backend() {
            DbBackend::Sqlite => &[
                "CREATE TRIGGER moderation_log_no_update BEFORE UPDATE ON moderation_log \
                 BEGIN SELECT RAISE(ABORT, 'moderation_log is append-only'); END",
                "CREATE TRIGGER moderation_log_no_delete BEFORE DELETE ON moderation_log \
                 BEGIN SELECT RAISE(ABORT, 'moderation_log is append-only'); END",
            ],
            DbBackend::Postgres => &[
                "CREATE FUNCTION moderation_log_append_only() RETURNS trigger LANGUAGE plpgsql AS \
                 $$ BEGIN RAISE EXCEPTION 'moderation_log is append-only'; END $$",
                "CREATE TRIGGER moderation_log_no_change BEFORE UPDATE OR DELETE ON moderation_log \
                 FOR EACH ROW EXECUTE FUNCTION moderation_log_append_only()",
            ],
            _ => &[],
        };
        for sql in statements {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ModerationLog::Table.into_iden(),
            Reports::Table.into_iden(),
            RoomBans::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS moderation_log_append_only() CASCADE")
                .await?;
        }
        for col in [
            RoomMembers::MutedUntil,
            RoomMembers::MuteReason,
            RoomMembers::SlowModeSeconds,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(RoomMembers::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        for col in [Messages::HiddenAt, Messages::HiddenReason] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Messages::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
