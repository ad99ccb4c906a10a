//! The profile's use cases: her reads and section saves (optimistic concurrency), export and
//! erasure; the staff's caseload, profile view, change history, case status and case notes.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, JoinType, QueryFilter,
    QueryOrder, QuerySelect, Set, SqlErr, TransactionTrait,
};
use serde_json::{Value, json};
use shared::limits::CASE_NOTE;
use shared::{
    AboutMe, AuditRecord, Availability, CaseNote, CaseStatus, CaseloadEntry, Completeness,
    Conciliation, ConsentRecord, Education, ErasureReceipt, FieldCode, Goals, Household, Language,
    Page, Profile, ProfileChange, ProfileExport, ProfileSection, Role, SectionData,
    SectionProgress, SectionState, SessionRecord, UserId, WorkHistory,
};
use uuid::Uuid;

use super::needs::{self, Answers};
use super::rules::{Context, Rules};
use crate::accounts;
use crate::audit::{self, AuditEvent};
use crate::caller::Caller;
use crate::entities::{
    audit_log, case_note, consent, message, message_edit, message_reaction, profile,
    profile_change, profile_section, room_member, session, user,
};
use crate::error::Issues;
use crate::error::{ApiError, FieldIssue};
use crate::pagination;
use crate::session::AuthUser;
use crate::state::AppState;

/// Staff who may read profiles and write case notes.
const CASE_STAFF: &[Role] = &[Role::Counsellor, Role::Admin];

/// A section that can be saved: its rules, and the municipality it names (checked against
/// the reference list).
pub trait Saveable: SectionData + Rules {
    fn municipality(&self) -> Option<&str> {
        None
    }
}

impl Saveable for AboutMe {
    fn municipality(&self) -> Option<&str> {
        self.municipality.as_deref()
    }
}
impl Saveable for Household {}
impl Saveable for Conciliation {}
impl Saveable for Education {}
impl Saveable for WorkHistory {}
impl Saveable for Availability {}
impl Saveable for Goals {}

fn today() -> chrono::NaiveDate {
    Utc::now().date_naive()
}

fn state_of<T: SectionData>(rows: &[profile_section::Model]) -> Result<SectionState<T>, ApiError> {
    match rows.iter().find(|r| r.section == T::SECTION) {
        Some(row) => {
            let data: T = serde_json::from_value(row.data.clone()).map_err(|e| {
                ApiError::Internal(anyhow::Error::new(e).context("stored section unreadable"))
            })?;
            Ok(SectionState {
                completeness: data.completeness(),
                data,
                version: u32::try_from(row.version).unwrap_or(0),
                updated_at: Some(row.updated_at),
            })
        }
        None => {
            let data = T::default();
            Ok(SectionState {
                completeness: data.completeness(),
                data,
                version: 0,
                updated_at: None,
            })
        }
    }
}

fn progress<T: SectionData>(s: &SectionState<T>) -> SectionProgress {
    SectionProgress {
        section: T::SECTION,
        version: s.version,
        completeness: s.completeness,
    }
}

