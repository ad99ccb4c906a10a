//! The room's log: older pages as she scrolls up (or with a button), the end followed while she
//! reads it, and each message with its quote, reactions and the actions she may take on it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{Message, REACTIONS};
use uuid::Uuid;

use super::live::RoomState;
use super::report::ReportForm;
use crate::api;
use crate::components::{confirm, prompt};
use crate::i18n::{K, text, tr, use_locale};
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

/// What the log's messages share: which one she edits or reports, and the edit's text.
#[derive(Clone, Copy)]
struct Editing {
    editing: RwSignal<Option<Uuid>>,
    edit_text: RwSignal<String>,
    reporting: RwSignal<Option<Uuid>>,
    reported: RwSignal<bool>,
}

#[component]
pub(super) fn MessageList(state: RoomState, more_before: RwSignal<bool>) -> impl IntoView {
    let loading_older = RwSignal::new(false);
    let shared = Editing {
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
    let list = move || -> Vec<Message> { messages.get().into_values().collect() };
    view! {
        {move || more_before.get().then(|| view! {
            <button type="button" class="btn btn-sm btn-outline-primary mb-2" on:click=move |_| older()>
                {tr(K::CoOlder)}
            </button>
        })}
        // A tab stop (keys scroll it) only when there is something to read.
        <ol class="list-unstyled chat-log" aria-label=tr(K::CoMessages) node_ref=log_ref on:scroll=on_scroll
            tabindex=move || (!messages.with(|m| m.is_empty())).then_some("0")>
            <For each=list
                key=|m| (m.seq, m.edited_at, m.deleted, m.hidden, m.held, format!("{:?}", m.reactions))
                let:m>
                <MessageItem state=state shared=shared m=m />
            </For>
        </ol>
        {move || shared.reported.get().then(|| view! {
            <div class="alert alert-success" role="status">{tr(K::CoReported)}</div>
        })}
    }
}

/// One message: who and when, the message it answers, its text (or why it is not shown), its
/// reactions and what she may do with it.
#[component]
fn MessageItem(state: RoomState, shared: Editing, m: Message) -> impl IntoView {
    let locale = use_locale();
    let room_id = state.room_id;
    let me = state.me;
    let mine = Some(m.sender_id) == me;
    let id = m.id;
    let seq = m.seq;
    let time = m.created_at.format("%H:%M").to_string();
    let for_me = me.is_some_and(|u| m.mentions.contains(&u));
    let gone = m.hidden || m.deleted || m.held;
    let replied = m.clone();
    let body_for_edit = m.body.clone();
    let pinned = move || {
        state
            .room
            .with(|r| r.as_ref().is_some_and(|r| r.pinned.contains(&id)))
    };
    let reactions = m.reactions.clone();
    let sender = m.sender_name.clone();
    let sender_in_show = m.sender_name.clone();
    let Editing {
        editing,
        edit_text,
        reporting,
        reported,
    } = shared;
    let (error, update_message) = (state.error, move |m: Message| state.put(m));
    view! {
        <li class=if for_me { "chat-message chat-mention py-2 border-bottom" } else { "chat-message py-2 border-bottom" }
            id=format!("message-{seq}")>
            <p class="mb-1 small">
                <strong>{sender_label(&m.sender_name)}</strong> " · " <span class="text-muted">{time}</span>
                {m.edited_at.is_some().then(|| view! { <span class="text-muted">" · " {tr(K::CoEdited)}</span> })}
                {for_me.then(|| view! { <span class="badge bg-warning text-dark ms-1">"@ " {tr(K::CoMentionsYou)}</span> })}
            </p>
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
                                <textarea class="form-control form-control-sm" id=format!("edit-{id}") rows="2" maxlength="4000"
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
            {(!reactions.is_empty() && !gone).then(|| {
                let reactions = reactions.clone();
                view! {
                    <div class="d-flex gap-1 flex-wrap mt-1">
                        {reactions.into_iter().map(|r| {
                            let given = me.is_some_and(|u| r.users.contains(&u));
                            let emoji = r.emoji.clone();
                            let count = r.users.len();
                            view! {
                                <button type="button" class="btn btn-sm btn-outline-secondary py-0"
                                    aria-pressed=given.to_string()
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
                }
            })}
            {(!gone).then(|| view! {
                <div class="d-flex gap-3 flex-wrap mt-1 small">
                    <Show when=move || state.is_member()>
                        <button type="button" class="btn btn-link btn-sm p-0"
                            on:click={
                                let replied = replied.clone();
                                move |_| {
                                    state.reply_to.set(Some(replied.clone()));
                                    state.focus_composer();
                                }
                            }>
                            {tr(K::CoReply)} <span class="visually-hidden">" " {sender_in_show.clone()} " " {seq}</span>
                        </button>
                        <details class="chat-react">
                            <summary class="btn btn-link btn-sm p-0">{tr(K::CoReact)} <span class="visually-hidden">" " {sender_in_show.clone()} " " {seq}</span></summary>
                            <div class="d-flex gap-1 flex-wrap">
                                {REACTIONS.iter().map(|e| {
                                    let emoji = (*e).to_owned();
                                    view! {
                                        <button type="button" class="btn btn-sm btn-light py-0" aria-label=format!("{e}")
                                            on:click=move |_| {
                                                let emoji = emoji.clone();
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
                        </details>
                    </Show>
                    {mine.then(|| {
                        let body = body_for_edit.clone();
                        view! {
                            <button type="button" class="btn btn-link btn-sm p-0"
                                on:click=move |_| { edit_text.set(body.clone()); editing.set(Some(id)); }>
                                {tr(K::CoEdit)} <span class="visually-hidden">" " {seq}</span>
                            </button>
                            <button type="button" class="btn btn-link btn-sm p-0"
                                on:click=move |_| {
                                    if !confirm(text(locale.0.get_untracked(), K::CoDeleteConfirm)) { return; }
                                    spawn_local(async move {
                                        match api::delete_message(room_id, id).await {
                                            Ok(m) => update_message(m),
                                            Err(e) => error.set(Some(e)),
                                        }
                                    });
                                }>
                                {tr(K::CoDelete)} <span class="visually-hidden">" " {seq}</span>
                            </button>
                        }
                    })}
                    {(!mine).then(|| view! {
                        <button type="button" class="btn btn-link btn-sm p-0"
                            on:click=move |_| { reported.set(false); reporting.set(Some(id)); }>
                            {tr(K::CoReport)} <span class="visually-hidden">" " {sender.clone()} " " {seq}</span>
                        </button>
                    })}
                    {move || state.runs().then(|| view! {
                        <button type="button" class="btn btn-link btn-sm p-0"
                            on:click=move |_| {
                                let on = !pinned();
                                spawn_local(async move {
                                    match api::pin(room_id, id, on).await {
                                        Ok(()) => {
                                            if let Ok(r) = api::room(room_id).await { state.room.set(Some(r)); }
                                        }
                                        Err(e) => error.set(Some(e)),
                                    }
                                });
                            }>
                            {move || tr(if pinned() { K::CoUnpin } else { K::CoPin })} <span class="visually-hidden">" " {seq}</span>
                        </button>
                        <button type="button" class="btn btn-link btn-sm p-0"
                            on:click=move |_| {
                                let Some(why) = prompt(text(locale.0.get_untracked(), K::CoHideReason)) else { return; };
                                spawn_local(async move {
                                    match api::hide_message(room_id, id, &why).await {
                                        Ok(m) => update_message(m),
                                        Err(e) => error.set(Some(e)),
                                    }
                                });
                            }>
                            {tr(K::CoHide)} <span class="visually-hidden">" " {seq}</span>
                        </button>
                    })}
                </div>
            })}
            {move || (reporting.get() == Some(id)).then(|| view! {
                <ReportForm room_id=room_id message_id=id reporting=reporting reported=reported />
            })}
        </li>
    }
}
