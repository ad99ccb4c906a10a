//! Fan-out: which connection listens to which room, and delivery of events.
//!
//! An event is serialised once per room and shared by reference with every connection. Each
//! connection has a bounded queue: when it is full, the event is dropped for that connection
//! only and the connection is marked lagged (it then tells its client to resync); publishing
//! never waits, so a slow client never slows anyone else.
//!
//! New messages go out in the order of their sequence numbers, each once: one that arrives
//! before its predecessor waits (briefly) for it, and a number already delivered is dropped.
//! When the predecessor never comes — a broker message lost, a held message, a number whose
//! message was purged — the gap is filled from the database (`broker::fill`).
//!
//! With a broker (see `broker.rs`), everything published here is also sent to the other
//! instances, which deliver it to the sockets they hold (the `deliver_*` side).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use bytestring::ByteString;
use serde::{Deserialize, Serialize};
use tokio::sync::{Notify, mpsc};
use uuid::Uuid;

use super::sessions::LiveSessions;

/// Events a connection may have waiting before it is told to resync.
pub const QUEUE: usize = 256;

/// What a connection receives: the serialised event, shared, and for a new message its room and
/// sequence number (so that the connection sends each number once and notices a gap).
#[derive(Debug, Clone)]
pub struct Out {
    pub seq: Option<(Uuid, u64)>,
    pub text: ByteString,
}

struct Conn {
    user: Uuid,
    /// The sign-in session the socket authenticated with: when it ends, the socket closes.
    session: Uuid,
    tx: mpsc::Sender<Out>,
    lagged: Arc<AtomicBool>,
    ended: Arc<Notify>,
}

/// Per room: every number up to `upto` went out; `pending` waits for a missing predecessor
/// (`None`: a number with nothing to send, such as a held message).
#[derive(Default)]
struct Track {
    upto: u64,
    pending: BTreeMap<u64, Option<ByteString>>,
    since: Option<Instant>,
}

#[derive(Default)]
struct Inner {
    conns: HashMap<u64, Conn>,
    rooms: HashMap<Uuid, HashSet<u64>>,
    users: HashMap<Uuid, HashSet<u64>>,
    tracks: HashMap<Uuid, Track>,
    /// Users with a socket on another instance, and which instances.
    remote: HashMap<Uuid, HashSet<Uuid>>,
    /// When each other instance was last heard from (an instance that stops being heard takes
    /// its users' presence with it).
    heard: HashMap<Uuid, Instant>,
}

/// What one instance tells the others through the broker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Envelope {
    Room {
        room: Uuid,
        except: Option<Uuid>,
        event: String,
    },
    Message {
        room: Uuid,
        seq: u64,
        event: String,
    },
    /// A number with nothing to send (a held message).
    Skip {
        room: Uuid,
        seq: u64,
    },
    Rooms {
        rooms: Vec<Uuid>,
        except: Option<Uuid>,
        event: String,
    },
    User {
        user: Uuid,
        event: String,
    },
    Subscribe {
        user: Uuid,
        room: Uuid,
    },
    Unsubscribe {
        user: Uuid,
        room: Uuid,
    },
    Online {
        user: Uuid,
        online: bool,
    },
    /// The sending instance is alive (sent every heartbeat).
    Alive,
    /// Sessions ended (logout, password change, disabled, erased, a reused refresh token):
    /// their sockets close.
    End(Ended),
}

#[derive(Default)]
pub struct Hub {
    inner: Mutex<Inner>,
    next: AtomicU64,
    outbox: OnceLock<mpsc::UnboundedSender<Envelope>>,
    /// How long another instance may stay silent before its users count as offline.
    silence: OnceLock<Duration>,
    /// The live sessions the access-token check remembers; every ending forgets them.
    pub sessions: LiveSessions,
}

