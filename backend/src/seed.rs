//! Demo data: per agency an admin, a counsellor and a community manager, and three jobseekers.
//! Idempotent: accounts that exist are left alone.

use chrono::Utc;
use migrations::{MILANO_ID, TRENTO_ID};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};
use shared::Role;
use uuid::Uuid;

use crate::auth::password::hash_blocking;
use crate::entities::{consent, user};

/// The password of every demo account (printed at start; development only).
pub const DEMO_PASSWORD: &str = "Sinergia-demo-2026";

/// (email, name, role, agency)
pub const DEMO_USERS: &[(&str, &str, Role, Uuid)] = &[
    (
        "admin.milano@sinergia.example",
        "Alessandra Colombo",
        Role::Admin,
        MILANO_ID,
    ),
    (
        "operatrice.milano@sinergia.example",
        "Chiara Ferrari",
        Role::Counsellor,
        MILANO_ID,
    ),
    (
        "community.milano@sinergia.example",
        "Elena Galli",
        Role::CommunityManager,
        MILANO_ID,
    ),
    (
        "admin.trento@sinergia.example",
        "Paola Moser",
        Role::Admin,
        TRENTO_ID,
    ),
    (
        "operatrice.trento@sinergia.example",
        "Silvia Dallapiccola",
        Role::Counsellor,
        TRENTO_ID,
    ),
    (
        "community.trento@sinergia.example",
        "Marta Zanoni",
        Role::CommunityManager,
        TRENTO_ID,
    ),
    (
        "giulia.rossi@sinergia.example",
        "Giulia Rossi",
        Role::Jobseeker,
        MILANO_ID,
    ),
    (
        "sara.bianchi@sinergia.example",
        "Sara Bianchi",
        Role::Jobseeker,
        MILANO_ID,
    ),
    (
        "anna.pedrotti@sinergia.example",
        "Anna Pedrotti",
        Role::Jobseeker,
        TRENTO_ID,
    ),
];

pub async fn demo(db: &DatabaseConnection) -> anyhow::Result<usize> {
    let existing: Vec<String> = user::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|u| u.email)
        .collect();
    let missing: Vec<_> = DEMO_USERS
        .iter()
        .filter(|(email, ..)| !existing.iter().any(|e| e == email))
        .collect();
    if missing.is_empty() {
        return Ok(0);
    }
    // One hash for all demo accounts: they share the demo password anyway.
    let hash = hash_blocking(DEMO_PASSWORD).map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = Utc::now();
    for (email, name, role, agency) in &missing {
        let id = Uuid::now_v7();
        user::ActiveModel {
            id: Set(id),
            agency_id: Set(*agency),
            email: Set((*email).to_owned()),
            name: Set((*name).to_owned()),
            role: Set(role.as_str().to_owned()),
            language: Set("it".to_owned()),
            password_hash: Set(Some(hash.clone())),
            disabled_at: Set(None),
            erased_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
        if *role == Role::Jobseeker {
            crate::profile::service::create_empty(db, id, *agency, now).await?;
            consent::ActiveModel {
                id: Set(Uuid::now_v7()),
                user_id: Set(id),
                purpose: Set("privacy_notice".to_owned()),
                text_version: Set(shared::PRIVACY_NOTICE_VERSION.to_owned()),
                language: Set("it".to_owned()),
                given_at: Set(now),
                withdrawn_at: Set(None),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(missing.len())
}
