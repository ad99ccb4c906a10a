//! In-app notifications (issue 15): for each account, what happened (a kind, the title it
//! concerns, an application's status), the page it leads to, and when she read it. They go
//! with the account.

use sea_orm_migration::prelude::*;

use crate::columns::{cascade, ts, ts_null, uuid_pk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    UserId,
    Kind,
    Title,
    Status,
    Link,
    CreatedAt,
    ReadAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use Notifications as N;
        manager
            .create_table(
                Table::create()
                    .table(N::Table)
                    .col(uuid_pk(N::Id))
                    .col(ColumnDef::new(N::UserId).uuid().not_null())
                    .col(ColumnDef::new(N::Kind).string_len(30).not_null())
                    .col(ColumnDef::new(N::Title).string_len(200).not_null())
                    .col(ColumnDef::new(N::Status).string_len(20).null())
                    .col(ColumnDef::new(N::Link).string_len(300).not_null())
                    .col(ts(N::CreatedAt))
                    .col(ts_null(N::ReadAt))
                    .foreign_key(&mut cascade(
                        "fk_notifications_user",
                        (N::Table, N::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_notifications_user")
                    .table(N::Table)
                    .col(N::UserId)
                    .col(N::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Notifications::Table).to_owned())
            .await
    }
}
