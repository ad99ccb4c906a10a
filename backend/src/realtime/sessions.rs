//! Live sessions remembered in memory (issue 16): the access-token check of a request reads
//! its session and account here instead of the database, for at most a short time (the
//! `auth.session_cache_seconds` setting). Every ending of a session — logout, a reused refresh
//! token, a password change, an admin's disable, an erasure — goes through
//! `Hub::end_sessions`, which forgets it here at once and, with a broker, on every other
//! instance within the broker's delay; the time limit bounds what a lost broker message can
//! leave behind. A read that raced with an ending is not remembered (the epoch moved).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::entities::{agency, user};

/// At most this many sessions are remembered; past it the oldest half is dropped.
const MAX_ENTRIES: usize = 100_000;

struct Entry {
    user: user::Model,
    agency: agency::Model,
    at: Instant,
}

#[derive(Default)]
struct Inner {
    by_session: HashMap<Uuid, Entry>,
    /// Moves at every forgetting: a read begun before it is not remembered.
    epoch: u64,
}

#[derive(Default)]
pub struct LiveSessions {
    inner: Mutex<Inner>,
}

impl LiveSessions {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Taken before reading the database, given back to [`LiveSessions::remember`].
    pub fn epoch(&self) -> u64 {
        self.lock().epoch
    }

    /// The account and agency of a live session of `user`, if remembered less than `ttl` ago.
    pub fn get(
        &self,
        session: Uuid,
        user: Uuid,
        ttl: Duration,
    ) -> Option<(user::Model, agency::Model)> {
        let inner = self.lock();
        let e = inner.by_session.get(&session)?;
        (e.user.id == user && e.at.elapsed() < ttl).then(|| (e.user.clone(), e.agency.clone()))
    }

    /// Remembers what was read, unless something was forgotten since `epoch`.
    pub fn remember(&self, epoch: u64, session: Uuid, user: user::Model, agency: agency::Model) {
        let mut inner = self.lock();
        if inner.epoch != epoch {
            return;
        }
        if inner.by_session.len() >= MAX_ENTRIES {
            let mut ages: Vec<Instant> = inner.by_session.values().map(|e| e.at).collect();
            ages.sort_unstable();
            let cut = ages[ages.len() / 2];
            inner.by_session.retain(|_, e| e.at > cut);
        }
        inner.by_session.insert(
            session,
            Entry {
                user,
                agency,
                at: Instant::now(),
            },
        );
    }

    /// Forgets one session.
    pub fn forget_session(&self, session: Uuid) {
        let mut inner = self.lock();
        inner.epoch += 1;
        inner.by_session.remove(&session);
    }

    /// Forgets every session of a user (her account changed or her sessions ended).
    pub fn forget_user(&self, user: Uuid) {
        let mut inner = self.lock();
        inner.epoch += 1;
        inner.by_session.retain(|_, e| e.user.id != user);
    }

    pub fn len(&self) -> usize {
        self.lock().by_session.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
