//! Agencies, users, consents, sessions and refresh tokens, one-time password links, the email
//! outbox and the append-only audit log. Seeds the two founding agencies (Milan and Trento).

use sea_orm_migration::prelude::*;

use crate::columns::{ts, ts_null, uuid_pk};
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Id,
    Slug,
    Name,
    Territory,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    AgencyId,
    Email,
    Name,
    Role,
    Language,
    PasswordHash,
    DisabledAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Consents {
    Table,
    Id,
    UserId,
    Purpose,
    TextVersion,
    Language,
    GivenAt,
    WithdrawnAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    UserId,
    CreatedAt,
    RevokedAt,
    RevokedReason,
}

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    Id,
    SessionId,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PasswordSetupTokens {
    Table,
    Id,
    UserId,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum EmailOutbox {
    Table,
    Id,
    UserId,
    Template,
    Language,
    Subject,
    Body,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    OccurredAt,
    ActorId,
    Action,
    TargetType,
    TargetId,
    AgencyId,
    RequestId,
    Details,
}

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Agencies::Table)
                    .col(uuid_pk(Agencies::Id))
                    .col(
                        ColumnDef::new(Agencies::Slug)
                            .string_len(40)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Agencies::Name).string_len(200).not_null())
                    .col(
                        ColumnDef::new(Agencies::Territory)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ts(Agencies::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(uuid_pk(Users::Id))
                    .col(ColumnDef::new(Users::AgencyId).uuid().not_null())
                    // Stored lower-cased: unique case-insensitively on every backend.
                    .col(
                        ColumnDef::new(Users::Email)
                            .string_len(254)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Users::Name).string_len(200).not_null())
                    .col(ColumnDef::new(Users::Role).string_len(32).not_null())
                    .col(ColumnDef::new(Users::Language).string_len(8).not_null())
                    .col(ColumnDef::new(Users::PasswordHash).text().null())
                    .col(ts_null(Users::DisabledAt))
                    .col(ts(Users::CreatedAt))
                    .col(ts(Users::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_users_agency")
                            .from(Users::Table, Users::AgencyId)
                            .to(Agencies::Table, Agencies::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_users_agency_role")
                    .table(Users::Table)
                    .col(Users::AgencyId)
                    .col(Users::Role)
                    .col(Users::Id)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Consents::Table)
                    .col(uuid_pk(Consents::Id))
                    .col(ColumnDef::new(Consents::UserId).uuid().not_null())
                    .col(ColumnDef::new(Consents::Purpose).string_len(64).not_null())
                    .col(
                        ColumnDef::new(Consents::TextVersion)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Consents::Language).string_len(8).not_null())
                    .col(ts(Consents::GivenAt))
                    .col(ts_null(Consents::WithdrawnAt))
                    .foreign_key(&mut fk(
                        "fk_consents_user",
                        (Consents::Table, Consents::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(uuid_pk(Sessions::Id))
                    .col(ColumnDef::new(Sessions::UserId).uuid().not_null())
                    .col(ts(Sessions::CreatedAt))
                    .col(ts_null(Sessions::RevokedAt))
                    .col(
                        ColumnDef::new(Sessions::RevokedReason)
                            .string_len(32)
                            .null(),
                    )
                    .foreign_key(&mut fk(
                        "fk_sessions_user",
                        (Sessions::Table, Sessions::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sessions_user")
                    .table(Sessions::Table)
                    .col(Sessions::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RefreshTokens::Table)
                    .col(uuid_pk(RefreshTokens::Id))
                    .col(ColumnDef::new(RefreshTokens::SessionId).uuid().not_null())
                    .col(
                        ColumnDef::new(RefreshTokens::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ts(RefreshTokens::ExpiresAt))
                    .col(ts_null(RefreshTokens::UsedAt))
                    .col(ts(RefreshTokens::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_refresh_tokens_session",
                        (RefreshTokens::Table, RefreshTokens::SessionId),
                        (Sessions::Table, Sessions::Id),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PasswordSetupTokens::Table)
                    .col(uuid_pk(PasswordSetupTokens::Id))
                    .col(
                        ColumnDef::new(PasswordSetupTokens::UserId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PasswordSetupTokens::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ts(PasswordSetupTokens::ExpiresAt))
                    .col(ts_null(PasswordSetupTokens::UsedAt))
                    .col(ts(PasswordSetupTokens::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_password_setup_tokens_user",
                        (PasswordSetupTokens::Table, PasswordSetupTokens::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EmailOutbox::Table)
                    .col(uuid_pk(EmailOutbox::Id))
                    .col(ColumnDef::new(EmailOutbox::UserId).uuid().not_null())
                    .col(
                        ColumnDef::new(EmailOutbox::Template)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(EmailOutbox::Language)
                            .string_len(8)
                            .not_null(),
                    )
                    .col(ColumnDef::new(EmailOutbox::Subject).text().not_null())
                    .col(ColumnDef::new(EmailOutbox::Body).text().not_null())
                    .col(ts(EmailOutbox::CreatedAt))
                    .col(ts_null(EmailOutbox::SentAt))
                    .foreign_key(&mut fk(
                        "fk_email_outbox_user",
                        (EmailOutbox::Table, EmailOutbox::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;

        // The audit log keeps ids only (no personal data) and has no foreign keys, so that
        // erasing a person never rewrites it.
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(uuid_pk(AuditLog::Id))
                    .col(ts(AuditLog::OccurredAt))
                    .col(ColumnDef::new(AuditLog::ActorId).uuid().null())
                    .col(ColumnDef::new(AuditLog::Action).string_len(64).not_null())
                    .col(ColumnDef::new(AuditLog::TargetType).string_len(64).null())
                    .col(ColumnDef::new(AuditLog::TargetId).uuid().null())
                    .col(ColumnDef::new(AuditLog::AgencyId).uuid().null())
                    .col(ColumnDef::new(AuditLog::RequestId).string_len(64).null())
                    .col(ColumnDef::new(AuditLog::Details).json().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_log_agency_time")
                    .table(AuditLog::Table)
                    .col(AuditLog::AgencyId)
                    .col(AuditLog::OccurredAt)
                    .to_owned(),
            )
            .await?;

        // Append-only, enforced by the database itself.
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        let statements: &[&str] = match backend {
            DbBackend::Sqlite => &[
                "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
                 BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
                "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log \
                 BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
            ],
            DbBackend::Postgres => &[
                "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS \
                 $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
                "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log \
                 FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
            ],
            _ => &[],
        };
        for sql in statements {
            db.execute_unprepared(sql).await?;
        }

        // The founding agencies. Fixed ids so that demo data, tests and integrators agree.
        let insert = Query::insert()
            .into_table(Agencies::Table)
            .columns([
                Agencies::Id,
                Agencies::Slug,
                Agencies::Name,
                Agencies::Territory,
                Agencies::CreatedAt,
            ])
            .values_panic([
                MILANO_ID.into(),
                "milano".into(),
                "Agenzia per il lavoro di Milano".into(),
                "Città metropolitana di Milano".into(),
                Expr::current_timestamp(),
            ])
            .values_panic([
                TRENTO_ID.into(),
                "trento".into(),
                "Agenzia del lavoro di Trento".into(),
                "Provincia autonoma di Trento".into(),
                Expr::current_timestamp(),
            ])
            .to_owned();
        manager.exec_stmt(insert).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS audit_log_append_only() CASCADE")
                .await?;
        }
        for table in [
            AuditLog::Table.into_iden(),
            EmailOutbox::Table.into_iden(),
            PasswordSetupTokens::Table.into_iden(),
            RefreshTokens::Table.into_iden(),
            Sessions::Table.into_iden(),
            Consents::Table.into_iden(),
            Users::Table.into_iden(),
            Agencies::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}

/// Id of the Milan agency (fixed, so demo data, tests and integrators agree).
pub const MILANO_ID: sea_orm_migration::sea_orm::prelude::Uuid =
    sea_orm_migration::sea_orm::prelude::Uuid::from_u128(0x0194f0a0_0000_7000_8000_000000000001);
/// Id of the Trento agency.
pub const TRENTO_ID: sea_orm_migration::sea_orm::prelude::Uuid =
    sea_orm_migration::sea_orm::prelude::Uuid::from_u128(0x0194f0a0_0000_7000_8000_000000000002);
