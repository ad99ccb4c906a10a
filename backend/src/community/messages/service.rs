//! Messages numbered per room: sending (only members post; in an announcement room only its
//! managers), history, read markers, edits, deletion, reactions, pins and search.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Utc;
use sea_orm::TransactionTrait;
use shared::{
    CLIENT_ID_MAX, EditMessage, ErrorCode, FieldCode, FilterAction, HISTORY_MAX, History,
    MESSAGE_MAX_CHARS, MemberRole, Message, MessageVersion, NewMessage, NewPin, REACTIONS,
    ReadMarker, Room, RoomKind, ServerEvent,
};
use uuid::Uuid;

use super::repo;
use crate::audit;
use crate::audit::AuditEvent;
use crate::community::access::{HELD, rooms_of, runs, visible};
use crate::community::rooms::service::get;
use crate::community::views::{as_u64, messages_dto};
use crate::entities::{message, room, room_member};
use crate::error::{ApiError, FieldIssue};
use crate::session::AuthUser;
use crate::state::AppState;

/// The most members a message may mention.
const MAX_MENTIONS: usize = 20;

/// The body as stored: trimmed; plain text, so control characters other than line breaks and
/// tabs are refused (HTML is never interpreted: clients render text).
fn check_message(req: &NewMessage) -> Vec<FieldIssue> {
    let mut issues = Vec::new();
    let id_ok = !req.client_id.is_empty()
        && req.client_id.len() <= CLIENT_ID_MAX
        && req
            .client_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_:.".contains(&b));
    if !id_ok {
        issues.push(FieldIssue::new("/client_id", FieldCode::ClientIdInvalid));
    }
    if let Some(code) = crate::texts::plain(&req.body, MESSAGE_MAX_CHARS, true) {
        issues.push(FieldIssue::new("/body", code));
    }
    if req.mentions.len() > MAX_MENTIONS {
        issues.push(FieldIssue::new("/mentions", FieldCode::TooManyItems));
    }
    let mut seen = BTreeSet::new();
    for (i, m) in req.mentions.iter().enumerate() {
        if !seen.insert(m) {
            issues.push(FieldIssue::new(
                format!("/mentions/{i}"),
                FieldCode::DuplicateValue,
            ));
        }
    }
    issues
}

/// Sends a message: stored with the room's next sequence number in one transaction. The same
/// `client_id` from the same sender returns the original (`false`: nothing new was stored).
pub async fn send(
    state: &AppState,
    auth: &AuthUser,
    room_id: Uuid,
    req: NewMessage,
) -> Result<(Message, bool), ApiError> {
    let (r, member) = visible(state, auth, room_id).await?;
    let Some(member) = member else {
        return Err(ApiError::Conflict(ErrorCode::NotAMember));
    };
    if let Some(original) = by_client_id(state, room_id, auth.user_id, &req.client_id).await? {
        return Ok((original, false));
    }
    state.throttle.check_post(auth.user_id)?;
    let now = Utc::now();
    may_post(state, auth, &r, &member).await?;
    let mut issues = check_message(&req);
    if let Some(reply) = req.reply_to
        && repo::in_room(&state.db, room_id, reply).await?.is_none()
    {
        issues.push(FieldIssue::new("/reply_to", FieldCode::ReplyUnknown));
    }
    if !req.mentions.is_empty() && issues.is_empty() {
        let members = repo::members_among(&state.db, room_id, &req.mentions).await?;
        for (i, m) in req.mentions.iter().enumerate() {
            if !members.contains(&m.0) {
                issues.push(FieldIssue::new(
                    format!("/mentions/{i}"),
                    FieldCode::MentionNotMember,
                ));
            }
        }
    }
    if !issues.is_empty() {
        return Err(ApiError::Validation(issues));
    }
    let filtered = screen(state, &r, &req.body).await?;
    let held = matches!(filtered, Some((FilterAction::Hold, _)));

    let id = Uuid::now_v7();
    let txn = state.db.begin().await?;
    let Some(seq) = repo::next_seq(&txn, room_id).await? else {
        return Err(ApiError::Conflict(ErrorCode::RoomArchived));
    };
    let inserted = repo::insert(
        &txn,
        repo::NewMessageRow {
            id,
            room_id,
            seq,
            sender: auth.user_id,
            client_id: req.client_id.clone(),
            body: req.body.trim().to_owned(),
            reply_to: req.reply_to,
            at: now,
            hidden_reason: held.then_some(HELD),
        },
    )
    .await;
    let row = match inserted {
        Ok(row) => row,
        Err(e) => {
            // The same client id sent twice at once: the other one won; answer with it.
            let _ = txn.rollback().await;
            return match by_client_id(state, room_id, auth.user_id, &req.client_id).await? {
                Some(original) => Ok((original, false)),
                None => Err(e.into()),
            };
        }
    };
    repo::insert_mentions(&txn, &row, &req.mentions).await?;
    if let Some((_, term)) = &filtered {
        crate::community::moderation::service::filter_report(&txn, room_id, id, term).await?;
    }
    // Her own message is read by her.
    repo::set_read(&txn, room_id, auth.user_id, seq, false).await?;
    txn.commit().await?;
    let mut out = messages_dto(&state.db, vec![row]).await?;
    let message = out
        .pop()
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("message lost")))?;
    // Stored first, then sent on: serialised once for every socket of the room (a held
    // message waits for a moderator).
    let event = (!held).then(|| ServerEvent::Message {
        message: message.clone(),
    });
    state
        .hub
        .publish_message_event(room_id, message.seq, event.as_ref());
    Ok((message, true))
}

