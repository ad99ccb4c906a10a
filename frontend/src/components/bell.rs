//! The bell in the header: how many notifications are unread, asked again at every page
//! change and every minute while signed in.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::api;
use crate::i18n::{K, fill, text, use_locale};
use crate::session::use_session;

/// The unread count, shared by the bell and the notifications page.
#[derive(Clone, Copy)]
pub struct Bell {
    pub unread: RwSignal<u64>,
}

impl Bell {
    /// Asks the server again (nothing when signed out).
    pub fn refresh(self) {
        if !api::may_have_session() {
            return;
        }
        spawn_local(async move {
            if let Ok(n) = api::notifications(1).await {
                self.unread.set(n.unread);
            }
        });
    }
}

pub fn provide_bell() -> Bell {
    let bell = Bell {
        unread: RwSignal::new(0),
    };
    provide_context(bell);
    bell
}

pub fn use_bell() -> Bell {
    expect_context::<Bell>()
}

#[component]
pub fn BellLink() -> impl IntoView {
    let bell = use_bell();
    let session = use_session();
    let locale = use_locale();
    let location = use_location();
    let signed_in = move || session.me.with(Option::is_some);
    Effect::new(move |_| {
        location.pathname.track();
        if signed_in() {
            bell.refresh();
        } else {
            bell.unread.set(0);
        }
    });
    let _ = set_interval_with_handle(
        move || {
            if session.me.with_untracked(Option::is_some) {
                bell.refresh();
            }
        },
        Duration::from_secs(60),
    );
    let label = move || {
        let n = bell.unread.get();
        let lang = locale.0.get();
        if n == 0 {
            text(lang, K::BellNone).to_owned()
        } else {
            fill(text(lang, K::BellUnread), &[("count", &n.to_string())])
        }
    };
    view! {
        <A href="/notifications" attr:class="btn btn-sm btn-outline-light d-inline-flex align-items-center gap-1"
            attr:aria-label=label attr:title=label>
            <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
                <path fill="currentColor" d="M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2zm6-6v-5a6 6 0 0 0-5-5.9V4a1 1 0 0 0-2 0v1.1A6 6 0 0 0 6 11v5l-2 2v1h16v-1z"/>
            </svg>
            <Show when=move || { bell.unread.get() > 0 }>
                <span class="badge bg-danger" aria-hidden="true">{move || bell.unread.get()}</span>
            </Show>
        </A>
    }
}
