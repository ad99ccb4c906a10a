pub mod repo;
pub mod routes;
pub mod service;