/// Which sessions ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "which", rename_all = "snake_case")]
pub enum Ended {
    /// One session (logout, a reused refresh token).
    Session { session: Uuid },
    /// Every session of a user but `keep` (a password change keeps the one she used).
    User { user: Uuid, keep: Option<Uuid> },
    /// No session ended, but her account changed (a role's flag): what is remembered of it is
    /// read again.
    Changed { user: Uuid },
}

/// A connection's side: its id, its queue, its lagged flag, and the signal that its session
/// ended.
pub struct Subscription {
    pub id: u64,
    pub rx: mpsc::Receiver<Out>,
    pub lagged: Arc<AtomicBool>,
    pub ended: Arc<Notify>,
}

/// Queues `out` for one connection without waiting; a full queue marks it lagged.
fn offer(conn: &Conn, out: &Out) {
    if conn.tx.try_send(out.clone()).is_err() {
        conn.lagged.store(true, Ordering::Relaxed);
    }
}

fn fanout(inner: &Inner, room: Uuid, out: &Out, except: Option<Uuid>) {
    for id in inner.rooms.get(&room).into_iter().flatten() {
        if let Some(conn) = inner.conns.get(id)
            && Some(conn.user) != except
        {
            offer(conn, out);
        }
    }
}

impl Hub {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// From now on, what is published here also goes to the broker.
    pub fn set_outbox(&self, tx: mpsc::UnboundedSender<Envelope>) {
        let _ = self.outbox.set(tx);
    }

    fn forward(&self, envelope: impl FnOnce() -> Envelope) {
        if let Some(tx) = self.outbox.get() {
            let _ = tx.send(envelope());
        }
    }

    /// A new connection of `user` (outside any session), listening to `rooms`.
    pub fn register(&self, user: Uuid, rooms: impl IntoIterator<Item = Uuid>) -> Subscription {
        self.register_first(user, Uuid::nil(), rooms).0
    }

    /// A new connection of `user` in `session`, listening to `rooms`, and whether it is her
    /// first connection (she just came online).
    pub fn register_first(
        &self,
        user: Uuid,
        session: Uuid,
        rooms: impl IntoIterator<Item = Uuid>,
    ) -> (Subscription, bool) {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = mpsc::channel(QUEUE);
        let lagged = Arc::new(AtomicBool::new(false));
        let ended = Arc::new(Notify::new());
        let mut inner = self.lock();
        inner.conns.insert(
            id,
            Conn {
                user,
                session,
                tx,
                lagged: lagged.clone(),
                ended: ended.clone(),
            },
        );
        let conns = inner.users.entry(user).or_default();
        let first = conns.is_empty();
        conns.insert(id);
        for room in rooms {
            inner.rooms.entry(room).or_default().insert(id);
        }
        drop(inner);
        if first {
            self.forward(|| Envelope::Online { user, online: true });
        }
        (
            Subscription {
                id,
                rx,
                lagged,
                ended,
            },
            first,
        )
    }

    /// Ends a connection; `Some(user)` when it was her last one (she went offline here).
    pub fn unregister(&self, id: u64) -> Option<Uuid> {
        let mut inner = self.lock();
        let mut last = None;
        if let Some(conn) = inner.conns.remove(&id)
            && let Some(set) = inner.users.get_mut(&conn.user)
        {
            set.remove(&id);
            if set.is_empty() {
                inner.users.remove(&conn.user);
                last = Some(conn.user);
            }
        }
        inner.rooms.retain(|_, set| {
            set.remove(&id);
            !set.is_empty()
        });
        drop(inner);
        if let Some(user) = last {
            self.forward(|| Envelope::Online {
                user,
                online: false,
            });
        }
        last
    }

    /// Whether `user` has a socket open here or on another instance still heard from.
    pub fn online(&self, user: Uuid) -> bool {
        let inner = self.lock();
        if inner.users.contains_key(&user) {
            return true;
        }
        let silence = self.silence.get().copied().unwrap_or(Duration::MAX);
        inner.remote.get(&user).is_some_and(|origins| {
            origins
                .iter()
                .any(|o| inner.heard.get(o).is_some_and(|t| t.elapsed() < silence))
        })
    }

