//! Finding services: the public search, her matches, her shortlist and contacts, her week and
//! what she declares for contributions; the counsellor's view of her shortlist.

pub mod repo;
pub mod routes;
pub mod service;