/// What a member must be allowed to do to post, a new message or an edit: write in the room
/// (an announcement room: its managers), an open room, a direct conversation both still
/// accept, not muted, and slow mode's wait since her last message or edit there.
async fn may_post(
    state: &AppState,
    auth: &AuthUser,
    r: &room::Model,
    member: &room_member::Model,
) -> Result<(), ApiError> {
    if r.kind == RoomKind::Announcement && member.role != MemberRole::Manager {
        return Err(ApiError::Forbidden);
    }
    if r.archived_at.is_some() {
        return Err(ApiError::Conflict(ErrorCode::RoomArchived));
    }
    crate::community::access::check_send(state, r, auth).await?;
    let now = Utc::now();
    if member.muted_until.is_some_and(|u| u > now) {
        return Err(ApiError::Conflict(ErrorCode::Muted));
    }
    let slow = std::cmp::max(r.slow_mode_seconds, member.slow_mode_seconds).unwrap_or(0);
    if slow > 0 {
        let last = repo::last_post_at(&state.db, r.id, auth.user_id).await?;
        if let Some(last) = last {
            let wait = i64::from(slow) - (now - last).num_seconds();
            if wait > 0 {
                return Err(ApiError::TooManyRequests {
                    retry_after_seconds: u64::try_from(wait).unwrap_or(1),
                    limit: 1,
                });
            }
        }
    }
    Ok(())
}

/// The word filter's verdict on a text to be posted in the room: a blocked word refuses it
/// (422); otherwise the strictest action with its term. In a direct conversation only `block`
/// applies: nobody but its two members may read it, so nothing is held for a moderator or
/// reported to one.
async fn screen(
    state: &AppState,
    r: &room::Model,
    body: &str,
) -> Result<Option<(FilterAction, String)>, ApiError> {
    let filtered = crate::community::moderation::service::filter(state, r.agency_id, body).await?;
    match filtered {
        Some((FilterAction::Block, term)) => {
            tracing::info!(term, "message blocked by the word filter");
            Err(ApiError::Validation(vec![FieldIssue::new(
                "/body",
                FieldCode::BlockedWord,
            )]))
        }
        Some(_) if r.kind == RoomKind::Direct => Ok(None),
        other => Ok(other),
    }
}

async fn by_client_id(
    state: &AppState,
    room_id: Uuid,
    sender: Uuid,
    client_id: &str,
) -> Result<Option<Message>, ApiError> {
    match repo::by_client_id(&state.db, room_id, sender, client_id).await? {
        Some(row) => Ok(messages_dto(&state.db, vec![row]).await?.pop()),
        None => Ok(None),
    }
}

