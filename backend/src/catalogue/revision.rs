//! The catalogue's revision: every write to a provider, location or service moves it one up
//! in the same transaction; the in-memory catalogue that the search and her matches read is
//! rebuilt when the revision it was built at is no longer the stored one.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::entities::catalogue_revision;

/// The catalogue changed.
pub async fn bump<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    catalogue_revision::Entity::update_many()
        .col_expr(
            catalogue_revision::Column::Revision,
            Expr::col(catalogue_revision::Column::Revision).add(1),
        )
        .filter(catalogue_revision::Column::Id.eq(1))
        .exec(db)
        .await?;
    Ok(())
}

/// The stored revision.
pub async fn current<C: ConnectionTrait>(db: &C) -> Result<i64, DbErr> {
    Ok(catalogue_revision::Entity::find_by_id(1)
        .one(db)
        .await?
        .map_or(0, |r| r.revision))
}
