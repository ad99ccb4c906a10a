//! The moderators' reports queue: each reported message with the messages around it; hide it
//! with a reason, and close the report with an answer the reporter reads.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::ReportEntry;

use super::labels::reason_key;

use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page};
use crate::i18n::{K, tr, use_locale};

#[component]
pub fn ModerationQueue() -> impl IntoView {
    let locale = use_locale();
    let entries = RwSignal::new(Vec::<ReportEntry>::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<&'static str>);
    let load = move || {
        spawn_local(async move {
            match api::moderation_reports().await {
                Ok(e) => entries.set(e),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    load();
    view! {
        <Page title=K::CoModerationTitle>
            <p class="lead">{tr(K::CoModerationLead)}</p>
            <ErrorSummary error=error />
            {move || done.get().map(|_| view! {
                <div class="alert alert-success" role="status">{tr(K::CoActionDone)}</div>
            })}
            {move || entries.with(Vec::is_empty).then(|| view! { <p>{tr(K::CoNoReports)}</p> })}
            <For each=move || entries.get() key=|e| (e.report.id, e.message.hidden) let:e>
                {
                    let rid = e.report.id;
                    let room_id = e.report.room_id;
                    let message_id = e.message.id;
                    let hide_reason = RwSignal::new(String::new());
                    let outcome = RwSignal::new(String::new());
                    let room_name = e.room_name.clone();
                    let hide = move |_| {
                        let why = hide_reason.get_untracked();
                        spawn_local(async move {
                            match api::hide_message(room_id, message_id, &why).await {
                                Ok(_) => { error.set(None); done.set(Some("hidden")); load(); }
                                Err(e) => error.set(Some(e)),
                            }
                        });
                    };
                    let close = move |_| {
                        let answer = outcome.get_untracked();
                        spawn_local(async move {
                            match api::handle_report(rid, &answer).await {
                                Ok(_) => { error.set(None); done.set(Some("handled")); load(); }
                                Err(e) => error.set(Some(e)),
                            }
                        });
                    };
                    let hide_id = format!("hide-reason-{rid}");
                    let outcome_id = format!("outcome-{rid}");
                    view! {
                        <section class="card card-bg mb-3" aria-label=tr(K::CoReportOf)>
                            <div class="card-body">
                                <h2 class="h5">{move || room_name.get(locale.0.get()).to_owned()} " · " {tr(reason_key(e.report.reason))}</h2>
                                <p class="small">{tr(K::CoReportedBy)} " " {e.reporter_name.clone()}
                                    {e.report.note.clone().map(|n| view! { ": " <q>{n}</q> })}</p>
                                <ol class="list-unstyled small border-start ps-2">
                                    {e.context.iter().filter(|m| m.seq < e.message.seq).map(|m| view! {
                                        <li class="text-muted"><strong>{m.sender_name.clone()}</strong> ": " {m.body.clone()}</li>
                                    }).collect_view()}
                                    <li class="fw-semibold">
                                        <strong>{e.message.sender_name.clone()}</strong> ": " {e.message.body.clone()}
                                        {e.message.hidden.then(|| view! { " " <span class="badge bg-secondary">{tr(K::CoIsHidden)}</span> })}
                                        {e.message.edited_at.is_some().then(|| view! {
                                            " " <span class="badge bg-light text-dark">{tr(K::CoEdited)}</span>
                                            <Versions room_id=room_id message_id=message_id />
                                        })}
                                    </li>
                                    {e.context.iter().filter(|m| m.seq > e.message.seq).map(|m| view! {
                                        <li class="text-muted"><strong>{m.sender_name.clone()}</strong> ": " {m.body.clone()}</li>
                                    }).collect_view()}
                                </ol>
                                {(!e.message.hidden).then(|| view! {
                                    <div class="row g-2 align-items-end mb-2">
                                        <div class="col-12 col-md-8">
                                            <label class="form-label small" for=hide_id.clone()>{tr(K::CoHideReason)}</label>
                                            <input class="form-control form-control-sm" id=hide_id.clone()
                                                on:input=move |ev| hide_reason.set(event_target_value(&ev)) />
                                        </div>
                                        <div class="col-auto">
                                            <button type="button" class="btn btn-sm btn-danger" on:click=hide>{tr(K::CoHide)}</button>
                                        </div>
                                    </div>
                                })}
                                <div class="row g-2 align-items-end">
                                    <div class="col-12 col-md-8">
                                        <label class="form-label small" for=outcome_id.clone()>{tr(K::CoOutcome)}</label>
                                        <input class="form-control form-control-sm" id=outcome_id.clone()
                                            on:input=move |ev| outcome.set(event_target_value(&ev)) />
                                    </div>
                                    <div class="col-auto">
                                        <button type="button" class="btn btn-sm btn-primary" on:click=close>{tr(K::CoCloseReport)}</button>
                                    </div>
                                </div>
                            </div>
                        </section>
                    }
                }
            </For>
        </Page>
    }
}

/// The earlier texts of an edited message, loaded when asked for.
#[component]
fn Versions(room_id: uuid::Uuid, message_id: uuid::Uuid) -> impl IntoView {
    let versions = RwSignal::new(None::<Vec<shared::MessageVersion>>);
    let error = RwSignal::new(None::<ApiError>);
    let load = move |_| {
        spawn_local(async move {
            match api::message_versions(room_id, message_id).await {
                Ok(v) => versions.set(Some(v)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <div class="fw-normal">
            <button type="button" class="btn btn-link btn-sm p-0" on:click=load
                aria-expanded=move || versions.with(Option::is_some).to_string()>
                {tr(K::CoVersions)}
            </button>
            <ErrorSummary error=error />
            {move || versions.get().map(|v| view! {
                <ol class="small mb-0">
                    {v.into_iter().map(|v| view! {
                        <li><span class="text-prewrap">{v.body}</span>
                            <span class="text-muted">" · " {tr(K::CoReplacedAt)} " " {crate::components::date_time(v.replaced_at, use_locale().0.get_untracked())}</span></li>
                    }).collect_view()}
                </ol>
            })}
        </div>
    }
}
