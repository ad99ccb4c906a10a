use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use shared::{AgencyId, RegisterRequest};

use super::home::PrivacyText;
use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page, TextField, field_error};
use crate::i18n::{K, tr, use_locale};
use crate::session::{home_of, use_session};

#[component]
pub fn Register() -> impl IntoView {
    let session = use_session();
    let locale = use_locale();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let agency = RwSignal::new(String::new());
    let accepted = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let agencies = LocalResource::new(api::agencies);

    let agency_error = field_error(error, "/agency_id");
    let consent_error = field_error(error, "/accept_privacy_notice");

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let agency_id = agency
                .get_untracked()
                .parse()
                .map(AgencyId)
                .unwrap_or(AgencyId(Default::default()));
            let req = RegisterRequest {
                email: email.get_untracked(),
                password: password.get_untracked(),
                name: name.get_untracked(),
                agency_id,
                language: locale.0.get_untracked(),
                privacy_notice_version: shared::PRIVACY_NOTICE_VERSION.to_owned(),
                accept_privacy_notice: accepted.get_untracked(),
            };
            let result = match api::register(&req).await {
                Ok(_) => api::login(&req.email, &req.password).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(tokens) => {
                    let role = tokens.user.role;
                    session.me.set(Some(tokens.user));
                    navigate(home_of(role), Default::default());
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };

    view! {
        <Page title=K::RegisterTitle>
            <p>{tr(K::RegisterLead)}</p>
            <div class="row">
                <div class="col-12 col-md-10 col-lg-8">
                    <ErrorSummary error=error />
                    <form on:submit=submit novalidate=true>
                        <TextField id="name" label=K::Name value=name autocomplete="name"
                            error=field_error(error, "/name") />
                        <TextField id="email" label=K::Email value=email input_type="email"
                            autocomplete="email" error=field_error(error, "/email") />
                        <TextField id="password" label=K::Password value=password input_type="password"
                            autocomplete="new-password" hint=K::PasswordHint
                            error=field_error(error, "/password") />
                        <div class="mb-3">
                            <label for="agency" class="form-label fw-semibold">{tr(K::Agency)}</label>
                            <select
                                id="agency"
                                class="form-select"
                                class:is-invalid=move || agency_error.with(Option::is_some)
                                required=true
                                aria-invalid=move || if agency_error.with(Option::is_some) { "true" } else { "false" }
                                aria-describedby=move || agency_error.with(Option::is_some).then_some("agency-error")
                                on:change=move |ev| agency.set(event_target_value(&ev))
                            >
                                <option value="" selected=true>{tr(K::ChooseAgency)}</option>
                                {move || {
                                    agencies
                                        .get()
                                        .and_then(Result::ok)
                                        .unwrap_or_default()
                                        .into_iter()
                                        .map(|a| view! { <option value=a.id.to_string()>{a.name} " (" {a.territory} ")"</option> })
                                        .collect_view()
                                }}
                            </select>
                            <Show when=move || agency_error.with(Option::is_some)>
                                <div id="agency-error" class="invalid-feedback d-block">{move || agency_error.get()}</div>
                            </Show>
                        </div>
                        <section aria-labelledby="privacy-heading" class="border rounded p-3 mb-3 privacy-box" tabindex="0">
                            <h2 id="privacy-heading" class="h5">{tr(K::PrivacyNotice)}</h2>
                            <PrivacyText />
                        </section>
                        <div class="form-check mb-4">
                            <input
                                id="accept"
                                type="checkbox"
                                class="form-check-input"
                                class:is-invalid=move || consent_error.with(Option::is_some)
                                aria-invalid=move || if consent_error.with(Option::is_some) { "true" } else { "false" }
                                aria-describedby=move || consent_error.with(Option::is_some).then_some("accept-error")
                                prop:checked=move || accepted.get()
                                on:change=move |ev| accepted.set(event_target_checked(&ev))
                            />
                            <label for="accept" class="form-check-label">{tr(K::AcceptPrivacy)}</label>
                            <Show when=move || consent_error.with(Option::is_some)>
                                <div id="accept-error" class="invalid-feedback d-block">{move || consent_error.get()}</div>
                            </Show>
                        </div>
                        <button type="submit" class="btn btn-primary" disabled=move || busy.get()>
                            {tr(K::RegisterButton)}
                        </button>
                    </form>
                </div>
            </div>
        </Page>
    }
}
