//! The community chat: rooms of an agency, their members, messages numbered per room and read
//! markers. Real-time delivery and moderation build on this.

pub mod routes;
pub mod service;
