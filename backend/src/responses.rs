//! The problem responses that several operations answer, declared once each: the spec lists
//! them under `components/responses` and every operation refers to them by name. An answer only
//! one operation gives stays written out at that operation.

use shared::Problem;
use utoipa::ToResponse;

/// 401: Not signed in
#[derive(ToResponse)]
#[response(
    description = "Not signed in",
    content_type = "application/problem+json"
)]
pub struct NotSignedIn(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// 400: Malformed body
#[derive(ToResponse)]
#[response(
    description = "Malformed body",
    content_type = "application/problem+json"
)]
pub struct MalformedBody(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// 422: A rule is broken: see `errors`
#[derive(ToResponse)]
#[response(
    description = "A rule is broken: see `errors`",
    content_type = "application/problem+json"
)]
pub struct RuleBroken(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// 403: Only jobseekers
#[derive(ToResponse)]
#[response(
    description = "Only jobseekers",
    content_type = "application/problem+json"
)]
pub struct OnlyJobseekers(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// 403: Not a moderator of the room
#[derive(ToResponse)]
#[response(
    description = "Not a moderator of the room",
    content_type = "application/problem+json"
)]
pub struct NotAModeratorOfTheRoom(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// 403: Banned from the room
#[derive(ToResponse)]
#[response(
    description = "Banned from the room",
    content_type = "application/problem+json"
)]
pub struct BannedFromTheRoom(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// 403: Not a counsellor or admin
#[derive(ToResponse)]
#[response(
    description = "Not a counsellor or admin",
    content_type = "application/problem+json"
)]
pub struct NotACounsellorOrAdmin(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// 404: No such room for me
#[derive(ToResponse)]
#[response(
    description = "No such room for me",
    content_type = "application/problem+json"
)]
pub struct NoSuchRoomForMe(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// 404: No such room, message or member for me
#[derive(ToResponse)]
#[response(
    description = "No such room, message or member for me",
    content_type = "application/problem+json"
)]
pub struct NoSuchRoomMessageOrMemberForMe(
    #[allow(dead_code, reason = "a type for the spec only")] Problem,
);

/// 403: Not an admin
#[derive(ToResponse)]
#[response(
    description = "Not an admin",
    content_type = "application/problem+json"
)]
pub struct NotAnAdmin(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// 404: No such room or message for me
#[derive(ToResponse)]
#[response(
    description = "No such room or message for me",
    content_type = "application/problem+json"
)]
pub struct NoSuchRoomOrMessageForMe(
    #[allow(dead_code, reason = "a type for the spec only")] Problem,
);

/// 404: No such attempt of hers
#[derive(ToResponse)]
#[response(
    description = "No such attempt of hers",
    content_type = "application/problem+json"
)]
pub struct NoSuchAttemptOfHers(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// 403: Not a community manager or admin
#[derive(ToResponse)]
#[response(
    description = "Not a community manager or admin",
    content_type = "application/problem+json"
)]
pub struct NotACommunityManagerOrAdmin(
    #[allow(dead_code, reason = "a type for the spec only")] Problem,
);

/// 403: Not a manager of the room
#[derive(ToResponse)]
#[response(
    description = "Not a manager of the room",
    content_type = "application/problem+json"
)]
pub struct NotAManagerOfTheRoom(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// 404: No such jobseeker in the agency
#[derive(ToResponse)]
#[response(
    description = "No such jobseeker in the agency",
    content_type = "application/problem+json"
)]
pub struct NoSuchJobseekerInTheAgency(
    #[allow(dead_code, reason = "a type for the spec only")] Problem,
);

/// 422: Invalid fields
#[derive(ToResponse)]
#[response(
    description = "Invalid fields",
    content_type = "application/problem+json"
)]
pub struct InvalidFields(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// 409: Not validated yet
#[derive(ToResponse)]
#[response(
    description = "Not validated yet",
    content_type = "application/problem+json"
)]
pub struct NotValidatedYet(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// 400: Invalid query or page token
#[derive(ToResponse)]
#[response(
    description = "Invalid query or page token",
    content_type = "application/problem+json"
)]
pub struct InvalidQueryOrPageToken(
    #[allow(dead_code, reason = "a type for the spec only")] Problem,
);

