//! The opportunities' queries.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use shared::{CaseStatus, OpportunityStatus, ProfileSection};
use uuid::Uuid;

use crate::entities::{
    application, attempt, employer, opportunity, profile, profile_section, user,
};

/// What a staff list asks for.
pub struct Filter {
    pub status: Option<OpportunityStatus>,
    pub employer: Option<Uuid>,
    pub before: Option<Uuid>,
    pub limit: u64,
}

/// The agency's opportunities, newest first.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    f: Filter,
) -> Result<Vec<opportunity::Model>, DbErr> {
    let mut q = opportunity::Entity::find()
        .filter(opportunity::Column::AgencyId.eq(agency))
        .order_by_desc(opportunity::Column::Id)
        .limit(f.limit);
    if let Some(s) = f.status {
        q = q.filter(opportunity::Column::Status.eq(s));
    }
    if let Some(e) = f.employer {
        q = q.filter(opportunity::Column::EmployerId.eq(e));
    }
    if let Some(before) = f.before {
        q = q.filter(opportunity::Column::Id.lt(before));
    }
    q.all(db).await
}

/// An opportunity of the agency.
pub async fn one<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    id: Uuid,
) -> Result<Option<opportunity::Model>, DbErr> {
    opportunity::Entity::find_by_id(id)
        .filter(opportunity::Column::AgencyId.eq(agency))
        .one(db)
        .await
}

/// A published opportunity still open on `today`, of any agency.
pub async fn published<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    today: NaiveDate,
) -> Result<Option<opportunity::Model>, DbErr> {
    opportunity::Entity::find_by_id(id)
        .filter(opportunity::Column::Status.eq(OpportunityStatus::Published))
        .filter(opportunity::Column::ClosesOn.gte(today))
        .one(db)
        .await
}

/// Every agency's published opportunities still open on `today`.
pub async fn all_open<C: ConnectionTrait>(
    db: &C,
    today: NaiveDate,
) -> Result<Vec<opportunity::Model>, DbErr> {
    opportunity::Entity::find()
        .filter(opportunity::Column::Status.eq(OpportunityStatus::Published))
        .filter(opportunity::Column::ClosesOn.gte(today))
        .all(db)
        .await
}

/// Opportunities by id, of any agency and status.
pub async fn by_ids<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<Vec<opportunity::Model>, DbErr> {
    opportunity::Entity::find()
        .filter(opportunity::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    row: opportunity::ActiveModel,
) -> Result<opportunity::Model, DbErr> {
    row.insert(db).await
}

/// Writes `row` over the opportunity if it is still at `version` (then at `version + 1`);
/// `false` when someone changed it meanwhile.
pub async fn update<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    version: i32,
    mut row: opportunity::ActiveModel,
) -> Result<bool, DbErr> {
    row.version = Set(version + 1);
    let done = opportunity::Entity::update_many()
        .set(row)
        .filter(opportunity::Column::Id.eq(id))
        .filter(opportunity::Column::Version.eq(version))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// The employers of `ids`, by id.
pub async fn employers<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, employer::Model>, DbErr> {
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(employer::Entity::find()
        .filter(employer::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect())
}

/// A woman of the agency whom a counsellor may find for an opportunity.
#[derive(Debug, sea_orm::FromQueryResult)]
pub struct Woman {
    pub user_id: Uuid,
    pub name: String,
    pub municipality: Option<String>,
}

/// The agency's jobseekers whose case is open (not closed), with a live account; with
/// `only`, that one.
pub async fn women_of<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    only: Option<Uuid>,
) -> Result<Vec<Woman>, DbErr> {
    let mut q = profile::Entity::find();
    if let Some(id) = only {
        q = q.filter(profile::Column::UserId.eq(id));
    }
    q.select_only()
        .columns([profile::Column::UserId, profile::Column::Municipality])
        .column(user::Column::Name)
        .join(
            JoinType::InnerJoin,
            profile::Entity::belongs_to(user::Entity)
                .from(profile::Column::UserId)
                .to(user::Column::Id)
                .into(),
        )
        .filter(profile::Column::AgencyId.eq(agency))
        .filter(profile::Column::CaseStatus.ne(CaseStatus::Closed))
        .filter(user::Column::ErasedAt.is_null())
        .filter(user::Column::DisabledAt.is_null())
        .into_model::<Woman>()
        .all(db)
        .await
}

/// One profile section of every jobseeker of the agency.
pub async fn sections_in<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    section: ProfileSection,
) -> Result<Vec<profile_section::Model>, DbErr> {
    profile_section::Entity::find()
        .filter(profile_section::Column::Section.eq(section))
        .filter(
            profile_section::Column::UserId.in_subquery(
                Query::select()
                    .column(profile::Column::UserId)
                    .from(profile::Entity)
                    .and_where(Expr::col(profile::Column::AgencyId).eq(agency))
                    .to_owned(),
            ),
        )
        .all(db)
        .await
}

/// The scored attempts (submitted or validated) of the agency's jobseekers, or of one.
pub async fn scored_attempts<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    user: Option<Uuid>,
) -> Result<Vec<attempt::Model>, DbErr> {
    let mut q = attempt::Entity::find()
        .filter(attempt::Column::AgencyId.eq(agency))
        .filter(attempt::Column::Scores.is_not_null());
    if let Some(u) = user {
        q = q.filter(attempt::Column::UserId.eq(u));
    }
    q.all(db).await
}

/// A jobseeker of the agency with a live account whose case is open.
pub async fn jobseeker_of_agency<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    id: Uuid,
) -> Result<Option<Woman>, DbErr> {
    Ok(women_of(db, agency, Some(id)).await?.pop())
}

/// Who has an application (or a proposal) for an opportunity, and where it is.
pub async fn application_states<C: ConnectionTrait>(
    db: &C,
    opportunity: Uuid,
) -> Result<HashMap<Uuid, shared::ApplicationStatus>, DbErr> {
    Ok(application::Entity::find()
        .filter(application::Column::OpportunityId.eq(opportunity))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.user_id, a.status))
        .collect())
}
