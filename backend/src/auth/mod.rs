//! Accounts, sessions and tokens: registration, login, refresh, logout, `me`, password change
//! and the one-time set-password link.

pub mod routes;
pub mod service;

// What other features may use of sign-in; the rest of this folder is its own.
pub use service::{LinkPurpose, send_password_link};
