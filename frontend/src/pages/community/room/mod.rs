//! A room: its history (older pages as she scrolls up, or with a button), new messages live
//! over the community socket (announced to screen readers), replies, mentions, reactions, edits
//! and deletions of her own messages, who is here and online, who is typing, a composer that
//! sends on Enter, and reports to the room's moderators. Those who run the room also pin, hide,
//! mute, remove and ban from here.
//!
//! The page holds the room's state ([`live::RoomState`]) and its live connection
//! ([`live::Live`], over [`crate::api::LiveSocket`]), and is made of the member list, the
//! message list and the composer.

mod composer;
mod live;
mod members;
mod message_list;
mod report;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared::{Message, RoomKind};
use uuid::Uuid;

use crate::api;
use crate::components::{ErrorSummary, Page, confirm};
use crate::i18n::{K, text, tr, use_locale};
use crate::session::use_session;
use composer::Composer;
use live::{Live, RoomState};
use members::MemberList;
use message_list::MessageList;

#[component]
pub fn RoomPage() -> impl IntoView {
    let params = use_params_map();
    let Some(room_id) =
        params.with_untracked(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok()))
    else {
        return view! { <crate::components::NotFound /> }.into_any();
    };
    let session = use_session();
    let locale = use_locale();
    let navigate = use_navigate();
    let state = RoomState::new(
        room_id,
        session.me.with_untracked(|m| m.as_ref().map(|m| m.id)),
        session.me.with_untracked(|m| m.as_ref().map(|m| m.role)),
    );
    let (room, messages, error) = (state.room, state.messages, state.error);
    let more_before = RwSignal::new(false);
    spawn_local(async move {
        match api::room(room_id).await {
            Ok(r) => room.set(Some(r)),
            Err(e) => {
                error.set(Some(e));
                return;
            }
        }
        match api::history(room_id, None).await {
            Ok(h) => {
                more_before.set(h.more_before);
                let last = h.messages.last().map(|m| m.seq);
                messages.set(h.messages.into_iter().map(|m| (m.seq, m)).collect());
                state.scroll_to_end();
                if let Some(seq) = last {
                    let _ = api::mark_read(room_id, seq).await;
                }
            }
            Err(e) => error.set(Some(e)),
        }
        state.load_members();
    });
    let live = StoredValue::new_local(Live::open(state));
    on_cleanup(move || live.with_value(|l| l.close()));
    let on_typing = Callback::new(move |()| live.with_value(|l| l.typing()));

    let title = move || {
        room.with(|r| {
            r.as_ref().map(|r| match (&r.kind, &r.peer) {
                (RoomKind::Direct, Some(p)) => p.name.clone(),
                _ => r.name.get(locale.0.get()).to_owned(),
            })
        })
        .unwrap_or_default()
    };
    let leave = {
        let navigate = navigate.clone();
        move |_| {
            if !confirm(text(locale.0.get_untracked(), K::CoLeaveConfirm)) {
                return;
            }
            let navigate = navigate.clone();
            spawn_local(async move {
                match api::leave_room(room_id).await {
                    Ok(()) => navigate("/community", Default::default()),
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };

    view! {
        <Page title=K::CoRoom>
            <div class="d-flex justify-content-between align-items-start flex-wrap gap-2">
                <p class="lead mb-1">
                    {title}
                    {move || room.with(|r| r.as_ref().and_then(|r| r.peer.as_ref()).map(|p| p.online)).map(|online| view! {
                        <span class="small text-muted">" · " {tr(if online { K::CoOnline } else { K::CoOffline })}</span>
                    })}
                </p>
                <Show when=move || state.is_member()>
                    <button type="button" class="btn btn-sm btn-outline-primary" on:click=leave.clone()>{tr(K::CoLeave)}</button>
                </Show>
            </div>
            {move || room.get().filter(|r| r.kind != RoomKind::Direct).map(|r| {
                let rules = r.rules.clone();
                let description = r.description.clone();
                view! {
                    <p class="small">{move || description.get(locale.0.get()).to_owned()}</p>
                    <details class="mb-2">
                        <summary>{tr(K::CoRules)}</summary>
                        <p class="text-prewrap small">{move || rules.get(locale.0.get()).to_owned()}</p>
                    </details>
                    {r.slow_mode_seconds.map(|s| view! {
                        <p class="small text-muted">{tr(K::CoSlowModeOn)} " " {s} " s"</p>
                    })}
                }
            })}
            <MemberList state=state />
            {move || {
                let pinned: Vec<Message> = room.with(|r| r.as_ref().map(|r| r.pinned.clone()).unwrap_or_default())
                    .into_iter()
                    .filter_map(|id| messages.with(|ms| ms.values().find(|m| m.id == id).cloned()))
                    .collect();
                (!pinned.is_empty()).then(|| view! {
                    <section class="card card-bg p-2 mb-2" aria-labelledby="pinned-heading">
                        <h2 class="h6" id="pinned-heading">{tr(K::CoPinned)}</h2>
                        <ul class="list-unstyled small mb-0">
                            {pinned.into_iter().map(|m| view! {
                                <li><a href=format!("#message-{}", m.seq)>{m.sender_name.clone()} ": " {m.body.chars().take(120).collect::<String>()}</a></li>
                            }).collect_view()}
                        </ul>
                    </section>
                })
            }}
            <ErrorSummary error=error />
            <div class="visually-hidden" aria-live="polite" aria-atomic="true" id="chat-announcer">
                {move || state.announce.get()}
            </div>
            <MessageList state=state more_before=more_before />
            <Composer state=state on_typing=on_typing />
            <p class="mt-3"><a href="/community">{tr(K::CoBack)}</a></p>
        </Page>
    }
    .into_any()
}
