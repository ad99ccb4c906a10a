use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use serde::Deserialize;
use shared::{
    Answer, Attempt, AttemptProgress, Framework, FrameworkDraft, Instrument, InstrumentDraft,
    InstrumentSummary, NewShare, OpenShare, Page, Portfolio, Problem, QueueEntry, Review, Share,
    StartAttempt, ValidationRequest,
};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::{attempts, authoring, framework, pdf, portfolio, service, validation};
use crate::caller::Caller;
use crate::error::{ApiError, request_language};
use crate::extract::ApiJson;
use crate::responses::{
    InvalidBody, InvalidFields, InvalidQueryOrPageToken, MalformedBody, NoSuchAttemptOfHers,
    NoSuchInstrument, NoSuchSubmittedAttemptInTheAgency, NotACounsellorOrAdmin, NotADraft,
    NotAnAdmin, NotSignedIn, NotValidatedYet, OnlyAdmins, OnlyJobseekers, RuleBroken,
};
use crate::session::AuthUser;
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_framework)
        .service(list_framework_versions)
        .service(publish_framework)
        .service(list_instruments)
        .service(get_instrument)
        .service(start_attempt)
        .service(list_attempts)
        .service(get_attempt)
        .service(save_answer)
        .service(submit_attempt)
        .service(list_validation_queue)
        .service(get_review)
        .service(validate_attempt)
        .service(create_instrument)
        .service(update_instrument)
        .service(publish_instrument)
        .service(retire_instrument)
        .service(get_portfolio)
        .service(get_portfolio_jsonld)
        .service(get_portfolio_pdf)
        .service(create_share)
        .service(list_shares)
        .service(revoke_share)
        .service(open_shared_portfolio);
}

/// Read the competency framework
///
/// The newest version: the nine LifeComp competences and the skills parenting trains, each
/// with Italian and English texts, how it shows at home and at work, and its ESCO transversal
/// skill group (code and URI). Public reference data.
#[utoipa::path(
    tag = "assessment",
    operation_id = "get_framework",
    responses((status = 200, description = "The current framework", body = Framework)),
)]
#[get("/competencies")]
pub async fn get_framework(state: web::Data<AppState>) -> Result<web::Json<Framework>, ApiError> {
    Ok(web::Json(service::current_framework(&state).await?))
}

/// List every version of the framework
///
/// Admins only; newest first, each with its competences.
#[utoipa::path(
    tag = "assessment",
    operation_id = "list_framework_versions",
    responses(
        (status = 200, description = "Every framework version", body = Vec<Framework>),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyAdmins),
    ),
    security(("bearer" = []))
)]
#[get("/admin/framework/versions")]
pub async fn list_framework_versions(
    state: web::Data<AppState>,
    auth: AuthUser,
) -> Result<web::Json<Vec<Framework>>, ApiError> {
    Ok(web::Json(framework::versions(&state, &auth).await?))
}

/// Publish a new version of the framework
///
/// Admins only. The whole list of competences as it should be, from the version the admin
/// edited (`base_version`). Earlier versions stay as they were: instruments and results point
/// to the version they were written for; new instrument drafts use this one.
#[utoipa::path(
    tag = "assessment",
    operation_id = "publish_framework",
    request_body = FrameworkDraft,
    responses(
        (status = 201, description = "The new version", body = Framework),
        (status = 400, response = MalformedBody),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyAdmins),
        (status = 409, description = "`framework_changed`: another version was published since `base_version`; `framework_unchanged`: nothing to publish", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = RuleBroken),
    ),
    security(("bearer" = []))
)]
#[post("/admin/framework/versions")]
pub async fn publish_framework(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    ApiJson(body): ApiJson<FrameworkDraft>,
) -> Result<HttpResponse, ApiError> {
    let f = framework::publish(&state, &caller, &auth, body).await?;
    Ok(HttpResponse::Created().json(f))
}

/// List the assessment instruments
///
/// Published versions for everyone signed in; admins also see drafts and retired versions.
#[utoipa::path(
    tag = "assessment",
    operation_id = "list_instruments",
    responses(
        (status = 200, description = "Instrument versions, without their items", body = Vec<InstrumentSummary>),
        (status = 401, response = NotSignedIn),
    ),
    security(("bearer" = []))
)]
#[get("/assessment/instruments")]
pub async fn list_instruments(
    state: web::Data<AppState>,
    auth: AuthUser,
) -> Result<web::Json<Vec<InstrumentSummary>>, ApiError> {
    Ok(web::Json(service::list_instruments(&state, &auth).await?))
}

