use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use serde::Deserialize;
use shared::{
    AboutMe, Availability, CaseNote, CaseStatus, CaseloadEntry, Conciliation, Education,
    ErasureReceipt, ErasureRequest, Goals, Household, Municipality, NewCaseNote, Page, Problem,
    Profile, ProfileChange, ProfileExport, SectionState, SetCaseStatus, UserId, WorkHistory,
};
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

use super::service::{self, CaseloadFilter, Saveable};
use crate::caller::Caller;
use crate::error::{ApiError, request_language};
use crate::extract::ApiJson;
use crate::responses::{
    InvalidFields, InvalidPageToken, InvalidQueryOrPageToken, NoSuchJobseekerInTheAgency,
    NotACounsellorOrAdmin, NotSignedIn, OnlyJobseekers, OnlyJobseekersHaveAProfile,
};
use crate::session::AuthUser;
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_municipalities)
        .service(get_my_profile)
        .service(update_about_me)
        .service(update_household)
        .service(update_conciliation)
        .service(update_education)
        .service(update_work_history)
        .service(update_availability)
        .service(update_goals)
        .service(export_my_data)
        .service(request_erasure)
        .service(list_caseload)
        .service(get_jobseeker_profile)
        .service(list_profile_changes)
        .service(list_case_notes)
        .service(create_case_note)
        .service(set_case_status);
}

/// List the municipalities of the agencies' territories
///
/// Reference data for the profile's municipality and the caseload's territory filter. No
/// account needed.
#[utoipa::path(
    tag = "profile",
    operation_id = "list_municipalities",
    responses((status = 200, description = "Municipalities, by province then name", body = Vec<Municipality>)),
)]
#[get("/municipalities")]
pub async fn list_municipalities(state: web::Data<AppState>) -> web::Json<Vec<Municipality>> {
    let mut all: Vec<Municipality> = state.municipalities.values().cloned().collect();
    all.sort_by(|a, b| (&a.province, &a.name).cmp(&(&b.province, &b.name)));
    web::Json(all)
}

/// Read my profile
///
/// Every section with its answers, version (`ETag`) and completeness; overall completeness;
/// the needs derived from the answers, in the request's language.
#[utoipa::path(
    tag = "profile",
    operation_id = "get_my_profile",
    responses(
        (status = 200, description = "Her profile", body = Profile),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekersHaveAProfile),
    ),
    security(("bearer" = []))
)]
#[get("/me/profile")]
pub async fn get_my_profile(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: AuthUser,
) -> Result<web::Json<Profile>, ApiError> {
    Ok(web::Json(
        service::my_profile(&state, &auth, request_language(&req)).await?,
    ))
}

async fn save<T: Saveable>(
    state: &AppState,
    req: &HttpRequest,
    auth: &AuthUser,
    data: T,
) -> Result<HttpResponse, ApiError> {
    let if_match = crate::extract::if_match_header(req);
    let saved = service::save_section(state, auth, if_match, data).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, saved.etag()))
        .json(saved))
}

/// One PUT per section, each typed with its own schema.
macro_rules! section_endpoint {
    ($fn:ident, $ty:ty, $path:tt, $summary:tt) => {
        #[doc = $summary]
        ///
        /// Replaces the section with what is sent (fields left out are "not answered"). Needs
        /// `If-Match` with the section's current `ETag` (`"0"` before the first save); a stale
        /// one answers 412 and changes nothing. Every field is checked and every broken rule
        /// is listed with its JSON pointer.
        #[utoipa::path(
            tag = "profile",
            operation_id = stringify!($fn),
            request_body = $ty,
            params(("If-Match" = String, Header, description = "The section's current ETag, e.g. \"3\"")),
            responses(
                (status = 200, description = "Saved; the new ETag is in the header and `version`", body = SectionState<$ty>,
                    headers(("ETag" = String, description = "The section's new version"))),
                (status = 401, response = NotSignedIn),
                (status = 403, response = OnlyJobseekersHaveAProfile),
                (status = 412, description = "The section changed since that ETag", body = Problem, content_type = "application/problem+json"),
                (status = 422, response = InvalidFields),
                (status = 428, description = "`If-Match` missing", body = Problem, content_type = "application/problem+json"),
            ),
            security(("bearer" = []))
        )]
        #[put($path)]
        pub async fn $fn(
            state: web::Data<AppState>,
            req: HttpRequest,
            auth: AuthUser,
            ApiJson(body): ApiJson<$ty>,
        ) -> Result<HttpResponse, ApiError> {
            save(&state, &req, &auth, body).await
        }
    };
}

