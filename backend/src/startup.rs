//! Builds the application: database, state, routes, middleware and the HTTP server.

use shared::ErrorCode;
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Arc;

use actix_files::{Files, NamedFile};
use actix_web::body::MessageBody;
use actix_web::dev::{ResourceDef, Server, ServiceRequest, ServiceResponse, fn_service};
use actix_web::http::Method;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::{Compress, ErrorHandlers, Next, from_fn};
use actix_web::{App, HttpMessage, HttpRequest, HttpResponse, HttpServer, guard, web};
use secrecy::ExposeSecret;
use tracing_actix_web::{RequestId, TracingLogger};
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::accounts::password::hash_blocking;
use crate::config::{Environment, Settings};
use crate::error::{ApiError, problem_renderer};
use crate::extract::JsonLimit;
use crate::openapi::ApiDoc;
use crate::openapi::api_spec;
use crate::routes::{SpecJson, register_api};
use crate::state::AppState;
use crate::throttle::Throttle;
use crate::tokens::JwtKeys;
use crate::{community, db, seed};

pub struct Application {
    port: u16,
    server: Server,
    state: web::Data<AppState>,
}

/// For a path the API knows, the methods it accepts (for 405 and `Allow`), and those of them
/// that take no body (a body sent to one is refused).
pub struct MethodTable(Vec<(ResourceDef, Vec<Method>, Vec<Method>)>);

impl MethodTable {
    fn from_spec(spec: &utoipa::openapi::OpenApi) -> MethodTable {
        let rows = spec
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let ops = [
                    (Method::GET, item.get.as_ref()),
                    (Method::PUT, item.put.as_ref()),
                    (Method::POST, item.post.as_ref()),
                    (Method::DELETE, item.delete.as_ref()),
                    (Method::PATCH, item.patch.as_ref()),
                ];
                let methods = ops
                    .iter()
                    .filter_map(|(m, op)| op.map(|_| m.clone()))
                    .collect();
                let bodyless = ops
                    .iter()
                    .filter(|(m, _)| *m != Method::GET)
                    .filter_map(|(m, op)| {
                        op.filter(|o| o.request_body.is_none()).map(|_| m.clone())
                    })
                    .collect();
                (ResourceDef::new(path.as_str()), methods, bodyless)
            })
            .collect();
        MethodTable(rows)
    }

    fn allowed(&self, path: &str) -> Option<String> {
        let methods: Vec<&str> = self
            .0
            .iter()
            .filter(|(def, _, _)| def.is_match(path))
            .flat_map(|(_, methods, _)| methods.iter().map(Method::as_str))
            .collect();
        (!methods.is_empty()).then(|| methods.join(", "))
    }
}

/// Operations that take no body refuse one: whatever it says would be ignored, and a client
/// that sends one has misread the API.
async fn refuse_unexpected_body(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let has_body = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|n| n > 0)
        || req.headers().contains_key(header::TRANSFER_ENCODING);
    if has_body
        && let Some(table) = req.app_data::<web::Data<MethodTable>>()
        && table
            .0
            .iter()
            .any(|(def, _, bodyless)| def.is_match(req.path()) && bodyless.contains(req.method()))
    {
        return Err(ApiError::BadRequest {
            code: ErrorCode::BodyNotExpected,
            detail: String::new(),
        }
        .into());
    }
    next.call(req).await
}

