//! The revisions of what is kept in memory (row 1: the catalogue; row 2: the opportunities):
//! every write to a provider, location or service moves the catalogue's one up in the same
//! transaction; the in-memory catalogue that the search and her matches read is
//! rebuilt when the revision it was built at is no longer the stored one.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::entities::catalogue_revision;

/// The row of the catalogue's revision.
pub const CATALOGUE: i32 = 1;
/// The row of the opportunities' revision (every write to an opportunity, or to the name or
/// benefits of an employer, moves it).
pub const OPPORTUNITIES: i32 = 2;

/// The catalogue changed.
pub async fn bump<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    bump_of(db, CATALOGUE).await
}

/// What the row `key` counts changed.
pub async fn bump_of<C: ConnectionTrait>(db: &C, key: i32) -> Result<(), DbErr> {
    catalogue_revision::Entity::update_many()
        .col_expr(
            catalogue_revision::Column::Revision,
            Expr::col(catalogue_revision::Column::Revision).add(1),
        )
        .filter(catalogue_revision::Column::Id.eq(key))
        .exec(db)
        .await?;
    Ok(())
}

/// The stored revision of the catalogue.
pub async fn current<C: ConnectionTrait>(db: &C) -> Result<i64, DbErr> {
    current_of(db, CATALOGUE).await
}

/// The stored revision of the row `key`.
pub async fn current_of<C: ConnectionTrait>(db: &C, key: i32) -> Result<i64, DbErr> {
    Ok(catalogue_revision::Entity::find_by_id(key)
        .one(db)
        .await?
        .map_or(0, |r| r.revision))
}
