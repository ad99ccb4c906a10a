//! Enums stored as text: each as its serde name, so the two can never disagree. Used by every
//! feature's queries (until the entities carry the enums themselves).

use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// A code stored as text (`"self_rating"`, `"published"`, …) read back as its enum, through the
/// enum's own serde names, so that the two can never disagree.
pub fn from_code<T: DeserializeOwned>(code: &str) -> Result<T, ApiError> {
    serde_json::from_value(serde_json::Value::String(code.to_owned())).map_err(|e| {
        ApiError::Internal(anyhow::Error::new(e).context(format!("unknown stored code {code}")))
    })
}

/// The text an enum is stored as (its serde name).
pub fn code_of<T: serde::Serialize>(value: T) -> Result<String, ApiError> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        _ => Err(ApiError::Internal(anyhow::anyhow!(
            "enum without a text code"
        ))),
    }
}
