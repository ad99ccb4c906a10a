//! Demo data. `demo`: per agency an admin, a counsellor and a community manager, and three
//! jobseekers (the accounts the tests sign in with); `content` (development only): what a
//! newcomer's first five minutes should show working — rooms with conversations, assessments at
//! every stage, a report to handle, case notes, a catalogue of conciliation services. Idempotent: what exists is left alone.

mod accounts;
mod catalogue;
mod content;
mod employers;

pub use accounts::{DEMO_PASSWORD, DEMO_USERS, PROGRAMME_EDITOR, demo};
pub use content::{CONTENT_USERS, content};
