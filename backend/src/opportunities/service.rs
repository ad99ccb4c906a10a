//! The opportunities' rules: what an opportunity must be, who writes it, its life (draft →
//! published → closed) and its schema.org `JobPosting`.

use chrono::{Days, NaiveDate, Utc};
use sea_orm::{Set, TransactionTrait};
use serde_json::{Value, json};
use shared::{
    ContractType, ErrorCode, FieldCode, OpeningWindow, Opportunity, OpportunityInput,
    OpportunityStatus, Page, Role, SPOKEN_LANGUAGES, Schedule, ScheduleIssue, Sought,
};
use uuid::Uuid;

use super::repo;
use crate::audit::{self, AuditEvent};
use crate::caller::Caller;
use crate::entities::{employer, opportunity};
use crate::error::{ApiError, FieldIssue, Issues};
use crate::pagination;
use crate::session::AuthUser;
use crate::state::AppState;

/// Staff who write an employer's opportunities on its behalf, and read them.
pub const STAFF: &[Role] = &[Role::Admin, Role::Counsellor];

/// How far ahead a closing date may be.
const MAX_OPEN_DAYS: u64 = 366;

pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

fn text(value: &str, max: usize, pointer: &str, issues: &mut Issues) -> String {
    let value = value.trim().to_owned();
    if let Some(code) = crate::texts::plain(&value, max, true) {
        issues.push(FieldIssue::new(pointer, code));
    }
    value
}

fn hours_issue(issue: ScheduleIssue) -> FieldIssue {
    match issue {
        ScheduleIssue::Inverted(i) => {
            FieldIssue::new(format!("/hours/{i}"), FieldCode::WindowInverted)
        }
        ScheduleIssue::Overlapping(i) => {
            FieldIssue::new(format!("/hours/{i}"), FieldCode::WindowsOverlap)
        }
        _ => FieldIssue::new("/hours", FieldCode::TooManyItems),
    }
}

/// The contract's own fields: a stipend for a traineeship only (and then required); a
/// duration for anything but a permanent contract, a traineeship's at most 12 months.
fn check_contract(input: &OpportunityInput, issues: &mut Issues) {
    let traineeship = input.contract == ContractType::Traineeship;
    match input.stipend_cents_per_month {
        None if traineeship => issues.push(FieldIssue::new(
            "/stipend_cents_per_month",
            FieldCode::Required,
        )),
        Some(_) if !traineeship => issues.push(FieldIssue::new(
            "/stipend_cents_per_month",
            FieldCode::NotForContract,
        )),
        Some(c) if c == 0 || c > OpportunityInput::MAX_STIPEND_CENTS => issues.push(
            FieldIssue::new("/stipend_cents_per_month", FieldCode::NumberOutOfRange),
        ),
        _ => {}
    }
    if let Some(m) = input.duration_months {
        let max = if traineeship {
            OpportunityInput::MAX_TRAINEESHIP_MONTHS
        } else {
            OpportunityInput::MAX_DURATION_MONTHS
        };
        if input.contract == ContractType::Permanent {
            issues.push(FieldIssue::new(
                "/duration_months",
                FieldCode::NotForContract,
            ));
        } else if m == 0 || m > max {
            issues.push(FieldIssue::new(
                "/duration_months",
                FieldCode::NumberOutOfRange,
            ));
        }
    }
}

/// The hours: 1 to 48 a week, in 1 to 28 windows that hold them.
fn check_hours(input: &OpportunityInput, issues: &mut Issues) {
    if input.weekly_hours == 0 || input.weekly_hours > OpportunityInput::MAX_WEEKLY_HOURS {
        issues.push(FieldIssue::new(
            "/weekly_hours",
            FieldCode::NumberOutOfRange,
        ));
    }
    if input.hours.is_empty() {
        issues.push(FieldIssue::new("/hours", FieldCode::Required));
        return;
    }
    let grid = Schedule {
        weekly: input.hours.clone(),
        exceptions: Vec::new(),
    };
    match grid.check() {
        Err(issue) => issues.push(hours_issue(issue)),
        Ok(()) => {
            let minutes: u32 = input
                .hours
                .iter()
                .map(|w| u32::from(w.closes.minutes() - w.opens.minutes()))
                .sum();
            if u32::from(input.weekly_hours) * 60 > minutes {
                issues.push(FieldIssue::new(
                    "/weekly_hours",
                    FieldCode::HoursBeyondWindows,
                ));
            }
        }
    }
}