/// Read an instrument version with its items
///
/// A draft answers 404 to anyone but admins; a retired version stays readable (results point
/// to the version they were taken with).
#[utoipa::path(
    tag = "assessment",
    operation_id = "get_instrument",
    params(("id" = Uuid, Path, description = "The instrument version")),
    responses(
        (status = 200, description = "The instrument and its items, in both languages", body = Instrument),
        (status = 401, response = NotSignedIn),
        (status = 404, description = "No such instrument visible to the caller", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/assessment/instruments/{id}")]
pub async fn get_instrument(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Instrument>, ApiError> {
    Ok(web::Json(
        service::get_instrument(&state, &auth, id.into_inner()).await?,
    ))
}

/// Start (or resume) an attempt
///
/// Jobseekers only. Answers 201 with a new attempt, or 200 with the attempt she has in progress
/// for the instrument, so she resumes where she was. 409 `retake_too_soon` before the retake
/// period (settings) has passed since her last submission.
#[utoipa::path(
    tag = "assessment",
    operation_id = "start_attempt",
    request_body = StartAttempt,
    responses(
        (status = 201, description = "A new attempt", body = Attempt),
        (status = 200, description = "Her attempt in progress", body = Attempt),
        (status = 401, response = NotSignedIn),
        (status = 403, description = "Only jobseekers take instruments", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such published instrument", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Too soon to take it again", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidBody),
    ),
    security(("bearer" = []))
)]
#[post("/assessment/attempts")]
pub async fn start_attempt(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    ApiJson(body): ApiJson<StartAttempt>,
) -> Result<HttpResponse, ApiError> {
    let (attempt, created) = attempts::start(&state, &caller, &auth, body.instrument_id).await?;
    Ok(if created {
        HttpResponse::Created().json(attempt)
    } else {
        HttpResponse::Ok().json(attempt)
    })
}

/// List my attempts
#[utoipa::path(
    tag = "assessment",
    operation_id = "list_attempts",
    responses(
        (status = 200, description = "Her attempts, newest first", body = Vec<Attempt>),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
    ),
    security(("bearer" = []))
)]
#[get("/assessment/attempts")]
pub async fn list_attempts(
    state: web::Data<AppState>,
    auth: AuthUser,
) -> Result<web::Json<Vec<Attempt>>, ApiError> {
    Ok(web::Json(attempts::list(&state, &auth).await?))
}

