//! Throttling, in memory (per instance; see DESIGN.md section 8).
//!
//! Login is limited per client address, per account *from that address*, and per account from
//! any address that never signed in to it: a stranger who hammers someone's account from many
//! addresses exhausts the budget of strangers only — the owner, from an address she signed in
//! from before, is never refused because of her (a slowdown for strangers, not a lock).
//! Password checks of a signed-in user (password change, erasure) are limited per account,
//! opening shared portfolios per address, and chat posts and socket frames per user.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::ThrottleSettings;
use crate::error::ApiError;

/// How long a successful sign-in makes an address known for that account.
const KNOWN_FOR: Duration = Duration::from_secs(30 * 24 * 3600);
/// The most (account, address) pairs remembered; beyond, the oldest half is forgotten.
const KNOWN_MAX: usize = 100_000;

pub struct Throttle {
    login_account: DefaultKeyedRateLimiter<(String, String)>,
    login_address: DefaultKeyedRateLimiter<String>,
    login_account_strangers: DefaultKeyedRateLimiter<String>,
    /// (account, address) pairs that signed in, and when.
    known: Mutex<HashMap<(String, String), Instant>>,
    register_address: DefaultKeyedRateLimiter<String>,
    reset: DefaultKeyedRateLimiter<String>,
    password_check: DefaultKeyedRateLimiter<uuid::Uuid>,
    shared_portfolio: DefaultKeyedRateLimiter<String>,
    posts: DefaultKeyedRateLimiter<uuid::Uuid>,
    frames: DefaultKeyedRateLimiter<uuid::Uuid>,
    checks: AtomicU64,
}

fn quota(per_minute: u32, burst: u32) -> Quota {
    let per_minute = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
    let burst = NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::per_minute(per_minute).allow_burst(burst)
}

impl Throttle {
    pub fn new(s: &ThrottleSettings) -> Throttle {
        Throttle {
            login_account: RateLimiter::keyed(quota(
                s.login_per_account_per_minute,
                s.login_per_account_burst,
            )),
            login_address: RateLimiter::keyed(quota(
                s.login_per_address_per_minute,
                s.login_per_address_burst,
            )),
            login_account_strangers: RateLimiter::keyed(quota(
                s.login_per_account_from_new_addresses_per_minute,
                s.login_per_account_from_new_addresses_burst,
            )),
            known: Mutex::new(HashMap::new()),
            register_address: RateLimiter::keyed(quota(
                s.register_per_address_per_minute,
                s.register_per_address_burst,
            )),
            reset: RateLimiter::keyed(quota(
                s.register_per_address_per_minute,
                s.register_per_address_burst,
            )),
            password_check: RateLimiter::keyed(quota(
                s.password_checks_per_account_per_minute,
                s.password_checks_per_account_burst,
            )),
            shared_portfolio: RateLimiter::keyed(quota(
                s.shared_portfolio_per_address_per_minute,
                s.shared_portfolio_per_address_burst,
            )),
            posts: RateLimiter::keyed(quota(s.posts_per_user_per_minute, s.posts_per_user_burst)),
            frames: RateLimiter::keyed(quota(
                s.socket_frames_per_user_per_minute,
                s.socket_frames_per_user_burst,
            )),
            checks: AtomicU64::new(0),
        }
    }

    pub fn check_login(&self, account: &str, address: &str) -> Result<(), ApiError> {
        self.housekeeping();
        check(&self.login_address, &address.to_owned())?;
        check(
            &self.login_account,
            &(account.to_owned(), address.to_owned()),
        )?;
        if !self.is_known(account, address) {
            check(&self.login_account_strangers, &account.to_owned())?;
        }
        Ok(())
    }

    /// She signed in to `account` from `address`: from there she is no stranger to it.
    pub fn signed_in(&self, account: &str, address: &str) {
        let mut known = self.known.lock().unwrap_or_else(PoisonError::into_inner);
        if known.len() >= KNOWN_MAX {
            let mut ages: Vec<Instant> = known.values().copied().collect();
            ages.sort_unstable();
            let cut = ages[ages.len() / 2];
            known.retain(|_, t| *t > cut);
        }
        known.insert((account.to_owned(), address.to_owned()), Instant::now());
    }

    fn is_known(&self, account: &str, address: &str) -> bool {
        self.known
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&(account.to_owned(), address.to_owned()))
            .is_some_and(|t| t.elapsed() < KNOWN_FOR)
    }

    /// A signed-in user's password is checked (to change it, to erase her account).
    pub fn check_password_check(&self, user: uuid::Uuid) -> Result<(), ApiError> {
        self.housekeeping();
        check(&self.password_check, &user)
    }

    /// Someone opens a shared portfolio with a link's token.
    pub fn check_shared_portfolio(&self, address: &str) -> Result<(), ApiError> {
        self.housekeeping();
        check(&self.shared_portfolio, &address.to_owned())
    }

    /// She posts in the community: a new message or an edit.
    pub fn check_post(&self, user: uuid::Uuid) -> Result<(), ApiError> {
        self.housekeeping();
        check(&self.posts, &user)
    }

    /// A `typing` or `resume` frame on her sockets (`Err` carries the wait).
    pub fn check_frame(&self, user: uuid::Uuid) -> Result<(), ApiError> {
        self.housekeeping();
        check(&self.frames, &user)
    }

    pub fn check_register(&self, address: &str) -> Result<(), ApiError> {
        self.housekeeping();
        check(&self.register_address, &address.to_owned())
    }

    /// Forgotten-password requests: per address, and per account so that nobody can flood
    /// someone's mailbox.
    pub fn check_password_reset(&self, account: &str, address: &str) -> Result<(), ApiError> {
        self.housekeeping();
        check(&self.reset, &format!("address:{address}"))?;
        check(&self.reset, &format!("account:{account}"))
    }

    /// Forgets keys whose budget is full again, now and then, so memory stays bounded.
    fn housekeeping(&self) {
        if self.checks.fetch_add(1, Ordering::Relaxed) % 4096 == 4095 {
            self.login_account.retain_recent();
            self.login_address.retain_recent();
            self.login_account_strangers.retain_recent();
            self.register_address.retain_recent();
            self.reset.retain_recent();
            self.password_check.retain_recent();
            self.shared_portfolio.retain_recent();
            self.posts.retain_recent();
            self.frames.retain_recent();
            self.known
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .retain(|_, t| t.elapsed() < KNOWN_FOR);
        }
    }
}

fn check<K: std::hash::Hash + Eq + Clone>(
    limiter: &DefaultKeyedRateLimiter<K>,
    key: &K,
) -> Result<(), ApiError> {
    limiter.check_key(key).map_err(|not_until| {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        ApiError::TooManyRequests {
            retry_after_seconds: wait.as_secs() + 1,
            limit: not_until.quota().burst_size().get(),
        }
    })
}
