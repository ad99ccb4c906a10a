//! The jobseeker's profile of needs, care load and skills, and the counsellors' view of it.

pub mod needs;
pub mod repo;
pub mod routes;
pub mod rules;
pub mod service;