    /// Another instance's users count as offline when it has been silent for `silence`.
    pub fn set_silence(&self, silence: Duration) {
        let _ = self.silence.set(silence);
    }

    /// Something came from instance `origin`; `true` the first time (it just started, or this
    /// one did): it should then hear who is online here.
    pub fn heard_from(&self, origin: Uuid) -> bool {
        self.lock().heard.insert(origin, Instant::now()).is_none()
    }

    /// Tells the other instances who has a socket here (when one of them is new).
    pub fn announce_local(&self) {
        let users: Vec<Uuid> = self.lock().users.keys().copied().collect();
        for user in users {
            self.forward(|| Envelope::Online { user, online: true });
        }
    }

    /// Tells the other instances this one is alive.
    pub fn alive(&self) {
        self.forward(|| Envelope::Alive);
    }

    /// Another instance says `user` came online there or went offline.
    pub fn remote_presence(&self, origin: Uuid, user: Uuid, online: bool) {
        let mut inner = self.lock();
        inner.heard.insert(origin, Instant::now());
        if online {
            inner.remote.entry(user).or_default().insert(origin);
        } else if let Some(set) = inner.remote.get_mut(&user) {
            set.remove(&origin);
            if set.is_empty() {
                inner.remote.remove(&user);
            }
        }
    }

    /// Every connection of `user` now listens to `room` (she joined it), on every instance.
    pub fn subscribe_user(&self, user: Uuid, room: Uuid) {
        self.deliver_subscribe(user, room, true);
        self.forward(|| Envelope::Subscribe { user, room });
    }

    /// No connection of `user` listens to `room` any more (she left it), on every instance.
    pub fn unsubscribe_user(&self, user: Uuid, room: Uuid) {
        self.deliver_subscribe(user, room, false);
        self.forward(|| Envelope::Unsubscribe { user, room });
    }

    /// Subscribes (or unsubscribes) this instance's connections of `user` to `room`.
    pub fn deliver_subscribe(&self, user: Uuid, room: Uuid, on: bool) {
        let mut inner = self.lock();
        let ids: Vec<u64> = inner
            .users
            .get(&user)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default();
        if ids.is_empty() {
            return;
        }
        if on {
            inner.rooms.entry(room).or_default().extend(ids);
        } else if let Some(set) = inner.rooms.get_mut(&room) {
            for id in ids {
                set.remove(&id);
            }
        }
    }

    /// Delivers `event` to every connection listening to `room`, without waiting.
    pub fn publish(&self, room: Uuid, event: &ByteString) {
        self.publish_except(room, event, None);
    }

    /// As [`Hub::publish`], skipping the connections of `except` (her own typing).
    pub fn publish_except(&self, room: Uuid, event: &ByteString, except: Option<Uuid>) {
        self.deliver_room(room, event, except);
        self.forward(|| Envelope::Room {
            room,
            except,
            event: event.to_string(),
        });
    }

    /// This instance's side of [`Hub::publish_except`].
    pub fn deliver_room(&self, room: Uuid, event: &ByteString, except: Option<Uuid>) {
        let out = Out {
            seq: None,
            text: event.clone(),
        };
        fanout(&self.lock(), room, &out, except);
    }

    /// A new message of `room` with sequence number `seq` (`None`: nothing to send for that
    /// number, such as a held message), delivered in order, once, here and on every instance.
    pub fn publish_message(&self, room: Uuid, seq: u64, event: Option<&ByteString>) {
        self.deliver_message(room, seq, event.cloned());
        self.forward(|| match event {
            Some(e) => Envelope::Message {
                room,
                seq,
                event: e.to_string(),
            },
            None => Envelope::Skip { room, seq },
        });
    }

