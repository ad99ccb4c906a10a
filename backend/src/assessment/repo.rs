//! Reading the framework and the instruments.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::de::DeserializeOwned;
use shared::{
    ChoiceOption, Competence, Framework, Instrument, InstrumentStatus, InstrumentSummary, Item,
    LocalizedText, Role,
};
use uuid::Uuid;

use crate::entities::{competence, framework_version, instrument, instrument_item};
use crate::error::ApiError;
use crate::session::AuthUser;
use crate::state::AppState;

fn stored<T: DeserializeOwned>(v: &serde_json::Value, what: &str) -> Result<T, ApiError> {
    serde_json::from_value(v.clone())
        .map_err(|e| ApiError::Internal(anyhow::Error::new(e).context(format!("stored {what}"))))
}

/// The competence codes of a framework version, in order.
pub async fn competence_codes<C: ConnectionTrait>(
    db: &C,
    version: i32,
) -> Result<Vec<String>, ApiError> {
    Ok(competence::Entity::find()
        .filter(competence::Column::FrameworkVersion.eq(version))
        .order_by_asc(competence::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.code)
        .collect())
}

/// Ids of every version of an instrument key.
pub async fn key_versions<C: ConnectionTrait>(db: &C, key: &str) -> Result<Vec<Uuid>, ApiError> {
    Ok(instrument::Entity::find()
        .filter(instrument::Column::Key.eq(key))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.id)
        .collect())
}

/// The newest framework version, with its competences in order.
pub async fn current_framework<C: ConnectionTrait>(db: &C) -> Result<Framework, ApiError> {
    let version = framework_version::Entity::find()
        .order_by_desc(framework_version::Column::Version)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no framework version")))?;
    framework(db, version).await
}

/// A given framework version.
pub async fn framework_version<C: ConnectionTrait>(
    db: &C,
    version: i32,
) -> Result<Framework, ApiError> {
    let row = framework_version::Entity::find_by_id(version)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no framework version {version}")))?;
    framework(db, row).await
}

async fn framework<C: ConnectionTrait>(
    db: &C,
    version: framework_version::Model,
) -> Result<Framework, ApiError> {
    let rows = competence::Entity::find()
        .filter(competence::Column::FrameworkVersion.eq(version.version))
        .order_by_asc(competence::Column::Position)
        .all(db)
        .await?;
    let competences = rows
        .into_iter()
        .map(|c| {
            Ok(Competence {
                area: c.area,
                name: stored::<LocalizedText>(&c.name, "competence name")?,
                description: stored(&c.description, "competence description")?,
                at_home: stored(&c.at_home, "competence at home")?,
                at_work: stored(&c.at_work, "competence at work")?,
                code: c.code,
                esco_code: c.esco_code,
                esco_uri: c.esco_uri,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(Framework {
        version: u32::try_from(version.version).unwrap_or(0),
        published_at: version.published_at,
        competences,
    })
}

fn summary(
    i: &instrument::Model,
    items: &[instrument_item::Model],
) -> Result<InstrumentSummary, ApiError> {
    let seconds: i64 = items.iter().map(|it| i64::from(it.estimated_seconds)).sum();
    Ok(InstrumentSummary {
        id: i.id,
        key: i.key.clone(),
        version: u32::try_from(i.version).unwrap_or(0),
        status: i.status,
        framework_version: u32::try_from(i.framework_version).unwrap_or(0),
        title: stored(&i.title, "instrument title")?,
        description: stored(&i.description, "instrument description")?,
        item_count: u32::try_from(items.len()).unwrap_or(0),
        estimated_minutes: u32::try_from((seconds + 59) / 60).unwrap_or(0),
        published_at: i.published_at,
    })
}

fn item_dto(it: instrument_item::Model) -> Result<Item, ApiError> {
    Ok(Item {
        id: it.id,
        position: u32::try_from(it.position).unwrap_or(0),
        kind: it.kind,
        prompt: stored(&it.prompt, "item prompt")?,
        competences: stored(&it.competences, "item competences")?,
        reverse_keyed: it.reverse_keyed,
        options: stored::<Vec<ChoiceOption>>(&it.options, "item options")?,
        estimated_seconds: u32::try_from(it.estimated_seconds).unwrap_or(0),
    })
}

/// Who lists which instruments: admins every version, everyone else the published ones.
fn visible(auth: &AuthUser, status: InstrumentStatus) -> bool {
    auth.role == Role::Admin || status == InstrumentStatus::Published
}

/// Who reads a version by id: a retired one stays readable (results point to the version they
/// were taken with, and her results page shows its questions); a draft only to admins.
fn readable(auth: &AuthUser, status: InstrumentStatus) -> bool {
    auth.role == Role::Admin || status != InstrumentStatus::Draft
}

/// The instruments the caller may see, newest first by key.
pub async fn list_instruments(
    state: &AppState,
    auth: &AuthUser,
) -> Result<Vec<InstrumentSummary>, ApiError> {
    let rows = instrument::Entity::find()
        .order_by_asc(instrument::Column::Key)
        .order_by_desc(instrument::Column::Version)
        .all(&state.db)
        .await?;
    let rows: Vec<_> = rows
        .into_iter()
        .filter(|i| visible(auth, i.status))
        .collect();
    let ids: Vec<Uuid> = rows.iter().map(|i| i.id).collect();
    let items = instrument_item::Entity::find()
        .filter(instrument_item::Column::InstrumentId.is_in(ids))
        .all(&state.db)
        .await?;
    rows.iter()
        .map(|i| {
            let own: Vec<_> = items
                .iter()
                .filter(|it| it.instrument_id == i.id)
                .cloned()
                .collect();
            summary(i, &own)
        })
        .collect()
}

/// The items of an instrument version, in order.
pub async fn items_of<C: ConnectionTrait>(
    db: &C,
    instrument_id: Uuid,
) -> Result<Vec<Item>, ApiError> {
    instrument_item::Entity::find()
        .filter(instrument_item::Column::InstrumentId.eq(instrument_id))
        .order_by_asc(instrument_item::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(item_dto)
        .collect()
}

/// An instrument version with its items, whatever its status (404 when there is none).
pub async fn instrument_any_status<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Instrument, ApiError> {
    let row = instrument::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?;
    instrument_with_items(db, row).await
}

async fn instrument_with_items<C: ConnectionTrait>(
    db: &C,
    row: instrument::Model,
) -> Result<Instrument, ApiError> {
    let rows = instrument_item::Entity::find()
        .filter(instrument_item::Column::InstrumentId.eq(row.id))
        .order_by_asc(instrument_item::Column::Position)
        .all(db)
        .await?;
    Ok(Instrument {
        summary: summary(&row, &rows)?,
        items: rows
            .into_iter()
            .map(item_dto)
            .collect::<Result<Vec<_>, _>>()?,
    })
}

/// One instrument version with its items; 404 when the caller may not see it.
pub async fn get_instrument(
    state: &AppState,
    auth: &AuthUser,
    id: Uuid,
) -> Result<Instrument, ApiError> {
    let row = instrument::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .filter(|i| readable(auth, i.status))
        .ok_or(ApiError::NotFound)?;
    instrument_with_items(&state.db, row).await
}
