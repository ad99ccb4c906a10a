//! Form pieces of the profile, bound to a section's draft through a getter and a setter.
//! Every input has a label, and its server error is tied to it with `aria-describedby`.

use leptos::prelude::*;
use shared::Code;

use crate::i18n::{K, kind_label, tr};

fn error_line(id: String, error: Signal<Option<String>>) -> impl IntoView {
    move || {
        error
            .get()
            .map(|m| view! { <div id=id.clone() class="invalid-feedback d-block">{m}</div> })
    }
}

fn described(id: &str, error: Signal<Option<String>>) -> impl Fn() -> Option<String> + use<> {
    let id = format!("{id}-error");
    move || error.with(Option::is_some).then(|| id.clone())
}

/// Checkboxes for a set of codes. `None` until she touches them; `exclusive` (e.g. "nobody")
/// cannot go with the others. Generic only at the edge, so the view is compiled once.
pub fn checks<T: Code>(
    id: &'static str,
    legend: K,
    get: impl Fn() -> Option<Vec<T>> + Copy + Send + Sync + 'static,
    set: impl Fn(Option<Vec<T>>) + Copy + Send + Sync + 'static,
    exclusive: Option<T>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let codes =
        Signal::derive(move || get().map(|v| v.iter().map(|c| c.code()).collect::<Vec<_>>()));
    let set_codes = Callback::new(move |v: Option<Vec<&'static str>>| {
        set(v.map(|v| {
            T::all()
                .iter()
                .copied()
                .filter(|c| v.contains(&c.code()))
                .collect()
        }))
    });
    let all: Vec<&'static str> = T::all().iter().map(|c| c.code()).collect();
    checks_of(
        id,
        legend,
        T::KIND,
        all,
        codes,
        set_codes,
        exclusive.map(Code::code),
        error,
    )
}

#[allow(
    clippy::too_many_arguments,
    reason = "the non-generic body of `checks`"
)]
fn checks_of(
    id: &'static str,
    legend: K,
    kind: &'static str,
    all: Vec<&'static str>,
    get: Signal<Option<Vec<&'static str>>>,
    set: Callback<Option<Vec<&'static str>>>,
    exclusive: Option<&'static str>,
    error: Signal<Option<String>>,
) -> AnyView {
    view! {
        <fieldset class="mb-4" aria-describedby=described(id, error)>
            <legend class="form-label fw-semibold fs-6">{tr(legend)}</legend>
            {all
                .into_iter()
                .map(|c| {
                    let cid = format!("{id}-{c}");
                    view! {
                        <div class="form-check">
                            <input
                                class="form-check-input"
                                type="checkbox"
                                id=cid.clone()
                                prop:checked=move || get.with(|v| v.as_ref().is_some_and(|v| v.contains(&c)))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let mut v = get.get_untracked().unwrap_or_default();
                                    if on {
                                        if Some(c) == exclusive {
                                            v.clear();
                                        } else if let Some(x) = exclusive {
                                            v.retain(|y| *y != x);
                                        }
                                        v.push(c);
                                    } else {
                                        v.retain(|x| *x != c);
                                    }
                                    set.run(Some(v));
                                }
                            />
                            <label class="form-check-label" for=cid>{kind_label(kind, c)}</label>
                        </div>
                    }
                })
                .collect_view()}
            {error_line(format!("{id}-error"), error)}
        </fieldset>
    }
    .into_any()
}

/// A select of one code, or none.
pub fn select_code<T: Code>(
    id: String,
    label: K,
    get: impl Fn() -> Option<T> + Copy + Send + Sync + 'static,
    set: impl Fn(Option<T>) + Copy + Send + Sync + 'static,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let current = Signal::derive(move || get().map(Code::code));
    let choose =
        Callback::new(move |v: String| set(T::all().iter().copied().find(|c| c.code() == v)));
    let all: Vec<&'static str> = T::all().iter().map(|c| c.code()).collect();
    select_of(id, label, T::KIND, all, current, choose, error)
}

fn select_of(
    id: String,
    label: K,
    kind: &'static str,
    all: Vec<&'static str>,
    current: Signal<Option<&'static str>>,
    choose: Callback<String>,
    error: Signal<Option<String>>,
) -> AnyView {
    view! {
        <div class="mb-3">
            <label for=id.clone() class="form-label fw-semibold">{tr(label)}</label>
            <select
                id=id.clone()
                class="form-select"
                class:is-invalid=move || error.with(Option::is_some)
                aria-describedby=described(&id, error)
                on:change=move |ev| choose.run(event_target_value(&ev))
            >
                <option value="" selected=move || current.get().is_none()>{tr(K::ChooseOne)}</option>
                {all
                    .into_iter()
                    .map(|c| view! {
                        <option value=c selected=move || current.get() == Some(c)>{kind_label(kind, c)}</option>
                    })
                    .collect_view()}
            </select>
            {error_line(format!("{id}-error"), error)}
        </div>
    }
    .into_any()
}