/// The competences sought (of the framework, each once) and the languages (known, each once).
fn check_asked(
    input: &OpportunityInput,
    framework: &[String],
    issues: &mut Issues,
) -> (Vec<Sought>, Vec<String>) {
    if input.sought.len() > OpportunityInput::MAX_SOUGHT {
        issues.push(FieldIssue::new("/sought", FieldCode::TooManyItems));
    }
    for (i, s) in input.sought.iter().enumerate() {
        if !framework.contains(&s.code) {
            issues.push(FieldIssue::new(
                format!("/sought/{i}/code"),
                FieldCode::CompetenceUnknown,
            ));
        } else if input.sought[..i].iter().any(|o| o.code == s.code) {
            issues.push(FieldIssue::new(
                format!("/sought/{i}/code"),
                FieldCode::DuplicateValue,
            ));
        }
    }
    if input.languages.len() > OpportunityInput::MAX_LANGUAGES {
        issues.push(FieldIssue::new("/languages", FieldCode::TooManyItems));
    }
    let mut languages: Vec<String> = Vec::new();
    for (i, l) in input.languages.iter().enumerate() {
        let l = l.trim().to_ascii_lowercase();
        if !SPOKEN_LANGUAGES.iter().any(|(c, _)| *c == l) {
            issues.push(FieldIssue::new(
                format!("/languages/{i}"),
                FieldCode::LanguageUnknown,
            ));
        } else if languages.contains(&l) {
            issues.push(FieldIssue::new(
                format!("/languages/{i}"),
                FieldCode::DuplicateValue,
            ));
        } else {
            languages.push(l);
        }
    }
    (input.sought.clone(), languages)
}

