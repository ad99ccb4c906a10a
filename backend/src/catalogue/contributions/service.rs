//! The contributions' rules: what a scheme must be, who keeps it, versions, retiring.
//!
//! A national scheme (no agency) is the same law for every territory: any agency's curators
//! may check and correct it (one check serves all; each change is audited with who and which
//! agency), but only an agency's own schemes can be added or retired by its staff.

use chrono::{Days, NaiveDate, Utc};
use sea_orm::{Set, TransactionTrait};
use serde_json::json;
use shared::{
    Benefit, ContributionInput, ContributionRules, ContributionScheme, CostOption, FieldCode,
    LocalizedText, Page, ServiceCategory,
};
use uuid::Uuid;

use super::repo;
use crate::audit::{self, AuditEvent};
use crate::caller::Caller;
use crate::catalogue::access::{READERS, require_curator};
use crate::entities::contribution;
use crate::error::{ApiError, FieldIssue, Issues};
use crate::pagination::{self, decode_offset, page_of};
use crate::session::AuthUser;
use crate::state::AppState;
use crate::texts::web_address;

/// How far ahead a next check may be set.
const MAX_REVIEW_DAYS: u64 = 3 * 366;

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// Both texts trimmed, each 1 to `max` characters.
fn localized(t: LocalizedText, max: usize, pointer: &str, issues: &mut Issues) -> LocalizedText {
    let mut one = |text: String, lang: &str| {
        let text = text.trim().to_owned();
        if let Some(code) = crate::texts::plain(&text, max, true) {
            issues.push(FieldIssue::new(format!("{pointer}/{lang}"), code));
        }
        text
    };
    LocalizedText {
        it: one(t.it, "it"),
        en: one(t.en, "en"),
    }
}

/// `DuplicateValue` at the second of two equal items.
fn each_once<T: PartialEq>(items: &[T], pointer: &str, issues: &mut Issues) {
    for (i, item) in items.iter().enumerate() {
        if items[..i].contains(item) {
            issues.push(FieldIssue::new(
                format!("{pointer}/{i}"),
                FieldCode::DuplicateValue,
            ));
        }
    }
}

/// A scheme's fields, checked and tidied.
struct Checked {
    name: LocalizedText,
    description: LocalizedText,
    categories: Vec<ServiceCategory>,
    rules: ContributionRules,
    benefit: Benefit,
    how_to_apply: LocalizedText,
    source_url: String,
    source_checked_on: NaiveDate,
    review_by: NaiveDate,
}

impl Checked {
    fn fields(self, at: chrono::DateTime<Utc>) -> contribution::ActiveModel {
        contribution::ActiveModel {
            name: Set(json!(self.name)),
            description: Set(json!(self.description)),
            categories: Set(json!(self.categories)),
            rules: Set(json!(self.rules)),
            benefit: Set(json!(self.benefit)),
            how_to_apply: Set(json!(self.how_to_apply)),
            source_url: Set(self.source_url),
            source_checked_on: Set(self.source_checked_on),
            review_by: Set(self.review_by),
            updated_at: Set(at),
            ..Default::default()
        }
    }
}

