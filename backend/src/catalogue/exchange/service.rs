//! Import and export of the agency's catalogue. An import reads the whole file into items
//! (one service with its provider and locations each), checks every item by the same rules as
//! the editor, and writes all of them in one transaction, or nothing when any is refused; its
//! report lists every row with what it would do or why not. A provider is the agency's live
//! one of the same name (else a new one); a location, the provider's live one of the same name
//! in the same municipality (else a new one); a service with the id of one of the agency's is
//! replaced, any other is new.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde_json::json;
use shared::{
    ExchangeFormat, FieldCode, FieldError, ImportAction, ImportReport, ImportRow, Language,
    LocationInput, ProviderInput, ServiceStatus,
};
use uuid::Uuid;

use super::item::{Item, Part};
use super::{csv_file, hsds};
use crate::audit::{self, AuditEvent};
use crate::caller::Caller;
use crate::catalogue::access::{READERS, require_curator};
use crate::catalogue::offers::repo::{self as offers, Parts};
use crate::catalogue::offers::service::{check_location, check_service, cost_rows, service_dtos};
use crate::catalogue::providers::repo as providers;
use crate::catalogue::providers::service::{check_provider, provider_dto};
use crate::entities::{location, provider, service};
use crate::error::{ApiError, FieldIssue, Issues};
use crate::i18n;
use crate::session::AuthUser;
use crate::state::AppState;

/// The field issues of a failed check (none for any other failure).
fn issues_of(r: Result<(), ApiError>) -> Result<Vec<FieldIssue>, ApiError> {
    match r {
        Ok(()) => Ok(Vec::new()),
        Err(ApiError::Validation(issues)) => Ok(issues),
        Err(other) => Err(other),
    }
}

/// A checked item, ready to write.
struct Ready {
    provider: Result<Uuid, (ProviderInput, String)>,
    /// Each location: an existing one, or one to add (with its key).
    locations: Vec<Result<Uuid, (LocationInput, String)>>,
    checked: crate::catalogue::offers::service::Checked,
    update: Option<(Uuid, i32)>,
    status: Option<ServiceStatus>,
}

