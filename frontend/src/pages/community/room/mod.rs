//! A room: its history (older pages as she scrolls up, or with a button), new messages live
//! over the community socket (announced to screen readers), replies, mentions, reactions, edits
//! and deletions of her own messages, who is here and online, who is typing, a composer that
//! sends on Enter, and reports to the room's moderators. Those who run the room also pin, hide,
//! mute, remove and ban from here.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared::{
    ClientEvent, MemberRole, Message, NewMessage, NewReport, REACTIONS, ReportReason, Role, Room,
    RoomKind, RoomMember, ServerEvent, UserId,
};
use uuid::Uuid;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use crate::api::{self, ApiError, MemberAction};
use crate::components::{ErrorSummary, Page};
use crate::i18n::{K, text, tr, use_locale};
use crate::session::use_session;

/// Someone typing, until when (ms since 1970).
type Typing = BTreeMap<UserId, (String, f64)>;

/// The live connection of the page: reconnects after a drop and resumes from the last message.
struct Live {
    room_id: Uuid,
    room: RwSignal<Option<Room>>,
    messages: RwSignal<BTreeMap<u64, Message>>,
    members: RwSignal<Vec<RoomMember>>,
    typing: RwSignal<Typing>,
    announce: RwSignal<String>,
    me: Option<UserId>,
    socket: RefCell<Option<web_sys::WebSocket>>,
    handlers: RefCell<Vec<Box<dyn std::any::Any>>>,
    closed: Cell<bool>,
    last_typing: Cell<f64>,
    /// A read marker waits to be sent (at most one every two seconds in a busy room).
    marking: Cell<bool>,
}

fn socket_url() -> Option<String> {
    let loc = web_sys::window()?.location();
    let scheme = if loc.protocol().ok()? == "https:" {
        "wss"
    } else {
        "ws"
    };
    Some(format!(
        "{scheme}://{}/api/v1/community/socket",
        loc.host().ok()?
    ))
}

fn later(ms: i32, f: impl FnOnce() + 'static) {
    let cb = Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), ms);
    }
}

impl Live {
    fn send(&self, event: &ClientEvent) {
        if let (Some(ws), Ok(text)) = (self.socket.borrow().as_ref(), serde_json::to_string(event))
        {
            let _ = ws.send_with_str(&text);
        }
    }

    fn last_seq(&self) -> u64 {
        self.messages
            .with_untracked(|m| m.keys().next_back().copied().unwrap_or(0))
    }

    fn resume(&self) {
        self.send(&ClientEvent::Resume {
            rooms: BTreeMap::from([(self.room_id, self.last_seq())]),
        });
    }

    /// Tells the room she is typing, at most every three seconds.
    fn typing(&self) {
        let now = js_sys::Date::now();
        if now - self.last_typing.get() > 3000.0 {
            self.last_typing.set(now);
            self.send(&ClientEvent::Typing {
                room_id: self.room_id,
            });
        }
    }

