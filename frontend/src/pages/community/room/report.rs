//! Reporting a message to the room's moderators: a reason and a note.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{NewReport, ReportReason};
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::ErrorSummary;
use crate::i18n::{K, text, tr, use_locale};
use crate::pages::community::labels::reason_key;

/// The reasons of a report, in the order offered.
const REASONS: [ReportReason; 5] = [
    ReportReason::Harassment,
    ReportReason::Hate,
    ReportReason::Spam,
    ReportReason::PersonalData,
    ReportReason::Other,
];

#[component]
pub(super) fn ReportForm(
    room_id: Uuid,
    message_id: Uuid,
    reporting: RwSignal<Option<Uuid>>,
    reported: RwSignal<bool>,
) -> impl IntoView {
    let locale = use_locale();
    let reason = RwSignal::new(ReportReason::Harassment);
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewReport {
            reason: reason.get_untracked(),
            note: Some(note.get_untracked()).filter(|n| !n.trim().is_empty()),
        };
        spawn_local(async move {
            match api::report_message(room_id, message_id, &body).await {
                Ok(_) => {
                    reporting.set(None);
                    reported.set(true);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let select_id = format!("report-reason-{message_id}");
    let note_id = format!("report-note-{message_id}");
    view! {
        <form class="card card-bg p-2 mt-2" on:submit=submit aria-label=tr(K::CoReport)>
            <label class="form-label small" for=select_id.clone()>{tr(K::CoReason)}</label>
            <select class="form-select form-select-sm" id=select_id
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(r) = REASONS.iter().find(|r| format!("{r:?}") == v) {
                        reason.set(*r);
                    }
                }>
                {REASONS.iter().map(|r| view! {
                    <option value=format!("{r:?}")>{move || text(locale.0.get(), reason_key(*r))}</option>
                }).collect_view()}
            </select>
            <label class="form-label small mt-2" for=note_id.clone()>{tr(K::CoNote)}</label>
            <textarea class="form-control form-control-sm" id=note_id rows="2" maxlength="1000"
                prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            <ErrorSummary error=error />
            <div class="d-flex gap-2 mt-2">
                <button type="submit" class="btn btn-sm btn-primary">{tr(K::CoSendReport)}</button>
                <button type="button" class="btn btn-sm btn-outline-primary" on:click=move |_| reporting.set(None)>{tr(K::Cancel)}</button>
            </div>
        </form>
    }
}
