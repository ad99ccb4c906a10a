//! Cursor pagination: `page_size` (1 to 100, 50 by default) and an opaque `page_token` that
//! encodes the last id of the previous page (or, for a list in another order, the offset).

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

/// A page token of a list in an order other than by id (a ranking, a date): the offset of the
/// next item.
pub fn encode_offset(offset: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!("o:{offset}"))
}

/// The offset a token names; 0 without one.
pub fn decode_offset(token: Option<&str>) -> Result<usize, ApiError> {
    let Some(token) = token else { return Ok(0) };
    URL_SAFE_NO_PAD
        .decode(token)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| s.strip_prefix("o:").and_then(|n| n.parse().ok()))
        .ok_or(ApiError::BadRequest {
            code: ErrorCode::InvalidPageToken,
            detail: String::new(),
        })
}

/// The `[offset, offset + size)` part of `all` and the next page's token.
pub fn page_of<T>(all: Vec<T>, offset: usize, size: u64) -> (Vec<T>, Option<String>) {
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    let total = all.len();
    let items: Vec<T> = all.into_iter().skip(offset).take(size).collect();
    let next = (offset + items.len() < total).then(|| encode_offset(offset + items.len()));
    (items, next)
}
