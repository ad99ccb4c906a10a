//! Rooms of an agency: the list she sees, one room, creating, joining and leaving.
//!
//! Who sees a room: everyone of the agency that owns it sees its public and announcement rooms
//! (and may read them before joining); a private room exists only for its members — anyone
//! else gets 404, as for another agency's rooms.

use chrono::Utc;
use sea_orm::TransactionTrait;
use shared::{ErrorCode, FieldCode, LocalizedText, MemberRole, NewRoom, Room, RoomKind};
use uuid::Uuid;

use super::repo;
use crate::audit;
use crate::audit::AuditEvent;
use crate::caller::Caller;
use crate::community::access::{MANAGERS, add_membership, members_only, visible};
use crate::community::views::{dto, pins_of, unread_counts};
use crate::entities::room;
use crate::error::{ApiError, FieldIssue};
use crate::session::AuthUser;
use crate::state::AppState;
use crate::texts::localized;

/// The rooms she can see, her own first, then oldest first.
pub async fn list(state: &AppState, auth: &AuthUser) -> Result<Vec<Room>, ApiError> {
    let rooms = repo::of_agency(&state.db, auth.agency_id).await?;
    let mine = repo::memberships(&state.db, auth.user_id).await?;
    let (unread, mentions) = unread_counts(&state.db, auth.user_id, None).await?;
    let banned = repo::bans(&state.db, auth.user_id).await?;
    let rooms: Vec<room::Model> = rooms
        .into_iter()
        .filter(|r| !members_only(r.kind) || mine.contains_key(&r.id))
        .filter(|r| mine.contains_key(&r.id) || !banned.contains(&r.id))
        .collect();
    let mut pins = pins_of(&state.db, rooms.iter().map(|r| r.id).collect()).await?;
    let mut peers = crate::community::views::peers(state, auth.user_id, &rooms).await?;
    let mut out = Vec::new();
    for r in &rooms {
        out.push(dto(
            r,
            mine.get(&r.id),
            unread.get(&r.id).copied().unwrap_or(0),
            mentions.get(&r.id).copied().unwrap_or(0),
            pins.remove(&r.id).unwrap_or_default(),
            peers.remove(&r.id),
        )?);
    }
    out.sort_by_key(|r| r.role.is_none());
    Ok(out)
}

/// One room as she sees it.
pub async fn get(state: &AppState, auth: &AuthUser, id: Uuid) -> Result<Room, ApiError> {
    let (r, member) = visible(state, auth, id).await?;
    // Only a member has unread messages.
    let (unread, mentions) = match member {
        Some(_) => unread_counts(&state.db, auth.user_id, Some(id)).await?,
        None => Default::default(),
    };
    let pinned = pins_of(&state.db, vec![id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    let peer = crate::community::views::peers(state, auth.user_id, std::slice::from_ref(&r))
        .await?
        .remove(&id);
    dto(
        &r,
        member.as_ref(),
        unread.get(&id).copied().unwrap_or(0),
        mentions.get(&id).copied().unwrap_or(0),
        pinned,
        peer,
    )
}

/// A new room of her agency; she is its first manager.
pub async fn create(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    req: NewRoom,
) -> Result<Room, ApiError> {
    auth.require(MANAGERS)?;
    let mut issues = Vec::new();
    localized(&req.name, 80, "/name", &mut issues);
    localized(&req.description, 1000, "/description", &mut issues);
    localized(&req.rules, 4000, "/rules", &mut issues);
    if req.kind == RoomKind::Direct {
        issues.push(FieldIssue::new("/kind", FieldCode::KindDirect));
    }
    if req.kind != RoomKind::Public && req.topic.is_some() {
        issues.push(FieldIssue::new("/topic", FieldCode::TopicPublicOnly));
    }
    if !issues.is_empty() {
        return Err(ApiError::Validation(issues));
    }
    let trim = |t: &LocalizedText| LocalizedText {
        it: t.it.trim().to_owned(),
        en: t.en.trim().to_owned(),
    };
    let now = Utc::now();
    let id = Uuid::now_v7();
    let (name, description, rules) = (trim(&req.name), trim(&req.description), trim(&req.rules));
    let txn = state.db.begin().await?;
    let r = repo::insert(
        &txn,
        repo::NewRoomRow {
            id,
            agency: auth.agency_id,
            kind: req.kind,
            topic: req.topic,
            name: &name,
            description: &description,
            rules: &rules,
            created_by: auth.user_id,
            at: now,
        },
    )
    .await?;
    let m = repo::insert_member(&txn, id, auth.user_id, MemberRole::Manager, now).await?;
    audit::record(
        &txn,
        AuditEvent::new("room_created")
            .actor(auth.user_id)
            .target("room", id)
            .agency(auth.agency_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    txn.commit().await?;
    state.hub.subscribe_user(auth.user_id, id);
    dto(&r, Some(&m), 0, 0, Vec::new(), None)
}

/// Joins a public or announcement room (again: nothing changes). Her read marker starts at the
/// newest message: what came before is history, not unread.
pub async fn join(state: &AppState, auth: &AuthUser, id: Uuid) -> Result<Room, ApiError> {
    let (r, member) = visible(state, auth, id).await?;
    if member.is_none() {
        if r.archived_at.is_some() {
            return Err(ApiError::Conflict(ErrorCode::RoomArchived));
        }
        if members_only(r.kind) {
            return Err(ApiError::NotFound);
        }
        add_membership(state, id, auth.user_id, r.last_seq).await?;
    }
    get(state, auth, id).await
}

/// Leaves a room. A private room is then gone for her.
pub async fn leave(state: &AppState, auth: &AuthUser, id: Uuid) -> Result<(), ApiError> {
    let (_, member) = visible(state, auth, id).await?;
    if member.is_none() {
        return Err(ApiError::Conflict(ErrorCode::NotAMember));
    }
    repo::remove_member(&state.db, id, auth.user_id).await?;
    state.hub.unsubscribe_user(auth.user_id, id);
    Ok(())
}
