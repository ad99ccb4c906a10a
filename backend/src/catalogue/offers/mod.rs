//! Locations (HSDS `location`) and services (HSDS `service`, with `schedule`, `cost_option`
//! and `service_at_location`), as staff keep them.

pub mod repo;
pub mod routes;
pub mod service;
