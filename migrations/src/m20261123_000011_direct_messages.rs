//! Direct conversations and each person's community settings.
//!
//! A direct conversation is a room of kind `direct` with its two people as members; its
//! `direct_key` (the two user ids, smaller first) is unique, so two people have at most one,
//! even when both open it at the same moment. `community_settings` holds what she chose:
//! whether other jobseekers may write to her directly (off until she turns it on) and whether
//! others see her online.

use sea_orm_migration::prelude::*;

use crate::columns::{cascade, ts};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Rooms {
    Table,
    DirectKey,
}

#[derive(DeriveIden)]
enum CommunitySettings {
    Table,
    UserId,
    AllowDirectMessages,
    ShowPresence,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Rooms::Table)
                    .add_column(ColumnDef::new(Rooms::DirectKey).string_len(73).null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_rooms_direct_key")
                    .table(Rooms::Table)
                    .col(Rooms::DirectKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CommunitySettings::Table)
                    .col(
                        ColumnDef::new(CommunitySettings::UserId)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(CommunitySettings::AllowDirectMessages)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(
                        ColumnDef::new(CommunitySettings::ShowPresence)
                            .boolean()
                            .not_null()
                            .default(true),
                    )
                    .col(ts(CommunitySettings::UpdatedAt))
                    .foreign_key(&mut cascade(
                        "fk_community_settings_user",
                        (CommunitySettings::Table, CommunitySettings::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(CommunitySettings::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ux_rooms_direct_key")
                    .table(Rooms::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Rooms::Table)
                    .drop_column(Rooms::DirectKey)
                    .to_owned(),
            )
            .await
    }
}
