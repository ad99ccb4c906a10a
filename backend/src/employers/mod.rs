//! Employers of an agency's network (issue 15): organisations with their sector, size, seat and
//! what they offer parents. The agency's admins write them; its staff read them; another
//! agency's answer 404. Their opportunities, HR accounts and applicants come next.

pub mod repo;
pub mod routes;
pub mod service;
