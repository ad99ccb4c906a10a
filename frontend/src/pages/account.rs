use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::ChangePasswordRequest;

use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page, TextField, field_error};
use crate::i18n::{K, tr};
use crate::session::use_session;

#[component]
pub fn Account() -> impl IntoView {
    let session = use_session();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        done.set(false);
        spawn_local(async move {
            let req = ChangePasswordRequest {
                current_password: current.get_untracked(),
                new_password: new.get_untracked(),
            };
            match api::change_password(&req).await {
                Ok(()) => {
                    error.set(None);
                    current.set(String::new());
                    new.set(String::new());
                    done.set(true);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let me = move || session.me.get();
    view! {
        <Page title=K::AccountTitle>
            {move || me().map(|m| view! {
                <dl class="row mb-4">
                    <dt class="col-sm-3">{tr(K::Name)}</dt><dd class="col-sm-9">{m.name.clone()}</dd>
                    <dt class="col-sm-3">{tr(K::Email)}</dt><dd class="col-sm-9">{m.email.clone()}</dd>
                    <dt class="col-sm-3">{tr(K::Agency)}</dt><dd class="col-sm-9">{m.agency.name.clone()}</dd>
                </dl>
            })}
            <h2 class="h4">{tr(K::ChangePassword)}</h2>
            <p>{tr(K::ChangePasswordLead)}</p>
            <div class="row">
                <div class="col-12 col-md-8 col-lg-6">
                    <div aria-live="polite">
                        <Show when=move || done.get()>
                            <div class="alert alert-success" role="status">{tr(K::PasswordChanged)}</div>
                        </Show>
                    </div>
                    <ErrorSummary error=error />
                    <form on:submit=submit novalidate=true>
                        <TextField id="current-password" label=K::CurrentPassword value=current
                            input_type="password" autocomplete="current-password"
                            error=field_error(error, "/current_password") />
                        <TextField id="new-password" label=K::NewPassword value=new
                            input_type="password" autocomplete="new-password" hint=K::PasswordHint
                            error=field_error(error, "/new_password") />
                        <button type="submit" class="btn btn-primary" disabled=move || busy.get()>
                            {tr(K::ChangePasswordButton)}
                        </button>
                    </form>
                </div>
            </div>
        </Page>
    }
}
