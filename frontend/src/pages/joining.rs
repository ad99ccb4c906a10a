//! Organisations asking to join an agency's network: the public form (`/employers/join`) and,
//! on the employers page, the agency admin's list of waiting requests to approve or decline.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use shared::{AgencyId, JoinRequest, JoinRequestInput, JoinRequestStatus, Language, Municipality};

use super::home::PrivacyText;
use super::organisation::{Organisation, OrganisationFields};
use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page, TextField, date, err_at, field_error};
use crate::i18n::{K, code_label, fill, text, tr, use_locale};
use crate::pages::catalogue::form::{Field, Kind};

/// The public form of an organisation asking to join an agency's network.
#[component]
pub fn Join() -> impl IntoView {
    let locale = use_locale();
    let agencies = LocalResource::new(api::agencies);
    let municipalities = RwSignal::new(Vec::<Municipality>::new());
    spawn_local(async move {
        if let Ok(all) = api::municipalities().await {
            municipalities.set(all);
        }
    });
    let agency = RwSignal::new(String::new());
    let org = Organisation::new(None);
    let contact_name = RwSignal::new(String::new());
    let contact_email = RwSignal::new(String::new());
    let language = RwSignal::new(locale.0.get_untracked());
    let message = RwSignal::new(String::new());
    let accepted = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let sent = RwSignal::new(None::<String>);
    // The seats of the chosen agency's territory; changing agency forgets the seat.
    let seats = Signal::derive(move || {
        let chosen = agency.get();
        municipalities.with(|all| {
            all.iter()
                .filter(|m| m.agency_id.0.to_string() == chosen)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let agency_error = field_error(error, "/agency_id");
    let consent_error = field_error(error, "/accept_privacy_notice");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let input = JoinRequestInput {
            agency_id: AgencyId(agency.get_untracked().parse().unwrap_or_default()),
            organisation: org.input(),
            contact_name: contact_name.get_untracked(),
            contact_email: contact_email.get_untracked(),
            language: language.get_untracked(),
            message: Some(message.get_untracked()).filter(|m| !m.trim().is_empty()),
            accept_privacy_notice: accepted.get_untracked(),
            privacy_notice_version: shared::PRIVACY_NOTICE_VERSION.to_owned(),
        };
        spawn_local(async move {
            match api::request_to_join(&input).await {
                Ok(_) => {
                    error.set(None);
                    sent.set(Some(input.contact_email.trim().to_owned()));
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <Page title=K::JoinTitle>
            <p>{tr(K::JoinLead)}</p>
            <div aria-live="polite">
                {move || sent.get().map(|email| view! {
                    <div class="alert alert-success">
                        <p class="mb-1 fw-semibold">{tr(K::JoinSent)}</p>
                        <p class="mb-0 text-break">{move || fill(text(locale.0.get(), K::JoinSentDetail), &[("email", &email)])}</p>
                    </div>
                })}
            </div>
            <Show when=move || sent.with(Option::is_none)>
                <div class="row">
                    <div class="col-12 col-lg-9">
                        <ErrorSummary error=error />
                        <form on:submit=submit novalidate=true>
                            <div class="mb-3">
                                <label for="agency" class="form-label fw-semibold">{tr(K::JoinAgency)}</label>
                                <select id="agency" class="form-select"
                                    class:is-invalid=move || agency_error.with(Option::is_some)
                                    aria-describedby=move || agency_error.with(Option::is_some).then_some("agency-error")
                                    on:change=move |ev| {
                                        agency.set(event_target_value(&ev));
                                        org.municipality.set(String::new());
                                    }>
                                    <option value="" selected=true>{tr(K::ChooseAgency)}</option>
                                    {move || agencies.get().and_then(Result::ok).unwrap_or_default().into_iter()
                                        .map(|a| view! { <option value=a.id.to_string()>{a.name} " (" {a.territory} ")"</option> })
                                        .collect_view()}
                                </select>
                                <Show when=move || agency_error.with(Option::is_some)>
                                    <div id="agency-error" class="invalid-feedback d-block">{move || agency_error.get()}</div>
                                </Show>
                            </div>
                            <fieldset class="mb-2">
                                <legend class="h5">{tr(K::JoinOrganisation)}</legend>
                                <OrganisationFields org=org error=error prefix="/organisation" seats=seats />
                            </fieldset>
                            <fieldset class="mb-2">
                                <legend class="h5">{tr(K::JoinContact)}</legend>
                                <TextField id="contact-name" label=K::Name value=contact_name autocomplete="name"
                                    error=field_error(error, "/contact_name") />
                                <TextField id="contact-email" label=K::Email value=contact_email input_type="email"
                                    autocomplete="email" error=field_error(error, "/contact_email") />
                                <div class="mb-3">
                                    <label for="contact-language" class="form-label fw-semibold">{tr(K::JoinLanguage)}</label>
                                    <select id="contact-language" class="form-select"
                                        on:change=move |ev| language.set(Language::from_code(&event_target_value(&ev)).unwrap_or_default())>
                                        <option value="it" selected=move || language.get() == Language::It>"Italiano"</option>
                                        <option value="en" selected=move || language.get() == Language::En>"English"</option>
                                    </select>
                                </div>
                                <Field id="join-message".into() label=K::JoinMessage kind=Kind::Area value=message
                                    error=err_at(error, "/message".to_owned()) hint=K::JoinMessageHint />
                            </fieldset>
                            <section aria-labelledby="privacy-heading" class="border rounded p-3 mb-3 privacy-box" tabindex="0">
                                <h2 id="privacy-heading" class="h5">{tr(K::PrivacyNotice)}</h2>
                                <PrivacyText />
                            </section>
                            <div class="form-check mb-4">
                                <input id="accept" type="checkbox" class="form-check-input"
                                    class:is-invalid=move || consent_error.with(Option::is_some)
                                    aria-describedby=move || consent_error.with(Option::is_some).then_some("accept-error")
                                    prop:checked=move || accepted.get()
                                    on:change=move |ev| accepted.set(event_target_checked(&ev)) />
                                <label for="accept" class="form-check-label">{tr(K::AcceptPrivacy)}</label>
                                <Show when=move || consent_error.with(Option::is_some)>
                                    <div id="accept-error" class="invalid-feedback d-block">{move || consent_error.get()}</div>
                                </Show>
                            </div>
                            <button type="submit" class="btn btn-primary" disabled=move || busy.get()>{tr(K::JoinSend)}</button>
                        </form>
                        <p class="mt-4"><A href="/login">{tr(K::JoinHaveAccount)}</A></p>
                    </div>
                </div>
            </Show>
        </Page>
    }
}

/// The agency's waiting requests to join, for its admin: approve (the employer and its HR
/// account are made, the link goes out) or decline with a reason. `changed` is called after an
/// approval, so that the employers list shows the new one.
#[component]
pub fn JoinRequests(changed: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let locale = use_locale();
    let list = RwSignal::new(Vec::<JoinRequest>::new());
    let error = RwSignal::new(None::<ApiError>);
    let status = RwSignal::new(None::<String>);
    let load = move || {
        spawn_local(async move {
            match api::join_requests(JoinRequestStatus::Pending).await {
                Ok(page) => list.set(page.items),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    load();
    let municipalities = RwSignal::new(Vec::<Municipality>::new());
    spawn_local(async move {
        if let Ok(all) = api::municipalities().await {
            municipalities.set(all);
        }
    });
    let place = move |code: &str| {
        municipalities.with(|all| {
            all.iter()
                .find(|m| m.code == code)
                .map_or_else(|| code.to_owned(), |m| m.name.clone())
        })
    };
    let approve = move |r: JoinRequest| {
        let lang = locale.0.get_untracked();
        spawn_local(async move {
            match api::approve_join_request(r.id).await {
                Ok(done) => {
                    error.set(None);
                    status.set(Some(fill(
                        text(lang, K::JoinApproved),
                        &[
                            ("name", &done.employer.name),
                            ("contact", &done.hr.account.name),
                        ],
                    )));
                    load();
                    changed();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let declining = RwSignal::new(None::<uuid::Uuid>);
    let reason = RwSignal::new(String::new());
    let reason_error = RwSignal::new(None::<ApiError>);
    let decline = move |r: JoinRequest| {
        let lang = locale.0.get_untracked();
        spawn_local(async move {
            match api::decline_join_request(r.id, reason.get_untracked()).await {
                Ok(_) => {
                    reason_error.set(None);
                    declining.set(None);
                    reason.set(String::new());
                    status.set(Some(fill(
                        text(lang, K::JoinDeclined),
                        &[("name", &r.organisation.name)],
                    )));
                    load();
                }
                Err(e) => reason_error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="mb-4" aria-labelledby="join-requests">
            <h2 class="h4" id="join-requests">
                {tr(K::JoinRequestsTitle)} " (" {move || list.with(Vec::len)} ")"
            </h2>
            <div aria-live="polite">
                {move || status.get().map(|s| view! { <div class="alert alert-success">{s}</div> })}
            </div>
            <ErrorSummary error=error />
            <Show when=move || list.with(Vec::is_empty)>
                <p class="text-muted">{tr(K::JoinRequestsNone)}</p>
            </Show>
            <ul class="list-unstyled">
                <For each=move || list.get() key=|r| r.id let:r>
                    {
                        let heading = format!("join-{}", r.id);
                        let code = r.organisation.municipality.clone();
                        let mailto = format!("mailto:{}", r.contact_email);
                        let id = r.id;
                        let (r_approve, r_decline) = (r.clone(), r.clone());
                        let described = heading.clone();
                        let described2 = heading.clone();
                        view! {
                            <li class="card mb-3 border-primary">
                                <div class="card-body">
                                    <h3 class="h5 card-title text-break" id=heading>{r.organisation.name.clone()}</h3>
                                    <p class="mb-1">
                                        {code_label(r.organisation.size)} " · ATECO " {r.organisation.ateco.clone()} " · " {move || place(&code)}
                                    </p>
                                    <p class="mb-1 text-break">
                                        {tr(K::JoinContact)} ": " {r.contact_name.clone()} " · "
                                        <a href=mailto>{r.contact_email.clone()}</a>
                                    </p>
                                    <p class="small text-muted mb-2">{move || fill(text(locale.0.get(), K::JoinReceivedOn), &[("date", &date(r.created_at, locale.0.get()))])}</p>
                                    {r.message.clone().map(|m| view! { <blockquote class="border-start ps-3 mb-2 text-break">{m}</blockquote> })}
                                    <p class="mb-2 d-flex flex-wrap gap-1">
                                        {r.organisation.benefits.iter().map(|b| view! {
                                            <span class="badge bg-light text-dark border text-wrap text-start">{code_label(*b)}</span>
                                        }).collect_view()}
                                    </p>
                                    <div class="d-flex flex-wrap gap-2">
                                        <button type="button" class="btn btn-sm btn-primary" aria-describedby=described
                                            on:click=move |_| approve(r_approve.clone())>{tr(K::JoinApprove)}</button>
                                        <button type="button" class="btn btn-sm btn-outline-danger" aria-describedby=described2
                                            aria-expanded=move || if declining.get() == Some(id) { "true" } else { "false" }
                                            on:click=move |_| {
                                                reason_error.set(None);
                                                declining.update(|d| *d = if *d == Some(id) { None } else { Some(id) });
                                            }>{tr(K::JoinDecline)}</button>
                                    </div>
                                    <Show when=move || declining.get() == Some(id)>
                                        {
                                            let r = r_decline.clone();
                                            view! {
                                                <form class="mt-3" novalidate=true on:submit=move |ev: leptos::ev::SubmitEvent| {
                                                    ev.prevent_default();
                                                    decline(r.clone());
                                                }>
                                                    <ErrorSummary error=reason_error />
                                                    <Field id=format!("reason-{id}") label=K::JoinDeclineReason kind=Kind::Area value=reason
                                                        error=err_at(reason_error, "/reason".to_owned()) required=true />
                                                    <button type="submit" class="btn btn-sm btn-danger">{tr(K::JoinDeclineConfirm)}</button>
                                                </form>
                                            }
                                        }
                                    </Show>
                                </div>
                            </li>
                        }
                    }
                </For>
            </ul>
        </section>
    }
}
