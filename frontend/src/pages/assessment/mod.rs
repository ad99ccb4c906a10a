//! The competency assessment: her list of questionnaires and results, taking one (one question
//! per page, saved at each step, resumable, reviewed before submitting), her results with the
//! chart, strengths, evidence and validated portfolio; the counsellors' validation queue and
//! review form; the admins' instrument versions; an employer's view of a shared portfolio.

pub(crate) mod labels;
use crate::components::{date, now};
use labels::localized;
mod framework;
mod public;
mod results;
mod staff;
mod take;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use shared::{Attempt, AttemptStatus, InstrumentStatus, InstrumentSummary};

pub use framework::FrameworkAdmin;
pub use public::SharedPortfolio;
pub use staff::{InstrumentsAdmin, ReviewPage, ValidationQueue};
pub use take::AttemptPage;

use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page};
use crate::i18n::{K, tr, use_locale};

/// What she can do with an instrument: start it, resume her attempt, or wait for the retake.
fn instrument_card(i: InstrumentSummary, mine: Vec<Attempt>) -> impl IntoView {
    let locale = use_locale();
    let navigate = use_navigate();
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let open = mine
        .iter()
        .find(|a| a.status == AttemptStatus::InProgress)
        .cloned();
    let wait = mine.iter().filter_map(|a| a.retake_from).max();
    let id = i.id;
    let start = move |_| {
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::start_attempt(id).await {
                Ok(a) => navigate(
                    &format!("/assessment/attempts/{}", a.id),
                    Default::default(),
                ),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let heading_id = format!("instrument-{id}");
    let labelled = heading_id.clone();
    view! {
        <section class="card card-bg shadow-sm mb-4" aria-labelledby=labelled>
            <div class="card-body">
                <h2 class="h4 card-title" id=heading_id>{localized(&i.title)}</h2>
                <p>{localized(&i.description)}</p>
                <p class="small text-muted">
                    {i.item_count} " " {tr(K::AsQuestions)} " · " {tr(K::AsAbout)} " "
                    {i.estimated_minutes} " " {tr(K::AsMinutes)}
                </p>
                <p class="small">{tr(K::AsSavedAsYouGo)}</p>
                <ErrorSummary error=error />
                {match (open, wait) {
                    (Some(a), _) => view! {
                        <a class="btn btn-primary" id=format!("resume-{}", i.key) href=format!("/assessment/attempts/{}", a.id)>
                            {tr(K::AsResume)} " (" {a.answered} "/" {a.total} ")"
                        </a>
                    }.into_any(),
                    (None, Some(from)) if from > now() => view! {
                        <p class="mb-0">{tr(K::AsRetakeFrom)} " " {move || date(from, locale.0.get())}</p>
                    }.into_any(),
                    (None, _) => view! {
                        <button type="button" class="btn btn-primary" id=format!("start-{}", i.key) on:click=start
                            disabled=move || busy.get()>
                            {if mine.is_empty() { tr(K::AsStart) } else { tr(K::AsRetake) }}
                        </button>
                    }.into_any(),
                }}
            </div>
        </section>
    }
}

#[component]
pub fn AssessmentHome() -> impl IntoView {
    let locale = use_locale();
    let data = LocalResource::new(|| async {
        let instruments = api::instruments().await?;
        let attempts = api::attempts().await?;
        Ok::<_, ApiError>((instruments, attempts))
    });
    view! {
        <Page title=K::AsTitle>
            <p class="lead">{tr(K::AsLead)}</p>
            <Suspense fallback=|| view! { <p role="status">{tr(K::Loading)}</p> }>
                {move || data.get().map(|r| match r {
                    Err(e) => view! { <ErrorSummary error=RwSignal::new(Some(e)) /> }.into_any(),
                    Ok((instruments, attempts)) => {
                        let submitted: Vec<Attempt> = attempts
                            .iter()
                            .filter(|a| a.status != AttemptStatus::InProgress)
                            .cloned()
                            .collect();
                        let cards = instruments
                            .into_iter()
                            .filter(|i| i.status == InstrumentStatus::Published)
                            .map(|i| {
                                // Her attempts of any version of this questionnaire.
                                let mine = attempts
                                    .iter()
                                    .filter(|a| a.instrument_key == i.key)
                                    .cloned()
                                    .collect();
                                instrument_card(i, mine)
                            })
                            .collect_view();
                        view! {
                            {cards}
                            <h2 class="h4 mt-4">{tr(K::AsMyResults)}</h2>
                            {if submitted.is_empty() {
                                view! { <p>{tr(K::AsNoResultsYet)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="list-unstyled">
                                        {submitted.into_iter().map(|a| {
                                            let when = a.submitted_at;
                                            view! {
                                                <li class="mb-2">
                                                    <a href=format!("/assessment/attempts/{}", a.id)>
                                                        {tr(K::AsResultsOf)} " "
                                                        {move || when.map(|d| date(d, locale.0.get()))}
                                                    </a>
                                                    " · "
                                                    {if a.status == AttemptStatus::Validated {
                                                        tr(K::AsValidated)
                                                    } else {
                                                        tr(K::AsWaitingValidation)
                                                    }}
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                })}
            </Suspense>
        </Page>
    }
}
