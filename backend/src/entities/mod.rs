//! sea-orm entities: the shape of the tables, no behaviour.

pub mod agency;
pub mod attempt;
pub mod attempt_answer;
pub mod audit_log;
pub mod case_note;
pub mod competence;
pub mod consent;
pub mod email_outbox;
pub mod framework_version;
pub mod instrument;
pub mod instrument_item;
pub mod message;
pub mod message_mention;
pub mod municipality;
pub mod password_setup_token;
pub mod portfolio_share;
pub mod profile;
pub mod profile_change;
pub mod profile_section;
pub mod refresh_token;
pub mod room;
pub mod room_member;
pub mod session;
pub mod user;
