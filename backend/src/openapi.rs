//! The OpenAPI document: metadata here, operations collected from the routes by
//! utoipa-actix-web. `openapi/openapi.json` is this document, checked in.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

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
    ),
    components(schemas(shared::Problem, shared::FieldError)),
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

/// The document as checked in: pretty JSON with a final newline.
pub fn spec_json() -> String {
    let spec = crate::startup::api_spec();
    let mut out = spec.to_pretty_json().unwrap_or_default();
    out.push('\n');
    out
}
