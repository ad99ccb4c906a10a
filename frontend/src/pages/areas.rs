//! The jobseeker's and the staff's home: what exists now and what the next releases bring.

use leptos::prelude::*;
use shared::Role;

use crate::components::Page;
use crate::i18n::{K, tr};
use crate::session::use_session;

/// A card of the home page: a link when the feature exists, "coming soon" otherwise.
#[component]
fn Card(title: K, body: K, #[prop(optional)] href: Option<&'static str>) -> impl IntoView {
    view! {
        <div class="col-12 col-md-6 col-lg-4 mb-3">
            <div class="card card-bg h-100 shadow-sm">
                <div class="card-body">
                    <h2 class="h5 card-title">
                        {match href {
                            Some(h) => view! { <a href=h class="stretched-link">{tr(title)}</a> }.into_any(),
                            None => view! { <span>{tr(title)}</span> }.into_any(),
                        }}
                    </h2>
                    <p class="card-text">{tr(body)}</p>
                    {href.is_none().then(|| view! { <p class="small text-muted mb-0">{tr(K::ComingSoon)}</p> })}
                </div>
            </div>
        </div>
    }
}

#[component]
pub fn JobseekerHome() -> impl IntoView {
    let session = use_session();
    view! {
        <Page title=K::JobseekerHomeTitle>
            <p class="lead">
                {tr(K::Welcome)} " " {move || session.me.with(|m| m.as_ref().map(|m| m.name.clone()))}
            </p>
            <p>{tr(K::JobseekerHomeLead)}</p>
            <div class="row">
                <Card title=K::CardProfile body=K::CardProfileText href="/profile" />
                <Card title=K::CardAssessment body=K::CardAssessmentText href="/assessment" />
                <Card title=K::CardCommunity body=K::CardCommunityText href="/community" />
                <Card title=K::CardServices body=K::CardServicesText />
            </div>
        </Page>
    }
}

#[component]
pub fn StaffHome() -> impl IntoView {
    let session = use_session();
    let is_admin = move || session.role() == Some(Role::Admin);
    view! {
        <Page title=K::StaffHomeTitle>
            <p class="lead">
                {tr(K::Welcome)} " " {move || session.me.with(|m| m.as_ref().map(|m| m.name.clone()))}
                " · " {move || session.me.with(|m| m.as_ref().map(|m| m.agency.name.clone()))}
            </p>
            <div class="row">
                <Show
                    when=move || matches!(session.role(), Some(Role::Counsellor | Role::Admin))
                    fallback=|| view! { <Card title=K::CardCaseload body=K::CardCaseloadText /> }
                >
                    <Card title=K::CardCaseload body=K::CardCaseloadText href="/staff/caseload" />
                </Show>
                <Show
                    when=move || matches!(session.role(), Some(Role::Counsellor | Role::Admin))
                    fallback=|| view! { <Card title=K::CardValidation body=K::CardValidationText /> }
                >
                    <Card title=K::CardValidation body=K::CardValidationText href="/staff/assessments" />
                </Show>
                <Show
                    when=move || matches!(session.role(), Some(Role::CommunityManager | Role::Admin))
                    fallback=|| view! { <Card title=K::CardModeration body=K::CardModerationText /> }
                >
                    <Card title=K::CardModeration body=K::CardModerationText href="/staff/moderation" />
                </Show>
                <Card title=K::CardIndicators body=K::CardIndicatorsText />
                <Show when=is_admin>
                    <Card title=K::CardAccounts body=K::CardAccountsText />
                </Show>
            </div>
        </Page>
    }
}
