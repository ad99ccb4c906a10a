//! The community's read models: rooms and messages as a member sees them, reports as a
//! moderator sees them. Below every part of the community.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, JoinType, QueryFilter, QueryOrder,
    QuerySelect,
};
use shared::{Contact, Message, REACTIONS, Reaction, Report, Room, RoomKind, UserId};
use uuid::Uuid;

use crate::community::access::{HELD, peer_of, settings_of};
use crate::entities::{
    message, message_mention, message_reaction, report, room, room_member, room_pin, user,
};
use crate::error::ApiError;
use crate::state::AppState;

fn stored<T: serde::de::DeserializeOwned>(v: &serde_json::Value) -> Result<T, ApiError> {
    serde_json::from_value(v.clone())
        .map_err(|e| ApiError::Internal(anyhow::Error::new(e).context("stored room text")))
}

pub(crate) fn as_u64(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

pub(crate) fn dto(
    r: &room::Model,
    member: Option<&room_member::Model>,
    unread: u64,
    mentions: u64,
    pinned: Vec<Uuid>,
    peer: Option<shared::Contact>,
) -> Result<Room, ApiError> {
    Ok(Room {
        id: r.id,
        kind: r.kind,
        topic: r.topic,
        name: stored(&r.name)?,
        description: stored(&r.description)?,
        rules: stored(&r.rules)?,
        archived: r.archived_at.is_some(),
        role: member.map(|m| m.role),
        last_seq: as_u64(r.last_seq),
        last_read_seq: member.map_or(0, |m| as_u64(m.last_read_seq)),
        unread,
        unread_mentions: mentions,
        pinned,
        slow_mode_seconds: std::cmp::max(
            r.slow_mode_seconds,
            member.and_then(|m| m.slow_mode_seconds),
        )
        .and_then(|s| u32::try_from(s).ok()),
        muted_until: member
            .and_then(|m| m.muted_until)
            .filter(|u| *u > Utc::now()),
        mute_reason: member
            .filter(|m| m.muted_until.is_some_and(|u| u > Utc::now()))
            .and_then(|m| m.mute_reason.clone()),
        peer,
    })
}

/// Pinned messages per room, newest pin first.
pub(crate) async fn pins_of<C: ConnectionTrait>(
    db: &C,
    rooms: Vec<Uuid>,
) -> Result<HashMap<Uuid, Vec<Uuid>>, ApiError> {
    let mut out: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for p in room_pin::Entity::find()
        .filter(room_pin::Column::RoomId.is_in(rooms))
        .order_by_desc(room_pin::Column::PinnedAt)
        .all(db)
        .await?
    {
        out.entry(p.room_id).or_default().push(p.message_id);
    }
    Ok(out)
}

#[derive(Debug, FromQueryResult)]
pub struct RoomCount {
    pub room_id: Uuid,
    pub n: i64,
}

/// Per room of hers (or only `only`): messages of others after her read marker, and those that
/// mention her.
pub(crate) async fn unread_counts<C: ConnectionTrait>(
    db: &C,
    me: Uuid,
    only: Option<Uuid>,
) -> Result<(HashMap<Uuid, u64>, HashMap<Uuid, u64>), ApiError> {
    let mut unread = message::Entity::find()
        .select_only()
        .column(message::Column::RoomId)
        .column_as(
            Expr::col((message::Entity, message::Column::Id)).count(),
            "n",
        )
        .join(
            JoinType::InnerJoin,
            message::Entity::belongs_to(room_member::Entity)
                .from(message::Column::RoomId)
                .to(room_member::Column::RoomId)
                .into(),
        )
        .filter(room_member::Column::UserId.eq(me))
        .filter(
            Expr::col((message::Entity, message::Column::Seq)).gt(Expr::col((
                room_member::Entity,
                room_member::Column::LastReadSeq,
            ))),
        )
        .filter(message::Column::SenderId.ne(me))
        .filter(message::Column::DeletedAt.is_null())
        .group_by(message::Column::RoomId);
    let mut mentions = message_mention::Entity::find()
        .select_only()
        .column(message_mention::Column::RoomId)
        .column_as(
            Expr::col((message_mention::Entity, message_mention::Column::MessageId)).count(),
            "n",
        )
        .join(
            JoinType::InnerJoin,
            message_mention::Entity::belongs_to(room_member::Entity)
                .from(message_mention::Column::RoomId)
                .to(room_member::Column::RoomId)
                .into(),
        )
        .filter(room_member::Column::UserId.eq(me))
        .filter(message_mention::Column::UserId.eq(me))
        .filter(
            Expr::col((message_mention::Entity, message_mention::Column::Seq)).gt(Expr::col((
                room_member::Entity,
                room_member::Column::LastReadSeq,
            ))),
        )
        .group_by(message_mention::Column::RoomId);
    if let Some(room) = only {
        unread = unread.filter(message::Column::RoomId.eq(room));
        mentions = mentions.filter(message_mention::Column::RoomId.eq(room));
    }
    let unread = unread.into_model::<RoomCount>().all(db).await?;
    let mentions = mentions.into_model::<RoomCount>().all(db).await?;
    let map = |rows: Vec<RoomCount>| {
        rows.into_iter()
            .map(|r| (r.room_id, as_u64(r.n)))
            .collect::<HashMap<_, _>>()
    };
    Ok((map(unread), map(mentions)))
}

/// Messages with their senders' names and mentions (two queries for any number).
pub(crate) async fn messages_dto<C: ConnectionTrait>(
    db: &C,
    rows: Vec<message::Model>,
) -> Result<Vec<Message>, ApiError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    // The four lookups go to the database at once (each on its own pooled connection).
    let quoted_ids: BTreeSet<Uuid> = rows.iter().filter_map(|m| m.reply_to).collect();
    let ids: Vec<Uuid> = rows.iter().map(|m| m.id).collect();
    let senders: BTreeSet<Uuid> = rows.iter().map(|m| m.sender_id).collect();
    let quoted_query = async {
        if quoted_ids.is_empty() {
            return Ok(Vec::new());
        }
        message::Entity::find()
            .filter(message::Column::Id.is_in(quoted_ids))
            .all(db)
            .await
    };
    let names_query = user::Entity::find()
        .filter(user::Column::Id.is_in(senders.iter().copied()))
        .all(db);
    let mentions_query = message_mention::Entity::find()
        .filter(message_mention::Column::MessageId.is_in(ids.iter().copied()))
        .all(db);
    let reactions_query = message_reaction::Entity::find()
        .filter(message_reaction::Column::MessageId.is_in(ids.iter().copied()))
        .order_by_asc(message_reaction::Column::CreatedAt)
        .all(db);
    let (quoted, users, mention_rows, reaction_rows) =
        futures_util::try_join!(quoted_query, names_query, mentions_query, reactions_query)?;
    let quoted: HashMap<Uuid, message::Model> = quoted.into_iter().map(|m| (m.id, m)).collect();
    let mut names: HashMap<Uuid, String> = users.into_iter().map(name_of).collect();
    // The authors of quoted messages who wrote none of these (rare): one more lookup.
    let missing: BTreeSet<Uuid> = quoted
        .values()
        .map(|m| m.sender_id)
        .filter(|id| !names.contains_key(id))
        .collect();
    if !missing.is_empty() {
        names.extend(
            user::Entity::find()
                .filter(user::Column::Id.is_in(missing))
                .all(db)
                .await?
                .into_iter()
                .map(name_of),
        );
    }
    let mut mentions: BTreeMap<Uuid, Vec<UserId>> = BTreeMap::new();
    for m in mention_rows {
        mentions
            .entry(m.message_id)
            .or_default()
            .push(UserId(m.user_id));
    }
    let mut reactions: BTreeMap<Uuid, BTreeMap<String, Vec<UserId>>> = BTreeMap::new();
    for r in reaction_rows {
        reactions
            .entry(r.message_id)
            .or_default()
            .entry(r.emoji)
            .or_default()
            .push(UserId(r.user_id));
    }
    Ok(rows
        .into_iter()
        .map(|m| {
            let deleted = m.deleted_at.is_some();
            let hidden = m.hidden_at.is_some();
            let held = hidden && m.hidden_reason.as_deref() == Some(HELD);
            let mut given = reactions.remove(&m.id).unwrap_or_default();
            let reactions = REACTIONS
                .iter()
                .filter_map(|e| {
                    given.remove(*e).map(|users| Reaction {
                        emoji: (*e).to_owned(),
                        users,
                    })
                })
                .collect();
            Message {
                id: m.id,
                room_id: m.room_id,
                seq: as_u64(m.seq),
                sender_id: UserId(m.sender_id),
                sender_name: names.get(&m.sender_id).cloned().unwrap_or_default(),
                client_id: m.client_id,
                body: if deleted || hidden {
                    String::new()
                } else {
                    m.body
                },
                reply_to: m.reply_to,
                quote: m
                    .reply_to
                    .and_then(|r| quoted.get(&r))
                    .map(|q| shared::Quote {
                        message_id: q.id,
                        seq: as_u64(q.seq),
                        sender_name: names.get(&q.sender_id).cloned().unwrap_or_default(),
                        excerpt: if q.deleted_at.is_some() || q.hidden_at.is_some() {
                            String::new()
                        } else {
                            q.body.chars().take(shared::QUOTE_MAX_CHARS).collect()
                        },
                    }),
                mentions: mentions.remove(&m.id).unwrap_or_default(),
                created_at: m.created_at,
                edited_at: m.edited_at,
                deleted,
                hidden,
                held,
                reactions,
            }
        })
        .collect())
}