/// Read one of my attempts
///
/// Progress, where to resume, time left, her answers; once submitted, the scores and her
/// previous submitted attempt. Another person's attempt answers 404.
#[utoipa::path(
    tag = "assessment",
    operation_id = "get_attempt",
    params(("id" = Uuid, Path, description = "The attempt")),
    responses(
        (status = 200, description = "The attempt", body = Attempt),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
        (status = 404, response = NoSuchAttemptOfHers),
    ),
    security(("bearer" = []))
)]
#[get("/assessment/attempts/{id}")]
pub async fn get_attempt(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Attempt>, ApiError> {
    Ok(web::Json(
        attempts::get(&state, &auth, id.into_inner()).await?,
    ))
}

/// Save an answer
///
/// Saves or replaces her answer to one item while the attempt is in progress; the answer's
/// `kind` must match the item's. 409 once submitted.
#[utoipa::path(
    tag = "assessment",
    operation_id = "save_answer",
    params(
        ("id" = Uuid, Path, description = "The attempt"),
        ("item_id" = Uuid, Path, description = "The item of the attempt's instrument"),
    ),
    request_body = Answer,
    responses(
        (status = 200, description = "Saved; progress now", body = AttemptProgress),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
        (status = 404, description = "No such attempt of hers, or item of its instrument", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The attempt was submitted", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The answer does not fit the item", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[put("/assessment/attempts/{id}/answers/{item_id}")]
pub async fn save_answer(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<Answer>,
) -> Result<web::Json<AttemptProgress>, ApiError> {
    let (id, item_id) = path.into_inner();
    Ok(web::Json(
        attempts::save_answer(&state, &auth, id, item_id, body).await?,
    ))
}

/// Submit an attempt
///
/// Scores it (deterministically; see the scores' contributions) and makes it read-only.
#[utoipa::path(
    tag = "assessment",
    operation_id = "submit_attempt",
    params(("id" = Uuid, Path, description = "The attempt")),
    responses(
        (status = 200, description = "Submitted and scored", body = Attempt),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
        (status = 404, response = NoSuchAttemptOfHers),
        (status = 409, description = "Already submitted, or nothing answered", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/assessment/attempts/{id}/submit")]
pub async fn submit_attempt(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Attempt>, ApiError> {
    Ok(web::Json(
        attempts::submit(&state, &caller, &auth, id.into_inner()).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct QueueQuery {
    /// 1 to 100; 50 when absent.
    pub page_size: Option<u64>,
    /// `next_page_token` of the previous page.
    pub page_token: Option<String>,
}

/// List the attempts waiting for validation
///
/// Counsellors and admins; the agency's submitted attempts, oldest first.
#[utoipa::path(
    tag = "assessment",
    operation_id = "list_validation_queue",
    params(QueueQuery),
    responses(
        (status = 200, description = "A page of the queue", body = Page<QueueEntry>),
        (status = 400, response = InvalidQueryOrPageToken),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotACounsellorOrAdmin),
    ),
    security(("bearer" = []))
)]
#[get("/staff/assessments/queue")]
pub async fn list_validation_queue(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    query: web::Query<QueueQuery>,
) -> Result<web::Json<Page<QueueEntry>>, ApiError> {
    let q = query.into_inner();
    Ok(web::Json(
        validation::queue(&state, &caller, &auth, q.page_size, q.page_token.as_deref()).await?,
    ))
}

/// Review an attempt
///
/// Counsellors and admins of her agency (another agency's attempt, or one in progress, answers
/// 404). Her answers, stories included, and the computed scores. Audited.
#[utoipa::path(
    tag = "assessment",
    operation_id = "get_review",
    params(("id" = Uuid, Path, description = "The attempt")),
    responses(
        (status = 200, description = "The attempt to review", body = Review),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotACounsellorOrAdmin),
        (status = 404, response = NoSuchSubmittedAttemptInTheAgency),
    ),
    security(("bearer" = []))
)]
#[get("/staff/assessments/{id}")]
pub async fn get_review(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Review>, ApiError> {
    Ok(web::Json(
        validation::review(&state, &caller, &auth, id.into_inner()).await?,
    ))
}

/// Validate an attempt
///
/// Every answered story rated 0–4, every competence's level confirmed or adjusted (an
/// adjustment needs a comment). Both the computed and the validated levels are kept. Once.
#[utoipa::path(
    tag = "assessment",
    operation_id = "validate_attempt",
    params(("id" = Uuid, Path, description = "The attempt")),
    request_body = ValidationRequest,
    responses(
        (status = 200, description = "Validated", body = Review),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotACounsellorOrAdmin),
        (status = 404, response = NoSuchSubmittedAttemptInTheAgency),
        (status = 409, description = "Already validated", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Stories unrated, levels missing, an adjustment without comment", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/staff/assessments/{id}/validation")]
pub async fn validate_attempt(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<ValidationRequest>,
) -> Result<web::Json<Review>, ApiError> {
    Ok(web::Json(
        validation::validate(&state, &caller, &auth, id.into_inner(), body).await?,
    ))
}

/// Draft a new instrument version
///
/// Admins only. The next version of `key` (1 for a new key), as a draft against the current
/// framework. Every rule is checked now, with a JSON pointer per broken rule.
#[utoipa::path(
    tag = "assessment",
    operation_id = "create_instrument",
    request_body = InstrumentDraft,
    responses(
        (status = 201, description = "The draft", body = Instrument),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAnAdmin),
        (status = 409, description = "The version was created at the same moment by someone else", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidFields),
    ),
    security(("bearer" = []))
)]
#[post("/admin/instruments")]
pub async fn create_instrument(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    ApiJson(body): ApiJson<InstrumentDraft>,
) -> Result<HttpResponse, ApiError> {
    let created = authoring::create(&state, &caller, &auth, body).await?;
    Ok(HttpResponse::Created().json(created))
}

