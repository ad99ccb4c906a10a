//! The contributions staff keep current: the national schemes and the agency's own, those due
//! for a check first; "checked today" (the next check in a year), a full editor, a new scheme
//! of the territory, retiring one of its own.

use chrono::{Datelike, Days, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{
    Benefit, ContributionInput, ContributionRules, ContributionScheme, Language, LocalizedText,
};

use super::form::{Checks, Field, Kind, cents, euros};
use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page, confirm, err_at, now};
use crate::i18n::{K, code_label, fill, text, tr, use_locale};
use crate::pages::services::labels::money;

fn today() -> NaiveDate {
    now().date_naive()
}

fn day(d: NaiveDate, lang: Language) -> String {
    match lang {
        Language::It => d.format("%d/%m/%Y").to_string(),
        Language::En => d.format("%-d %b %Y").to_string(),
    }
}

/// A year from `d` (28 February for a 29th).
fn a_year_after(d: NaiveDate) -> NaiveDate {
    d.with_year(d.year() + 1)
        .or_else(|| d.checked_add_days(Days::new(365)))
        .unwrap_or(d)
}

/// The scheme as an input, to send back.
fn input_of(c: &ContributionScheme) -> ContributionInput {
    ContributionInput {
        name: c.name.clone(),
        description: c.description.clone(),
        categories: c.categories.clone(),
        rules: c.rules.clone(),
        benefit: c.benefit.clone(),
        how_to_apply: c.how_to_apply.clone(),
        source_url: c.source_url.clone(),
        source_checked_on: c.source_checked_on,
        review_by: c.review_by,
    }
}

