//! The agency's providers (HSDS `organization`) and their locations, for staff: each with its
//! kind and contacts; admins and curators add and change them (each change with the version it
//! was read at) and retire them; a location takes a municipality of the territory and its
//! coordinates.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{
    GeoPoint, Location, LocationInput, Municipality, Provider, ProviderInput, ProviderKind,
};

use super::form::{Choice, Field, Kind};
use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page, confirm, err_at};
use crate::i18n::{K, code_label, fill, text, tr, use_locale};

#[component]
pub fn Providers() -> impl IntoView {
    let curator = super::form::curator();
    let locale = use_locale();
    let providers = RwSignal::new(Vec::<Provider>::new());
    let municipalities = RwSignal::new(Vec::<Municipality>::new());
    let error = RwSignal::new(None::<ApiError>);
    let status = RwSignal::new(None::<String>);
    let load = move || {
        spawn_local(async move {
            match api::staff_providers().await {
                Ok(page) => {
                    providers.set(page.items);
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    load();
    spawn_local(async move {
        if let Ok(list) = api::municipalities().await {
            municipalities.set(list);
        }
    });
    // The provider being edited (`Some(None)`: a new one).
    let editing = RwSignal::new(None::<Option<Provider>>);
    let edited = move |saved: Option<Provider>| {
        editing.set(None);
        if let Some(p) = saved {
            status.set(Some(fill(
                text(locale.0.get_untracked(), K::ProvidersSaved),
                &[("name", &p.name)],
            )));
            load();
        }
    };
    let retire = move |p: Provider| {
        if !confirm(text(locale.0.get_untracked(), K::ProvidersRetireConfirm)) {
            return;
        }
        spawn_local(async move {
            match api::retire_provider(p.id).await {
                Ok(_) => load(),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <Page title=K::ProvidersTitle>
            <p><a href="/staff/catalogue">{tr(K::CatalogueBack)}</a></p>
            <p>{tr(K::ProvidersLead)}</p>
            <div aria-live="polite">
                {move || status.get().map(|s| view! { <div class="alert alert-success">{s}</div> })}
            </div>
            <ErrorSummary error=error />
            <Show when=move || curator.get() && editing.with(Option::is_none)>
                <button type="button" class="btn btn-primary mb-4" on:click=move |_| editing.set(Some(None))>
                    {tr(K::ProvidersNew)}
                </button>
            </Show>
            {move || editing.get().map(|p| view! { <ProviderEditor provider=p on_done=edited /> })}
            <ul class="list-unstyled">
                <For each=move || providers.get() key=|p| (p.id, p.version) let:p>
                    {
                        let heading_id = format!("provider-{}", p.id);
                        let described = heading_id.clone();
                        let open = RwSignal::new(false);
                        let (p1, p2) = (p.clone(), p.clone());
                        let id = p.id;
                        view! {
                            <li class="card mb-3">
                                <div class="card-body">
                                    <h2 class="h5 card-title text-break" id=heading_id.clone()>{p.name.clone()}</h2>
                                    <p class="mb-1"><span class="badge bg-secondary">{code_label(p.kind)}</span></p>
                                    <p class="mb-2 small text-break">
                                        {[p.email.clone(), p.phone.clone(), p.website.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ")}
                                    </p>
                                    <div class="d-flex flex-wrap gap-2">
                                        <button type="button" class="btn btn-sm btn-outline-primary"
                                            aria-expanded=move || open.get().to_string()
                                            aria-controls=format!("{heading_id}-places")
                                            aria-describedby=heading_id.clone()
                                            on:click=move |_| open.update(|o| *o = !*o)>
                                            {tr(K::ProvidersLocations)}
                                        </button>
                                        <Show when=move || curator.get()>
                                            <button type="button" class="btn btn-sm btn-outline-primary"
                                                aria-describedby=described.clone()
                                                on:click={ let p = p1.clone(); move |_| editing.set(Some(Some(p.clone()))) }>
                                                {tr(K::ContributionsEdit)}
                                            </button>
                                            <button type="button" class="btn btn-sm btn-outline-danger"
                                                aria-describedby=described.clone()
                                                on:click={ let p = p2.clone(); move |_| retire(p.clone()) }>
                                                {tr(K::ContributionsRetire)}
                                            </button>
                                        </Show>
                                    </div>
                                    <div id=format!("{heading_id}-places")>
                                        <Show when=move || open.get()>
                                            <Places provider=id municipalities=municipalities curator=curator />
                                        </Show>
                                    </div>
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
fn ProviderEditor(
    provider: Option<Provider>,
    on_done: impl Fn(Option<Provider>) + Copy + 'static,
) -> impl IntoView {
    let text = |f: fn(&Provider) -> Option<String>| {
        RwSignal::new(provider.as_ref().and_then(f).unwrap_or_default())
    };
    let name = text(|p| Some(p.name.clone()));
    let description = text(|p| p.description.clone());
    let email = text(|p| p.email.clone());
    let phone = text(|p| p.phone.clone());
    let website = text(|p| p.website.clone());
    let kind = RwSignal::new(
        provider
            .as_ref()
            .map_or(ProviderKind::ThirdSector, |p| p.kind),
    );
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let existing = provider.as_ref().map(|p| (p.id, p.version));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let some = |s: RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.trim().is_empty());
        let input = ProviderInput {
            name: name.get_untracked(),
            kind: kind.get_untracked(),
            description: some(description),
            email: some(email),
            phone: some(phone),
            website: some(website),
        };
        busy.set(true);
        spawn_local(async move {
            let saved = match existing {
                Some((id, version)) => api::update_provider(id, version, &input).await,
                None => api::create_provider(&input).await,
            };
            busy.set(false);
            match saved {
                Ok(p) => on_done(Some(p)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let at = move |p: &str| err_at(error, p.to_owned());
    view! {
        <section class="card mb-4" aria-labelledby="provider-editor">
            <form class="card-body" novalidate=true on:submit=submit>
                <h2 class="h4" id="provider-editor">
                    {tr(if existing.is_some() { K::ProvidersEditTitle } else { K::ProvidersNewTitle })}
                </h2>
                <ErrorSummary error=error />
                <Field id="p-name".into() label=K::ProvidersName value=name error=at("/name") required=true />
                <Choice id="p-kind" label=K::ProvidersKind value=kind error=at("/kind") />
                <Field id="p-description".into() label=K::ContributionsDescription kind=Kind::Area value=description error=at("/description") />
                <div class="row">
                    <div class="col-12 col-md-4"><Field id="p-email".into() label=K::ProvidersEmail kind=Kind::Email value=email error=at("/email") /></div>
                    <div class="col-12 col-md-4"><Field id="p-phone".into() label=K::ProvidersPhone kind=Kind::Tel value=phone error=at("/phone") /></div>
                    <div class="col-12 col-md-4"><Field id="p-website".into() label=K::ProvidersWebsite kind=Kind::Url value=website error=at("/website") /></div>
                </div>
                <div class="d-flex flex-wrap gap-2">
                    <button type="submit" class="btn btn-primary" disabled=move || busy.get()>{tr(K::SaveNow)}</button>
                    <button type="button" class="btn btn-outline-secondary" on:click=move |_| on_done(None)>{tr(K::Cancel)}</button>
                </div>
            </form>
        </section>
    }
}

/// A provider's locations: the live ones, each editable; a new one.
#[component]
fn Places(
    provider: uuid::Uuid,
    municipalities: RwSignal<Vec<Municipality>>,
    curator: Signal<bool>,
) -> impl IntoView {
    let places = RwSignal::new(Vec::<Location>::new());
    let error = RwSignal::new(None::<ApiError>);
    let locale = use_locale();
    let load = move || {
        spawn_local(async move {
            match api::provider_locations(provider).await {
                Ok(list) => places.set(
                    list.into_iter()
                        .filter(|l| l.retired_at.is_none())
                        .collect(),
                ),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    load();
    let editing = RwSignal::new(None::<Option<Location>>);
    let edited = move |saved: bool| {
        editing.set(None);
        if saved {
            load();
        }
    };
    let retire = move |id: uuid::Uuid| {
        if !confirm(text(
            locale.0.get_untracked(),
            K::ProvidersRetireLocationConfirm,
        )) {
            return;
        }
        spawn_local(async move {
            match api::retire_location(id).await {
                Ok(_) => load(),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <div class="mt-3">
            <ErrorSummary error=error />
            <ul class="list-group mb-2">
                <For each=move || places.get() key=|l| (l.id, l.version) let:l>
                    {
                        let l2 = l.clone();
                        let id = l.id;
                        view! {
                            <li class="list-group-item d-flex flex-wrap justify-content-between gap-2">
                                <span class="text-break">
                                    <strong>{l.name.clone()}</strong> " · " {l.address.clone()} ", " {l.municipality_name.clone()}
                                </span>
                                <Show when=move || curator.get()>
                                    <span class="d-flex flex-wrap gap-1">
                                        <button type="button" class="btn btn-sm btn-outline-primary"
                                            on:click={ let l = l2.clone(); move |_| editing.set(Some(Some(l.clone()))) }>
                                            {tr(K::ContributionsEdit)}
                                            <span class="visually-hidden">" " {l2.name.clone()}</span>
                                        </button>
                                        <button type="button" class="btn btn-sm btn-outline-danger" on:click=move |_| retire(id)>
                                            {tr(K::ContributionsRetire)}
                                            <span class="visually-hidden">" " {l2.name.clone()}</span>
                                        </button>
                                    </span>
                                </Show>
                            </li>
                        }
                    }
                </For>
            </ul>
            <Show when=move || curator.get() && editing.with(Option::is_none)>
                <button type="button" class="btn btn-sm btn-outline-primary" on:click=move |_| editing.set(Some(None))>
                    {tr(K::ProvidersNewLocation)}
                </button>
            </Show>
            {move || editing.get().map(|l| view! {
                <LocationEditor provider=provider location=l municipalities=municipalities on_done=edited />
            })}
        </div>
    }
}

#[component]
fn LocationEditor(
    provider: uuid::Uuid,
    location: Option<Location>,
    municipalities: RwSignal<Vec<Municipality>>,
    on_done: impl Fn(bool) + Copy + 'static,
) -> impl IntoView {
    let name = RwSignal::new(
        location
            .as_ref()
            .map(|l| l.name.clone())
            .unwrap_or_default(),
    );
    let address = RwSignal::new(
        location
            .as_ref()
            .map(|l| l.address.clone())
            .unwrap_or_default(),
    );
    let municipality = RwSignal::new(
        location
            .as_ref()
            .map(|l| l.municipality.clone())
            .unwrap_or_default(),
    );
    let lat = RwSignal::new(
        location
            .as_ref()
            .map(|l| l.point.lat.to_string())
            .unwrap_or_default(),
    );
    let lon = RwSignal::new(
        location
            .as_ref()
            .map(|l| l.point.lon.to_string())
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let existing = location.as_ref().map(|l| (l.id, l.version));
    // A municipality chosen: its seat as the point, until staff type the address's own.
    let choose = move |code: String| {
        if let Some(m) =
            municipalities.with_untracked(|all| all.iter().find(|m| m.code == code).cloned())
            && let Some(p) = m.location
            && lat.with_untracked(String::is_empty)
        {
            lat.set(p.lat.to_string());
            lon.set(p.lon.to_string());
        }
        municipality.set(code);
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Not a number: out of range on purpose, the server says why.
        let number = |s: RwSignal<String>| {
            s.get_untracked()
                .trim()
                .replace(',', ".")
                .parse::<f64>()
                .unwrap_or(f64::MAX)
        };
        let input = LocationInput {
            name: name.get_untracked(),
            address: address.get_untracked(),
            municipality: municipality.get_untracked(),
            point: GeoPoint {
                lat: number(lat),
                lon: number(lon),
            },
        };
        busy.set(true);
        spawn_local(async move {
            let saved = match existing {
                Some((id, version)) => api::update_location(id, version, &input).await.map(|_| ()),
                None => api::create_location(provider, &input).await.map(|_| ()),
            };
            busy.set(false);
            match saved {
                Ok(()) => on_done(true),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let at = move |p: &str| err_at(error, p.to_owned());
    let prefix = format!("l-{provider}");
    let municipality_error = at("/municipality");
    view! {
        <form class="border rounded p-3 mt-2" novalidate=true on:submit=submit>
            <h3 class="h6">{tr(if existing.is_some() { K::ProvidersEditLocation } else { K::ProvidersNewLocation })}</h3>
            <ErrorSummary error=error />
            <Field id=format!("{prefix}-name") label=K::ProvidersName value=name error=at("/name") required=true />
            <Field id=format!("{prefix}-address") label=K::ProvidersAddress value=address error=at("/address") required=true />
            <div class="mb-3">
                <label for=format!("{prefix}-municipality") class="form-label fw-semibold">{tr(K::ProvidersMunicipality)}</label>
                <select id=format!("{prefix}-municipality") class="form-select"
                    class:is-invalid=move || municipality_error.with(Option::is_some)
                    on:change=move |ev| choose(event_target_value(&ev))>
                    <option value="" selected=move || municipality.with(String::is_empty)>"—"</option>
                    {move || municipalities.get().into_iter().map(|m| {
                        let code = m.code.clone();
                        let selected = move || municipality.get() == code;
                        view! { <option value=m.code.clone() selected=selected>{m.name.clone()} " (" {m.province.clone()} ")"</option> }
                    }).collect_view()}
                </select>
                <Show when=move || municipality_error.with(Option::is_some)>
                    <div class="invalid-feedback d-block">{move || municipality_error.get()}</div>
                </Show>
            </div>
            <div class="row">
                <div class="col-6"><Field id=format!("{prefix}-lat") label=K::ProvidersLat value=lat error=at("/point/lat") required=true /></div>
                <div class="col-6"><Field id=format!("{prefix}-lon") label=K::ProvidersLon value=lon error=at("/point/lon") required=true /></div>
            </div>
            <div class="d-flex flex-wrap gap-2">
                <button type="submit" class="btn btn-sm btn-primary" disabled=move || busy.get()>{tr(K::SaveNow)}</button>
                <button type="button" class="btn btn-sm btn-outline-secondary" on:click=move |_| on_done(false)>{tr(K::Cancel)}</button>
            </div>
        </form>
    }
}
