//! What the catalogue's pages share: who may write, and the editors' fields, each labelled,
//! its server error tied to it (`aria-invalid`, `aria-describedby`), usable by keyboard.

use leptos::prelude::*;
use shared::Code;

use crate::i18n::{K, code_label, tr};
use crate::session::use_session;

/// Whether she writes the catalogue: admins and curators do, the rest of the staff read (the
/// server says the same).
pub fn curator() -> Signal<bool> {
    let session = use_session();
    Signal::derive(move || {
        session
            .me
            .with(|m| m.as_ref().is_some_and(|m| m.catalogue_curator))
    })
}

/// What kind of input a [`Field`] is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Area,
    Number,
    Date,
    Url,
    Email,
    Tel,
}

/// A labelled input or text area.
#[component]
pub fn Field(
    id: String,
    label: K,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = Kind::Text)] kind: Kind,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint: Option<K>,
    /// Added after the label, in the current language (`(it)`, `(en)`).
    #[prop(optional)]
    suffix: &'static str,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
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
    let invalid = move || error.with(Option::is_some);
    let aria_invalid = move || if invalid() { "true" } else { "false" };
    let control = if kind == Kind::Area {
        view! {
            <textarea id=id.clone() class="form-control" rows="3" class:is-invalid=invalid
                required=required aria-invalid=aria_invalid aria-describedby=described.clone()
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        }
        .into_any()
    } else {
        let input_type = match kind {
            Kind::Number => "number",
            Kind::Date => "date",
            Kind::Url => "url",
            Kind::Email => "email",
            Kind::Tel => "tel",
            Kind::Text | Kind::Area => "text",
        };
        view! {
            <input id=id.clone() type=input_type class="form-control" class:is-invalid=invalid
                required=required aria-invalid=aria_invalid aria-describedby=described.clone()
                inputmode=(kind == Kind::Number).then_some("numeric")
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
        }
        .into_any()
    };
    view! {
        <div class="mb-3">
            <label for=id.clone() class="form-label fw-semibold">{tr(label)} {suffix}</label>
            {hint.map(|h| view! { <div id=hint_id.clone() class="form-text mt-0 mb-1">{tr(h)}</div> })}
            {control}
            <Show when=invalid>
                <div id=error_id.clone() class="invalid-feedback d-block">{move || error.get()}</div>
            </Show>
        </div>
    }
}

/// A choice of one code of a list.
#[component]
pub fn Choice<T: Code>(
    id: &'static str,
    label: K,
    value: RwSignal<T>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="mb-3">
            <label for=id class="form-label fw-semibold">{tr(label)}</label>
            <select id=id class="form-select" class:is-invalid=move || error.with(Option::is_some)
                on:change=move |ev| {
                    let code = event_target_value(&ev);
                    if let Some(c) = T::all().iter().find(|c| c.code() == code) {
                        value.set(*c);
                    }
                }>
                {T::all().iter().map(|c| {
                    let c = *c;
                    view! { <option value=c.code() selected=move || value.get() == c>{code_label(c)}</option> }
                }).collect_view()}
            </select>
            <Show when=move || error.with(Option::is_some)>
                <div class="invalid-feedback d-block">{move || error.get()}</div>
            </Show>
        </div>
    }
}

/// Any number of codes of a list, as checkboxes in a fieldset.
#[component]
pub fn Checks<T: Code>(
    id: &'static str,
    legend: K,
    chosen: RwSignal<Vec<T>>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <fieldset class="mb-3">
            <legend class="form-label fw-semibold fs-6">{tr(legend)}</legend>
            <div class="d-flex flex-wrap column-gap-3">
                {T::all().iter().map(|c| {
                    let c = *c;
                    let box_id = format!("{id}-{}", c.code());
                    view! {
                        <div class="form-check">
                            <input class="form-check-input" type="checkbox" id=box_id.clone()
                                prop:checked=move || chosen.with(|v| v.contains(&c))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|v| {
                                        v.retain(|x| *x != c);
                                        if on {
                                            v.push(c);
                                            v.sort();
                                        }
                                    });
                                } />
                            <label class="form-check-label" for=box_id>{code_label(c)}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
            <Show when=move || error.with(Option::is_some)>
                <div class="invalid-feedback d-block">{move || error.get()}</div>
            </Show>
        </fieldset>
    }
}

/// Euros as typed (`327,27` or `327.27`) in cents; empty is none, anything else is `Err`.
pub fn cents(euros: &str) -> Result<Option<u32>, ()> {
    let t = euros.trim().replace(',', ".");
    if t.is_empty() {
        return Ok(None);
    }
    let (whole, part) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty() && part.is_empty() || part.len() > 2 {
        return Err(());
    }
    let whole: u32 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| ())?
    };
    let part: u32 = if part.is_empty() {
        0
    } else {
        format!("{part:0<2}").parse().map_err(|_| ())?
    };
    whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(part))
        .map(Some)
        .ok_or(())
}

/// Cents as euros for an input (`327,27`, `5`).
pub fn euros(cents: u32) -> String {
    if cents.is_multiple_of(100) {
        (cents / 100).to_string()
    } else {
        format!("{},{:02}", cents / 100, cents % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euros_go_to_cents_and_back() {
        assert_eq!(cents("327,27"), Ok(Some(32727)));
        assert_eq!(cents("327.2"), Ok(Some(32720)));
        assert_eq!(cents(" 5 "), Ok(Some(500)));
        assert_eq!(cents(""), Ok(None));
        assert!(cents("3,271").is_err());
        assert!(cents("abc").is_err());
        assert!(cents(".").is_err());
        assert_eq!(euros(32727), "327,27");
        assert_eq!(euros(500), "5");
    }
}
