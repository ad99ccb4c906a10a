//! Accounts below the features: the parsed shapes of an email, a password and a name, password
//! hashing, and the queries of users, agencies and sessions. `auth` (sign-in, sessions),
//! `admin` (staff accounts) and `profile` (export, erasure) all use it; it uses none of them.

pub mod domain;
pub mod password;
pub mod repo;

pub use domain::{Email, PersonName};
pub use password::verify as verify_password;
pub use repo::{account_dto, agency_by_id, agency_dto, revoke_user_sessions};
