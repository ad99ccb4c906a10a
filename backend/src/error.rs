//! One error model: every 4xx/5xx leaves as RFC 9457 problem+json.
//!
//! Features return [`ApiError`]. The [`problem_renderer`] middleware turns every error response,
//! ours or actix's own (unknown route, extractor errors), into a [`Problem`] whose `title`,
//! `detail` and field messages follow the request's `Accept-Language`.

use actix_web::body::MessageBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use shared::{ErrorCode, FieldCode, FieldError, Language, PROBLEM_CONTENT_TYPE, Problem};

use crate::i18n;

/// A field that failed a rule: where it is in the body and which rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldIssue {
    pub pointer: String,
    pub code: FieldCode,
}

impl FieldIssue {
    pub fn new(pointer: impl Into<String>, code: FieldCode) -> Self {
        Self {
            pointer: pointer.into(),
            code,
        }
    }
}

/// Collects the issues of several fields so that one answer lists them all.
#[derive(Default)]
pub struct Issues(Vec<FieldIssue>);

impl Issues {
    pub fn take<T>(&mut self, r: Result<T, FieldIssue>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(i) => {
                self.0.push(i);
                None
            }
        }
    }

    pub fn push(&mut self, issue: FieldIssue) {
        self.0.push(issue);
    }

    /// `Err` with every issue when there is at least one.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(self.0))
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("the request has invalid fields: {0:?}")]
    Validation(Vec<FieldIssue>),
    /// The body is JSON of the wrong shape (wrong type, missing or unknown field).
    #[error("the JSON body does not fit: {detail}")]
    InvalidBody { pointer: String, detail: String },
    #[error("the body is not valid JSON: {0}")]
    MalformedJson(String),
    #[error("bad request ({code}): {detail}")]
    BadRequest { code: ErrorCode, detail: String },
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("the body is larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("unauthorized ({0})")]
    Unauthorized(ErrorCode),
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed { allow: String },
    #[error("conflict ({0})")]
    Conflict(ErrorCode),
    /// `If-Match` names a version that is no longer the current one.
    #[error("precondition failed")]
    PreconditionFailed,
    /// The write needs `If-Match`.
    #[error("precondition required")]
    PreconditionRequired,
    #[error("too many requests, retry after {retry_after_seconds}s")]
    TooManyRequests {
        retry_after_seconds: u64,
        /// The burst the exhausted limit allows (0 when unknown).
        limit: u32,
    },
    #[error("a dependency is unavailable")]
    Unavailable,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(e: sea_orm::DbErr) -> Self {
        ApiError::Internal(anyhow::Error::new(e).context("database error"))
    }
}

impl ApiError {
    /// The language-neutral code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::Validation(_) => ErrorCode::Validation,
            ApiError::InvalidBody { .. } => ErrorCode::InvalidBody,
            ApiError::MalformedJson(_) => ErrorCode::MalformedJson,
            ApiError::BadRequest { code, .. } => *code,
            ApiError::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            ApiError::PayloadTooLarge { .. } => ErrorCode::PayloadTooLarge,
            ApiError::Unauthorized(code) | ApiError::Conflict(code) => *code,
            ApiError::Forbidden => ErrorCode::Forbidden,
            ApiError::NotFound => ErrorCode::NotFound,
            ApiError::MethodNotAllowed { .. } => ErrorCode::MethodNotAllowed,
            ApiError::PreconditionFailed => ErrorCode::PreconditionFailed,
            ApiError::PreconditionRequired => ErrorCode::PreconditionRequired,
            ApiError::TooManyRequests { .. } => ErrorCode::TooManyRequests,
            ApiError::Unavailable => ErrorCode::Unavailable,
            ApiError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The problem for statuses actix produces on its own.
    fn for_status(status: StatusCode) -> ApiError {
        match status {
            StatusCode::NOT_FOUND => ApiError::NotFound,
            StatusCode::UNAUTHORIZED => ApiError::Unauthorized(ErrorCode::Unauthorized),
            StatusCode::FORBIDDEN => ApiError::Forbidden,
            StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge { limit: 0 },
            StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::UnsupportedMediaType,
            StatusCode::METHOD_NOT_ALLOWED => ApiError::MethodNotAllowed {
                allow: String::new(),
            },
            StatusCode::TOO_MANY_REQUESTS => ApiError::TooManyRequests {
                retry_after_seconds: 1,
                limit: 0,
            },
            StatusCode::SERVICE_UNAVAILABLE => ApiError::Unavailable,
            StatusCode::PRECONDITION_FAILED => ApiError::PreconditionFailed,
            s if s.is_client_error() => ApiError::BadRequest {
                code: ErrorCode::BadRequest,
                detail: s.canonical_reason().unwrap_or("bad request").to_owned(),
            },
            _ => ApiError::Internal(anyhow::anyhow!("status {status}")),
        }
    }

