use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::auth::tokens::JwtKeys;
use crate::config::Settings;
use crate::throttle::Throttle;

/// What every handler can reach, shared by all workers.
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub jwt: JwtKeys,
    pub throttle: Throttle,
    /// A hash verified when the account does not exist, so that the answer takes as long.
    pub dummy_hash: String,
}