section_endpoint!(
    update_about_me,
    AboutMe,
    "/me/profile/about-me",
    "Save \"about me\""
);
section_endpoint!(
    update_household,
    Household,
    "/me/profile/household",
    "Save \"household and care\""
);
section_endpoint!(
    update_conciliation,
    Conciliation,
    "/me/profile/conciliation",
    "Save \"conciliation needs\""
);
section_endpoint!(
    update_education,
    Education,
    "/me/profile/education",
    "Save \"education and training\""
);
section_endpoint!(
    update_work_history,
    WorkHistory,
    "/me/profile/work-history",
    "Save \"work history\""
);
section_endpoint!(
    update_availability,
    Availability,
    "/me/profile/availability",
    "Save \"availability\""
);
section_endpoint!(update_goals, Goals, "/me/profile/goals", "Save \"goals\"");

/// Download everything held about me
///
/// Account, consents, every profile section, the change history, the case notes, her
/// assessments, portfolio links and their views, what the community holds (messages with
/// their edits, reactions, mentions, memberships, bans, mutes, reports, settings), her sessions
/// and the audit log's entries about her, as JSON (served as an attachment). Staff export
/// their own account the same way (no profile or assessments).
#[utoipa::path(
    tag = "profile",
    operation_id = "export_my_data",
    responses(
        (status = 200, description = "Everything held about her", body = ProfileExport),
        (status = 401, response = NotSignedIn),
    ),
    security(("bearer" = []))
)]
#[get("/me/export")]
pub async fn export_my_data(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    auth: AuthUser,
) -> Result<HttpResponse, ApiError> {
    let export = service::export(&state, &caller, &auth, request_language(&req)).await?;
    let filename = format!(
        "attachment; filename=\"sinergia-{}.json\"",
        export.exported_at.format("%Y-%m-%d")
    );
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_DISPOSITION, filename))
        .json(export))
}

/// Erase my account and profile
///
/// Confirmed with her password. At once: she is gone from every staff view and search, her
/// sessions end and she cannot sign in. Her records are purged after the retention period;
/// the audit log keeps ids only.
#[utoipa::path(
    tag = "profile",
    operation_id = "request_erasure",
    request_body = ErasureRequest,
    responses(
        (status = 200, description = "Erased; when the records are purged", body = ErasureReceipt),
        (status = 401, response = NotSignedIn),
        (status = 403, response = OnlyJobseekers),
        (status = 422, description = "Wrong password", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many password checks for this account", body = Problem, content_type = "application/problem+json",
            headers(
                ("Retry-After" = u64, description = "Seconds to wait"),
                ("X-RateLimit-Limit" = u32, description = "Requests allowed in a burst"),
                ("X-RateLimit-Remaining" = u32, description = "Requests left now (0)"),
                ("X-RateLimit-Reset" = u64, description = "Seconds until a request is allowed again"),
            )),
    ),
    security(("bearer" = []))
)]
#[post("/me/erasure")]
pub async fn request_erasure(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    ApiJson(body): ApiJson<ErasureRequest>,
) -> Result<web::Json<ErasureReceipt>, ApiError> {
    Ok(web::Json(
        service::erase(&state, &caller, &auth, body.password).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CaseloadQuery {
    /// ISTAT code of a municipality of the agency's territory.
    pub municipality: Option<String>,
    pub status: Option<CaseStatus>,
    /// Overall completeness at least (0 to 100).
    #[param(minimum = 0, maximum = 100)]
    pub min_completeness: Option<u8>,
    /// Overall completeness at most (0 to 100).
    #[param(minimum = 0, maximum = 100)]
    pub max_completeness: Option<u8>,
    /// Part of her name or email, any case.
    pub q: Option<String>,
    /// 1 to 100; 50 when absent.
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<u64>,
    /// `next_page_token` of the previous page.
    pub page_token: Option<String>,
}

/// List the agency's jobseekers (caseload)
///
/// Counsellors and admins of the agency; newest first; cursor pagination; filters combine.
#[utoipa::path(
    tag = "caseload",
    operation_id = "list_caseload",
    params(CaseloadQuery),
    responses(
        (status = 200, description = "A page of the caseload", body = Page<CaseloadEntry>),
        (status = 400, response = InvalidQueryOrPageToken),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotACounsellorOrAdmin),
        (status = 422, description = "Invalid filter", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/staff/jobseekers")]
pub async fn list_caseload(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    query: web::Query<CaseloadQuery>,
) -> Result<web::Json<Page<CaseloadEntry>>, ApiError> {
    let q = query.into_inner();
    let filter = CaseloadFilter {
        municipality: q.municipality,
        status: q.status,
        min_completeness: q.min_completeness,
        max_completeness: q.max_completeness,
        q: q.q,
        page_size: q.page_size,
        page_token: q.page_token,
    };
    Ok(web::Json(
        service::caseload(&state, &caller, &auth, filter).await?,
    ))
}

/// Read a jobseeker's profile
///
/// Counsellors and admins of her agency (another agency's jobseeker answers 404). Audited.
#[utoipa::path(
    tag = "caseload",
    operation_id = "get_jobseeker_profile",
    params(("id" = UserId, Path, description = "The jobseeker")),
    responses(
        (status = 200, description = "Her profile with the needs summary", body = Profile),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotACounsellorOrAdmin),
        (status = 404, response = NoSuchJobseekerInTheAgency),
    ),
    security(("bearer" = []))
)]
#[get("/staff/jobseekers/{id}/profile")]
pub async fn get_jobseeker_profile(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<UserId>,
) -> Result<web::Json<Profile>, ApiError> {
    Ok(web::Json(
        service::staff_profile(
            &state,
            &caller,
            &auth,
            id.into_inner().0,
            request_language(&req),
        )
        .await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PageQuery {
    /// 1 to 100; 50 when absent.
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<u64>,
    /// `next_page_token` of the previous page.
    pub page_token: Option<String>,
}

/// List the changes of a jobseeker's profile
///
/// Which section, when, by whom and which fields; newest first. Audited.
#[utoipa::path(
    tag = "caseload",
    operation_id = "list_profile_changes",
    params(("id" = UserId, Path, description = "The jobseeker"), PageQuery),
    responses(
        (status = 200, description = "A page of changes", body = Page<ProfileChange>),
        (status = 400, response = InvalidPageToken),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotACounsellorOrAdmin),
        (status = 404, response = NoSuchJobseekerInTheAgency),
    ),
    security(("bearer" = []))
)]
#[get("/staff/jobseekers/{id}/history")]
pub async fn list_profile_changes(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<UserId>,
    query: web::Query<PageQuery>,
) -> Result<web::Json<Page<ProfileChange>>, ApiError> {
    let q = query.into_inner();
    Ok(web::Json(
        service::history(
            &state,
            &caller,
            &auth,
            id.into_inner().0,
            q.page_size,
            q.page_token.as_deref(),
        )
        .await?,
    ))
}

/// List the case notes on a jobseeker
///
/// Private to the agency's counsellors and admins; newest first. Audited.
#[utoipa::path(
    tag = "caseload",
    operation_id = "list_case_notes",
    params(("id" = UserId, Path, description = "The jobseeker"), PageQuery),
    responses(
        (status = 200, description = "A page of notes", body = Page<CaseNote>),
        (status = 400, response = InvalidPageToken),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotACounsellorOrAdmin),
        (status = 404, response = NoSuchJobseekerInTheAgency),
    ),
    security(("bearer" = []))
)]
#[get("/staff/jobseekers/{id}/notes")]
pub async fn list_case_notes(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<UserId>,
    query: web::Query<PageQuery>,
) -> Result<web::Json<Page<CaseNote>>, ApiError> {
    let q = query.into_inner();
    Ok(web::Json(
        service::notes(
            &state,
            &caller,
            &auth,
            id.into_inner().0,
            q.page_size,
            q.page_token.as_deref(),
        )
        .await?,
    ))
}

