//! Where she writes: the message she answers, `@` mentions suggested from the room's members,
//! Enter to send (Shift+Enter for a new line), a send retried once with the same client id on a
//! network failure (never sent twice), and nothing to write while she is muted.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{NewMessage, RoomMember, UserId};

use super::live::RoomState;
use crate::api::{self, ApiError};
use crate::i18n::{K, text, tr, use_locale};

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
    view! {
        {move || muted().map(|(until, why)| view! {
            <div class="alert alert-warning" role="status">
                {tr(K::CoMutedUntil)} " " {until.format("%d/%m/%Y %H:%M").to_string()}
                {why.map(|w| view! { <br /> {tr(K::CoReason)} ": " {w} })}
            </div>
        })}
        <p class="small text-muted chat-typing" aria-hidden="true">{typing_line}</p>
        <Show when=move || state.is_member() fallback=|| view! { <p>{tr(K::CoJoinToWrite)}</p> }>
            <form class="mt-2" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); send(); }>
                {move || reply_to.get().map(|m| view! {
                    <div class="chat-quote small mb-2 d-flex justify-content-between gap-2">
                        <span>{tr(K::CoReplyTo)} " " {m.sender_name.clone()} ": " {m.body.chars().take(120).collect::<String>()}</span>
                        <button type="button" class="btn btn-link btn-sm p-0" on:click=move |_| reply_to.set(None)>{tr(K::Cancel)}</button>
                    </div>
                })}
                <label class="form-label" for="composer">{tr(K::CoWrite)}</label>
                <textarea id="composer" class="form-control" rows="2" maxlength="4000"
                    node_ref=state.composer
                    aria-describedby="composer-hint"
                    disabled=move || muted().is_some()
                    prop:value=move || draft.get()
                    on:input=move |ev| {
                        draft.set(event_target_value(&ev));
                        on_typing.run(());
                    }
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Enter" && !ev.shift_key() {
                            ev.prevent_default();
                            send();
                        }
                    }></textarea>
                {move || {
                    let found = suggestions();
                    (!found.is_empty()).then(|| view! {
                        <div class="d-flex gap-2 flex-wrap mt-1" role="group" aria-label=tr(K::CoMentionSomeone)>
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
                <p class="small text-muted" id="composer-hint">{tr(K::CoComposerHint)}</p>
                <button type="submit" class="btn btn-primary" disabled=move || muted().is_some()>{tr(K::CoSend)}</button>
            </form>
        </Show>
    }
}
