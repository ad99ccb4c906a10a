//! Who reads and who writes the catalogue, and the small field rules its parts share.

use shared::Role;

use crate::error::{ApiError, FieldIssue, Issues};
use crate::session::AuthUser;

/// Staff of the agency read the catalogue.
pub const READERS: &[Role] = &[Role::Admin, Role::Counsellor, Role::CommunityManager];

/// Its admins, and staff who carry `catalogue_curator`, write it.
pub fn require_curator(auth: &AuthUser) -> Result<(), ApiError> {
    auth.require(READERS)?;
    if auth.role == Role::Admin || auth.user.catalogue_curator {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// A required text: trimmed, then [`crate::texts::plain`] up to `max`.
pub fn required_text(value: &str, max: usize, pointer: &str, issues: &mut Issues) -> String {
    let value = value.trim().to_owned();
    if let Some(code) = crate::texts::plain(&value, max, true) {
        issues.push(FieldIssue::new(pointer, code));
    }
    value
}

/// An optional text: trimmed, empty is none; else [`crate::texts::plain`] up to `max`.
pub fn optional_text(
    value: Option<String>,
    max: usize,
    pointer: &str,
    issues: &mut Issues,
) -> Option<String> {
    let value = value
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())?;
    match crate::texts::plain(&value, max, false) {
        Some(code) => {
            issues.push(FieldIssue::new(pointer, code));
            None
        }
        None => Some(value),
    }
}
