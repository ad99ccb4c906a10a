//! The room's state, shared by its parts, and what the live socket changes in it: new and
//! changed messages (announced to screen readers), pins, who is typing and who is online, a
//! skipped sequence number answered by a resume, her read marker moved after new messages.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::{Rc, Weak};
use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{ClientEvent, MemberRole, Message, Role, Room, RoomMember, ServerEvent, UserId};
use uuid::Uuid;

use crate::api::{self, ApiError, LiveSocket};

/// Someone typing, until when (ms since 1970).
pub(super) type Typing = BTreeMap<UserId, (String, f64)>;

/// What the page's parts read and change: signals, so it is `Copy`.
#[derive(Clone, Copy)]
pub(super) struct RoomState {
    pub room_id: Uuid,
    pub me: Option<UserId>,
    pub my_role: Option<Role>,
    pub room: RwSignal<Option<Room>>,
    pub messages: RwSignal<BTreeMap<u64, Message>>,
    pub members: RwSignal<Vec<RoomMember>>,
    pub typing: RwSignal<Typing>,
    /// The last message of someone else, for screen readers.
    pub announce: RwSignal<String>,
    pub error: RwSignal<Option<ApiError>>,
    /// The message her next one answers.
    pub reply_to: RwSignal<Option<Message>>,
    pub log: NodeRef<html::Ol>,
    pub composer: NodeRef<html::Textarea>,
}

impl RoomState {
    pub fn new(room_id: Uuid, me: Option<UserId>, my_role: Option<Role>) -> RoomState {
        RoomState {
            room_id,
            me,
            my_role,
            room: RwSignal::new(None),
            messages: RwSignal::new(BTreeMap::new()),
            members: RwSignal::new(Vec::new()),
            typing: RwSignal::new(Typing::new()),
            announce: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            reply_to: RwSignal::new(None),
            log: NodeRef::new(),
            composer: NodeRef::new(),
        }
    }

    pub fn last_seq(&self) -> u64 {
        self.messages
            .with_untracked(|m| m.keys().next_back().copied().unwrap_or(0))
    }

    /// A message as the server now has it, in its place.
    pub fn put(&self, m: Message) {
        self.messages.update(|ms| {
            ms.insert(m.seq, m);
        });
    }

    pub fn is_member(&self) -> bool {
        self.room
            .with(|r| r.as_ref().is_some_and(|r| r.role.is_some()))
    }

    /// Whether she runs the room: its manager, or the agency's community manager or admin.
    pub fn runs(&self) -> bool {
        self.my_role
            .is_some_and(|r| matches!(r, Role::CommunityManager | Role::Admin))
            || self.room.with(|r| {
                r.as_ref()
                    .is_some_and(|r| r.role == Some(MemberRole::Manager))
            })
    }

    /// Until when she is muted here, and why.
    pub fn muted(&self) -> Option<(DateTime<Utc>, Option<String>)> {
        self.room.with(|r| {
            r.as_ref()
                .and_then(|r| r.muted_until.map(|u| (u, r.mute_reason.clone())))
        })
    }

    pub fn load_members(self) {
        spawn_local(async move {
            if let Ok(m) = api::room_members(self.room_id).await {
                self.members.set(m);
            }
        });
    }

    pub fn focus_composer(&self) {
        if let Some(el) = self.composer.get_untracked() {
            let _ = el.focus();
        }
    }

    /// Scrolls the log to its newest message, once the view has it.
    pub fn scroll_to_end(self) {
        set_timeout(
            move || {
                if let Some(el) = self.log.get_untracked() {
                    el.set_scroll_top(el.scroll_height());
                }
            },
            Duration::ZERO,
        );
    }

    fn resume(&self) -> ClientEvent {
        ClientEvent::Resume {
            rooms: BTreeMap::from([(self.room_id, self.last_seq())]),
        }
    }
}

/// The page's live connection: the socket, and what its events change in the state.
pub(super) struct Live {
    state: RoomState,
    socket: RefCell<Option<LiveSocket>>,
    last_typing: Cell<f64>,
    /// A read marker waits to be sent (at most one every two seconds in a busy room).
    marking: Cell<bool>,
    closed: Cell<bool>,
}

