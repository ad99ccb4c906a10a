//! "Opportunità": her agency's open opportunities ranked for her with the score explained
//! part by part and the gaps each would open in her children's week; one opportunity whole
//! with the apply form (what the employer sees, chosen by her); her applications and the
//! proposals made to her (`applications.rs`).

mod applications;
mod apply;
mod fit;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared::{
    Application, ApplicationInput, ContractType, OpportunityMatch, OpportunityMatches, WorkMode,
};

use crate::api::{self, ApiError, OpportunityQuery};
use crate::components::{ErrorSummary, Page};
use crate::i18n::{K, code_label, tr};

pub use applications::ApplicationsPage;
use apply::ApplyForm;
use fit::{Facts, FitView, GapsView, Names, employer_line};

/// The framework's competence names, loaded once per page.
fn competence_names() -> Names {
    let names: Names = RwSignal::new(Vec::new());
    spawn_local(async move {
        if let Ok(f) = api::framework().await {
            names.set(
                f.competences
                    .into_iter()
                    .map(|c| (c.code, c.name))
                    .collect(),
            );
        }
    });
    names
}

#[component]
pub fn OpportunitiesPage() -> impl IntoView {
    let query = RwSignal::new(OpportunityQuery::default());
    let matches = RwSignal::new(None::<OpportunityMatches>);
    let error = RwSignal::new(None::<ApiError>);
    let loading = RwSignal::new(false);
    let names = competence_names();
    let load = move |token: Option<String>| {
        loading.set(true);
        let q = query.get_untracked();
        spawn_local(async move {
            match api::my_opportunities(q, token.as_deref()).await {
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
    let contract = RwSignal::new(String::new());
    let mode = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        query.set(OpportunityQuery {
            contract: ContractType::parse(&contract.get_untracked()),
            mode: WorkMode::parse(&mode.get_untracked()),
        });
        load(None);
    };
    view! {
        <Page title=K::OppTitle>
            <p class="lead">{tr(K::OppLead)}</p>
            <p><a href="/applications" class="btn btn-outline-primary">{tr(K::OppToApplications)}</a></p>
            <form class="row g-3 align-items-end mb-3" on:submit=submit role="search" aria-label=tr(K::OppFilters)>
                <div class="col-12 col-md-4">
                    <label for="o-contract" class="form-label">{tr(K::OppContract)}</label>
                    <select id="o-contract" class="form-select" on:change=move |ev| contract.set(event_target_value(&ev))>
                        <option value="">{tr(K::OppAny)}</option>
                        {ContractType::ALL.iter().map(|c| view! { <option value=c.as_str()>{code_label(*c)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="col-12 col-md-4">
                    <label for="o-mode" class="form-label">{tr(K::OppMode)}</label>
                    <select id="o-mode" class="form-select" on:change=move |ev| mode.set(event_target_value(&ev))>
                        <option value="">{tr(K::OppAny)}</option>
                        {WorkMode::ALL.iter().map(|m| view! { <option value=m.as_str()>{code_label(*m)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="col-12 col-md-4">
                    <button type="submit" class="btn btn-primary">{tr(K::OppSearch)}</button>
                </div>
            </form>
            <ErrorSummary error=error />
            {move || matches.get().filter(|m| !m.availability_known).map(|_| view! {
                <div class="alert alert-info">{tr(K::OppNoAvailability)} " " <a href="/profile/availability">{tr(K::OppTellAvailability)}</a></div>
            })}
            <h2 class="h4 mt-4" id="opp-results">{tr(K::OppResults)}</h2>
            <div aria-live="polite" aria-busy=move || loading.get().to_string()>
                {move || matches.get().map(|m| {
                    if m.items.is_empty() {
                        view! { <p>{tr(K::OppNone)}</p> }.into_any()
                    } else {
                        let children = m.children_birth_years.clone();
                        view! {
                            <ol class="list-unstyled" aria-labelledby="opp-results">
                                {m.items.into_iter().map(|item| view! {
                                    <li class="mb-3"><MatchCard item=item names=names children=children.clone() /></li>
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
        </Page>
    }
}

#[component]
fn MatchCard(item: OpportunityMatch, names: Names, children: Vec<i32>) -> impl IntoView {
    let id = item.opportunity.id;
    let heading = format!("opp-{id}");
    let labelled_by = heading.clone();
    let employer = employer_line(&item);
    view! {
        <article class="card border shadow-sm" aria-labelledby=labelled_by>
            <div class="card-body">
                <h3 class="h5 card-title" id=heading>
                    <a href=format!("/opportunities/{id}")>{item.opportunity.title.clone()}</a>
                </h3>
                {employer}
                <Facts o=item.opportunity.clone() />
                <FitView fit=item.fit.clone() names=names id=id.to_string() />
                <GapsView gaps=item.gaps.clone() children=children />
                <a class="btn btn-primary" href=format!("/opportunities/{id}")>
                    {tr(K::OppOpen)} <span class="visually-hidden">{" "}{item.opportunity.title.clone()}</span>
                </a>
            </div>
        </article>
    }
}

/// One opportunity, whole, and her application to it.
#[component]
pub fn OpportunityPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| uuid::Uuid::parse_str(&s).ok()));
    let found = RwSignal::new(None::<OpportunityMatches>);
    let error = RwSignal::new(None::<ApiError>);
    let names = competence_names();
    let sent = RwSignal::new(None::<Application>);
    let already = RwSignal::new(None::<Application>);
    Effect::new(move |_| {
        let Some(id) = id() else { return };
        spawn_local(async move {
            match api::my_opportunity(id).await {
                Ok(m) => found.set(Some(m)),
                Err(e) => error.set(Some(e)),
            }
            if let Ok(list) = api::my_applications().await {
                already.set(list.into_iter().find(|a| a.opportunity_id == id));
            }
        });
    });
    let heading = Signal::derive(move || {
        found
            .get()
            .and_then(|m| m.items.first().map(|i| i.opportunity.title.clone()))
            .unwrap_or_default()
    });
    view! {
        <Page title=K::OppTitle heading=heading>
            <p><a href="/opportunities">{tr(K::OppBack)}</a></p>
            <ErrorSummary error=error />
            {move || found.get().and_then(|m| {
                let children = m.children_birth_years.clone();
                m.items.into_iter().next().map(|item| {
                    let oid = item.opportunity.id;
                    let description = item.opportunity.description.clone();
                    let employer = employer_line(&item);
                    view! {
                        {employer}
                        <Facts o=item.opportunity.clone() />
                        <p class="text-break">{description}</p>
                        <h2 class="h4">{tr(K::OppForYou)}</h2>
                        <FitView fit=item.fit.clone() names=names id=oid.to_string() />
                        <GapsView gaps=item.gaps.clone() children=children />
                        {move || match (sent.get(), already.get()) {
                            (Some(_), _) => view! {
                                <div class="alert alert-success" role="status">
                                    {tr(K::OppSent)} " " <a href="/applications">{tr(K::OppToApplications)}</a>
                                </div>
                            }.into_any(),
                            (None, Some(a)) => view! {
                                <div class="alert alert-info">
                                    {tr(K::OppAlready)} " " <strong>{code_label(a.status)}</strong> ". "
                                    <a href="/applications">{tr(K::OppToApplications)}</a>
                                </div>
                            }.into_any(),
                            (None, None) => view! {
                                <ApplyForm prefix="apply".to_owned() on_done=move |a| sent.set(Some(a)) send=move |input| api_apply(oid, input) />
                            }.into_any(),
                        }}
                    }
                })
            })}
        </Page>
    }
}

async fn api_apply(id: uuid::Uuid, input: ApplicationInput) -> Result<Application, ApiError> {
    api::apply(id, &input).await
}
