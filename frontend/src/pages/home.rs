use leptos::prelude::*;
use leptos_router::components::{A, Redirect};

use crate::components::Page;
use crate::i18n::{K, tr};
use crate::session::{home_of, use_session};

#[component]
pub fn Home() -> impl IntoView {
    let session = use_session();
    move || match session.role() {
        Some(role) => view! { <Redirect path=home_of(role) /> }.into_any(),
        None => view! {
            <Page title=K::HomeTitle>
                <p class="lead">{tr(K::HomeLead)}</p>
                <ul class="mb-4">
                    <li>{tr(K::HomePointProfile)}</li>
                    <li>{tr(K::HomePointSkills)}</li>
                    <li>{tr(K::HomePointCommunity)}</li>
                </ul>
                <div class="d-flex flex-wrap gap-2">
                    <A href="/register" attr:class="btn btn-primary">{tr(K::NavRegister)}</A>
                    <A href="/login" attr:class="btn btn-outline-primary">{tr(K::NavLogin)}</A>
                </div>
                <p class="mt-4">
                    {tr(K::JoinInvite)} " " <A href="/employers/join">{tr(K::JoinLink)}</A>
                </p>
            </Page>
        }
        .into_any(),
    }
}

#[component]
pub fn Privacy() -> impl IntoView {
    view! {
        <Page title=K::PrivacyNotice>
            <PrivacyText />
        </Page>
    }
}

/// The privacy notice (version `shared::PRIVACY_NOTICE_VERSION`).
#[component]
pub fn PrivacyText() -> impl IntoView {
    view! {
        <div class="privacy-text">
            <p class="small text-muted">{tr(K::PrivacyVersion)} " " {shared::PRIVACY_NOTICE_VERSION}</p>
            <p>{tr(K::PrivacyP1)}</p>
            <p>{tr(K::PrivacyP2)}</p>
            <p>{tr(K::PrivacyP3)}</p>
            <p>{tr(K::PrivacyP4)}</p>
        </div>
    }
}
