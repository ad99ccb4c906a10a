//! A service of the catalogue, written by admins and curators: its provider and locations,
//! what it is and for whom, its weekly hours (several windows a day), dated closures and
//! periods, prices and places. Saved with the version it was read at; every field the server
//! refuses is named next to it.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use shared::{
    AgeRange, CostOption, CostUnit, ExceptionReason, Location, OpeningWindow, Places, Provider,
    Schedule, ScheduleException, Service, ServiceCategory, ServiceInput, TimeOfDay, Weekday,
};

use super::form::{Checks, Choice, Field, Kind, cents, euros};
use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page, err_at};
use crate::i18n::{K, code_label, fill, tr};

/// A row of the weekly grid.
#[derive(Clone, Copy)]
struct WindowRow {
    key: u32,
    day: RwSignal<Weekday>,
    opens: RwSignal<String>,
    closes: RwSignal<String>,
}

/// A dated exception: closed (or, when it came with hours, those hours are kept).
#[derive(Clone)]
struct ClosureRow {
    key: u32,
    from: RwSignal<String>,
    to: RwSignal<String>,
    reason: RwSignal<ExceptionReason>,
    windows: Vec<OpeningWindow>,
}

#[derive(Clone)]
struct CostRow {
    key: u32,
    unit: RwSignal<CostUnit>,
    amount: RwSignal<String>,
    note: Option<String>,
}

fn time(s: &str) -> TimeOfDay {
    TimeOfDay::parse(s).unwrap_or(TimeOfDay::MIDNIGHT)
}

/// The editor page: `/staff/catalogue/services/new` or `/staff/catalogue/services/:id`.
#[component]
pub fn ServiceEditor() -> impl IntoView {
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").and_then(|i| uuid::Uuid::parse_str(&i).ok()));
    // Just created: the page of the new service says it was saved.
    let just_saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    let loaded = RwSignal::new(None::<Option<Service>>);
    let providers = RwSignal::new(Vec::<Provider>::new());
    let error = RwSignal::new(None::<ApiError>);
    spawn_local(async move {
        match api::staff_providers().await {
            Ok(p) => providers.set(p.items),
            Err(e) => error.set(Some(e)),
        }
        match id {
            None => loaded.set(Some(None)),
            Some(id) => match api::staff_service(id).await {
                Ok(s) => loaded.set(Some(Some(s))),
                Err(e) => error.set(Some(e)),
            },
        }
    });
    let title = if id.is_some() {
        K::ServiceEditorEditTitle
    } else {
        K::ServiceEditorNewTitle
    };
    view! {
        <Page title=title>
            <p><a href="/staff/catalogue">{tr(K::CatalogueBack)}</a></p>
            <ErrorSummary error=error />
            {move || loaded.get().map(|s| view! { <Form service=s providers=providers just_saved=just_saved /> })}
        </Page>
    }
}