    fn connect(self: &Rc<Self>) {
        let this = self.clone();
        spawn_local(async move {
            if this.closed.get() {
                return;
            }
            let (Ok(token), Some(url)) = (api::access_token().await, socket_url()) else {
                let again = this.clone();
                later(5000, move || again.connect());
                return;
            };
            let Ok(ws) = web_sys::WebSocket::new(&url) else {
                return;
            };
            let opened = this.clone();
            let on_open = Closure::<dyn FnMut()>::new(move || {
                opened.send(&ClientEvent::Auth {
                    token: token.clone(),
                });
                opened.resume();
            });
            let got = this.clone();
            let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                move |e: web_sys::MessageEvent| {
                    if let Some(text) = e.data().as_string()
                        && let Ok(event) = serde_json::from_str::<ServerEvent>(&text)
                    {
                        got.handle(event);
                    }
                },
            );
            let dropped = this.clone();
            let on_close = Closure::<dyn FnMut()>::new(move || {
                if !dropped.closed.get() {
                    let again = dropped.clone();
                    later(2000, move || again.connect());
                }
            });
            ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
            ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
            let mut handlers = this.handlers.borrow_mut();
            handlers.clear();
            handlers.push(Box::new(on_open));
            handlers.push(Box::new(on_message));
            handlers.push(Box::new(on_close));
            drop(handlers);
            *this.socket.borrow_mut() = Some(ws);
        });
    }

    fn handle(self: &Rc<Self>, event: ServerEvent) {
        match event {
            ServerEvent::Ready { expires_at, .. } => {
                // A fresh token a minute before this one expires.
                let now = js_sys::Date::now() / 1000.0;
                #[allow(clippy::cast_possible_truncation, reason = "seconds fit an i32")]
                let wait = ((expires_at as f64 - now - 60.0).max(5.0) * 1000.0) as i32;
                let this = self.clone();
                later(wait, move || {
                    spawn_local(async move {
                        if let Ok(t) = api::refresh().await {
                            this.send(&ClientEvent::Auth {
                                token: t.access_token,
                            });
                        }
                    });
                });
            }
            ServerEvent::Message { message } if message.room_id == self.room_id => {
                let last = self.last_seq();
                let fresh = self
                    .messages
                    .with_untracked(|m| !m.contains_key(&message.seq));
                if fresh && Some(message.sender_id) != self.me {
                    self.announce.set(format!(
                        "{}: {}",
                        super::labels::sender_label(&message.sender_name),
                        message.body
                    ));
                    self.typing.update(|t| {
                        t.remove(&message.sender_id);
                    });
                }
                let seq = message.seq;
                self.messages.update(|m| {
                    m.insert(seq, message);
                });
                // A number skipped: ask for what is missing.
                if last > 0 && seq > last + 1 {
                    self.send(&ClientEvent::Resume {
                        rooms: BTreeMap::from([(self.room_id, last)]),
                    });
                }
                self.mark_read_soon();
            }
            ServerEvent::MessageUpdated { message } if message.room_id == self.room_id => {
                self.messages.update(|m| {
                    if m.contains_key(&message.seq) {
                        m.insert(message.seq, message);
                    }
                });
            }
            ServerEvent::PinsUpdated { room_id, pinned } if room_id == self.room_id => {
                self.room.update(|r| {
                    if let Some(r) = r {
                        r.pinned = pinned;
                    }
                });
            }
            ServerEvent::Typing {
                room_id,
                user_id,
                name,
            } if room_id == self.room_id => {
                let until = js_sys::Date::now() + 5000.0;
                self.typing.update(|t| {
                    t.insert(user_id, (name, until));
                });
                let typing = self.typing;
                later(5100, move || {
                    let now = js_sys::Date::now();
                    typing.update(|t| t.retain(|_, (_, u)| *u > now));
                });
            }
            ServerEvent::Presence { user_id, online } => {
                self.members.update(|ms| {
                    for m in ms.iter_mut().filter(|m| m.user_id == user_id) {
                        m.online = online;
                    }
                });
                self.room.update(|r| {
                    if let Some(p) = r.as_mut().and_then(|r| r.peer.as_mut())
                        && p.user_id == user_id
                    {
                        p.online = online;
                    }
                });
            }
            ServerEvent::Resync => self.resume(),
            ServerEvent::Refetch { room_id } if room_id == self.room_id => {
                let this = self.clone();
                spawn_local(async move {
                    if let Ok(h) = api::history(this.room_id, None).await {
                        this.messages
                            .set(h.messages.into_iter().map(|m| (m.seq, m)).collect());
                    }
                });
            }
            _ => {}
        }
    }

    /// Moves her read marker to the newest message, at most every two seconds.
    fn mark_read_soon(self: &Rc<Self>) {
        if self.marking.replace(true) {
            return;
        }
        let this = self.clone();
        later(2000, move || {
            this.marking.set(false);
            let (room, seq) = (this.room_id, this.last_seq());
            if !this.closed.get() && seq > 0 {
                spawn_local(async move {
                    let _ = api::mark_read(room, seq).await;
                });
            }
        });
    }

    fn close(&self) {
        self.closed.set(true);
        if let Some(ws) = self.socket.borrow_mut().take() {
            let _ = ws.close();
        }
        self.handlers.borrow_mut().clear();
    }
}

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