/// A sender's name as shown: none for an erased account (the web app says "a former
/// participant"), whose messages are gone too.
fn name_of(u: user::Model) -> (Uuid, String) {
    (
        u.id,
        if u.erased_at.is_some() {
            String::new()
        } else {
            u.name
        },
    )
}

/// The other person of each direct conversation among `rooms`.
pub async fn peers(
    state: &AppState,
    me: Uuid,
    rooms: &[room::Model],
) -> Result<HashMap<Uuid, Contact>, ApiError> {
    let pairs: Vec<(Uuid, Uuid)> = rooms
        .iter()
        .filter(|r| r.kind == RoomKind::Direct)
        .map(|r| (r.id, peer_of(r, me)))
        .collect();
    if pairs.is_empty() {
        return Ok(HashMap::new());
    }
    let users = users_by_id(&state.db, pairs.iter().map(|p| p.1), true).await?;
    let online = online_of(state, users.keys().copied()).await?;
    let mut out = HashMap::new();
    for (room_id, peer) in pairs {
        if let Some(u) = users.get(&peer) {
            out.insert(
                room_id,
                Contact {
                    user_id: UserId(u.id),
                    name: if u.erased_at.is_some() {
                        String::new()
                    } else {
                        u.name.clone()
                    },
                    role: u.role,
                    online: online.contains(&u.id),
                },
            );
        }
    }
    Ok(out)
}

