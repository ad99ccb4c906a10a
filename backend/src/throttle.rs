//! Throttling of login and registration, in memory (one process; see DESIGN.md section 8).
//!
//! Login is limited per client address, and per account *from that address*: a stranger who
//! hammers someone's account from elsewhere exhausts only her own budget and cannot lock the
//! owner out.

use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::ThrottleSettings;
use crate::error::ApiError;

pub struct Throttle {
    login_account: DefaultKeyedRateLimiter<(String, String)>,
    login_address: DefaultKeyedRateLimiter<String>,
    register_address: DefaultKeyedRateLimiter<String>,
    reset: DefaultKeyedRateLimiter<String>,
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
            register_address: RateLimiter::keyed(quota(
                s.register_per_address_per_minute,
                s.register_per_address_burst,
            )),
            reset: RateLimiter::keyed(quota(
                s.register_per_address_per_minute,
                s.register_per_address_burst,
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
        )
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
            self.register_address.retain_recent();
            self.reset.retain_recent();
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
