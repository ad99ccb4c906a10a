use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use shared::SetPasswordRequest;

use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page, TextField, field_error};
use crate::i18n::{K, tr};

/// New staff set their password from the one-time link (`/set-password#token=...`: the token
/// stays in the fragment, out of server logs).
#[component]
pub fn SetPassword() -> impl IntoView {
    let location = use_location();
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let token = location
            .hash
            .get_untracked()
            .trim_start_matches('#')
            .strip_prefix("token=")
            .unwrap_or_default()
            .to_owned();
        spawn_local(async move {
            let req = SetPasswordRequest {
                token,
                password: password.get_untracked(),
            };
            match api::set_password(&req).await {
                Ok(()) => done.set(true),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <Page title=K::SetPasswordTitle>
            <Show
                when=move || done.get()
                fallback=move || view! {
                    <div class="row">
                        <div class="col-12 col-md-8 col-lg-6">
                            <ErrorSummary error=error />
                            <form on:submit=submit novalidate=true>
                                <TextField id="password" label=K::NewPassword value=password
                                    input_type="password" autocomplete="new-password" hint=K::PasswordHint
                                    error=field_error(error, "/password") />
                                <button type="submit" class="btn btn-primary">{tr(K::SetPasswordButton)}</button>
                            </form>
                        </div>
                    </div>
                }
            >
                <div class="alert alert-success" role="status">{tr(K::PasswordSet)}</div>
                <A href="/login">{tr(K::NavLogin)}</A>
            </Show>
        </Page>
    }
}

/// She forgot her password: asks for a one-time link by email.
#[component]
pub fn ForgotPassword() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let sent = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        spawn_local(async move {
            match api::forgot_password(&email.get_untracked()).await {
                Ok(()) => {
                    error.set(None);
                    sent.set(true);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <Page title=K::ForgotPasswordTitle>
            <div class="row">
                <div class="col-12 col-md-8 col-lg-6">
                    <div aria-live="polite">
                        <Show when=move || sent.get()>
                            <div class="alert alert-success" role="status">{tr(K::ForgotPasswordSent)}</div>
                        </Show>
                    </div>
                    <Show when=move || !sent.get()>
                        <p>{tr(K::ForgotPasswordLead)}</p>
                        <ErrorSummary error=error />
                        <form on:submit=submit novalidate=true>
                            <TextField id="email" label=K::Email value=email input_type="email"
                                autocomplete="email" error=field_error(error, "/email") />
                            <button type="submit" class="btn btn-primary" disabled=move || busy.get()>
                                {tr(K::ForgotPasswordButton)}
                            </button>
                        </form>
                    </Show>
                    <p class="mt-4"><A href="/login">{tr(K::NavLogin)}</A></p>
                </div>
            </div>
        </Page>
    }
}
