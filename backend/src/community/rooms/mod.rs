pub mod routes;
pub mod service;
