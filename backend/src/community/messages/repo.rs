//! Queries of messages, their mentions, earlier texts, reactions and pins, over any connection
//! or transaction.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use shared::UserId;
use uuid::Uuid;

use crate::db::contains_text;
use crate::db::insert_new;
use crate::entities::{
    message, message_edit, message_mention, message_reaction, room, room_member, room_pin,
};

/// A message of the room.
pub async fn in_room<C: ConnectionTrait>(
    db: &C,
    room_id: Uuid,
    id: Uuid,
) -> Result<Option<message::Model>, DbErr> {
    message::Entity::find_by_id(id)
        .filter(message::Column::RoomId.eq(room_id))
        .one(db)
        .await
}

/// Which of these users are members of the room.
pub async fn members_among<C: ConnectionTrait>(
    db: &C,
    room_id: Uuid,
    users: &[UserId],
) -> Result<BTreeSet<Uuid>, DbErr> {
    Ok(room_member::Entity::find()
        .filter(room_member::Column::RoomId.eq(room_id))
        .filter(room_member::Column::UserId.is_in(users.iter().map(|u| u.0)))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect())
}

/// Takes the room's next sequence number: `None` when the room is archived (or gone). The
/// room's row is the sequence: the increment holds its lock (PostgreSQL) or the database's
/// writer (SQLite) until commit, so senders are serialised per room and a failed send gives
/// its number back.
pub async fn next_seq<C: ConnectionTrait>(db: &C, room_id: Uuid) -> Result<Option<i64>, DbErr> {
    let bumped = room::Entity::update_many()
        .col_expr(
            room::Column::LastSeq,
            Expr::col(room::Column::LastSeq).add(1),
        )
        .filter(room::Column::Id.eq(room_id))
        .filter(room::Column::ArchivedAt.is_null())
        .exec(db)
        .await?;
    if bumped.rows_affected != 1 {
        return Ok(None);
    }
    Ok(room::Entity::find_by_id(room_id)
        .one(db)
        .await?
        .map(|r| r.last_seq))
}

/// A new message, as stored.
pub struct NewMessageRow {
    pub id: Uuid,
    pub room_id: Uuid,
    pub seq: i64,
    pub sender: Uuid,
    pub client_id: String,
    pub body: String,
    pub reply_to: Option<Uuid>,
    pub at: DateTime<Utc>,
    /// Why it is hidden from the start (held by the word filter).
    pub hidden_reason: Option<&'static str>,
}

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    row: NewMessageRow,
) -> Result<message::Model, DbErr> {
    message::ActiveModel {
        id: Set(row.id),
        room_id: Set(row.room_id),
        seq: Set(row.seq),
        sender_id: Set(row.sender),
        client_id: Set(row.client_id),
        body: Set(row.body),
        reply_to: Set(row.reply_to),
        created_at: Set(row.at),
        edited_at: Set(None),
        deleted_at: Set(None),
        hidden_at: Set(row.hidden_reason.map(|_| row.at)),
        hidden_reason: Set(row.hidden_reason.map(str::to_owned)),
    }
    .insert(db)
    .await
}

pub async fn insert_mentions<C: ConnectionTrait>(
    db: &C,
    m: &message::Model,
    users: &[UserId],
) -> Result<(), DbErr> {
    if users.is_empty() {
        return Ok(());
    }
    message_mention::Entity::insert_many(users.iter().map(|u| message_mention::ActiveModel {
        message_id: Set(m.id),
        user_id: Set(u.0),
        room_id: Set(m.room_id),
        seq: Set(m.seq),
    }))
    .exec(db)
    .await?;
    Ok(())
}

/// Sets her read marker to `seq`; with `forward_only`, only when it moves it forward.
pub async fn set_read<C: ConnectionTrait>(
    db: &C,
    room_id: Uuid,
    user: Uuid,
    seq: i64,
    forward_only: bool,
) -> Result<(), DbErr> {
    let mut q = room_member::Entity::update_many()
        .col_expr(room_member::Column::LastReadSeq, Expr::val(seq))
        .filter(room_member::Column::RoomId.eq(room_id))
        .filter(room_member::Column::UserId.eq(user));
    if forward_only {
        q = q.filter(room_member::Column::LastReadSeq.lt(seq));
    }
    q.exec(db).await?;
    Ok(())
}

