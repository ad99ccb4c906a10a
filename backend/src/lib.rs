//! Sinergia's backend: an actix-web application as a library (see `startup::Application`).

pub mod accounts;
pub mod admin;
pub mod applications;
pub mod assessment;
pub mod assets;
pub mod audit;
pub mod auth;
pub mod caller;
pub mod catalogue;
pub mod community;
pub mod config;
pub mod db;
pub mod email;
pub mod employers;
pub mod entities;
pub mod error;
pub mod extract;
pub mod i18n;
pub mod joining;
pub mod notifications;
pub mod openapi;
pub mod opportunities;
pub mod pagination;
pub mod profile;
pub mod realtime;
pub mod responses;
pub mod routes;
pub mod seed;
pub mod session;
pub mod shelf;
pub mod startup;
pub mod state;
pub mod system;
pub mod telemetry;
pub mod texts;
pub mod throttle;
pub mod tokens;

pub use startup::Application;

/// `true` outside production: links may be logged instead of emailed.
pub fn settings_env_is_dev(settings: &config::Settings) -> bool {
    settings.environment == config::Environment::Development
}
