//! The employers' queries.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

use crate::db::contains_text;
use crate::entities::{employer, user};

/// The agency's employers, newest first, after the cursor; with `q`, those whose name contains
/// it.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    q: Option<&str>,
    before: Option<Uuid>,
    limit: u64,
) -> Result<Vec<employer::Model>, DbErr> {
    let mut query = employer::Entity::find()
        .filter(employer::Column::AgencyId.eq(agency))
        .order_by_desc(employer::Column::Id)
        .limit(limit);
    if let Some(q) = q {
        query = query.filter(contains_text((employer::Entity, employer::Column::Name), q));
    }
    if let Some(before) = before {
        query = query.filter(employer::Column::Id.lt(before));
    }
    query.all(db).await
}

/// An employer of the agency.
pub async fn one<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    id: Uuid,
) -> Result<Option<employer::Model>, DbErr> {
    employer::Entity::find_by_id(id)
        .filter(employer::Column::AgencyId.eq(agency))
        .one(db)
        .await
}

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    row: employer::ActiveModel,
) -> Result<employer::Model, DbErr> {
    row.insert(db).await
}

/// Writes `row` over the employer if it is still at `version` (then at `version + 1`);
/// `false` when someone changed it meanwhile.
pub async fn update<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    version: i32,
    mut row: employer::ActiveModel,
) -> Result<bool, DbErr> {
    row.version = Set(version + 1);
    let done = employer::Entity::update_many()
        .set(row)
        .filter(employer::Column::Id.eq(id))
        .filter(employer::Column::Version.eq(version))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// The live HR accounts of an employer of the agency, newest first.
pub async fn accounts_of<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    employer: Uuid,
) -> Result<Vec<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::AgencyId.eq(agency))
        .filter(user::Column::EmployerId.eq(employer))
        .filter(user::Column::Role.eq(shared::Role::Employer))
        .filter(user::Column::ErasedAt.is_null())
        .order_by_desc(user::Column::Id)
        .all(db)
        .await
}
