//! The queries that find services (published, of a live provider) and what she keeps: her
//! shortlist, her week, her declaration, and the counts of use.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, JoinType, QueryFilter,
    QueryOrder, QuerySelect, RelationDef, Set,
};
use shared::{ServiceCategory, ServiceStatus};
use uuid::Uuid;

use crate::db::contains_text;
use crate::entities::{
    contribution, contribution_declaration, location, profile_section, provider, service,
    service_location, service_use, service_window, shortlist, week,
};

/// What a search narrows by; every part optional.
#[derive(Debug, Default, Clone)]
pub struct Narrow<'a> {
    pub q: Option<&'a str>,
    pub categories: Vec<ServiceCategory>,
    pub age_months: Option<u16>,
    /// Open on day `0..=6` for the whole of `[from, to)` minutes, in one window.
    pub open: Option<(i16, i16, i16)>,
    pub municipality: Option<&'a str>,
    /// A box of latitude and longitude: (south, north, west, east).
    pub within: Option<(f64, f64, f64, f64)>,
}

fn services_locations() -> RelationDef {
    service::Entity::belongs_to(service_location::Entity)
        .from(service::Column::Id)
        .to(service_location::Column::ServiceId)
        .into()
}

fn locations_of_links() -> RelationDef {
    service_location::Entity::belongs_to(location::Entity)
        .from(service_location::Column::LocationId)
        .to(location::Column::Id)
        .into()
}

fn narrowed(n: &Narrow<'_>) -> sea_orm::Select<service::Entity> {
    let mut q = service::Entity::find()
        .filter(service::Column::Status.eq(ServiceStatus::Published.as_str()))
        .filter(
            service::Column::ProviderId.in_subquery(
                Query::select()
                    .column(provider::Column::Id)
                    .from(provider::Entity)
                    .and_where(Expr::col(provider::Column::RetiredAt).is_null())
                    .to_owned(),
            ),
        );
    if let Some(text) = n.q {
        q = q.filter(contains_text(
            (service::Entity, service::Column::Name),
            text,
        ));
    }
    if !n.categories.is_empty() {
        q = q.filter(service::Column::Category.is_in(n.categories.iter().copied()));
    }
    if let Some(age) = n.age_months {
        let age = i32::from(age);
        q = q
            .filter(
                service::Column::MinAgeMonths
                    .is_null()
                    .or(service::Column::MinAgeMonths.lte(age)),
            )
            .filter(
                service::Column::MaxAgeMonths
                    .is_null()
                    .or(service::Column::MaxAgeMonths.gte(age)),
            );
    }
    if let Some((day, from, to)) = n.open {
        q = q.filter(
            service::Column::Id.in_subquery(
                Query::select()
                    .column(service_window::Column::ServiceId)
                    .from(service_window::Entity)
                    .and_where(Expr::col(service_window::Column::Day).eq(day))
                    .and_where(Expr::col(service_window::Column::Opens).lte(from))
                    .and_where(Expr::col(service_window::Column::Closes).gte(to))
                    .to_owned(),
            ),
        );
    }
    q
}

/// A published service found at one of its live locations.
#[derive(Debug, FromQueryResult)]
pub struct Placed {
    pub id: Uuid,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
}

/// The services that match, each once per live location that is in the municipality or the
/// box asked (the caller keeps the nearest).
pub async fn placed<C: ConnectionTrait>(db: &C, n: &Narrow<'_>) -> Result<Vec<Placed>, DbErr> {
    let mut q = narrowed(n)
        .select_only()
        .column(service::Column::Id)
        .column(service::Column::Name)
        .column(location::Column::Lat)
        .column(location::Column::Lon)
        .join(JoinType::InnerJoin, services_locations())
        .join(JoinType::InnerJoin, locations_of_links())
        .filter(location::Column::RetiredAt.is_null());
    if let Some(m) = n.municipality {
        q = q.filter(location::Column::MunicipalityCode.eq(m));
    }
    if let Some((south, north, west, east)) = n.within {
        q = q
            .filter(location::Column::Lat.between(south, north))
            .filter(location::Column::Lon.between(west, east));
    }
    q.into_model::<Placed>().all(db).await
}

#[derive(Debug, FromQueryResult)]
struct IdOnly {
    id: Uuid,
}

/// The ids of the services that match, by name, from `offset` (no place asked).
pub async fn by_name<C: ConnectionTrait>(
    db: &C,
    n: &Narrow<'_>,
    offset: u64,
    limit: u64,
) -> Result<Vec<Uuid>, DbErr> {
    Ok(narrowed(n)
        .select_only()
        .column(service::Column::Id)
        .order_by_asc(service::Column::Name)
        .order_by_asc(service::Column::Id)
        .offset(offset)
        .limit(limit)
        .into_model::<IdOnly>()
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect())
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

/// Published services of live providers among `ids`.
pub async fn published_among<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<Vec<service::Model>, DbErr> {
    narrowed(&Narrow::default())
        .filter(service::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}

/// The contributions in force for an agency's territory: its own and the national ones.
pub async fn contributions<C: ConnectionTrait>(
    db: &C,
    agency: Option<Uuid>,
) -> Result<Vec<contribution::Model>, DbErr> {
    let mut q = contribution::Entity::find()
        .filter(contribution::Column::RetiredAt.is_null())
        .order_by_asc(contribution::Column::Id);
    q = match agency {
        Some(a) => q.filter(
            contribution::Column::AgencyId
                .is_null()
                .or(contribution::Column::AgencyId.eq(a)),
        ),
        None => q,
    };
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
