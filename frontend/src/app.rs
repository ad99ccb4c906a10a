use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, LazyRoute, path};
use shared::Role;

use crate::api;
use crate::components::{Footer, Header, PageLoadFailed, RequireRole};
use crate::i18n::{K, provide_locale, tr};
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

/// A lazy page's file could not be fetched.
struct NotLoaded;

impl From<SplitLoaderError> for NotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// Every page but the home page and the sign-in form is a lazy route: its code is split out of
/// the first load and fetched when a page of its group is first opened (issue 16). A group is
/// one wasm file (`split_<group>`), with the code it shares with other groups in files of their
/// own (`chunk_*`): pages a person goes through together load together. Each line names the
/// route, the function that draws it (split out), the page's component and who may see it (no
/// one named: anyone). A group whose file cannot be fetched (a dropped connection) shows
/// [`PageLoadFailed`] instead of stopping the app; the next try fetches it again.
macro_rules! lazy_pages {
    ($group:ident: $($route:ident => $draw:ident: $page:ident $(for $roles:ident)?;)*) => {$(
        struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            async fn view(_this: Self) -> AnyView {
                $draw()
                    .await
                    .unwrap_or_else(|NotLoaded| view! { <PageLoadFailed /> }.into_any())
            }
        }

        #[wasm_split($group, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $draw() -> Result<AnyView, NotLoaded> {
            Ok(lazy_pages!(@view $page $($roles)?))
        }
    )*};
    (@view $page:ident) => {
        pages::$page().into_any()
    };
    (@view $page:ident $roles:ident) => {
        view! { <RequireRole roles=$roles>{pages::$page()}</RequireRole> }.into_any()
    };
}

// What one reaches without an account.
lazy_pages! { public:
    RegisterRoute => register_page: Register;
    SetPasswordRoute => set_password_page: SetPassword;
    ForgotPasswordRoute => forgot_password_page: ForgotPassword;
    PrivacyRoute => privacy_page: Privacy;
    JoinRoute => join_page: Join;
    SharedPortfolioRoute => shared_portfolio_page: SharedPortfolio;
}

// Everyone's: the community and one's account.
lazy_pages! { common:
    NotificationsPageRoute => notifications_page: NotificationsPage for ACCOUNT_HOLDERS;
    AccountRoute => account_page: Account for ACCOUNT_HOLDERS;
    CommunityHomeRoute => community_home_page: CommunityHome for ANYONE;
    RoomPageRoute => room_page: RoomPage for ANYONE;
}

// Where one lands on signing in: small, so the first page after the sign-in form comes soon.
lazy_pages! { homes:
    JobseekerHomeRoute => jobseeker_home_page: JobseekerHome for JOBSEEKER;
    StaffHomeRoute => staff_home_page: StaffHome for STAFF;
}

// Hers: profile, assessment, services, opportunities.
lazy_pages! { jobseeker:
    ProfileHomeRoute => profile_home_page: ProfileHome for JOBSEEKER;
    ProfileSummaryRoute => profile_summary_page: ProfileSummary for JOBSEEKER;
    ProfileSectionPageRoute => profile_section_page: ProfileSectionPage for JOBSEEKER;
    AssessmentHomeRoute => assessment_home_page: AssessmentHome for JOBSEEKER;
    AttemptPageRoute => attempt_page: AttemptPage for JOBSEEKER;
    ServicesPageRoute => services_page: ServicesPage for JOBSEEKER;
    WeekPageRoute => week_page: WeekPage for JOBSEEKER;
    OpportunitiesPageRoute => opportunities_page: OpportunitiesPage for JOBSEEKER;
    OpportunityPageRoute => opportunity_page: OpportunityPage for JOBSEEKER;
    ApplicationsPageRoute => applications_page: ApplicationsPage for JOBSEEKER;
}

// The agency's staff and the employer's HR: moderation, casework, catalogue, hiring.
lazy_pages! { staff:
    ModerationQueueRoute => moderation_queue_page: ModerationQueue for MODERATORS;
    ModerationLogRoute => moderation_log_page: ModerationLog for MODERATORS;
    WordFiltersRoute => word_filters_page: WordFilters for MODERATORS;
    RoomsAdminRoute => rooms_admin_page: RoomsAdmin for MODERATORS;
    RoomAdminRoute => room_admin_page: RoomAdmin for MODERATORS;
    ValidationQueueRoute => validation_queue_page: ValidationQueue for CASE_STAFF;
    ReviewPageRoute => review_page: ReviewPage for CASE_STAFF;
    CaseloadRoute => caseload_page: Caseload for CASE_STAFF;
    CaseViewRoute => case_view_page: CaseView for CASE_STAFF;
    FrameworkAdminRoute => framework_admin_page: FrameworkAdmin for ADMIN;
    InstrumentsAdminRoute => instruments_admin_page: InstrumentsAdmin for ADMIN;
    AccountsRoute => accounts_page: Accounts for ADMIN;
    CatalogueRoute => catalogue_page: Catalogue for STAFF;
    ServiceEditorRoute => service_editor_page: ServiceEditor for STAFF;
    ProvidersRoute => providers_page: Providers for STAFF;
    ContributionsRoute => contributions_page: Contributions for STAFF;
    EmployersRoute => employers_page: Employers for EMPLOYER_READERS;
    StaffOpportunitiesRoute => staff_opportunities_page: StaffOpportunities for POSTERS;
    StaffOpportunityRoute => staff_opportunity_page: StaffOpportunity for POSTERS;
}