#[component]
pub fn Contributions() -> impl IntoView {
    let curator = super::form::curator();
    let schemes = RwSignal::new(Vec::<ContributionScheme>::new());
    let error = RwSignal::new(None::<ApiError>);
    let status = RwSignal::new(None::<String>);
    let load = move || {
        spawn_local(async move {
            match api::contributions().await {
                Ok(page) => {
                    schemes.set(page.items);
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    load();
    // The scheme being edited (`Some(None)`: a new one).
    let editing = RwSignal::new(None::<Option<ContributionScheme>>);
    let due = move || schemes.with(|s| s.iter().filter(|c| c.due_for_review).count());
    let locale = use_locale();
    let checked_today = move |c: ContributionScheme| {
        spawn_local(async move {
            let mut input = input_of(&c);
            input.source_checked_on = today();
            input.review_by = a_year_after(today());
            match api::update_contribution(c.id, c.version, &input).await {
                Ok(saved) => {
                    status.set(Some(fill(
                        text(locale.0.get_untracked(), K::ContributionsCheckedDone),
                        &[("name", saved.name.get(locale.0.get_untracked()))],
                    )));
                    load();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let retire = move |c: ContributionScheme| {
        if !confirm(text(
            locale.0.get_untracked(),
            K::ContributionsRetireConfirm,
        )) {
            return;
        }
        spawn_local(async move {
            match api::retire_contribution(c.id).await {
                Ok(_) => load(),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let edited = move |saved: Option<ContributionScheme>| {
        editing.set(None);
        if let Some(s) = saved {
            status.set(Some(fill(
                text(locale.0.get_untracked(), K::ContributionsSaved),
                &[("name", s.name.get(locale.0.get_untracked()))],
            )));
            load();
        }
    };
    view! {
        <Page title=K::ContributionsTitle>
            <p><a href="/staff/catalogue">{tr(K::CatalogueBack)}</a></p>
            <p>{tr(K::ContributionsLead)}</p>
            <p class="fw-semibold" role="status">
                {move || match due() {
                    0 => tr(K::ContributionsNoneDue)().to_owned(),
                    n => fill(tr(K::ContributionsDue)(), &[("n", &n.to_string())]),
                }}
            </p>
            <div aria-live="polite">
                {move || status.get().map(|s| view! { <div class="alert alert-success">{s}</div> })}
            </div>
            <ErrorSummary error=error />
            <Show when=move || curator.get() && editing.with(Option::is_none)>
                <button type="button" class="btn btn-primary mb-4" on:click=move |_| editing.set(Some(None))>
                    {tr(K::ContributionsNew)}
                </button>
            </Show>
            {move || editing.get().map(|c| view! {
                <Editor scheme=c on_done=edited />
            })}
            <ul class="list-unstyled">
                <For each=move || schemes.get() key=|c| (c.id, c.version) let:c>
                    {
                        let lang = move || locale.0.get();
                        let name = c.name.clone();
                        let heading = move || name.get(lang()).to_owned();
                        let description = c.description.clone();
                        let national = c.agency_id.is_none();
                        let b = c.benefit.clone();
                        let benefit = move || {
                            let ceiling = b.max_cents_per_month
                                .map(|m| fill(tr(K::ContributionsUpTo)(), &[("amount", &money(m, lang()))]))
                                .unwrap_or_default();
                            fill(tr(K::ContributionsBenefit)(), &[
                                ("share", &b.share_percent.to_string()),
                                ("ceiling", &ceiling),
                                ("months", &b.months_per_year.to_string()),
                            ])
                        };
                        let (checked, review) = (c.source_checked_on, c.review_by);
                        let (c1, c2, c3) = (c.clone(), c.clone(), c.clone());
                        let id_for = format!("scheme-{}", c.id);
                        view! {
                            <li class="card mb-3" class:border-warning=c.due_for_review>
                                <div class="card-body">
                                    <h2 class="h5 card-title text-break" id=id_for.clone()>{heading}</h2>
                                    <p class="mb-2 d-flex flex-wrap gap-1">
                                        <span class="badge bg-secondary">
                                            {tr(if national { K::ContributionsNational } else { K::ContributionsTerritorial })}
                                        </span>
                                        {c.due_for_review.then(|| view! {
                                            <span class="badge bg-warning text-dark">{tr(K::ContributionsDueBadge)}</span>
                                        })}
                                        {c.categories.iter().map(|cat| view! {
                                            <span class="badge bg-light text-dark border text-wrap text-start">{code_label(*cat)}</span>
                                        }).collect_view()}
                                    </p>
                                    <p class="mb-1">{move || description.get(lang()).to_owned()}</p>
                                    <p class="mb-1">{benefit}</p>
                                    <p class="mb-2 small">
                                        {tr(K::ContributionsCheckedOn)} " " {move || day(checked, lang())}
                                        " · " {tr(K::ContributionsReviewBy)} " " {move || day(review, lang())}
                                        " · " <a href=c.source_url.clone() target="_blank" rel="noopener">{tr(K::ContributionsSource)}</a>
                                    </p>
                                    <Show when=move || curator.get()>
                                        <div class="d-flex flex-wrap gap-2">
                                            <button type="button" class="btn btn-sm btn-primary"
                                                aria-describedby=id_for.clone()
                                                on:click={ let c = c1.clone(); move |_| checked_today(c.clone()) }>
                                                {tr(K::ContributionsCheckedToday)}
                                            </button>
                                            <button type="button" class="btn btn-sm btn-outline-primary"
                                                aria-describedby=id_for.clone()
                                                on:click={ let c = c2.clone(); move |_| editing.set(Some(Some(c.clone()))) }>
                                                {tr(K::ContributionsEdit)}
                                            </button>
                                            {(!national).then(|| {
                                                let c = c3.clone();
                                                view! {
                                                    <button type="button" class="btn btn-sm btn-outline-danger"
                                                        aria-describedby=id_for.clone()
                                                        on:click=move |_| retire(c.clone())>
                                                        {tr(K::ContributionsRetire)}
                                                    </button>
                                                }
                                            })}
                                        </div>
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

/// The editor of a scheme (`None`: a new one of the territory).
#[component]
fn Editor(
    scheme: Option<ContributionScheme>,
    on_done: impl Fn(Option<ContributionScheme>) + Copy + 'static,
) -> impl IntoView {
    let text = |f: fn(&ContributionScheme) -> &LocalizedText, it: bool| {
        RwSignal::new(
            scheme
                .as_ref()
                .map(|c| if it { f(c).it.clone() } else { f(c).en.clone() })
                .unwrap_or_default(),
        )
    };
    let (name_it, name_en) = (text(|c| &c.name, true), text(|c| &c.name, false));
    let (desc_it, desc_en) = (
        text(|c| &c.description, true),
        text(|c| &c.description, false),
    );
    let (apply_it, apply_en) = (
        text(|c| &c.how_to_apply, true),
        text(|c| &c.how_to_apply, false),
    );
    let rules = scheme.as_ref().map(|c| c.rules.clone()).unwrap_or_default();
    let categories = RwSignal::new(
        scheme
            .as_ref()
            .map(|c| c.categories.clone())
            .unwrap_or_default(),
    );
    let months = |m: Option<u16>| RwSignal::new(m.map(|m| m.to_string()).unwrap_or_default());
    let min_months = months(rules.child_ages.and_then(|a| a.min_months));
    let max_months = months(rules.child_ages.and_then(|a| a.max_months));
    let employment = RwSignal::new(rules.employment.clone());
    let isee = RwSignal::new(rules.isee_bands.clone());
    let icef = RwSignal::new(rules.icef_bands.clone());
    let municipalities = StoredValue::new(rules.municipalities.clone());
    let b = scheme.as_ref().map(|c| c.benefit.clone());
    let share = RwSignal::new(
        b.as_ref()
            .map_or(String::new(), |b| b.share_percent.to_string()),
    );
    let ceiling = RwSignal::new(
        b.as_ref()
            .and_then(|b| b.max_cents_per_month)
            .map(euros)
            .unwrap_or_default(),
    );
    let per_year = RwSignal::new(
        b.as_ref()
            .map_or("12".to_owned(), |b| b.months_per_year.to_string()),
    );
    let source_url = RwSignal::new(
        scheme
            .as_ref()
            .map(|c| c.source_url.clone())
            .unwrap_or_default(),
    );
    let checked_on = RwSignal::new(
        scheme
            .as_ref()
            .map_or(today(), |c| c.source_checked_on)
            .to_string(),
    );
    let review_by = RwSignal::new(
        scheme
            .as_ref()
            .map_or(a_year_after(today()), |c| c.review_by)
            .to_string(),
    );
    let error = RwSignal::new(None::<ApiError>);
    let ceiling_error = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let existing = scheme.as_ref().map(|c| (c.id, c.version));
    let national = scheme.as_ref().is_some_and(|c| c.agency_id.is_none());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(max_cents) = cents(&ceiling.get_untracked()) else {
            ceiling_error.set(true);
            return;
        };
        ceiling_error.set(false);
        let number = |s: RwSignal<String>| s.get_untracked().trim().parse::<u16>().ok();
        let date =
            |s: RwSignal<String>| NaiveDate::parse_from_str(&s.get_untracked(), "%Y-%m-%d").ok();
        let min = number(min_months);
        let max = number(max_months);
        let checked = date(checked_on).unwrap_or_else(today);
        let input = ContributionInput {
            name: LocalizedText {
                it: name_it.get_untracked(),
                en: name_en.get_untracked(),
            },
            description: LocalizedText {
                it: desc_it.get_untracked(),
                en: desc_en.get_untracked(),
            },
            categories: categories.get_untracked(),
            rules: ContributionRules {
                child_ages: (min.is_some() || max.is_some()).then_some(shared::AgeRange {
                    min_months: min,
                    max_months: max,
                }),
                municipalities: municipalities.get_value(),
                employment: employment.get_untracked(),
                isee_bands: isee.get_untracked(),
                icef_bands: icef.get_untracked(),
            },
            benefit: Benefit {
                // Out of range on purpose when not a number: the server says why.
                share_percent: share.get_untracked().trim().parse().unwrap_or(0),
                max_cents_per_month: max_cents,
                months_per_year: per_year.get_untracked().trim().parse().unwrap_or(0),
            },
            how_to_apply: LocalizedText {
                it: apply_it.get_untracked(),
                en: apply_en.get_untracked(),
            },
            source_url: source_url.get_untracked(),
            source_checked_on: checked,
            review_by: date(review_by).unwrap_or_else(|| a_year_after(checked)),
        };
        busy.set(true);
        spawn_local(async move {
            let saved = match existing {
                Some((id, version)) => api::update_contribution(id, version, &input).await,
                None => api::create_contribution(&input).await,
            };
            busy.set(false);
            match saved {
                Ok(s) => on_done(Some(s)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let at = move |p: &str| err_at(error, p.to_owned());
    let ceiling_message = Signal::derive(move || {
        ceiling_error
            .get()
            .then(|| tr(K::ContributionsCeilingInvalid)().to_owned())
            .or_else(|| at("/benefit/max_cents_per_month").get())
    });
    view! {
        <section class="card mb-4" aria-labelledby="scheme-editor">
            <form class="card-body" novalidate=true on:submit=submit>
                <h2 class="h4" id="scheme-editor">
                    {tr(if existing.is_some() { K::ContributionsEditTitle } else { K::ContributionsNewTitle })}
                </h2>
                {national.then(|| view! { <p class="alert alert-info">{tr(K::ContributionsNationalNote)}</p> })}
                <ErrorSummary error=error />
                <div class="row">
                    <div class="col-12 col-md-6"><Field id="c-name-it".into() label=K::ContributionsName suffix="(it)" value=name_it error=at("/name/it") required=true /></div>
                    <div class="col-12 col-md-6"><Field id="c-name-en".into() label=K::ContributionsName suffix="(en)" value=name_en error=at("/name/en") required=true /></div>
                    <div class="col-12 col-md-6"><Field id="c-desc-it".into() label=K::ContributionsDescription suffix="(it)" kind=Kind::Area value=desc_it error=at("/description/it") required=true /></div>
                    <div class="col-12 col-md-6"><Field id="c-desc-en".into() label=K::ContributionsDescription suffix="(en)" kind=Kind::Area value=desc_en error=at("/description/en") required=true /></div>
                </div>
                <Checks id="c-cat" legend=K::ContributionsCategories chosen=categories error=at("/categories") />
                <div class="row">
                    <div class="col-12 col-sm-4"><Field id="c-share".into() label=K::ContributionsShare kind=Kind::Number value=share error=at("/benefit/share_percent") required=true /></div>
                    <div class="col-12 col-sm-4"><Field id="c-ceiling".into() label=K::ContributionsCeiling value=ceiling error=ceiling_message hint=K::ContributionsCeilingHint /></div>
                    <div class="col-12 col-sm-4"><Field id="c-months".into() label=K::ContributionsMonths kind=Kind::Number value=per_year error=at("/benefit/months_per_year") required=true /></div>
                </div>
                <h3 class="h5">{tr(K::ContributionsWho)}</h3>
                <div class="row">
                    <div class="col-12 col-sm-6"><Field id="c-min".into() label=K::ContributionsMinMonths kind=Kind::Number value=min_months error=at("/rules/child_ages") /></div>
                    <div class="col-12 col-sm-6"><Field id="c-max".into() label=K::ContributionsMaxMonths kind=Kind::Number value=max_months error=at("/rules/child_ages") /></div>
                </div>
                <Checks id="c-work" legend=K::ContributionsEmployment chosen=employment error=at("/rules/employment") />
                <Checks id="c-isee" legend=K::ServicesIsee chosen=isee error=at("/rules/isee_bands") />
                <Checks id="c-icef" legend=K::ServicesIcef chosen=icef error=at("/rules/icef_bands") />
                {move || {
                    let n = municipalities.with_value(Vec::len);
                    (n > 0).then(|| view! {
                        <p class="small">{move || fill(tr(K::ContributionsMunicipalities)(), &[("n", &n.to_string())])}</p>
                    })
                }}
                <div class="row">
                    <div class="col-12 col-md-6"><Field id="c-apply-it".into() label=K::ContributionsHowToApply suffix="(it)" kind=Kind::Area value=apply_it error=at("/how_to_apply/it") required=true /></div>
                    <div class="col-12 col-md-6"><Field id="c-apply-en".into() label=K::ContributionsHowToApply suffix="(en)" kind=Kind::Area value=apply_en error=at("/how_to_apply/en") required=true /></div>
                </div>
                <Field id="c-source".into() label=K::ContributionsSource kind=Kind::Url value=source_url error=at("/source_url") required=true />
                <div class="row">
                    <div class="col-12 col-sm-6"><Field id="c-checked".into() label=K::ContributionsCheckedOn kind=Kind::Date value=checked_on error=at("/source_checked_on") required=true /></div>
                    <div class="col-12 col-sm-6"><Field id="c-review".into() label=K::ContributionsReviewBy kind=Kind::Date value=review_by error=at("/review_by") required=true /></div>
                </div>
                <div class="d-flex flex-wrap gap-2">
                    <button type="submit" class="btn btn-primary" disabled=move || busy.get()>{tr(K::SaveNow)}</button>
                    <button type="button" class="btn btn-outline-secondary" on:click=move |_| on_done(None)>{tr(K::Cancel)}</button>
                </div>
            </form>
        </section>
    }
}
