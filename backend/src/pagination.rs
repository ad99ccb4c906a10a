//! Cursor pagination: `page_size` (1 to 100, 50 by default) and an opaque `page_token` that
//! encodes the last id of the previous page.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use shared::{ErrorCode, FieldCode};
use uuid::Uuid;

use crate::error::{ApiError, FieldIssue};

pub const MAX_PAGE_SIZE: u64 = 100;
pub const DEFAULT_PAGE_SIZE: u64 = 50;

/// The page size asked for, checked.
pub fn page_size(asked: Option<u64>) -> Result<u64, ApiError> {
    let size = asked.unwrap_or(DEFAULT_PAGE_SIZE);
    if (1..=MAX_PAGE_SIZE).contains(&size) {
        Ok(size)
    } else {
        Err(ApiError::Validation(vec![FieldIssue::new(
            "/page_size",
            FieldCode::PageSizeOutOfRange,
        )]))
    }
}

pub fn encode_cursor(id: Uuid) -> String {
    URL_SAFE_NO_PAD.encode(id.as_bytes())
}

pub fn decode_cursor(token: &str) -> Result<Uuid, ApiError> {
    URL_SAFE_NO_PAD
        .decode(token)
        .ok()
        .and_then(|b| Uuid::from_slice(&b).ok())
        .ok_or(ApiError::BadRequest {
            code: ErrorCode::InvalidPageToken,
            detail: String::new(),
        })
}

/// Cuts the extra row fetched to know whether a next page exists and returns its token.
pub fn finish_page<T>(rows: &mut Vec<T>, size: u64, id: impl Fn(&T) -> Uuid) -> Option<String> {
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    if rows.len() > size {
        rows.truncate(size);
        rows.last().map(|r| encode_cursor(id(r)))
    } else {
        None
    }
}
