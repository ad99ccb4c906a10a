//! The community socket, `GET /api/v1/community/socket`: a WebSocket of JSON text frames
//! (`shared::ClientEvent` in, `shared::ServerEvent` out).
//!
//! - The first frame is `auth` with the access token (browsers cannot set headers on a
//!   WebSocket, and a token in the URL would end up in logs); nothing else is accepted before
//!   it, and the socket closes if it does not come within 10 seconds. The client sends `auth`
//!   again with a fresh token before the current one expires; when it expires the socket
//!   closes with code 4401.
//! - Then the server sends `ready` and every new message of her rooms. After a reconnect the
//!   client sends `resume` with the last sequence number it saw per room: the server replays
//!   what came after from the database, in order, then `resumed`; or `refetch` when the gap is
//!   longer than the replay limit.
//! - A connection whose queue overflows is told `resync`: it sends `resume` again.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::Ordering;
use std::time::Duration;

use actix_web::{HttpRequest, HttpResponse, web};
use actix_ws::{CloseCode, CloseReason, Message as WsMessage, Session};
use futures_util::StreamExt as _;
use shared::{ClientEvent, ErrorCode, ServerEvent, UserId};
use uuid::Uuid;

use crate::community::access::{self, her_rooms};
use crate::community::{direct, messages, views};
use crate::realtime::encode;
use crate::realtime::hub::Out;
use crate::session::AuthUser;
use crate::state::AppState;

/// How long a new socket may wait before its `auth` frame.
const AUTH_WITHIN: Duration = Duration::from_secs(10);
/// The close code for an expired or refused token.
const UNAUTHORIZED: u16 = 4401;
/// The largest frame a client may send.
const MAX_FRAME: usize = 16 * 1024;

pub async fn connect(
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, actix_web::Error> {
    let (response, session, stream) = actix_ws::handle(&req, body)?;
    let stream = stream.max_frame_size(MAX_FRAME);
    actix_web::rt::spawn(async move {
        run(state, session, stream).await;
    });
    Ok(response)
}

async fn close(session: Session, code: u16, reason: &str) {
    let _ = session
        .close(Some(CloseReason {
            code: CloseCode::Other(code),
            description: Some(reason.to_owned()),
        }))
        .await;
}

async fn send(session: &mut Session, event: &ServerEvent) -> bool {
    session.text(encode(event)).await.is_ok()
}

fn error(code: ErrorCode, room_id: Option<Uuid>) -> ServerEvent {
    ServerEvent::Error { code, room_id }
}

/// Waits for the `auth` frame.
async fn authenticate(
    state: &AppState,
    session: &mut Session,
    stream: &mut actix_ws::MessageStream,
) -> Option<(AuthUser, i64)> {
    let first = tokio::time::timeout(AUTH_WITHIN, async {
        loop {
            match stream.next().await {
                Some(Ok(WsMessage::Text(text))) => return Some(text),
                Some(Ok(WsMessage::Ping(bytes))) => {
                    let _ = session.pong(&bytes).await;
                }
                Some(Ok(_)) => continue,
                _ => return None,
            }
        }
    })
    .await
    .ok()
    .flatten()?;
    let Ok(ClientEvent::Auth { token }) = serde_json::from_str::<ClientEvent>(&first) else {
        let _ = send(session, &error(ErrorCode::AuthRequired, None)).await;
        return None;
    };
    match AuthUser::from_token(state, &token).await {
        // An employer's HR has no part in the community.
        Ok((user, _)) if user.role == shared::Role::Employer => {
            let _ = send(session, &error(ErrorCode::Forbidden, None)).await;
            None
        }
        Ok(ok) => Some(ok),
        Err(e) => {
            let _ = send(session, &error(e.code(), None)).await;
            None
        }
    }
}

async fn run(
    state: web::Data<AppState>,
    mut session: Session,
    mut stream: actix_ws::MessageStream,
) {
    let Some((auth, mut expires_at)) = authenticate(&state, &mut session, &mut stream).await else {
        close(session, UNAUTHORIZED, "unauthorized").await;
        return;
    };
    let rooms = match her_rooms(&state, auth.user_id).await {
        Ok(rooms) => rooms,
        Err(_) => {
            close(session, 1011, "unavailable").await;
            return;
        }
    };
    // What this socket sent per room: from the newest message when it connected, every
    // message in order, each once.
    let mut sent: HashMap<Uuid, Sent> = HashMap::new();
    for (room, last_seq) in &rooms {
        state.hub.follow(*room, *last_seq);
        sent.insert(*room, Sent::at(*last_seq));
    }
    let (mut sub, first) = state.hub.register_first(
        auth.user_id,
        auth.session_id,
        rooms.into_iter().map(|(r, _)| r),
    );
    // A session that ended while the socket was being set up was not here to be told.
    let live = crate::session::session_is_live(&state, auth.session_id, auth.user_id).await;
    if !live {
        gone(&state, sub.id).await;
        close(session, UNAUTHORIZED, "session_ended").await;
        return;
    }
    if first {
        direct::service::presence_changed(&state, auth.user_id, true).await;
    }
    let ready = ServerEvent::Ready {
        user_id: UserId(auth.user_id),
        expires_at,
    };
    let mut open = send(&mut session, &ready).await;
    while open {
        let until_expiry = u64::try_from(expires_at - chrono::Utc::now().timestamp()).unwrap_or(0);
        tokio::select! {
            frame = stream.next() => {
                open = match frame {
                    Some(Ok(WsMessage::Text(text))) => {
                        handle(&state, &auth, &mut session, &mut expires_at, &mut sent, &text).await
                    }
                    Some(Ok(WsMessage::Ping(bytes))) => session.pong(&bytes).await.is_ok(),
                    Some(Ok(WsMessage::Close(_))) | None | Some(Err(_)) => false,
                    Some(Ok(_)) => true,
                };
            }
            event = sub.rx.recv() => {
                open = match event {
                    Some(out) => deliver(&state, &auth, &mut session, &mut sent, out).await,
                    None => false,
                };
                if open && sub.lagged.swap(false, Ordering::Relaxed) {
                    // Events were dropped for this connection: drain what is queued (the
                    // resume will bring it again) and ask for a resume.
                    while sub.rx.try_recv().is_ok() {}
                    open = send(&mut session, &ServerEvent::Resync).await;
                }
            }
            () = sub.ended.notified() => {
                // Her session ended (logout, password change, disabled, erased, a reused
                // refresh token): the socket goes with it, at once.
                gone(&state, sub.id).await;
                let _ = send(&mut session, &error(ErrorCode::SessionEnded, None)).await;
                close(session, UNAUTHORIZED, "session_ended").await;
                return;
            }
            () = tokio::time::sleep(Duration::from_secs(until_expiry)) => {
                gone(&state, sub.id).await;
                let _ = send(&mut session, &error(ErrorCode::TokenExpired, None)).await;
                close(session, UNAUTHORIZED, "token_expired").await;
                return;
            }
        }
    }
    gone(&state, sub.id).await;
    let _ = session.close(None).await;
}

/// The connection ends; if it was her last, she goes offline.
async fn gone(state: &AppState, id: u64) {
    if let Some(user) = state.hub.unregister(id) {
        direct::service::presence_changed(state, user, false).await;
    }
}

/// What a socket sent of one room's messages: the numbers sent (as merged ranges), and the
/// newest message when it connected (those before came before it: a `resume` brings them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Sent {
    base: u64,
    ranges: BTreeMap<u64, u64>,
}

