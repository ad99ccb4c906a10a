//! The applications' queries.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use shared::ApplicationStatus;
use uuid::Uuid;

use crate::entities::{application, application_step};

/// Her applications and proposals, newest first.
pub async fn of_user<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
) -> Result<Vec<application::Model>, DbErr> {
    application::Entity::find()
        .filter(application::Column::UserId.eq(user))
        .order_by_desc(application::Column::CreatedAt)
        .order_by_desc(application::Column::Id)
        .all(db)
        .await
}

/// Hers, by id.
pub async fn hers<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    id: Uuid,
) -> Result<Option<application::Model>, DbErr> {
    application::Entity::find_by_id(id)
        .filter(application::Column::UserId.eq(user))
        .one(db)
        .await
}

/// An application of the agency, by id.
pub async fn of_agency<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    id: Uuid,
) -> Result<Option<application::Model>, DbErr> {
    application::Entity::find_by_id(id)
        .filter(application::Column::AgencyId.eq(agency))
        .one(db)
        .await
}

/// Hers for an opportunity, whatever its state.
pub async fn for_opportunity_and_user<C: ConnectionTrait>(
    db: &C,
    opportunity: Uuid,
    user: Uuid,
) -> Result<Option<application::Model>, DbErr> {
    application::Entity::find()
        .filter(application::Column::OpportunityId.eq(opportunity))
        .filter(application::Column::UserId.eq(user))
        .one(db)
        .await
}

/// An opportunity's applications in the given states, oldest first.
pub async fn of_opportunity<C: ConnectionTrait>(
    db: &C,
    opportunity: Uuid,
    states: &[ApplicationStatus],
) -> Result<Vec<application::Model>, DbErr> {
    application::Entity::find()
        .filter(application::Column::OpportunityId.eq(opportunity))
        .filter(application::Column::Status.is_in(states.iter().copied()))
        .order_by_asc(application::Column::CreatedAt)
        .order_by_asc(application::Column::Id)
        .all(db)
        .await
}

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    row: application::ActiveModel,
) -> Result<application::Model, DbErr> {
    row.insert(db).await
}

/// Writes `row` over the application if it is still at `version` and in `from` (then at
/// `version + 1`); `false` when someone changed it meanwhile.
pub async fn update<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    version: i32,
    from: ApplicationStatus,
    mut row: application::ActiveModel,
) -> Result<bool, DbErr> {
    row.version = Set(version + 1);
    let done = application::Entity::update_many()
        .set(row)
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::Version.eq(version))
        .filter(application::Column::Status.eq(from))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// The steps of applications, oldest first.
pub async fn steps_of<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<Vec<application_step::Model>, DbErr> {
    application_step::Entity::find()
        .filter(application_step::Column::ApplicationId.is_in(ids.iter().copied()))
        .order_by_asc(application_step::Column::At)
        .order_by_asc(application_step::Column::Id)
        .all(db)
        .await
}

pub async fn insert_step<C: ConnectionTrait>(
    db: &C,
    row: application_step::ActiveModel,
) -> Result<(), DbErr> {
    row.insert(db).await?;
    Ok(())
}
