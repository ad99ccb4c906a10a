//! The employers of the agency's network, for staff: each with its sector, size, seat and what
//! it offers parents; the agency's admins add and change them (each change with the version it
//! was read at).

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{Employer, Municipality, Role};

use super::organisation::{Organisation, OrganisationFields};
use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page};
use crate::i18n::{K, code_label, fill, text, tr, use_locale};
use crate::session::use_session;

#[component]
pub fn Employers() -> impl IntoView {
    let session = use_session();
    let admin = Signal::derive(move || {
        session
            .me
            .with(|m| m.as_ref().is_some_and(|m| m.role == Role::Admin))
    });
    let locale = use_locale();
    let list = RwSignal::new(Vec::<Employer>::new());
    let municipalities = RwSignal::new(Vec::<Municipality>::new());
    let error = RwSignal::new(None::<ApiError>);
    let status = RwSignal::new(None::<String>);
    let load = move || {
        spawn_local(async move {
            match api::employers().await {
                Ok(page) => {
                    list.set(page.items);
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    load();
    spawn_local(async move {
        if let Ok(all) = api::municipalities().await {
            municipalities.set(all);
        }
    });
    let editing = RwSignal::new(None::<Option<Employer>>);
    let edited = move |saved: Option<Employer>| {
        editing.set(None);
        if let Some(e) = saved {
            status.set(Some(fill(
                text(locale.0.get_untracked(), K::ProvidersSaved),
                &[("name", &e.name)],
            )));
            load();
        }
    };
    let place = move |code: &str| {
        municipalities.with(|all| {
            all.iter()
                .find(|m| m.code == code)
                .map_or_else(|| code.to_owned(), |m| m.name.clone())
        })
    };
    view! {
        <Page title=K::EmployersTitle>
            <p>{tr(K::EmployersLead)}</p>
            <div aria-live="polite">
                {move || status.get().map(|s| view! { <div class="alert alert-success">{s}</div> })}
            </div>
            <ErrorSummary error=error />
            <Show when=move || admin.get() && editing.with(Option::is_none)>
                <button type="button" class="btn btn-primary mb-4" on:click=move |_| editing.set(Some(None))>
                    {tr(K::EmployersNew)}
                </button>
            </Show>
            {move || editing.get().map(|e| view! { <Editor employer=e municipalities=municipalities on_done=edited /> })}
            <Show when=move || admin.get()>
                <super::joining::JoinRequests changed=load />
            </Show>
            <h2 class="h4">{tr(K::EmployersNetwork)}</h2>
            <ul class="list-unstyled">
                <For each=move || list.get() key=|e| (e.id, e.version) let:e>
                    {
                        let heading_id = format!("employer-{}", e.id);
                        let described = heading_id.clone();
                        let code = e.municipality.clone();
                        let e2 = e.clone();
                        view! {
                            <li class="card mb-3">
                                <div class="card-body">
                                    <h2 class="h5 card-title text-break" id=heading_id>{e.name.clone()}</h2>
                                    <p class="mb-1">
                                        {code_label(e.size)} " · ATECO " {e.ateco.clone()} " · " {move || place(&code)}
                                    </p>
                                    <p class="mb-2 d-flex flex-wrap gap-1">
                                        {e.benefits.iter().map(|b| view! {
                                            <span class="badge bg-light text-dark border text-wrap text-start">{code_label(*b)}</span>
                                        }).collect_view()}
                                    </p>
                                    <Show when=move || admin.get()>
                                        <button type="button" class="btn btn-sm btn-outline-primary"
                                            aria-describedby=described.clone()
                                            on:click={ let e = e2.clone(); move |_| editing.set(Some(Some(e.clone()))) }>
                                            {tr(K::ContributionsEdit)}
                                        </button>
                                    </Show>
                                </div>
                            </li>
                        }
                    }
                </For>
            </ul>
        </Page>
    }
}

#[component]
fn Editor(
    employer: Option<Employer>,
    municipalities: RwSignal<Vec<Municipality>>,
    on_done: impl Fn(Option<Employer>) + Copy + 'static,
) -> impl IntoView {
    let e = employer.as_ref();
    let org = Organisation::new(e);
    let existing = e.map(|e| (e.id, e.version));
    let agency = e.map(|e| e.agency_id);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = org.input();
        busy.set(true);
        spawn_local(async move {
            let saved = match existing {
                Some((id, version)) => api::update_employer(id, version, &input).await,
                None => api::create_employer(&input).await,
            };
            busy.set(false);
            match saved {
                Ok(e) => on_done(Some(e)),
                Err(err) => error.set(Some(err)),
            }
        });
    };
    let session = use_session();
    // The seats to choose from: the agency's own territory.
    let ours = Signal::derive(move || {
        let mine = agency.or_else(|| session.me.with(|m| m.as_ref().map(|m| m.agency.id)));
        municipalities.with(|all| {
            all.iter()
                .filter(|m| mine.is_none_or(|a| m.agency_id == a))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="card mb-4" aria-labelledby="employer-editor">
            <form class="card-body" novalidate=true on:submit=submit>
                <h2 class="h4" id="employer-editor">
                    {tr(if existing.is_some() { K::EmployersEditTitle } else { K::EmployersNew })}
                </h2>
                <ErrorSummary error=error />
                <OrganisationFields org=org error=error prefix="" seats=ours />
                <div class="d-flex flex-wrap gap-2">
                    <button type="submit" class="btn btn-primary" disabled=move || busy.get()>{tr(K::SaveNow)}</button>
                    <button type="button" class="btn btn-outline-secondary" on:click=move |_| on_done(None)>{tr(K::Cancel)}</button>
                </div>
            </form>
        </section>
    }
}
