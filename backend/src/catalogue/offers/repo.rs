//! The queries of locations and services: the rows, the parts a service is read with
//! (provider, locations, prices) fetched for many services at once, and the writes that
//! replace a service's windows, prices and locations inside the caller's transaction.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use shared::{ServiceCategory, ServiceStatus};
use uuid::Uuid;

use crate::catalogue::revision;
use crate::db::contains_text;
use crate::entities::{cost_option, location, provider, service, service_location, service_window};

/// A provider's locations, by name.
pub async fn locations_of<C: ConnectionTrait>(
    db: &C,
    provider: Uuid,
) -> Result<Vec<location::Model>, DbErr> {
    location::Entity::find()
        .filter(location::Column::ProviderId.eq(provider))
        .order_by_asc(location::Column::Name)
        .order_by_asc(location::Column::Id)
        .all(db)
        .await
}

/// A location of the agency.
pub async fn location<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    id: Uuid,
) -> Result<Option<location::Model>, DbErr> {
    location::Entity::find_by_id(id)
        .filter(location::Column::AgencyId.eq(agency))
        .one(db)
        .await
}

/// The locations among `ids`.
pub async fn locations<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<Vec<location::Model>, DbErr> {
    location::Entity::find()
        .filter(location::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}

pub async fn insert_location<C: ConnectionTrait>(
    db: &C,
    row: location::ActiveModel,
) -> Result<location::Model, DbErr> {
    let row = row.insert(db).await?;
    revision::bump(db).await?;
    Ok(row)
}

/// Writes `row` over the location if it is still at `version`; `false` when it changed.
pub async fn update_location<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    version: i32,
    mut row: location::ActiveModel,
) -> Result<bool, DbErr> {
    row.version = Set(version + 1);
    let done = location::Entity::update_many()
        .set(row)
        .filter(location::Column::Id.eq(id))
        .filter(location::Column::Version.eq(version))
        .exec(db)
        .await?;
    if done.rows_affected == 1 {
        revision::bump(db).await?;
    }
    Ok(done.rows_affected == 1)
}

pub async fn retire_location<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    location::Entity::update_many()
        .col_expr(location::Column::RetiredAt, Expr::value(at))
        .col_expr(
            location::Column::Version,
            Expr::col(location::Column::Version).add(1),
        )
        .filter(location::Column::Id.eq(id))
        .filter(location::Column::RetiredAt.is_null())
        .exec(db)
        .await?;
    revision::bump(db).await?;
    Ok(())
}

/// The services a location is given for, that are not retired.
pub async fn live_services_at<C: ConnectionTrait>(db: &C, location: Uuid) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    let ids: Vec<Uuid> = service_location::Entity::find()
        .filter(service_location::Column::LocationId.eq(location))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.service_id)
        .collect();
    service::Entity::find()
        .filter(service::Column::Id.is_in(ids))
        .filter(service::Column::Status.ne(ServiceStatus::Retired.as_str()))
        .count(db)
        .await
}

/// What staff filter the agency's services by.
#[derive(Debug, Default)]
pub struct StaffFilter<'a> {
    pub q: Option<&'a str>,
    pub status: Option<ServiceStatus>,
    pub category: Option<ServiceCategory>,
    pub provider: Option<Uuid>,
}

/// The agency's services, newest first, after the cursor.
pub async fn services<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    f: &StaffFilter<'_>,
    before: Option<Uuid>,
    limit: u64,
) -> Result<Vec<service::Model>, DbErr> {
    let mut query = service::Entity::find()
        .filter(service::Column::AgencyId.eq(agency))
        .order_by_desc(service::Column::Id)
        .limit(limit);
    if let Some(q) = f.q {
        query = query.filter(contains_text((service::Entity, service::Column::Name), q));
    }
    if let Some(s) = f.status {
        query = query.filter(service::Column::Status.eq(s.as_str()));
    }
    if let Some(c) = f.category {
        query = query.filter(service::Column::Category.eq(c));
    }
    if let Some(p) = f.provider {
        query = query.filter(service::Column::ProviderId.eq(p));
    }
    if let Some(before) = before {
        query = query.filter(service::Column::Id.lt(before));
    }
    query.all(db).await
}

/// A service of the agency.
pub async fn service<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    id: Uuid,
) -> Result<Option<service::Model>, DbErr> {
    service::Entity::find_by_id(id)
        .filter(service::Column::AgencyId.eq(agency))
        .one(db)
        .await
}

/// A published service of any agency (public information).
pub async fn published<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<service::Model>, DbErr> {
    service::Entity::find_by_id(id)
        .filter(service::Column::Status.eq(ServiceStatus::Published.as_str()))
        .one(db)
        .await
}

pub async fn insert_service<C: ConnectionTrait>(
    db: &C,
    row: service::ActiveModel,
) -> Result<service::Model, DbErr> {
    let row = row.insert(db).await?;
    revision::bump(db).await?;
    Ok(row)
}

