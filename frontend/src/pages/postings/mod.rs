//! The network's opportunities for counsellors and admins, who write them on an employer's
//! behalf: the list by status, the editor (contract, hours, place, competences asked), and an
//! opportunity's page (`board.rs`) with its life (publish, close), its applicants moved by
//! buttons, and the women of the agency who fit it, to propose.

mod board;
mod editor;

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{Opportunity, OpportunityStatus};

use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page};
use crate::i18n::{K, code_label, tr};

pub use board::StaffOpportunity;
use board::status_badge;
use editor::Editor;

#[component]
pub fn StaffOpportunities() -> impl IntoView {
    let list = RwSignal::new(None::<Vec<Opportunity>>);
    let error = RwSignal::new(None::<ApiError>);
    let status = RwSignal::new(None::<OpportunityStatus>);
    let load = move || {
        let s = status.get_untracked();
        spawn_local(async move {
            match api::opportunities(s).await {
                Ok(p) => {
                    list.set(Some(p.items));
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    load();
    let writing = RwSignal::new(false);
    view! {
        <Page title=K::PostTitle>
            <p>{tr(K::PostLead)}</p>
            <ErrorSummary error=error />
            <div class="d-flex flex-wrap gap-3 align-items-end mb-3">
                <div>
                    <label for="p-status" class="form-label">{tr(K::PostStatus)}</label>
                    <select id="p-status" class="form-select" on:change=move |ev| {
                        status.set(OpportunityStatus::parse(&event_target_value(&ev)));
                        load();
                    }>
                        <option value="">{tr(K::OppAny)}</option>
                        {OpportunityStatus::ALL.iter().map(|s| view! { <option value=s.as_str()>{code_label(*s)}</option> }).collect_view()}
                    </select>
                </div>
                <Show when=move || !writing.get()>
                    <button type="button" class="btn btn-primary" on:click=move |_| writing.set(true)>{tr(K::PostNew)}</button>
                </Show>
            </div>
            {move || writing.get().then(|| view! {
                <Editor opportunity={None} on_done={move |saved: Option<Opportunity>| {
                    writing.set(false);
                    if saved.is_some() { load(); }
                }} />
            })}
            {move || list.get().map(|l| {
                if l.is_empty() {
                    view! { <p>{tr(K::PostNone)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="list-unstyled">
                            {l.into_iter().map(|o| view! {
                                <li class="card mb-3">
                                    <div class="card-body">
                                        <h2 class="h5 card-title text-break">
                                            <a href=format!("/staff/opportunities/{}", o.id)>{o.title.clone()}</a>
                                        </h2>
                                        <p class="mb-1">{o.employer_name.clone()} " · " {code_label(o.contract)} " · " {o.municipality_name.clone()}</p>
                                        <p class="mb-0">
                                            <span class=status_badge(o.status)>{code_label(o.status)}</span>
                                            " " {tr(K::OppCloses)} " " {o.closes_on.format("%d/%m/%Y").to_string()}
                                        </p>
                                    </div>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            })}
        </Page>
    }
}
