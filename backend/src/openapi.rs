//! The OpenAPI document: metadata here, operations collected from the routes by
//! utoipa-actix-web. `openapi/openapi.json` is this document, checked in.

use actix_web::App;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Sinergia API",
        description = "API of Sinergia, the platform that helps women turn what parenting and \
caregiving taught them into work. Errors are RFC 9457 problem+json with `title` and `detail` in \
Italian or English by `Accept-Language`; lists use cursor pagination (`page_size`, `page_token`, \
`next_page_token`).",
        license(name = "EUPL-1.2", identifier = "EUPL-1.2"),
    ),
    servers((url = "/", description = "This server")),
    tags(
        (name = "system", description = "Health and public reference data"),
        (name = "auth", description = "Registration, sign-in and sessions"),
        (name = "account", description = "The signed-in user's own account"),
        (name = "admin", description = "Account management by an agency's admins"),
        (name = "profile", description = "The jobseeker's own profile, export and erasure"),
        (name = "caseload", description = "Counsellors' caseload, profile view, history and case notes"),
        (name = "assessment", description = "The competency framework and the assessment instruments"),
        (name = "community", description = "Community rooms, membership, messages and read markers"),
        (name = "catalogue", description = "The agency's catalogue of conciliation services (Open Referral HSDS 3 shape)"),
        (name = "applications", description = "Her applications to the network's opportunities, counsellors' proposals, and the employer's side"),
        (name = "employers", description = "The organisations of the agency's network, their opportunities and applicants"),
        (name = "notifications", description = "The signed-in account's in-app notifications (the bell)"),
        (name = "services", description = "Finding conciliation services: the public search, her matches, shortlist, week and declaration"),
    ),
    components(schemas(
        shared::Problem,
        shared::FieldError,
        // The catalogue of conciliation services' vocabulary, ahead of its operations.
        shared::ServiceCategory,
        shared::ProviderKind,
        shared::Places,
        shared::CostUnit,
        shared::ExceptionReason,
        shared::EmploymentStatus,
        shared::IseeBand,
        shared::IcefBand,
        shared::Eligibility,
        shared::Cover,
    )),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "Access token from `login` or `refresh`, valid 15 minutes.",
                    ))
                    .build(),
            ),
        );
    }
}

/// The OpenAPI document of the routes above.
pub fn api_spec() -> utoipa::openapi::OpenApi {
    let (_, mut spec) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi().merge_from(crate::responses::Responses::openapi()))
        .configure(crate::routes::register_api)
        .split_for_parts();
    document_common_errors(&mut spec);
    spec
}

/// The document as checked in: pretty JSON with a final newline.
pub fn spec_json() -> String {
    let spec = api_spec();
    let mut out = spec.to_pretty_json().unwrap_or_default();
    out.push('\n');
    out
}

/// The answers every operation of a shape can give, whatever its handler says: a JSON body can
/// be malformed (400), too large (413), of another type (415) or not of its schema (422); a
/// path or query parameter that cannot be read is 400, a query that breaks a rule 422. Added to
/// each operation that does not document them itself, so the spec lists every status the
/// server answers.
pub fn document_common_errors(spec: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::path::ParameterIn;
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    let problem = |description: &str| {
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/problem+json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build(),
            )
            .build()
    };
    for item in spec.paths.paths.values_mut() {
        for (method, op) in [
            ("get", item.get.as_mut()),
            ("put", item.put.as_mut()),
            ("post", item.post.as_mut()),
            ("delete", item.delete.as_mut()),
            ("patch", item.patch.as_mut()),
        ]
        .into_iter()
        .filter_map(|(m, op)| op.map(|op| (m, op)))
        {
            let params = op.parameters.as_deref().unwrap_or_default();
            let has = |place: ParameterIn| {
                params.iter().any(|p| match p {
                    utoipa::openapi::RefOr::T(p) => {
                        std::mem::discriminant(&p.parameter_in) == std::mem::discriminant(&place)
                    }
                    utoipa::openapi::RefOr::Ref(_) => false,
                })
            };
            let (path, query, body) = (
                has(ParameterIn::Path),
                has(ParameterIn::Query),
                op.request_body.is_some(),
            );
            let mut add = |status: &str, description: &str| {
                op.responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(|| problem(description).into());
            };
            let bodyless = !body && !matches!(method, "get");
            if body || path || query || bodyless {
                let mut causes = Vec::new();
                if bodyless {
                    causes.push(
                        "this operation takes no body and one was sent (`body_not_expected`)",
                    );
                }
                if body {
                    causes.push("the body is not JSON (`malformed_json`)");
                }
                if path {
                    causes.push("a path parameter is not of its type (`invalid_path`)");
                }
                if query {
                    causes.push("a query parameter cannot be read (`invalid_query`)");
                }
                add("400", &format!("Bad request: {}", causes.join("; ")));
            }
            if body {
                add(
                    "413",
                    "The body is larger than the server accepts (`payload_too_large`)",
                );
                add(
                    "415",
                    "The body is not `application/json` (`unsupported_media_type`)",
                );
            }
            if body || query {
                add(
                    "422",
                    "The body or query does not follow its schema or a rule: see `errors`",
                );
            }
        }
    }
}
