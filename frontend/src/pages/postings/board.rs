//! One opportunity for its counsellors: its facts and life (edit, publish, close, its public
//! JobPosting), its applicants by state, each moved by buttons (keyboard first; no dragging)
//! with her note, her validated portfolio and only what she shared; and the women of the
//! agency who fit it, with their score, to propose.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared::{
    Applicant, ApplicationStatus, FittingWoman, Opportunity, OpportunityStatus, ProposalInput,
    StatusChange,
};

use super::editor::Editor;
use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page, date, prompt};
use crate::i18n::{K, code_label, text, tr, use_locale};
use crate::pages::assessment::labels::level_key;

const COLUMNS: [ApplicationStatus; 5] = [
    ApplicationStatus::Received,
    ApplicationStatus::Interview,
    ApplicationStatus::Offer,
    ApplicationStatus::Hired,
    ApplicationStatus::NotSelected,
];

/// The badge of an opportunity's status.
pub fn status_badge(s: OpportunityStatus) -> &'static str {
    match s {
        OpportunityStatus::Draft => "badge text-bg-secondary",
        OpportunityStatus::Published => "badge text-bg-success",
        OpportunityStatus::Closed => "badge text-bg-dark",
    }
}

/// The step on from a state, for its button.
fn next(s: ApplicationStatus) -> Option<(ApplicationStatus, K)> {
    match s {
        ApplicationStatus::Received => Some((ApplicationStatus::Interview, K::PostToInterview)),
        ApplicationStatus::Interview => Some((ApplicationStatus::Offer, K::PostToOffer)),
        ApplicationStatus::Offer => Some((ApplicationStatus::Hired, K::PostToHired)),
        _ => None,
    }
}

