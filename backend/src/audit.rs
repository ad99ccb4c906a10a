//! The append-only audit log (the database refuses updates and deletes). Ids only: no personal
//! data, so that erasure never needs to touch it.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};
use uuid::Uuid;

use crate::entities::audit_log;

/// One thing that happened, to be recorded.
#[derive(Debug, Clone, Default)]
pub struct AuditEvent {
    pub action: &'static str,
    pub actor_id: Option<Uuid>,
    pub target: Option<(&'static str, Uuid)>,
    pub agency_id: Option<Uuid>,
    pub request_id: Option<String>,
    pub details: Option<serde_json::Value>,
}

impl AuditEvent {
    pub fn new(action: &'static str) -> Self {
        Self {
            action,
            ..Self::default()
        }
    }

    pub fn actor(mut self, id: Uuid) -> Self {
        self.actor_id = Some(id);
        self
    }

    pub fn actor_opt(mut self, id: Option<Uuid>) -> Self {
        self.actor_id = id;
        self
    }

    pub fn target(mut self, kind: &'static str, id: Uuid) -> Self {
        self.target = Some((kind, id));
        self
    }

    pub fn agency(mut self, id: Uuid) -> Self {
        self.agency_id = Some(id);
        self
    }

    pub fn request(mut self, request_id: Option<&str>) -> Self {
        self.request_id = request_id.map(str::to_owned);
        self
    }

    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = Some(details);
        self
    }
}

/// Appends an event; call it inside the transaction of the change it records.
pub async fn record<C: ConnectionTrait>(db: &C, event: AuditEvent) -> Result<(), DbErr> {
    audit_log::ActiveModel {
        id: Set(Uuid::now_v7()),
        occurred_at: Set(Utc::now()),
        actor_id: Set(event.actor_id),
        action: Set(event.action.to_owned()),
        target_type: Set(event.target.map(|t| t.0.to_owned())),
        target_id: Set(event.target.map(|t| t.1)),
        agency_id: Set(event.agency_id),
        request_id: Set(event.request_id),
        details: Set(event.details),
    }
    .insert(db)
    .await?;
    Ok(())
}
