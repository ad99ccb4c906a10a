use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{K, tr};

/// The server's message for the field at `pointer`, if the last answer named it.
pub fn field_error(
    error: RwSignal<Option<ApiError>>,
    pointer: &'static str,
) -> Signal<Option<String>> {
    err_at(error, pointer.to_owned())
}

/// A labelled input whose error is tied to it (`aria-invalid`, `aria-describedby`).
#[component]
pub fn TextField(
    id: &'static str,
    label: K,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<K>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = {
        let error_id = error_id.clone();
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="mb-3">
            <label for=id class="form-label fw-semibold">{tr(label)}</label>
            {hint.map(|h| view! { <div id=hint_id.clone() class="form-text mt-0 mb-1">{tr(h)}</div> })}
            <input
                id=id
                name=id
                type=input_type
                class="form-control"
                class:is-invalid=move || error.with(Option::is_some)
                autocomplete=autocomplete
                required=true
                aria-required="true"
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <Show when=move || error.with(Option::is_some)>
                <div id=error_id.clone() class="invalid-feedback d-block">{move || error.get()}</div>
            </Show>
        </div>
    }
}

/// The answer to a failed submission: the problem's title and detail, announced to screen
/// readers; offline gets its own message with a hint to retry.
#[component]
pub fn ErrorSummary(error: RwSignal<Option<ApiError>>) -> impl IntoView {
    move || {
        error.get().map(|e| match e {
            ApiError::Problem(p) => view! {
                <div class="alert alert-danger" role="alert">
                    <p class="fw-semibold mb-1">{p.title.clone()}</p>
                    {(p.errors.is_empty()).then(|| view! { <p class="mb-0">{p.detail.clone()}</p> })}
                    {(!p.errors.is_empty()).then(|| view! { <p class="mb-0">{tr(K::FixFieldsBelow)}</p> })}
                </div>
            }
            .into_any(),
            ApiError::Network(_) => view! {
                <div class="alert alert-danger" role="alert">{tr(K::NetworkError)}</div>
            }
            .into_any(),
        })
    }
}

/// As [`field_error`], for a pointer built at run time (`/children/2/birth_year`).
pub fn err_at(error: RwSignal<Option<ApiError>>, pointer: String) -> Signal<Option<String>> {
    Signal::derive(move || {
        error.with(|e| {
            e.as_ref()
                .and_then(|e| e.problem())
                .and_then(|p| p.errors.iter().find(|f| f.pointer == pointer))
                .map(|f| f.message.clone())
        })
    })
}
