//! The apply form: her note and what the employer sees, chosen by her.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{Application, ApplicationInput, SharedPart};

use crate::api::ApiError;
use crate::components::{ErrorSummary, err_at};
use crate::i18n::{K, code_label, tr};

/// Her note and what the employer may see: her validated portfolio always; each part of her
/// profile only if she ticks it; her family never.
#[component]
pub fn ApplyForm<S, F>(
    /// Makes the form's ids unique on the page.
    prefix: String,
    on_done: impl Fn(Application) + Copy + 'static,
    send: S,
    #[prop(optional)] submit_label: Option<K>,
    /// Inside a card whose heading is an `<h2>`.
    #[prop(optional)]
    nested: bool,
) -> impl IntoView
where
    S: Fn(ApplicationInput) -> F + Copy + 'static,
    F: std::future::Future<Output = Result<Application, ApiError>> + 'static,
{
    let note = RwSignal::new(String::new());
    let share = RwSignal::new(Vec::<SharedPart>::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note_error = err_at(error, "/note".to_owned());
    let title_id = format!("{prefix}-title");
    let title_ref = title_id.clone();
    let note_id = format!("{prefix}-note");
    let note_for = note_id.clone();
    let help_id = format!("{prefix}-note-help");
    let help_ref = help_id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let input = ApplicationInput {
            note: note.get_untracked(),
            share: share.get_untracked(),
        };
        spawn_local(async move {
            match send(input).await {
                Ok(a) => on_done(a),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="mt-3" on:submit=submit aria-labelledby=title_ref>
            {if nested {
                view! { <h3 class="h5" id=title_id>{tr(submit_label.unwrap_or(K::OppApply))}</h3> }.into_any()
            } else {
                view! { <h2 class="h4" id=title_id>{tr(submit_label.unwrap_or(K::OppApply))}</h2> }.into_any()
            }}
            <ErrorSummary error=error />
            <div class="mb-3">
                <label for=note_for class="form-label">{tr(K::OppNote)}</label>
                <textarea id=note_id class="form-control" rows="4" maxlength="2000"
                    aria-describedby=help_ref
                    class:is-invalid=move || note_error.get().is_some()
                    prop:value=note on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                <div id=help_id class="form-text">{tr(K::OppNoteHelp)}</div>
                {move || note_error.get().map(|m| view! { <div class="invalid-feedback d-block">{m}</div> })}
            </div>
            <fieldset class="mb-3">
                <legend class="fs-6 fw-semibold">{tr(K::OppWhatTheySee)}</legend>
                <p class="mb-2">{tr(K::OppPortfolioAlways)}</p>
                {SharedPart::ALL.iter().map(|p| {
                    let part = *p;
                    let input_id = format!("{prefix}-share-{}", part.as_str());
                    let checked = move || share.with(|s| s.contains(&part));
                    view! {
                        <div class="form-check">
                            <input class="form-check-input" type="checkbox" id=input_id.clone()
                                prop:checked=checked
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    share.update(|s| {
                                        s.retain(|x| *x != part);
                                        if on { s.push(part); }
                                    });
                                } />
                            <label class="form-check-label" for=input_id>{code_label(part)}</label>
                        </div>
                    }
                }).collect_view()}
                <p class="small text-body-secondary mt-2 mb-0">{tr(K::OppFamilyNever)}</p>
            </fieldset>
            <button type="submit" class="btn btn-primary" disabled=move || busy.get()>
                {tr(submit_label.unwrap_or(K::OppSend))}
            </button>
        </form>
    }
}
