//! Database migrations, shared by SQLite and PostgreSQL.
//!
//! Run at application start (`Migrator::up`) and through the CLI:
//! `cargo run -p migrations -- up` (with `DATABASE_URL` set).

pub use sea_orm_migration::prelude::*;

mod columns;
mod m20261123_000001_create_auth;
mod m20261123_000002_create_profiles;
mod m20261123_000003_create_assessment;
mod m20261123_000004_create_attempts;
mod m20261123_000005_add_validation;
mod m20261123_000006_create_portfolio_shares;
mod m20261123_000007_create_community;
mod m20261123_000008_message_edits_reactions_pins;
mod m20261123_000009_create_moderation;
mod m20261123_000010_create_word_filters;
mod m20261123_000011_direct_messages;
mod m20261201_000012_programme_editors;
mod m20261201_000013_email_delivery;
mod m20261202_000014_sector_codes;
mod m20261202_000015_territories;
mod m20261202_000016_service_catalogue;
mod m20261203_000017_catalogue_for_her;
mod m20261203_000018_contribution_schemes;
mod m20261203_000019_catalogue_revision;
mod m20261204_000020_employers;
mod m20261204_000021_opportunities;
mod m20261204_000022_applications;
mod m20261204_000023_employer_accounts;
mod m20261205_000024_employer_join_requests;
mod m20261205_000025_notifications;

pub use m20261123_000001_create_auth::{MILANO_ID, TRENTO_ID};
pub use m20261123_000003_create_assessment::PARENTING_SKILLS_V1_ID;
pub use m20261202_000015_territories::MONZA_ID;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_create_auth::Migration),
            Box::new(m20261123_000002_create_profiles::Migration),
            Box::new(m20261123_000003_create_assessment::Migration),
            Box::new(m20261123_000004_create_attempts::Migration),
            Box::new(m20261123_000005_add_validation::Migration),
            Box::new(m20261123_000006_create_portfolio_shares::Migration),
            Box::new(m20261123_000007_create_community::Migration),
            Box::new(m20261123_000008_message_edits_reactions_pins::Migration),
            Box::new(m20261123_000009_create_moderation::Migration),
            Box::new(m20261123_000010_create_word_filters::Migration),
            Box::new(m20261123_000011_direct_messages::Migration),
            Box::new(m20261201_000012_programme_editors::Migration),
            Box::new(m20261201_000013_email_delivery::Migration),
            Box::new(m20261202_000014_sector_codes::Migration),
            Box::new(m20261202_000015_territories::Migration),
            Box::new(m20261202_000016_service_catalogue::Migration),
            Box::new(m20261203_000017_catalogue_for_her::Migration),
            Box::new(m20261203_000018_contribution_schemes::Migration),
            Box::new(m20261203_000019_catalogue_revision::Migration),
            Box::new(m20261204_000020_employers::Migration),
            Box::new(m20261204_000021_opportunities::Migration),
            Box::new(m20261204_000022_applications::Migration),
            Box::new(m20261204_000023_employer_accounts::Migration),
            Box::new(m20261205_000024_employer_join_requests::Migration),
            Box::new(m20261205_000025_notifications::Migration),
        ]
    }
}
