//! The community chat, in four parts that each read routes → service: `rooms` (the rooms of
//! an agency, joining and leaving), `messages` (numbered per room, history, read markers,
//! edits, reactions, pins, search), `moderation` (reports, the queue, member actions, the word
//! filter, room management and its log) and `direct` (conversations of two, contacts, settings,
//! presence, members). Below them: `access` (who may see, join and post) and `views` (the
//! read models). `socket` is the live transport, as routes are the HTTP one: it calls the
//! services, and reads what they publish through `crate::realtime`.

pub mod access;
pub mod direct;
pub mod export;
pub mod messages;
pub mod moderation;
pub mod repo;
pub mod rooms;
pub mod socket;
pub mod views;

pub use export::{Erased, erase_member, export};
pub use messages::service::announce_removed;
use utoipa_actix_web::service_config::ServiceConfig;

/// The community's operations, in the order they are matched.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(rooms::routes::list_rooms)
        .service(rooms::routes::create_room)
        .service(rooms::routes::get_room)
        .service(rooms::routes::join_room)
        .service(rooms::routes::leave_room)
        .service(messages::routes::send_message)
        .service(messages::routes::list_messages)
        .service(messages::routes::mark_read)
        .service(messages::routes::edit_message)
        .service(messages::routes::delete_message)
        .service(messages::routes::list_message_versions)
        .service(messages::routes::add_reaction)
        .service(messages::routes::remove_reaction)
        .service(messages::routes::pin_message)
        .service(messages::routes::unpin_message)
        .service(moderation::routes::report_message)
        .service(moderation::routes::list_my_reports)
        .service(moderation::routes::list_reports)
        .service(moderation::routes::handle_report)
        .service(moderation::routes::hide_message)
        .service(moderation::routes::mute_member)
        .service(moderation::routes::remove_member)
        .service(moderation::routes::ban_member)
        .service(moderation::routes::set_member_slow_mode)
        .service(moderation::routes::set_room_slow_mode)
        .service(moderation::routes::list_moderation_log)
        .service(moderation::routes::list_word_filters)
        .service(moderation::routes::add_word_filter)
        .service(moderation::routes::remove_word_filter)
        .service(moderation::routes::release_message)
        .service(moderation::routes::add_member)
        .service(moderation::routes::update_room)
        .service(moderation::routes::archive_room)
        .service(messages::routes::search_messages)
        .service(direct::routes::open_direct)
        .service(direct::routes::list_contacts)
        .service(direct::routes::get_community_settings)
        .service(direct::routes::save_community_settings)
        .service(direct::routes::list_room_members);
}

/// The stored messages the real-time layer reads back to repair a room's order.
pub fn backlog(
    state: &actix_web::web::Data<crate::state::AppState>,
) -> std::sync::Arc<dyn crate::realtime::Backlog> {
    std::sync::Arc::new(messages::service::StoredMessages(state.clone()))
}
