use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page, TextField, field_error};
use crate::i18n::{K, tr};
use crate::session::{home_of, use_session};

#[component]
pub fn Login() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        let next = query.with_untracked(|q| q.get("next"));
        spawn_local(async move {
            match api::login(&email.get_untracked(), &password.get_untracked()).await {
                Ok(tokens) => {
                    let role = tokens.user.role;
                    session.me.set(Some(tokens.user));
                    error.set(None);
                    let target = next
                        .filter(|n| is_safe_next(n))
                        .unwrap_or_else(|| home_of(role).to_owned());
                    navigate(&target, Default::default());
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };

    view! {
        <Page title=K::LoginTitle>
            <div class="row">
                <div class="col-12 col-md-8 col-lg-6">
                    <ErrorSummary error=error />
                    <form on:submit=submit novalidate=true>
                        <TextField id="email" label=K::Email value=email input_type="email"
                            autocomplete="username" error=field_error(error, "/email") />
                        <TextField id="password" label=K::Password value=password input_type="password"
                            autocomplete="current-password" error=field_error(error, "/password") />
                        <button type="submit" class="btn btn-primary" disabled=move || busy.get()>
                            {tr(K::LoginButton)}
                        </button>
                    </form>
                    <p class="mt-4 mb-1">
                        <A href="/forgot-password">{tr(K::ForgotPasswordLink)}</A>
                    </p>
                    <p>
                        {tr(K::NoAccountYet)} " "
                        <A href="/register">{tr(K::NavRegister)}</A>
                    </p>
                </div>
            </div>
        </Page>
    }
}

/// Only paths of this app, and not the sign-in pages themselves.
fn is_safe_next(next: &str) -> bool {
    next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/login")
        && !next.starts_with("/register")
}
