//! The requests' queries.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use shared::{JoinRequestStatus, Role};
use uuid::Uuid;

use crate::entities::{employer_join_request as request, user};

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    row: request::ActiveModel,
) -> Result<request::Model, DbErr> {
    row.insert(db).await
}

/// The agency's waiting request from this (lower-cased) address, if any.
pub async fn pending_from<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    email: &str,
) -> Result<Option<request::Model>, DbErr> {
    request::Entity::find()
        .filter(request::Column::AgencyId.eq(agency))
        .filter(request::Column::ContactEmail.eq(email))
        .filter(request::Column::Status.eq(JoinRequestStatus::Pending))
        .one(db)
        .await
}

/// The agency's requests in `status`, newest first, after the cursor.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    status: JoinRequestStatus,
    before: Option<Uuid>,
    limit: u64,
) -> Result<Vec<request::Model>, DbErr> {
    let mut query = request::Entity::find()
        .filter(request::Column::AgencyId.eq(agency))
        .filter(request::Column::Status.eq(status))
        .order_by_desc(request::Column::Id)
        .limit(limit);
    if let Some(before) = before {
        query = query.filter(request::Column::Id.lt(before));
    }
    query.all(db).await
}

/// A request of the agency.
pub async fn one<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    id: Uuid,
) -> Result<Option<request::Model>, DbErr> {
    request::Entity::find_by_id(id)
        .filter(request::Column::AgencyId.eq(agency))
        .one(db)
        .await
}

/// What a decision writes.
pub struct Decision {
    pub status: JoinRequestStatus,
    pub reason: Option<String>,
    pub employer: Option<Uuid>,
    pub by: Uuid,
    pub at: DateTime<Utc>,
}

/// Writes the decision if the request is still waiting; `false` when someone decided first.
pub async fn decide<C: ConnectionTrait>(db: &C, id: Uuid, d: Decision) -> Result<bool, DbErr> {
    let done = request::Entity::update_many()
        .set(request::ActiveModel {
            status: Set(d.status),
            reason: Set(d.reason),
            employer_id: Set(d.employer),
            decided_by: Set(Some(d.by)),
            decided_at: Set(Some(d.at)),
            ..Default::default()
        })
        .filter(request::Column::Id.eq(id))
        .filter(request::Column::Status.eq(JoinRequestStatus::Pending))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// The agency's live admins, who are told of a new request.
pub async fn admins_of<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
) -> Result<Vec<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::AgencyId.eq(agency))
        .filter(user::Column::Role.eq(Role::Admin))
        .filter(user::Column::DisabledAt.is_null())
        .filter(user::Column::ErasedAt.is_null())
        .all(db)
        .await
}
