//! In-app notifications (issue 15): written in the same transaction as what they tell (an
//! application's step, a new applicant, a request to join), read by their account only, marked
//! read one by one or all at once. The e-mails of the same events are in the outbox.

pub mod repo;
pub mod routes;
pub mod service;

pub use service::{Notice, notify};