#[component]
fn Form(
    service: Option<Service>,
    providers: RwSignal<Vec<Provider>>,
    just_saved: bool,
) -> impl IntoView {
    let navigate = use_navigate();
    let s = service.as_ref();
    let text = |v: Option<String>| RwSignal::new(v.unwrap_or_default());
    let provider = text(s.map(|s| s.provider.id.to_string()));
    let name = text(s.map(|s| s.name.clone()));
    let description = text(s.and_then(|s| s.description.clone()));
    let category = RwSignal::new(s.map_or(ServiceCategory::PreAfterSchool, |s| s.category));
    let min_months = text(s.and_then(|s| s.ages.min_months).map(|m| m.to_string()));
    let max_months = text(s.and_then(|s| s.ages.max_months).map(|m| m.to_string()));
    let languages = text(Some(s.map_or("it".to_owned(), |s| s.languages.join(", "))));
    let accessibility = RwSignal::new(s.map(|s| s.accessibility.clone()).unwrap_or_default());
    let capacity = text(s.and_then(|s| s.capacity).map(|c| c.to_string()));
    let places = RwSignal::new(s.map_or(Places::Open, |s| s.places));
    let chosen = RwSignal::new(
        s.map(|s| {
            s.locations
                .iter()
                .filter(|l| l.retired_at.is_none())
                .map(|l| l.id)
                .collect::<Vec<_>>()
        })
        .unwrap_or_default(),
    );
    let next_key = StoredValue::new(0u32);
    let key = move || {
        next_key.update_value(|k| *k += 1);
        next_key.get_value()
    };
    let weekly = RwSignal::new(
        s.map(|s| s.schedule.weekly.clone())
            .unwrap_or_default()
            .into_iter()
            .map(|w| WindowRow {
                key: key(),
                day: RwSignal::new(w.day),
                opens: RwSignal::new(w.opens.to_string()),
                closes: RwSignal::new(w.closes.to_string()),
            })
            .collect::<Vec<_>>(),
    );
    let closures = RwSignal::new(
        s.map(|s| s.schedule.exceptions.clone())
            .unwrap_or_default()
            .into_iter()
            .map(|e| ClosureRow {
                key: key(),
                from: RwSignal::new(e.from.to_string()),
                to: RwSignal::new(e.to.to_string()),
                reason: RwSignal::new(e.reason),
                windows: e.windows,
            })
            .collect::<Vec<_>>(),
    );
    let costs = RwSignal::new(
        s.map(|s| s.costs.clone())
            .unwrap_or_default()
            .into_iter()
            .map(|c| CostRow {
                key: key(),
                unit: RwSignal::new(c.unit),
                amount: RwSignal::new(euros(c.amount_cents)),
                note: c.note,
            })
            .collect::<Vec<_>>(),
    );
    // The chosen provider's live locations.
    let locations = RwSignal::new(Vec::<Location>::new());
    Effect::new(move |_| {
        let Ok(p) = uuid::Uuid::parse_str(&provider.get()) else {
            locations.set(Vec::new());
            return;
        };
        spawn_local(async move {
            if let Ok(list) = api::provider_locations(p).await {
                locations.set(
                    list.into_iter()
                        .filter(|l| l.retired_at.is_none())
                        .collect(),
                );
            }
        });
    });
    let error = RwSignal::new(None::<ApiError>);
    let bad_amount = RwSignal::new(None::<usize>);
    let busy = RwSignal::new(false);
    let saved_note = RwSignal::new(just_saved);
    let existing = RwSignal::new(s.map(|s| (s.id, s.version)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut cost_list = Vec::new();
        for (i, c) in costs.get_untracked().iter().enumerate() {
            match cents(&c.amount.get_untracked()) {
                Ok(amount) => cost_list.push(CostOption {
                    unit: c.unit.get_untracked(),
                    amount_cents: amount.unwrap_or(0),
                    note: c.note.clone(),
                }),
                Err(()) => {
                    bad_amount.set(Some(i));
                    return;
                }
            }
        }
        bad_amount.set(None);
        let number = |s: RwSignal<String>| s.get_untracked().trim().parse::<u32>().ok();
        let date = |s: RwSignal<String>| {
            NaiveDate::parse_from_str(&s.get_untracked(), "%Y-%m-%d").unwrap_or(NaiveDate::MIN)
        };
        let input = ServiceInput {
            provider_id: uuid::Uuid::parse_str(&provider.get_untracked()).unwrap_or_default(),
            name: name.get_untracked(),
            description: Some(description.get_untracked()).filter(|d| !d.trim().is_empty()),
            category: category.get_untracked(),
            ages: AgeRange {
                min_months: number(min_months).and_then(|m| u16::try_from(m).ok()),
                max_months: number(max_months).and_then(|m| u16::try_from(m).ok()),
            },
            languages: languages
                .get_untracked()
                .split([',', ' '])
                .map(|l| l.trim().to_lowercase())
                .filter(|l| !l.is_empty())
                .collect(),
            accessibility: accessibility.get_untracked(),
            // Not a number: 0, out of range on purpose (the server says why).
            capacity: Some(capacity.get_untracked())
                .filter(|c| !c.trim().is_empty())
                .map(|c| c.trim().parse().unwrap_or(0)),
            places: places.get_untracked(),
            schedule: Schedule {
                weekly: weekly
                    .get_untracked()
                    .iter()
                    .map(|w| OpeningWindow {
                        day: w.day.get_untracked(),
                        opens: time(&w.opens.get_untracked()),
                        closes: time(&w.closes.get_untracked()),
                    })
                    .collect(),
                exceptions: closures
                    .get_untracked()
                    .iter()
                    .map(|c| ScheduleException {
                        from: date(c.from),
                        to: date(c.to),
                        reason: c.reason.get_untracked(),
                        windows: c.windows.clone(),
                    })
                    .collect(),
            },
            costs: cost_list,
            location_ids: chosen.get_untracked(),
        };
        busy.set(true);
        saved_note.set(false);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = match existing.get_untracked() {
                Some((id, version)) => api::update_service(id, version, &input).await,
                None => api::create_service(&input).await,
            };
            busy.set(false);
            match result {
                Ok(saved) => {
                    error.set(None);
                    let new = existing.get_untracked().is_none();
                    existing.set(Some((saved.id, saved.version)));
                    saved_note.set(true);
                    if new {
                        navigate(
                            &format!("/staff/catalogue/services/{}?saved=1", saved.id),
                            Default::default(),
                        );
                    }
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let at = move |p: String| err_at(error, p);
    let provider_error = at("/provider_id".into());
    let locations_error = at("/location_ids".into());
    view! {
        <form novalidate=true on:submit=submit>
            <ErrorSummary error=error />
            <div aria-live="polite">
                {move || saved_note.get().then(|| view! { <div class="alert alert-success">{tr(K::ServiceEditorSaved)}</div> })}
            </div>
            <div class="mb-3">
                <label for="s-provider" class="form-label fw-semibold">{tr(K::CatalogueProvider)}</label>
                <select id="s-provider" class="form-select" class:is-invalid=move || provider_error.with(Option::is_some)
                    on:change=move |ev| { provider.set(event_target_value(&ev)); chosen.set(Vec::new()); }>
                    <option value="" selected=move || provider.with(String::is_empty)>"—"</option>
                    {move || providers.get().into_iter().map(|p| {
                        let id = p.id.to_string();
                        let selected = { let id = id.clone(); move || provider.get() == id };
                        view! { <option value=id selected=selected>{p.name.clone()}</option> }
                    }).collect_view()}
                </select>
                <Show when=move || provider_error.with(Option::is_some)>
                    <div class="invalid-feedback d-block">{move || provider_error.get()}</div>
                </Show>
            </div>
            <Field id="s-name".into() label=K::CatalogueServiceName value=name error=at("/name".into()) required=true />
            <Field id="s-description".into() label=K::ContributionsDescription kind=Kind::Area value=description error=at("/description".into()) />
            <div class="row">
                <div class="col-12 col-md-6"><Choice id="s-category" label=K::ServiceEditorCategory value=category error=at("/category".into()) /></div>
                <div class="col-12 col-md-6"><Choice id="s-places" label=K::ServiceEditorPlaces value=places error=at("/places".into()) /></div>
                <div class="col-6 col-md-3"><Field id="s-min".into() label=K::ServiceEditorMinMonths kind=Kind::Number value=min_months error=at("/ages".into()) /></div>
                <div class="col-6 col-md-3"><Field id="s-max".into() label=K::ServiceEditorMaxMonths kind=Kind::Number value=max_months error=at("/ages".into()) /></div>
                <div class="col-12 col-md-3"><Field id="s-capacity".into() label=K::ServiceEditorCapacity kind=Kind::Number value=capacity error=at("/capacity".into()) /></div>
                <div class="col-12 col-md-3"><Field id="s-languages".into() label=K::ServiceEditorLanguages value=languages error=at("/languages".into()) hint=K::ServiceEditorLanguagesHint /></div>
            </div>
            <Checks id="s-access" legend=K::ServiceEditorAccessibility chosen=accessibility error=at("/accessibility".into()) />
            <fieldset class="mb-3">
                <legend class="form-label fw-semibold fs-6">{tr(K::ServiceEditorLocations)}</legend>
                {move || locations.with(Vec::is_empty).then(|| view! { <p class="small">{tr(K::ServiceEditorNoLocations)}</p> })}
                <For each=move || locations.get() key=|l| l.id let:l>
                    {
                        let id = l.id;
                        let box_id = format!("s-loc-{id}");
                        view! {
                            <div class="form-check">
                                <input class="form-check-input" type="checkbox" id=box_id.clone()
                                    prop:checked=move || chosen.with(|c| c.contains(&id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|c| { c.retain(|x| *x != id); if on { c.push(id); } });
                                    } />
                                <label class="form-check-label text-break" for=box_id>{l.name.clone()} " · " {l.address.clone()} ", " {l.municipality_name.clone()}</label>
                            </div>
                        }
                    }
                </For>
                <Show when=move || locations_error.with(Option::is_some)>
                    <div class="invalid-feedback d-block">{move || locations_error.get()}</div>
                </Show>
            </fieldset>

            <fieldset class="mb-3">
                <legend class="form-label fw-semibold fs-6">{tr(K::ServiceEditorWeekly)}</legend>
                <p class="form-text mt-0">{tr(K::ServiceEditorWeeklyHint)}</p>
                {move || at("/schedule/weekly".into()).get().map(|m| view! { <div class="invalid-feedback d-block">{m}</div> })}
                <For each={move || weekly.get().into_iter().enumerate().collect::<Vec<_>>()} key={|(i, w)| (*i, w.key)} let:item>
                    {
                        let (i, w) = item;
                        let row_error = at(format!("/schedule/weekly/{i}"));
                        let n = (i + 1).to_string();
                        let label = move |k: K| fill(tr(k)(), &[("n", &n)]);
                        let (l1, l2, l3, l4) = (label.clone(), label.clone(), label.clone(), label);
                        view! {
                            <div class="d-flex flex-wrap align-items-center gap-2 mb-2">
                                <label class="visually-hidden" for=format!("s-w{}-day", w.key)>{move || l1(K::ServiceEditorWindowDay)}</label>
                                <select id=format!("s-w{}-day", w.key) class="form-select w-auto"
                                    on:change=move |ev| if let Some(d) = Weekday::parse(&event_target_value(&ev)) { w.day.set(d) }>
                                    {Weekday::ALL.iter().map(|d| {
                                        let d = *d;
                                        view! { <option value=d.as_str() selected=move || w.day.get() == d>{code_label(d)}</option> }
                                    }).collect_view()}
                                </select>
                                <label class="visually-hidden" for=format!("s-w{}-opens", w.key)>{move || l2(K::ServiceEditorWindowOpens)}</label>
                                <input id=format!("s-w{}-opens", w.key) type="time" class="form-control w-auto" class:is-invalid=move || row_error.with(Option::is_some)
                                    prop:value=w.opens on:input=move |ev| w.opens.set(event_target_value(&ev)) />
                                <span aria-hidden="true">"–"</span>
                                <label class="visually-hidden" for=format!("s-w{}-closes", w.key)>{move || l3(K::ServiceEditorWindowCloses)}</label>
                                <input id=format!("s-w{}-closes", w.key) type="time" class="form-control w-auto" class:is-invalid=move || row_error.with(Option::is_some)
                                    prop:value=w.closes on:input=move |ev| w.closes.set(event_target_value(&ev)) />
                                <button type="button" class="btn btn-sm btn-outline-danger"
                                    on:click=move |_| weekly.update(|v| v.retain(|x| x.key != w.key))>
                                    {tr(K::ServiceEditorRemove)}<span class="visually-hidden">" " {move || l4(K::ServiceEditorWindowDay)}</span>
                                </button>
                                <Show when=move || row_error.with(Option::is_some)>
                                    <div class="invalid-feedback d-block w-100">{move || row_error.get()}</div>
                                </Show>
                            </div>
                        }
                    }
                </For>
                <button type="button" class="btn btn-sm btn-outline-primary"
                    on:click=move |_| {
                        let k = key();
                        weekly.update(|v| v.push(WindowRow {
                            key: k,
                            day: RwSignal::new(Weekday::Mon),
                            opens: RwSignal::new("08:00".into()),
                            closes: RwSignal::new("12:00".into()),
                        }));
                    }>
                    {tr(K::ServiceEditorAddWindow)}
                </button>
            </fieldset>

            <fieldset class="mb-3">
                <legend class="form-label fw-semibold fs-6">{tr(K::ServiceEditorClosures)}</legend>
                <For each={move || closures.get().into_iter().enumerate().collect::<Vec<_>>()} key={|(i, c)| (*i, c.key)} let:item>
                    {
                        let (i, c) = item;
                        let row_error = at(format!("/schedule/exceptions/{i}"));
                        let reduced = !c.windows.is_empty();
                        let (from, to, reason, k) = (c.from, c.to, c.reason, c.key);
                        view! {
                            <div class="d-flex flex-wrap align-items-end gap-2 mb-2">
                                <div>
                                    <label class="form-label small mb-0" for=format!("s-c{k}-from")>{tr(K::ServiceEditorFrom)}</label>
                                    <input id=format!("s-c{k}-from") type="date" class="form-control" prop:value=from on:input=move |ev| from.set(event_target_value(&ev)) />
                                </div>
                                <div>
                                    <label class="form-label small mb-0" for=format!("s-c{k}-to")>{tr(K::ServiceEditorTo)}</label>
                                    <input id=format!("s-c{k}-to") type="date" class="form-control" prop:value=to on:input=move |ev| to.set(event_target_value(&ev)) />
                                </div>
                                <div>
                                    <label class="form-label small mb-0" for=format!("s-c{k}-reason")>{tr(K::ServiceEditorReason)}</label>
                                    <select id=format!("s-c{k}-reason") class="form-select"
                                        on:change=move |ev| if let Some(r) = ExceptionReason::parse(&event_target_value(&ev)) { reason.set(r) }>
                                        {ExceptionReason::ALL.iter().map(|r| {
                                            let r = *r;
                                            view! { <option value=r.as_str() selected=move || reason.get() == r>{code_label(r)}</option> }
                                        }).collect_view()}
                                    </select>
                                </div>
                                {reduced.then(|| view! { <span class="badge bg-info text-dark">{tr(K::ServiceEditorReducedHours)}</span> })}
                                <button type="button" class="btn btn-sm btn-outline-danger"
                                    on:click=move |_| closures.update(|v| v.retain(|x| x.key != k))>
                                    {tr(K::ServiceEditorRemove)}
                                </button>
                                <Show when=move || row_error.with(Option::is_some)>
                                    <div class="invalid-feedback d-block w-100">{move || row_error.get()}</div>
                                </Show>
                            </div>
                        }
                    }
                </For>
                <button type="button" class="btn btn-sm btn-outline-primary"
                    on:click=move |_| {
                        let k = key();
                        closures.update(|v| v.push(ClosureRow {
                            key: k,
                            from: RwSignal::new(String::new()),
                            to: RwSignal::new(String::new()),
                            reason: RwSignal::new(ExceptionReason::SchoolClosure),
                            windows: Vec::new(),
                        }));
                    }>
                    {tr(K::ServiceEditorAddClosure)}
                </button>
            </fieldset>

            <fieldset class="mb-4">
                <legend class="form-label fw-semibold fs-6">{tr(K::ServiceEditorCosts)}</legend>
                <For each={move || costs.get().into_iter().enumerate().collect::<Vec<_>>()} key={|(i, c)| (*i, c.key)} let:item>
                    {
                        let (i, c) = item;
                        let server_error = at(format!("/costs/{i}/amount_cents"));
                        let row_error = Signal::derive(move || {
                            (bad_amount.get() == Some(i))
                                .then(|| tr(K::ContributionsCeilingInvalid)().to_owned())
                                .or_else(|| server_error.get())
                        });
                        let (unit, amount, k) = (c.unit, c.amount, c.key);
                        view! {
                            <div class="d-flex flex-wrap align-items-end gap-2 mb-2">
                                <div>
                                    <label class="form-label small mb-0" for=format!("s-p{k}-amount")>{tr(K::ServiceEditorAmount)}</label>
                                    <input id=format!("s-p{k}-amount") class="form-control" inputmode="decimal" class:is-invalid=move || row_error.with(Option::is_some)
                                        prop:value=amount on:input=move |ev| amount.set(event_target_value(&ev)) />
                                </div>
                                <div>
                                    <label class="form-label small mb-0" for=format!("s-p{k}-unit")>{tr(K::ServiceEditorUnit)}</label>
                                    <select id=format!("s-p{k}-unit") class="form-select"
                                        on:change=move |ev| if let Some(u) = CostUnit::parse(&event_target_value(&ev)) { unit.set(u) }>
                                        {CostUnit::ALL.iter().map(|u| {
                                            let u = *u;
                                            view! { <option value=u.as_str() selected=move || unit.get() == u>{code_label(u)}</option> }
                                        }).collect_view()}
                                    </select>
                                </div>
                                <button type="button" class="btn btn-sm btn-outline-danger"
                                    on:click=move |_| costs.update(|v| v.retain(|x| x.key != k))>
                                    {tr(K::ServiceEditorRemove)}
                                </button>
                                <Show when=move || row_error.with(Option::is_some)>
                                    <div class="invalid-feedback d-block w-100">{move || row_error.get()}</div>
                                </Show>
                            </div>
                        }
                    }
                </For>
                <button type="button" class="btn btn-sm btn-outline-primary"
                    on:click=move |_| {
                        let k = key();
                        costs.update(|v| v.push(CostRow { key: k, unit: RwSignal::new(CostUnit::Month), amount: RwSignal::new(String::new()), note: None }));
                    }>
                    {tr(K::ServiceEditorAddCost)}
                </button>
            </fieldset>
            <button type="submit" class="btn btn-primary" disabled=move || busy.get()>{tr(K::SaveNow)}</button>
        </form>
    }
}
