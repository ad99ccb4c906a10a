//! The queries that find services (published, of a live provider) and what she keeps: her
//! shortlist, her week, her declaration, and the counts of use.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};
use shared::ServiceStatus;
use uuid::Uuid;

use crate::entities::{
    contribution_declaration, profile_section, provider, service, service_use, shortlist, week,
};

/// Published services of live providers.
fn published() -> sea_orm::Select<service::Entity> {
    service::Entity::find()
        .filter(service::Column::Status.eq(ServiceStatus::Published.as_str()))
        .filter(
            service::Column::ProviderId.in_subquery(
                Query::select()
                    .column(provider::Column::Id)
                    .from(provider::Entity)
                    .and_where(Expr::col(provider::Column::RetiredAt).is_null())
                    .to_owned(),
            ),
        )
}

/// Her profile's sections as saved.
pub async fn sections_of<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
) -> Result<Vec<profile_section::Model>, DbErr> {
    profile_section::Entity::find()
        .filter(profile_section::Column::UserId.eq(user))
        .all(db)
        .await
}

/// Services by id (any status), in no order.
pub async fn services_by_id<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<Vec<service::Model>, DbErr> {
    service::Entity::find()
        .filter(service::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}

/// Published services of live providers among `ids`; all of them without.
pub async fn published_among<C: ConnectionTrait>(
    db: &C,
    ids: Option<&[Uuid]>,
) -> Result<Vec<service::Model>, DbErr> {
    let mut q = published();
    if let Some(ids) = ids {
        q = q.filter(service::Column::Id.is_in(ids.iter().copied()));
    }
    q.all(db).await
}

pub async fn shortlist_of<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
) -> Result<Vec<shortlist::Model>, DbErr> {
    shortlist::Entity::find()
        .filter(shortlist::Column::UserId.eq(user))
        .order_by_desc(shortlist::Column::SavedAt)
        .all(db)
        .await
}

/// Saves a service to her shortlist; `true` when it was not there yet.
pub async fn save<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    service: Uuid,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    crate::db::insert_new(
        db,
        shortlist::ActiveModel {
            user_id: Set(user),
            service_id: Set(service),
            saved_at: Set(at),
        },
    )
    .await
}

pub async fn unsave<C: ConnectionTrait>(db: &C, user: Uuid, service: Uuid) -> Result<(), DbErr> {
    shortlist::Entity::delete_many()
        .filter(shortlist::Column::UserId.eq(user))
        .filter(shortlist::Column::ServiceId.eq(service))
        .exec(db)
        .await?;
    Ok(())
}

/// Counts one use of a service by someone of `agency` today (never who).
pub async fn count_use<C: ConnectionTrait>(
    db: &C,
    day: NaiveDate,
    agency: Uuid,
    service: Uuid,
    action: &str,
) -> Result<(), DbErr> {
    service_use::Entity::insert(service_use::ActiveModel {
        day: Set(day),
        agency_id: Set(agency),
        service_id: Set(service),
        action: Set(action.to_owned()),
        count: Set(1),
    })
    .on_conflict(
        OnConflict::columns([
            service_use::Column::Day,
            service_use::Column::AgencyId,
            service_use::Column::ServiceId,
            service_use::Column::Action,
        ])
        .value(
            service_use::Column::Count,
            Expr::col((service_use::Entity, service_use::Column::Count)).add(1),
        )
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

pub async fn week_of<C: ConnectionTrait>(db: &C, user: Uuid) -> Result<Option<week::Model>, DbErr> {
    week::Entity::find_by_id(user).one(db).await
}

/// Writes her week at `version + 1` if it is still at `version` (0: none yet); `false` when
/// another write got there first.
pub async fn write_week<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    version: i32,
    plan: serde_json::Value,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    if version == 0 {
        return crate::db::insert_new(
            db,
            week::ActiveModel {
                user_id: Set(user),
                plan: Set(plan),
                version: Set(1),
                updated_at: Set(at),
            },
        )
        .await;
    }
    let done = week::Entity::update_many()
        .col_expr(week::Column::Plan, Expr::value(plan))
        .col_expr(week::Column::Version, Expr::value(version + 1))
        .col_expr(week::Column::UpdatedAt, Expr::value(at))
        .filter(week::Column::UserId.eq(user))
        .filter(week::Column::Version.eq(version))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

pub async fn declaration_of<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
) -> Result<Option<contribution_declaration::Model>, DbErr> {
    contribution_declaration::Entity::find_by_id(user)
        .one(db)
        .await
}

pub async fn put_declaration<C: ConnectionTrait>(
    db: &C,
    row: contribution_declaration::Model,
) -> Result<(), DbErr> {
    let active: contribution_declaration::ActiveModel = row.into();
    contribution_declaration::Entity::insert(active)
        .on_conflict(
            OnConflict::column(contribution_declaration::Column::UserId)
                .update_columns([
                    contribution_declaration::Column::IseeBand,
                    contribution_declaration::Column::IcefBand,
                    contribution_declaration::Column::EmploymentStatus,
                    contribution_declaration::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn delete_declaration<C: ConnectionTrait>(db: &C, user: Uuid) -> Result<(), DbErr> {
    contribution_declaration::Entity::delete_by_id(user)
        .exec(db)
        .await?;
    Ok(())
}
