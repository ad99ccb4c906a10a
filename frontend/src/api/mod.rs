//! The only code that speaks to the server: typed calls over `shared` types, and the
//! community's live socket (`socket.rs`). The access token lives in memory; the refresh token is
//! an `HttpOnly` cookie the browser sends to `/api/v1/auth`. A 401 on an authenticated call
//! refreshes the access token once (one refresh at a time) and retries.

mod admin;
mod assessment;
mod auth;
mod catalogue;
mod community;
mod employers;
mod http;
mod notifications;
mod opportunities;
mod profile;
mod services;
mod socket;

pub use admin::*;
pub use assessment::*;
pub use auth::*;
pub use catalogue::*;
pub use community::*;
pub use employers::*;
pub use http::{
    ApiError, access_token, download, may_have_session, on_session_lost, refresh, set_language,
};
pub use notifications::*;
pub use opportunities::*;
pub use profile::*;
pub use services::*;
pub use socket::LiveSocket;