/// Builds the profile from its stored rows (no further queries).
fn assemble(
    state: &AppState,
    owner: &user::Model,
    summary: Option<&profile::Model>,
    rows: &[profile_section::Model],
    lang: Language,
) -> Result<Profile, ApiError> {
    let about_me: SectionState<AboutMe> = state_of(rows)?;
    let household: SectionState<Household> = state_of(rows)?;
    let conciliation: SectionState<Conciliation> = state_of(rows)?;
    let education: SectionState<Education> = state_of(rows)?;
    let work_history: SectionState<WorkHistory> = state_of(rows)?;
    let availability: SectionState<Availability> = state_of(rows)?;
    let goals: SectionState<Goals> = state_of(rows)?;
    let sections = vec![
        progress(&about_me),
        progress(&household),
        progress(&conciliation),
        progress(&education),
        progress(&work_history),
        progress(&availability),
        progress(&goals),
    ];
    let completeness = overall(&sections);
    let needs = needs::derive(
        &Answers {
            household: &household.data,
            conciliation: &conciliation.data,
            availability: &availability.data,
        },
        today(),
        lang,
    );
    let municipality_name = about_me
        .data
        .municipality
        .as_ref()
        .and_then(|c| state.municipalities.get(c))
        .map(|m| m.name.clone());
    Ok(Profile {
        user_id: UserId(owner.id),
        name: owner.name.clone(),
        agency_id: owner.agency_id.into(),
        about_me,
        household,
        conciliation,
        education,
        work_history,
        availability,
        goals,
        completeness,
        sections,
        needs,
        municipality_name,
        case_status: summary.map(|p| p.case_status).unwrap_or(CaseStatus::New),
        updated_at: summary.and_then(|p| p.updated_at),
    })
}

fn overall(sections: &[SectionProgress]) -> Completeness {
    let (answered, total) = sections.iter().fold((0u8, 0u8), |(a, t), s| {
        (a + s.completeness.answered, t + s.completeness.total)
    });
    Completeness::of(answered, total)
}

async fn load<C: ConnectionTrait>(
    state: &AppState,
    db: &C,
    owner: &user::Model,
    lang: Language,
) -> Result<Profile, ApiError> {
    let rows = profile_section::Entity::find()
        .filter(profile_section::Column::UserId.eq(owner.id))
        .all(db)
        .await?;
    let summary = profile::Entity::find_by_id(owner.id).one(db).await?;
    assemble(state, owner, summary.as_ref(), &rows, lang)
}

/// Her own profile.
pub async fn my_profile(
    state: &AppState,
    auth: &AuthUser,
    lang: Language,
) -> Result<Profile, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    load(state, &state.db, &auth.user, lang).await
}

/// `"3"` (or `W/"3"`) → 3; anything else answers 412, as no version can match it.
fn parse_if_match(if_match: Option<&str>) -> Result<u32, ApiError> {
    let raw = if_match.ok_or(ApiError::PreconditionRequired)?.trim();
    let raw = raw.strip_prefix("W/").unwrap_or(raw);
    raw.strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .and_then(|v| v.parse().ok())
        .ok_or(ApiError::PreconditionFailed)
}

/// The top-level fields whose answer differs.
fn changed_fields(old: &Value, new: &Value) -> Vec<String> {
    let empty = serde_json::Map::new();
    let old = old.as_object().unwrap_or(&empty);
    let new = new.as_object().unwrap_or(&empty);
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| {
            let o = old.get(*k).unwrap_or(&Value::Null);
            let n = new.get(*k).unwrap_or(&Value::Null);
            o != n
        })
        .cloned()
        .collect()
}