/// Checks every field against its rules; the municipalities of an agency's own scheme must be
/// in its territory, those of a national one anywhere the platform knows.
fn check(
    state: &AppState,
    territory: Option<Uuid>,
    input: ContributionInput,
    today: NaiveDate,
) -> Result<Checked, ApiError> {
    let mut issues = Issues::default();
    let name = localized(input.name, 200, "/name", &mut issues);
    let description = localized(input.description, 2000, "/description", &mut issues);
    let how_to_apply = localized(input.how_to_apply, 2000, "/how_to_apply", &mut issues);
    if input.categories.is_empty() {
        issues.push(FieldIssue::new("/categories", FieldCode::Required));
    }
    each_once(&input.categories, "/categories", &mut issues);
    let rules = input.rules;
    if let Some(ages) = rules.child_ages
        && !ages.is_valid()
    {
        let reversed = matches!((ages.min_months, ages.max_months), (Some(a), Some(b)) if a > b);
        issues.push(FieldIssue::new(
            "/rules/child_ages",
            if reversed {
                FieldCode::AgesReversed
            } else {
                FieldCode::NumberOutOfRange
            },
        ));
    }
    if rules.municipalities.len() > 500 {
        issues.push(FieldIssue::new(
            "/rules/municipalities",
            FieldCode::TooManyItems,
        ));
    }
    for (i, code) in rules.municipalities.iter().enumerate() {
        let known = state
            .municipalities
            .get(code)
            .is_some_and(|m| territory.is_none_or(|a| m.agency_id.0 == a));
        if !known {
            issues.push(FieldIssue::new(
                format!("/rules/municipalities/{i}"),
                FieldCode::MunicipalityUnknown,
            ));
        }
    }
    each_once(&rules.municipalities, "/rules/municipalities", &mut issues);
    each_once(&rules.employment, "/rules/employment", &mut issues);
    each_once(&rules.isee_bands, "/rules/isee_bands", &mut issues);
    each_once(&rules.icef_bands, "/rules/icef_bands", &mut issues);
    let b = &input.benefit;
    if !(1..=100).contains(&b.share_percent) {
        issues.push(FieldIssue::new(
            "/benefit/share_percent",
            FieldCode::NumberOutOfRange,
        ));
    }
    if !(1..=12).contains(&b.months_per_year) {
        issues.push(FieldIssue::new(
            "/benefit/months_per_year",
            FieldCode::NumberOutOfRange,
        ));
    }
    if b.max_cents_per_month
        .is_some_and(|m| m == 0 || m > CostOption::MAX_CENTS)
    {
        issues.push(FieldIssue::new(
            "/benefit/max_cents_per_month",
            FieldCode::NumberOutOfRange,
        ));
    }
    let source_url = input.source_url.trim().to_owned();
    if source_url.is_empty() {
        issues.push(FieldIssue::new("/source_url", FieldCode::Required));
    } else if source_url.chars().count() > 500 {
        issues.push(FieldIssue::new("/source_url", FieldCode::TextTooLong));
    } else if !web_address(&source_url) {
        issues.push(FieldIssue::new("/source_url", FieldCode::WebsiteInvalid));
    }
    if input.source_checked_on > today {
        issues.push(FieldIssue::new(
            "/source_checked_on",
            FieldCode::DateOutOfRange,
        ));
    }
    if input.review_by <= input.source_checked_on {
        issues.push(FieldIssue::new("/review_by", FieldCode::EndBeforeStart));
    } else if input
        .source_checked_on
        .checked_add_days(Days::new(MAX_REVIEW_DAYS))
        .is_none_or(|last| input.review_by > last)
    {
        issues.push(FieldIssue::new("/review_by", FieldCode::DateOutOfRange));
    }
    issues.finish()?;
    Ok(Checked {
        name,
        description,
        categories: input.categories,
        rules,
        benefit: input.benefit,
        how_to_apply,
        source_url,
        source_checked_on: input.source_checked_on,
        review_by: input.review_by,
    })
}

/// As staff read it; a stored scheme that no longer reads is a fault of ours.
fn dto(c: contribution::Model, today: NaiveDate) -> Result<ContributionScheme, ApiError> {
    fn read<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> Result<T, ApiError> {
        serde_json::from_value(v).map_err(|e| ApiError::Internal(e.into()))
    }
    Ok(ContributionScheme {
        id: c.id,
        agency_id: c.agency_id.map(Into::into),
        name: read(c.name)?,
        description: read(c.description)?,
        categories: read(c.categories)?,
        rules: read(c.rules)?,
        benefit: read(c.benefit)?,
        how_to_apply: read(c.how_to_apply)?,
        source_url: c.source_url,
        source_checked_on: c.source_checked_on,
        due_for_review: c.review_by <= today,
        review_by: c.review_by,
        version: u32::try_from(c.version).unwrap_or(0),
        updated_at: c.updated_at,
    })
}

