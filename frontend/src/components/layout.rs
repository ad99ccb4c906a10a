use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use shared::{Language, Role};
use wasm_bindgen::JsCast;

use crate::api;
use crate::i18n::{K, tr, use_locale};
use crate::session::use_session;

#[component]
fn LanguageSwitch() -> impl IntoView {
    let locale = use_locale();
    let button = move |lang: Language, label: &'static str, name: K| {
        view! {
            <button
                type="button"
                class="lang-btn"
                aria-pressed=move || if locale.0.get() == lang { "true" } else { "false" }
                lang=lang.code()
                on:click=move |_| locale.0.set(lang)
            >
                {label}
                <span class="visually-hidden">" " {tr(name)}</span>
            </button>
        }
    };
    view! {
        <div role="group" aria-label=tr(K::LanguageLabel) class="d-flex gap-1">
            {button(Language::It, "IT", K::LanguageItalian)}
            {button(Language::En, "EN", K::LanguageEnglish)}
        </div>
    }
}

/// The skip link moves focus to the main content itself: the router would take `#main` for a
/// navigation and leave focus on the link.
fn skip_to_main(ev: web_sys::MouseEvent) {
    ev.prevent_default();
    if let Some(main) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let sign_out = move |_| {
        let navigate = navigate.clone();
        spawn_local(async move {
            let _ = api::logout().await;
            // Leave the protected page first, so its guard does not redirect on its own.
            navigate("/login", Default::default());
            session.me.set(None);
        });
    };
    // Below 768 px the navigation folds behind a menu button; it folds again on every move.
    let menu_open = RwSignal::new(false);
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        menu_open.set(false);
    });
    let nav_links = move || {
        let role = session.role();
        let mut links: Vec<(&'static str, K)> = Vec::new();
        match role {
            Some(Role::Jobseeker) => {
                links.push(("/app", K::NavMyArea));
                links.push(("/profile", K::NavProfile));
                links.push(("/assessment", K::NavAssessment));
                links.push(("/services", K::NavServices));
                links.push(("/opportunities", K::NavOpportunities));
                links.push(("/community", K::NavCommunity));
                links.push(("/account", K::NavAccount));
            }
            Some(Role::Employer) => {
                links.push(("/staff/opportunities", K::NavPostings));
                links.push(("/staff/employers", K::NavMyOrganisation));
                links.push(("/account", K::NavAccount));
            }
            Some(role) => {
                links.push(("/staff", K::NavStaffArea));
                links.push(("/community", K::NavCommunity));
                if matches!(role, Role::CommunityManager | Role::Admin) {
                    links.push(("/staff/moderation", K::NavModeration));
                    links.push(("/staff/rooms", K::NavRooms));
                }
                if matches!(role, Role::Counsellor | Role::Admin) {
                    links.push(("/staff/caseload", K::NavCaseload));
                    links.push(("/staff/assessments", K::NavValidation));
                    links.push(("/staff/opportunities", K::NavPostings));
                }
                links.push(("/staff/catalogue", K::NavCatalogue));
                links.push(("/staff/employers", K::NavEmployers));
                if role == Role::Admin {
                    links.push(("/staff/framework", K::NavFramework));
                    links.push(("/staff/instruments", K::NavInstruments));
                    links.push(("/staff/accounts", K::NavAccounts));
                }
                links.push(("/account", K::NavAccount));
            }
            None => {
                links.push(("/", K::NavHome));
                links.push(("/login", K::NavLogin));
                links.push(("/register", K::NavRegister));
            }
        }
        links
            .into_iter()
            .map(|(href, label)| {
                view! {
                    <li class="nav-item">
                        <A href=href exact=true attr:class="nav-link text-white px-3 py-2">{tr(label)}</A>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <a class="visually-hidden-focusable skip-link" href="#main" on:click=skip_to_main>{tr(K::SkipToContent)}</a>
        <header class="it-header-wrapper sinergia-header">
            <div class="it-header-slim-wrapper">
                <div class="container">
                    <div class="d-flex justify-content-end justify-content-sm-between align-items-center py-1 gap-2">
                        <span class="text-white small d-none d-sm-inline">{tr(K::Programme)}</span>
                        <LanguageSwitch />
                    </div>
                </div>
            </div>
            <div class="it-header-center-wrapper">
                <div class="container">
                    <div class="d-flex justify-content-between align-items-center py-2 py-md-3 flex-wrap gap-2">
                        <A href="/" attr:class="text-white text-decoration-none">
                            <span class="d-block h3 mb-0 text-white">{tr(K::AppName)}</span>
                            <span class="d-none d-md-block small text-white">{tr(K::Tagline)}</span>
                        </A>
                        <Show when=move || session.me.with(Option::is_some)>
                            <div class="d-flex align-items-center gap-2 text-white">
                                <span class="small d-none d-sm-inline">
                                    {tr(K::SignedInAs)} " "
                                    <strong>{move || session.me.with(|m| m.as_ref().map(|m| m.name.clone()))}</strong>
                                </span>
                                <super::bell::BellLink />
                                <button type="button" class="btn btn-sm btn-outline-light" on:click=sign_out.clone()>
                                    {tr(K::Logout)}
                                </button>
                            </div>
                        </Show>
                    </div>
                </div>
            </div>
            <nav class="sinergia-nav" aria-label=tr(K::MainNavigation)>
                <div class="container">
                    <button type="button" class="menu-toggle d-md-none"
                        aria-controls="main-nav-list"
                        aria-expanded=move || if menu_open.get() { "true" } else { "false" }
                        on:click=move |_| menu_open.update(|o| *o = !*o)>
                        <span aria-hidden="true" class="me-2">"☰"</span>{tr(K::Menu)}
                    </button>
                    <ul id="main-nav-list" class="nav flex-column flex-md-row flex-md-wrap"
                        class:menu-closed=move || !menu_open.get()
                        on:click=move |_| menu_open.set(false)>{nav_links}</ul>
                </div>
            </nav>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="it-footer mt-5">
            <div class="it-footer-main py-4">
                <div class="container text-white">
                    <p class="mb-1 fw-semibold">{tr(K::AppName)}</p>
                    <p class="small mb-2">{tr(K::FooterText)}</p>
                    <ul class="list-inline small mb-0">
                        <li class="list-inline-item">
                            <A href="/privacy" attr:class="text-white">{tr(K::PrivacyNotice)}</A>
                        </li>
                        <li class="list-inline-item">
                            <a class="text-white" href="/api/docs/">{tr(K::ApiDocs)}</a>
                        </li>
                    </ul>
                </div>
            </div>
        </footer>
    }
}