/// Saves one section of her profile if `If-Match` names its current version. Saving the same
/// answers again changes nothing (same version, no history entry).
pub async fn save_section<T: Saveable>(
    state: &AppState,
    auth: &AuthUser,
    if_match: Option<&str>,
    mut data: T,
) -> Result<SectionState<T>, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    let mut issues = Issues::default();
    data.check(&Context { today: today() }, &mut issues);
    if let Some(code) = data.municipality()
        && !state.municipalities.contains_key(code)
    {
        issues.push(FieldIssue::new(
            "/municipality",
            FieldCode::MunicipalityUnknown,
        ));
    }
    issues.finish()?;
    let expected = parse_if_match(if_match)?;
    let section = T::SECTION;
    let new_json = serde_json::to_value(&data)
        .map_err(|e| ApiError::Internal(anyhow::Error::new(e).context("section to JSON")))?;

    // Read, compare and give up early outside the transaction; the write below is guarded by
    // the version, so a concurrent writer still loses. Writing first inside the transaction
    // also lets SQLite wait for its write lock instead of failing a read-to-write upgrade.
    let stored = profile_section::Entity::find_by_id((auth.user_id, section))
        .one(&state.db)
        .await?;
    let current_version = stored
        .as_ref()
        .map_or(0, |r| u32::try_from(r.version).unwrap_or(0));
    if expected != current_version {
        return Err(ApiError::PreconditionFailed);
    }
    let old_json = stored.as_ref().map_or(json!({}), |r| r.data.clone());
    let fields = changed_fields(&old_json, &new_json);
    if fields.is_empty() {
        return match stored {
            Some(row) => state_of::<T>(&[row]),
            None => state_of::<T>(&[]),
        };
    }
    let now = Utc::now();
    let version = i32::try_from(current_version + 1)
        .map_err(|_| ApiError::Internal(anyhow::anyhow!("version overflow")))?;
    let txn = state.db.begin().await?;
    if stored.is_some() {
        let res = profile_section::Entity::update_many()
            .col_expr(profile_section::Column::Data, Expr::value(new_json.clone()))
            .col_expr(profile_section::Column::Version, Expr::value(version))
            .col_expr(profile_section::Column::UpdatedAt, Expr::value(now))
            .col_expr(
                profile_section::Column::UpdatedBy,
                Expr::value(auth.user_id),
            )
            .filter(profile_section::Column::UserId.eq(auth.user_id))
            .filter(profile_section::Column::Section.eq(section))
            .filter(profile_section::Column::Version.eq(version - 1))
            .exec(&txn)
            .await?;
        if res.rows_affected != 1 {
            return Err(ApiError::PreconditionFailed);
        }
    } else {
        let inserted = profile_section::ActiveModel {
            user_id: Set(auth.user_id),
            section: Set(section),
            data: Set(new_json.clone()),
            version: Set(version),
            updated_at: Set(now),
            updated_by: Set(auth.user_id),
        }
        .insert(&txn)
        .await;
        match inserted {
            Ok(_) => {}
            Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                return Err(ApiError::PreconditionFailed);
            }
            Err(e) => return Err(e.into()),
        }
    }
    profile_change::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(auth.user_id),
        section: Set(section),
        version: Set(version),
        changed_at: Set(now),
        changed_by: Set(auth.user_id),
        changed_by_role: Set(auth.role),
        fields: Set(json!(fields)),
    }
    .insert(&txn)
    .await?;

    // The summary the caseload filters on: overall completeness and municipality.
    let saved = SectionState {
        completeness: data.completeness(),
        data,
        version: u32::try_from(version).unwrap_or(0),
        updated_at: Some(now),
    };
    let rows = profile_section::Entity::find()
        .filter(profile_section::Column::UserId.eq(auth.user_id))
        .all(&txn)
        .await?;
    let mut all: BTreeMap<ProfileSection, Completeness> = BTreeMap::new();
    for row in &rows {
        all.insert(row.section, stored_completeness(row)?);
    }
    let sections: Vec<SectionProgress> = ProfileSection::ALL
        .iter()
        .map(|s| SectionProgress {
            section: *s,
            version: 0,
            completeness: all
                .get(s)
                .copied()
                .unwrap_or_else(|| empty_completeness(*s)),
        })
        .collect();
    let mut summary = profile::Entity::update_many()
        .col_expr(
            profile::Column::Completeness,
            Expr::value(i16::from(overall(&sections).percent)),
        )
        .col_expr(profile::Column::UpdatedAt, Expr::value(now))
        .filter(profile::Column::UserId.eq(auth.user_id));
    if T::SECTION == ProfileSection::AboutMe {
        summary = summary.col_expr(
            profile::Column::Municipality,
            Expr::value(saved.data.municipality().map(str::to_owned)),
        );
    }
    summary.exec(&txn).await?;
    txn.commit().await?;
    Ok(saved)
}