    /// This instance's side of [`Hub::publish_message`]: `false` when the number had already
    /// gone out (or is already waiting).
    pub fn deliver_message(&self, room: Uuid, seq: u64, event: Option<ByteString>) -> bool {
        let mut inner = self.lock();
        let track = inner.tracks.entry(room).or_insert_with(|| Track {
            upto: seq.saturating_sub(1),
            ..Track::default()
        });
        if seq <= track.upto || track.pending.contains_key(&seq) {
            return false;
        }
        track.pending.insert(seq, event);
        let mut ready = Vec::new();
        while let Some(next) = track.pending.remove(&(track.upto + 1)) {
            track.upto += 1;
            if let Some(text) = next {
                ready.push((track.upto, text));
            }
        }
        track.since = if track.pending.is_empty() {
            None
        } else {
            track.since.or_else(|| Some(Instant::now()))
        };
        for (seq, text) in ready {
            let out = Out {
                seq: Some((room, seq)),
                text,
            };
            fanout(&inner, room, &out, None);
        }
        true
    }

    /// The last number that went out in `room`, if this instance has seen one.
    pub fn delivered_upto(&self, room: Uuid) -> Option<u64> {
        self.lock().tracks.get(&room).map(|t| t.upto)
    }

    /// Starts the order of `room` at `last_seq` (what is in the database when a socket starts
    /// listening); nothing changes when the room is already followed.
    pub fn follow(&self, room: Uuid, last_seq: u64) {
        self.lock().tracks.entry(room).or_insert_with(|| Track {
            upto: last_seq,
            ..Track::default()
        });
    }

    /// Rooms whose next number has been missing for longer than `wait`: each with the last
    /// number that went out and the first one waiting.
    pub fn stalled(&self, wait: Duration) -> Vec<(Uuid, u64, u64)> {
        let inner = self.lock();
        inner
            .tracks
            .iter()
            .filter(|(_, t)| t.since.is_some_and(|s| s.elapsed() >= wait))
            .filter_map(|(room, t)| Some((*room, t.upto, *t.pending.keys().next()?)))
            .collect()
    }

    /// Rooms someone listens to on this instance, with the last number that went out.
    pub fn listened(&self) -> Vec<(Uuid, u64)> {
        let inner = self.lock();
        inner
            .rooms
            .keys()
            .filter_map(|r| Some((*r, inner.tracks.get(r)?.upto)))
            .collect()
    }

    /// Delivers `event` once to every connection listening to any of `rooms`, except those of
    /// `except` (her own presence), here and on every instance.
    pub fn publish_rooms(&self, rooms: &[Uuid], event: &ByteString, except: Option<Uuid>) {
        self.deliver_rooms(rooms, event, except);
        self.forward(|| Envelope::Rooms {
            rooms: rooms.to_vec(),
            except,
            event: event.to_string(),
        });
    }

    /// This instance's side of [`Hub::publish_rooms`].
    pub fn deliver_rooms(&self, rooms: &[Uuid], event: &ByteString, except: Option<Uuid>) {
        let inner = self.lock();
        let ids: HashSet<u64> = rooms
            .iter()
            .filter_map(|r| inner.rooms.get(r))
            .flatten()
            .copied()
            .collect();
        let out = Out {
            seq: None,
            text: event.clone(),
        };
        for id in ids {
            if let Some(conn) = inner.conns.get(&id)
                && Some(conn.user) != except
            {
                offer(conn, &out);
            }
        }
    }

    /// Closes the sockets of sessions that ended, here and on every instance.
    pub fn end_sessions(&self, ended: Ended) {
        self.deliver_end(ended);
        self.forward(|| Envelope::End(ended));
    }