/// Write a case note
#[utoipa::path(
    tag = "caseload",
    operation_id = "create_case_note",
    params(("id" = UserId, Path, description = "The jobseeker")),
    request_body = NewCaseNote,
    responses(
        (status = 201, description = "Written", body = CaseNote),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotACounsellorOrAdmin),
        (status = 404, response = NoSuchJobseekerInTheAgency),
        (status = 422, description = "Empty or too long", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[post("/staff/jobseekers/{id}/notes")]
pub async fn create_case_note(
    state: web::Data<AppState>,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<UserId>,
    ApiJson(body): ApiJson<NewCaseNote>,
) -> Result<HttpResponse, ApiError> {
    let note = service::add_note(&state, &caller, &auth, id.into_inner().0, &body.body).await?;
    Ok(HttpResponse::Created().json(note))
}

/// Set the status of a jobseeker's case
#[utoipa::path(
    tag = "caseload",
    operation_id = "set_case_status",
    params(("id" = UserId, Path, description = "The jobseeker")),
    request_body = SetCaseStatus,
    responses(
        (status = 200, description = "Set; her profile as it is now", body = Profile),
        (status = 401, response = NotSignedIn),
        (status = 403, response = NotACounsellorOrAdmin),
        (status = 404, response = NoSuchJobseekerInTheAgency),
        (status = 422, description = "Unknown status", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[put("/staff/jobseekers/{id}/status")]
pub async fn set_case_status(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Caller,
    auth: AuthUser,
    id: web::Path<UserId>,
    ApiJson(body): ApiJson<SetCaseStatus>,
) -> Result<web::Json<Profile>, ApiError> {
    Ok(web::Json(
        service::set_status(
            &state,
            &caller,
            &auth,
            id.into_inner().0,
            body.status,
            request_language(&req),
        )
        .await?,
    ))
}