fn stored_completeness(row: &profile_section::Model) -> Result<Completeness, ApiError> {
    fn of<T: SectionData>(v: &Value) -> Result<Completeness, ApiError> {
        serde_json::from_value::<T>(v.clone())
            .map(|d| d.completeness())
            .map_err(|e| ApiError::Internal(anyhow::Error::new(e).context("stored section")))
    }
    match row.section {
        ProfileSection::AboutMe => of::<AboutMe>(&row.data),
        ProfileSection::Household => of::<Household>(&row.data),
        ProfileSection::Conciliation => of::<Conciliation>(&row.data),
        ProfileSection::Education => of::<Education>(&row.data),
        ProfileSection::WorkHistory => of::<WorkHistory>(&row.data),
        ProfileSection::Availability => of::<Availability>(&row.data),
        ProfileSection::Goals => of::<Goals>(&row.data),
    }
}

/// The completeness of a section not yet answered (its number of questions).
pub fn empty_completeness(section: ProfileSection) -> Completeness {
    match section {
        ProfileSection::AboutMe => AboutMe::default().completeness(),
        ProfileSection::Household => Household::default().completeness(),
        ProfileSection::Conciliation => Conciliation::default().completeness(),
        ProfileSection::Education => Education::default().completeness(),
        ProfileSection::WorkHistory => WorkHistory::default().completeness(),
        ProfileSection::Availability => Availability::default().completeness(),
        ProfileSection::Goals => Goals::default().completeness(),
    }
}

fn change_dto(c: profile_change::Model) -> ProfileChange {
    ProfileChange {
        section: c.section,
        version: u32::try_from(c.version).unwrap_or(0),
        changed_at: c.changed_at,
        changed_by: UserId(c.changed_by),
        changed_by_role: c.changed_by_role,
        fields: serde_json::from_value(c.fields).unwrap_or_default(),
    }
}