    /// This instance's side of [`Hub::end_sessions`].
    pub fn deliver_end(&self, ended: Ended) {
        // Whatever was remembered of her account is read again, the kept session's too (its
        // account changed with the others' ending).
        match ended {
            Ended::Session { session } => self.sessions.forget_session(session),
            Ended::User { user, .. } | Ended::Changed { user } => self.sessions.forget_user(user),
        }
        let inner = self.lock();
        let matching: Vec<&Conn> = match ended {
            Ended::Changed { .. } => Vec::new(),
            Ended::Session { session } => inner
                .conns
                .values()
                .filter(|c| c.session == session)
                .collect(),
            Ended::User { user, keep } => inner
                .users
                .get(&user)
                .into_iter()
                .flatten()
                .filter_map(|id| inner.conns.get(id))
                .filter(|c| keep != Some(c.session))
                .collect(),
        };
        for conn in matching {
            // A permit is kept if the socket is busy: it closes as soon as it looks.
            conn.ended.notify_one();
        }
    }

    /// Delivers `event` to every connection of `user`, here and on every instance.
    pub fn publish_user(&self, user: Uuid, event: &ByteString) {
        self.deliver_user(user, event);
        self.forward(|| Envelope::User {
            user,
            event: event.to_string(),
        });
    }

    /// This instance's side of [`Hub::publish_user`].
    pub fn deliver_user(&self, user: Uuid, event: &ByteString) {
        let inner = self.lock();
        let out = Out {
            seq: None,
            text: event.clone(),
        };
        for conn in inner
            .users
            .get(&user)
            .into_iter()
            .flatten()
            .filter_map(|id| inner.conns.get(id))
        {
            offer(conn, &out);
        }
    }

