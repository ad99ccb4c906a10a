//! Wire types shared by the backend and the SPA: ids, DTOs, enums and the error body.
//!
//! Only serde here (plus utoipa derives behind the `openapi` feature): this crate compiles to
//! `wasm32-unknown-unknown` and never depends on actix or sea-orm.

#[macro_use]
pub mod code;
pub mod applications;
pub mod assessment;
pub mod auth;
pub mod codes;
pub mod common;
pub mod community;
pub mod exchange;
pub mod joining;
pub mod matching;
pub mod notifications;
pub mod opportunities;
pub mod posting;
pub mod problem;
pub mod profile;
pub mod scoring;
pub mod services;

pub use applications::*;
pub use assessment::*;
pub use auth::*;
pub use code::Code;
pub use codes::*;
pub use common::*;
pub use community::*;
pub use exchange::*;
pub use joining::*;
pub use matching::*;
pub use notifications::*;
pub use opportunities::*;
pub use posting::*;
pub use problem::*;
pub use profile::*;
pub use services::*;

/// Version of the privacy notice a jobseeker accepts when she registers.
pub const PRIVACY_NOTICE_VERSION: &str = "2026-11";

/// Every code list with its codes: the web app's build checks each has a label in every
/// language.
pub fn all_code_lists() -> Vec<(&'static str, Vec<&'static str>)> {
    use code::codes_of;
    vec![
        codes_of::<ProfileSection>(),
        codes_of::<LanguageLevel>(),
        codes_of::<ContactChannel>(),
        codes_of::<DayPart>(),
        codes_of::<Helper>(),
        codes_of::<CaredRelation>(),
        codes_of::<ConciliationService>(),
        codes_of::<Obstacle>(),
        codes_of::<CriticalPeriod>(),
        codes_of::<ContractType>(),
        codes_of::<Sector>(),
        codes_of::<BreakReason>(),
        codes_of::<Weekday>(),
        codes_of::<WorkingTime>(),
        codes_of::<WorkMode>(),
        codes_of::<TravelMeans>(),
        codes_of::<CaseStatus>(),
        codes_of::<NeedKind>(),
        codes_of::<ServiceCategory>(),
        codes_of::<ProviderKind>(),
        codes_of::<Places>(),
        codes_of::<CostUnit>(),
        codes_of::<ExceptionReason>(),
        codes_of::<EmploymentStatus>(),
        codes_of::<ServiceStatus>(),
        codes_of::<Accessibility>(),
        codes_of::<IseeBand>(),
        codes_of::<IcefBand>(),
        codes_of::<Condition>(),
        codes_of::<NotEligibleReason>(),
        codes_of::<CoverKind>(),
        codes_of::<ExchangeFormat>(),
        codes_of::<ImportAction>(),
        codes_of::<EmployerBenefit>(),
        codes_of::<CompanySize>(),
        codes_of::<OpportunityStatus>(),
        codes_of::<ApplicationStatus>(),
        codes_of::<SharedPart>(),
        codes_of::<JoinRequestStatus>(),
        codes_of::<NotificationKind>(),
    ]
}
