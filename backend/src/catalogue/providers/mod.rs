//! Providers of services (HSDS `organization`).

pub mod repo;
pub mod routes;
pub mod service;
