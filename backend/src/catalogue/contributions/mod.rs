//! The contributions (public schemes that pay part of a service's cost) as staff keep them
//! current: the list with those due for a check first, a new territorial scheme, a change
//! (with `If-Match`), retiring one of the agency's own.

pub mod repo;
pub mod routes;
pub mod service;
