//! The catalogue's queries.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

use crate::catalogue::revision;
use crate::db::contains_text;
use crate::entities::provider;

/// The agency's providers, newest first, after the cursor; with `q`, those whose name contains
/// it; retired ones only when asked.
pub async fn providers<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    q: Option<&str>,
    with_retired: bool,
    before: Option<Uuid>,
    limit: u64,
) -> Result<Vec<provider::Model>, DbErr> {
    let mut query = provider::Entity::find()
        .filter(provider::Column::AgencyId.eq(agency))
        .order_by_desc(provider::Column::Id)
        .limit(limit);
    if let Some(q) = q {
        query = query.filter(contains_text((provider::Entity, provider::Column::Name), q));
    }
    if !with_retired {
        query = query.filter(provider::Column::RetiredAt.is_null());
    }
    if let Some(before) = before {
        query = query.filter(provider::Column::Id.lt(before));
    }
    query.all(db).await
}

/// A provider of the agency.
pub async fn provider<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    id: Uuid,
) -> Result<Option<provider::Model>, DbErr> {
    provider::Entity::find_by_id(id)
        .filter(provider::Column::AgencyId.eq(agency))
        .one(db)
        .await
}

pub async fn insert_provider<C: ConnectionTrait>(
    db: &C,
    row: provider::ActiveModel,
) -> Result<provider::Model, DbErr> {
    let row = row.insert(db).await?;
    revision::bump(db).await?;
    Ok(row)
}

/// Writes `row` over the provider if it is still at `version` (then at `version + 1`); `false`
/// when someone changed it meanwhile.
pub async fn update_provider<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    version: i32,
    mut row: provider::ActiveModel,
) -> Result<bool, DbErr> {
    row.version = Set(version + 1);
    let done = provider::Entity::update_many()
        .set(row)
        .filter(provider::Column::Id.eq(id))
        .filter(provider::Column::Version.eq(version))
        .exec(db)
        .await?;
    if done.rows_affected == 1 {
        revision::bump(db).await?;
    }
    Ok(done.rows_affected == 1)
}

/// Retires the provider (once: a retired one keeps its date).
pub async fn retire_provider<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    provider::Entity::update_many()
        .col_expr(provider::Column::RetiredAt, Expr::value(at))
        .col_expr(provider::Column::UpdatedAt, Expr::value(at))
        .col_expr(
            provider::Column::Version,
            Expr::col(provider::Column::Version).add(1),
        )
        .filter(provider::Column::Id.eq(id))
        .filter(provider::Column::RetiredAt.is_null())
        .exec(db)
        .await?;
    revision::bump(db).await?;
    Ok(())
}
