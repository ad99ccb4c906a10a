//! What happens to messages after they are sent: edits keep the earlier text (for moderators),
//! reactions from a fixed set, and messages pinned in a room by its managers.

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
    Id,
}

#[derive(DeriveIden)]
enum Messages {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum MessageEdits {
    Table,
    MessageId,
    Version,
    Body,
    ReplacedAt,
}

#[derive(DeriveIden)]
enum MessageReactions {
    Table,
    MessageId,
    UserId,
    Emoji,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RoomPins {
    Table,
    RoomId,
    MessageId,
    PinnedBy,
    PinnedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MessageEdits::Table)
                    .col(ColumnDef::new(MessageEdits::MessageId).uuid().not_null())
                    .col(ColumnDef::new(MessageEdits::Version).integer().not_null())
                    .col(ColumnDef::new(MessageEdits::Body).text().not_null())
                    .col(ts(MessageEdits::ReplacedAt))
                    .primary_key(
                        Index::create()
                            .col(MessageEdits::MessageId)
                            .col(MessageEdits::Version),
                    )
                    .foreign_key(&mut cascade(
                        "fk_message_edits_message",
                        (MessageEdits::Table, MessageEdits::MessageId),
                        (Messages::Table, Messages::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MessageReactions::Table)
                    .col(
                        ColumnDef::new(MessageReactions::MessageId)
                            .uuid()
                            .not_null(),
                    )
                    .col(ColumnDef::new(MessageReactions::UserId).uuid().not_null())
                    .col(
                        ColumnDef::new(MessageReactions::Emoji)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ts(MessageReactions::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(MessageReactions::MessageId)
                            .col(MessageReactions::UserId)
                            .col(MessageReactions::Emoji),
                    )
                    .foreign_key(&mut cascade(
                        "fk_message_reactions_message",
                        (MessageReactions::Table, MessageReactions::MessageId),
                        (Messages::Table, Messages::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_message_reactions_user",
                        (MessageReactions::Table, MessageReactions::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoomPins::Table)
                    .col(ColumnDef::new(RoomPins::RoomId).uuid().not_null())
                    .col(ColumnDef::new(RoomPins::MessageId).uuid().not_null())
                    .col(ColumnDef::new(RoomPins::PinnedBy).uuid().null())
                    .col(ts(RoomPins::PinnedAt))
                    .primary_key(
                        Index::create()
                            .col(RoomPins::RoomId)
                            .col(RoomPins::MessageId),
                    )
                    .foreign_key(&mut cascade(
                        "fk_room_pins_room",
                        (RoomPins::Table, RoomPins::RoomId),
                        (Rooms::Table, Rooms::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_room_pins_message",
                        (RoomPins::Table, RoomPins::MessageId),
                        (Messages::Table, Messages::Id),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_room_pins_user")
                            .from(RoomPins::Table, RoomPins::PinnedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RoomPins::Table.into_iden(),
            MessageReactions::Table.into_iden(),
            MessageEdits::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
