//! An opportunity as a counsellor writes it for an employer: the contract (with a
//! traineeship's stipend and a duration), the hours (days and one time window, the usual
//! shape; the API takes any windows), the place, the competences asked at a level, the dates
//! and places. Each refused field is named beside it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{
    ContractType, Employer, Level, LocalizedText, Municipality, OpeningWindow, Opportunity,
    OpportunityInput, Sought, TimeOfDay, Weekday, WorkMode,
};

use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, err_at};
use crate::i18n::{K, code_label, tr, use_locale};
use crate::pages::assessment::labels::level_key;
use crate::pages::catalogue::form::{Choice, Field, Kind, cents, euros};
use crate::session::use_session;

const LEVELS: [Level; 4] = [
    Level::Emerging,
    Level::Developing,
    Level::Established,
    Level::Strong,
];

fn level_code(l: Level) -> &'static str {
    match l {
        Level::Emerging => "emerging",
        Level::Developing => "developing",
        Level::Established => "established",
        Level::Strong => "strong",
    }
}

#[component]
pub fn Editor(
    opportunity: Option<Opportunity>,
    on_done: impl Fn(Option<Opportunity>) + Copy + 'static,
) -> impl IntoView {
    let o = opportunity.as_ref();
    let employer = RwSignal::new(o.map(|o| o.employer_id.to_string()).unwrap_or_default());
    let title = RwSignal::new(o.map(|o| o.title.clone()).unwrap_or_default());
    let description = RwSignal::new(o.map(|o| o.description.clone()).unwrap_or_default());
    let contract = RwSignal::new(o.map_or(ContractType::Traineeship, |o| o.contract));
    let stipend = RwSignal::new(
        o.and_then(|o| o.stipend_cents_per_month)
            .map(euros)
            .unwrap_or_default(),
    );
    let months = RwSignal::new(
        o.and_then(|o| o.duration_months)
            .map(|m| m.to_string())
            .unwrap_or_default(),
    );
    let weekly = RwSignal::new(o.map_or("20".to_owned(), |o| o.weekly_hours.to_string()));
    let first = o.and_then(|o| o.hours.first().copied());
    let days = RwSignal::new(o.map_or_else(
        || Weekday::ALL[..5].to_vec(),
        |o| o.hours.iter().map(|w| w.day).collect(),
    ));
    let from = RwSignal::new(first.map_or("09:00".to_owned(), |w| w.opens.to_string()));
    let to = RwSignal::new(first.map_or("13:00".to_owned(), |w| w.closes.to_string()));
    let municipality = RwSignal::new(o.map(|o| o.municipality.clone()).unwrap_or_default());
    let mode = RwSignal::new(o.map_or(WorkMode::OnSite, |o| o.mode));
    let sought = RwSignal::new(o.map(|o| o.sought.clone()).unwrap_or_default());
    let languages = RwSignal::new(o.map_or("it".to_owned(), |o| o.languages.join(", ")));
    let closes = RwSignal::new(o.map(|o| o.closes_on.to_string()).unwrap_or_default());
    let starts = RwSignal::new(
        o.and_then(|o| o.start_on)
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    let places = RwSignal::new(o.map_or("1".to_owned(), |o| o.places.to_string()));
    let existing = o.map(|o| (o.id, o.version));
    let error = RwSignal::new(None::<ApiError>);
    let local_error = RwSignal::new(None::<(String, K)>);
    let busy = RwSignal::new(false);
    let employers = RwSignal::new(Vec::<Employer>::new());
    let municipalities = RwSignal::new(Vec::<Municipality>::new());
    let competences = RwSignal::new(Vec::<(String, LocalizedText)>::new());
    spawn_local(async move {
        if let Ok(p) = api::employers().await {
            employers.set(p.items);
        }
        if let Ok(all) = api::municipalities().await {
            municipalities.set(all);
        }
        if let Ok(f) = api::framework().await {
            competences.set(
                f.competences
                    .into_iter()
                    .map(|c| (c.code, c.name))
                    .collect(),
            );
        }
    });
    let session = use_session();
    let ours = move || {
        let mine = session.me.with(|m| m.as_ref().map(|m| m.agency.id));
        municipalities.with(|all| {
            all.iter()
                .filter(|m| mine.is_none_or(|a| m.agency_id == a))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        local_error.set(None);
        let Ok(stipend_cents) = cents(&stipend.get_untracked()) else {
            local_error.set(Some((
                "/stipend_cents_per_month".into(),
                K::PostEuroInvalid,
            )));
            return;
        };
        let (Some(opens), Some(closes_at)) = (
            TimeOfDay::parse(&from.get_untracked()),
            TimeOfDay::parse(&to.get_untracked()),
        ) else {
            local_error.set(Some(("/hours".into(), K::PostTimeInvalid)));
            return;
        };
        let employer_id = uuid::Uuid::parse_str(&employer.get_untracked()).unwrap_or_default();
        let input = OpportunityInput {
            employer_id,
            title: title.get_untracked(),
            description: description.get_untracked(),
            contract: contract.get_untracked(),
            stipend_cents_per_month: stipend_cents,
            duration_months: months.get_untracked().trim().parse().ok(),
            weekly_hours: weekly.get_untracked().trim().parse().unwrap_or(0),
            hours: days
                .get_untracked()
                .into_iter()
                .map(|day| OpeningWindow {
                    day,
                    opens,
                    closes: closes_at,
                })
                .collect(),
            municipality: municipality.get_untracked(),
            mode: mode.get_untracked(),
            sought: sought.get_untracked(),
            languages: languages
                .get_untracked()
                .split(',')
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect(),
            start_on: starts.get_untracked().parse().ok(),
            closes_on: closes
                .get_untracked()
                .parse()
                .unwrap_or(chrono::NaiveDate::MIN),
            places: places.get_untracked().trim().parse().unwrap_or(0),
        };
        busy.set(true);
        spawn_local(async move {
            let saved = match existing {
                Some((id, version)) => api::update_opportunity(id, version, &input).await,
                None => api::create_opportunity(&input).await,
            };
            busy.set(false);
            match saved {
                Ok(o) => on_done(Some(o)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let locale = use_locale();
    let at = move |p: &'static str| {
        let server = err_at(error, p.to_owned());
        Signal::derive(move || {
            local_error
                .get()
                .filter(|(q, _)| q == p)
                .map(|(_, k)| crate::i18n::text(locale.0.get(), k).to_owned())
                .or_else(|| server.get())
        })
    };
    let employer_error = at("/employer_id");
    let municipality_error = at("/municipality");
    let hours_error = at("/hours");
    let sought_error = at("/sought");
    view! {
        <section class="card mb-4" aria-labelledby="opportunity-editor">
            <form class="card-body" novalidate=true on:submit=submit>
                <h2 class="h4" id="opportunity-editor">
                    {tr(if existing.is_some() { K::PostEdit } else { K::PostNew })}
                </h2>
                <ErrorSummary error=error />
                <div class="mb-3">
                    <label for="o-employer" class="form-label fw-semibold">{tr(K::PostEmployer)}</label>
                    <select id="o-employer" class="form-select" class:is-invalid=move || employer_error.with(Option::is_some)
                        on:change=move |ev| employer.set(event_target_value(&ev))>
                        <option value="" selected=move || employer.with(String::is_empty)>"—"</option>
                        {move || employers.get().into_iter().map(|e| {
                            let id = e.id.to_string();
                            let selected = { let id = id.clone(); move || employer.get() == id };
                            view! { <option value=id selected=selected>{e.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                    <Show when=move || employer_error.with(Option::is_some)>
                        <div class="invalid-feedback d-block">{move || employer_error.get()}</div>
                    </Show>
                </div>
                <Field id="o-title".into() label=K::PostTitleField value=title error=at("/title") required=true />
                <Field id="o-description".into() label=K::PostDescription kind=Kind::Area value=description error=at("/description") required=true />
                <div class="row">
                    <div class="col-12 col-md-4"><Choice id="o-contract" label=K::OppContract value=contract error=at("/contract") /></div>
                    <div class="col-6 col-md-4">
                        <Field id="o-stipend".into() label=K::PostStipend value=stipend error=at("/stipend_cents_per_month") hint=K::PostStipendHint />
                    </div>
                    <div class="col-6 col-md-4">
                        <Field id="o-months".into() label=K::PostMonths kind=Kind::Number value=months error=at("/duration_months") />
                    </div>
                </div>
                <fieldset class="mb-3">
                    <legend class="form-label fw-semibold fs-6">{tr(K::PostHours)}</legend>
                    <div class="d-flex flex-wrap column-gap-3">
                        {Weekday::ALL.iter().map(|d| {
                            let d = *d;
                            let id = format!("o-day-{}", d.as_str());
                            view! {
                                <div class="form-check">
                                    <input class="form-check-input" type="checkbox" id=id.clone()
                                        prop:checked=move || days.with(|v| v.contains(&d))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            days.update(|v| { v.retain(|x| *x != d); if on { v.push(d); v.sort(); } });
                                        } />
                                    <label class="form-check-label" for=id>{code_label(d)}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                    <div class="d-flex flex-wrap gap-2 mt-2 align-items-end">
                        <div>
                            <label for="o-from" class="form-label">{tr(K::ServicesFrom)}</label>
                            <input id="o-from" class="form-control" type="time" prop:value=from on:input=move |ev| from.set(event_target_value(&ev)) />
                        </div>
                        <div>
                            <label for="o-to" class="form-label">{tr(K::ServicesTo)}</label>
                            <input id="o-to" class="form-control" type="time" prop:value=to on:input=move |ev| to.set(event_target_value(&ev)) />
                        </div>
                        <div>
                            <Field id="o-weekly".into() label=K::PostWeekly kind=Kind::Number value=weekly error=at("/weekly_hours") />
                        </div>
                    </div>
                    <Show when=move || hours_error.with(Option::is_some)>
                        <div class="invalid-feedback d-block">{move || hours_error.get()}</div>
                    </Show>
                </fieldset>
                <div class="row">
                    <div class="col-12 col-md-6 mb-3">
                        <label for="o-municipality" class="form-label fw-semibold">{tr(K::PostPlace)}</label>
                        <select id="o-municipality" class="form-select"
                            class:is-invalid=move || municipality_error.with(Option::is_some)
                            on:change=move |ev| municipality.set(event_target_value(&ev))>
                            <option value="" selected=move || municipality.with(String::is_empty)>"—"</option>
                            {move || ours().into_iter().map(|m| {
                                let code = m.code.clone();
                                let selected = move || municipality.get() == code;
                                view! { <option value=m.code.clone() selected=selected>{m.name.clone()} " (" {m.province.clone()} ")"</option> }
                            }).collect_view()}
                        </select>
                        <Show when=move || municipality_error.with(Option::is_some)>
                            <div class="invalid-feedback d-block">{move || municipality_error.get()}</div>
                        </Show>
                    </div>
                    <div class="col-12 col-md-6"><Choice id="o-mode" label=K::OppMode value=mode error=at("/mode") /></div>
                </div>
                <fieldset class="mb-3">
                    <legend class="form-label fw-semibold fs-6">{tr(K::PostSought)}</legend>
                    <div class="row">
                        {move || competences.get().into_iter().map(|(code, name)| {
                            let id = format!("o-sought-{code}");
                            let c = code.clone();
                            let current = Signal::derive(move || sought.with(|s| s.iter().find(|x| x.code == c).map(|x| x.level)));
                            let c2 = code.clone();
                            view! {
                                <div class="col-12 col-md-6 col-xl-4 mb-2">
                                    <label for=id.clone() class="form-label small mb-0">{move || name.get(locale.0.get()).to_owned()}</label>
                                    <select id=id class="form-select form-select-sm" on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        let level = LEVELS.iter().copied().find(|l| level_code(*l) == v);
                                        sought.update(|s| {
                                            s.retain(|x| x.code != c2);
                                            if let Some(level) = level { s.push(Sought { code: c2.clone(), level }); }
                                        });
                                    }>
                                        <option value="" selected=move || current.get().is_none()>{tr(K::PostNotAsked)}</option>
                                        {LEVELS.iter().map(|l| {
                                            let l = *l;
                                            view! { <option value=level_code(l) selected=move || current.get() == Some(l)>{tr(level_key(l))}</option> }
                                        }).collect_view()}
                                    </select>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                    <Show when=move || sought_error.with(Option::is_some)>
                        <div class="invalid-feedback d-block">{move || sought_error.get()}</div>
                    </Show>
                </fieldset>
                <div class="row">
                    <div class="col-12 col-md-3"><Field id="o-languages".into() label=K::PostLanguages value=languages error=at("/languages") hint=K::PostLanguagesHint /></div>
                    <div class="col-6 col-md-3"><Field id="o-starts".into() label=K::PostStarts kind=Kind::Date value=starts error=at("/start_on") /></div>
                    <div class="col-6 col-md-3"><Field id="o-closes".into() label=K::PostCloses kind=Kind::Date value=closes error=at("/closes_on") required=true /></div>
                    <div class="col-6 col-md-3"><Field id="o-places".into() label=K::PostPlaces kind=Kind::Number value=places error=at("/places") /></div>
                </div>
                <div class="d-flex flex-wrap gap-2">
                    <button type="submit" class="btn btn-primary" disabled=move || busy.get()>{tr(K::SaveNow)}</button>
                    <button type="button" class="btn btn-outline-secondary" on:click=move |_| on_done(None)>{tr(K::Cancel)}</button>
                </div>
            </form>
        </section>
    }
}
