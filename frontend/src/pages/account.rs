use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{ChangePasswordRequest, Role};

use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page, TextField, field_error, save_bytes};
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
            <Show when=move || session.role() == Some(Role::Jobseeker)>
                <DataRights />
            </Show>
        </Page>
    }
}

/// Her data: the download of everything held about her, and the erasure of her account
/// (confirmed with her password).
#[component]
fn DataRights() -> impl IntoView {
    let session = use_session();
    let error = RwSignal::new(None::<ApiError>);
    let asking = RwSignal::new(false);
    let password = RwSignal::new(String::new());
    let download = move |_| {
        spawn_local(async move {
            match api::export_data().await {
                Ok(json) => save_bytes(json.as_bytes(), "application/json", "sinergia-dati.json"),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let erase = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        spawn_local(async move {
            match api::erase_me(&password.get_untracked()).await {
                Ok(_) => {
                    // A full reload: nothing of her session stays in memory.
                    session.me.set(None);
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().set_href("/?erased=1");
                    }
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="mt-5 border-top pt-4 d-print-none" aria-labelledby="data-title">
            <h2 class="h5" id="data-title">{tr(K::MyData)}</h2>
            <p>{tr(K::MyDataLead)}</p>
            <ErrorSummary error=error />
            <button type="button" class="btn btn-outline-primary mb-3" on:click=download>
                {tr(K::DownloadData)}
            </button>
            <div>
                <Show when=move || !asking.get()>
                    <button type="button" class="btn btn-outline-danger" on:click=move |_| asking.set(true)>
                        {tr(K::EraseAccount)}
                    </button>
                </Show>
                <Show when=move || asking.get()>
                    <form on:submit=erase class="border border-danger rounded p-3" novalidate=true>
                        <p class="fw-semibold">{tr(K::EraseWarning)}</p>
                        <div class="mb-3">
                            <label for="erase-password" class="form-label">{tr(K::ConfirmWithPassword)}</label>
                            <input id="erase-password" type="password" class="form-control" autocomplete="current-password"
                                prop:value=move || password.get()
                                on:input=move |ev| password.set(event_target_value(&ev)) />
                        </div>
                        <button type="submit" class="btn btn-danger me-2">{tr(K::EraseConfirm)}</button>
                        <button type="button" class="btn btn-outline-secondary" on:click=move |_| asking.set(false)>
                            {tr(K::Cancel)}
                        </button>
                    </form>
                </Show>
            </div>
        </section>
    }
}
