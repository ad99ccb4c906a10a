//! One module per page.

mod account;
mod accounts;
mod areas;
pub mod assessment;
mod caseload;
mod catalogue;
pub mod community;
mod employers;
mod home;
mod joining;
mod login;
mod notifications;
mod opportunities;
mod organisation;
mod postings;
mod profile;
mod register;
pub(crate) mod services;
mod set_password;

pub use account::Account;
pub use accounts::Accounts;
pub use areas::{JobseekerHome, StaffHome};
pub use assessment::{
    AssessmentHome, AttemptPage, FrameworkAdmin, InstrumentsAdmin, ReviewPage, SharedPortfolio,
    ValidationQueue,
};
pub use caseload::{CaseView, Caseload};
pub use catalogue::{Catalogue, Contributions, Providers, ServiceEditor};
pub use community::{
    CommunityHome, ModerationLog, ModerationQueue, RoomAdmin, RoomPage, RoomsAdmin, WordFilters,
};
pub use employers::Employers;
pub use home::{Home, Privacy};
pub use joining::Join;
pub use login::Login;
pub use notifications::NotificationsPage;
pub use opportunities::{ApplicationsPage, OpportunitiesPage, OpportunityPage};
pub use postings::{StaffOpportunities, StaffOpportunity};
pub use profile::{ProfileHome, ProfileSectionPage, ProfileSummary};
pub use register::Register;
pub use services::{ServicesPage, WeekPage};
pub use set_password::{ForgotPassword, SetPassword};