#[component]
pub fn StaffOpportunity() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| uuid::Uuid::parse_str(&s).ok()));
    let found = RwSignal::new(None::<Opportunity>);
    let applicants = RwSignal::new(Vec::<Applicant>::new());
    let fitting = RwSignal::new(Vec::<FittingWoman>::new());
    let error = RwSignal::new(None::<ApiError>);
    let status = RwSignal::new(None::<String>);
    let editing = RwSignal::new(false);
    // An employer's HR sees her applicants, never the agency's other women.
    let session = crate::session::use_session();
    let is_employer = Signal::derive(move || session.role() == Some(shared::Role::Employer));
    let load = move || {
        let staff = !is_employer.get_untracked();
        let Some(id) = id() else { return };
        spawn_local(async move {
            match api::opportunity(id).await {
                Ok(o) => found.set(Some(o)),
                Err(e) => error.set(Some(e)),
            }
            if let Ok(list) = api::applicants(id).await {
                applicants.set(list);
            }
            if staff && let Ok(page) = api::fitting_women(id).await {
                fitting.set(page.items);
            }
        });
    };
    Effect::new(move |_| load());
    let locale = use_locale();
    let step = move |name: &'static str| {
        let Some(o) = found.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match api::opportunity_step(o.id, o.version, name).await {
                Ok(o) => {
                    found.set(Some(o));
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let heading = Signal::derive(move || found.get().map(|o| o.title).unwrap_or_default());
    view! {
        <Page title=K::PostTitle heading=heading>
            <p><a href="/staff/opportunities">{tr(K::PostBack)}</a></p>
            <ErrorSummary error=error />
            <div aria-live="polite">
                {move || status.get().map(|s| view! { <div class="alert alert-success">{s}</div> })}
            </div>
            {move || found.get().map(|o| {
                let oid = o.id;
                let draft = o.status == OpportunityStatus::Draft;
                let open = o.status != OpportunityStatus::Closed;
                let published = o.status == OpportunityStatus::Published;
                view! {
                    <p class="mb-2">
                        <span class=status_badge(o.status)>{code_label(o.status)}</span>
                        " " {o.employer_name.clone()} " · " {code_label(o.contract)} " · "
                        {o.weekly_hours} " " {tr(K::OppHoursAWeek)} " · " {o.municipality_name.clone()}
                    </p>
                    <p class="text-break">{o.description.clone()}</p>
                    <div class="d-flex flex-wrap gap-2 mb-4">
                        {open.then(|| view! {
                            <button type="button" class="btn btn-outline-primary" on:click=move |_| editing.set(true)>{tr(K::PostEdit)}</button>
                        })}
                        {draft.then(|| view! {
                            <button type="button" class="btn btn-primary" on:click=move |_| step("publish")>{tr(K::PostPublish)}</button>
                        })}
                        {open.then(|| view! {
                            <button type="button" class="btn btn-outline-danger" on:click=move |_| step("close")>{tr(K::PostClose)}</button>
                        })}
                        {published.then(|| view! {
                            <a class="btn btn-outline-secondary" href=format!("/api/v1/opportunities/{oid}/posting")>{tr(K::PostJsonLd)}</a>
                        })}
                    </div>
                }
            })}
            {move || (editing.get()).then(|| found.get()).flatten().map(|o| view! {
                <Editor opportunity={Some(o)} on_done={move |saved: Option<Opportunity>| {
                    editing.set(false);
                    if let Some(o) = saved { found.set(Some(o)); }
                }} />
            })}
            <section aria-labelledby="applicants-title" class="mb-5">
                <h2 class="h4" id="applicants-title">{tr(K::PostApplicants)}</h2>
                {move || applicants.with(Vec::is_empty).then(|| view! { <p>{tr(K::PostNoApplicants)}</p> })}
                <div class="row">
                    {COLUMNS.iter().map(|col| {
                        let col = *col;
                        let col_id = format!("col-{}", col.as_str());
                        let col_ref = col_id.clone();
                        view! {
                            <section class="col-12 col-lg mb-3" aria-labelledby=col_ref>
                                <h3 class="h6 text-uppercase" id=col_id>{code_label(col)}
                                    " (" {move || applicants.with(|l| l.iter().filter(|a| a.status == col).count())} ")"</h3>
                                <ul class="list-unstyled">
                                    {move || applicants.get().into_iter().filter(|a| a.status == col).map(|a| view! {
                                        <li class="mb-2"><ApplicantCard a=a applicants=applicants error=error /></li>
                                    }).collect_view()}
                                </ul>
                            </section>
                        }
                    }).collect_view()}
                </div>
            </section>
            <Show when=move || !is_employer.get()>
            <section aria-labelledby="fitting-title">
                <h2 class="h4" id="fitting-title">{tr(K::PostFitting)}</h2>
                <p>{tr(K::PostFittingLead)}</p>
                {move || {
                    let published = found.with(|o| o.as_ref().is_some_and(|o| o.status == OpportunityStatus::Published));
                    let oid = found.with(|o| o.as_ref().map(|o| o.id));
                    view! {
                        <ol class="list-group list-group-numbered">
                            {fitting.get().into_iter().map(|w| {
                                let who = w.jobseeker_id;
                                let name = w.name.clone();
                                let propose = move |_| {
                                    let Some(oid) = oid else { return };
                                    let note = prompt(text(locale.0.get_untracked(), K::PostProposeNote)).unwrap_or_default();
                                    let name = name.clone();
                                    spawn_local(async move {
                                        match api::propose(oid, &ProposalInput { jobseeker_id: who, note }).await {
                                            Ok(_) => {
                                                status.set(Some(format!("{} {name}", text(locale.0.get_untracked(), K::PostProposed))));
                                                error.set(None);
                                            }
                                            Err(e) => error.set(Some(e)),
                                        }
                                    });
                                };
                                let applied = w.application;
                                view! {
                                    <li class="list-group-item d-flex flex-wrap justify-content-between align-items-start gap-2">
                                        <div class="ms-2 me-auto">
                                            <a href=format!("/staff/jobseekers/{}", w.jobseeker_id)>{w.name.clone()}</a>
                                            " · " {tr(K::OppScore)} " " {w.fit.score}
                                            " (" {w.fit.competence_points} "/" {w.fit.hours_points} "/" {w.fit.commute_points} "/" {w.fit.contract_points} ")"
                                            {applied.map(|s| view! { " " <span class="badge text-bg-light border">{code_label(s)}</span> })}
                                        </div>
                                        {(published && applied.is_none()).then(|| view! {
                                            <button type="button" class="btn btn-sm btn-outline-primary" on:click=propose.clone()>
                                                {tr(K::PostPropose)} <span class="visually-hidden">{" "}{w.name.clone()}</span>
                                            </button>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }
                }}
                <p class="small text-body-secondary mt-2">{tr(K::PostFittingParts)}</p>
            </section>
            </Show>
        </Page>
    }
}

#[component]
fn ApplicantCard(
    a: Applicant,
    applicants: RwSignal<Vec<Applicant>>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let locale = use_locale();
    let id = a.application_id;
    let version = a.version;
    let heading = format!("applicant-{id}");
    let labelled = heading.clone();
    let send = move |change: StatusChange| {
        spawn_local(async move {
            match api::move_applicant(id, version, &change).await {
                Ok(moved) => {
                    applicants.update(|l| {
                        if let Some(x) = l
                            .iter_mut()
                            .find(|x| x.application_id == moved.application_id)
                        {
                            *x = moved;
                        }
                    });
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let step = next(a.status);
    let open = a.status.withdrawable();
    let not_selected = move |_| {
        if let Some(reason) = prompt(text(locale.0.get_untracked(), K::PostReasonAsk)) {
            send(StatusChange {
                status: ApplicationStatus::NotSelected,
                reason: Some(reason),
            });
        }
    };
    let labels: Vec<_> = a.shared.iter().map(|p| code_label(*p)).collect();
    let shared_parts = move || {
        if labels.is_empty() {
            "—".to_owned()
        } else {
            labels.iter().map(|f| f()).collect::<Vec<_>>().join(", ")
        }
    };
    let competences = a
        .portfolio
        .as_ref()
        .map(|p| p.competences.clone())
        .unwrap_or_default();
    view! {
        <article class="card border" aria-labelledby=labelled>
            <div class="card-body p-2">
                <h4 class="h6 mb-1" id=heading>{a.name.clone()}
                    {a.proposed.then(|| view! { " " <span class="badge text-bg-info">{tr(K::PostWasProposed)}</span> })}
                </h4>
                <p class="small mb-1">{tr(K::PostApplied)} " " {move || date(a.applied_at, locale.0.get())}</p>
                {(!a.note.is_empty()).then(|| view! { <p class="small fst-italic text-break mb-1">"«" {a.note.clone()} "»"</p> })}
                {a.reason.clone().map(|r| view! { <p class="small mb-1">{tr(K::AppsReason)} " " {r}</p> })}
                <details class="small mb-1">
                    <summary>{tr(K::PostPortfolio)}</summary>
                    <div class="small">
                    {if competences.is_empty() {
                        view! { <p class="mb-0">{tr(K::PostNoPortfolio)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="ps-3 mb-0">
                                {competences.into_iter().map(|c| {
                                    let name = c.name.clone();
                                    view! { <li>{move || name.get(locale.0.get()).to_owned()} ": " {tr(level_key(c.level))}</li> }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                    {a.contact.clone().map(|c| view! { <p class="mb-0">{tr(K::PostContact)} " " {c.email.clone()} {c.phone.clone().map(|p| view! { " · " {p} })}</p> })}
                    <p class="mb-0 text-body-secondary">{tr(K::PostShared)} " " {shared_parts}</p>
                    </div>
                </details>
                {open.then(|| view! {
                    <div class="d-flex flex-wrap gap-1">
                        {step.map(|(to, label)| view! {
                            <button type="button" class="btn btn-sm btn-primary"
                                on:click=move |_| send(StatusChange { status: to, reason: None })>
                                {tr(label)} <span class="visually-hidden">{" "}{a.name.clone()}</span>
                            </button>
                        })}
                        <button type="button" class="btn btn-sm btn-outline-secondary" on:click=not_selected>
                            {tr(K::PostNotSelected)} <span class="visually-hidden">{" "}{a.name.clone()}</span>
                        </button>
                    </div>
                })}
            </div>
        </article>
    }
}
