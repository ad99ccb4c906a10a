//! The community: rooms (public by territory or theme, private groups, announcement rooms,
//! direct conversations), their members with a read marker, and messages numbered per room.
//! A message's `seq` is taken from its room's `last_seq` in the transaction that stores it, so
//! the order in a room is total and a gap is visible; `(room, sender, client_id)` is unique, so
//! a retried send finds the original. Mentions are rows of their own, so a member's unread
//! mentions are counted from an index.

use sea_orm_migration::prelude::*;

use crate::columns::{cascade, json_col, ts, ts_null, uuid_pk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Rooms {
    Table,
    Id,
    AgencyId,
    Kind,
    Topic,
    Name,
    Description,
    Rules,
    CreatedBy,
    CreatedAt,
    ArchivedAt,
    LastSeq,
    SlowModeSeconds,
}

#[derive(DeriveIden)]
enum RoomMembers {
    Table,
    RoomId,
    UserId,
    Role,
    JoinedAt,
    LastReadSeq,
}

#[derive(DeriveIden)]
enum Messages {
    Table,
    Id,
    RoomId,
    Seq,
    SenderId,
    ClientId,
    Body,
    ReplyTo,
    CreatedAt,
    EditedAt,
    DeletedAt,
}

/// Who a message mentions, with the room and place, so unread mentions are counted by index.
#[derive(DeriveIden)]
enum MessageMentions {
    Table,
    MessageId,
    UserId,
    RoomId,
    Seq,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Rooms::Table)
                    .col(uuid_pk(Rooms::Id))
                    .col(ColumnDef::new(Rooms::AgencyId).uuid().not_null())
                    .col(ColumnDef::new(Rooms::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(Rooms::Topic).string_len(16).null())
                    .col(json_col(Rooms::Name))
                    .col(json_col(Rooms::Description))
                    .col(json_col(Rooms::Rules))
                    .col(ColumnDef::new(Rooms::CreatedBy).uuid().null())
                    .col(ts(Rooms::CreatedAt))
                    .col(ts_null(Rooms::ArchivedAt))
                    .col(
                        ColumnDef::new(Rooms::LastSeq)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .col(ColumnDef::new(Rooms::SlowModeSeconds).integer().null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_rooms_agency")
                            .from(Rooms::Table, Rooms::AgencyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_rooms_created_by")
                            .from(Rooms::Table, Rooms::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_rooms_agency_kind")
                    .table(Rooms::Table)
                    .col(Rooms::AgencyId)
                    .col(Rooms::Kind)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoomMembers::Table)
                    .col(ColumnDef::new(RoomMembers::RoomId).uuid().not_null())
                    .col(ColumnDef::new(RoomMembers::UserId).uuid().not_null())
                    .col(ColumnDef::new(RoomMembers::Role).string_len(16).not_null())
                    .col(ts(RoomMembers::JoinedAt))
                    .col(
                        ColumnDef::new(RoomMembers::LastReadSeq)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .primary_key(
                        Index::create()
                            .col(RoomMembers::RoomId)
                            .col(RoomMembers::UserId),
                    )
                    .foreign_key(&mut cascade(
                        "fk_room_members_room",
                        (RoomMembers::Table, RoomMembers::RoomId),
                        (Rooms::Table, Rooms::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_room_members_user",
                        (RoomMembers::Table, RoomMembers::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_room_members_user")
                    .table(RoomMembers::Table)
                    .col(RoomMembers::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Messages::Table)
                    .col(uuid_pk(Messages::Id))
                    .col(ColumnDef::new(Messages::RoomId).uuid().not_null())
                    .col(ColumnDef::new(Messages::Seq).big_integer().not_null())
                    .col(ColumnDef::new(Messages::SenderId).uuid().not_null())
                    .col(ColumnDef::new(Messages::ClientId).string_len(64).not_null())
                    .col(ColumnDef::new(Messages::Body).text().not_null())
                    .col(ColumnDef::new(Messages::ReplyTo).uuid().null())
                    .col(ts(Messages::CreatedAt))
                    .col(ts_null(Messages::EditedAt))
                    .col(ts_null(Messages::DeletedAt))
                    .foreign_key(&mut cascade(
                        "fk_messages_room",
                        (Messages::Table, Messages::RoomId),
                        (Rooms::Table, Rooms::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_messages_sender",
                        (Messages::Table, Messages::SenderId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_messages_room_seq")
                    .table(Messages::Table)
                    .col(Messages::RoomId)
                    .col(Messages::Seq)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_messages_room_sender_client")
                    .table(Messages::Table)
                    .col(Messages::RoomId)
                    .col(Messages::SenderId)
                    .col(Messages::ClientId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MessageMentions::Table)
                    .col(ColumnDef::new(MessageMentions::MessageId).uuid().not_null())
                    .col(ColumnDef::new(MessageMentions::UserId).uuid().not_null())
                    .col(ColumnDef::new(MessageMentions::RoomId).uuid().not_null())
                    .col(
                        ColumnDef::new(MessageMentions::Seq)
                            .big_integer()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(MessageMentions::MessageId)
                            .col(MessageMentions::UserId),
                    )
                    .foreign_key(&mut cascade(
                        "fk_message_mentions_message",
                        (MessageMentions::Table, MessageMentions::MessageId),
                        (Messages::Table, Messages::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_message_mentions_user",
                        (MessageMentions::Table, MessageMentions::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_message_mentions_user_room_seq")
                    .table(MessageMentions::Table)
                    .col(MessageMentions::UserId)
                    .col(MessageMentions::RoomId)
                    .col(MessageMentions::Seq)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            MessageMentions::Table.into_iden(),
            Messages::Table.into_iden(),
            RoomMembers::Table.into_iden(),
            Rooms::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