/// When she last posted in the room: her newest message or edit there.
pub async fn last_post_at<C: ConnectionTrait>(
    db: &C,
    room_id: Uuid,
    user: Uuid,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    let mine = || {
        message::Entity::find()
            .filter(message::Column::RoomId.eq(room_id))
            .filter(message::Column::SenderId.eq(user))
    };
    let (sent, edited) = futures_util::try_join!(
        mine().order_by_desc(message::Column::Seq).one(db),
        mine()
            .filter(message::Column::EditedAt.is_not_null())
            .order_by_desc(message::Column::EditedAt)
            .one(db),
    )?;
    Ok(
        [sent.map(|m| m.created_at), edited.and_then(|m| m.edited_at)]
            .into_iter()
            .flatten()
            .max(),
    )
}

/// Her message of the room with this client id.
pub async fn by_client_id<C: ConnectionTrait>(
    db: &C,
    room_id: Uuid,
    sender: Uuid,
    client_id: &str,
) -> Result<Option<message::Model>, DbErr> {
    message::Entity::find()
        .filter(message::Column::RoomId.eq(room_id))
        .filter(message::Column::SenderId.eq(sender))
        .filter(message::Column::ClientId.eq(client_id))
        .one(db)
        .await
}

/// At most `limit` messages of the room numbered below `below`, oldest first.
pub async fn below<C: ConnectionTrait>(
    db: &C,
    room_id: Uuid,
    below: i64,
    limit: u64,
) -> Result<Vec<message::Model>, DbErr> {
    let mut rows = message::Entity::find()
        .filter(message::Column::RoomId.eq(room_id))
        .filter(message::Column::Seq.lt(below))
        .order_by_desc(message::Column::Seq)
        .limit(limit)
        .all(db)
        .await?;
    rows.reverse();
    Ok(rows)
}

/// At most `limit` messages of the room numbered from `from` on, oldest first.
pub async fn from<C: ConnectionTrait>(
    db: &C,
    room_id: Uuid,
    from: i64,
    limit: u64,
) -> Result<Vec<message::Model>, DbErr> {
    message::Entity::find()
        .filter(message::Column::RoomId.eq(room_id))
        .filter(message::Column::Seq.gte(from))
        .order_by_asc(message::Column::Seq)
        .limit(limit)
        .all(db)
        .await
}

/// The messages of the room numbered strictly between `after` and `before`, oldest first, at
/// most `limit`.
pub async fn between<C: ConnectionTrait>(
    db: &C,
    room_id: Uuid,
    after: i64,
    before: Option<i64>,
    limit: u64,
) -> Result<Vec<message::Model>, DbErr> {
    let mut q = message::Entity::find()
        .filter(message::Column::RoomId.eq(room_id))
        .filter(message::Column::Seq.gt(after));
    if let Some(b) = before {
        q = q.filter(message::Column::Seq.lt(b));
    }
    q.order_by_asc(message::Column::Seq)
        .limit(limit)
        .all(db)
        .await
}

/// The newest sequence number of each of these rooms.
pub async fn newest<C: ConnectionTrait>(
    db: &C,
    rooms: Vec<Uuid>,
) -> Result<Vec<(Uuid, i64)>, DbErr> {
    Ok(room::Entity::find()
        .filter(room::Column::Id.is_in(rooms))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.last_seq))
        .collect())
}

pub async fn by_ids<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<Vec<message::Model>, DbErr> {
    message::Entity::find()
        .filter(message::Column::Id.is_in(ids))
        .all(db)
        .await
}

/// A new text: the one it replaces kept as the next earlier version; hidden from `at` on with
/// `hidden_reason`.
pub async fn save_edit<C: ConnectionTrait>(
    db: &C,
    m: message::Model,
    body: String,
    at: DateTime<Utc>,
    hidden_reason: Option<&'static str>,
) -> Result<message::Model, DbErr> {
    let versions = message_edit::Entity::find()
        .filter(message_edit::Column::MessageId.eq(m.id))
        .count(db)
        .await?;
    message_edit::ActiveModel {
        message_id: Set(m.id),
        version: Set(i32::try_from(versions + 1).unwrap_or(i32::MAX)),
        body: Set(m.body.clone()),
        replaced_at: Set(at),
    }
    .insert(db)
    .await?;
    let mut active: message::ActiveModel = m.into();
    active.body = Set(body);
    active.edited_at = Set(Some(at));
    if let Some(reason) = hidden_reason {
        active.hidden_at = Set(Some(at));
        active.hidden_reason = Set(Some(reason.to_owned()));
    }
    active.update(db).await
}

