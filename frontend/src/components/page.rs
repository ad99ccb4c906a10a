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
#[component]
pub fn Page(title: K, children: Children) -> impl IntoView {
    let heading = NodeRef::<H1>::new();
    let locale = use_locale();
    Effect::new(move |_| {
        let page = text(locale.0.get(), title);
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
        <h1 class="h2 mb-4" tabindex="-1" node_ref=heading id="page-title">{tr(title)}</h1>
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
