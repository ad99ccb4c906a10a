//! Queries of profiles, their sections and changes, case notes, and the records an export
//! gathers, over any connection or transaction.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, JoinType,
    QueryFilter, QueryOrder, QuerySelect, Set, SqlErr,
};
use serde_json::{Value, json};
use shared::{CaseStatus, ProfileSection, Role};
use uuid::Uuid;

use crate::entities::{
    audit_log, case_note, consent, profile, profile_change, profile_section, session, user,
};

/// Her sections as stored.
pub async fn sections_of<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
) -> Result<Vec<profile_section::Model>, DbErr> {
    profile_section::Entity::find()
        .filter(profile_section::Column::UserId.eq(user))
        .all(db)
        .await
}

/// Her profile's summary row (completeness, municipality, case status).
pub async fn summary_of<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
) -> Result<Option<profile::Model>, DbErr> {
    profile::Entity::find_by_id(user).one(db).await
}

pub async fn section<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    section: ProfileSection,
) -> Result<Option<profile_section::Model>, DbErr> {
    profile_section::Entity::find_by_id((user, section))
        .one(db)
        .await
}

/// A section's answers at `version`, written by `by`.
pub struct SectionRow {
    pub user: Uuid,
    pub section: ProfileSection,
    pub data: Value,
    pub version: i32,
    pub at: DateTime<Utc>,
    pub by: Uuid,
}

/// Writes the section's next version: the `first`, or an update of the version before it.
/// `false` when another writer got there first.
pub async fn write_section<C: ConnectionTrait>(
    db: &C,
    row: &SectionRow,
    first: bool,
) -> Result<bool, DbErr> {
    if !first {
        let res = profile_section::Entity::update_many()
            .col_expr(profile_section::Column::Data, Expr::value(row.data.clone()))
            .col_expr(profile_section::Column::Version, Expr::value(row.version))
            .col_expr(profile_section::Column::UpdatedAt, Expr::value(row.at))
            .col_expr(profile_section::Column::UpdatedBy, Expr::value(row.by))
            .filter(profile_section::Column::UserId.eq(row.user))
            .filter(profile_section::Column::Section.eq(row.section))
            .filter(profile_section::Column::Version.eq(row.version - 1))
            .exec(db)
            .await?;
        return Ok(res.rows_affected == 1);
    }
    let inserted = profile_section::ActiveModel {
        user_id: Set(row.user),
        section: Set(row.section),
        data: Set(row.data.clone()),
        version: Set(row.version),
        updated_at: Set(row.at),
        updated_by: Set(row.by),
    }
    .insert(db)
    .await;
    match inserted {
        Ok(_) => Ok(true),
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => Ok(false),
        Err(e) => Err(e),
    }
}

/// One line of the change history: which fields of the section changed, by whom.
pub async fn insert_change<C: ConnectionTrait>(
    db: &C,
    row: &SectionRow,
    role: Role,
    fields: &[String],
) -> Result<(), DbErr> {
    profile_change::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(row.user),
        section: Set(row.section),
        version: Set(row.version),
        changed_at: Set(row.at),
        changed_by: Set(row.by),
        changed_by_role: Set(role),
        fields: Set(json!(fields)),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The summary the caseload filters on; `municipality` when it changed.
pub async fn update_summary<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    completeness: i16,
    at: DateTime<Utc>,
    municipality: Option<Option<String>>,
) -> Result<(), DbErr> {
    let mut q = profile::Entity::update_many()
        .col_expr(profile::Column::Completeness, Expr::value(completeness))
        .col_expr(profile::Column::UpdatedAt, Expr::value(at))
        .filter(profile::Column::UserId.eq(user));
    if let Some(m) = municipality {
        q = q.col_expr(profile::Column::Municipality, Expr::value(m));
    }
    q.exec(db).await?;
    Ok(())
}

pub async fn set_case_status<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    status: CaseStatus,
) -> Result<(), DbErr> {
    profile::Entity::update_many()
        .col_expr(profile::Column::CaseStatus, Expr::value(status))
        .filter(profile::Column::UserId.eq(user))
        .exec(db)
        .await?;
    Ok(())
}