/// Where the built SPA is, if it is.
#[derive(Clone)]
struct Spa(Option<PathBuf>);

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        if settings.environment != Environment::Development
            && settings.auth.jwt_secret.expose_secret().is_empty()
        {
            anyhow::bail!(
                "auth.jwt_secret must be set (APP_AUTH__JWT_SECRET, at least 32 bytes) unless \
                 APP_ENVIRONMENT=development"
            );
        }
        if settings.demo_content && settings.environment == Environment::Production {
            anyhow::bail!(
                "demo_content is for development only (APP_DEMO_CONTENT with \
                 APP_ENVIRONMENT=development)"
            );
        }
        let db = db::connect(&settings.database).await?;
        db::migrate(&db).await?;
        if settings.seed_demo || settings.demo_content {
            let added = seed::demo(&db).await?;
            if added > 0 {
                tracing::info!(added, "demo accounts seeded");
            }
        }
        let jwt = JwtKeys::new(&settings.auth)?;
        let dummy_hash = hash_blocking("no account has this password")?;
        let listener = TcpListener::bind((settings.server.host.as_str(), settings.server.port))?;
        let port = listener.local_addr()?.port();
        let workers = match settings.server.workers {
            0 => std::thread::available_parallelism().map_or(2, usize::from),
            n => n,
        };
        let spa_dir = PathBuf::from(&settings.frontend_dir);
        let spa = Spa(spa_dir.join("index.html").is_file().then_some(spa_dir));
        let settings = Arc::new(settings);
        let municipalities = Arc::new(crate::state::load_municipalities(&db).await?);
        let state = web::Data::new(AppState {
            db,
            municipalities,
            throttle: Throttle::new(&settings.throttle),
            settings: settings.clone(),
            jwt,
            dummy_hash,
            hub: Arc::default(),
            catalogue: Arc::default(),
            open_opportunities: Arc::default(),
            mail_waiting: Arc::default(),
        });
        if settings.demo_content && seed::content(&state).await? {
            tracing::info!("demo content seeded");
        }
        let broker = settings
            .community
            .broker_url
            .as_deref()
            .filter(|u| !u.trim().is_empty());
        if let Some(url) = broker {
            crate::realtime::broker::start(
                state.hub.clone(),
                &settings.community,
                url,
                community::backlog(&state),
            )
            .await
            .map_err(|e| e.context("community.broker_url: the broker is unreachable"))?;
            tracing::info!("community fan-out through the broker");
        }
        let spec = web::Data::new(SpecJson(crate::openapi::spec_json()));
        let methods = web::Data::new(MethodTable::from_spec(&api_spec()));

        let purge_state = state.clone();
        let server = HttpServer::new(move || {
            let (app, _) = App::new()
                .into_utoipa_app()
                .openapi(ApiDoc::openapi())
                .configure(register_api)
                .split_for_parts();
            let mut app = app
                .app_data(state.clone())
                .app_data(methods.clone())
                .app_data(web::Data::new(spa.clone()))
                .app_data(JsonLimit(settings.limits.json_body_bytes))
                .app_data(web::QueryConfig::default().error_handler(|e, _| {
                    ApiError::BadRequest {
                        code: ErrorCode::InvalidQuery,
                        detail: e.to_string(),
                    }
                    .into()
                }))
                .app_data(web::PathConfig::default().error_handler(|e, _| {
                    ApiError::BadRequest {
                        code: ErrorCode::InvalidPath,
                        detail: e.to_string(),
                    }
                    .into()
                }))
                .app_data(web::JsonConfig::default().limit(settings.limits.json_body_bytes))
                .app_data(spec.clone())
                .service(web::redirect("/api/docs", "/api/docs/"))
                .service(
                    SwaggerUi::new("/api/docs/{_:.*}")
                        .config(utoipa_swagger_ui::Config::from("/api/v1/openapi.json")),
                );
            if let Some(dir) = &spa.0 {
                app = app.service(
                    Files::new("/", dir)
                        .index_file("index.html")
                        .guard(guard::fn_guard(|ctx| {
                            matches!(ctx.head().method, Method::GET | Method::HEAD)
                                && !ctx.head().uri.path().starts_with("/api")
                        }))
                        .default_handler(fn_service(|req: ServiceRequest| async move {
                            let (req, _) = req.into_parts();
                            let res = fallback_response(&req);
                            Ok(ServiceResponse::new(req, res))
                        })),
                );
            }
            app.default_service(web::to(|req: HttpRequest| async move {
                fallback_response(&req)
            }))
            .wrap(from_fn(refuse_unexpected_body))
            .wrap(from_fn({
                let dir = spa.0.clone();
                move |req, next| crate::assets::precompressed(dir.clone(), req, next)
            }))
            .wrap(Compress::default())
            .wrap(from_fn(api_uncompressed))
            .wrap(cors(&settings))
            .wrap(ErrorHandlers::new().default_handler(problem_renderer))
            .wrap(from_fn(security_headers))
            .wrap(TracingLogger::<crate::telemetry::RequestSpan>::new())
        })
        .workers(workers)
        .listen(listener)?
        .run();
        Ok(Application {
            port,
            server,
            state: purge_state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let purger = tokio::spawn(purge_loop(self.state.clone()));
        let with_broker = (self.state.settings.community.broker_url.as_deref())
            .is_some_and(|u| !u.trim().is_empty());
        let repair = tokio::spawn(crate::realtime::broker::repair_loop(
            self.state.hub.clone(),
            self.state.settings.community.repair_after_ms,
            with_broker,
            community::backlog(&self.state),
        ));
        let sender = tokio::spawn(crate::email::delivery_loop(self.state.clone()));
        let result = self.server.await;
        purger.abort();
        repair.abort();
        sender.abort();
        result
    }
}