/// Where a history page is anchored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Anchor {
    /// The newest messages.
    Latest,
    /// Messages before this sequence number.
    Before(u64),
    /// Messages after this sequence number.
    After(u64),
    /// Messages around this one (it included).
    Around(u64),
}

/// A page of a room's history, oldest first: by sequence number, so pages never overlap or skip.
pub async fn history(
    state: &AppState,
    auth: &AuthUser,
    room_id: Uuid,
    anchor: Anchor,
    limit: Option<u32>,
) -> Result<History, ApiError> {
    let limit = limit.unwrap_or(50);
    if !(1..=HISTORY_MAX).contains(&limit) {
        return Err(ApiError::Validation(vec![FieldIssue::new(
            "/limit",
            FieldCode::NumberOutOfRange,
        )]));
    }
    let (r, _) = visible(state, auth, room_id).await?;
    let n = u64::from(limit);
    let last = r.last_seq;
    let to_i64 = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
    let db = &state.db;
    let rows = match anchor {
        Anchor::Latest => repo::below(db, room_id, last.saturating_add(1), n).await?,
        Anchor::Before(s) => repo::below(db, room_id, to_i64(s), n).await?,
        Anchor::After(s) => repo::from(db, room_id, to_i64(s).saturating_add(1), n).await?,
        Anchor::Around(s) => {
            let mut before = repo::below(db, room_id, to_i64(s), n / 2).await?;
            let after = repo::from(db, room_id, to_i64(s), n - n / 2).await?;
            before.extend(after);
            before
        }
    };
    let first = rows.first().map(|m| m.seq);
    let newest = rows.last().map(|m| m.seq);
    let (more_before, more_after) = match (first, newest) {
        (Some(f), Some(l)) => (f > 1, l < last),
        // An empty page: whatever lies on either side of the anchor.
        _ => match anchor {
            Anchor::Latest => (false, false),
            Anchor::Before(s) => (false, to_i64(s) <= last),
            Anchor::After(s) => (to_i64(s) >= 1, false),
            Anchor::Around(_) => (false, false),
        },
    };
    Ok(History {
        messages: messages_dto(&state.db, rows).await?,
        more_before,
        more_after,
    })
}

/// Moves her read marker forward (never back, never past the newest message).
pub async fn mark_read(
    state: &AppState,
    auth: &AuthUser,
    room_id: Uuid,
    req: ReadMarker,
) -> Result<Room, ApiError> {
    let Ok(asked) = i64::try_from(req.last_read_seq) else {
        return Err(ApiError::Validation(vec![FieldIssue::new(
            "/last_read_seq",
            FieldCode::NumberOutOfRange,
        )]));
    };
    let (r, member) = visible(state, auth, room_id).await?;
    if member.is_none() {
        return Err(ApiError::Conflict(ErrorCode::NotAMember));
    }
    let to = std::cmp::min(asked, r.last_seq);
    repo::set_read(&state.db, room_id, auth.user_id, to, true).await?;
    get(state, auth, room_id).await
}

/// A message of a room she can see; 404 otherwise.
async fn message_in(
    state: &AppState,
    auth: &AuthUser,
    room_id: Uuid,
    id: Uuid,
) -> Result<(room::Model, Option<room_member::Model>, message::Model), ApiError> {
    let (r, member) = visible(state, auth, room_id).await?;
    let m = repo::in_room(&state.db, room_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((r, member, m))
}

/// The message as it is now, sent on to the room's sockets.
async fn updated(state: &AppState, row: message::Model) -> Result<Message, ApiError> {
    let message = messages_dto(&state.db, vec![row])
        .await?
        .pop()
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("message lost")))?;
    state.hub.publish_event(
        message.room_id,
        &ServerEvent::MessageUpdated {
            message: message.clone(),
        },
    );
    Ok(message)
}

