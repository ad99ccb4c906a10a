//! Direct conversations, community settings, presence and room members.
//!
//! Who may write to whom directly, always within one agency: staff and anyone; a jobseeker and
//! staff of her agency; two jobseekers only while both allow it in their settings (off until
//! she turns it on). Two people have one conversation: a room of kind `direct` whose unique
//! `direct_key` is their two ids, so opening it twice at once still gives one.
//!
//! Presence: she is online while a socket of hers is open, unless she chose not to show it.

use chrono::Utc;
use shared::{
    CommunitySettings, Contact, FieldCode, MemberRole, NewDirect, Role, Room, RoomMember,
    ServerEvent, UserId,
};
use uuid::Uuid;

use super::repo;
use crate::community::access::{may_write, settings_of};
use crate::community::views::{online_of, users_by_id};
use crate::error::{ApiError, FieldIssue};
use crate::session::AuthUser;
use crate::state::AppState;

pub async fn settings(state: &AppState, auth: &AuthUser) -> Result<CommunitySettings, ApiError> {
    Ok(settings_of(state, [auth.user_id])
        .await?
        .remove(&auth.user_id)
        .unwrap_or_default())
}

/// Saves her settings; others see her presence change at once.
pub async fn save_settings(
    state: &AppState,
    auth: &AuthUser,
    req: CommunitySettings,
) -> Result<CommunitySettings, ApiError> {
    let before = settings(state, auth).await?;
    repo::save_settings(&state.db, auth.user_id, &req, Utc::now()).await?;
    if before.show_presence != req.show_presence && state.hub.online(auth.user_id) {
        announce(state, auth.user_id, req.show_presence).await;
    }
    Ok(req)
}

/// Her first socket opened (`true`) or her last one closed: the members of her rooms hear it,
/// unless she chose not to show her presence.
pub async fn presence_changed(state: &AppState, user: Uuid, online: bool) {
    let shown = settings_of(state, [user])
        .await
        .ok()
        .and_then(|mut s| s.remove(&user))
        .unwrap_or_default()
        .show_presence;
    if shown {
        announce(state, user, online).await;
    }
}

/// Tells the members of her rooms that she came online or went offline — in rooms of up to
/// `community.presence_room_max` members: in larger ones each member coming online would be an
/// event for every other (a thousand-member room would get a million at a reconnect); their
/// member list says who is online when it is opened.
pub async fn announce(state: &AppState, user: Uuid, online: bool) {
    let Ok(rooms) = crate::community::access::rooms_of(state, user).await else {
        return;
    };
    let sizes = repo::room_sizes(&state.db, rooms).await;
    let Ok(sizes) = sizes else {
        return;
    };
    let rooms: Vec<Uuid> = sizes
        .into_iter()
        .filter(|c| c.n <= i64::from(state.settings.community.presence_room_max))
        .map(|c| c.room_id)
        .collect();
    let event = ServerEvent::Presence {
        user_id: UserId(user),
        online,
    };
    state.hub.publish_rooms_event(&rooms, &event, Some(user));
}

fn direct_key(a: Uuid, b: Uuid) -> String {
    let (x, y) = if a < b { (a, b) } else { (b, a) };
    format!("{x}:{y}")
}

/// The most people a search of the agency returns.
const SEARCH_MAX: u64 = 20;

