//! In-process fan-out: which connection listens to which room, and delivery of events.
//!
//! An event is serialised once per room and shared by reference with every connection. Each
//! connection has a bounded queue: when it is full, the event is dropped for that connection
//! only and the connection is marked lagged (it then tells its client to resync); publishing
//! never waits, so a slow client never slows anyone else.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use bytestring::ByteString;
use tokio::sync::mpsc;
use uuid::Uuid;

/// Events a connection may have waiting before it is told to resync.
pub const QUEUE: usize = 256;

struct Conn {
    user: Uuid,
    tx: mpsc::Sender<ByteString>,
    lagged: Arc<AtomicBool>,
}

#[derive(Default)]
struct Inner {
    conns: HashMap<u64, Conn>,
    rooms: HashMap<Uuid, HashSet<u64>>,
    users: HashMap<Uuid, HashSet<u64>>,
}

#[derive(Default)]
pub struct Hub {
    inner: Mutex<Inner>,
    next: AtomicU64,
}

/// A connection's side: its id, its queue and its lagged flag.
pub struct Subscription {
    pub id: u64,
    pub rx: mpsc::Receiver<ByteString>,
    pub lagged: Arc<AtomicBool>,
}

impl Hub {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A new connection of `user`, listening to `rooms`. `first`: she had no other connection
    /// (she just came online).
    pub fn register(&self, user: Uuid, rooms: impl IntoIterator<Item = Uuid>) -> Subscription {
        self.register_first(user, rooms).0
    }

    /// As [`Hub::register`], and whether it is her first connection.
    pub fn register_first(
        &self,
        user: Uuid,
        rooms: impl IntoIterator<Item = Uuid>,
    ) -> (Subscription, bool) {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = mpsc::channel(QUEUE);
        let lagged = Arc::new(AtomicBool::new(false));
        let mut inner = self.lock();
        inner.conns.insert(
            id,
            Conn {
                user,
                tx,
                lagged: lagged.clone(),
            },
        );
        let conns = inner.users.entry(user).or_default();
        let first = conns.is_empty();
        conns.insert(id);
        for room in rooms {
            inner.rooms.entry(room).or_default().insert(id);
        }
        (Subscription { id, rx, lagged }, first)
    }

    /// Ends a connection; `Some(user)` when it was her last one (she went offline).
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
        last
    }

    /// Whether `user` has a connection open on this instance.
    pub fn online(&self, user: Uuid) -> bool {
        self.lock().users.contains_key(&user)
    }

    /// Delivers `event` to every connection of `user`, without waiting.
    pub fn publish_user(&self, user: Uuid, event: &ByteString) {
        let inner = self.lock();
        for id in inner.users.get(&user).into_iter().flatten() {
            if let Some(conn) = inner.conns.get(id)
                && conn.tx.try_send(event.clone()).is_err()
            {
                conn.lagged.store(true, Ordering::Relaxed);
            }
        }
    }

    /// Delivers `event` once to every connection listening to any of `rooms`, except those of
    /// `except` (her own presence).
    pub fn publish_rooms(&self, rooms: &[Uuid], event: &ByteString, except: Option<Uuid>) {
        let inner = self.lock();
        let ids: HashSet<u64> = rooms
            .iter()
            .filter_map(|r| inner.rooms.get(r))
            .flatten()
            .copied()
            .collect();
        for id in ids {
            if let Some(conn) = inner.conns.get(&id)
                && Some(conn.user) != except
                && conn.tx.try_send(event.clone()).is_err()
            {
                conn.lagged.store(true, Ordering::Relaxed);
            }
        }
    }

    /// Every connection of `user` now listens to `room` (she joined it).
    pub fn subscribe_user(&self, user: Uuid, room: Uuid) {
        let mut inner = self.lock();
        let ids: Vec<u64> = inner
            .users
            .get(&user)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default();
        if !ids.is_empty() {
            inner.rooms.entry(room).or_default().extend(ids);
        }
    }

    /// No connection of `user` listens to `room` any more (she left it).
    pub fn unsubscribe_user(&self, user: Uuid, room: Uuid) {
        let mut inner = self.lock();
        let ids: Vec<u64> = inner
            .users
            .get(&user)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default();
        if let Some(set) = inner.rooms.get_mut(&room) {
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
        let inner = self.lock();
        let Some(ids) = inner.rooms.get(&room) else {
            return;
        };
        for id in ids {
            if let Some(conn) = inner.conns.get(id)
                && Some(conn.user) != except
                && conn.tx.try_send(event.clone()).is_err()
            {
                conn.lagged.store(true, Ordering::Relaxed);
            }
        }
    }

    /// How many connections are open (for the benchmark and health).
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
        assert_eq!(a.rx.try_recv().unwrap(), "joined");
        assert_eq!(b.rx.try_recv().unwrap(), "joined");
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
        let (mut mine, first) = hub.register_first(me, [r1, r2]);
        assert!(first);
        let (mut theirs, first) = hub.register_first(other, [r1, r2]);
        assert!(first);
        hub.publish_rooms(&[r1, r2], &ByteString::from("online"), Some(me));
        assert_eq!(theirs.rx.try_recv().unwrap(), "online");
        assert!(theirs.rx.try_recv().is_err(), "once, not once per room");
        assert!(mine.rx.try_recv().is_err(), "not to herself");
        hub.publish_user(me, &ByteString::from("added"));
        assert_eq!(mine.rx.try_recv().unwrap(), "added");
        assert!(theirs.rx.try_recv().is_err());
    }
}
