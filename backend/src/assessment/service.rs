//! Reading the framework and the instruments: who sees which version.

use shared::{Instrument, InstrumentStatus, InstrumentSummary, Role};
use uuid::Uuid;

use super::repo;
use crate::error::ApiError;
use crate::session::AuthUser;
use crate::state::AppState;

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
    repo::all_instruments(&state.db)
        .await?
        .into_iter()
        .filter(|(i, _)| visible(auth, i.status))
        .map(|(i, items)| repo::summary(&i, &items))
        .collect()
}

/// One instrument version with its items; 404 when the caller may not see it.
pub async fn get_instrument(
    state: &AppState,
    auth: &AuthUser,
    id: Uuid,
) -> Result<Instrument, ApiError> {
    let row = repo::instrument_row(&state.db, id)
        .await?
        .filter(|i| readable(auth, i.status))
        .ok_or(ApiError::NotFound)?;
    repo::instrument_with_items(&state.db, row).await
}

/// The framework in use: the newest version, with its competences in order.
pub async fn current_framework(state: &AppState) -> Result<shared::Framework, ApiError> {
    repo::current_framework(&state.db).await
}