#[component]
pub fn App() -> impl IntoView {
    let locale = provide_locale();
    Effect::new(move |_| api::set_language(locale.0.get()));
    api::set_language(locale.0.get_untracked());
    provide_session();
    crate::components::provide_bell();
    // While a page is on its way (a lazy page's file on a slow line), a bar at the top says so.
    let (routing, set_routing) = signal(false);
    view! {
        <Router set_is_routing=set_routing>
            <div class="route-progress" class:active=routing role="status">
                <Show when=move || routing.get()>
                    <span class="visually-hidden">{tr(K::Loading)}</span>
                </Show>
            </div>
            <Header />
            <main id="main" tabindex="-1" class="container py-4">
                <Routes fallback=|| view! { <crate::components::NotFound /> }>
                    <Route path=path!("/") view=pages::Home />
                    <Route path=path!("/login") view=pages::Login />
                    <Route path=path!("/register") view={Lazy::<RegisterRoute>::new()} />
                    <Route path=path!("/set-password") view={Lazy::<SetPasswordRoute>::new()} />
                    <Route path=path!("/forgot-password") view={Lazy::<ForgotPasswordRoute>::new()} />
                    <Route path=path!("/privacy") view={Lazy::<PrivacyRoute>::new()} />
                    <Route path=path!("/employers/join") view={Lazy::<JoinRoute>::new()} />
                    <Route path=path!("/notifications") view={Lazy::<NotificationsPageRoute>::new()} />
                    <Route path=path!("/account") view={Lazy::<AccountRoute>::new()} />
                    <Route path=path!("/app") view={Lazy::<JobseekerHomeRoute>::new()} />
                    <Route path=path!("/profile") view={Lazy::<ProfileHomeRoute>::new()} />
                    <Route path=path!("/profile/summary") view={Lazy::<ProfileSummaryRoute>::new()} />
                    <Route path=path!("/profile/:section") view={Lazy::<ProfileSectionPageRoute>::new()} />
                    <Route path=path!("/assessment") view={Lazy::<AssessmentHomeRoute>::new()} />
                    <Route path=path!("/assessment/attempts/:id") view={Lazy::<AttemptPageRoute>::new()} />
                    <Route path=path!("/services") view={Lazy::<ServicesPageRoute>::new()} />
                    <Route path=path!("/opportunities") view={Lazy::<OpportunitiesPageRoute>::new()} />
                    <Route path=path!("/opportunities/:id") view={Lazy::<OpportunityPageRoute>::new()} />
                    <Route path=path!("/applications") view={Lazy::<ApplicationsPageRoute>::new()} />
                    <Route path=path!("/week") view={Lazy::<WeekPageRoute>::new()} />
                    <Route path=path!("/portfolio/shared") view={Lazy::<SharedPortfolioRoute>::new()} />
                    <Route path=path!("/community") view={Lazy::<CommunityHomeRoute>::new()} />
                    <Route path=path!("/community/rooms/:id") view={Lazy::<RoomPageRoute>::new()} />
                    <Route path=path!("/staff/moderation") view={Lazy::<ModerationQueueRoute>::new()} />
                    <Route path=path!("/staff/moderation/log") view={Lazy::<ModerationLogRoute>::new()} />
                    <Route path=path!("/staff/moderation/filters") view={Lazy::<WordFiltersRoute>::new()} />
                    <Route path=path!("/staff/rooms") view={Lazy::<RoomsAdminRoute>::new()} />
                    <Route path=path!("/staff/rooms/:id") view={Lazy::<RoomAdminRoute>::new()} />
                    <Route path=path!("/staff/assessments") view={Lazy::<ValidationQueueRoute>::new()} />
                    <Route path=path!("/staff/assessments/:id") view={Lazy::<ReviewPageRoute>::new()} />
                    <Route path=path!("/staff/framework") view={Lazy::<FrameworkAdminRoute>::new()} />
                    <Route path=path!("/staff/instruments") view={Lazy::<InstrumentsAdminRoute>::new()} />
                    <Route path=path!("/staff/caseload") view={Lazy::<CaseloadRoute>::new()} />
                    <Route path=path!("/staff/jobseekers/:id") view={Lazy::<CaseViewRoute>::new()} />
                    <Route path=path!("/staff") view={Lazy::<StaffHomeRoute>::new()} />
                    <Route path=path!("/staff/catalogue") view={Lazy::<CatalogueRoute>::new()} />
                    <Route path=path!("/staff/catalogue/services/new") view={Lazy::<ServiceEditorRoute>::new()} />
                    <Route path=path!("/staff/catalogue/services/:id") view={Lazy::<ServiceEditorRoute>::new()} />
                    <Route path=path!("/staff/catalogue/providers") view={Lazy::<ProvidersRoute>::new()} />
                    <Route path=path!("/staff/catalogue/contributions") view={Lazy::<ContributionsRoute>::new()} />
                    <Route path=path!("/staff/employers") view={Lazy::<EmployersRoute>::new()} />
                    <Route path=path!("/staff/opportunities") view={Lazy::<StaffOpportunitiesRoute>::new()} />
                    <Route path=path!("/staff/opportunities/:id") view={Lazy::<StaffOpportunityRoute>::new()} />
                    <Route path=path!("/staff/accounts") view={Lazy::<AccountsRoute>::new()} />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}