fn key(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Checks every item: each row of the report, and what would be written.
async fn judge(
    state: &AppState,
    auth: &AuthUser,
    format: ExchangeFormat,
    items: Vec<Item>,
    lang: Language,
) -> Result<(Vec<ImportRow>, Vec<Ready>, u32, u32), ApiError> {
    let agency_providers = provider::Entity::find()
        .filter(provider::Column::AgencyId.eq(auth.agency_id))
        .filter(provider::Column::RetiredAt.is_null())
        .all(&state.db)
        .await?;
    let agency_locations = location::Entity::find()
        .filter(location::Column::AgencyId.eq(auth.agency_id))
        .filter(location::Column::RetiredAt.is_null())
        .all(&state.db)
        .await?;
    let ids: Vec<Uuid> = items.iter().filter_map(|i| i.service_id).collect();
    let existing: HashMap<Uuid, i32> = service::Entity::find()
        .filter(service::Column::AgencyId.eq(auth.agency_id))
        .filter(service::Column::Id.is_in(ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.version))
        .collect();
    let place = |part: Part, pointer: &str| match format {
        ExchangeFormat::Csv => csv_file::column(part, pointer),
        ExchangeFormat::Hsds => hsds::path(part, pointer),
    };
    let mut new_providers: Vec<String> = Vec::new();
    let mut new_locations: Vec<String> = Vec::new();
    let mut rows = Vec::new();
    let mut ready = Vec::new();
    for item in items {
        let mut found: Vec<FieldIssue> = item.issues;
        let mut add = |part: Part, issues: Vec<FieldIssue>| {
            for i in issues {
                found.push(FieldIssue::new(place(part, &i.pointer), i.code));
            }
        };
        let known = agency_providers
            .iter()
            .find(|p| key(&p.name) == key(&item.provider.name));
        add(
            Part::Provider,
            issues_of(check_provider(item.provider.clone()).map(|_| ()))?,
        );
        if known.is_none() && !item.kind_given {
            add(
                Part::Provider,
                vec![FieldIssue::new("/kind", FieldCode::Required)],
            );
        }
        let provider_key = key(&item.provider.name);
        let mut locations = Vec::new();
        if item.locations.is_empty() {
            add(
                Part::Service,
                vec![FieldIssue::new("/location_ids", FieldCode::Required)],
            );
        }
        for (i, l) in item.locations.iter().enumerate() {
            add(
                Part::Location(i),
                issues_of(check_location(state, auth, l.clone()).map(|_| ()))?,
            );
            let same = known.and_then(|p| {
                agency_locations.iter().find(|x| {
                    x.provider_id == p.id
                        && key(&x.name) == key(&l.name)
                        && x.municipality_code == l.municipality.trim()
                })
            });
            locations.push(match same {
                Some(x) => Ok(x.id),
                None => Err((
                    l.clone(),
                    format!(
                        "{provider_key}\u{1f}{}\u{1f}{}",
                        key(&l.name),
                        l.municipality.trim()
                    ),
                )),
            });
        }
        let mut issues = Issues::default();
        let mut input = item.service;
        // Stand-ins so that the rules count the locations; the real ones are found above.
        input.location_ids = (0..item.locations.len().max(1))
            .map(|_| Uuid::now_v7())
            .collect();
        let checked = check_service(input, &mut issues);
        add(Part::Service, issues_of(issues.finish())?);
        let name = match &checked.row.name {
            sea_orm::ActiveValue::Set(n) | sea_orm::ActiveValue::Unchanged(n) => n.clone(),
            sea_orm::ActiveValue::NotSet => String::new(),
        };
        let update = item
            .service_id
            .and_then(|id| existing.get(&id).map(|v| (id, *v)));
        let accepted = found.is_empty();
        if accepted {
            if known.is_none() && !new_providers.contains(&provider_key) {
                new_providers.push(provider_key.clone());
            }
            for l in &locations {
                if let Err((_, k)) = l
                    && !new_locations.contains(k)
                {
                    new_locations.push(k.clone());
                }
            }
            ready.push(Ready {
                provider: known
                    .map(|p| p.id)
                    .ok_or((item.provider.clone(), provider_key)),
                locations,
                checked,
                update,
                status: item.status,
            });
        }
        rows.push(ImportRow {
            row: item.row,
            name,
            accepted,
            action: accepted.then_some(if update.is_some() {
                ImportAction::Update
            } else {
                ImportAction::Create
            }),
            errors: found
                .into_iter()
                .map(|i| FieldError {
                    pointer: i.pointer,
                    code: i.code,
                    message: i18n::field(i.code, lang).to_owned(),
                })
                .collect(),
        });
    }
    let count = |v: &Vec<String>| u32::try_from(v.len()).unwrap_or(u32::MAX);
    Ok((rows, ready, count(&new_providers), count(&new_locations)))
}

/// Reads a file and, unless `dry_run` or a row is refused, writes it all.
pub async fn import(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    format: ExchangeFormat,
    dry_run: bool,
    bytes: &[u8],
    lang: Language,
) -> Result<ImportReport, ApiError> {
    require_curator(auth)?;
    let items = match format {
        ExchangeFormat::Csv => csv_file::read(bytes)?,
        ExchangeFormat::Hsds => hsds::read(bytes)?,
    };
    if items.is_empty() {
        return Err(ApiError::Validation(vec![FieldIssue::new(
            "",
            FieldCode::FileEmpty,
        )]));
    }
    let (rows, ready, new_providers, new_locations) =
        judge(state, auth, format, items, lang).await?;
    let refused = rows.iter().filter(|r| !r.accepted).count();
    let mut report = ImportReport {
        format,
        dry_run,
        imported: false,
        accepted: u32::try_from(rows.len() - refused).unwrap_or(u32::MAX),
        refused: u32::try_from(refused).unwrap_or(u32::MAX),
        rows,
        new_providers,
        new_locations,
    };
    if dry_run {
        return Ok(report);
    }
    if refused > 0 {
        let issues = report
            .rows
            .iter()
            .flat_map(|r| {
                r.errors
                    .iter()
                    .map(move |e| FieldIssue::new(format!("/rows/{}{}", r.row, e.pointer), e.code))
            })
            .collect();
        return Err(ApiError::Validation(issues));
    }
    write(state, caller, auth, ready).await?;
    report.imported = true;
    Ok(report)
}

async fn write(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    ready: Vec<Ready>,
) -> Result<(), ApiError> {
    let now = Utc::now();
    let txn = state.db.begin().await?;
    let mut made_providers: HashMap<String, Uuid> = HashMap::new();
    let mut made_locations: HashMap<String, Uuid> = HashMap::new();
    let (mut created, mut updated) = (0u32, 0u32);
    for r in ready {
        let provider_id = match r.provider {
            Ok(id) => id,
            Err((input, k)) => match made_providers.get(&k) {
                Some(id) => *id,
                None => {
                    let kind = input.kind;
                    let fields = check_provider(input)?.fields(kind, now);
                    let row = providers::insert_provider(
                        &txn,
                        provider::ActiveModel {
                            id: Set(Uuid::now_v7()),
                            agency_id: Set(auth.agency_id),
                            version: Set(1),
                            created_at: Set(now),
                            retired_at: Set(None),
                            ..fields
                        },
                    )
                    .await?;
                    made_providers.insert(k, row.id);
                    row.id
                }
            },
        };
        let mut location_ids = Vec::new();
        for l in r.locations {
            let id = match l {
                Ok(id) => id,
                Err((input, k)) => match made_locations.get(&k) {
                    Some(id) => *id,
                    None => {
                        let (name, address, code, point) = check_location(state, auth, input)?;
                        let row = offers::insert_location(
                            &txn,
                            location::ActiveModel {
                                id: Set(Uuid::now_v7()),
                                agency_id: Set(auth.agency_id),
                                provider_id: Set(provider_id),
                                name: Set(name),
                                address: Set(address),
                                municipality_code: Set(code),
                                lat: Set(point.lat),
                                lon: Set(point.lon),
                                created_at: Set(now),
                                version: Set(1),
                                retired_at: Set(None),
                            },
                        )
                        .await?;
                        made_locations.insert(k, row.id);
                        row.id
                    }
                },
            };
            if !location_ids.contains(&id) {
                location_ids.push(id);
            }
        }
        let c = r.checked;
        let id = match r.update {
            Some((id, version)) => {
                let row = service::ActiveModel {
                    provider_id: Set(provider_id),
                    updated_at: Set(now),
                    ..c.row
                };
                if !offers::update_service(&txn, id, version, row).await? {
                    return Err(ApiError::PreconditionFailed);
                }
                updated += 1;
                id
            }
            None => {
                let id = Uuid::now_v7();
                offers::insert_service(
                    &txn,
                    service::ActiveModel {
                        id: Set(id),
                        agency_id: Set(auth.agency_id),
                        provider_id: Set(provider_id),
                        status: Set(ServiceStatus::Draft.as_str().to_owned()),
                        verified_at: Set(None),
                        verified_by: Set(None),
                        version: Set(1),
                        created_at: Set(now),
                        updated_at: Set(now),
                        ..c.row
                    },
                )
                .await?;
                created += 1;
                id
            }
        };
        let parts = Parts {
            windows: &c.windows,
            costs: cost_rows(id, &c.costs),
            locations: &location_ids,
        };
        offers::replace_parts(&txn, id, parts).await?;
        if let Some(status) = r.status {
            offers::set_status(&txn, id, status, None, now).await?;
        }
    }
    audit::record(
        &txn,
        AuditEvent::new("catalogue_imported")
            .actor(auth.user_id)
            .agency(auth.agency_id)
            .details(json!({
                "services_created": created,
                "services_updated": updated,
                "providers_created": made_providers.len(),
                "locations_created": made_locations.len(),
            }))
            .request(caller.request_id.as_deref()),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The agency's services (every status), by name.
async fn all_services(state: &AppState, auth: &AuthUser) -> Result<Vec<shared::Service>, ApiError> {
    let rows = service::Entity::find()
        .filter(service::Column::AgencyId.eq(auth.agency_id))
        .order_by_asc(service::Column::Name)
        .order_by_asc(service::Column::Id)
        .all(&state.db)
        .await?;
    service_dtos(&state.db, state, rows).await
}

/// The agency's catalogue as a CSV file.
pub async fn export_csv(state: &AppState, auth: &AuthUser) -> Result<Vec<u8>, ApiError> {
    auth.require(READERS)?;
    csv_file::write(&all_services(state, auth).await?)
}

/// The agency's catalogue as an HSDS document: its live providers, each with its services.
pub async fn export_hsds(
    state: &AppState,
    auth: &AuthUser,
) -> Result<shared::HsdsDocument, ApiError> {
    auth.require(READERS)?;
    let services = all_services(state, auth).await?;
    let providers: Vec<shared::Provider> = provider::Entity::find()
        .filter(provider::Column::AgencyId.eq(auth.agency_id))
        .filter(provider::Column::RetiredAt.is_null())
        .order_by_asc(provider::Column::Name)
        .all(&state.db)
        .await?
        .into_iter()
        .map(provider_dto)
        .collect();
    Ok(hsds::write(&providers, &services))
}
