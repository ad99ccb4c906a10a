//! The API's route table: every operation under `/api/v1`, by feature, and the OpenAPI
//! document served at `/api/v1/openapi.json`. `startup` mounts it; `openapi` collects its
//! document.

use actix_web::{HttpResponse, web};
use utoipa_actix_web::scope;

use crate::{
    admin, applications, assessment, auth, catalogue, community, employers, joining, notifications,
    opportunities, profile, system,
};

/// Every API route, under `/api/v1`.
pub fn register_api(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(
        scope("/api/v1")
            // The document itself is not an operation of the API.
            .route("/openapi.json", web::get().to(get_openapi))
            .configure(system::configure)
            .configure(auth::routes::configure)
            .configure(admin::routes::configure)
            .configure(profile::routes::configure)
            .configure(assessment::routes::configure)
            .configure(community::configure)
            .configure(catalogue::configure)
            .configure(employers::routes::configure)
            .configure(joining::routes::configure)
            .configure(notifications::routes::configure)
            .configure(opportunities::routes::configure)
            .configure(applications::routes::configure)
            // A WebSocket is not an operation OpenAPI can describe: see `community::socket`.
            .route(
                "/community/socket",
                web::get().to(community::socket::connect),
            ),
    );
}

/// The OpenAPI document, rendered once.
pub struct SpecJson(pub String);

async fn get_openapi(spec: web::Data<SpecJson>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(spec.0.clone())
}
