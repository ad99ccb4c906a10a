//! The community chat: rooms of an agency, their members, messages numbered per room and read
//! markers, and the socket that delivers new messages as they are stored (`socket`, fanned out
//! in-process by `hub`).

pub mod broker;
pub mod direct;
pub mod export;
pub mod hub;
pub mod moderation;
pub mod routes;
pub mod service;
pub mod socket;