/// Every field, checked at once and tidied: the employer and the municipality of the
/// agency, the competences of the current framework.
async fn check(
    state: &AppState,
    agency: Uuid,
    only: Option<Uuid>,
    input: OpportunityInput,
) -> Result<opportunity::ActiveModel, ApiError> {
    let mut issues = Issues::default();
    let (employer, framework) = tokio::try_join!(
        async {
            Ok::<_, ApiError>(
                crate::employers::repo::one(&state.db, agency, input.employer_id).await?,
            )
        },
        current_codes(state),
    )?;
    // An employer's HR writes only her organisation's.
    if employer.is_none() || only.is_some_and(|own| own != input.employer_id) {
        issues.push(FieldIssue::new("/employer_id", FieldCode::EmployerUnknown));
    }
    let title = text(&input.title, 200, "/title", &mut issues);
    let description = text(
        &input.description,
        OpportunityInput::MAX_DESCRIPTION,
        "/description",
        &mut issues,
    );
    check_contract(&input, &mut issues);
    check_hours(&input, &mut issues);
    if !state.in_territory(agency, &input.municipality) {
        issues.push(FieldIssue::new(
            "/municipality",
            FieldCode::MunicipalityUnknown,
        ));
    }
    let (sought, languages) = check_asked(&input, &framework, &mut issues);
    let today = today();
    if input.closes_on < today || input.closes_on > today + Days::new(MAX_OPEN_DAYS) {
        issues.push(FieldIssue::new("/closes_on", FieldCode::DateOutOfRange));
    }
    if input
        .start_on
        .is_some_and(|s| s < today - Days::new(31) || s > today + Days::new(2 * MAX_OPEN_DAYS))
    {
        issues.push(FieldIssue::new("/start_on", FieldCode::DateOutOfRange));
    }
    if input.places == 0 || input.places > OpportunityInput::MAX_PLACES {
        issues.push(FieldIssue::new("/places", FieldCode::NumberOutOfRange));
    }
    issues.finish()?;
    let mut hours = input.hours;
    hours.sort_by_key(|w| (w.day, w.opens));
    Ok(opportunity::ActiveModel {
        employer_id: Set(input.employer_id),
        title: Set(title),
        description: Set(description),
        contract: Set(input.contract),
        stipend_cents: Set(input
            .stipend_cents_per_month
            .and_then(|c| i32::try_from(c).ok())),
        duration_months: Set(input.duration_months.map(i32::from)),
        weekly_hours: Set(i32::from(input.weekly_hours)),
        hours: Set(json!(hours)),
        municipality_code: Set(input.municipality),
        mode: Set(input.mode),
        sought: Set(json!(sought)),
        languages: Set(json!(languages)),
        start_on: Set(input.start_on),
        closes_on: Set(input.closes_on),
        places: Set(i32::from(input.places)),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
}

/// The competence codes of the framework in force.
async fn current_codes(state: &AppState) -> Result<Vec<String>, ApiError> {
    let framework = crate::assessment::repo::current_framework(&state.db).await?;
    Ok(framework.competences.into_iter().map(|c| c.code).collect())
}

/// An opportunity as it travels.
pub fn dto(state: &AppState, o: opportunity::Model, employer_name: &str) -> Opportunity {
    let place = state.municipalities.get(&o.municipality_code);
    Opportunity {
        id: o.id,
        employer_id: o.employer_id,
        employer_name: employer_name.to_owned(),
        agency_id: o.agency_id.into(),
        title: o.title,
        description: o.description,
        contract: o.contract,
        stipend_cents_per_month: o.stipend_cents.and_then(|c| u32::try_from(c).ok()),
        duration_months: o.duration_months.and_then(|m| u16::try_from(m).ok()),
        weekly_hours: u16::try_from(o.weekly_hours).unwrap_or(0),
        hours: hours_of(&o.hours),
        municipality_name: place.map(|m| m.name.clone()).unwrap_or_default(),
        province: place.map(|m| m.province.clone()).unwrap_or_default(),
        municipality: o.municipality_code,
        mode: o.mode,
        sought: serde_json::from_value(o.sought).unwrap_or_default(),
        languages: serde_json::from_value(o.languages).unwrap_or_default(),
        start_on: o.start_on,
        closes_on: o.closes_on,
        places: u16::try_from(o.places).unwrap_or(0),
        status: o.status,
        published_at: o.published_at,
        version: u32::try_from(o.version).unwrap_or(0),
    }
}

pub fn hours_of(stored: &Value) -> Vec<OpeningWindow> {
    serde_json::from_value(stored.clone()).unwrap_or_default()
}

/// An employer as it travels.
pub fn employer_dto(e: employer::Model) -> shared::Employer {
    crate::employers::service::dto(e)
}

/// The agency's opportunities, newest first, by cursor.
pub async fn list(
    state: &AppState,
    auth: &AuthUser,
    status: Option<OpportunityStatus>,
    employer: Option<Uuid>,
    page_size: Option<u64>,
    page_token: Option<&str>,
) -> Result<Page<Opportunity>, ApiError> {
    let only = writer(auth)?;
    let size = pagination::page_size(page_size)?;
    if only.is_some() && employer.is_some_and(|e| Some(e) != only) {
        return Ok(Page {
            items: Vec::new(),
            next_page_token: None,
        });
    }
    let employer = only.or(employer);
    let before = page_token.map(pagination::decode_cursor).transpose()?;
    let mut rows = repo::list(
        &state.db,
        auth.agency_id,
        repo::Filter {
            status,
            employer,
            before,
            limit: size + 1,
        },
    )
    .await?;
    let next_page_token = pagination::finish_page(&mut rows, size, |o| o.id);
    let employers = repo::employers(&state.db, rows.iter().map(|o| o.employer_id)).await?;
    Ok(Page {
        items: rows
            .into_iter()
            .map(|o| {
                let name = employers
                    .get(&o.employer_id)
                    .map(|e| e.name.clone())
                    .unwrap_or_default();
                dto(state, o, &name)
            })
            .collect(),
        next_page_token,
    })
}

/// Who writes and reads opportunities: the agency's counsellors and admins (any of its
/// employers'), and an employer's HR (her organisation's only: `Some` of it).
pub fn writer(auth: &AuthUser) -> Result<Option<Uuid>, ApiError> {
    if auth.role == Role::Employer {
        return crate::employers::service::own_employer(auth)
            .map(Some)
            .ok_or(ApiError::Forbidden);
    }
    auth.require(STAFF)?;
    Ok(None)
}

/// An opportunity she may write or read, with its employer: of the agency and, for an
/// employer's HR, of her organisation; any other is not found.
pub async fn load_for(
    state: &AppState,
    auth: &AuthUser,
    id: Uuid,
) -> Result<(opportunity::Model, employer::Model), ApiError> {
    let only = writer(auth)?;
    let (o, e) = load(state, auth.agency_id, id).await?;
    if only.is_some_and(|own| own != o.employer_id) {
        return Err(ApiError::NotFound);
    }
    Ok((o, e))
}

/// An opportunity of the agency with its employer; another agency's is not found.
pub async fn load(
    state: &AppState,
    agency: Uuid,
    id: Uuid,
) -> Result<(opportunity::Model, employer::Model), ApiError> {
    let o = repo::one(&state.db, agency, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let e = crate::employers::repo::one(&state.db, agency, o.employer_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((o, e))
}

pub async fn get(state: &AppState, auth: &AuthUser, id: Uuid) -> Result<Opportunity, ApiError> {
    let (o, e) = load_for(state, auth, id).await?;
    Ok(dto(state, o, &e.name))
}

async fn record(
    txn: &sea_orm::DatabaseTransaction,
    caller: &Caller,
    auth: &AuthUser,
    action: &'static str,
    id: Uuid,
    details: Value,
) -> Result<(), ApiError> {
    audit::record(
        txn,
        AuditEvent::new(action)
            .actor(auth.user_id)
            .target("opportunity", id)
            .agency(auth.agency_id)
            .details(details)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    Ok(())
}

/// A new draft.
pub async fn create(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    input: OpportunityInput,
) -> Result<Opportunity, ApiError> {
    let only = writer(auth)?;
    let fields = check(state, auth.agency_id, only, input).await?;
    let now = Utc::now();
    let txn = state.db.begin().await?;
    let row = repo::insert(
        &txn,
        opportunity::ActiveModel {
            id: Set(Uuid::now_v7()),
            agency_id: Set(auth.agency_id),
            status: Set(OpportunityStatus::Draft),
            published_at: Set(None),
            closed_at: Set(None),
            created_by: Set(auth.user_id),
            version: Set(1),
            created_at: Set(now),
            ..fields
        },
    )
    .await?;
    crate::catalogue::revision::bump_of(&txn, crate::catalogue::revision::OPPORTUNITIES).await?;
    record(
        &txn,
        caller,
        auth,
        "opportunity_created",
        row.id,
        json!({ "employer_id": row.employer_id }),
    )
    .await?;
    txn.commit().await?;
    let (o, e) = load(state, auth.agency_id, row.id).await?;
    Ok(dto(state, o, &e.name))
}

/// How a write names the version it changes.
enum Expect<'a> {
    /// `If-Match` is required (an edit of the fields).
    Required(Option<&'a str>),
    /// `If-Match` is checked when given (a step of its life, like a service's).
    IfGiven(Option<&'a str>),
}

/// Writes a new version over the current one if `If-Match` names it; a closed one is not
/// changed.
async fn write(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
    expect: Expect<'_>,
    action: &'static str,
    change: impl FnOnce(&opportunity::Model) -> Result<opportunity::ActiveModel, ApiError>,
) -> Result<Opportunity, ApiError> {
    let (current, _) = load_for(state, auth, id).await?;
    let expected = match expect {
        Expect::Required(h) => Some(crate::extract::if_match_version(h)?),
        Expect::IfGiven(None) => None,
        Expect::IfGiven(h) => Some(crate::extract::if_match_version(h)?),
    };
    if current.status == OpportunityStatus::Closed {
        return Err(ApiError::Conflict(ErrorCode::OpportunityClosed));
    }
    let fields = change(&current)?;
    if expected.is_some_and(|v| i64::from(v) != i64::from(current.version)) {
        return Err(ApiError::PreconditionFailed);
    }
    let txn = state.db.begin().await?;
    if !repo::update(&txn, id, current.version, fields).await? {
        return Err(ApiError::PreconditionFailed);
    }
    crate::catalogue::revision::bump_of(&txn, crate::catalogue::revision::OPPORTUNITIES).await?;
    record(
        &txn,
        caller,
        auth,
        action,
        id,
        json!({ "version": current.version + 1 }),
    )
    .await?;
    txn.commit().await?;
    let (o, e) = load(state, auth.agency_id, id).await?;
    Ok(dto(state, o, &e.name))
}

/// Replaces a draft's or a published opportunity's fields.
pub async fn update(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
    if_match: Option<&str>,
    input: OpportunityInput,
) -> Result<Opportunity, ApiError> {
    // Checked first, so that every refused field is named even when the version is stale.
    let only = writer(auth)?;
    load_for(state, auth, id).await?;
    let fields = check(state, auth.agency_id, only, input).await?;
    write(
        state,
        caller,
        auth,
        id,
        Expect::Required(if_match),
        "opportunity_updated",
        |_| Ok(fields),
    )
    .await
}

/// A draft becomes published: she can find it and apply. Its closing date must not have
/// passed.
pub async fn publish(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
    if_match: Option<&str>,
) -> Result<Opportunity, ApiError> {
    write(
        state,
        caller,
        auth,
        id,
        Expect::IfGiven(if_match),
        "opportunity_published",
        |o| {
            if o.status != OpportunityStatus::Draft {
                return Err(ApiError::Conflict(ErrorCode::OpportunityNotDraft));
            }
            if o.closes_on < today() {
                return Err(ApiError::Validation(vec![FieldIssue::new(
                    "/closes_on",
                    FieldCode::DateOutOfRange,
                )]));
            }
            let now = Utc::now();
            Ok(opportunity::ActiveModel {
                status: Set(OpportunityStatus::Published),
                published_at: Set(Some(now)),
                updated_at: Set(now),
                ..Default::default()
            })
        },
    )
    .await
}

/// A draft or a published opportunity is closed: no longer found, no new applications.
pub async fn close(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
    if_match: Option<&str>,
) -> Result<Opportunity, ApiError> {
    write(
        state,
        caller,
        auth,
        id,
        Expect::IfGiven(if_match),
        "opportunity_closed",
        |_| {
            let now = Utc::now();
            Ok(opportunity::ActiveModel {
                status: Set(OpportunityStatus::Closed),
                closed_at: Set(Some(now)),
                updated_at: Set(now),
                ..Default::default()
            })
        },
    )
    .await
}

/// The schema.org `JobPosting` of a published opportunity still open, for anyone; the skills
/// named in `lang`.
pub async fn posting(
    state: &AppState,
    id: Uuid,
    lang: shared::Language,
) -> Result<Value, ApiError> {
    let o = repo::published(&state.db, id, today())
        .await?
        .ok_or(ApiError::NotFound)?;
    let (employers, framework) = tokio::try_join!(
        async { Ok::<_, ApiError>(repo::employers(&state.db, [o.employer_id]).await?) },
        async { crate::assessment::repo::current_framework(&state.db).await },
    )?;
    let employer = employers
        .get(&o.employer_id)
        .cloned()
        .ok_or(ApiError::NotFound)?;
    let url = format!(
        "{}/opportunities/{}",
        state.settings.server.public_url.trim_end_matches('/'),
        o.id
    );
    let opportunity = dto(state, o, &employer.name);
    Ok(shared::job_posting(
        &opportunity,
        &employer_dto(employer),
        &url,
        |code| {
            framework
                .competences
                .iter()
                .find(|c| c.code == code)
                .map(|c| c.name.get(lang).to_owned())
        },
    ))
}
