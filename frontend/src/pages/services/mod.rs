//! "Servizi vicino a me": her services ranked with the reasons (her hours covered and left
//! open, distance, the ages taken, the cost a month before and after contributions, places),
//! filters, her shortlist and contacts, and what she declares for contributions; and her week
//! (`week.rs`).

pub(crate) mod labels;
mod week;

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{
    Code, Declaration, EmploymentStatus, HoursSource, IcefBand, IseeBand, Language, Matches,
    ProviderBrief, ServiceCategory, ServiceMatch, ShortlistItem, Slot, Weekday,
};
use uuid::Uuid;

use crate::api::{self, ApiError, MatchQuery};
use crate::components::{ErrorSummary, Page};
use crate::i18n::{K, code_label, tr, use_locale};

use labels::{hours, km, money, slot_label};
pub use week::WeekPage;

#[component]
pub fn ServicesPage() -> impl IntoView {
    let query = RwSignal::new(MatchQuery::default());
    let matches = RwSignal::new(None::<Matches>);
    let error = RwSignal::new(None::<ApiError>);
    let loading = RwSignal::new(false);
    let shortlist = RwSignal::new(Vec::<ShortlistItem>::new());
    let load = move |token: Option<String>| {
        loading.set(true);
        let q = query.get_untracked();
        spawn_local(async move {
            match api::my_matches(&q, token.as_deref()).await {
                Ok(m) => {
                    if token.is_some() {
                        matches.update(|old| {
                            if let Some(old) = old {
                                old.items.extend(m.items);
                                old.next_page_token = m.next_page_token;
                            }
                        });
                    } else {
                        matches.set(Some(m));
                    }
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
            loading.set(false);
        });
    };
    load(None);
    spawn_local(async move {
        if let Ok(list) = api::my_shortlist().await {
            shortlist.set(list);
        }
    });
    let saved = Signal::derive(move || {
        shortlist.with(|l| l.iter().map(|i| i.service.id).collect::<Vec<Uuid>>())
    });

    view! {
        <Page title=K::ServicesTitle>
            <p class="lead">{tr(K::ServicesLead)}</p>
            <p><a href="/week" class="btn btn-outline-primary">{tr(K::ServicesToWeek)}</a></p>
            <Filters query=query on_search=move || load(None) />
            <ErrorSummary error=error />
            {move || matches.get().map(|m| view! { <Basis m=m.clone() /> })}
            <h2 class="h4 mt-4" id="matches-title">{tr(K::ServicesResults)}</h2>
            <div aria-live="polite" aria-busy=move || loading.get().to_string()>
                {move || matches.get().map(|m| {
                    if m.items.is_empty() {
                        view! { <p>{tr(K::ServicesNone)}</p> }.into_any()
                    } else {
                        view! {
                            <ol class="list-unstyled" aria-labelledby="matches-title">
                                {m.items.into_iter().map(|item| view! {
                                    <li class="mb-3"><MatchCard item=item saved=saved shortlist=shortlist error=error /></li>
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }
                })}
            </div>
            {move || matches.get().and_then(|m| m.next_page_token).map(|t| view! {
                <button type="button" class="btn btn-outline-secondary" on:click=move |_| load(Some(t.clone()))>
                    {tr(K::LoadMore)}
                </button>
            })}
            <Shortlist shortlist=shortlist error=error />
            <DeclarationBox on_change=move || load(None) />
        </Page>
    }
}

/// What the ranking measured against: her hours, her categories, her place.
#[component]
fn Basis(m: Matches) -> impl IntoView {
    let locale = use_locale();
    let source = match m.hours_from {
        HoursSource::Week => K::ServicesFromWeek,
        HoursSource::Availability => K::ServicesFromAvailability,
        HoursSource::Asked => K::ServicesFromAsked,
        HoursSource::None => K::ServicesFromNone,
    };
    let needed: u32 = m.hours.iter().map(Slot::minutes).sum();
    view! {
        <p class="text-body-secondary">
            {tr(source)}
            {(needed > 0).then(|| view! { " (" {hours(needed)} " " {tr(K::ServicesAWeek)} ")" })}
            ". " {tr(K::ServicesWithin)} " " {move || km(m.radius_km, locale.0.get())} "."
        </p>
    }
}

#[component]
fn Filters(query: RwSignal<MatchQuery>, on_search: impl Fn() + Copy + 'static) -> impl IntoView {
    let category = RwSignal::new(String::new());
    let radius = RwSignal::new("15".to_owned());
    let day = RwSignal::new(String::new());
    let from = RwSignal::new("16:00".to_owned());
    let to = RwSignal::new("18:00".to_owned());
    let max_cost = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = day.get_untracked();
        query.set(MatchQuery {
            category: ServiceCategory::parse(&category.get_untracked()),
            radius_km: radius.get_untracked().parse().ok(),
            open_at: (!d.is_empty())
                .then(|| format!("{d}@{}-{}", from.get_untracked(), to.get_untracked())),
            max_cost_euros: max_cost.get_untracked().trim().parse().ok(),
            hours: None,
        });
        on_search();
    };
    view! {
        <form class="row g-3 align-items-end mb-3" on:submit=submit role="search" aria-label=tr(K::ServicesFilters)>
            <div class="col-12 col-md-4">
                <label for="f-category" class="form-label">{tr(K::ServicesCategory)}</label>
                <select id="f-category" class="form-select" on:change=move |ev| category.set(event_target_value(&ev))>
                    <option value="">{tr(K::ServicesAllMine)}</option>
                    {ServiceCategory::ALL.iter().map(|c| view! {
                        <option value=c.as_str()>{code_label(*c)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="col-6 col-md-2">
                <label for="f-radius" class="form-label">{tr(K::ServicesDistance)}</label>
                <select id="f-radius" class="form-select" on:change=move |ev| radius.set(event_target_value(&ev))>
                    {[2, 5, 10, 15, 25, 50].into_iter().map(|r| view! {
                        <option value=r.to_string() selected=r == 15>{format!("{r} km")}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="col-6 col-md-2">
                <label for="f-cost" class="form-label">{tr(K::ServicesMaxCost)}</label>
                <input id="f-cost" class="form-control" type="number" min="0" max="10000" inputmode="numeric"
                    prop:value=max_cost on:input=move |ev| max_cost.set(event_target_value(&ev)) />
            </div>
            <fieldset class="col-12 col-md-4">
                <legend class="form-label fs-6">{tr(K::ServicesOpenAt)}</legend>
                <div class="d-flex flex-wrap gap-2">
                    <label class="visually-hidden" for="f-day">{tr(K::ServicesDay)}</label>
                    <select id="f-day" class="form-select w-auto" on:change=move |ev| day.set(event_target_value(&ev))>
                        <option value="">{tr(K::ServicesAnyDay)}</option>
                        {Weekday::ALL.iter().map(|d| view! { <option value=d.as_str()>{code_label(*d)}</option> }).collect_view()}
                    </select>
                    <label class="visually-hidden" for="f-from">{tr(K::ServicesFrom)}</label>
                    <input id="f-from" class="form-control w-auto" type="time" prop:value=from on:input=move |ev| from.set(event_target_value(&ev)) />
                    <label class="visually-hidden" for="f-to">{tr(K::ServicesTo)}</label>
                    <input id="f-to" class="form-control w-auto" type="time" prop:value=to on:input=move |ev| to.set(event_target_value(&ev)) />
                </div>
            </fieldset>
            <div class="col-12">
                <button type="submit" class="btn btn-primary">{tr(K::ServicesSearch)}</button>
            </div>
        </form>
    }
}

#[component]
fn MatchCard(
    item: ServiceMatch,
    saved: Signal<Vec<Uuid>>,
    shortlist: RwSignal<Vec<ShortlistItem>>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let locale = use_locale();
    let id = item.service.id;
    let heading = format!("svc-{id}");
    let labelled_by = heading.clone();
    let why = item.why.clone();
    let contact = RwSignal::new(None::<ProviderBrief>);
    let is_saved = move || saved.get().contains(&id);
    let toggle = move |_| {
        let on = is_saved();
        spawn_local(async move {
            let result = if on {
                api::unsave_service(id).await.map(|()| {
                    shortlist.update(|l| l.retain(|i| i.service.id != id));
                })
            } else {
                api::save_service(id).await.map(|list| shortlist.set(list))
            };
            if let Err(e) = result {
                error.set(Some(e));
            }
        });
    };
    let ask_contact = move |_| {
        spawn_local(async move {
            match api::contact_service(id).await {
                Ok(b) => contact.set(Some(b)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let place = item
        .service
        .locations
        .first()
        .map(|l| format!("{}, {}", l.address, l.municipality_name))
        .unwrap_or_default();
    let covered = why.covered.clone();
    let uncovered = why.uncovered.clone();
    let contributions = item.contributions.clone();
    view! {
        <article class="card border shadow-sm" aria-labelledby=labelled_by>
            <div class="card-body">
                <h3 class="h5 card-title" id=heading>{item.service.name.clone()}</h3>
                <p class="card-subtitle mb-2 text-body-secondary">
                    {code_label(item.service.category)} " · " {item.service.provider.name.clone()}
                </p>
                <p class="mb-2">{place}
                    {why.distance_km.map(|d| view! { " · " {tr(K::ServicesAt)} " " {move || km(d, locale.0.get())} })}
                </p>
                <ul class="mb-2 ps-3">
                    {(why.needed_minutes > 0).then(|| view! {
                        <li>
                            {tr(K::ServicesCovers)} " " {hours(why.covered_minutes)} " " {tr(K::ServicesOf)} " " {hours(why.needed_minutes)}
                            {(!covered.is_empty()).then(|| {
                                let c = covered.clone();
                                view! { ": " {move || c.iter().map(|s| slot_label(s, locale.0.get())).collect::<Vec<_>>().join(", ")} }
                            })}
                        </li>
                    })}
                    {(!uncovered.is_empty()).then(|| {
                        let u = uncovered.clone();
                        view! { <li>{tr(K::ServicesLeavesOpen)} " " {move || u.iter().map(|s| slot_label(s, locale.0.get())).collect::<Vec<_>>().join(", ")}</li> }
                    })}
                    {(!why.serves_child_ages.is_empty()).then(|| view! {
                        <li>{tr(K::ServicesTakes)} " " {why.serves_child_ages.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")} " " {tr(K::ServicesYears)}</li>
                    })}
                    {match why.monthly_cost {
                        Some(c) => view! {
                            <li>
                                {tr(K::ServicesCostMonth)} " " {move || money(c.before_cents, locale.0.get())}
                                {(c.after_cents < c.before_cents).then(|| view! {
                                    "; " {tr(K::ServicesAfterContributions)} " " <strong>{move || money(c.after_cents, locale.0.get())}</strong>
                                })}
                                {(c.after_conditional_cents < c.after_cents).then(|| view! {
                                    "; " {tr(K::ServicesCouldBe)} " " {move || money(c.after_conditional_cents, locale.0.get())}
                                })}
                            </li>
                        }.into_any(),
                        None => view! { <li>{tr(K::ServicesNoPrice)}</li> }.into_any(),
                    }}
                    <li>{code_label(why.places)}
                        {item.service.capacity.map(|c| view! { " · " {tr(K::ServicesCapacity)} " " {c} })}
                    </li>
                </ul>
                {(!contributions.is_empty()).then(|| view! {
                    <details class="mb-2">
                        <summary>{tr(K::ServicesContributions)}</summary>
                        <ul class="ps-3 mb-0">
                            {contributions.iter().map(|f| {
                                let name = f.name.clone();
                                let conditions = f.eligibility.conditions.clone();
                                let reasons = f.eligibility.reasons.clone();
                                let eligible = f.eligibility.eligible;
                                view! {
                                    <li>
                                        {move || if locale.0.get() == Language::It { name.it.clone() } else { name.en.clone() }}
                                        ": "
                                        {if eligible { tr(K::ServicesEligible)().to_owned() } else { String::new() }}
                                        {conditions.iter().map(|c| view! { {code_label(*c)} ". " }).collect_view()}
                                        {reasons.iter().map(|r| view! { {code_label(*r)} ". " }).collect_view()}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </details>
                })}
                <div class="d-flex flex-wrap gap-2">
                    <button type="button" class="btn btn-outline-primary" aria-pressed=move || is_saved().to_string() on:click=toggle>
                        {move || if is_saved() { tr(K::ServicesSaved)() } else { tr(K::ServicesSave)() }}
                    </button>
                    <button type="button" class="btn btn-outline-secondary" on:click=ask_contact>{tr(K::ServicesContact)}</button>
                </div>
                {move || contact.get().map(|b| view! {
                    <ul class="list-unstyled mt-2 mb-0" aria-live="polite">
                        {b.phone.clone().map(|p| view! { <li>{tr(K::ServicesPhone)} " " <a href=format!("tel:{}", p.replace(' ', ""))>{p.clone()}</a></li> })}
                        {b.email.clone().map(|e| view! { <li>{tr(K::ServicesEmail)} " " <a href=format!("mailto:{e}")>{e.clone()}</a></li> })}
                        {b.website.clone().map(|w| view! { <li><a href=w.clone() rel="noopener" target="_blank">{tr(K::ServicesWebsite)}</a></li> })}
                    </ul>
                })}
            </div>
        </article>
    }
}

#[component]
fn Shortlist(
    shortlist: RwSignal<Vec<ShortlistItem>>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    view! {
        <section class="mt-5" aria-labelledby="shortlist-title">
            <h2 class="h4" id="shortlist-title">{tr(K::ServicesShortlist)}</h2>
            {move || {
                let list = shortlist.get();
                if list.is_empty() {
                    view! { <p>{tr(K::ServicesShortlistEmpty)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="list-group">
                            {list.into_iter().map(|i| {
                                let id = i.service.id;
                                let remove = move |_| spawn_local(async move {
                                    match api::unsave_service(id).await {
                                        Ok(()) => shortlist.update(|l| l.retain(|x| x.service.id != id)),
                                        Err(e) => error.set(Some(e)),
                                    }
                                });
                                view! {
                                    <li class="list-group-item d-flex flex-wrap justify-content-between align-items-center gap-2">
                                        <span>{i.service.name.clone()} " · " {code_label(i.service.category)}</span>
                                        <button type="button" class="btn btn-sm btn-outline-danger" on:click=remove>
                                            {tr(K::ServicesRemove)} <span class="visually-hidden">{" "}{i.service.name.clone()}</span>
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}

fn code_or_empty<T: Code>(c: Option<T>) -> String {
    c.map(|c| c.code().to_owned()).unwrap_or_default()
}

/// Her bands for contributions: optional, hers to change and remove.
#[component]
fn DeclarationBox(on_change: impl Fn() + Copy + 'static) -> impl IntoView {
    let isee = RwSignal::new(String::new());
    let icef = RwSignal::new(String::new());
    let work = RwSignal::new(String::new());
    let status = RwSignal::new(None::<K>);
    let error = RwSignal::new(None::<ApiError>);
    spawn_local(async move {
        if let Ok(d) = api::my_declaration().await {
            isee.set(code_or_empty(d.isee_band));
            icef.set(code_or_empty(d.icef_band));
            work.set(code_or_empty(d.employment_status));
        }
    });
    let send = move |d: Declaration| {
        spawn_local(async move {
            match api::declare(&d).await {
                Ok(_) => {
                    status.set(Some(K::ServicesDeclarationSaved));
                    error.set(None);
                    on_change();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send(Declaration {
            isee_band: IseeBand::parse(&isee.get_untracked()),
            icef_band: IcefBand::parse(&icef.get_untracked()),
            employment_status: EmploymentStatus::parse(&work.get_untracked()),
        });
    };
    let clear = move |_| {
        isee.set(String::new());
        icef.set(String::new());
        work.set(String::new());
        send(Declaration::default());
    };
    fn choice<T: Code>(id: &'static str, label: K, value: RwSignal<String>) -> impl IntoView {
        view! {
            <div class="col-12 col-md-4">
                <label for=id class="form-label">{tr(label)}</label>
                <select id=id class="form-select" on:change=move |ev| value.set(event_target_value(&ev))>
                    <option value="" selected=move || value.get().is_empty()>{tr(K::ServicesNotSaid)}</option>
                    {T::all().iter().map(|c| {
                        let code = c.code();
                        view! { <option value=code selected=move || value.get() == code>{code_label(*c)}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    }
    view! {
        <section class="mt-5" aria-labelledby="declaration-title">
            <h2 class="h4" id="declaration-title">{tr(K::ServicesDeclaration)}</h2>
            <p>{tr(K::ServicesDeclarationLead)}</p>
            <ErrorSummary error=error />
            <form class="row g-3 align-items-end" on:submit=submit>
                {choice::<IseeBand>("d-isee", K::ServicesIsee, isee)}
                {choice::<IcefBand>("d-icef", K::ServicesIcef, icef)}
                {choice::<EmploymentStatus>("d-work", K::ServicesWork, work)}
                <div class="col-12 d-flex flex-wrap gap-2">
                    <button type="submit" class="btn btn-primary">{tr(K::ServicesDeclarationSave)}</button>
                    <button type="button" class="btn btn-outline-danger" on:click=clear>{tr(K::ServicesDeclarationRemove)}</button>
                </div>
            </form>
            <p role="status" class="mt-2">{move || status.get().map(|k| tr(k)())}</p>
        </section>
    }
}
