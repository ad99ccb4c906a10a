//! The contributions' queries.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use uuid::Uuid;

use crate::entities::contribution;

/// The contributions in force for an agency's territory (its own and the national ones), by
/// id; for every territory without an agency.
pub async fn in_force<C: ConnectionTrait>(
    db: &C,
    agency: Option<Uuid>,
) -> Result<Vec<contribution::Model>, DbErr> {
    let mut q = contribution::Entity::find()
        .filter(contribution::Column::RetiredAt.is_null())
        .order_by_asc(contribution::Column::Id);
    if let Some(a) = agency {
        q = q.filter(
            contribution::Column::AgencyId
                .is_null()
                .or(contribution::Column::AgencyId.eq(a)),
        );
    }
    q.all(db).await
}

/// A contribution the agency's staff may keep: national or its own, retired or not.
pub async fn one<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    id: Uuid,
) -> Result<Option<contribution::Model>, DbErr> {
    contribution::Entity::find_by_id(id)
        .filter(
            contribution::Column::AgencyId
                .is_null()
                .or(contribution::Column::AgencyId.eq(agency)),
        )
        .one(db)
        .await
}

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    row: contribution::ActiveModel,
) -> Result<contribution::Model, DbErr> {
    row.insert(db).await
}

/// Writes `row` over the contribution if it is still at `version` (then at `version + 1`);
/// `false` when someone changed it meanwhile.
pub async fn update<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    version: i32,
    mut row: contribution::ActiveModel,
) -> Result<bool, DbErr> {
    row.version = Set(version + 1);
    let done = contribution::Entity::update_many()
        .set(row)
        .filter(contribution::Column::Id.eq(id))
        .filter(contribution::Column::Version.eq(version))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Retires it (once: a retired one keeps its date).
pub async fn retire<C: ConnectionTrait>(db: &C, id: Uuid, at: DateTime<Utc>) -> Result<(), DbErr> {
    contribution::Entity::update_many()
        .col_expr(contribution::Column::RetiredAt, Expr::value(at))
        .col_expr(contribution::Column::UpdatedAt, Expr::value(at))
        .col_expr(
            contribution::Column::Version,
            Expr::col(contribution::Column::Version).add(1),
        )
        .filter(contribution::Column::Id.eq(id))
        .filter(contribution::Column::RetiredAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