/// Edit a draft instrument version
///
/// Replaces its texts and items. A published or retired version answers 409: it never changes.
#[utoipa::path(
    tag = "assessment",
    operation_id = "update_instrument",
    params(("id" = Uuid, Path, description = "The draft")),
    request_body = InstrumentDraft,
    responses(
        (status = 200, description = "The draft as saved", body = Instrument),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAnAdmin),
        (status = 404, response = NoSuchInstrument),
        (status = 409, response = NotADraft),
        (status = 422, response = InvalidFields),
    ),
    security(("bearer" = []))
)]
#[put("/admin/instruments/{id}")]
pub async fn update_instrument(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
    ApiJson(body): ApiJson<InstrumentDraft>,
) -> Result<web::Json<Instrument>, ApiError> {
    Ok(web::Json(
        authoring::update(&state, &caller, &auth, id.into_inner(), body).await?,
    ))
}

/// Publish a draft instrument version
///
/// From now on it never changes; the key's previously published version is retired.
#[utoipa::path(
    tag = "assessment",
    operation_id = "publish_instrument",
    params(("id" = Uuid, Path, description = "The draft")),
    responses(
        (status = 200, description = "Published", body = Instrument),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAnAdmin),
        (status = 404, response = NoSuchInstrument),
        (status = 409, response = NotADraft),
    ),
    security(("bearer" = []))
)]
#[post("/admin/instruments/{id}/publish")]
pub async fn publish_instrument(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Instrument>, ApiError> {
    Ok(web::Json(
        authoring::publish(&state, &caller, &auth, id.into_inner()).await?,
    ))
}

/// Retire a published instrument version
///
/// No new attempts; existing results keep pointing to it.
#[utoipa::path(
    tag = "assessment",
    operation_id = "retire_instrument",
    params(("id" = Uuid, Path, description = "The published version")),
    responses(
        (status = 200, description = "Retired", body = Instrument),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotAnAdmin),
        (status = 404, response = NoSuchInstrument),
        (status = 409, description = "Not published", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/admin/instruments/{id}/retire")]
pub async fn retire_instrument(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Instrument>, ApiError> {
    Ok(web::Json(
        authoring::retire(&state, &caller, &auth, id.into_inner()).await?,
    ))
}

/// Read my validated portfolio
///
/// The competences her counsellor validated, strongest first, with how each shows at work and
/// its ESCO group. 409 before validation; another person's attempt answers 404.
#[utoipa::path(
    tag = "assessment",
    operation_id = "get_portfolio",
    params(("id" = Uuid, Path, description = "A validated attempt of hers")),
    responses(
        (status = 200, description = "Her portfolio", body = Portfolio),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
        (status = 404, response = NoSuchAttemptOfHers),
        (status = 409, response = NotValidatedYet),
    ),
    security(("bearer" = []))
)]
#[get("/assessment/attempts/{id}/portfolio")]
pub async fn get_portfolio(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Portfolio>, ApiError> {
    Ok(web::Json(
        portfolio::mine(&state, &auth, id.into_inner()).await?,
    ))
}

/// Download my validated portfolio as JSON-LD
///
/// schema.org `Person` with the credential and, for each competence, a `DefinedTerm` whose
/// `@id` is its ESCO concept URI; texts in the request's language. Served as an attachment.
#[utoipa::path(
    tag = "assessment",
    operation_id = "get_portfolio_jsonld",
    params(("id" = Uuid, Path, description = "A validated attempt of hers")),
    responses(
        (status = 200, description = "JSON-LD", content_type = "application/ld+json", body = Object),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
        (status = 404, response = NoSuchAttemptOfHers),
        (status = 409, response = NotValidatedYet),
    ),
    security(("bearer" = []))
)]
#[get("/assessment/attempts/{id}/portfolio.jsonld")]
pub async fn get_portfolio_jsonld(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let p = portfolio::mine(&state, &auth, id.into_inner()).await?;
    let body = portfolio::json_ld(&p, request_language(&req));
    Ok(HttpResponse::Ok()
        .content_type("application/ld+json")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            "attachment; filename=\"sinergia-portfolio.jsonld\"",
        ))
        .json(body))
}

