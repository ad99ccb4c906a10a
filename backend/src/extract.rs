//! Request extractors that answer in the project's error model.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::web::BytesMut;
use actix_web::{FromRequest, HttpRequest};
use futures_util::StreamExt;
use futures_util::future::LocalBoxFuture;
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::ErrorCode;

use crate::config::ForwardedHeader;
use crate::error::ApiError;

/// The largest JSON body accepted, registered as app data.
#[derive(Debug, Clone, Copy)]
pub struct JsonLimit(pub usize);

/// A JSON body. Unlike `web::Json`, a wrong type or a missing or unknown field is reported with a
/// JSON pointer to the field (422), malformed JSON answers 400, a wrong content type 415 and an
/// oversize body 413.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

/// A JSON body that may be absent (empty body): `None` then.
#[derive(Debug)]
pub struct OptionalJson<T>(pub Option<T>);

impl<T: DeserializeOwned + Serialize + 'static> FromRequest for ApiJson<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let fut = read_json::<T>(req, payload, false);
        Box::pin(async move {
            match fut.await? {
                Some(v) => Ok(ApiJson(v)),
                None => Err(ApiError::MalformedJson("the body is empty".into())),
            }
        })
    }
}

impl<T: DeserializeOwned + Serialize + 'static> FromRequest for OptionalJson<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let fut = read_json::<T>(req, payload, true);
        Box::pin(async move { fut.await.map(OptionalJson) })
    }
}

fn read_json<T: DeserializeOwned + Serialize + 'static>(
    req: &HttpRequest,
    payload: &mut Payload,
    allow_empty: bool,
) -> LocalBoxFuture<'static, Result<Option<T>, ApiError>> {
    let limit = req
        .app_data::<JsonLimit>()
        .map(|l| l.0)
        .unwrap_or(64 * 1024);
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        });
    let declared_len = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let mut payload = payload.take();
    Box::pin(async move {
        if declared_len.is_some_and(|len| len > limit) {
            return Err(ApiError::PayloadTooLarge { limit });
        }
        let mut body = BytesMut::new();
        while let Some(chunk) = payload.next().await {
            let chunk = chunk.map_err(|e| ApiError::BadRequest {
                code: ErrorCode::BadRequest,
                detail: e.to_string(),
            })?;
            if body.len() + chunk.len() > limit {
                return Err(ApiError::PayloadTooLarge { limit });
            }
            body.extend_from_slice(&chunk);
        }
        // An optional body may be absent, or JSON `null` (what the spec allows).
        if allow_empty
            && (body.iter().all(u8::is_ascii_whitespace)
                || std::str::from_utf8(&body).is_ok_and(|b| b.trim() == "null"))
        {
            return Ok(None);
        }
        let is_json = content_type
            .as_deref()
            .is_some_and(|ct| ct == "application/json" || ct.ends_with("+json"));
        if !is_json {
            return Err(ApiError::UnsupportedMediaType);
        }
        parse_json(&body).map(Some)
    })
}

/// Deserializes JSON, locating a bad field with a JSON pointer. An object is an object: serde
/// would also take a struct written as an array of its fields (`["email", "password"]` for a
/// login), which no client means and the spec does not allow, so that is refused too.
pub fn parse_json<T: DeserializeOwned + Serialize>(body: &[u8]) -> Result<T, ApiError> {
    let value: T = parse_fields(body)?;
    let given: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| ApiError::MalformedJson(e.to_string()))?;
    let read = serde_json::to_value(&value).map_err(|e| ApiError::Internal(e.into()))?;
    if let Some(pointer) = array_for_object(&given, &read, String::new()) {
        return Err(ApiError::InvalidBody {
            pointer,
            detail: "invalid type: array, expected an object".to_owned(),
        });
    }
    Ok(value)
}

/// Where `given` has an array that was read as an object (a struct), if anywhere.
fn array_for_object(
    given: &serde_json::Value,
    read: &serde_json::Value,
    at: String,
) -> Option<String> {
    use serde_json::Value;
    match (given, read) {
        (Value::Array(_), Value::Object(_)) => Some(at),
        (Value::Array(a), Value::Array(b)) => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| array_for_object(x, y, format!("{at}/{i}"))),
        (Value::Object(a), Value::Object(b)) => a.iter().find_map(|(k, x)| {
            b.get(k)
                .and_then(|y| array_for_object(x, y, format!("{at}/{}", escape_pointer(k))))
        }),
        _ => None,
    }
}

