//! Where she writes, at the bottom of the room: the message she answers, `@` mentions suggested
//! from the room's members, Enter to send with a keyboard (Shift+Enter for a new line) and a new
//! line on a touch screen (she sends with the button, as in the messaging apps), a send retried
//! once with the same client id on a network failure (never sent twice), nothing to write while
//! she is muted, and the button to join a room she only reads.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{NewMessage, RoomKind, RoomMember, UserId};

use super::live::RoomState;
use crate::api::{self, ApiError};
use crate::components::date_time;
use crate::i18n::{K, fill, text, tr, use_locale};

/// A client message id: the server stores a message once per id.
fn client_id() -> String {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "random bits"
    )]
    let (a, b) = (
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 1e15) as u64,
    );
    format!("w{a:x}-{b:x}")
}

/// Whether she types on a touch screen (no fine pointer): there Enter makes a new line.
fn touch_screen() -> bool {
    window()
        .match_media("(pointer: coarse)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// The `@word` being typed at the end of the draft, if any.
fn mention_query(draft: &str) -> Option<String> {
    let last = draft.rsplit(char::is_whitespace).next()?;
    let q = last.strip_prefix('@')?;
    (!q.is_empty() && !q.contains('@')).then(|| q.to_lowercase())
}

#[component]
pub(super) fn Composer(state: RoomState, on_typing: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    let draft = RwSignal::new(String::new());
    let (me, members, reply_to) = (state.me, state.members, state.reply_to);
    let send = move || {
        let body = draft.get_untracked();
        if body.trim().is_empty() {
            return;
        }
        let mentions: Vec<UserId> = members.with_untracked(|ms| {
            ms.iter()
                .filter(|m| Some(m.user_id) != me && body.contains(&format!("@{}", m.name)))
                .map(|m| m.user_id)
                .collect()
        });
        let message = NewMessage {
            client_id: client_id(),
            body,
            reply_to: reply_to.with_untracked(|r| r.as_ref().map(|m| m.id)),
            mentions,
        };
        let room_id = state.room_id;
        spawn_local(async move {
            // A network failure is retried with the same client id: never twice.
            let mut result = api::send_message(room_id, &message).await;
            if matches!(result, Err(ApiError::Network(_))) {
                result = api::send_message(room_id, &message).await;
            }
            match result {
                Ok(m) => {
                    draft.set(String::new());
                    reply_to.set(None);
                    state.error.set(None);
                    state.put(m);
                    state.scroll_to_end();
                }
                Err(e) => state.error.set(Some(e)),
            }
        });
    };
    let suggestions = move || -> Vec<RoomMember> {
        let Some(q) = mention_query(&draft.get()) else {
            return Vec::new();
        };
        members.with(|ms| {
            ms.iter()
                .filter(|m| Some(m.user_id) != me)
                .filter(|m| {
                    m.name.to_lowercase().starts_with(&q)
                        || m.name
                            .to_lowercase()
                            .split_whitespace()
                            .any(|w| w.starts_with(&q))
                })
                .take(5)
                .cloned()
                .collect()
        })
    };
    let typing_line = move || {
        let names: Vec<String> = state
            .typing
            .with(|t| t.values().map(|(n, _)| n.clone()).collect());
        (!names.is_empty())
            .then(|| format!("{} {}", names.join(", "), text(locale.0.get(), K::CoTyping)))
    };
    let muted = move || state.muted();
    let touch = touch_screen();
    let join = move |_| {
        let room_id = state.room_id;
        spawn_local(async move {
            match api::join_room(room_id).await {
                Ok(_) => {
                    if let Ok(r) = api::room(room_id).await {
                        state.room.set(Some(r));
                    }
                    state.load_members();
                }
                Err(e) => state.error.set(Some(e)),
            }
        });
    };
    // A room she may join: public or announcements, not archived.
    let joinable = move || {
        state.room.with(|r| {
            r.as_ref().is_some_and(|r| {
                !r.archived && matches!(r.kind, RoomKind::Public | RoomKind::Announcement)
            })
        })
    };
    let room_name = move || {
        state
            .room
            .with(|r| r.as_ref().map(|r| r.name.get(locale.0.get()).to_owned()))
            .unwrap_or_default()
    };
    view! {
        <div class="room-foot">
            {move || muted().map(|(until, why)| view! {
                <div class="alert alert-warning mb-1" role="status">
                    {tr(K::CoMutedUntil)} " " {move || date_time(until, locale.0.get())}
                    {why.map(|w| view! { <br /> {tr(K::CoReason)} ": " {w} })}
                </div>
            })}
            {move || state.room.with(|r| r.as_ref().and_then(|r| r.slow_mode_seconds)).map(|s| view! {
                <p class="small text-muted mb-0">{tr(K::CoSlowModeOn)} " " {s} " s"</p>
            })}
            <p class="small text-muted chat-typing mb-0" aria-hidden="true">{typing_line}</p>
            <Show when=move || state.is_member()
                fallback=move || view! {
                    <div class="d-flex flex-wrap align-items-center gap-2 py-1">
                        <p class="mb-0">{tr(K::CoJoinToWrite)}</p>
                        <Show when=joinable>
                            <button type="button" class="btn btn-primary"
                                aria-label=move || fill(text(locale.0.get(), K::CoJoinRoom), &[("room", &room_name())])
                                on:click=join>
                                {tr(K::CoJoin)}
                            </button>
                        </Show>
                    </div>
                }>
                <form on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); send(); }>
                    {move || reply_to.get().map(|m| view! {
                        <div class="chat-quote small mb-1 d-flex justify-content-between align-items-center gap-2">
                            <span class="text-break">{tr(K::CoReplyTo)} " " {m.sender_name.clone()} ": " {m.body.chars().take(120).collect::<String>()}</span>
                            <button type="button" class="btn btn-link btn-sm p-0" on:click=move |_| reply_to.set(None)>{tr(K::Cancel)}</button>
                        </div>
                    })}
                    {move || {
                        let found = suggestions();
                        (!found.is_empty()).then(|| view! {
                            <div class="d-flex gap-2 flex-wrap mb-1" role="group" aria-label=tr(K::CoMentionSomeone)>
                                {found.into_iter().map(|m| {
                                    let name = m.name.clone();
                                    view! {
                                        <button type="button" class="btn btn-sm btn-outline-primary py-0"
                                            on:click=move |_| {
                                                draft.update(|d| {
                                                    let cut = d.rfind('@').unwrap_or(d.len());
                                                    d.truncate(cut);
                                                    d.push('@');
                                                    d.push_str(&name);
                                                    d.push(' ');
                                                });
                                                state.focus_composer();
                                            }>
                                            "@" {m.name.clone()}
                                        </button>
                                    }
                                }).collect_view()}
                            </div>
                        })
                    }}
                    <label class="visually-hidden" for="composer">{tr(K::CoWrite)}</label>
                    <p class="visually-hidden" id="composer-hint">{tr(if touch { K::CoComposerHintTouch } else { K::CoComposerHint })}</p>
                    <div class="composer-row">
                        <textarea id="composer" class="form-control" rows="1" maxlength="4000"
                            node_ref=state.composer
                            placeholder=tr(K::CoWrite)
                            aria-describedby="composer-hint"
                            enterkeyhint=if touch { "enter" } else { "send" }
                            disabled=move || muted().is_some()
                            prop:value=move || draft.get()
                            on:input=move |ev| {
                                draft.set(event_target_value(&ev));
                                on_typing.run(());
                            }
                            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                // On a touch screen Enter is a new line: she sends with the button.
                                if !touch && ev.key() == "Enter" && !ev.shift_key() && !ev.is_composing() {
                                    ev.prevent_default();
                                    send();
                                }
                            }></textarea>
                        <button type="submit" class="btn btn-primary" disabled=move || muted().is_some()>{tr(K::CoSend)}</button>
                    </div>
                </form>
            </Show>
        </div>
    }
}
