//! Who may see a room, be in it and post in it: the kinds of rooms, membership, bans and
//! the direct-conversation consent. Below every part of the community (rooms, messages,
//! moderation, direct), which all ask it.

use std::collections::HashMap;

use chrono::Utc;
use shared::{CommunitySettings, ErrorCode, MemberRole, Role, RoomKind};
use uuid::Uuid;

use super::repo;
use crate::entities::{room, room_member, user};
use crate::error::ApiError;
use crate::session::AuthUser;
use crate::state::AppState;

/// The hidden reason of a message the word filter holds for review.
pub const HELD: &str = "held_by_filter";

/// Who creates and runs rooms.
pub const MANAGERS: &[Role] = &[Role::CommunityManager, Role::Admin];

/// Rooms only their members see (anyone else gets 404): private groups and direct
/// conversations.
pub fn members_only(kind: RoomKind) -> bool {
    matches!(kind, RoomKind::Private | RoomKind::Direct)
}

/// The room if she may see it (404 otherwise), with her membership. Someone banned from a
/// room no longer reads it (403: she was told why).
pub(crate) async fn visible(
    state: &AppState,
    auth: &AuthUser,
    id: Uuid,
) -> Result<(room::Model, Option<room_member::Model>), ApiError> {
    let (r, member) = futures_util::try_join!(
        repo::room_of_agency(&state.db, auth.agency_id, id),
        repo::membership(&state.db, id, auth.user_id),
    )?;
    let r = r.ok_or(ApiError::NotFound)?;
    if member.is_none() {
        if members_only(r.kind) {
            return Err(ApiError::NotFound);
        }
        // A ban ends her membership, so only a non-member can be banned.
        if banned(state, auth.user_id, id).await? {
            return Err(ApiError::Forbidden);
        }
    }
    Ok((r, member))
}

/// Makes her a member of the room unless she is one, her read marker at `last_read_seq`; her
/// open sockets then follow the room. `true` when this call added her.
pub(crate) async fn add_membership(
    state: &AppState,
    room_id: Uuid,
    user: Uuid,
    last_read_seq: i64,
) -> Result<bool, ApiError> {
    let added = repo::add_member(&state.db, room_id, user, last_read_seq, Utc::now()).await?;
    if added {
        state.hub.subscribe_user(user, room_id);
    }
    Ok(added)
}

/// The rooms she is a member of.
pub(crate) async fn rooms_of(state: &AppState, user: Uuid) -> Result<Vec<Uuid>, sea_orm::DbErr> {
    repo::room_ids_of(&state.db, user).await
}

/// Whether she is a member of the room.
pub async fn member_of(state: &AppState, user: Uuid, room: Uuid) -> bool {
    matches!(repo::membership(&state.db, room, user).await, Ok(Some(_)))
}

/// Whether she runs the room: its manager, or a community manager or admin of its agency.
pub(crate) fn runs(auth: &AuthUser, member: Option<&room_member::Model>) -> bool {
    MANAGERS.contains(&auth.role) || member.is_some_and(|m| m.role == MemberRole::Manager)
}

/// Whether she is banned from the room.
pub async fn banned(state: &AppState, user_id: Uuid, room_id: Uuid) -> Result<bool, ApiError> {
    Ok(repo::is_banned(&state.db, user_id, room_id).await?)
}

/// Each person's settings (the defaults for those who never saved any).
pub async fn settings_of(
    state: &AppState,
    users: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, CommunitySettings>, ApiError> {
    let users: Vec<Uuid> = users.into_iter().collect();
    let mut out: HashMap<Uuid, CommunitySettings> = users
        .iter()
        .map(|u| (*u, CommunitySettings::default()))
        .collect();
    for s in repo::settings_rows(&state.db, users).await? {
        out.insert(
            s.user_id,
            CommunitySettings {
                allow_direct_messages: s.allow_direct_messages,
                show_presence: s.show_presence,
            },
        );
    }
    Ok(out)
}

/// Whether `a` may write directly to `b` (both of one agency).
pub(crate) fn may_write(
    a: &user::Model,
    b: &user::Model,
    settings: &HashMap<Uuid, CommunitySettings>,
) -> Result<Result<(), ErrorCode>, ApiError> {
    let (ra, rb) = (a.role, b.role);
    if ra.is_staff() || rb.is_staff() {
        return Ok(Ok(()));
    }
    let allows = |u: &user::Model| settings.get(&u.id).is_some_and(|s| s.allow_direct_messages);
    Ok(if !allows(a) {
        Err(ErrorCode::DirectMessagesOffMine)
    } else if !allows(b) {
        Err(ErrorCode::DirectMessagesOff)
    } else {
        Ok(())
    })
}

/// In a direct conversation of two jobseekers, sending needs both still to allow it.
pub async fn check_send(state: &AppState, r: &room::Model, me: &AuthUser) -> Result<(), ApiError> {
    if r.kind != RoomKind::Direct {
        return Ok(());
    }
    let peer_id = peer_of(r, me.user_id);
    let Some(peer) = repo::live_user(&state.db, peer_id).await? else {
        return Err(ApiError::Conflict(ErrorCode::DirectPeerGone));
    };
    let settings = settings_of(state, [me.user_id, peer.id]).await?;
    may_write(&me.user, &peer, &settings)?.map_err(ApiError::Conflict)
}

/// The other person of a direct conversation.
pub fn peer_of(r: &room::Model, me: Uuid) -> Uuid {
    r.direct_key
        .as_deref()
        .and_then(|k| k.split_once(':'))
        .and_then(|(a, b)| {
            let (a, b) = (Uuid::parse_str(a).ok()?, Uuid::parse_str(b).ok()?);
            Some(if a == me { b } else { a })
        })
        .unwrap_or(me)
}

/// Her rooms with their newest message number.
pub(crate) async fn her_rooms(
    state: &AppState,
    user: Uuid,
) -> Result<Vec<(Uuid, u64)>, sea_orm::DbErr> {
    let ids = rooms_of(state, user).await?;
    Ok(repo::rooms_by_ids(&state.db, ids)
        .await?
        .into_iter()
        .map(|r| (r.id, u64::try_from(r.last_seq).unwrap_or(0)))
        .collect())
}