/// Edits her own message; the text it replaces is kept for the room's managers.
pub async fn edit(
    state: &AppState,
    auth: &AuthUser,
    room_id: Uuid,
    id: Uuid,
    req: EditMessage,
) -> Result<Message, ApiError> {
    let (r, member, m) = message_in(state, auth, room_id, id).await?;
    if m.sender_id != auth.user_id {
        return Err(ApiError::Forbidden);
    }
    // An edit passes the checks of a send: a member who may post now, and the word filter.
    let Some(member) = member else {
        return Err(ApiError::Conflict(ErrorCode::NotAMember));
    };
    if m.deleted_at.is_some() {
        return Err(ApiError::Conflict(ErrorCode::MessageDeleted));
    }
    if let Some(code) = crate::texts::plain(&req.body, MESSAGE_MAX_CHARS, true) {
        return Err(ApiError::Validation(vec![FieldIssue::new("/body", code)]));
    }
    let body = req.body.trim().to_owned();
    if body == m.body {
        return messages_dto(&state.db, vec![m])
            .await?
            .pop()
            .ok_or(ApiError::NotFound);
    }
    may_post(state, auth, &r, &member).await?;
    state.throttle.check_post(auth.user_id)?;
    let filtered = screen(state, &r, &body).await?;
    let hold = matches!(filtered, Some((FilterAction::Hold, _))) && m.hidden_at.is_none();
    let now = Utc::now();
    let txn = state.db.begin().await?;
    let row = repo::save_edit(&txn, m, body, now, hold.then_some(HELD)).await?;
    if let Some((_, term)) = &filtered {
        crate::community::moderation::service::filter_report(&txn, room_id, id, term).await?;
    }
    txn.commit().await?;
    updated(state, row).await
}

/// Tells the rooms' sockets that these messages (room, id) lost their text (an erased
/// account's), so that open clients drop it too.
pub async fn announce_removed(state: &AppState, messages: Vec<(Uuid, Uuid)>) {
    for chunk in messages.chunks(500) {
        let rows = match repo::by_ids(&state.db, chunk.iter().map(|(_, id)| *id)).await {
            Ok(rows) => rows,
            Err(e) => {
                tracing::warn!(error = %e, "erased messages not announced");
                return;
            }
        };
        if let Ok(shown) = messages_dto(&state.db, rows).await {
            for message in shown {
                let room_id = message.room_id;
                state
                    .hub
                    .publish_event(room_id, &ServerEvent::MessageUpdated { message });
            }
        }
    }
}

/// Deletes her own message: its place in the room stays, its text goes.
pub async fn delete(
    state: &AppState,
    auth: &AuthUser,
    room_id: Uuid,
    id: Uuid,
) -> Result<Message, ApiError> {
    let (_, _, m) = message_in(state, auth, room_id, id).await?;
    if m.sender_id != auth.user_id {
        return Err(ApiError::Forbidden);
    }
    if m.deleted_at.is_some() {
        return Err(ApiError::Conflict(ErrorCode::MessageDeleted));
    }
    let row = repo::mark_deleted(&state.db, m, Utc::now()).await?;
    updated(state, row).await
}

/// The earlier texts of a message, oldest first (community managers and admins of the agency,
/// and the room's managers).
pub async fn versions(
    state: &AppState,
    auth: &AuthUser,
    room_id: Uuid,
    id: Uuid,
) -> Result<Vec<MessageVersion>, ApiError> {
    let (r, member, _) = message_in(state, auth, room_id, id).await?;
    if !runs(auth, member.as_ref()) {
        return Err(ApiError::Forbidden);
    }
    audit::record(
        &state.db,
        AuditEvent::new("message_versions_read")
            .actor(auth.user_id)
            .target("message", id)
            .agency(r.agency_id),
    )
    .await?;
    Ok(repo::versions(&state.db, id)
        .await?
        .into_iter()
        .map(|e| MessageVersion {
            version: u32::try_from(e.version).unwrap_or(0),
            body: e.body,
            replaced_at: e.replaced_at,
        })
        .collect())
}

/// Adds (`true`) or takes back (`false`) her reaction; members only; idempotent.
pub async fn react(
    state: &AppState,
    auth: &AuthUser,
    room_id: Uuid,
    id: Uuid,
    emoji: &str,
    add: bool,
) -> Result<Message, ApiError> {
    let (_, member, m) = message_in(state, auth, room_id, id).await?;
    if member.is_none() {
        return Err(ApiError::Conflict(ErrorCode::NotAMember));
    }
    if !REACTIONS.contains(&emoji) {
        return Err(ApiError::Validation(vec![FieldIssue::new(
            "/emoji",
            FieldCode::ReactionUnknown,
        )]));
    }
    if m.deleted_at.is_some() {
        return Err(ApiError::Conflict(ErrorCode::MessageDeleted));
    }
    if add {
        // Reacting twice (a double click) changes nothing.
        repo::add_reaction(&state.db, id, auth.user_id, emoji).await?;
    } else {
        repo::remove_reaction(&state.db, id, auth.user_id, emoji).await?;
    }
    updated(state, m).await
}