    pub fn to_problem(&self, lang: Language, instance: Option<String>) -> Problem {
        let code = self.code();
        let text = i18n::problem(code, lang);
        let detail = match self {
            ApiError::InvalidBody { detail, .. }
            | ApiError::MalformedJson(detail)
            | ApiError::BadRequest { detail, .. } => Some(format!("{} {detail}", text.detail)),
            ApiError::TooManyRequests {
                retry_after_seconds,
                ..
            } => Some(
                text.detail
                    .replace("{seconds}", &retry_after_seconds.to_string()),
            ),
            ApiError::PayloadTooLarge { limit } if *limit > 0 => {
                Some(text.detail.replace("{limit}", &limit.to_string()))
            }
            ApiError::PayloadTooLarge { .. } => Some(text.detail.replace(" ({limit} byte)", "")),
            _ => Some(text.detail.to_owned()),
        };
        let errors = match self {
            ApiError::Validation(issues) => issues
                .iter()
                .map(|i| FieldError {
                    pointer: i.pointer.clone(),
                    code: i.code,
                    message: i18n::field(i.code, lang).to_owned(),
                })
                .collect(),
            ApiError::InvalidBody { pointer, .. } => vec![FieldError {
                pointer: pointer.clone(),
                code: FieldCode::InvalidValue,
                message: i18n::field(FieldCode::InvalidValue, lang).to_owned(),
            }],
            _ => Vec::new(),
        };
        Problem {
            type_: format!("urn:sinergia:problem:{code}"),
            title: text.title.to_owned(),
            status: self.status_code().as_u16(),
            detail,
            instance,
            code,
            errors,
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Validation(_) | ApiError::InvalidBody { .. } => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ApiError::MalformedJson(_) | ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            ApiError::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(e) = self {
            tracing::error!(error = format!("{e:#}"), "internal error");
        }
        let mut res = problem_response(self.status_code(), &self.to_problem(Language::It, None));
        add_error_headers(self, res.headers_mut());
        res
    }
}

fn add_error_headers(err: &ApiError, headers: &mut actix_web::http::header::HeaderMap) {
    match err {
        ApiError::TooManyRequests {
            retry_after_seconds,
            limit,
        } => {
            let retry = HeaderValue::from(*retry_after_seconds);
            headers.insert(header::RETRY_AFTER, retry.clone());
            if *limit > 0 {
                headers.insert(
                    HeaderName::from_static("x-ratelimit-limit"),
                    HeaderValue::from(*limit),
                );
                headers.insert(
                    HeaderName::from_static("x-ratelimit-remaining"),
                    HeaderValue::from(0u32),
                );
                headers.insert(HeaderName::from_static("x-ratelimit-reset"), retry);
            }
        }
        ApiError::MethodNotAllowed { allow } if !allow.is_empty() => {
            if let Ok(v) = HeaderValue::from_str(allow) {
                headers.insert(header::ALLOW, v);
            }
        }
        ApiError::Unauthorized(_) => {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"sinergia\""),
            );
        }
        _ => {}
    }
}

fn problem_response(status: StatusCode, problem: &Problem) -> HttpResponse {
    HttpResponse::build(status)
        .content_type(PROBLEM_CONTENT_TYPE)
        .json(problem)
}

/// The language of a request: `Accept-Language`, Italian when absent or unsupported.
pub fn request_language(req: &HttpRequest) -> Language {
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Language::negotiate)
        .unwrap_or_default()
}

/// `ErrorHandlers` default handler: renders every error response as localized problem+json.
pub fn problem_renderer<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let status = res.status();
    let lang = request_language(res.request());
    let instance = Some(res.request().path().to_owned());
    let (req, old) = res.into_parts();
    let fallback;
    let err = match old.error().and_then(|e| e.as_error::<ApiError>()) {
        Some(e) => e,
        None => {
            fallback = match old.error() {
                Some(e) => from_actix_error(e, status),
                None => ApiError::for_status(status),
            };
            &fallback
        }
    };
    let problem = err.to_problem(lang, instance);
    let mut new = problem_response(err.status_code(), &problem);
    for (name, value) in old.headers() {
        if name != header::CONTENT_TYPE
            && name != header::CONTENT_LENGTH
            && name != header::CONTENT_ENCODING
        {
            new.headers_mut().append(name.clone(), value.clone());
        }
    }
    add_error_headers(err, new.headers_mut());
    let res = ServiceResponse::new(req, new).map_into_right_body::<B>();
    Ok(ErrorHandlerResponse::Response(res))
}

/// actix's own errors (from extractors we did not configure, routing, payload) by status.
fn from_actix_error(e: &actix_web::Error, status: StatusCode) -> ApiError {
    match status {
        StatusCode::BAD_REQUEST => ApiError::BadRequest {
            code: ErrorCode::BadRequest,
            detail: e.to_string(),
        },
        s => ApiError::for_status(s),
    }
}
