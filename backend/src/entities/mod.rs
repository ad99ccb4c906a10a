//! sea-orm entities: the shape of the tables, no behaviour. Kinds, roles and states are the
//! `shared` enums themselves (their `db` feature derives `ActiveEnum`), stored as the text of
//! their wire code, so the stored values are those of the columns' earlier `String` days.

pub mod agency;
pub mod ambito;
pub mod application;
pub mod application_step;
pub mod attempt;
pub mod attempt_answer;
pub mod audit_log;
pub mod case_note;
pub mod catalogue_revision;
pub mod community_setting;
pub mod competence;
pub mod consent;
pub mod contribution;
pub mod contribution_declaration;
pub mod cost_option;
pub mod email_attempt;
pub mod email_outbox;
pub mod employer;
pub mod employer_join_request;
pub mod framework_version;
pub mod instrument;
pub mod instrument_item;
pub mod location;
pub mod message;
pub mod message_edit;
pub mod message_mention;
pub mod message_reaction;
pub mod moderation_log;
pub mod municipality;
pub mod notification;
pub mod opportunity;
pub mod password_setup_token;
pub mod portfolio_share;
pub mod profile;
pub mod profile_change;
pub mod profile_section;
pub mod provider;
pub mod refresh_token;
pub mod report;
pub mod room;
pub mod room_ban;
pub mod room_member;
pub mod room_pin;
pub mod service;
pub mod service_location;
pub mod service_use;
pub mod service_window;
pub mod session;
pub mod shortlist;
pub mod user;
pub mod week;
pub mod word_filter;

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, reason = "tests")]

    use sea_orm::{ActiveEnum, Iterable};
    use serde::Serialize;
    use shared::{
        AttemptStatus, CaseStatus, CompetenceArea, FilterAction, InstrumentStatus, ItemKind,
        Language, MemberRole, ProfileSection, ReportReason, Role, RoomKind, RoomTopic,
    };

    /// Every value is stored as its wire code: the data written before the columns were typed
    /// reads back, and the database and the API never name a value two ways.
    fn stored_as_wire_code<T: ActiveEnum<Value = String> + Iterable + Serialize>() {
        let all: Vec<T> = T::iter().collect();
        assert!(!all.is_empty());
        for v in all {
            assert_eq!(
                serde_json::to_value(&v).expect("an enum serialises"),
                serde_json::Value::String(v.to_value()),
                "{}",
                std::any::type_name::<T>()
            );
            assert!(T::try_from_value(&v.to_value()).is_ok());
        }
    }

    #[test]
    fn every_stored_enum_is_stored_as_its_wire_code() {
        stored_as_wire_code::<RoomKind>();
        stored_as_wire_code::<RoomTopic>();
        stored_as_wire_code::<MemberRole>();
        stored_as_wire_code::<Role>();
        stored_as_wire_code::<Language>();
        stored_as_wire_code::<AttemptStatus>();
        stored_as_wire_code::<InstrumentStatus>();
        stored_as_wire_code::<ItemKind>();
        stored_as_wire_code::<CompetenceArea>();
        stored_as_wire_code::<CaseStatus>();
        stored_as_wire_code::<ProfileSection>();
        stored_as_wire_code::<ReportReason>();
        stored_as_wire_code::<FilterAction>();
    }
}
