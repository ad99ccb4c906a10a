//! Competency assessment: the versioned framework and instruments (this file's siblings), and —
//! in later steps — attempts, scoring, validation and the portfolio.

pub mod attempts;
pub mod authoring;
pub mod pdf;
pub mod portfolio;
pub mod routes;
pub mod scoring;
pub mod service;
pub mod validation;