fn parse_fields<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let pointer = pointer_of(e.path());
        let inner = e.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => {
                let message = inner.to_string();
                // serde names a missing field in back-quotes (an unknown one is already in the
                // path): point at it.
                let pointer = match field_named(&message) {
                    Some(field) => format!("{pointer}/{}", escape_pointer(field)),
                    None => pointer,
                };
                ApiError::InvalidBody {
                    pointer,
                    detail: message,
                }
            }
            _ => ApiError::MalformedJson(inner.to_string()),
        }
    })?;
    de.end()
        .map_err(|e| ApiError::MalformedJson(e.to_string()))?;
    Ok(value)
}

fn field_named(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split('`').next()
}

fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => {
                out.push('/');
                out.push_str(&index.to_string());
            }
            Segment::Map { key } => {
                out.push('/');
                out.push_str(&escape_pointer(key));
            }
            Segment::Enum { variant } => {
                out.push('/');
                out.push_str(&escape_pointer(variant));
            }
            Segment::Unknown => {}
        }
    }
    out
}

fn escape_pointer(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// The client's address, for throttling: the peer, or the first `X-Forwarded-For` hop when
/// settings say a trusted proxy sets it.
/// The client's address for throttling: the connection's peer, or, behind `trusted` proxies,
/// the address `trusted` hops from the right of the forwarding header they write (every
/// header of that name, in order). What stands further left was written by the client and is
/// never used; a chain shorter than promised falls back to the peer.
pub fn client_address(req: &HttpRequest, trusted: u8, header: ForwardedHeader) -> String {
    let peer = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned());
    if trusted == 0 {
        return peer;
    }
    let chain: Vec<String> = match header {
        ForwardedHeader::XForwardedFor => req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|a| strip_port(a.trim()).to_owned())
            .collect(),
        ForwardedHeader::Forwarded => req
            .headers()
            .get_all("forwarded")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|element| {
                element.split(';').find_map(|pair| {
                    let (k, v) = pair.trim().split_once('=')?;
                    k.eq_ignore_ascii_case("for")
                        .then(|| forwarded_node(v.trim().trim_matches('"')).to_owned())
                })
            })
            .collect(),
    };
    let hops = usize::from(trusted);
    match chain.len().checked_sub(hops).and_then(|i| chain.get(i)) {
        Some(a) if !a.is_empty() => a.clone(),
        _ => peer,
    }
}

/// The address of an RFC 7239 node: `[v6]:port`, `[v6]`, `v4:port` or `v4`.
fn forwarded_node(node: &str) -> &str {
    if let Some(rest) = node.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    strip_port(node)
}

fn strip_port(addr: &str) -> &str {
    match addr.parse::<std::net::SocketAddr>() {
        Ok(_) => addr.rsplit_once(':').map(|(h, _)| h).unwrap_or(addr),
        Err(_) => addr,
    }
}

/// The version an `If-Match` header names: `"3"` (or `W/"3"`) → 3. Missing: 428; anything else
/// answers 412, as no version can match it.
pub fn if_match_version(if_match: Option<&str>) -> Result<u32, ApiError> {
    let raw = if_match.ok_or(ApiError::PreconditionRequired)?.trim();
    let raw = raw.strip_prefix("W/").unwrap_or(raw);
    raw.strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .and_then(|v| v.parse().ok())
        .ok_or(ApiError::PreconditionFailed)
}