pub async fn mark_deleted<C: ConnectionTrait>(
    db: &C,
    m: message::Model,
    at: DateTime<Utc>,
) -> Result<message::Model, DbErr> {
    let mut active: message::ActiveModel = m.into();
    active.deleted_at = Set(Some(at));
    active.update(db).await
}

/// The earlier texts of a message, oldest first.
pub async fn versions<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Vec<message_edit::Model>, DbErr> {
    message_edit::Entity::find()
        .filter(message_edit::Column::MessageId.eq(id))
        .order_by_asc(message_edit::Column::Version)
        .all(db)
        .await
}

/// Her reaction, once (a second one changes nothing).
pub async fn add_reaction<C: ConnectionTrait>(
    db: &C,
    message_id: Uuid,
    user: Uuid,
    emoji: &str,
) -> Result<(), DbErr> {
    insert_new(
        db,
        message_reaction::ActiveModel {
            message_id: Set(message_id),
            user_id: Set(user),
            emoji: Set(emoji.to_owned()),
            created_at: Set(Utc::now()),
        },
    )
    .await?;
    Ok(())
}

pub async fn remove_reaction<C: ConnectionTrait>(
    db: &C,
    message_id: Uuid,
    user: Uuid,
    emoji: &str,
) -> Result<(), DbErr> {
    message_reaction::Entity::delete_by_id((message_id, user, emoji.to_owned()))
        .exec(db)
        .await?;
    Ok(())
}

/// Pins the message in its room (once).
pub async fn pin<C: ConnectionTrait>(
    db: &C,
    room_id: Uuid,
    message_id: Uuid,
    by: Uuid,
) -> Result<(), DbErr> {
    insert_new(
        db,
        room_pin::ActiveModel {
            room_id: Set(room_id),
            message_id: Set(message_id),
            pinned_by: Set(Some(by)),
            pinned_at: Set(Utc::now()),
        },
    )
    .await?;
    Ok(())
}

pub async fn unpin<C: ConnectionTrait>(
    db: &C,
    room_id: Uuid,
    message_id: Uuid,
) -> Result<(), DbErr> {
    room_pin::Entity::delete_by_id((room_id, message_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Shown messages of these rooms whose text contains `q` (any case), newest first, at most 50.
pub async fn search<C: ConnectionTrait>(
    db: &C,
    rooms: Vec<Uuid>,
    q: &str,
) -> Result<Vec<message::Model>, DbErr> {
    message::Entity::find()
        .filter(message::Column::RoomId.is_in(rooms))
        .filter(message::Column::DeletedAt.is_null())
        .filter(message::Column::HiddenAt.is_null())
        .filter(contains_text((message::Entity, message::Column::Body), q))
        .order_by_desc(message::Column::CreatedAt)
        .order_by_desc(message::Column::Id)
        .limit(50)
        .all(db)
        .await
}

/// Hides the message with `reason` from `at` on, or (`None`) shows it again.
pub async fn set_hidden<C: ConnectionTrait>(
    db: &C,
    m: message::Model,
    reason: Option<&str>,
    at: DateTime<Utc>,
) -> Result<message::Model, DbErr> {
    let mut active: message::ActiveModel = m.into();
    active.hidden_at = Set(reason.map(|_| at));
    active.hidden_reason = Set(reason.map(str::to_owned));
    active.update(db).await
}

/// The sequence numbers of these messages, by id.
pub async fn seqs_of<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<std::collections::HashMap<Uuid, i64>, DbErr> {
    Ok(by_ids(db, ids)
        .await?
        .into_iter()
        .map(|m| (m.id, m.seq))
        .collect())
}

/// Where to read messages: one message, or those of a room numbered within a range.
pub enum Spot {
    Message(Uuid),
    Near {
        room: Uuid,
        seqs: std::ops::RangeInclusive<i64>,
    },
}

/// The messages at any of these spots, by sequence number.
pub async fn at_spots<C: ConnectionTrait>(
    db: &C,
    spots: &[Spot],
) -> Result<Vec<message::Model>, DbErr> {
    if spots.is_empty() {
        return Ok(Vec::new());
    }
    let mut any = sea_orm::Condition::any();
    for s in spots {
        any = any.add(match s {
            Spot::Message(id) => sea_orm::Condition::all().add(message::Column::Id.eq(*id)),
            Spot::Near { room, seqs } => sea_orm::Condition::all()
                .add(message::Column::RoomId.eq(*room))
                .add(message::Column::Seq.between(*seqs.start(), *seqs.end())),
        });
    }
    message::Entity::find()
        .filter(any)
        .order_by_asc(message::Column::Seq)
        .all(db)
        .await
}