pub(crate) fn report_dto(r: &report::Model) -> Result<Report, ApiError> {
    Ok(Report {
        id: r.id,
        room_id: r.room_id,
        message_id: r.message_id,
        reason: r.reason,
        note: r.note.clone(),
        created_at: r.created_at,
        handled_at: r.handled_at,
        outcome: r.outcome.clone(),
    })
}

/// Who of `users` is online and shows it.
pub async fn online_of(
    state: &AppState,
    users: impl IntoIterator<Item = Uuid>,
) -> Result<BTreeSet<Uuid>, ApiError> {
    let connected: Vec<Uuid> = users.into_iter().filter(|u| state.hub.online(*u)).collect();
    Ok(settings_of(state, connected)
        .await?
        .into_iter()
        .filter(|(_, s)| s.show_presence)
        .map(|(u, _)| u)
        .collect())
}

/// The people of `ids` by id; `with_erased`: also those who asked for erasure (a direct
/// conversation shows her place, nameless).
pub(crate) async fn users_by_id<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
    with_erased: bool,
) -> Result<HashMap<Uuid, user::Model>, ApiError> {
    let mut query = user::Entity::find().filter(user::Column::Id.is_in(ids));
    if !with_erased {
        query = query.filter(user::Column::ErasedAt.is_null());
    }
    Ok(query
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect())
}