/// People of her agency she can write to directly: its staff, and the jobseekers who share a
/// room with her and accept direct messages (when she does too, or she is staff). Staff first,
/// then by name. With `q`, only those whose name contains it; staff searching find anyone of
/// the agency (at most 20), as they do in the caseload.
pub async fn contacts(
    state: &AppState,
    auth: &AuthUser,
    q: Option<&str>,
) -> Result<Vec<Contact>, ApiError> {
    let q = q.map(str::trim).filter(|q| !q.is_empty());
    if let Some(q) = q
        && (q.chars().count() > 100 || crate::texts::has_refused_inline(q))
    {
        return Err(ApiError::Validation(vec![FieldIssue::new(
            "/q",
            FieldCode::SearchLength,
        )]));
    }
    let staff_search = q.is_some() && auth.role.is_staff();
    let among = if staff_search {
        repo::Among::Anyone(SEARCH_MAX)
    } else {
        // Staff, and the people of her rooms.
        repo::Among::StaffAndRoommates
    };
    let people = repo::people(&state.db, auth.agency_id, auth.user_id, q, among).await?;
    let settings = settings_of(
        state,
        people
            .iter()
            .map(|u| u.id)
            .chain(std::iter::once(auth.user_id)),
    )
    .await?;
    let mut out = Vec::new();
    for u in &people {
        // A jobseeker is offered the people who work with her (counsellors, community
        // managers), not the agency's administrator.
        if auth.role == Role::Jobseeker && u.role == Role::Admin {
            continue;
        }
        if may_write(&auth.user, u, &settings)?.is_ok() {
            out.push(u);
        }
    }
    let online = online_of(state, out.iter().map(|u| u.id)).await?;
    let mut contacts = out
        .into_iter()
        .map(|u| {
            Ok(Contact {
                user_id: UserId(u.id),
                name: u.name.clone(),
                role: u.role,
                online: online.contains(&u.id),
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    contacts.sort_by_key(|c| !c.role.is_staff());
    Ok(contacts)
}

/// Opens her direct conversation with someone: the existing one (both made members again if
/// one had left; `false`) or a new one (`true`).
pub async fn open(
    state: &AppState,
    auth: &AuthUser,
    req: NewDirect,
) -> Result<(Room, bool), ApiError> {
    let field = |code: FieldCode| ApiError::Validation(vec![FieldIssue::new("/user_id", code)]);
    if req.user_id.0 == auth.user_id {
        return Err(field(FieldCode::DirectSelf));
    }
    let peer = repo::reachable(&state.db, auth.agency_id, req.user_id.0)
        .await?
        .ok_or_else(|| field(FieldCode::UserUnknown))?;
    let settings = settings_of(state, [auth.user_id, peer.id]).await?;
    may_write(&auth.user, &peer, &settings)?.map_err(ApiError::Conflict)?;

    let key = direct_key(auth.user_id, peer.id);
    let (r, created) = match repo::by_key(&state.db, &key).await? {
        Some(r) => (r, false),
        None => match repo::insert(&state.db, auth.agency_id, auth.user_id, &key).await {
            Ok(r) => (r, true),
            // Both opened it at once: the other insert won.
            Err(e) => (repo::by_key(&state.db, &key).await?.ok_or(e)?, false),
        },
    };
    for who in [auth.user_id, peer.id] {
        let read = if who == auth.user_id { r.last_seq } else { 0 };
        if crate::community::access::add_membership(state, r.id, who, read).await?
            && who != auth.user_id
        {
            state
                .hub
                .publish_user_event(who, &ServerEvent::RoomAdded { room_id: r.id });
        }
    }
    Ok((
        crate::community::rooms::service::get(state, auth, r.id).await?,
        created,
    ))
}

/// The members of a room she can see, managers first, then by name; whether each is online;
/// for those who run the room, each one's mute and slow mode.
pub async fn members(
    state: &AppState,
    auth: &AuthUser,
    room_id: Uuid,
) -> Result<Vec<RoomMember>, ApiError> {
    let (_, me) = crate::community::access::visible(state, auth, room_id).await?;
    let runs = crate::community::access::runs(auth, me.as_ref());
    let rows = crate::community::rooms::repo::members_of(&state.db, room_id).await?;
    let users = users_by_id(&state.db, rows.iter().map(|m| m.user_id), false).await?;
    let online = online_of(state, users.keys().copied()).await?;
    let now = Utc::now();
    let mut out = Vec::new();
    for m in rows {
        let Some(u) = users.get(&m.user_id) else {
            continue;
        };
        out.push(RoomMember {
            user_id: UserId(u.id),
            name: u.name.clone(),
            role: m.role,
            staff: u.role.is_staff(),
            online: online.contains(&u.id),
            muted_until: m.muted_until.filter(|t| runs && *t > now),
            slow_mode_seconds: m
                .slow_mode_seconds
                .filter(|_| runs)
                .and_then(|s| u32::try_from(s).ok()),
        });
    }
    out.sort_by(|a, b| {
        (a.role != MemberRole::Manager, a.name.to_lowercase())
            .cmp(&(b.role != MemberRole::Manager, b.name.to_lowercase()))
    });
    Ok(out)
}