/// Writes `row` over the service if it is still at `version`; `false` when it changed.
pub async fn update_service<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    version: i32,
    mut row: service::ActiveModel,
) -> Result<bool, DbErr> {
    row.version = Set(version + 1);
    let done = service::Entity::update_many()
        .set(row)
        .filter(service::Column::Id.eq(id))
        .filter(service::Column::Version.eq(version))
        .exec(db)
        .await?;
    if done.rows_affected == 1 {
        revision::bump(db).await?;
    }
    Ok(done.rows_affected == 1)
}

/// A service's weekly windows (minutes), prices and locations, replacing what it had.
pub struct Parts<'a> {
    pub windows: &'a [(i16, i16, i16)],
    pub costs: Vec<cost_option::ActiveModel>,
    pub locations: &'a [Uuid],
}

pub async fn replace_parts<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    parts: Parts<'_>,
) -> Result<(), DbErr> {
    service_window::Entity::delete_many()
        .filter(service_window::Column::ServiceId.eq(id))
        .exec(db)
        .await?;
    cost_option::Entity::delete_many()
        .filter(cost_option::Column::ServiceId.eq(id))
        .exec(db)
        .await?;
    service_location::Entity::delete_many()
        .filter(service_location::Column::ServiceId.eq(id))
        .exec(db)
        .await?;
    if !parts.windows.is_empty() {
        service_window::Entity::insert_many(parts.windows.iter().map(|(day, opens, closes)| {
            service_window::ActiveModel {
                service_id: Set(id),
                day: Set(*day),
                opens: Set(*opens),
                closes: Set(*closes),
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    if !parts.costs.is_empty() {
        cost_option::Entity::insert_many(parts.costs)
            .exec_without_returning(db)
            .await?;
    }
    if !parts.locations.is_empty() {
        service_location::Entity::insert_many(parts.locations.iter().map(|l| {
            service_location::ActiveModel {
                service_id: Set(id),
                location_id: Set(*l),
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    revision::bump(db).await?;
    Ok(())
}

/// Sets a service's status (and, when `verified` is given, when and by whom it was checked),
/// one version up.
pub async fn set_status<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    status: ServiceStatus,
    verified: Option<(DateTime<Utc>, Uuid)>,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut update = service::Entity::update_many()
        .col_expr(service::Column::Status, Expr::value(status.as_str()))
        .col_expr(service::Column::UpdatedAt, Expr::value(at))
        .col_expr(
            service::Column::Version,
            Expr::col(service::Column::Version).add(1),
        )
        .filter(service::Column::Id.eq(id));
    if let Some((when, who)) = verified {
        update = update
            .col_expr(service::Column::VerifiedAt, Expr::value(when))
            .col_expr(service::Column::VerifiedBy, Expr::value(who));
    }
    update.exec(db).await?;
    revision::bump(db).await?;
    Ok(())
}

/// What services are read with, for many at once.
pub struct Related {
    pub providers: HashMap<Uuid, provider::Model>,
    /// Each service's locations, by name.
    pub locations: HashMap<Uuid, Vec<location::Model>>,
    pub costs: HashMap<Uuid, Vec<cost_option::Model>>,
}

pub async fn related<C: ConnectionTrait>(
    db: &C,
    services: &[service::Model],
) -> Result<Related, DbErr> {
    let ids: Vec<Uuid> = services.iter().map(|s| s.id).collect();
    let mut provider_ids: Vec<Uuid> = services.iter().map(|s| s.provider_id).collect();
    provider_ids.sort_unstable();
    provider_ids.dedup();
    let providers = provider::Entity::find()
        .filter(provider::Column::Id.is_in(provider_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let links = service_location::Entity::find()
        .filter(service_location::Column::ServiceId.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let mut place_ids: Vec<Uuid> = links.iter().map(|l| l.location_id).collect();
    place_ids.sort_unstable();
    place_ids.dedup();
    let places: HashMap<Uuid, location::Model> = locations(db, &place_ids)
        .await?
        .into_iter()
        .map(|l| (l.id, l))
        .collect();
    let mut locations: HashMap<Uuid, Vec<location::Model>> = HashMap::new();
    for link in links {
        if let Some(place) = places.get(&link.location_id) {
            locations
                .entry(link.service_id)
                .or_default()
                .push(place.clone());
        }
    }
    for list in locations.values_mut() {
        list.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    }
    let mut costs: HashMap<Uuid, Vec<cost_option::Model>> = HashMap::new();
    for c in cost_option::Entity::find()
        .filter(cost_option::Column::ServiceId.is_in(ids))
        .order_by_asc(cost_option::Column::Id)
        .all(db)
        .await?
    {
        costs.entry(c.service_id).or_default().push(c);
    }
    Ok(Related {
        providers,
        locations,
        costs,
    })
}
