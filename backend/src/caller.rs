//! Who is asking, as far as the network tells: the client's address (behind trusted proxies,
//! from the forwarding header) and the request's id. An extractor, so a handler names it as a
//! parameter; services take it for throttling and the audit trail.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use tracing_actix_web::RequestId;

use crate::error::ApiError;
use crate::extract::client_address;
use crate::state::AppState;

/// The network side of a request.
#[derive(Debug, Clone, Default)]
pub struct Caller {
    pub address: String,
    pub request_id: Option<String>,
}

impl Caller {
    pub fn of(req: &HttpRequest, state: &AppState) -> Self {
        Self {
            address: client_address(
                req,
                state.settings.throttle.trusted_proxies,
                state.settings.throttle.forwarded_header,
            ),
            request_id: req.extensions().get::<RequestId>().map(ToString::to_string),
        }
    }
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(match req.app_data::<web::Data<AppState>>() {
            Some(state) => Ok(Self::of(req, state)),
            None => Err(ApiError::Internal(anyhow::anyhow!(
                "the application state is not registered"
            ))),
        })
    }
}
