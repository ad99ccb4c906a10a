use std::collections::HashMap;
use std::sync::Arc;

use sea_orm::{DatabaseConnection, DbErr, EntityTrait};
use shared::{Ambito, GeoPoint, Municipality};

use crate::config::Settings;
use crate::entities::{ambito, municipality};
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
    /// The published catalogue in memory, for the search and her matches.
    pub catalogue: Arc<crate::shelf::Shelf>,
    /// The open opportunities in memory, for her matches.
    pub open_opportunities: Arc<crate::shelf::Stock<crate::shelf::OpenOpportunities>>,
    /// Woken when an email is queued, so the sender looks at once.
    pub mail_waiting: Arc<tokio::sync::Notify>,
}

impl AppState {
    /// Whether `code` is a municipality of the agency's territory.
    pub fn in_territory(&self, agency: uuid::Uuid, code: &str) -> bool {
        self.municipalities
            .get(code)
            .is_some_and(|m| m.agency_id.0 == agency)
    }
}

/// Every municipality of the agencies' territories, with its Ambito and location (reference
/// data, read once at start).
pub async fn load_municipalities(
    db: &DatabaseConnection,
) -> Result<HashMap<String, Municipality>, DbErr> {
    let ambiti: HashMap<String, String> = ambito::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.code, a.name))
        .collect();
    Ok(municipality::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            let ambito = m.ambito.and_then(|code| {
                ambiti.get(&code).map(|name| Ambito {
                    code,
                    name: name.clone(),
                })
            });
            let location = m.lat.zip(m.lon).map(|(lat, lon)| GeoPoint { lat, lon });
            (
                m.code.clone(),
                Municipality {
                    code: m.code,
                    name: m.name,
                    province: m.province,
                    agency_id: m.agency_id.into(),
                    ambito,
                    location,
                },
            )
        })
        .collect())
}
