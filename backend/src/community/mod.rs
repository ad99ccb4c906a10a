//! The community chat: rooms of an agency, their members, messages numbered per room and read
//! markers, and the socket that delivers new messages as they are stored (`socket`, fanned out
//! in-process by `hub`).

pub mod direct;
pub mod export;
pub mod moderation;
pub mod routes;
pub mod service;
pub mod socket;

/// The stored messages the real-time layer reads back to repair a room's order.
pub fn backlog(
    state: &actix_web::web::Data<crate::state::AppState>,
) -> std::sync::Arc<dyn crate::realtime::Backlog> {
    std::sync::Arc::new(service::StoredMessages(state.clone()))
}
