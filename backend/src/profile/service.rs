//! The profile's use cases: her reads and section saves (optimistic concurrency), export and
//! erasure; the staff's caseload, profile view, change history, case status and case notes.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, TransactionTrait};
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
use super::repo;
use super::rules::{Context, Rules};
use crate::accounts;
use crate::audit::{self, AuditEvent};
use crate::caller::Caller;
use crate::entities::{profile, profile_change, profile_section, user};
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
    let rows = repo::sections_of(db, owner.id).await?;
    let summary = repo::summary_of(db, owner.id).await?;
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
    let expected = crate::extract::if_match_version(if_match)?;
    let section = T::SECTION;
    let new_json = serde_json::to_value(&data)
        .map_err(|e| ApiError::Internal(anyhow::Error::new(e).context("section to JSON")))?;

    // Read, compare and give up early outside the transaction; the write below is guarded by
    // the version, so a concurrent writer still loses. Writing first inside the transaction
    // also lets SQLite wait for its write lock instead of failing a read-to-write upgrade.
    let stored = repo::section(&state.db, auth.user_id, section).await?;
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
    let row = repo::SectionRow {
        user: auth.user_id,
        section,
        data: new_json,
        version,
        at: now,
        by: auth.user_id,
    };
    if !repo::write_section(&txn, &row, stored.is_none()).await? {
        return Err(ApiError::PreconditionFailed);
    }
    repo::insert_change(&txn, &row, auth.role, &fields).await?;

    // The summary the caseload filters on: overall completeness and municipality.
    let saved = SectionState {
        completeness: data.completeness(),
        data,
        version: u32::try_from(version).unwrap_or(0),
        updated_at: Some(now),
    };
    let rows = repo::sections_of(&txn, auth.user_id).await?;
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
    let municipality = (T::SECTION == ProfileSection::AboutMe)
        .then(|| saved.data.municipality().map(str::to_owned));
    let percent = i16::from(overall(&sections).percent);
    repo::update_summary(&txn, auth.user_id, percent, now, municipality).await?;
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
    let consents = repo::consents_of(&state.db, auth.user_id)
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
    let history = repo::changes_of(&state.db, auth.user_id)
        .await?
        .into_iter()
        .map(change_dto)
        .collect();
    let case_notes = repo::notes(&state.db, auth.user_id, repo::Notes::All)
        .await?
        .into_iter()
        .map(note_dto)
        .collect();
    let assessments = match jobseeker {
        true => crate::assessment::attempts::list(state, auth).await?,
        false => Vec::new(),
    };
    let portfolio_shares =
        crate::assessment::portfolio::share_records(state, UserId(auth.user_id)).await?;
    let community = crate::community::export(&state.db, UserId(auth.user_id)).await?;
    let services = crate::catalogue::finding::service::export(state, auth.user_id).await?;
    let applications = match jobseeker {
        true => crate::applications::service::mine(state, auth).await?,
        false => Vec::new(),
    };
    let sessions: Vec<SessionRecord> = repo::sessions_of(&state.db, auth.user_id)
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
    let audit_entries = repo::audit_about(&state.db, auth.user_id, mine)
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
        services,
        applications,
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
    repo::mark_erased(&txn, auth.user_id, now).await?;
    accounts::revoke_user_sessions(&txn, auth.user_id, None, "erased").await?;
    // Out of the community at once (see `community::erase_member`).
    let left = crate::community::erase_member(&txn, UserId(auth.user_id), now).await?;
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
    for room in left.rooms {
        state.hub.unsubscribe_user(auth.user_id, room);
    }
    crate::community::announce_removed(state, left.messages).await;
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
    let due: Vec<user::Model> = repo::erased_before(db, before).await?;
    for u in &due {
        let txn = db.begin().await?;
        repo::delete_user(&txn, u.id).await?;
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
    repo::jobseeker_of_agency(&state.db, staff.agency_id, id)
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

    let before = f
        .page_token
        .as_deref()
        .map(pagination::decode_cursor)
        .transpose()?;
    let query = repo::CaseloadQuery {
        agency: staff.agency_id,
        municipality: f.municipality.as_deref(),
        status: f.status,
        min_completeness: f.min_completeness,
        max_completeness: f.max_completeness,
        search,
        before,
        limit: size + 1,
    };
    let mut rows = repo::caseload(&state.db, query).await?;
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
    let before = page_token.map(pagination::decode_cursor).transpose()?;
    let mut rows = repo::changes_page(&state.db, id, before, size + 1).await?;
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

fn note_dto(r: repo::NoteRow) -> CaseNote {
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
    let before = page_token.map(pagination::decode_cursor).transpose()?;
    let page = repo::Notes::Page {
        before,
        limit: size + 1,
    };
    let mut rows = repo::notes(&state.db, id, page).await?;
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
    let note = repo::insert_note(&txn, id, staff.agency_id, staff.user_id, body, now).await?;
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
    repo::set_case_status(&txn, id, status).await?;
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
    user: UserId,
    agency: shared::AgencyId,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    repo::insert_empty(db, user.0, agency.0, now).await
}
