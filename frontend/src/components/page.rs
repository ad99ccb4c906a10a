use std::cell::Cell;

use leptos::html::H1;
use leptos::prelude::*;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::use_location;
use shared::Role;

use crate::i18n::{K, text, tr, use_locale};
use crate::session::use_session;

thread_local! {
    static FIRST_PAGE: Cell<bool> = const { Cell::new(true) };
}

/// A page: its `<h1>`, the document title (`Page · Sinergia`) in the current language, and —
/// after a navigation, not on first load — focus moved to the heading so that screen readers
/// announce the new page.
///
/// `heading`, when given and not empty, names the page instead of `title` (a room's name, the
/// person of a direct conversation); `compact` makes the heading small (a chat's header).
#[component]
pub fn Page(
    title: K,
    #[prop(optional, into)] heading: Option<Signal<String>>,
    #[prop(optional)] compact: bool,
    children: Children,
) -> impl IntoView {
    let heading_text = heading;
    let heading = NodeRef::<H1>::new();
    let locale = use_locale();
    let name = move || {
        heading_text
            .and_then(|h| Some(h.get()).filter(|h| !h.is_empty()))
            .unwrap_or_else(|| text(locale.0.get(), title).to_owned())
    };
    Effect::new(move |_| {
        let page = name();
        let app = text(locale.0.get(), K::AppName);
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&format!("{page} · {app}"));
        }
    });
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            if FIRST_PAGE.with(|f| f.replace(false)) {
                return;
            }
            let _ = h.focus();
        }
    });
    view! {
        <h1 class=if compact { "h4 mb-1 text-break" } else { "h2 mb-4" } tabindex="-1" node_ref=heading id="page-title">{name}</h1>
        {children()}
    }
}

/// Shows `children` to a signed-in user with one of `roles`; sends anyone else to sign in.
#[component]
pub fn RequireRole(roles: &'static [Role], children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let children = StoredValue::new(children);
    move || {
        if !session.ready.get() {
            return view! { <p role="status">{tr(K::Loading)}</p> }.into_any();
        }
        match session.role() {
            None => {
                let next = location.pathname.get_untracked();
                view! { <Redirect path=format!("/login?next={next}") /> }.into_any()
            }
            Some(role) if roles.contains(&role) => children.with_value(|c| c()).into_any(),
            Some(_) => view! {
                <div class="alert alert-warning" role="alert">{tr(K::NotAllowed)}</div>
            }
            .into_any(),
        }
    }
}

/// The page in place of one whose code could not be fetched (a lazy page on a dropped
/// connection): it says so and offers to try again, which loads the app afresh.
#[component]
pub fn PageLoadFailed() -> impl IntoView {
    let retry = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    };
    view! {
        <Page title=K::PageLoadFailedTitle>
            <div class="alert alert-warning" role="alert">{tr(K::PageLoadFailedText)}</div>
            <button id="page-load-retry" type="button" class="btn btn-primary" on:click=retry>
                {tr(K::PageLoadFailedRetry)}
            </button>
        </Page>
    }
}

/// The page for an address that leads nowhere (or to something she may not see).
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Page title=K::NotFoundTitle>
            <p>{tr(K::NotFoundText)}</p>
            <A href="/">{tr(K::NavHome)}</A>
        </Page>
    }
}
