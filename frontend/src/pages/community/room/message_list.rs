//! The room's log: older pages as she scrolls up (or with a button), the end followed while she
//! reads it, and each message as a bubble (hers on the right), one person's consecutive
//! messages grouped under one name, a line for each new day, and the actions she may take on a
//! message behind one button per message, each named after the message it acts on.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{Message, REACTIONS};
use uuid::Uuid;

use super::live::RoomState;
use super::report::ReportForm;
use crate::api;
use crate::components::{clock, confirm, day_label, prompt, same_day, when};
use crate::i18n::{K, fill, text, tr, use_locale};
use crate::pages::community::labels::sender_label;

/// Plain text with its web addresses as links that open apart and pass nothing on; anything
/// else, markup included, stays text.
pub fn linkified(body: &str) -> Vec<AnyView> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = body;
    while let Some(start) = ["https://", "http://"]
        .iter()
        .filter_map(|p| rest.find(p))
        .min()
    {
        let before_ok = start == 0
            || rest[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_whitespace() || "([<\"'".contains(c));
        let end = rest[start..]
            .find(|c: char| c.is_whitespace() || "<>\"".contains(c))
            .map_or(rest.len(), |e| start + e);
        let mut url = &rest[start..end];
        while url.ends_with(['.', ',', ';', ':', '!', '?', ')', ']', '\'']) {
            url = &url[..url.len() - 1];
        }
        let host_ok = url.split("://").nth(1).is_some_and(|h| !h.is_empty());
        if !before_ok || !host_ok {
            plain.push_str(&rest[..start + 4]);
            rest = &rest[start + 4..];
            continue;
        }
        plain.push_str(&rest[..start]);
        if !plain.is_empty() {
            out.push(std::mem::take(&mut plain).into_any());
        }
        let href = url.to_owned();
        out.push(
            view! { <a href=href.clone() target="_blank" rel="nofollow noopener noreferrer">{href.clone()}</a> }
                .into_any(),
        );
        rest = &rest[start + url.len()..];
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        out.push(plain.into_any());
    }
    out
}

/// What the log's messages share: whose actions are open, which one she edits or reports, and
/// the edit's text.
#[derive(Clone, Copy)]
struct Editing {
    menu: RwSignal<Option<Uuid>>,
    editing: RwSignal<Option<Uuid>>,
    edit_text: RwSignal<String>,
    reporting: RwSignal<Option<Uuid>>,
    reported: RwSignal<bool>,
}

/// A message continues the one before it (same person, same day, within five minutes): it is
/// drawn under it without her name again.
const GROUP_MINUTES: i64 = 5;

/// Where a message sits in the log.
#[derive(Clone, Copy, PartialEq)]
struct Place {
    /// The first message of its day (a line names the day above it).
    new_day: bool,
    /// Continues the previous message of the same person.
    continues: bool,
}

/// The messages in order, each with its place.
fn placed(messages: &BTreeMap<u64, Message>) -> Vec<(Message, Place)> {
    let mut out = Vec::with_capacity(messages.len());
    let mut previous: Option<&Message> = None;
    for m in messages.values() {
        let new_day = previous.is_none_or(|p| !same_day(p.created_at, m.created_at));
        let continues = previous.is_some_and(|p| {
            !new_day
                && p.sender_id == m.sender_id
                && (m.created_at - p.created_at).num_minutes() < GROUP_MINUTES
        });
        out.push((m.clone(), Place { new_day, continues }));
        previous = Some(m);
    }
    out
}