/// Purges the erased accounts whose retention period is over, now and then every interval.
async fn purge_loop(state: web::Data<AppState>) {
    let every =
        std::time::Duration::from_secs(state.settings.privacy.purge_interval_seconds.max(1));
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        match crate::profile::service::purge_due(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(purged = n, "erased accounts purged"),
            Err(e) => tracing::error!(error = %e, "purge of erased accounts failed"),
        }
    }
}

/// Unknown API paths answer 404, known paths with another method 405 with `Allow`; any other
/// GET is a route of the SPA and gets its `index.html`.
fn fallback_response(req: &HttpRequest) -> HttpResponse {
    let path = req.path();
    if path == "/api" || path.starts_with("/api/") {
        if let Some(methods) = req.app_data::<web::Data<MethodTable>>()
            && let Some(allow) = methods.allowed(path)
        {
            return HttpResponse::from_error(ApiError::MethodNotAllowed { allow });
        }
        return HttpResponse::from_error(ApiError::NotFound);
    }
    let spa = req.app_data::<web::Data<Spa>>().and_then(|s| s.0.clone());
    if let Some(dir) = spa
        && matches!(*req.method(), Method::GET | Method::HEAD)
    {
        match NamedFile::open(dir.join("index.html")) {
            Ok(file) => {
                let mut res = file
                    .use_etag(false)
                    .use_last_modified(false)
                    .into_response(req);
                res.headers_mut()
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
                return res;
            }
            Err(e) => return HttpResponse::from_error(ApiError::Internal(e.into())),
        }
    }
    HttpResponse::from_error(ApiError::NotFound)
}

fn cors(settings: &Settings) -> actix_cors::Cors {
    let mut cors = actix_cors::Cors::default()
        .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE"])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::ACCEPT_LANGUAGE,
            header::IF_MATCH,
            HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([
            header::ETAG,
            header::RETRY_AFTER,
            HeaderName::from_static("x-request-id"),
        ])
        .supports_credentials()
        .max_age(3600);
    for origin in &settings.cors.allowed_origins {
        cors = cors.allowed_origin(origin);
    }
    cors
}

/// Compression is for the web app's files (the wasm shrinks to a quarter); API answers, which
/// carry tokens next to text a client chose, stay uncompressed (BREACH).
async fn api_uncompressed(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if req.path().starts_with("/api/") {
        req.headers_mut().remove(header::ACCEPT_ENCODING);
    }
    next.call(req).await
}

const CSP_APP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; \
    object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
/// Swagger UI sets inline styles.
const CSP_DOCS: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
    base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Security headers on every answer, and the request id that the logs carry.
async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let docs = req.path().starts_with("/api/docs");
    let api = req.path().starts_with("/api/v1/");
    let path = req.path().to_owned();
    // Served over TLS (the public address is https; TLS ends at the proxy in front of us).
    let tls = req
        .app_data::<web::Data<AppState>>()
        .is_some_and(|s| s.settings.server.public_url.starts_with("https://"));
    let request_id = req.extensions().get::<RequestId>().map(|id| id.to_string());
    let mut res = next.call(req).await?;
    let h = res.headers_mut();
    // API answers carry personal data (her profile, messages, tokens): no cache keeps them,
    // unless a handler said otherwise.
    if api && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    // The web app's files: fingerprinted ones for good, the rest asked again each time.
    if !api && !docs && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(crate::assets::cache_control(&path)),
        );
    }
    if tls {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(if docs { CSP_DOCS } else { CSP_APP }),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    h.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    if let Some(id) = request_id.and_then(|id| HeaderValue::from_str(&id).ok()) {
        h.insert(HeaderName::from_static("x-request-id"), id);
    }
    Ok(res)
}
