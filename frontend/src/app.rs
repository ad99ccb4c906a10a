use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use shared::Role;

use crate::api;
use crate::components::{Footer, Header, RequireRole};
use crate::i18n::provide_locale;
use crate::pages;
use crate::session::provide_session;

const STAFF: &[Role] = &[Role::Counsellor, Role::CommunityManager, Role::Admin];
const JOBSEEKER: &[Role] = &[Role::Jobseeker];
const ADMIN: &[Role] = &[Role::Admin];
const CASE_STAFF: &[Role] = &[Role::Counsellor, Role::Admin];
/// Who writes opportunities: counsellors and admins for the network, an employer's HR for hers.
const POSTERS: &[Role] = &[Role::Counsellor, Role::Admin, Role::Employer];
/// Who reads employers: staff all the agency's, an employer's HR her own.
const EMPLOYER_READERS: &[Role] = &[
    Role::Counsellor,
    Role::CommunityManager,
    Role::Admin,
    Role::Employer,
];
const MODERATORS: &[Role] = &[Role::CommunityManager, Role::Admin];
/// Everyone signed in keeps her account, an employer's HR too.
const ACCOUNT_HOLDERS: &[Role] = &[
    Role::Jobseeker,
    Role::Counsellor,
    Role::CommunityManager,
    Role::Admin,
    Role::Employer,
];
const ANYONE: &[Role] = &[
    Role::Jobseeker,
    Role::Counsellor,
    Role::CommunityManager,
    Role::Admin,
];

