#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly"
)]

//! Black-box tests through real HTTP on a random port. Every test runs twice: on a fresh SQLite
//! file and on a fresh PostgreSQL database (skipped when PostgreSQL is unreachable, unless `CI`
//! is set: then it fails).

mod helpers;

mod admin;
mod applications;
mod assessment;
mod auth;
mod broker;
mod catalogue;
mod community;
mod contributions;
mod demo;
mod direct;
mod email;
mod employers;
mod errors;
mod exchange;
mod finding;
mod joining;
mod migrations_and_audit;
mod moderation;
mod notifications;
mod opportunities;
mod privacy;
mod profile;
mod services;
mod socket;
mod spec;
mod system;
mod throttles;