/// The profile row every jobseeker has from registration on.
pub async fn insert_empty<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    agency: Uuid,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    profile::ActiveModel {
        user_id: Set(user),
        agency_id: Set(agency),
        municipality: Set(None),
        completeness: Set(0),
        case_status: Set(CaseStatus::New),
        created_at: Set(at),
        updated_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}

// ---- What an export gathers ----

pub async fn consents_of<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
) -> Result<Vec<consent::Model>, DbErr> {
    consent::Entity::find()
        .filter(consent::Column::UserId.eq(user))
        .order_by_asc(consent::Column::GivenAt)
        .all(db)
        .await
}

/// The changes of her profile, oldest first.
pub async fn changes_of<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
) -> Result<Vec<profile_change::Model>, DbErr> {
    profile_change::Entity::find()
        .filter(profile_change::Column::UserId.eq(user))
        .order_by_asc(profile_change::Column::Id)
        .all(db)
        .await
}

pub async fn sessions_of<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
) -> Result<Vec<session::Model>, DbErr> {
    session::Entity::find()
        .filter(session::Column::UserId.eq(user))
        .order_by_asc(session::Column::CreatedAt)
        .all(db)
        .await
}

/// The audit's entries by `actor` or about any of `targets`, oldest first.
pub async fn audit_about<C: ConnectionTrait>(
    db: &C,
    actor: Uuid,
    targets: Vec<Uuid>,
) -> Result<Vec<audit_log::Model>, DbErr> {
    audit_log::Entity::find()
        .filter(
            Condition::any()
                .add(audit_log::Column::ActorId.eq(actor))
                .add(audit_log::Column::TargetId.is_in(targets)),
        )
        .order_by_asc(audit_log::Column::OccurredAt)
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await
}

// ---- Erasure ----

/// The account is erased (and so disabled) from `at` on.
pub async fn mark_erased<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    user::ActiveModel {
        id: Set(user),
        erased_at: Set(Some(at)),
        disabled_at: Set(Some(at)),
        updated_at: Set(at),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

pub async fn erased_before<C: ConnectionTrait>(
    db: &C,
    before: DateTime<Utc>,
) -> Result<Vec<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::ErasedAt.lt(before))
        .all(db)
        .await
}

/// Deletes the account with everything that hangs on it.
pub async fn delete_user<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<(), DbErr> {
    user::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

// ---- Staff ----

/// A jobseeker of the agency, not erased.
pub async fn jobseeker_of_agency<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    id: Uuid,
) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find_by_id(id)
        .filter(user::Column::AgencyId.eq(agency))
        .filter(user::Column::Role.eq(Role::Jobseeker))
        .filter(user::Column::ErasedAt.is_null())
        .one(db)
        .await
}

/// A line of the caseload, as read.
#[derive(Debug, sea_orm::FromQueryResult)]
pub struct CaseloadRow {
    pub user_id: Uuid,
    pub municipality: Option<String>,
    pub completeness: i16,
    pub case_status: CaseStatus,
    pub updated_at: Option<DateTime<Utc>>,
    pub name: String,
    pub email: String,
    pub created_at: DateTime<Utc>,
}

/// What a caseload page holds: the agency's jobseekers matching every filter given, newest
/// first, older than `before`.
pub struct CaseloadQuery<'a> {
    pub agency: Uuid,
    pub municipality: Option<&'a str>,
    pub status: Option<CaseStatus>,
    pub min_completeness: Option<u8>,
    pub max_completeness: Option<u8>,
    /// In her name or email, any case.
    pub search: Option<&'a str>,
    pub before: Option<Uuid>,
    pub limit: u64,
}

fn profile_user() -> sea_orm::RelationDef {
    profile::Entity::belongs_to(user::Entity)
        .from(profile::Column::UserId)
        .to(user::Column::Id)
        .into()
}