#[component]
pub fn App() -> impl IntoView {
    let locale = provide_locale();
    Effect::new(move |_| api::set_language(locale.0.get()));
    api::set_language(locale.0.get_untracked());
    provide_session();
    crate::components::provide_bell();
    view! {
        <Router>
            <Header />
            <main id="main" tabindex="-1" class="container py-4">
                <Routes fallback=|| view! { <crate::components::NotFound /> }>
                    <Route path=path!("/") view=pages::Home />
                    <Route path=path!("/login") view=pages::Login />
                    <Route path=path!("/register") view=pages::Register />
                    <Route path=path!("/set-password") view=pages::SetPassword />
                    <Route path=path!("/forgot-password") view=pages::ForgotPassword />
                    <Route path=path!("/privacy") view=pages::Privacy />
                    <Route path=path!("/employers/join") view=pages::Join />
                    <Route
                        path=path!("/notifications")
                        view=|| view! { <RequireRole roles=ACCOUNT_HOLDERS><pages::NotificationsPage /></RequireRole> }
                    />
                    <Route
                        path=path!("/account")
                        view=|| view! { <RequireRole roles=ACCOUNT_HOLDERS><pages::Account /></RequireRole> }
                    />
                    <Route
                        path=path!("/app")
                        view=|| view! { <RequireRole roles=JOBSEEKER><pages::JobseekerHome /></RequireRole> }
                    />
                    <Route
                        path=path!("/profile")
                        view=|| view! { <RequireRole roles=JOBSEEKER><pages::ProfileHome /></RequireRole> }
                    />
                    <Route
                        path=path!("/profile/summary")
                        view=|| view! { <RequireRole roles=JOBSEEKER><pages::ProfileSummary /></RequireRole> }
                    />
                    <Route
                        path=path!("/profile/:section")
                        view=|| view! { <RequireRole roles=JOBSEEKER><pages::ProfileSectionPage /></RequireRole> }
                    />
                    <Route
                        path=path!("/assessment")
                        view=|| view! { <RequireRole roles=JOBSEEKER><pages::AssessmentHome /></RequireRole> }
                    />
                    <Route
                        path=path!("/assessment/attempts/:id")
                        view=|| view! { <RequireRole roles=JOBSEEKER><pages::AttemptPage /></RequireRole> }
                    />
                    <Route
                        path=path!("/services")
                        view=|| view! { <RequireRole roles=JOBSEEKER><pages::ServicesPage /></RequireRole> }
                    />
                    <Route
                        path=path!("/opportunities")
                        view=|| view! { <RequireRole roles=JOBSEEKER><pages::OpportunitiesPage /></RequireRole> }
                    />
                    <Route
                        path=path!("/opportunities/:id")
                        view=|| view! { <RequireRole roles=JOBSEEKER><pages::OpportunityPage /></RequireRole> }
                    />
                    <Route
                        path=path!("/applications")
                        view=|| view! { <RequireRole roles=JOBSEEKER><pages::ApplicationsPage /></RequireRole> }
                    />
                    <Route
                        path=path!("/week")
                        view=|| view! { <RequireRole roles=JOBSEEKER><pages::WeekPage /></RequireRole> }
                    />
                    <Route path=path!("/portfolio/shared") view=pages::SharedPortfolio />
                    <Route
                        path=path!("/community")
                        view=|| view! { <RequireRole roles=ANYONE><pages::CommunityHome /></RequireRole> }
                    />
                    <Route
                        path=path!("/community/rooms/:id")
                        view=|| view! { <RequireRole roles=ANYONE><pages::RoomPage /></RequireRole> }
                    />
                    <Route
                        path=path!("/staff/moderation")
                        view=|| view! { <RequireRole roles=MODERATORS><pages::ModerationQueue /></RequireRole> }
                    />
                    <Route
                        path=path!("/staff/moderation/log")
                        view=|| view! { <RequireRole roles=MODERATORS><pages::ModerationLog /></RequireRole> }
                    />
                    <Route
                        path=path!("/staff/moderation/filters")
                        view=|| view! { <RequireRole roles=MODERATORS><pages::WordFilters /></RequireRole> }
                    />
                    <Route
                        path=path!("/staff/rooms")
                        view=|| view! { <RequireRole roles=MODERATORS><pages::RoomsAdmin /></RequireRole> }
                    />
                    <Route
                        path=path!("/staff/rooms/:id")
                        view=|| view! { <RequireRole roles=MODERATORS><pages::RoomAdmin /></RequireRole> }
                    />
                    <Route
                        path=path!("/staff/assessments")
                        view=|| view! { <RequireRole roles=CASE_STAFF><pages::ValidationQueue /></RequireRole> }
                    />
                    <Route
                        path=path!("/staff/assessments/:id")
                        view=|| view! { <RequireRole roles=CASE_STAFF><pages::ReviewPage /></RequireRole> }
                    />
                    <Route
                        path=path!("/staff/framework")
                        view=|| view! { <RequireRole roles=ADMIN><pages::FrameworkAdmin /></RequireRole> }
                    />
                    <Route
                        path=path!("/staff/instruments")
                        view=|| view! { <RequireRole roles=ADMIN><pages::InstrumentsAdmin /></RequireRole> }
                    />
                    <Route
                        path=path!("/staff/caseload")
                        view=|| view! { <RequireRole roles=CASE_STAFF><pages::Caseload /></RequireRole> }
                    />
                    <Route
                        path=path!("/staff/jobseekers/:id")
                        view=|| view! { <RequireRole roles=CASE_STAFF><pages::CaseView /></RequireRole> }
                    />
                    <Route
                        path=path!("/staff")
                        view=|| view! { <RequireRole roles=STAFF><pages::StaffHome /></RequireRole> }
                    />
                    <Route
                        path=path!("/staff/catalogue")
                        view=|| view! { <RequireRole roles=STAFF><pages::Catalogue /></RequireRole> }
                    />
                    <Route
                        path=path!("/staff/catalogue/services/new")
                        view=|| view! { <RequireRole roles=STAFF><pages::ServiceEditor /></RequireRole> }
                    />
                    <Route
                        path=path!("/staff/catalogue/services/:id")
                        view=|| view! { <RequireRole roles=STAFF><pages::ServiceEditor /></RequireRole> }
                    />
                    <Route
                        path=path!("/staff/catalogue/providers")
                        view=|| view! { <RequireRole roles=STAFF><pages::Providers /></RequireRole> }
                    />
                    <Route
                        path=path!("/staff/catalogue/contributions")
                        view=|| view! { <RequireRole roles=STAFF><pages::Contributions /></RequireRole> }
                    />
                    <Route
                        path=path!("/staff/employers")
                        view=|| view! { <RequireRole roles=EMPLOYER_READERS><pages::Employers /></RequireRole> }
                    />
                    <Route
                        path=path!("/staff/opportunities")
                        view=|| view! { <RequireRole roles=POSTERS><pages::StaffOpportunities /></RequireRole> }
                    />
                    <Route
                        path=path!("/staff/opportunities/:id")
                        view=|| view! { <RequireRole roles=POSTERS><pages::StaffOpportunity /></RequireRole> }
                    />
                    <Route
                        path=path!("/staff/accounts")
                        view=|| view! { <RequireRole roles=ADMIN><pages::Accounts /></RequireRole> }
                    />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}
