//! Account management by an agency's admin: staff accounts, disabling and enabling accounts.

pub mod routes;
pub mod service;