impl Sent {
    fn at(base: u64) -> Self {
        Sent {
            base,
            ranges: BTreeMap::new(),
        }
    }

    /// The newest number this socket knows of: sent, or there when it connected.
    fn top(&self) -> u64 {
        self.ranges
            .values()
            .next_back()
            .copied()
            .unwrap_or(0)
            .max(self.base)
    }

    fn contains(&self, seq: u64) -> bool {
        self.ranges
            .range(..=seq)
            .next_back()
            .is_some_and(|(_, end)| *end >= seq)
    }

    fn insert(&mut self, seq: u64) {
        if self.contains(seq) {
            return;
        }
        let (mut start, mut end) = (seq, seq);
        if let Some((&s, &e)) = self.ranges.range(..seq).next_back()
            && e + 1 == seq
        {
            start = s;
        }
        if let Some(e) = self.ranges.remove(&(seq + 1)) {
            end = e;
        }
        self.ranges.insert(start, end);
    }
}

/// Sends one event of the hub. A message already sent is not sent again; one that comes after
/// a gap (events were dropped on the way) is preceded by what is missing, from the database.
async fn deliver(
    state: &AppState,
    auth: &AuthUser,
    session: &mut Session,
    sent: &mut HashMap<Uuid, Sent>,
    out: Out,
) -> bool {
    let Some((room_id, seq)) = out.seq else {
        return session.text(out.text).await.is_ok();
    };
    // A room she joined since she connected starts here.
    let s = sent
        .entry(room_id)
        .or_insert_with(|| Sent::at(seq.saturating_sub(1)));
    if s.contains(seq) {
        return true;
    }
    let top = s.top();
    if seq > top + 1 {
        let from = BTreeMap::from([(room_id, top)]);
        if !resume(state, auth, session, from, sent).await {
            return false;
        }
        if sent.get(&room_id).is_some_and(|s| s.contains(seq)) {
            return true;
        }
    }
    if let Some(s) = sent.get_mut(&room_id) {
        s.insert(seq);
    }
    session.text(out.text).await.is_ok()
}