#[component]
pub(super) fn MessageList(state: RoomState, more_before: RwSignal<bool>) -> impl IntoView {
    let loading_older = RwSignal::new(false);
    let shared = Editing {
        menu: RwSignal::new(None),
        editing: RwSignal::new(None),
        edit_text: RwSignal::new(String::new()),
        reporting: RwSignal::new(None),
        reported: RwSignal::new(false),
    };
    let (messages, log_ref) = (state.messages, state.log);
    // Older pages: when she scrolls to the top of the log, or with the button.
    let older = move || {
        if loading_older.get_untracked() || !more_before.get_untracked() {
            return;
        }
        loading_older.set(true);
        let first = messages.with_untracked(|m| m.keys().next().copied());
        let height_before = log_ref.get_untracked().map_or(0, |el| el.scroll_height());
        spawn_local(async move {
            match api::history(state.room_id, first).await {
                Ok(h) => {
                    more_before.set(h.more_before);
                    messages.update(|m| m.extend(h.messages.into_iter().map(|x| (x.seq, x))));
                    // Keep in view what she was reading.
                    set_timeout(
                        move || {
                            if let Some(el) = log_ref.get_untracked() {
                                el.set_scroll_top(el.scroll_height() - height_before);
                            }
                        },
                        std::time::Duration::ZERO,
                    );
                }
                Err(e) => state.error.set(Some(e)),
            }
            loading_older.set(false);
        });
    };
    let on_scroll = move |_| {
        if log_ref
            .get_untracked()
            .is_some_and(|el| el.scroll_top() < 40)
        {
            older();
        }
    };
    // Follow new messages when she is reading the end.
    Effect::new(move |_| {
        messages.track();
        if let Some(el) = log_ref.get_untracked()
            && el.scroll_height() - el.scroll_top() - el.client_height() < 150
        {
            state.scroll_to_end();
        }
    });
    let list = move || messages.with(placed);
    view! {
        {move || more_before.get().then(|| view! {
            <button type="button" class="btn btn-sm btn-outline-primary mb-1 align-self-center" on:click=move |_| older()>
                {tr(K::CoOlder)}
            </button>
        })}
        // A tab stop (keys scroll it) only when there is something to read.
        <ol class="list-unstyled chat-log" aria-label=tr(K::CoMessages) node_ref=log_ref on:scroll=on_scroll
            tabindex=move || (!messages.with(|m| m.is_empty())).then_some("0")>
            <For each=list
                key=|(m, p)| (m.seq, m.edited_at, m.deleted, m.hidden, m.held, format!("{:?}", m.reactions), p.new_day, p.continues)
                let:item>
                <MessageItem state=state shared=shared m=item.0 place=item.1 />
            </For>
        </ol>
        {move || shared.reported.get().then(|| view! {
            <div class="alert alert-success mb-1" role="status">{tr(K::CoReported)}</div>
        })}
    }
}