/// 400: Malformed query
#[derive(ToResponse)]
#[response(
    description = "Malformed query",
    content_type = "application/problem+json"
)]
pub struct MalformedQuery(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// 404: No such instrument
#[derive(ToResponse)]
#[response(
    description = "No such instrument",
    content_type = "application/problem+json"
)]
pub struct NoSuchInstrument(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// 422: Invalid body
#[derive(ToResponse)]
#[response(
    description = "Invalid body",
    content_type = "application/problem+json"
)]
pub struct InvalidBody(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// 400: Invalid page token
#[derive(ToResponse)]
#[response(
    description = "Invalid page token",
    content_type = "application/problem+json"
)]
pub struct InvalidPageToken(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// 403: Not my message
#[derive(ToResponse)]
#[response(
    description = "Not my message",
    content_type = "application/problem+json"
)]
pub struct NotMyMessage(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// 403: Only admins
#[derive(ToResponse)]
#[response(description = "Only admins", content_type = "application/problem+json")]
pub struct OnlyAdmins(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// 403: Only jobseekers have a profile
#[derive(ToResponse)]
#[response(
    description = "Only jobseekers have a profile",
    content_type = "application/problem+json"
)]
pub struct OnlyJobseekersHaveAProfile(
    #[allow(dead_code, reason = "a type for the spec only")] Problem,
);

/// 404: No such account in the agency
#[derive(ToResponse)]
#[response(
    description = "No such account in the agency",
    content_type = "application/problem+json"
)]
pub struct NoSuchAccountInTheAgency(
    #[allow(dead_code, reason = "a type for the spec only")] Problem,
);

/// 404: No such submitted attempt in the agency
#[derive(ToResponse)]
#[response(
    description = "No such submitted attempt in the agency",
    content_type = "application/problem+json"
)]
pub struct NoSuchSubmittedAttemptInTheAgency(
    #[allow(dead_code, reason = "a type for the spec only")] Problem,
);

/// 409: Not a draft
#[derive(ToResponse)]
#[response(description = "Not a draft", content_type = "application/problem+json")]
pub struct NotADraft(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// 409: The email is already registered
#[derive(ToResponse)]
#[response(
    description = "The email is already registered",
    content_type = "application/problem+json"
)]
pub struct EmailTaken(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// 409: `not_a_member`
#[derive(ToResponse)]
#[response(
    description = "`not_a_member`",
    content_type = "application/problem+json"
)]
pub struct NotAMember(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// 409: `not_a_member` or `message_deleted`
#[derive(ToResponse)]
#[response(
    description = "`not_a_member` or `message_deleted`",
    content_type = "application/problem+json"
)]
pub struct NotAMemberOrMessageDeleted(
    #[allow(dead_code, reason = "a type for the spec only")] Problem,
);

/// 422: Not one of the reactions
#[derive(ToResponse)]
#[response(
    description = "Not one of the reactions",
    content_type = "application/problem+json"
)]
pub struct NotOneOfTheReactions(#[allow(dead_code, reason = "a type for the spec only")] Problem);

/// Every response above, for the document's components.
#[derive(utoipa::OpenApi)]
#[openapi(components(responses(
    NotSignedIn,
    MalformedBody,
    RuleBroken,
    OnlyJobseekers,
    NotAModeratorOfTheRoom,
    BannedFromTheRoom,
    NotACounsellorOrAdmin,
    NoSuchRoomForMe,
    NoSuchRoomMessageOrMemberForMe,
    NotAnAdmin,
    NoSuchRoomOrMessageForMe,
    NoSuchAttemptOfHers,
    NotACommunityManagerOrAdmin,
    NotAManagerOfTheRoom,
    NoSuchJobseekerInTheAgency,
    InvalidFields,
    NotValidatedYet,
    InvalidQueryOrPageToken,
    MalformedQuery,
    NoSuchInstrument,
    InvalidBody,
    InvalidPageToken,
    NotMyMessage,
    OnlyAdmins,
    OnlyJobseekersHaveAProfile,
    NoSuchAccountInTheAgency,
    NoSuchSubmittedAttemptInTheAgency,
    NotADraft,
    EmailTaken,
    NotAMember,
    NotAMemberOrMessageDeleted,
    NotOneOfTheReactions,
)))]
pub struct Responses;
