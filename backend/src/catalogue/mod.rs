//! The catalogue of conciliation services (HSDS 3 shape): so far its providers. Staff of the
//! agency read it; its admins and the staff who carry `catalogue_curator` write it.

pub mod repo;
pub mod routes;
pub mod service;

pub use routes::configure;