/// One message: who and when, the message it answers, its text (or why it is not shown), its
/// reactions, and the button that opens what she may do with it.
#[component]
fn MessageItem(state: RoomState, shared: Editing, m: Message, place: Place) -> impl IntoView {
    let locale = use_locale();
    let room_id = state.room_id;
    let me = state.me;
    let mine = Some(m.sender_id) == me;
    let id = m.id;
    let seq = m.seq;
    let created = m.created_at;
    let for_me = me.is_some_and(|u| m.mentions.contains(&u));
    let gone = m.hidden || m.deleted || m.held;
    let who = sender_label(&m.sender_name);
    // The name of an action on this message: "Rispondi al messaggio di Sara delle 10:42".
    let named = {
        let who = who.clone();
        move |theirs: K, hers: K| {
            let lang = locale.0.get();
            let template = text(lang, if mine { hers } else { theirs });
            fill(template, &[("who", &who), ("when", &when(created, lang))])
        }
    };
    let Editing {
        menu,
        editing,
        edit_text,
        reporting,
        reported: _,
    } = shared;
    let (error, update_message) = (state.error, move |m: Message| state.put(m));
    let class = {
        let mut c = String::from("chat-message");
        for (on, name) in [
            (mine, " chat-mine"),
            (place.continues, " chat-continues"),
            (for_me, " chat-mention"),
        ] {
            if on {
                c.push_str(name);
            }
        }
        c
    };
    let menu_id = format!("message-actions-{seq}");
    let toggle_ref = NodeRef::<leptos::html::Button>::new();
    let open = move || menu.get() == Some(id);
    let reactions = m.reactions.clone();
    view! {
        <li class=class id=format!("message-{seq}")>
            {place.new_day.then(|| view! {
                <p class="chat-day"><span>{move || day_label(created, locale.0.get())}</span></p>
            })}
            <div class="chat-row">
                <div class="chat-bubble">
                    // Her own messages and the ones that continue a group show no name; screen
                    // readers still hear whose they are.
                    {if mine || place.continues {
                        view! {
                            <span class="visually-hidden">{if mine { text(locale.0.get_untracked(), K::CoYou).to_owned() } else { who.clone() }} ": "</span>
                        }.into_any()
                    } else {
                        view! { <p class="chat-sender">{who.clone()}</p> }.into_any()
                    }}
                    {m.quote.clone().map(|q| view! {
                        <blockquote class="chat-quote small mb-1">
                            <a href=format!("#message-{}", q.seq)>{tr(K::CoReplyTo)} " " {sender_label(&q.sender_name)}</a>
                            ": "
                            {if q.excerpt.is_empty() { text(locale.0.get_untracked(), K::CoDeleted).to_owned() } else { q.excerpt.clone() }}
                        </blockquote>
                    })}
                    {if m.held {
                        view! { <p class="fst-italic text-muted mb-0">{tr(K::CoHeld)}</p> }.into_any()
                    } else if m.hidden {
                        view! { <p class="fst-italic text-muted mb-0">{tr(K::CoHidden)}</p> }.into_any()
                    } else if m.deleted {
                        view! { <p class="fst-italic text-muted mb-0">{tr(K::CoDeleted)}</p> }.into_any()
                    } else {
                        let body = m.body.clone();
                        view! {
                            <Show when=move || editing.get() != Some(id)
                                fallback=move || view! {
                                    <form class="mt-1" on:submit=move |ev: leptos::ev::SubmitEvent| {
                                        ev.prevent_default();
                                        let text = edit_text.get_untracked();
                                        spawn_local(async move {
                                            match api::edit_message(room_id, id, &text).await {
                                                Ok(m) => { editing.set(None); update_message(m); }
                                                Err(e) => error.set(Some(e)),
                                            }
                                        });
                                    }>
                                        <label class="visually-hidden" for=format!("edit-{id}")>{tr(K::CoEdit)}</label>
                                        <textarea class="form-control form-control-sm" id=format!("edit-{id}") rows="3" maxlength="4000"
                                            prop:value=move || edit_text.get() on:input=move |ev| edit_text.set(event_target_value(&ev))></textarea>
                                        <div class="d-flex gap-2 mt-1">
                                            <button type="submit" class="btn btn-sm btn-primary">{tr(K::SaveNow)}</button>
                                            <button type="button" class="btn btn-sm btn-outline-primary" on:click=move |_| editing.set(None)>{tr(K::Cancel)}</button>
                                        </div>
                                    </form>
                                }>
                                <p class="text-prewrap mb-0">{linkified(&body)}</p>
                            </Show>
                        }.into_any()
                    }}
                    <p class="chat-meta">
                        {clock(created)}
                        {m.edited_at.is_some().then(|| view! { " · " {tr(K::CoEdited)} })}
                        {for_me.then(|| view! { " · @ " {tr(K::CoMentionsYou)} })}
                    </p>
                </div>
                {(!gone).then(|| {
                    let label = named.clone();
                    view! {
                        <button type="button" class="chat-more" node_ref=toggle_ref
                            aria-expanded=move || open().to_string() aria-controls=menu_id.clone()
                            aria-label=move || label(K::CoActMenu, K::CoActMenuMine)
                            on:click=move |_| menu.update(|o| *o = if *o == Some(id) { None } else { Some(id) })>
                            <span aria-hidden="true">"⋯"</span>
                        </button>
                    }
                })}
            </div>
            {(!reactions.is_empty() && !gone).then(|| view! {
                <div class="chat-reactions">
                    {reactions.into_iter().map(|r| {
                        let given = me.is_some_and(|u| r.users.contains(&u));
                        let emoji = r.emoji.clone();
                        let count = r.users.len();
                        view! {
                            <button type="button" class="btn btn-sm btn-outline-secondary py-0"
                                aria-pressed=given.to_string()
                                disabled=move || !state.is_member()
                                on:click=move |_| {
                                    let emoji = emoji.clone();
                                    spawn_local(async move {
                                        match api::react(room_id, id, &emoji, !given).await {
                                            Ok(m) => update_message(m),
                                            Err(e) => error.set(Some(e)),
                                        }
                                    });
                                }>
                                {r.emoji.clone()} " " {count}
                                <span class="visually-hidden">" " {tr(K::CoReactions)}</span>
                            </button>
                        }
                    }).collect_view()}
                </div>
            })}
            {move || (open() && !gone).then(|| view! {
                <MessageMenu state=state shared=shared m=m.clone() named=named.clone() toggle=toggle_ref />
            })}
            {move || (reporting.get() == Some(id)).then(|| view! {
                <ReportForm room_id=room_id message_id=id reporting=reporting reported=shared.reported />
            })}
        </li>
    }
}

