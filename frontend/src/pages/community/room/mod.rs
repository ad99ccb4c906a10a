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
use crate::i18n::{K, fill, text, tr, use_locale};
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

    let title = Signal::derive(move || {
        room.with(|r| {
            r.as_ref().map(|r| match (&r.kind, &r.peer) {
                (RoomKind::Direct, Some(p)) => p.name.clone(),
                _ => r.name.get(locale.0.get()).to_owned(),
            })
        })
        .unwrap_or_default()
    });
    let direct = move || room.with(|r| r.as_ref().is_some_and(|r| r.kind == RoomKind::Direct));
    let leave = {
        let navigate = navigate.clone();
        move || {
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
    let leave = StoredValue::new_local(leave);
    // The room fills the screen below where it starts: the log between its header and the
    // composer, which stays at the bottom (as in the messaging apps she knows). On a phone the
    // site's header scrolls away above the room's heading (scrolling up brings it back).
    let room_ref = NodeRef::<leptos::html::Div>::new();
    let fit = move || {
        let Some(el) = room_ref.get_untracked() else {
            return;
        };
        let w = window();
        let scrolled = w.scroll_y().unwrap_or(0.0);
        let mut top = el.get_bounding_client_rect().top() + scrolled;
        let narrow = w
            .inner_width()
            .ok()
            .and_then(|v| v.as_f64())
            .is_some_and(|v| v < 768.0);
        if narrow && let Some(heading) = document().get_element_by_id("page-title") {
            let heading_top = heading.get_bounding_client_rect().top() + scrolled - 8.0;
            top -= heading_top;
            w.scroll_to_with_x_and_y(0.0, heading_top);
        }
        let _ = web_sys::HtmlElement::style(&el).set_property("--room-top", &format!("{top:.0}px"));
    };
    // Again once the room's header has its content (name, pinned messages), after it is drawn.
    Effect::new(move |_| {
        room.track();
        if room_ref.get().is_some() {
            set_timeout(fit, std::time::Duration::ZERO);
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| fit());
    on_cleanup(move || resize.remove());
    let people_line = move || {
        let (people, online) = state
            .members
            .with(|ms| (ms.len(), ms.iter().filter(|m| m.online).count()));
        fill(
            text(locale.0.get(), K::CoPeopleCount),
            &[
                ("people", &people.to_string()),
                ("online", &online.to_string()),
            ],
        )
    };

    view! {
        <Page title=K::CoRoom heading=title compact=true>
            <div class="room" node_ref=room_ref>
                <div class="room-head">
                    <p class="small mb-1 d-flex flex-wrap align-items-center gap-2">
                        <a href="/community">"← " {tr(K::CoBack)}</a>
                        // Online only when the other person shows it (off until she turns it on):
                        // nothing is said otherwise.
                        {move || room.with(|r| r.as_ref().and_then(|r| r.peer.as_ref()).is_some_and(|p| p.online)).then(|| view! {
                            <span class="text-muted">
                                <span class="presence presence-on" aria-hidden="true"></span>
                                " " {tr(K::CoOnline)}
                            </span>
                        })}
                        <Show when=move || !direct() && room.with(Option::is_some)>
                            <span class="text-muted">{people_line}</span>
                        </Show>
                    </p>
                    <div class="room-bar">
                    <Show when=move || !direct() && room.with(Option::is_some)>
                        <details class="room-info">
                            <summary>{tr(K::CoInfo)}</summary>
                            <div class="room-info-body" tabindex="0" role="region" aria-label=tr(K::CoInfo)>
                                {move || room.get().map(|r| {
                                    let rules = r.rules.clone();
                                    let description = r.description.clone();
                                    view! {
                                        <p class="small">{move || description.get(locale.0.get()).to_owned()}</p>
                                        <h2 class="h6">{tr(K::CoRules)}</h2>
                                        <p class="text-prewrap small">{move || rules.get(locale.0.get()).to_owned()}</p>
                                    }
                                })}
                                <MemberList state=state />
                                <Show when=move || state.is_member()>
                                    <button type="button" class="btn btn-sm btn-outline-primary mt-2" on:click=move |_| leave.with_value(|l| l())>{tr(K::CoLeave)}</button>
                                </Show>
                            </div>
                        </details>
                    </Show>
                    {move || {
                        let pinned: Vec<Message> = room.with(|r| r.as_ref().map(|r| r.pinned.clone()).unwrap_or_default())
                            .into_iter()
                            .filter_map(|id| messages.with(|ms| ms.values().find(|m| m.id == id).cloned()))
                            .collect();
                        (!pinned.is_empty()).then(|| view! {
                            <details class="room-pins">
                                <summary>"📌 " {tr(K::CoPinned)} " (" {pinned.len()} ")"</summary>
                                <ul class="list-unstyled small mb-0">
                                    {pinned.into_iter().map(|m| view! {
                                        <li><a href=format!("#message-{}", m.seq)>{m.sender_name.clone()} ": " {m.body.chars().take(120).collect::<String>()}</a></li>
                                    }).collect_view()}
                                </ul>
                            </details>
                        })
                    }}
                    </div>
                    <ErrorSummary error=error />
                </div>
                <div class="visually-hidden" aria-live="polite" aria-atomic="true" id="chat-announcer">
                    {move || state.announce.get()}
                </div>
                <MessageList state=state more_before=more_before />
                <Composer state=state on_typing=on_typing />
            </div>
        </Page>
    }
    .into_any()
}