/// Everything held about her.
pub async fn export(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    lang: Language,
) -> Result<ProfileExport, ApiError> {
    // Staff export their own account too: everything but a profile and assessments.
    let jobseeker = auth.role == Role::Jobseeker;
    let profile = match jobseeker {
        true => Some(load(state, &state.db, &auth.user, lang).await?),
        false => None,
    };
    let consents = consent::Entity::find()
        .filter(consent::Column::UserId.eq(auth.user_id))
        .order_by_asc(consent::Column::GivenAt)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|c| ConsentRecord {
            purpose: c.purpose,
            text_version: c.text_version,
            language: c.language,
            given_at: c.given_at,
            withdrawn_at: c.withdrawn_at,
        })
        .collect();
    let history = profile_change::Entity::find()
        .filter(profile_change::Column::UserId.eq(auth.user_id))
        .order_by_asc(profile_change::Column::Id)
        .all(&state.db)
        .await?
        .into_iter()
        .map(change_dto)
        .collect();
    let case_notes = notes_query(auth.user_id)
        .order_by_asc(case_note::Column::Id)
        .into_model::<NoteRow>()
        .all(&state.db)
        .await?
        .into_iter()
        .map(note_dto)
        .collect();
    let assessments = match jobseeker {
        true => crate::assessment::attempts::list(state, auth).await?,
        false => Vec::new(),
    };
    let portfolio_shares = crate::assessment::portfolio::share_records(state, auth.user_id).await?;
    let community = crate::community::export(state, auth.user_id).await?;
    let sessions: Vec<SessionRecord> = session::Entity::find()
        .filter(session::Column::UserId.eq(auth.user_id))
        .order_by_asc(session::Column::CreatedAt)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|s| SessionRecord {
            id: s.id,
            created_at: s.created_at,
            revoked_at: s.revoked_at,
            revoked_reason: s.revoked_reason,
        })
        .collect();
    // The audit's entries by her, about her, her sessions and her links.
    let mine: Vec<Uuid> = sessions
        .iter()
        .map(|s| s.id)
        .chain(portfolio_shares.iter().map(|s| s.share.id))
        .chain([auth.user_id])
        .collect();
    let audit_entries = audit_log::Entity::find()
        .filter(
            Condition::any()
                .add(audit_log::Column::ActorId.eq(auth.user_id))
                .add(audit_log::Column::TargetId.is_in(mine)),
        )
        .order_by_asc(audit_log::Column::OccurredAt)
        .order_by_asc(audit_log::Column::Id)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|e| AuditRecord {
            occurred_at: e.occurred_at,
            action: e.action,
            actor_id: e.actor_id,
            target_type: e.target_type,
            target_id: e.target_id,
        })
        .collect();
    audit::record(
        &state.db,
        AuditEvent::new("data_exported")
            .actor(auth.user_id)
            .target("user", auth.user_id)
            .agency(auth.agency_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    Ok(ProfileExport {
        exported_at: Utc::now(),
        account: accounts::account_dto(auth.user.clone()),
        consents,
        profile,
        history,
        case_notes,
        assessments,
        portfolio_shares,
        community,
        sessions,
        audit: audit_entries,
    })
}

/// She asks for erasure, confirming with her password: from now on she is in no view and
/// cannot sign in; her records are purged after the retention period.
pub async fn erase(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    password_given: String,
) -> Result<ErasureReceipt, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    state.throttle.check_password_check(auth.user_id)?;
    let stored = auth.user.password_hash.clone().unwrap_or_default();
    if stored.is_empty() || !accounts::verify_password(password_given, stored).await? {
        return Err(ApiError::Validation(vec![FieldIssue::new(
            "/password",
            FieldCode::CurrentPasswordWrong,
        )]));
    }
    let now = Utc::now();
    let txn = state.db.begin().await?;
    user::ActiveModel {
        id: Set(auth.user_id),
        erased_at: Set(Some(now)),
        disabled_at: Set(Some(now)),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    accounts::revoke_user_sessions(&txn, auth.user_id, None, "erased").await?;
    // Out of the community at once: her messages lose their text (their places stay, so
    // the rooms' numbering holds), out of history, search, socket replay and quotes; her
    // reactions and memberships go. The rows themselves go with the purge.
    let her_messages: Vec<(Uuid, Uuid)> = message::Entity::find()
        .filter(message::Column::SenderId.eq(auth.user_id))
        .filter(message::Column::DeletedAt.is_null())
        .all(&txn)
        .await?
        .into_iter()
        .map(|m| (m.room_id, m.id))
        .collect();
    message::Entity::update_many()
        .col_expr(message::Column::DeletedAt, Expr::value(now))
        .col_expr(message::Column::Body, Expr::value(""))
        .filter(message::Column::SenderId.eq(auth.user_id))
        .exec(&txn)
        .await?;
    message_edit::Entity::delete_many()
        .filter(
            message_edit::Column::MessageId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(message::Column::Id)
                    .from(message::Entity)
                    .and_where(message::Column::SenderId.eq(auth.user_id))
                    .to_owned(),
            ),
        )
        .exec(&txn)
        .await?;
    message_reaction::Entity::delete_many()
        .filter(message_reaction::Column::UserId.eq(auth.user_id))
        .exec(&txn)
        .await?;
    let rooms = room_member::Entity::find()
        .filter(room_member::Column::UserId.eq(auth.user_id))
        .all(&txn)
        .await?;
    room_member::Entity::delete_many()
        .filter(room_member::Column::UserId.eq(auth.user_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        AuditEvent::new("erasure_requested")
            .actor(auth.user_id)
            .target("user", auth.user_id)
            .agency(auth.agency_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    txn.commit().await?;
    state.hub.end_sessions(crate::realtime::Ended::User {
        user: auth.user_id,
        keep: None,
    });
    for m in rooms {
        state.hub.unsubscribe_user(auth.user_id, m.room_id);
    }
    crate::community::announce_removed(state, her_messages).await;
    Ok(ErasureReceipt {
        erased_at: now,
        purge_after: now + retention(state),
    })
}

fn retention(state: &AppState) -> Duration {
    Duration::days(i64::from(state.settings.privacy.erasure_retention_days))
}

/// Deletes, with everything that hangs on them, the accounts erased before `before`. The audit
/// log keeps their ids. Returns how many were purged.
pub async fn purge_erased(
    db: &sea_orm::DatabaseConnection,
    before: DateTime<Utc>,
) -> Result<usize, sea_orm::DbErr> {
    let due: Vec<user::Model> = user::Entity::find()
        .filter(user::Column::ErasedAt.lt(before))
        .all(db)
        .await?;
    for u in &due {
        let txn = db.begin().await?;
        user::Entity::delete_by_id(u.id).exec(&txn).await?;
        audit::record(
            &txn,
            AuditEvent::new("account_purged")
                .target("user", u.id)
                .agency(u.agency_id),
        )
        .await?;
        txn.commit().await?;
    }
    Ok(due.len())
}

/// Runs [`purge_erased`] for the retention period in settings.
pub async fn purge_due(state: &AppState) -> Result<usize, sea_orm::DbErr> {
    purge_erased(&state.db, Utc::now() - retention(state)).await
}

// ---- Staff ----

/// A jobseeker of the caller's agency, not erased; 404 otherwise. Only counsellors and admins.
async fn case_of(state: &AppState, staff: &AuthUser, id: Uuid) -> Result<user::Model, ApiError> {
    staff.require(CASE_STAFF)?;
    user::Entity::find_by_id(id)
        .filter(user::Column::AgencyId.eq(staff.agency_id))
        .filter(user::Column::Role.eq(Role::Jobseeker))
        .filter(user::Column::ErasedAt.is_null())
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)
}

fn staff_read(action: &'static str, staff: &AuthUser, target: Uuid, caller: &Caller) -> AuditEvent {
    AuditEvent::new(action)
        .actor(staff.user_id)
        .target("user", target)
        .agency(staff.agency_id)
        .request(caller.request_id.as_deref())
}

/// A counsellor reads a jobseeker's profile (audited).
pub async fn staff_profile(
    state: &AppState,
    caller: &Caller,
    staff: &AuthUser,
    id: Uuid,
    lang: Language,
) -> Result<Profile, ApiError> {
    let owner = case_of(state, staff, id).await?;
    let profile = load(state, &state.db, &owner, lang).await?;
    audit::record(&state.db, staff_read("profile_viewed", staff, id, caller)).await?;
    Ok(profile)
}

/// Filters of the caseload.
#[derive(Debug, Default, Clone)]
pub struct CaseloadFilter {
    pub municipality: Option<String>,
    pub status: Option<CaseStatus>,
    pub min_completeness: Option<u8>,
    pub max_completeness: Option<u8>,
    pub q: Option<String>,
    pub page_size: Option<u64>,
    pub page_token: Option<String>,
}

#[derive(Debug, sea_orm::FromQueryResult)]
struct CaseloadRow {
    user_id: Uuid,
    municipality: Option<String>,
    completeness: i16,
    case_status: CaseStatus,
    updated_at: Option<DateTime<Utc>>,
    name: String,
    email: String,
    created_at: DateTime<Utc>,
}

/// The agency's jobseekers, newest first, one query per page.
pub async fn caseload(
    state: &AppState,
    caller: &Caller,
    staff: &AuthUser,
    f: CaseloadFilter,
) -> Result<Page<CaseloadEntry>, ApiError> {
    staff.require(CASE_STAFF)?;
    let size = pagination::page_size(f.page_size)?;
    let mut issues = Issues::default();
    for (value, pointer) in [
        (f.min_completeness, "/min_completeness"),
        (f.max_completeness, "/max_completeness"),
    ] {
        if value.is_some_and(|v| v > 100) {
            issues.push(FieldIssue::new(pointer, FieldCode::NumberOutOfRange));
        }
    }
    let search = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    if search.is_some_and(|q| q.chars().count() > 100) {
        issues.push(FieldIssue::new("/q", FieldCode::SearchTooLong));
    }
    if let Some(code) = &f.municipality
        && state
            .municipalities
            .get(code)
            .is_none_or(|m| m.agency_id.0 != staff.agency_id)
    {
        issues.push(FieldIssue::new(
            "/municipality",
            FieldCode::MunicipalityUnknown,
        ));
    }
    issues.finish()?;

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
        .filter(profile::Column::AgencyId.eq(staff.agency_id))
        .filter(user::Column::ErasedAt.is_null())
        .order_by_desc(profile::Column::UserId)
        .limit(size + 1);
    if let Some(m) = &f.municipality {
        q = q.filter(profile::Column::Municipality.eq(m.as_str()));
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
    if let Some(search) = search {
        let escaped: String = search
            .to_lowercase()
            .chars()
            .flat_map(|c| match c {
                '%' | '_' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        let pattern = format!("%{escaped}%");
        q = q.filter(
            Expr::expr(Func::lower(Expr::col((user::Entity, user::Column::Name))))
                .like(LikeExpr::new(pattern.clone()).escape('\\'))
                .or(Expr::col((user::Entity, user::Column::Email))
                    .like(LikeExpr::new(pattern).escape('\\'))),
        );
    }
    if let Some(token) = &f.page_token {
        q = q.filter(profile::Column::UserId.lt(pagination::decode_cursor(token)?));
    }
    let mut rows = q.into_model::<CaseloadRow>().all(&state.db).await?;
    let next_page_token = pagination::finish_page(&mut rows, size, |r| r.user_id);
    audit::record(
        &state.db,
        AuditEvent::new("caseload_listed")
            .actor(staff.user_id)
            .agency(staff.agency_id)
            .details(json!({ "count": rows.len() }))
            .request(caller.request_id.as_deref()),
    )
    .await?;
    Ok(Page {
        items: rows
            .into_iter()
            .map(|r| CaseloadEntry {
                user_id: UserId(r.user_id),
                municipality_name: r
                    .municipality
                    .as_ref()
                    .and_then(|c| state.municipalities.get(c))
                    .map(|m| m.name.clone()),
                municipality: r.municipality,
                completeness: u8::try_from(r.completeness).unwrap_or(0),
                case_status: r.case_status,
                name: r.name,
                email: r.email,
                registered_at: r.created_at,
                profile_updated_at: r.updated_at,
            })
            .collect(),
        next_page_token,
    })
}

fn profile_user() -> sea_orm::RelationDef {
    profile::Entity::belongs_to(user::Entity)
        .from(profile::Column::UserId)
        .to(user::Column::Id)
        .into()
}

/// The history of changes of a jobseeker's profile, newest first (audited).
pub async fn history(
    state: &AppState,
    caller: &Caller,
    staff: &AuthUser,
    id: Uuid,
    page_size: Option<u64>,
    page_token: Option<&str>,
) -> Result<Page<ProfileChange>, ApiError> {
    let size = pagination::page_size(page_size)?;
    case_of(state, staff, id).await?;
    let mut q = profile_change::Entity::find()
        .filter(profile_change::Column::UserId.eq(id))
        .order_by_desc(profile_change::Column::Id)
        .limit(size + 1);
    if let Some(token) = page_token {
        q = q.filter(profile_change::Column::Id.lt(pagination::decode_cursor(token)?));
    }
    let mut rows = q.all(&state.db).await?;
    let next_page_token = pagination::finish_page(&mut rows, size, |r| r.id);
    audit::record(
        &state.db,
        staff_read("profile_history_viewed", staff, id, caller),
    )
    .await?;
    Ok(Page {
        items: rows.into_iter().map(change_dto).collect(),
        next_page_token,
    })
}

#[derive(Debug, sea_orm::FromQueryResult)]
struct NoteRow {
    id: Uuid,
    author_id: Uuid,
    body: String,
    created_at: DateTime<Utc>,
    author_name: Option<String>,
}

fn notes_query(jobseeker: Uuid) -> sea_orm::Select<case_note::Entity> {
    case_note::Entity::find()
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
        .filter(case_note::Column::JobseekerId.eq(jobseeker))
}

fn note_dto(r: NoteRow) -> CaseNote {
    CaseNote {
        id: r.id,
        author_id: UserId(r.author_id),
        author_name: r.author_name.unwrap_or_default(),
        body: r.body,
        created_at: r.created_at,
    }
}

/// The case notes on a jobseeker, newest first (audited).
pub async fn notes(
    state: &AppState,
    caller: &Caller,
    staff: &AuthUser,
    id: Uuid,
    page_size: Option<u64>,
    page_token: Option<&str>,
) -> Result<Page<CaseNote>, ApiError> {
    let size = pagination::page_size(page_size)?;
    case_of(state, staff, id).await?;
    let mut q = notes_query(id)
        .order_by_desc(case_note::Column::Id)
        .limit(size + 1);
    if let Some(token) = page_token {
        q = q.filter(case_note::Column::Id.lt(pagination::decode_cursor(token)?));
    }
    let mut rows = q.into_model::<NoteRow>().all(&state.db).await?;
    let next_page_token = pagination::finish_page(&mut rows, size, |r| r.id);
    audit::record(
        &state.db,
        staff_read("case_notes_viewed", staff, id, caller),
    )
    .await?;
    Ok(Page {
        items: rows.into_iter().map(note_dto).collect(),
        next_page_token,
    })
}

/// A counsellor writes a private note on a jobseeker's case.
pub async fn add_note(
    state: &AppState,
    caller: &Caller,
    staff: &AuthUser,
    id: Uuid,
    body: &str,
) -> Result<CaseNote, ApiError> {
    case_of(state, staff, id).await?;
    let body = body.trim();
    if body.is_empty() || body.chars().count() > CASE_NOTE || crate::texts::has_refused(body) {
        return Err(ApiError::Validation(vec![FieldIssue::new(
            "/body",
            FieldCode::NoteRequired,
        )]));
    }
    let now = Utc::now();
    let txn = state.db.begin().await?;
    let note = case_note::ActiveModel {
        id: Set(Uuid::now_v7()),
        jobseeker_id: Set(id),
        agency_id: Set(staff.agency_id),
        author_id: Set(staff.user_id),
        body: Set(body.to_owned()),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, staff_read("case_note_written", staff, id, caller)).await?;
    txn.commit().await?;
    Ok(CaseNote {
        id: note.id,
        author_id: UserId(staff.user_id),
        author_name: staff.user.name.clone(),
        body: note.body,
        created_at: now,
    })
}

/// A counsellor sets where the agency is with her case.
pub async fn set_status(
    state: &AppState,
    caller: &Caller,
    staff: &AuthUser,
    id: Uuid,
    status: CaseStatus,
    lang: Language,
) -> Result<Profile, ApiError> {
    let owner = case_of(state, staff, id).await?;
    let txn = state.db.begin().await?;
    profile::Entity::update_many()
        .col_expr(profile::Column::CaseStatus, Expr::value(status))
        .filter(profile::Column::UserId.eq(id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        staff_read("case_status_changed", staff, id, caller)
            .details(json!({ "status": status.as_str() })),
    )
    .await?;
    let profile = load(state, &txn, &owner, lang).await?;
    txn.commit().await?;
    Ok(profile)
}

/// The profile row every jobseeker has from registration on.
pub async fn create_empty<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    agency_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    profile::ActiveModel {
        user_id: Set(user_id),
        agency_id: Set(agency_id),
        municipality: Set(None),
        completeness: Set(0),
        case_status: Set(CaseStatus::New),
        created_at: Set(now),
        updated_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}
