//! Requests to join an agency's network (issue 15): an organisation fills the public form with
//! what its employer record would be and the HR person who will use the account; the agency's
//! admin approves (the employer and the account are written then) or declines with a reason.

use sea_orm_migration::prelude::*;

use crate::columns::{json_col, ts, ts_null, uuid_pk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EmployerJoinRequests {
    Table,
    Id,
    AgencyId,
    Name,
    Ateco,
    Size,
    MunicipalityCode,
    Benefits,
    Website,
    ContactName,
    ContactEmail,
    Language,
    Message,
    PrivacyNoticeVersion,
    Status,
    Reason,
    EmployerId,
    DecidedBy,
    DecidedAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use EmployerJoinRequests as R;
        manager
            .create_table(
                Table::create()
                    .table(R::Table)
                    .col(uuid_pk(R::Id))
                    .col(ColumnDef::new(R::AgencyId).uuid().not_null())
                    .col(ColumnDef::new(R::Name).string_len(200).not_null())
                    .col(ColumnDef::new(R::Ateco).string_len(8).not_null())
                    .col(ColumnDef::new(R::Size).string_len(20).not_null())
                    .col(ColumnDef::new(R::MunicipalityCode).string_len(6).not_null())
                    .col(json_col(R::Benefits))
                    .col(ColumnDef::new(R::Website).string_len(500).null())
                    .col(ColumnDef::new(R::ContactName).string_len(100).not_null())
                    .col(ColumnDef::new(R::ContactEmail).string_len(254).not_null())
                    .col(ColumnDef::new(R::Language).string_len(2).not_null())
                    .col(ColumnDef::new(R::Message).text().null())
                    .col(
                        ColumnDef::new(R::PrivacyNoticeVersion)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(ColumnDef::new(R::Status).string_len(10).not_null())
                    .col(ColumnDef::new(R::Reason).text().null())
                    .col(ColumnDef::new(R::EmployerId).uuid().null())
                    .col(ColumnDef::new(R::DecidedBy).uuid().null())
                    .col(ts_null(R::DecidedAt))
                    .col(ts(R::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_join_requests_agency")
                            .from(R::Table, R::AgencyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_join_requests_agency_status")
                    .table(R::Table)
                    .col(R::AgencyId)
                    .col(R::Status)
                    .col(R::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EmployerJoinRequests::Table).to_owned())
            .await
    }
}
