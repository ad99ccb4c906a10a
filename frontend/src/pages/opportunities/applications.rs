//! "Le mie candidature": her applications with each step and, when she was not selected, the
//! reason; the proposals her counsellor made, which she accepts (choosing what the employer
//! sees) or declines; withdrawing an open one.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{Application, ApplicationStatus};

use super::apply::ApplyForm;
use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page, confirm, date};
use crate::i18n::{K, code_label, text, tr, use_locale};

fn badge(s: ApplicationStatus) -> &'static str {
    match s {
        ApplicationStatus::Proposed => "badge text-bg-info",
        ApplicationStatus::Received => "badge text-bg-primary",
        ApplicationStatus::Interview | ApplicationStatus::Offer => "badge text-bg-warning",
        ApplicationStatus::Hired => "badge text-bg-success",
        ApplicationStatus::NotSelected
        | ApplicationStatus::Withdrawn
        | ApplicationStatus::Declined => "badge text-bg-secondary",
    }
}

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let list = RwSignal::new(None::<Vec<Application>>);
    let error = RwSignal::new(None::<ApiError>);
    let load = move || {
        spawn_local(async move {
            match api::my_applications().await {
                Ok(l) => list.set(Some(l)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    load();
    let replace = move |a: Application| {
        list.update(|l| {
            if let Some(l) = l
                && let Some(old) = l.iter_mut().find(|x| x.id == a.id)
            {
                *old = a;
            }
        });
    };
    view! {
        <Page title=K::AppsTitle>
            <p class="lead">{tr(K::AppsLead)}</p>
            <p><a href="/opportunities">{tr(K::AppsToOpportunities)}</a></p>
            <ErrorSummary error=error />
            {move || list.get().map(|l| {
                if l.is_empty() {
                    view! { <p>{tr(K::AppsNone)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="list-unstyled">
                            {l.into_iter().map(|a| view! {
                                <li class="mb-3"><Card a=a error=error on_change=replace /></li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            })}
        </Page>
    }
}

#[component]
fn Card(
    a: Application,
    error: RwSignal<Option<ApiError>>,
    on_change: impl Fn(Application) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let locale = use_locale();
    let id = a.id;
    let heading = format!("app-{id}");
    let labelled_by = heading.clone();
    let withdraw = move |_| {
        if !confirm(text(locale.0.get_untracked(), K::AppsWithdrawConfirm)) {
            return;
        }
        spawn_local(async move {
            match api::withdraw_application(id).await {
                Ok(a) => on_change(a),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let decline = move |_| {
        spawn_local(async move {
            match api::decline_proposal(id).await {
                Ok(a) => on_change(a),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let status = a.status;
    let steps = a.steps.clone();
    view! {
        <article class="card border shadow-sm" aria-labelledby=labelled_by>
            <div class="card-body">
                <h2 class="h5 card-title" id=heading>
                    <a href=format!("/opportunities/{}", a.opportunity_id)>{a.opportunity_title.clone()}</a>
                </h2>
                <p class="card-subtitle mb-2 text-body-secondary">{a.employer_name.clone()}</p>
                <p class="mb-2"><span class=badge(status)>{code_label(status)}</span></p>
                {a.reason.clone().map(|r| view! {
                    <p class="mb-2"><strong>{tr(K::AppsReason)}</strong> " " {r}</p>
                })}
                {a.proposed_by.clone().map(|who| view! {
                    <p class="mb-2">{tr(K::AppsProposedBy)} " " {who}
                        {a.proposal_note.clone().map(|n| view! { ": «" {n} "»" })}
                    </p>
                })}
                <ol class="list-inline small text-body-secondary mb-2" aria-label=tr(K::AppsSteps)>
                    {steps.into_iter().map(|s| view! {
                        <li class="list-inline-item">{code_label(s.status)} " " {move || date(s.at, locale.0.get())}</li>
                    }).collect_view()}
                </ol>
                {(status == ApplicationStatus::Proposed).then(|| view! {
                    <ApplyForm
                        prefix=format!("accept-{id}")
                        on_done=on_change
                        send=move |input| async move { api::accept_proposal(id, &input).await }
                        submit_label=K::AppsAccept
                        nested=true />
                    <button type="button" class="btn btn-outline-secondary mt-2" on:click=decline>{tr(K::AppsDecline)}</button>
                })}
                {status.withdrawable().then(|| view! {
                    <button type="button" class="btn btn-outline-danger" on:click=withdraw>
                        {tr(K::AppsWithdraw)} <span class="visually-hidden">{" "}{a.opportunity_title.clone()}</span>
                    </button>
                })}
            </div>
        </article>
    }
}
