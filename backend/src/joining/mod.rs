//! Organisations asking to join an agency's network (issue 15). Anyone may send the public
//! form (throttled per address like a registration); the agency's admins read the requests
//! and approve one — the employer and its HR account with the one-time link are written then,
//! together — or decline it with a reason. Nothing of the agency is visible to the requester.

pub mod repo;
pub mod routes;
pub mod service;