impl Live {
    /// Connects; every (re)connection resumes from the newest message she has.
    pub fn open(state: RoomState) -> Rc<Live> {
        let live = Rc::new(Live {
            state,
            socket: RefCell::new(None),
            last_typing: Cell::new(0.0),
            marking: Cell::new(false),
            closed: Cell::new(false),
        });
        let weak: Weak<Live> = Rc::downgrade(&live);
        let socket = LiveSocket::open(
            move |s| s.send(&state.resume()),
            move |event| {
                if let Some(live) = weak.upgrade() {
                    live.handle(event);
                }
            },
        );
        *live.socket.borrow_mut() = Some(socket);
        live
    }

    fn send(&self, event: &ClientEvent) {
        if let Some(s) = self.socket.borrow().as_ref() {
            s.send(event);
        }
    }

    /// Tells the room she is typing, at most every three seconds.
    pub fn typing(&self) {
        let now = js_sys::Date::now();
        if now - self.last_typing.get() > 3000.0 {
            self.last_typing.set(now);
            self.send(&ClientEvent::Typing {
                room_id: self.state.room_id,
            });
        }
    }

    pub fn close(&self) {
        self.closed.set(true);
        if let Some(s) = self.socket.borrow_mut().take() {
            s.close();
        }
    }

    fn handle(self: &Rc<Self>, event: ServerEvent) {
        let st = self.state;
        let here = st.room_id;
        match event {
            ServerEvent::Message { message } if message.room_id == here => {
                let last = st.last_seq();
                let fresh = st
                    .messages
                    .with_untracked(|m| !m.contains_key(&message.seq));
                if fresh && Some(message.sender_id) != st.me {
                    st.announce.set(format!(
                        "{}: {}",
                        super::super::labels::sender_label(&message.sender_name),
                        message.body
                    ));
                    st.typing.update(|t| {
                        t.remove(&message.sender_id);
                    });
                }
                let seq = message.seq;
                st.put(message);
                // A number skipped: ask for what is missing.
                if last > 0 && seq > last + 1 {
                    self.send(&ClientEvent::Resume {
                        rooms: BTreeMap::from([(here, last)]),
                    });
                }
                self.mark_read_soon();
            }
            ServerEvent::MessageUpdated { message } if message.room_id == here => {
                st.messages.update(|m| {
                    if m.contains_key(&message.seq) {
                        m.insert(message.seq, message);
                    }
                });
            }
            ServerEvent::PinsUpdated { room_id, pinned } if room_id == here => {
                st.room.update(|r| {
                    if let Some(r) = r {
                        r.pinned = pinned;
                    }
                });
            }
            ServerEvent::Typing {
                room_id,
                user_id,
                name,
            } if room_id == here => {
                let until = js_sys::Date::now() + 5000.0;
                st.typing.update(|t| {
                    t.insert(user_id, (name, until));
                });
                let typing = st.typing;
                set_timeout(
                    move || {
                        let now = js_sys::Date::now();
                        typing.try_update(|t| t.retain(|_, (_, u)| *u > now));
                    },
                    Duration::from_millis(5100),
                );
            }
            ServerEvent::Presence { user_id, online } => {
                st.members.update(|ms| {
                    for m in ms.iter_mut().filter(|m| m.user_id == user_id) {
                        m.online = online;
                    }
                });
                st.room.update(|r| {
                    if let Some(p) = r.as_mut().and_then(|r| r.peer.as_mut())
                        && p.user_id == user_id
                    {
                        p.online = online;
                    }
                });
            }
            ServerEvent::Resync => self.send(&st.resume()),
            ServerEvent::Refetch { room_id } if room_id == here => {
                spawn_local(async move {
                    if let Ok(h) = api::history(here, None).await {
                        st.messages
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
        set_timeout(
            move || {
                this.marking.set(false);
                if this.closed.get() {
                    return;
                }
                let (room, seq) = (this.state.room_id, this.state.last_seq());
                if seq > 0 {
                    spawn_local(async move {
                        let _ = api::mark_read(room, seq).await;
                    });
                }
            },
            Duration::from_millis(2000),
        );
    }
}
