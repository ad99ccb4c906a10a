//! The catalogue in and out: import (a CSV file or an HSDS 3 document, checked whole, written
//! whole or not at all) and export, for the agency's staff.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use futures_util::StreamExt;
use serde::Deserialize;
use shared::{ExchangeFormat, HsdsDocument, ImportReport, Problem};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use super::service;
use crate::caller::Caller;
use crate::error::{ApiError, request_language};
use crate::responses::NotSignedIn;
use crate::session::AuthUser;
use crate::state::AppState;

/// The largest file an import reads, in bytes.
pub const MAX_FILE: usize = 5 * 1024 * 1024;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(import).service(export);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    /// `csv` (the body is the file, `text/csv`) or `hsds` (an HSDS 3 document,
    /// `application/json`).
    pub format: ExchangeFormat,
    /// Only check and report; write nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// Import a catalogue file
///
/// The agency's admins and catalogue curators. Every row (CSV) or service (HSDS) is checked by
/// the editor's rules. With `dry_run=true` the answer is the report of every row, accepted or
/// refused and why, and nothing is written. Without it, the file is written whole when every
/// row is accepted (200, the report), or not at all (422, each refused field as
/// `/rows/{row}/{column}`). A provider is matched by name, a location by provider, name and
/// municipality, a service by its id among the agency's; the rest is added. The file is at
/// most 5 MB and 5,000 rows; CSV columns are listed in the README.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "import_catalogue",
    params(ImportQuery),
    request_body(
        description = "The file: CSV (`;`, UTF-8, a header row) or an HSDS 3 document",
        content(
            (String = "text/csv"),
            (HsdsDocument = "application/json"),
        ),
    ),
    responses(
        (status = 200, description = "The report (written when `imported` is true)", body = ImportReport),
        (status = 400, description = "`format` missing or unknown, or the HSDS document is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Neither an admin nor a curator of the catalogue", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 5 MB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The file cannot be read (`file_unreadable`, `file_empty`, `column_missing`, `column_unknown`, more than 5,000 rows, JSON not of the HSDS shape), or a row is refused: nothing was written", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/catalogue/import")]
pub async fn import(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    query: web::Query<ImportQuery>,
    mut body: web::Payload,
) -> Result<web::Json<ImportReport>, ApiError> {
    auth.require(crate::catalogue::access::READERS)?;
    let mut bytes = web::BytesMut::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|_| ApiError::PayloadTooLarge { limit: MAX_FILE })?;
        if bytes.len() + chunk.len() > MAX_FILE {
            return Err(ApiError::PayloadTooLarge { limit: MAX_FILE });
        }
        bytes.extend_from_slice(&chunk);
    }
    let q = query.into_inner();
    Ok(web::Json(
        service::import(
            &state,
            &caller,
            &auth,
            q.format,
            q.dry_run,
            &bytes,
            request_language(&req),
        )
        .await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    pub format: ExchangeFormat,
}

/// Export the catalogue
///
/// Staff of the agency: every service of the agency (each status), as a CSV file (`;`, UTF-8
/// with a BOM, one row per service and location) or as an HSDS 3 document; what an import
/// reads back.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "export_catalogue",
    params(ExportQuery),
    responses(
        (status = 200, description = "The file", content(
            (String = "text/csv"),
            (HsdsDocument = "application/json"),
        ), headers(("Content-Disposition" = String, description = "attachment; filename=…"))),
        (status = 400, description = "`format` missing or unknown", body = Problem, content_type = "application/problem+json"),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/catalogue/export")]
pub async fn export(
    state: web::Data<AppState>,
    auth: AuthUser,
    query: web::Query<ExportQuery>,
) -> Result<HttpResponse, ApiError> {
    let day = chrono::Utc::now().date_naive();
    match query.format {
        ExchangeFormat::Csv => Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"catalogo-{day}.csv\""),
            ))
            .body(service::export_csv(&state, &auth).await?)),
        ExchangeFormat::Hsds => Ok(HttpResponse::Ok()
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"catalogo-{day}.hsds.json\""),
            ))
            .json(service::export_hsds(&state, &auth).await?)),
    }
}
