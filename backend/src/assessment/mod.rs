//! Competency assessment: the versioned framework and instruments, attempts, validation, the
//! portfolio (JSON, JSON-LD, PDF) and its share links. The scoring is in `shared::scoring`, so
//! that the counsellor's review form computes exactly what the server does.

pub mod attempts;
pub mod authoring;
pub mod framework;
pub mod pdf;
pub mod portfolio;
pub mod repo;
pub mod routes;
pub mod service;
pub mod validation;
