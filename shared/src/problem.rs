use serde::{Deserialize, Serialize};

/// RFC 9457 problem details: the one error body of the API.
///
/// `type` and `code` are language-neutral; `title` and `detail` follow `Accept-Language`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "type": "https://sinergia.example/problems/validation",
    "title": "Invalid input",
    "status": 422,
    "detail": "Some fields are not valid.",
    "instance": "/api/v1/auth/register",
    "code": "validation",
    "errors": [{"pointer": "/email", "code": "email_invalid", "message": "This is not a valid email address."}]
})))]
pub struct Problem {
    /// URI identifying the kind of problem (language-neutral).
    #[serde(rename = "type")]
    pub type_: String,
    /// Short, human-readable summary in the requested language.
    pub title: String,
    /// HTTP status code.
    pub status: u16,
    /// Explanation specific to this occurrence, in the requested language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The request path that produced the problem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// Machine-readable code, stable across languages (e.g. `validation`, `invalid_credentials`).
    pub code: crate::ErrorCode,
    /// Field errors, each pointing into the request body with a JSON pointer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// JSON pointer (RFC 6901) to the field in the request body, e.g. `/email`.
    pub pointer: String,
    /// Machine-readable code of the rule that failed, e.g. `password_too_short`.
    pub code: crate::FieldCode,
    /// Human-readable message in the requested language.
    pub message: String,
}

pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";
