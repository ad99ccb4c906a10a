//! Wire types shared by the backend and the SPA: ids, DTOs, enums and the error body.
//!
//! Only serde here (plus utoipa derives behind the `openapi` feature): this crate compiles to
//! `wasm32-unknown-unknown` and never depends on actix or sea-orm.

pub mod assessment;
pub mod auth;
pub mod codes;
pub mod common;
pub mod community;
pub mod problem;
pub mod profile;
pub mod scoring;

pub use assessment::*;
pub use auth::*;
pub use codes::*;
pub use common::*;
pub use community::*;
pub use problem::*;
pub use profile::*;

/// Version of the privacy notice a jobseeker accepts when she registers.
pub const PRIVACY_NOTICE_VERSION: &str = "2026-11";
