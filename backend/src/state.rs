use std::collections::HashMap;
use std::sync::Arc;

use sea_orm::{DatabaseConnection, DbErr, EntityTrait};
use shared::Municipality;

use crate::config::Settings;
use crate::entities::municipality;
use crate::throttle::Throttle;
use crate::tokens::JwtKeys;

/// What every handler can reach, shared by all workers.
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub jwt: JwtKeys,
    pub throttle: Throttle,
    /// A hash verified when the account does not exist, so that the answer takes as long.
    pub dummy_hash: String,
    /// The territories' municipalities by ISTAT code (reference data, read once at start).
    pub municipalities: Arc<HashMap<String, Municipality>>,
    /// The community's in-process fan-out to open sockets.
    pub hub: Arc<crate::realtime::Hub>,
    /// Woken when an email is queued, so the sender looks at once.
    pub mail_waiting: Arc<tokio::sync::Notify>,
}

pub async fn load_municipalities(
    db: &DatabaseConnection,
) -> Result<HashMap<String, Municipality>, DbErr> {
    Ok(municipality::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            (
                m.code.clone(),
                Municipality {
                    code: m.code,
                    name: m.name,
                    province: m.province,
                    agency_id: m.agency_id.into(),
                },
            )
        })
        .collect())
}