    /// How many connections are open.
    pub fn connections(&self) -> usize {
        self.lock().conns.len()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

    use super::*;

    #[test]
    fn a_full_queue_marks_only_its_connection_and_never_blocks() {
        let hub = Hub::default();
        let room = Uuid::now_v7();
        let (alice, bob) = (Uuid::now_v7(), Uuid::now_v7());
        let mut slow = hub.register(alice, [room]);
        let mut fast = hub.register(bob, [room]);
        let mut fast_got = 0;
        for i in 0..QUEUE * 2 {
            hub.publish(room, &ByteString::from(format!("event {i}")));
            while fast.rx.try_recv().is_ok() {
                fast_got += 1;
            }
        }
        assert_eq!(fast_got, QUEUE * 2, "the fast reader got everything");
        assert!(!fast.lagged.load(Ordering::Relaxed));
        assert!(
            slow.lagged.load(Ordering::Relaxed),
            "the slow one is told to resync"
        );
        let mut slow_got = 0;
        while slow.rx.try_recv().is_ok() {
            slow_got += 1;
        }
        assert_eq!(slow_got, QUEUE, "it kept what fitted in its queue");
    }

    #[test]
    fn joining_and_leaving_change_what_her_connections_hear() {
        let hub = Hub::default();
        let room = Uuid::now_v7();
        let user = Uuid::now_v7();
        let mut a = hub.register(user, []);
        let mut b = hub.register(user, []);
        hub.publish(room, &ByteString::from("before"));
        assert!(a.rx.try_recv().is_err());
        hub.subscribe_user(user, room);
        hub.publish(room, &ByteString::from("joined"));
        assert_eq!(a.rx.try_recv().unwrap().text, "joined");
        assert_eq!(b.rx.try_recv().unwrap().text, "joined");
        hub.unsubscribe_user(user, room);
        hub.publish(room, &ByteString::from("left"));
        assert!(a.rx.try_recv().is_err() && b.rx.try_recv().is_err());
        assert!(hub.online(user));
        assert_eq!(hub.unregister(a.id), None, "still online on b");
        assert_eq!(hub.unregister(b.id), Some(user), "her last connection");
        assert!(!hub.online(user));
        assert_eq!(hub.connections(), 0);
    }

    #[test]
    fn an_event_for_several_rooms_reaches_each_connection_once() {
        let hub = Hub::default();
        let (r1, r2) = (Uuid::now_v7(), Uuid::now_v7());
        let (me, other) = (Uuid::now_v7(), Uuid::now_v7());
        let (mut mine, first) = hub.register_first(me, Uuid::nil(), [r1, r2]);
        assert!(first);
        let (mut theirs, first) = hub.register_first(other, Uuid::nil(), [r1, r2]);
        assert!(first);
        hub.publish_rooms(&[r1, r2], &ByteString::from("online"), Some(me));
        assert_eq!(theirs.rx.try_recv().unwrap().text, "online");
        assert!(theirs.rx.try_recv().is_err(), "once, not once per room");
        assert!(mine.rx.try_recv().is_err(), "not to herself");
        hub.publish_user(me, &ByteString::from("added"));
        assert_eq!(mine.rx.try_recv().unwrap().text, "added");
        assert!(theirs.rx.try_recv().is_err());
    }

    fn drain(sub: &mut Subscription) -> Vec<u64> {
        let mut got = Vec::new();
        while let Ok(out) = sub.rx.try_recv() {
            got.push(out.seq.expect("a message").1);
        }
        got
    }

    #[test]
    fn messages_go_out_in_order_and_once() {
        let hub = Hub::default();
        let room = Uuid::now_v7();
        let mut sub = hub.register(Uuid::now_v7(), [room]);
        hub.follow(room, 4);
        let e = |s: u64| Some(ByteString::from(format!("m{s}")));
        assert!(hub.deliver_message(room, 6, e(6)), "6 waits for 5");
        assert!(drain(&mut sub).is_empty());
        assert!(hub.stalled(Duration::ZERO) == vec![(room, 4, 6)]);
        assert!(hub.deliver_message(room, 5, e(5)));
        assert_eq!(drain(&mut sub), [5, 6]);
        assert!(!hub.deliver_message(room, 5, e(5)), "5 again is dropped");
        assert!(hub.stalled(Duration::ZERO).is_empty());
        // A held message's number is passed over without sending anything.
        hub.deliver_message(room, 8, e(8));
        hub.deliver_message(room, 7, None);
        assert_eq!(drain(&mut sub), [8]);
        assert_eq!(hub.delivered_upto(room), Some(8));
        assert_eq!(hub.listened(), vec![(room, 8)]);
    }

    #[test]
    fn what_is_published_is_forwarded_to_the_broker() {
        let hub = Hub::default();
        let (tx, mut rx) = mpsc::unbounded_channel();
        hub.set_outbox(tx);
        let (room, user) = (Uuid::now_v7(), Uuid::now_v7());
        let sub = hub.register(user, [room]);
        hub.publish_message(room, 1, Some(&ByteString::from("m1")));
        hub.publish_except(room, &ByteString::from("typing"), Some(user));
        hub.unregister(sub.id);
        let got: Vec<Envelope> = std::iter::from_fn(|| rx.try_recv().ok()).collect();
        assert_eq!(
            got,
            vec![
                Envelope::Online { user, online: true },
                Envelope::Message {
                    room,
                    seq: 1,
                    event: "m1".into()
                },
                Envelope::Room {
                    room,
                    except: Some(user),
                    event: "typing".into()
                },
                Envelope::Online {
                    user,
                    online: false
                },
            ]
        );
        let origin = Uuid::now_v7();
        hub.remote_presence(origin, user, true);
        assert!(hub.online(user), "online on another instance");
        hub.remote_presence(origin, user, false);
        assert!(!hub.online(user));
        // An instance that falls silent takes its users' presence with it.
        hub.set_silence(Duration::from_millis(50));
        hub.remote_presence(origin, user, true);
        assert!(hub.online(user));
        std::thread::sleep(Duration::from_millis(60));
        assert!(!hub.online(user), "its instance is silent");
        assert!(!hub.heard_from(origin), "known already");
        assert!(hub.online(user), "heard again");
    }
}