/// The schemes in force for the agency's territory (national and its own), those to check
/// soonest first, then by id; offset pages (a territory has a handful).
pub async fn list(
    state: &AppState,
    auth: &AuthUser,
    page_size: Option<u64>,
    page_token: Option<&str>,
) -> Result<Page<ContributionScheme>, ApiError> {
    auth.require(READERS)?;
    let size = pagination::page_size(page_size)?;
    let offset = decode_offset(page_token)?;
    let on = today();
    let mut all = repo::in_force(&state.db, Some(auth.agency_id)).await?;
    all.sort_by(|a, b| a.review_by.cmp(&b.review_by).then(a.id.cmp(&b.id)));
    let (rows, next_page_token) = page_of(all, offset, size);
    Ok(Page {
        items: rows
            .into_iter()
            .map(|c| dto(c, on))
            .collect::<Result<_, _>>()?,
        next_page_token,
    })
}

pub async fn get(
    state: &AppState,
    auth: &AuthUser,
    id: Uuid,
) -> Result<ContributionScheme, ApiError> {
    auth.require(READERS)?;
    let row = repo::one(&state.db, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    dto(row, today())
}

/// A scheme of the agency's own territory.
pub async fn create(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    input: ContributionInput,
) -> Result<ContributionScheme, ApiError> {
    require_curator(auth)?;
    let on = today();
    let c = check(state, Some(auth.agency_id), input, on)?;
    let now = Utc::now();
    let txn = state.db.begin().await?;
    let row = repo::insert(
        &txn,
        contribution::ActiveModel {
            id: Set(Uuid::now_v7()),
            agency_id: Set(Some(auth.agency_id)),
            version: Set(1),
            created_at: Set(now),
            retired_at: Set(None),
            ..c.fields(now)
        },
    )
    .await?;
    audit::record(
        &txn,
        AuditEvent::new("contribution_created")
            .actor(auth.user_id)
            .target("contribution", row.id)
            .agency(auth.agency_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    txn.commit().await?;
    dto(row, on)
}

/// Replaces a scheme's fields if `If-Match` names its current version.
pub async fn update(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
    if_match: Option<&str>,
    input: ContributionInput,
) -> Result<ContributionScheme, ApiError> {
    require_curator(auth)?;
    let current = repo::one(&state.db, auth.agency_id, id)
        .await?
        .filter(|c| c.retired_at.is_none())
        .ok_or(ApiError::NotFound)?;
    let expected = crate::extract::if_match_version(if_match)?;
    let on = today();
    let c = check(state, current.agency_id, input, on)?;
    if i64::from(expected) != i64::from(current.version) {
        return Err(ApiError::PreconditionFailed);
    }
    let txn = state.db.begin().await?;
    if !repo::update(&txn, id, current.version, c.fields(Utc::now())).await? {
        return Err(ApiError::PreconditionFailed);
    }
    let event = AuditEvent::new("contribution_updated").details(json!({
        "version": current.version + 1,
        "national": current.agency_id.is_none(),
    }));
    recorded(txn, caller, auth, event, id).await
}

/// Retires one of the agency's own schemes (a national one answers 403: it is the law of
/// every territory). Again: no change.
pub async fn retire(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
) -> Result<ContributionScheme, ApiError> {
    require_curator(auth)?;
    let txn = state.db.begin().await?;
    let current = repo::one(&txn, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if current.agency_id.is_none() {
        return Err(ApiError::Forbidden);
    }
    if current.retired_at.is_some() {
        return dto(current, today());
    }
    repo::retire(&txn, id, Utc::now()).await?;
    recorded(
        txn,
        caller,
        auth,
        AuditEvent::new("contribution_retired"),
        id,
    )
    .await
}

/// Records what staff did, commits, and answers with the scheme as saved.
async fn recorded(
    txn: sea_orm::DatabaseTransaction,
    caller: &Caller,
    auth: &AuthUser,
    event: AuditEvent,
    id: Uuid,
) -> Result<ContributionScheme, ApiError> {
    audit::record(
        &txn,
        event
            .actor(auth.user_id)
            .target("contribution", id)
            .agency(auth.agency_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    let saved = repo::one(&txn, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    txn.commit().await?;
    dto(saved, today())
}
