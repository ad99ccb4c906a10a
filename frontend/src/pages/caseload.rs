//! Counsellors: the agency's jobseekers (caseload) with filters, and one jobseeker's case:
//! her profile with the needs summary, the case status, the case notes and the change history.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared::{
    CaseNote, CaseStatus, CaseloadEntry, Code, Municipality, Profile, ProfileChange, UserId,
};

use crate::api::{self, ApiError, CaseloadQuery};
use crate::components::{
    ErrorSummary, Page, Voice, field_label, needs_list, profile_view, progress,
};
use crate::i18n::{K, code_label, tr, use_locale};
use crate::session::use_session;

/// A date in the reader's language, following a change of language.
fn date(d: chrono::DateTime<chrono::Utc>) -> impl Fn() -> String + use<> {
    let locale = use_locale();
    move || crate::components::date(d, locale.0.get())
}

#[component]
pub fn Caseload() -> impl IntoView {
    let session = use_session();
    let rows = RwSignal::new(Vec::<CaseloadEntry>::new());
    let next = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let loading = RwSignal::new(false);
    let query = RwSignal::new(CaseloadQuery::default());
    let municipalities = LocalResource::new(api::municipalities);
    let agency = move || session.me.with(|m| m.as_ref().map(|m| m.agency.id));
    let ours = Signal::derive(move || {
        let a = agency();
        municipalities
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|m: &Municipality| Some(m.agency_id) == a)
            .collect::<Vec<_>>()
    });

    let load = move |token: Option<String>| {
        loading.set(true);
        let q = query.get_untracked();
        spawn_local(async move {
            match api::caseload(&q, token.as_deref()).await {
                Ok(page) => {
                    if token.is_some() {
                        rows.update(|r| r.extend(page.items));
                    } else {
                        rows.set(page.items);
                    }
                    next.set(page.next_page_token);
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
            loading.set(false);
        });
    };
    load(None);
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        load(None);
    };
    let completeness_bands: [(&str, Option<u8>, Option<u8>, K); 4] = [
        ("", None, None, K::AnyCompleteness),
        ("0", None, Some(0), K::NotStarted),
        ("partial", Some(1), Some(99), K::InProgress),
        ("100", Some(100), None, K::Complete),
    ];

    view! {
        <Page title=K::CaseloadTitle>
            <form class="row g-3 align-items-end mb-4" on:submit=search role="search" aria-label=tr(K::CaseloadFilters)>
                <div class="col-12 col-md-4">
                    <label for="caseload-q" class="form-label">{tr(K::SearchByName)}</label>
                    <input id="caseload-q" type="search" class="form-control" autocomplete="off"
                        prop:value=move || query.with(|q| q.q.clone())
                        on:input=move |ev| query.update(|q| q.q = event_target_value(&ev)) />
                </div>
                <div class="col-6 col-md-3">
                    <label for="caseload-municipality" class="form-label">{tr(K::Municipality)}</label>
                    <select id="caseload-municipality" class="form-select"
                        on:change=move |ev| query.update(|q| q.municipality = event_target_value(&ev))>
                        <option value="">{tr(K::AnyMunicipality)}</option>
                        {move || ours.get().into_iter().map(|m| view! {
                            <option value=m.code.clone()>{m.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="col-6 col-md-2">
                    <label for="caseload-status" class="form-label">{tr(K::CaseStatus)}</label>
                    <select id="caseload-status" class="form-select"
                        on:change=move |ev| query.update(|q| q.status = CaseStatus::parse(&event_target_value(&ev)))>
                        <option value="">{tr(K::AnyStatus)}</option>
                        {CaseStatus::all().iter().map(|s| view! {
                            <option value=s.as_str()>{code_label(*s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="col-6 col-md-2">
                    <label for="caseload-completeness" class="form-label">{tr(K::Completeness)}</label>
                    <select id="caseload-completeness" class="form-select"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some((_, min, max, _)) = completeness_bands.iter().find(|b| b.0 == v) {
                                query.update(|q| { q.min_completeness = *min; q.max_completeness = *max; });
                            }
                        }>
                        {completeness_bands.iter().map(|(v, _, _, k)| view! { <option value=*v>{tr(*k)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="col-6 col-md-1">
                    <button type="submit" class="btn btn-primary w-100">{tr(K::Search)}</button>
                </div>
            </form>
            <ErrorSummary error=error />
            <div aria-live="polite" class="visually-hidden">
                {move || (!loading.get()).then(|| format!("{} {}", rows.with(Vec::len), crate::i18n::tr_now(K::Results)))}
            </div>
            <div tabindex="0" role="region" aria-label=tr(K::CaseloadTitle) class="table-responsive">
                <table class="table align-middle">
                    <caption class="visually-hidden">{tr(K::CaseloadTitle)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr(K::Name)}</th>
                            <th scope="col">{tr(K::Municipality)}</th>
                            <th scope="col">{tr(K::Completeness)}</th>
                            <th scope="col">{tr(K::CaseStatus)}</th>
                            <th scope="col">{tr(K::Registered)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=|r| r.user_id let:r>
                            <tr>
                                <th scope="row">
                                    <a href=format!("/staff/jobseekers/{}", r.user_id)>{r.name.clone()}</a>
                                    <div class="small text-muted">{r.email.clone()}</div>
                                </th>
                                <td>{r.municipality_name.clone().unwrap_or_else(|| "—".into())}</td>
                                <td>{r.completeness} "%"</td>
                                <td>{code_label(r.case_status)}</td>
                                <td>{date(r.registered_at)}</td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </div>
            <Show when=move || !loading.get() && rows.with(Vec::is_empty)>
                <p>{tr(K::NoResults)}</p>
            </Show>
            <Show when=move || next.with(Option::is_some)>
                <button type="button" class="btn btn-outline-primary" on:click=move |_| load(next.get_untracked())>
                    {tr(K::LoadMore)}
                </button>
            </Show>
        </Page>
    }
}

#[component]
pub fn CaseView() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params.with(|p| {
            p.get("id")
                .and_then(|s| uuid::Uuid::parse_str(&s).ok())
                .map(UserId)
        })
    };
    view! {
        {move || match id() {
            Some(id) => view! { <Case id=id /> }.into_any(),
            None => view! { <crate::components::NotFound /> }.into_any(),
        }}
    }
}

#[component]
fn Case(id: UserId) -> impl IntoView {
    let profile = RwSignal::new(None::<Profile>);
    let notes = RwSignal::new(Vec::<CaseNote>::new());
    let history = RwSignal::new(Vec::<ProfileChange>::new());
    let error = RwSignal::new(None::<ApiError>);
    // The needs are worded by the server: read the profile again when the language changes.
    let locale = use_locale();
    Effect::new(move |_| {
        locale.0.track();
        spawn_local(async move {
            match api::jobseeker_profile(id).await {
                Ok(p) => profile.set(Some(p)),
                Err(e) => error.set(Some(e)),
            }
        });
    });
    spawn_local(async move {
        if let Ok(n) = api::case_notes(id).await {
            notes.set(n.items);
        }
        if let Ok(h) = api::profile_changes(id).await {
            history.set(h.items);
        }
    });
    // Her saved services: looked at on purpose (each look is recorded).
    let shortlist = RwSignal::new(None::<Vec<shared::ShortlistItem>>);
    let show_shortlist = move |_| {
        spawn_local(async move {
            match api::staff_shortlist(id).await {
                Ok(items) => shortlist.set(Some(items)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let note = RwSignal::new(String::new());
    let note_error = RwSignal::new(None::<ApiError>);
    let add_note = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        spawn_local(async move {
            match api::add_case_note(id, &note.get_untracked()).await {
                Ok(n) => {
                    notes.update(|list| list.insert(0, n));
                    note.set(String::new());
                    note_error.set(None);
                }
                Err(e) => note_error.set(Some(e)),
            }
        });
    };
    let set_status = move |status: CaseStatus| {
        spawn_local(async move {
            match api::set_case_status(id, status).await {
                Ok(p) => profile.set(Some(p)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <Page title=K::CaseTitle>
            <p><a href="/staff/caseload">"← " {tr(K::CaseloadTitle)}</a></p>
            <ErrorSummary error=error />
            {move || profile.get().map(|p| {
                let status = p.case_status;
                view! {
                    <div class="row">
                        <div class="col-12 col-lg-8">
                            <p class="lead mb-1">{p.name.clone()}</p>
                            <p class="small mb-1">{tr(K::ProfileProgress)} ": " {p.completeness.percent} "%"</p>
                            {progress(p.completeness, format!("{}%", p.completeness.percent))}
                            <section class="my-4" aria-labelledby="case-needs">
                                <h2 class="h5 border-bottom pb-1" id="case-needs">{tr(K::NeedsTitle)}</h2>
                                {needs_list(p.needs.clone())}
                            </section>
                            {profile_view(p.clone(), Voice::Staff)}
                        </div>
                        <div class="col-12 col-lg-4">
                            <div class="mb-4">
                                <label for="case-status" class="form-label fw-semibold">{tr(K::CaseStatus)}</label>
                                <select id="case-status" class="form-select"
                                    on:change=move |ev| if let Some(s) = CaseStatus::parse(&event_target_value(&ev)) { set_status(s) }>
                                    {CaseStatus::all().iter().map(|s| {
                                        let s = *s;
                                        view! { <option value=s.as_str() selected=s == status>{code_label(s)}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                            <section class="mb-4" aria-labelledby="case-shortlist">
                                <h2 class="h5 border-bottom pb-1" id="case-shortlist">{tr(K::CaseShortlist)}</h2>
                                {move || match shortlist.get() {
                                    None => view! {
                                        <p class="small text-muted">{tr(K::CaseShortlistLead)}</p>
                                        <button type="button" class="btn btn-sm btn-outline-primary" on:click=show_shortlist>
                                            {tr(K::CaseShortlistShow)}
                                        </button>
                                    }.into_any(),
                                    Some(items) if items.is_empty() => view! {
                                        <p class="small">{tr(K::CaseShortlistEmpty)}</p>
                                    }.into_any(),
                                    Some(items) => view! {
                                        <ul class="list-unstyled small">
                                            {items.into_iter().map(|i| view! {
                                                <li class="mb-2">
                                                    <span class="fw-semibold">{i.service.name.clone()}</span>
                                                    <br />{code_label(i.service.category)} " · " {i.service.provider.name.clone()}
                                                    <br /><span class="text-muted">{date(i.saved_at)}</span>
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any(),
                                }}
                            </section>
                        </div>
                    </div>
                }
            })}
            <section class="mt-4" aria-labelledby="case-notes">
                <h2 class="h5 border-bottom pb-1" id="case-notes">{tr(K::CaseNotes)}</h2>
                <p class="small text-muted">{tr(K::CaseNotesLead)}</p>
                <ErrorSummary error=note_error />
                <form on:submit=add_note novalidate=true class="mb-3">
                    <label for="new-note" class="form-label">{tr(K::NewNote)}</label>
                    <textarea id="new-note" class="form-control mb-2" rows="3"
                        prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                    <button type="submit" class="btn btn-primary">{tr(K::AddNote)}</button>
                </form>
                <ul class="list-unstyled">
                    <For each=move || notes.get() key=|n| n.id let:n>
                        <li class="border-start border-3 ps-3 mb-3">
                            <p class="small text-muted mb-1">{n.author_name.clone()} " · " {date(n.created_at)}</p>
                            <p class="mb-0 text-prewrap">{n.body.clone()}</p>
                        </li>
                    </For>
                </ul>
            </section>
            <section class="mt-4" aria-labelledby="case-history">
                <h2 class="h5 border-bottom pb-1" id="case-history">{tr(K::ChangeHistory)}</h2>
                <ul class="list-unstyled small">
                    {move || history.get().into_iter().map(|c| view! {
                        <li class="mb-1">
                            {date(c.changed_at)} " · " {code_label(c.section)} " · " {tr(crate::i18n::role_label(c.changed_by_role))}
                            " · " {field_names(&c.fields)}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        </Page>
    }
}

/// The changed fields in the reader's language (a name this version does not know as stored).
fn field_names(fields: &[String]) -> impl Fn() -> String + use<> {
    let locale = use_locale();
    let fields = fields.to_vec();
    move || {
        let lang = locale.0.get();
        fields
            .iter()
            .map(|f| {
                field_label(f).map_or_else(|| f.clone(), |k| crate::i18n::text(lang, k).to_owned())
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}