/// What she may do with one message, opened from its button: reply, react, edit and delete her
/// own, report someone else's; those who run the room pin and hide. Escape closes it and puts
/// her back on its button; each action names the message it acts on.
#[component]
fn MessageMenu<F>(
    state: RoomState,
    shared: Editing,
    m: Message,
    named: F,
    toggle: NodeRef<leptos::html::Button>,
) -> impl IntoView
where
    F: Fn(K, K) -> String + Clone + Send + Sync + 'static,
{
    let locale = use_locale();
    let room_id = state.room_id;
    let id = m.id;
    let mine = Some(m.sender_id) == state.me;
    let Editing {
        menu,
        editing,
        edit_text,
        reporting,
        reported,
    } = shared;
    let (error, update_message) = (state.error, move |m: Message| state.put(m));
    let close = move || {
        menu.set(None);
        if let Some(b) = toggle.get_untracked() {
            let _ = b.focus();
        }
    };
    let pinned = move || {
        state
            .room
            .with(|r| r.as_ref().is_some_and(|r| r.pinned.contains(&id)))
    };
    let first = NodeRef::<leptos::html::Div>::new();
    // Opened: the actions come into view, and her keyboard goes to the first.
    Effect::new(move |_| {
        if let Some(el) = first.get() {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            el.scroll_into_view_with_scroll_into_view_options(&options);
        }
        if let Some(el) = first.get()
            && let Ok(Some(b)) = el.query_selector("button")
            && let Ok(b) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(b)
        {
            let _ = b.focus();
        }
    });
    let replied = m.clone();
    let body = m.body.clone();
    let (n1, n2, n3, n4, n5, n6, n7) = (
        named.clone(),
        named.clone(),
        named.clone(),
        named.clone(),
        named.clone(),
        named.clone(),
        named,
    );
    view! {
        <div class="chat-menu" id=format!("message-actions-{}", m.seq) node_ref=first
            role="group" aria-label=move || n1(K::CoActMenu, K::CoActMenuMine)
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    close();
                }
            }>
            <Show when=move || state.is_member()>
                {
                    let replied = replied.clone();
                    let n2 = n2.clone();
                    view! {
                        <button type="button" class="btn btn-sm btn-outline-primary"
                            aria-label=move || n2(K::CoActReply, K::CoActReplyMine)
                            on:click=move |_| {
                                state.reply_to.set(Some(replied.clone()));
                                menu.set(None);
                                state.focus_composer();
                            }>
                            {tr(K::CoReply)}
                        </button>
                    }
                }
                {
                    let n3 = n3.clone();
                    view! {
                        <div class="chat-react" role="group" aria-label=move || n3(K::CoActReact, K::CoActReactMine)>
                            {REACTIONS.iter().map(|e| {
                                let emoji = (*e).to_owned();
                                view! {
                                    <button type="button" class="btn btn-sm btn-light"
                                        aria-label=move || fill(text(locale.0.get(), K::CoActReactWith), &[("emoji", e)])
                                        on:click=move |_| {
                                            let emoji = emoji.clone();
                                            menu.set(None);
                                            spawn_local(async move {
                                                match api::react(room_id, id, &emoji, true).await {
                                                    Ok(m) => update_message(m),
                                                    Err(e) => error.set(Some(e)),
                                                }
                                            });
                                        }>{*e}</button>
                                }
                            }).collect_view()}
                        </div>
                    }
                }
            </Show>
            {mine.then(|| {
                let body = body.clone();
                view! {
                    <button type="button" class="btn btn-sm btn-outline-primary"
                        aria-label=move || n4(K::CoActEdit, K::CoActEdit)
                        on:click=move |_| { edit_text.set(body.clone()); editing.set(Some(id)); menu.set(None); }>
                        {tr(K::CoEdit)}
                    </button>
                    <button type="button" class="btn btn-sm btn-outline-danger"
                        aria-label=move || n5(K::CoActDelete, K::CoActDelete)
                        on:click=move |_| {
                            if !confirm(text(locale.0.get_untracked(), K::CoDeleteConfirm)) { return; }
                            menu.set(None);
                            spawn_local(async move {
                                match api::delete_message(room_id, id).await {
                                    Ok(m) => update_message(m),
                                    Err(e) => error.set(Some(e)),
                                }
                            });
                        }>
                        {tr(K::CoDelete)}
                    </button>
                }
            })}
            {(!mine).then(|| view! {
                <button type="button" class="btn btn-sm btn-outline-primary"
                    aria-label=move || n6(K::CoActReport, K::CoActReport)
                    on:click=move |_| { reported.set(false); reporting.set(Some(id)); menu.set(None); }>
                    {tr(K::CoReport)}
                </button>
            })}
            {move || state.runs().then(|| {
                let n7 = n7.clone();
                let n8 = n7.clone();
                view! {
                    <button type="button" class="btn btn-sm btn-outline-primary"
                        aria-label=move || if pinned() { n7(K::CoActUnpin, K::CoActUnpin) } else { n7(K::CoActPin, K::CoActPin) }
                        on:click=move |_| {
                            let on = !pinned();
                            menu.set(None);
                            spawn_local(async move {
                                match api::pin(room_id, id, on).await {
                                    Ok(()) => {
                                        if let Ok(r) = api::room(room_id).await { state.room.set(Some(r)); }
                                    }
                                    Err(e) => error.set(Some(e)),
                                }
                            });
                        }>
                        {move || tr(if pinned() { K::CoUnpin } else { K::CoPin })}
                    </button>
                    <button type="button" class="btn btn-sm btn-outline-danger"
                        aria-label=move || n8(K::CoActHide, K::CoActHide)
                        on:click=move |_| {
                            let Some(why) = prompt(text(locale.0.get_untracked(), K::CoHideReason)) else { return; };
                            menu.set(None);
                            spawn_local(async move {
                                match api::hide_message(room_id, id, &why).await {
                                    Ok(m) => update_message(m),
                                    Err(e) => error.set(Some(e)),
                                }
                            });
                        }>
                        {tr(K::CoHide)}
                    </button>
                }
            })}
            <button type="button" class="btn btn-sm btn-link" on:click=move |_| close()>{tr(K::Close)}</button>
        </div>
    }
}