/// One query per page.
pub async fn caseload<C: ConnectionTrait>(
    db: &C,
    f: CaseloadQuery<'_>,
) -> Result<Vec<CaseloadRow>, DbErr> {
    let mut q = profile::Entity::find()
        .select_only()
        .columns([
            profile::Column::UserId,
            profile::Column::Municipality,
            profile::Column::Completeness,
            profile::Column::CaseStatus,
            profile::Column::UpdatedAt,
        ])
        .column(user::Column::Name)
        .column(user::Column::Email)
        .column(user::Column::CreatedAt)
        .join(JoinType::InnerJoin, profile_user())
        .filter(profile::Column::AgencyId.eq(f.agency))
        .filter(user::Column::ErasedAt.is_null())
        .order_by_desc(profile::Column::UserId)
        .limit(f.limit);
    if let Some(m) = f.municipality {
        q = q.filter(profile::Column::Municipality.eq(m));
    }
    if let Some(s) = f.status {
        q = q.filter(profile::Column::CaseStatus.eq(s));
    }
    if let Some(min) = f.min_completeness {
        q = q.filter(profile::Column::Completeness.gte(i16::from(min)));
    }
    if let Some(max) = f.max_completeness {
        q = q.filter(profile::Column::Completeness.lte(i16::from(max)));
    }
    if let Some(search) = f.search {
        q =
            q.filter(
                crate::db::contains_text((user::Entity, user::Column::Name), search)
                    .or(Expr::col((user::Entity, user::Column::Email))
                        .like(crate::db::contains_pattern(search))),
            );
    }
    if let Some(before) = f.before {
        q = q.filter(profile::Column::UserId.lt(before));
    }
    q.into_model::<CaseloadRow>().all(db).await
}

/// At most `limit` changes of her profile, newest first, older than `before`.
pub async fn changes_page<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    before: Option<Uuid>,
    limit: u64,
) -> Result<Vec<profile_change::Model>, DbErr> {
    let mut q = profile_change::Entity::find()
        .filter(profile_change::Column::UserId.eq(user))
        .order_by_desc(profile_change::Column::Id)
        .limit(limit);
    if let Some(before) = before {
        q = q.filter(profile_change::Column::Id.lt(before));
    }
    q.all(db).await
}

/// A case note with its author's name.
#[derive(Debug, sea_orm::FromQueryResult)]
pub struct NoteRow {
    pub id: Uuid,
    pub author_id: Uuid,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub author_name: Option<String>,
}

/// Which notes: all, oldest first (an export), or a page, newest first, older than `before`.
pub enum Notes {
    All,
    Page { before: Option<Uuid>, limit: u64 },
}

pub async fn notes<C: ConnectionTrait>(
    db: &C,
    jobseeker: Uuid,
    which: Notes,
) -> Result<Vec<NoteRow>, DbErr> {
    let q = case_note::Entity::find()
        .select_only()
        .columns([
            case_note::Column::Id,
            case_note::Column::AuthorId,
            case_note::Column::Body,
            case_note::Column::CreatedAt,
        ])
        .column_as(user::Column::Name, "author_name")
        .join(
            JoinType::LeftJoin,
            case_note::Entity::belongs_to(user::Entity)
                .from(case_note::Column::AuthorId)
                .to(user::Column::Id)
                .into(),
        )
        .filter(case_note::Column::JobseekerId.eq(jobseeker));
    let q = match which {
        Notes::All => q.order_by_asc(case_note::Column::Id),
        Notes::Page { before, limit } => {
            let q = q.order_by_desc(case_note::Column::Id).limit(limit);
            match before {
                Some(b) => q.filter(case_note::Column::Id.lt(b)),
                None => q,
            }
        }
    };
    q.into_model::<NoteRow>().all(db).await
}

pub async fn insert_note<C: ConnectionTrait>(
    db: &C,
    jobseeker: Uuid,
    agency: Uuid,
    author: Uuid,
    body: &str,
    at: DateTime<Utc>,
) -> Result<case_note::Model, DbErr> {
    case_note::ActiveModel {
        id: Set(Uuid::now_v7()),
        jobseeker_id: Set(jobseeker),
        agency_id: Set(agency),
        author_id: Set(author),
        body: Set(body.to_owned()),
        created_at: Set(at),
    }
    .insert(db)
    .await
}