/// One frame from the client; `false` closes the socket.
async fn handle(
    state: &AppState,
    auth: &AuthUser,
    session: &mut Session,
    expires_at: &mut i64,
    sent: &mut HashMap<Uuid, Sent>,
    text: &str,
) -> bool {
    let event = match serde_json::from_str::<ClientEvent>(text) {
        Ok(e) => e,
        Err(_) => return send(session, &error(ErrorCode::InvalidEvent, None)).await,
    };
    match event {
        ClientEvent::Ping => send(session, &ServerEvent::Pong).await,
        ClientEvent::Auth { token } => match AuthUser::from_token(state, &token).await {
            Ok((again, exp)) if again.user_id == auth.user_id => {
                *expires_at = exp;
                true
            }
            Ok(_) => {
                let _ = send(session, &error(ErrorCode::InvalidToken, None)).await;
                false
            }
            Err(e) => {
                let _ = send(session, &error(e.code(), None)).await;
                false
            }
        },
        ClientEvent::Typing { .. } | ClientEvent::Resume { .. }
            if state.throttle.check_frame(auth.user_id).is_err() =>
        {
            // Too many frames: this one is dropped and she is told (the socket stays open).
            send(session, &error(ErrorCode::TooManyRequests, None)).await
        }
        ClientEvent::Typing { room_id } => {
            if access::member_of(state, auth.user_id, room_id).await {
                let event = ServerEvent::Typing {
                    room_id,
                    user_id: UserId(auth.user_id),
                    name: auth.user.name.clone(),
                };
                state
                    .hub
                    .publish_event_except(room_id, &event, Some(auth.user_id));
                true
            } else {
                send(session, &error(ErrorCode::NotFound, Some(room_id))).await
            }
        }
        ClientEvent::Resume { rooms } => resume(state, auth, session, rooms, sent).await,
    }
}

/// Replays, per room, what came after the sequence number she saw and this socket has not sent
/// yet (whether live or in an earlier replay) (a message the word filter holds only to its sender).
async fn resume(
    state: &AppState,
    auth: &AuthUser,
    session: &mut Session,
    rooms: BTreeMap<Uuid, u64>,
    sent: &mut HashMap<Uuid, Sent>,
) -> bool {
    let limit = state.settings.community.replay_max;
    for (room_id, seen) in rooms {
        if !access::member_of(state, auth.user_id, room_id).await {
            if !send(session, &error(ErrorCode::NotFound, Some(room_id))).await {
                return false;
            }
            continue;
        }
        let after = i64::try_from(seen).unwrap_or(i64::MAX);
        let rows = messages::service::after(state, room_id, after, u64::from(limit) + 1).await;
        let Ok(mut rows) = rows else {
            return send(session, &error(ErrorCode::Unavailable, Some(room_id))).await;
        };
        if rows.len() > usize::try_from(limit).unwrap_or(usize::MAX) {
            // The page she loads starts the order again.
            sent.remove(&room_id);
            if !send(session, &ServerEvent::Refetch { room_id }).await {
                return false;
            }
            continue;
        }
        let last_seq = rows
            .last()
            .map_or(seen, |m| u64::try_from(m.seq).unwrap_or(seen));
        let s = sent.entry(room_id).or_insert_with(|| Sent::at(seen));
        rows.retain(|m| {
            let seq = u64::try_from(m.seq).unwrap_or(0);
            let again = s.contains(seq);
            s.insert(seq);
            !again
                && (m.hidden_reason.as_deref() != Some(access::HELD) || m.sender_id == auth.user_id)
        });
        let messages = match views::messages_dto(&state.db, std::mem::take(&mut rows)).await {
            Ok(m) => m,
            Err(_) => {
                return send(session, &error(ErrorCode::Unavailable, Some(room_id))).await;
            }
        };
        for message in messages {
            if !send(session, &ServerEvent::Message { message }).await {
                return false;
            }
        }
        if !send(session, &ServerEvent::Resumed { room_id, last_seq }).await {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::Sent;

    #[test]
    fn a_socket_knows_each_number_it_sent() {
        let mut s = Sent::at(500);
        assert_eq!(s.top(), 500);
        s.insert(501);
        s.insert(503);
        assert!(s.contains(501) && !s.contains(502) && s.contains(503));
        s.insert(502);
        assert_eq!(s.ranges.len(), 1, "merged: {:?}", s.ranges);
        for n in 450..=480 {
            s.insert(n);
        }
        assert!(s.contains(460) && !s.contains(481) && !s.contains(449));
        assert_eq!(s.top(), 503);
        assert_eq!(s.ranges.len(), 2);
    }
}