/// The reasons of a report, in the order offered.
const REASONS: [ReportReason; 5] = [
    ReportReason::Harassment,
    ReportReason::Hate,
    ReportReason::Spam,
    ReportReason::PersonalData,
    ReportReason::Other,
];

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

/// The `@word` being typed at the end of the draft, if any.
fn mention_query(draft: &str) -> Option<String> {
    let last = draft.rsplit(char::is_whitespace).next()?;
    let q = last.strip_prefix('@')?;
    (!q.is_empty() && !q.contains('@')).then(|| q.to_lowercase())
}

fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// Asks for a text (a reason); `None` when she cancels or leaves it empty.
pub(super) fn prompt(message: &str) -> Option<String> {
    web_sys::window()
        .and_then(|w| w.prompt_with_message(message).ok().flatten())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

#[component]
#[allow(
    clippy::too_many_lines,
    reason = "one page, its parts close to each other"
)]
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
    let me = session.me.with_untracked(|m| m.as_ref().map(|m| m.id));
    let my_role = session.me.with_untracked(|m| m.as_ref().map(|m| m.role));
    let room = RwSignal::new(None::<Room>);
    let messages = RwSignal::new(BTreeMap::<u64, Message>::new());
    let members = RwSignal::new(Vec::<RoomMember>::new());
    let typing = RwSignal::new(Typing::new());
    let more_before = RwSignal::new(false);
    let loading_older = RwSignal::new(false);
    let announce = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let draft = RwSignal::new(String::new());
    let reply_to = RwSignal::new(None::<Message>);
    let editing = RwSignal::new(None::<Uuid>);
    let edit_text = RwSignal::new(String::new());
    let reporting = RwSignal::new(None::<Uuid>);
    let reported = RwSignal::new(false);
    let acting_on = RwSignal::new(None::<UserId>);
    let log_ref = NodeRef::<html::Ol>::new();
    let composer_ref = NodeRef::<html::Textarea>::new();

    let scroll_to_end = move || {
        later(0, move || {
            if let Some(el) = log_ref.get_untracked() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    };
    let load_members = move || {
        spawn_local(async move {
            if let Ok(m) = api::room_members(room_id).await {
                members.set(m);
            }
        });
    };
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
                scroll_to_end();
                if let Some(seq) = last {
                    let _ = api::mark_read(room_id, seq).await;
                }
            }
            Err(e) => error.set(Some(e)),
        }
        load_members();
    });
    let live = Rc::new(Live {
        room_id,
        room,
        messages,
        members,
        typing,
        announce,
        me,
        socket: RefCell::new(None),
        handlers: RefCell::new(Vec::new()),
        closed: Cell::new(false),
        last_typing: Cell::new(0.0),
        marking: Cell::new(false),
    });
    live.connect();
    let holder = StoredValue::new_local(live);
    on_cleanup(move || holder.with_value(|l| l.close()));

    // Older pages: when she scrolls to the top of the log, or with the button.
    let older = move || {
        if loading_older.get_untracked() || !more_before.get_untracked() {
            return;
        }
        loading_older.set(true);
        let first = messages.with_untracked(|m| m.keys().next().copied());
        let height_before = log_ref.get_untracked().map_or(0, |el| el.scroll_height());
        spawn_local(async move {
            match api::history(room_id, first).await {
                Ok(h) => {
                    more_before.set(h.more_before);
                    messages.update(|m| m.extend(h.messages.into_iter().map(|x| (x.seq, x))));
                    // Keep in view what she was reading.
                    later(0, move || {
                        if let Some(el) = log_ref.get_untracked() {
                            el.set_scroll_top(el.scroll_height() - height_before);
                        }
                    });
                }
                Err(e) => error.set(Some(e)),
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
            scroll_to_end();
        }
    });

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
                    error.set(None);
                    messages.update(|ms| {
                        ms.insert(m.seq, m);
                    });
                    scroll_to_end();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let update_message = move |m: Message| {
        messages.update(|ms| {
            ms.insert(m.seq, m);
        });
    };
    let is_member = move || room.with(|r| r.as_ref().is_some_and(|r| r.role.is_some()));
    let runs = move || {
        my_role.is_some_and(|r| matches!(r, Role::CommunityManager | Role::Admin))
            || room.with(|r| {
                r.as_ref()
                    .is_some_and(|r| r.role == Some(MemberRole::Manager))
            })
    };
    let title = move || {
        room.with(|r| {
            r.as_ref().map(|r| match (&r.kind, &r.peer) {
                (RoomKind::Direct, Some(p)) => p.name.clone(),
                _ => r.name.get(locale.0.get()).to_owned(),
            })
        })
        .unwrap_or_default()
    };
    let muted = move || {
        room.with(|r| {
            r.as_ref()
                .and_then(|r| r.muted_until.map(|u| (u, r.mute_reason.clone())))
        })
    };
    let list = move || -> Vec<Message> { messages.get().into_values().collect() };
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
        let names: Vec<String> = typing.with(|t| t.values().map(|(n, _)| n.clone()).collect());
        (!names.is_empty())
            .then(|| format!("{} {}", names.join(", "), text(locale.0.get(), K::CoTyping)))
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
                <Show when=is_member>
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
            <details class="mb-2">
                <summary>
                    {tr(K::CoPeople)} " (" {move || members.with(Vec::len)} " · "
                    {move || members.with(|ms| ms.iter().filter(|m| m.online).count())} " " {tr(K::CoOnline)} ")"
                </summary>
                <ul class="list-unstyled small mb-0">
                    <For each=move || members.get() key=|m| (m.user_id, m.online, m.muted_until) let:m>
                        {
                            let uid = m.user_id;
                            let can_act = Some(uid) != me && !m.staff;
                            view! {
                                <li class="py-1">
                                    <span class=if m.online { "presence presence-on" } else { "presence" } aria-hidden="true"></span>
                                    " " {m.name.clone()}
                                    {(m.role == MemberRole::Manager).then(|| view! { <span class="text-muted">" · " {tr(K::CoManager)}</span> })}
                                    <span class="visually-hidden">" · " {tr(if m.online { K::CoOnline } else { K::CoOffline })}</span>
                                    {m.muted_until.map(|u| view! { <span class="text-muted">" · " {tr(K::CoMutedUntil)} " " {u.format("%d/%m %H:%M").to_string()}</span> })}
                                    {move || (runs() && can_act).then(|| view! {
                                        " "
                                        <button type="button" class="btn btn-link btn-sm p-0"
                                            aria-expanded=move || (acting_on.get() == Some(uid)).to_string()
                                            on:click=move |_| acting_on.update(|a| *a = if *a == Some(uid) { None } else { Some(uid) })>
                                            {tr(K::CoModerate)} <span class="visually-hidden">" " {m.name.clone()}</span>
                                        </button>
                                    })}
                                    {move || (acting_on.get() == Some(uid)).then(|| view! {
                                        <MemberActions room_id=room_id user=uid acting_on=acting_on on_done=Callback::new(move |()| load_members()) />
                                    })}
                                </li>
                            }
                        }
                    </For>
                </ul>
            </details>
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
                {move || announce.get()}
            </div>
            {move || more_before.get().then(|| view! {
                <button type="button" class="btn btn-sm btn-outline-primary mb-2" on:click=move |_| older()>
                    {tr(K::CoOlder)}
                </button>
            })}
            <ol class="list-unstyled chat-log" aria-label=tr(K::CoMessages) node_ref=log_ref on:scroll=on_scroll tabindex="0">
                <For each=list
                    key=|m| (m.seq, m.edited_at, m.deleted, m.hidden, m.held, format!("{:?}", m.reactions))
                    let:m>
                    {
                        let mine = Some(m.sender_id) == me;
                        let id = m.id;
                        let seq = m.seq;
                        let time = m.created_at.format("%H:%M").to_string();
                        let for_me = me.is_some_and(|u| m.mentions.contains(&u));
                        let gone = m.hidden || m.deleted || m.held;
                        let replied = m.clone();
                        let body_for_edit = m.body.clone();
                        let pinned = move || room.with(|r| r.as_ref().is_some_and(|r| r.pinned.contains(&id)));
                        let reactions = m.reactions.clone();
                        let sender = m.sender_name.clone();
                        let sender_in_show = m.sender_name.clone();
                        view! {
                            <li class=if for_me { "chat-message chat-mention py-2 border-bottom" } else { "chat-message py-2 border-bottom" }
                                id=format!("message-{seq}")>
                                <p class="mb-1 small">
                                    <strong>{super::labels::sender_label(&m.sender_name)}</strong> " · " <span class="text-muted">{time}</span>
                                    {m.edited_at.is_some().then(|| view! { <span class="text-muted">" · " {tr(K::CoEdited)}</span> })}
                                    {for_me.then(|| view! { <span class="badge bg-warning text-dark ms-1">"@ " {tr(K::CoMentionsYou)}</span> })}
                                </p>
                                {m.quote.clone().map(|q| view! {
                                    <blockquote class="chat-quote small mb-1">
                                        <a href=format!("#message-{}", q.seq)>{tr(K::CoReplyTo)} " " {super::labels::sender_label(&q.sender_name)}</a>
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
                                        <Show when=is_member>
                                            <button type="button" class="btn btn-link btn-sm p-0"
                                                on:click={
                                                    let replied = replied.clone();
                                                    move |_| {
                                                        reply_to.set(Some(replied.clone()));
                                                        if let Some(el) = composer_ref.get_untracked() { let _ = el.focus(); }
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
                                        {move || runs().then(|| view! {
                                            <button type="button" class="btn btn-link btn-sm p-0"
                                                on:click=move |_| {
                                                    let on = !pinned();
                                                    spawn_local(async move {
                                                        match api::pin(room_id, id, on).await {
                                                            Ok(()) => {
                                                                if let Ok(r) = api::room(room_id).await { room.set(Some(r)); }
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
                </For>
            </ol>
            {move || reported.get().then(|| view! {
                <div class="alert alert-success" role="status">{tr(K::CoReported)}</div>
            })}
            {move || muted().map(|(until, why)| view! {
                <div class="alert alert-warning" role="status">
                    {tr(K::CoMutedUntil)} " " {until.format("%d/%m/%Y %H:%M").to_string()}
                    {why.map(|w| view! { <br /> {tr(K::CoReason)} ": " {w} })}
                </div>
            })}
            <p class="small text-muted chat-typing" aria-hidden="true">{typing_line}</p>
            <Show when=is_member fallback=|| view! { <p>{tr(K::CoJoinToWrite)}</p> }>
                <form class="mt-2" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); send(); }>
                    {move || reply_to.get().map(|m| view! {
                        <div class="chat-quote small mb-2 d-flex justify-content-between gap-2">
                            <span>{tr(K::CoReplyTo)} " " {m.sender_name.clone()} ": " {m.body.chars().take(120).collect::<String>()}</span>
                            <button type="button" class="btn btn-link btn-sm p-0" on:click=move |_| reply_to.set(None)>{tr(K::Cancel)}</button>
                        </div>
                    })}
                    <label class="form-label" for="composer">{tr(K::CoWrite)}</label>
                    <textarea id="composer" class="form-control" rows="2" maxlength="4000"
                        node_ref=composer_ref
                        aria-describedby="composer-hint"
                        disabled=move || muted().is_some()
                        prop:value=move || draft.get()
                        on:input=move |ev| {
                            draft.set(event_target_value(&ev));
                            holder.with_value(|l| l.typing());
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
                                                if let Some(el) = composer_ref.get_untracked() { let _ = el.focus(); }
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
            <p class="mt-3"><a href="/community">{tr(K::CoBack)}</a></p>
        </Page>
    }
    .into_any()
}

/// What those who run a room do to one member: mute for a while, slow down, remove or ban,
/// each with a reason (it goes to the moderation log; she sees why she is muted).
#[component]
fn MemberActions(
    room_id: Uuid,
    user: UserId,
    acting_on: RwSignal<Option<UserId>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    let action = RwSignal::new("mute_60".to_owned());
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let act = match action.get_untracked().as_str() {
            "mute_60" => MemberAction::Mute { minutes: 60 },
            "mute_1440" => MemberAction::Mute { minutes: 1440 },
            "mute_10080" => MemberAction::Mute { minutes: 10080 },
            "slow_60" => MemberAction::SlowMode { seconds: Some(60) },
            "slow_off" => MemberAction::SlowMode { seconds: None },
            "remove" => MemberAction::Remove,
            _ => MemberAction::Ban,
        };
        let why = reason.get_untracked();
        spawn_local(async move {
            match api::act_on_member(room_id, user, &act, &why).await {
                Ok(()) => {
                    done.set(true);
                    error.set(None);
                    on_done.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let select_id = format!("member-action-{user}");
    let reason_id = format!("member-reason-{user}");
    let options = [
        ("mute_60", K::CoMute1h),
        ("mute_1440", K::CoMute1d),
        ("mute_10080", K::CoMute7d),
        ("slow_60", K::CoSlow1m),
        ("slow_off", K::CoSlowOff),
        ("remove", K::CoRemove),
        ("ban", K::CoBan),
    ];
    view! {
        <form class="card card-bg p-2 mt-1" on:submit=submit>
            <label class="form-label small" for=select_id.clone()>{tr(K::CoAction)}</label>
            <select class="form-select form-select-sm" id=select_id on:change=move |ev| action.set(event_target_value(&ev))>
                {options.into_iter().map(|(v, k)| view! {
                    <option value=v>{move || text(locale.0.get(), k)}</option>
                }).collect_view()}
            </select>
            <label class="form-label small mt-2" for=reason_id.clone()>{tr(K::CoReason)}</label>
            <input class="form-control form-control-sm" id=reason_id maxlength="1000" required
                prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
            <ErrorSummary error=error />
            {move || done.get().then(|| view! { <p class="small text-success mb-0" role="status">{tr(K::CoActionDone)}</p> })}
            <div class="d-flex gap-2 mt-2">
                <button type="submit" class="btn btn-sm btn-primary">{tr(K::CoApply)}</button>
                <button type="button" class="btn btn-sm btn-outline-primary" on:click=move |_| acting_on.set(None)>{tr(K::Cancel)}</button>
            </div>
        </form>
    }
}

#[component]
fn ReportForm(
    room_id: Uuid,
    message_id: Uuid,
    reporting: RwSignal<Option<Uuid>>,
    reported: RwSignal<bool>,
) -> impl IntoView {
    let locale = use_locale();
    let reason = RwSignal::new(ReportReason::Harassment);
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewReport {
            reason: reason.get_untracked(),
            note: Some(note.get_untracked()).filter(|n| !n.trim().is_empty()),
        };
        spawn_local(async move {
            match api::report_message(room_id, message_id, &body).await {
                Ok(_) => {
                    reporting.set(None);
                    reported.set(true);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let select_id = format!("report-reason-{message_id}");
    let note_id = format!("report-note-{message_id}");
    view! {
        <form class="card card-bg p-2 mt-2" on:submit=submit aria-label=tr(K::CoReport)>
            <label class="form-label small" for=select_id.clone()>{tr(K::CoReason)}</label>
            <select class="form-select form-select-sm" id=select_id
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(r) = REASONS.iter().find(|r| format!("{r:?}") == v) {
                        reason.set(*r);
                    }
                }>
                {REASONS.iter().map(|r| view! {
                    <option value=format!("{r:?}")>{move || text(locale.0.get(), super::labels::reason_key(*r))}</option>
                }).collect_view()}
            </select>
            <label class="form-label small mt-2" for=note_id.clone()>{tr(K::CoNote)}</label>
            <textarea class="form-control form-control-sm" id=note_id rows="2" maxlength="1000"
                prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            <ErrorSummary error=error />
            <div class="d-flex gap-2 mt-2">
                <button type="submit" class="btn btn-sm btn-primary">{tr(K::CoSendReport)}</button>
                <button type="button" class="btn btn-sm btn-outline-primary" on:click=move |_| reporting.set(None)>{tr(K::Cancel)}</button>
            </div>
        </form>
    }
}
