//! The catalogue of conciliation services (HSDS 3 shape). Staff of the agency read it; its
//! admins and the staff who carry `catalogue_curator` write it (`access.rs`). Its parts, each
//! `routes.rs` → `service.rs` → `repo.rs`: `providers/` (HSDS `organization`), `offers/`
//! (locations and services with their schedules, prices and places), `contributions/`
//! (the schemes staff keep current), `finding/` (the public search, her matches, shortlist,
//! week and declaration).

pub mod access;
pub mod contributions;
pub mod exchange;
pub mod finding;
pub mod offers;
pub mod providers;
pub mod revision;

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    providers::routes::configure(cfg);
    offers::routes::configure(cfg);
    contributions::routes::configure(cfg);
    finding::routes::configure(cfg);
    exchange::routes::configure(cfg);
}