/// Download my validated portfolio as PDF
///
/// A4, in the request's language (`Accept-Language`, or `?lang=it|en` for a plain link): her
/// name, who validated it and when, and each competence strongest first with its validated
/// level, how it shows at work and its ESCO group. Served as an attachment.
#[utoipa::path(
    tag = "assessment",
    operation_id = "get_portfolio_pdf",
    params(("id" = Uuid, Path, description = "A validated attempt of hers"), LangQuery),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf", body = Vec<u8>),
        (status = 400, description = "Unknown language", body = Problem, content_type = "application/problem+json"),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
        (status = 404, response = NoSuchAttemptOfHers),
        (status = 409, response = NotValidatedYet),
    ),
    security(("bearer" = []))
)]
#[get("/assessment/attempts/{id}/portfolio.pdf")]
pub async fn get_portfolio_pdf(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
    id: web::Path<Uuid>,
    query: web::Query<LangQuery>,
) -> Result<HttpResponse, ApiError> {
    let lang = query.lang.unwrap_or_else(|| request_language(&req));
    let p = portfolio::mine(&state, &auth, id.into_inner()).await?;
    // Laying out and subsetting the font takes a few milliseconds of CPU: off the reactor.
    let bytes = web::block(move || pdf::render(&p, lang))
        .await
        .map_err(|e| ApiError::Internal(anyhow::Error::new(e)))??;
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"sinergia-portfolio-{}.pdf\"",
                lang.code()
            ),
        ))
        .body(bytes))
}

/// `?lang=` of a download link.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct LangQuery {
    /// `it` or `en`; overrides `Accept-Language`.
    pub lang: Option<shared::Language>,
}

/// Create a share link for an employer
///
/// For a validated attempt of hers, valid 1 to 90 days. The link (with its token) is in this
/// answer only: it is stored hashed.
#[utoipa::path(
    tag = "assessment",
    operation_id = "create_share",
    request_body = NewShare,
    responses(
        (status = 201, description = "The link", body = Share),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
        (status = 404, response = NoSuchAttemptOfHers),
        (status = 409, response = NotValidatedYet),
        (status = 422, description = "Invalid duration", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/me/portfolio-shares")]
pub async fn create_share(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    ApiJson(body): ApiJson<NewShare>,
) -> Result<HttpResponse, ApiError> {
    let share = portfolio::create_share(&state, &caller, &auth, body).await?;
    Ok(HttpResponse::Created().json(share))
}

/// List my share links
#[utoipa::path(
    tag = "assessment",
    operation_id = "list_shares",
    responses(
        (status = 200, description = "Her links, newest first (without their tokens)", body = Vec<Share>),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
    ),
    security(("bearer" = []))
)]
#[get("/me/portfolio-shares")]
pub async fn list_shares(
    state: web::Data<AppState>,
    auth: AuthUser,
) -> Result<web::Json<Vec<Share>>, ApiError> {
    Ok(web::Json(portfolio::list_shares(&state, &auth).await?))
}

/// Revoke a share link
///
/// At once: the link stops working. Revoking twice is harmless.
#[utoipa::path(
    tag = "assessment",
    operation_id = "revoke_share",
    params(("id" = Uuid, Path, description = "The link")),
    responses(
        (status = 200, description = "Revoked", body = Share),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
        (status = 404, description = "No such link of hers", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/me/portfolio-shares/{id}/revoke")]
pub async fn revoke_share(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> Result<web::Json<Share>, ApiError> {
    Ok(web::Json(
        portfolio::revoke_share(&state, &caller, &auth, id.into_inner()).await?,
    ))
}

/// Open a shared portfolio
///
/// No account needed: the token from the link, in the body. Only the portfolio is shown. An
/// unknown, expired or revoked link answers 404. Every view is logged.
#[utoipa::path(
    tag = "assessment",
    operation_id = "open_shared_portfolio",
    request_body = OpenShare,
    responses(
        (status = 200, description = "The portfolio", body = Portfolio),
        (status = 404, description = "No such live link", body = Problem, content_type = "application/problem+json"),
        (status = 422, response = InvalidBody),
        (status = 429, description = "Too many links tried from this address", body = Problem, content_type = "application/problem+json",
            headers(
                ("Retry-After" = u64, description = "Seconds to wait"),
                ("X-RateLimit-Limit" = u32, description = "Requests allowed in a burst"),
                ("X-RateLimit-Remaining" = u32, description = "Requests left now (0)"),
                ("X-RateLimit-Reset" = u64, description = "Seconds until a request is allowed again"),
            )),
    ),
)]
#[post("/shared-portfolios")]
pub async fn open_shared_portfolio(
    state: web::Data<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<OpenShare>,
) -> Result<web::Json<Portfolio>, ApiError> {
    Ok(web::Json(
        portfolio::open_share(&state, &caller, &body.token).await?,
    ))
}
