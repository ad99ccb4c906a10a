//! A room: its history (older pages on request), new messages live over the community socket
//! (announced to screen readers), a composer that sends on Enter, and reports to the room's
//! moderators.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared::{
    ClientEvent, Message, NewMessage, NewReport, ReportReason, Room, ServerEvent, UserId,
};
use uuid::Uuid;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page};
use crate::i18n::{K, text, tr, use_locale};
use crate::session::use_session;

/// The live connection of the page: reconnects after a drop and resumes from the last message.
struct Live {
    room_id: Uuid,
    messages: RwSignal<BTreeMap<u64, Message>>,
    announce: RwSignal<String>,
    me: Option<UserId>,
    socket: RefCell<Option<web_sys::WebSocket>>,
    handlers: RefCell<Vec<Box<dyn std::any::Any>>>,
    closed: Cell<bool>,
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

    fn resume(&self) {
        let last = self
            .messages
            .with_untracked(|m| m.keys().next_back().copied().unwrap_or(0));
        self.send(&ClientEvent::Resume {
            rooms: BTreeMap::from([(self.room_id, last)]),
        });
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
                let fresh = self
                    .messages
                    .with_untracked(|m| !m.contains_key(&message.seq));
                if fresh && Some(message.sender_id) != self.me {
                    self.announce
                        .set(format!("{}: {}", message.sender_name, message.body));
                }
                let seq = message.seq;
                self.messages.update(|m| {
                    m.insert(seq, message);
                });
                let room = self.room_id;
                spawn_local(async move {
                    let _ = api::mark_read(room, seq).await;
                });
            }
            ServerEvent::MessageUpdated { message } if message.room_id == self.room_id => {
                self.messages.update(|m| {
                    if m.contains_key(&message.seq) {
                        m.insert(message.seq, message);
                    }
                });
            }
            ServerEvent::Resync => self.resume(),
            ServerEvent::Refetch { .. } => {
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

const REASONS: [(ReportReason, K); 5] = [
    (ReportReason::Harassment, K::CoReasonHarassment),
    (ReportReason::Hate, K::CoReasonHate),
    (ReportReason::Spam, K::CoReasonSpam),
    (ReportReason::PersonalData, K::CoReasonPersonalData),
    (ReportReason::Other, K::CoReasonOther),
];

#[component]
pub fn RoomPage() -> impl IntoView {
    let params = use_params_map();
    let Some(room_id) =
        params.with_untracked(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok()))
    else {
        return view! { <crate::pages::NotFound /> }.into_any();
    };
    let session = use_session();
    let locale = use_locale();
    let me = session.me.with_untracked(|m| m.as_ref().map(|m| m.id));
    let room = RwSignal::new(None::<Room>);
    let messages = RwSignal::new(BTreeMap::<u64, Message>::new());
    let more_before = RwSignal::new(false);
    let announce = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let draft = RwSignal::new(String::new());
    let reporting = RwSignal::new(None::<Uuid>);
    let reported = RwSignal::new(false);

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
                if let Some(seq) = last {
                    let _ = api::mark_read(room_id, seq).await;
                }
            }
            Err(e) => error.set(Some(e)),
        }
    });
    let live = Rc::new(Live {
        room_id,
        messages,
        announce,
        me,
        socket: RefCell::new(None),
        handlers: RefCell::new(Vec::new()),
        closed: Cell::new(false),
    });
    live.connect();
    let holder = StoredValue::new_local(live);
    on_cleanup(move || holder.with_value(|l| l.close()));

    let older = move |_| {
        let first = messages.with_untracked(|m| m.keys().next().copied());
        spawn_local(async move {
            match api::history(room_id, first).await {
                Ok(h) => {
                    more_before.set(h.more_before);
                    messages.update(|m| m.extend(h.messages.into_iter().map(|x| (x.seq, x))));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let send = move || {
        let body = draft.get_untracked();
        if body.trim().is_empty() {
            return;
        }
        let message = NewMessage {
            client_id: client_id(),
            body,
            reply_to: None,
            mentions: Vec::new(),
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
                    error.set(None);
                    messages.update(|ms| {
                        ms.insert(m.seq, m);
                    });
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let title = move || {
        room.with(|r| r.as_ref().map(|r| r.name.get(locale.0.get()).to_owned()))
            .unwrap_or_default()
    };
    let muted = move || {
        room.with(|r| {
            r.as_ref()
                .and_then(|r| r.muted_until.map(|u| (u, r.mute_reason.clone())))
        })
    };
    let is_member = move || room.with(|r| r.as_ref().is_some_and(|r| r.role.is_some()));
    let list = move || -> Vec<Message> { messages.get().into_values().collect() };

    view! {
        <Page title=K::CoRoom>
            <p class="lead">{title}</p>
            {move || room.get().map(|r| {
                let rules = r.rules.clone();
                view! {
                    <details class="mb-3">
                        <summary>{tr(K::CoRules)}</summary>
                        <p class="text-prewrap small">{move || rules.get(locale.0.get()).to_owned()}</p>
                    </details>
                }
            })}
            <ErrorSummary error=error />
            <div class="visually-hidden" aria-live="polite" aria-atomic="true" id="chat-announcer">
                {move || announce.get()}
            </div>
            {move || more_before.get().then(|| view! {
                <button type="button" class="btn btn-sm btn-outline-primary mb-2" on:click=older>
                    {tr(K::CoOlder)}
                </button>
            })}
            <ol class="list-unstyled chat-log" aria-label=tr(K::CoMessages)>
                <For each=list
                    key=|m| (m.seq, m.edited_at, m.deleted, m.hidden, m.held, m.reactions.len())
                    let:m>
                    {
                        let mine = Some(m.sender_id) == me;
                        let id = m.id;
                        let time = m.created_at.format("%H:%M").to_string();
                        view! {
                            <li class="chat-message py-2 border-bottom" id=format!("message-{}", m.seq)>
                                <p class="mb-1 small">
                                    <strong>{m.sender_name.clone()}</strong> " · " <span class="text-muted">{time}</span>
                                    {m.edited_at.is_some().then(|| view! { <span class="text-muted">" · " {tr(K::CoEdited)}</span> })}
                                </p>
                                {if m.held {
                                    view! { <p class="fst-italic text-muted mb-0">{tr(K::CoHeld)}</p> }.into_any()
                                } else if m.hidden {
                                    view! { <p class="fst-italic text-muted mb-0">{tr(K::CoHidden)}</p> }.into_any()
                                } else if m.deleted {
                                    view! { <p class="fst-italic text-muted mb-0">{tr(K::CoDeleted)}</p> }.into_any()
                                } else {
                                    view! { <p class="text-prewrap mb-0">{m.body.clone()}</p> }.into_any()
                                }}
                                {(!mine && !m.hidden && !m.deleted).then(|| view! {
                                    <button type="button" class="btn btn-link btn-sm p-0"
                                        on:click=move |_| { reported.set(false); reporting.set(Some(id)); }>
                                        {tr(K::CoReport)} <span class="visually-hidden">" " {m.sender_name.clone()} " " {m.seq}</span>
                                    </button>
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
            <Show when=is_member fallback=|| view! { <p>{tr(K::CoJoinToWrite)}</p> }>
                <form class="mt-3" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); send(); }>
                    <label class="form-label" for="composer">{tr(K::CoWrite)}</label>
                    <textarea id="composer" class="form-control" rows="2" maxlength="4000"
                        aria-describedby="composer-hint"
                        disabled=move || muted().is_some()
                        prop:value=move || draft.get()
                        on:input=move |ev| draft.set(event_target_value(&ev))
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                            if ev.key() == "Enter" && !ev.shift_key() {
                                ev.prevent_default();
                                send();
                            }
                        }></textarea>
                    <p class="small text-muted" id="composer-hint">{tr(K::CoComposerHint)}</p>
                    <button type="submit" class="btn btn-primary" disabled=move || muted().is_some()>{tr(K::CoSend)}</button>
                </form>
            </Show>
            <p class="mt-3"><a href="/community">{tr(K::CoBack)}</a></p>
        </Page>
    }
    .into_any()
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
                    if let Some((r, _)) = REASONS.iter().find(|(r, _)| format!("{r:?}") == v) {
                        reason.set(*r);
                    }
                }>
                {REASONS.iter().map(|(r, k)| view! {
                    <option value=format!("{r:?}")>{move || text(locale.0.get(), *k)}</option>
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
