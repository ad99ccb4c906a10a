//! The web app's files as they travel (issue 16). `cargo xtask spa` names every file but
//! `index.html` with a hash of its content (`name-<16 hex>.ext`) and writes a brotli and a gzip
//! copy beside each script, style sheet and wasm. Such a file never changes under its name:
//! it is cached for a year (`immutable`), and its precompressed copy is sent to a client that
//! accepts it. Anything else of the app (`index.html`, the app's own paths) is `no-cache`: the
//! browser asks again each time, so a new version is seen at the next visit.

use std::path::{Path, PathBuf};

use actix_files::NamedFile;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{self, ContentEncoding, HeaderValue};
use actix_web::middleware::Next;

/// Cache-Control of a fingerprinted file.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Whether the path's last segment is `name-<16 lowercase hex>.ext`.
pub fn is_fingerprinted(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    let Some((_, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    !ext.is_empty()
        && hash.len() == 16
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Whether `accept` (an `Accept-Encoding` value) takes `coding` (not with `q=0`).
fn accepts(accept: &str, coding: &str) -> bool {
    accept.split(',').any(|part| {
        let mut pieces = part.split(';').map(str::trim);
        pieces
            .next()
            .is_some_and(|c| c.eq_ignore_ascii_case(coding))
            && !pieces.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q == 0.0)
            })
    })
}

/// The precompressed copy of a fingerprinted file under `dir` that the request accepts, with
/// its coding.
fn precompressed_copy(dir: &Path, req: &ServiceRequest) -> Option<(PathBuf, ContentEncoding)> {
    let path = req.path();
    if !matches!(*req.method(), Method::GET | Method::HEAD)
        || path.starts_with("/api")
        || !is_fingerprinted(path)
        || path.split('/').any(|s| s == ".." || s.starts_with('.'))
    {
        return None;
    }
    let accept = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let file = dir.join(path.trim_start_matches('/'));
    [
        ("br", ContentEncoding::Brotli),
        ("gzip", ContentEncoding::Gzip),
    ]
    .into_iter()
    .filter(|(coding, _)| accepts(accept, coding))
    .map(|(coding, encoding)| {
        let ext = if coding == "br" { "br" } else { "gz" };
        (PathBuf::from(format!("{}.{ext}", file.display())), encoding)
    })
    .find(|(copy, _)| copy.is_file())
}

/// Sends a fingerprinted file's precompressed copy when the client accepts one (the on-the-fly
/// compression then leaves it alone); otherwise the request goes on.
pub async fn precompressed(
    dir: Option<PathBuf>,
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if let Some(dir) = dir
        && let Some((copy, encoding)) = precompressed_copy(&dir, &req)
    {
        let ext = req.path().rsplit('.').next().unwrap_or_default();
        let mime = actix_files::file_extension_to_mime(ext);
        let file = NamedFile::open(copy)?
            .set_content_type(mime)
            .set_content_encoding(encoding)
            .use_last_modified(false);
        let (http, _) = req.into_parts();
        let mut res = file.into_response(&http);
        res.headers_mut()
            .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        return Ok(ServiceResponse::new(http, res));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

/// The Cache-Control of an answer of the web app (not the API's), unless it has one.
pub fn cache_control(path: &str) -> &'static str {
    if is_fingerprinted(path) {
        IMMUTABLE
    } else {
        "no-cache"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprinted_names() {
        assert!(is_fingerprinted("/pkg/frontend_bg-0123456789abcdef.wasm"));
        assert!(is_fingerprinted("/app-fedcba9876543210.css"));
        assert!(!is_fingerprinted("/index.html"));
        assert!(!is_fingerprinted("/app.css"));
        assert!(!is_fingerprinted("/app-0123456789ABCDEF.css"));
        assert!(!is_fingerprinted("/app-0123456789abcde.css"));
        assert!(!is_fingerprinted("/opportunities/0123456789abcdef"));
    }

    #[test]
    fn accepted_codings() {
        assert!(accepts("gzip, deflate, br, zstd", "br"));
        assert!(accepts("gzip;q=0.8, br;q=1.0", "br"));
        assert!(!accepts("gzip, br;q=0", "br"));
        assert!(!accepts("gzip", "br"));
        assert!(!accepts("", "gzip"));
    }
}