/// A text, a number, a date or a month. Empty means "no answer".
#[allow(
    clippy::too_many_arguments,
    reason = "one call site per field; a struct would only move the list"
)]
pub fn input(
    id: String,
    label: K,
    input_type: &'static str,
    get: impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
    set: impl Fn(Option<String>) + Copy + Send + Sync + 'static,
    error: Signal<Option<String>>,
    hint: Option<K>,
    autocomplete: &'static str,
) -> impl IntoView {
    input_of(
        id,
        label,
        input_type,
        Signal::derive(get),
        Callback::new(set),
        error,
        hint,
        autocomplete,
    )
}

#[allow(clippy::too_many_arguments, reason = "the non-generic body of `input`")]
fn input_of(
    id: String,
    label: K,
    input_type: &'static str,
    get: Signal<Option<String>>,
    set: Callback<Option<String>>,
    error: Signal<Option<String>>,
    hint: Option<K>,
    autocomplete: &'static str,
) -> AnyView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let describe = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
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
    let on_input = move |ev| {
        let v = event_target_value(&ev);
        set.run((!v.trim().is_empty()).then_some(v));
    };
    let field = if input_type == "textarea" {
        view! {
            <textarea
                id=id.clone()
                class="form-control"
                rows="4"
                class:is-invalid=move || error.with(Option::is_some)
                aria-describedby=describe
                prop:value=move || get.get().unwrap_or_default()
                on:input=on_input
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                type=input_type
                class="form-control"
                inputmode=if input_type == "number" { Some("numeric") } else { None }
                autocomplete=autocomplete
                class:is-invalid=move || error.with(Option::is_some)
                aria-describedby=describe
                prop:value=move || get.get().unwrap_or_default()
                on:input=on_input
            />
        }
        .into_any()
    };
    view! {
        <div class="mb-3">
            <label for=id.clone() class="form-label fw-semibold">{tr(label)}</label>
            {hint.map(|h| view! { <div id=hint_id.clone() class="form-text mt-0 mb-1">{tr(h)}</div> })}
            {field}
            {error_line(error_id, error)}
        </div>
    }
    .into_any()
}

/// Maps a number field onto `input`.
pub fn number<N>(
    id: String,
    label: K,
    get: impl Fn() -> Option<N> + Copy + Send + Sync + 'static,
    set: impl Fn(Option<N>) + Copy + Send + Sync + 'static,
    error: Signal<Option<String>>,
    hint: Option<K>,
) -> impl IntoView
where
    N: std::fmt::Display + std::str::FromStr + 'static,
{
    input(
        id,
        label,
        "number",
        move || get().map(|n| n.to_string()),
        move |v| set(v.and_then(|v| v.trim().parse().ok())),
        error,
        hint,
        "off",
    )
}

/// "Yes / no" for a list that may truly be empty ("do you have children?").
pub fn yes_no(
    id: &'static str,
    legend: K,
    get: impl Fn() -> Option<bool> + Copy + Send + Sync + 'static,
    set: impl Fn(bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    yes_no_of(id, legend, Signal::derive(get), Callback::new(set))
}

fn yes_no_of(
    id: &'static str,
    legend: K,
    get: Signal<Option<bool>>,
    set: Callback<bool>,
) -> AnyView {
    let option = move |value: bool, label: K| {
        let oid = format!("{id}-{}", if value { "yes" } else { "no" });
        view! {
            <div class="form-check form-check-inline">
                <input
                    class="form-check-input"
                    type="radio"
                    name=id
                    id=oid.clone()
                    prop:checked=move || get.get() == Some(value)
                    on:change=move |_| set.run(value)
                />
                <label class="form-check-label" for=oid>{tr(label)}</label>
            </div>
        }
    };
    view! {
        <fieldset class="mb-3">
            <legend class="form-label fw-semibold fs-6">{tr(legend)}</legend>
            {option(true, K::Yes)}
            {option(false, K::No)}
        </fieldset>
    }
    .into_any()
}

/// A list of items, each in its own fieldset with a remove button, and an add button.
#[allow(clippy::too_many_arguments, reason = "the list's parts are all needed")]
pub fn list_editor<V: IntoView + 'static>(
    id: &'static str,
    item_label: K,
    add_label: K,
    len: impl Fn() -> usize + Copy + Send + Sync + 'static,
    add: impl Fn() + Copy + Send + Sync + 'static,
    remove: impl Fn(usize) + Copy + Send + Sync + 'static,
    item: impl Fn(usize) -> V + Copy + Send + Sync + 'static,
    error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="mb-3" id=id>
            <For each=move || 0..len() key=|i| *i let:i>
                <fieldset class="border rounded p-3 mb-3">
                    <legend class="float-none w-auto px-2 fs-6 fw-semibold">
                        {tr(item_label)} " " {i + 1}
                    </legend>
                    {item(i)}
                    <button type="button" class="btn btn-sm btn-outline-danger" on:click=move |_| remove(i)>
                        {tr(K::Remove)}
                        <span class="visually-hidden">" " {tr(item_label)} " " {i + 1}</span>
                    </button>
                </fieldset>
            </For>
            {error_line(format!("{id}-error"), error)}
            <button type="button" class="btn btn-outline-primary btn-sm" on:click=move |_| add()>
                "+ " {tr(add_label)}
            </button>
        </div>
    }
}