/// Pins (`Some`) or unpins a message (the room's managers).
pub async fn pin(
    state: &AppState,
    auth: &AuthUser,
    room_id: Uuid,
    req: NewPin,
    add: bool,
) -> Result<Room, ApiError> {
    let (_, member, m) = message_in(state, auth, room_id, req.message_id).await?;
    if !runs(auth, member.as_ref()) {
        return Err(ApiError::Forbidden);
    }
    if add {
        repo::pin(&state.db, room_id, m.id, auth.user_id).await?;
    } else {
        repo::unpin(&state.db, room_id, m.id).await?;
    }
    let room = get(state, auth, room_id).await?;
    state.hub.publish_event(
        room_id,
        &ServerEvent::PinsUpdated {
            room_id,
            pinned: room.pinned.clone(),
        },
    );
    Ok(room)
}

/// Messages of the rooms she belongs to whose text contains `q` (any case), newest first, at
/// most 50; hidden and deleted ones never match.
pub async fn search(state: &AppState, auth: &AuthUser, q: &str) -> Result<Vec<Message>, ApiError> {
    let q = q.trim();
    let n = q.chars().count();
    if !(2..=100).contains(&n) {
        return Err(ApiError::Validation(vec![FieldIssue::new(
            "/q",
            FieldCode::SearchLength,
        )]));
    }
    let rooms = rooms_of(state, auth.user_id).await?;
    let rows = repo::search(&state.db, rooms, q).await?;
    messages_dto(&state.db, rows).await
}

/// The messages of a room as the real-time layer reads them back (see `realtime::Backlog`).
pub struct StoredMessages(pub actix_web::web::Data<AppState>);

impl crate::realtime::Backlog for StoredMessages {
    fn between(
        &self,
        room: Uuid,
        upto: u64,
        before: u64,
        max: u64,
    ) -> futures_util::future::BoxFuture<'_, anyhow::Result<crate::realtime::Numbered>> {
        Box::pin(async move {
            let (Ok(from), Ok(to)) = (i64::try_from(upto), i64::try_from(before)) else {
                return Ok(Vec::new());
            };
            let rows = repo::between(&self.0.db, room, from, Some(to), max).await?;
            let held: BTreeSet<u64> = rows
                .iter()
                .filter(|m| m.hidden_reason.as_deref() == Some(HELD))
                .map(|m| as_u64(m.seq))
                .collect();
            let seqs: Vec<u64> = rows.iter().map(|m| as_u64(m.seq)).collect();
            let mut by_seq: BTreeMap<u64, Message> = messages_dto(&self.0.db, rows)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
                .into_iter()
                .map(|m| (m.seq, m))
                .collect();
            Ok(seqs
                .into_iter()
                .map(|seq| {
                    let event = by_seq
                        .remove(&seq)
                        .filter(|_| !held.contains(&seq))
                        .map(|message| ServerEvent::Message { message });
                    (seq, event)
                })
                .collect())
        })
    }

    fn newest(
        &self,
        rooms: Vec<Uuid>,
    ) -> futures_util::future::BoxFuture<'_, anyhow::Result<Vec<(Uuid, u64)>>> {
        Box::pin(async move {
            Ok(repo::newest(&self.0.db, rooms)
                .await?
                .into_iter()
                .map(|(id, seq)| (id, as_u64(seq)))
                .collect())
        })
    }
}

/// The stored messages of a room numbered after `after`, oldest first, at most `limit` (a
/// socket's replay).
pub(crate) async fn after(
    state: &AppState,
    room_id: Uuid,
    after: i64,
    limit: u64,
) -> Result<Vec<message::Model>, sea_orm::DbErr> {
    repo::between(&state.db, room_id, after, None, limit).await
}