/// The `If-Match` header of a request, as text (`invalid` when it is not).
pub fn if_match_header(req: &HttpRequest) -> Option<&str> {
    req.headers()
        .get(header::IF_MATCH)
        .map(|v| v.to_str().unwrap_or("invalid"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
    use super::*;

    fn addr(trusted: u8, header: ForwardedHeader, headers: &[(&str, &str)]) -> String {
        let mut req = actix_web::test::TestRequest::default()
            .peer_addr("10.0.0.9:5000".parse().expect("address"));
        for (k, v) in headers {
            req = req.append_header((*k, *v));
        }
        client_address(&req.to_http_request(), trusted, header)
    }

    #[test]
    fn the_client_address_is_the_one_the_trusted_proxies_saw() {
        use ForwardedHeader::*;
        let spoof = [("x-forwarded-for", "6.6.6.6"), ("forwarded", "for=7.7.7.7")];
        // No trusted proxy: headers are the client's own words.
        assert_eq!(addr(0, XForwardedFor, &spoof), "10.0.0.9");
        assert_eq!(addr(0, Forwarded, &spoof), "10.0.0.9");
        // One proxy appends what it saw: what the client wrote before it is ignored.
        let xff = [("x-forwarded-for", "6.6.6.6, 203.0.113.7")];
        assert_eq!(addr(1, XForwardedFor, &xff), "203.0.113.7");
        assert_eq!(
            addr(
                2,
                XForwardedFor,
                &[("x-forwarded-for", "6.6.6.6, 203.0.113.7, 10.0.0.2")]
            ),
            "203.0.113.7"
        );
        // Two headers of the same name count as one list.
        assert_eq!(
            addr(
                1,
                XForwardedFor,
                &[
                    ("x-forwarded-for", "6.6.6.6"),
                    ("x-forwarded-for", "203.0.113.7:443")
                ]
            ),
            "203.0.113.7"
        );
        // RFC 7239, with IPv6 and ports; the other header is not read.
        let fwd = [
            (
                "forwarded",
                "for=6.6.6.6, for=\"[2001:db8::1]:4711\";proto=https",
            ),
            ("x-forwarded-for", "5.5.5.5"),
        ];
        assert_eq!(addr(1, Forwarded, &fwd), "2001:db8::1");
        // A chain shorter than promised: the peer.
        assert_eq!(addr(3, XForwardedFor, &xff), "10.0.0.9");
        assert_eq!(addr(1, XForwardedFor, &[]), "10.0.0.9");
    }

    #[derive(Debug, serde::Deserialize, serde::Serialize)]
    #[serde(deny_unknown_fields)]
    struct Body {
        name: String,
        items: Vec<Item>,
    }

    #[derive(Debug, serde::Deserialize, serde::Serialize)]
    struct Item {
        n: u32,
    }

    fn err_of(json: &str) -> ApiError {
        match parse_json::<Body>(json.as_bytes()) {
            Err(e) => e,
            Ok(b) => panic!("parsed {b:?}"),
        }
    }

    #[test]
    fn points_at_the_wrong_field() {
        match err_of(r#"{"name":"a","items":[{"n":1},{"n":"x"}]}"#) {
            ApiError::InvalidBody { pointer, .. } => assert_eq!(pointer, "/items/1/n"),
            e => panic!("{e:?}"),
        }
        match err_of(r#"{"items":[]}"#) {
            ApiError::InvalidBody { pointer, .. } => assert_eq!(pointer, "/name"),
            e => panic!("{e:?}"),
        }
        match err_of(r#"{"name":"a","items":[],"x/y":1}"#) {
            ApiError::InvalidBody { pointer, .. } => assert_eq!(pointer, "/x~1y"),
            e => panic!("{e:?}"),
        }
        assert!(matches!(err_of(r#"{"name":"#), ApiError::MalformedJson(_)));
        // Objects written as arrays of their fields, at the top or inside.
        match err_of(r#"["a", []]"#) {
            ApiError::InvalidBody { pointer, .. } => assert_eq!(pointer, ""),
            e => panic!("{e:?}"),
        }
        match err_of(r#"{"name":"a","items":[{"n":1},[2]]}"#) {
            ApiError::InvalidBody { pointer, .. } => assert_eq!(pointer, "/items/1"),
            e => panic!("{e:?}"),
        }
        assert!(parse_json::<Body>(br#"{"name":"a","items":[{"n":1}]}"#).is_ok());
        assert!(matches!(
            err_of(r#"{"name":"a","items":[]} trailing"#),
            ApiError::MalformedJson(_)
        ));
    }
}
