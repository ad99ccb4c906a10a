//! The community's live socket, the one place that knows its address and its token: it opens
//! `/api/v1/community/socket`, sends the `auth` frame with the session's access token, sends a
//! fresh one a minute before that expires, and after a drop connects again (soon at first, then
//! less and less often, up to 30 s). A socket refused for its token (`token_expired`, close code
//! 4401) refreshes the session before trying again, and stops when the session is gone. After
//! every (re)connection the page's `on_connected` runs, so the page asks for what it missed.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::set_timeout;
use leptos::task::spawn_local;
use shared::{ClientEvent, ServerEvent};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use super::http::{access_token, refresh};

/// The close code of a socket refused for its token.
const UNAUTHORIZED: u16 = 4401;
/// The longest wait between two attempts, in ms.
const MAX_WAIT_MS: u64 = 30_000;

/// A live connection; closing it (or dropping the page's handle and calling
/// [`LiveSocket::close`]) stops the reconnections.
pub struct LiveSocket {
    inner: Rc<Inner>,
}

struct Inner {
    socket: RefCell<Option<web_sys::WebSocket>>,
    /// The callbacks the browser holds for the current socket.
    handlers: RefCell<Vec<Box<dyn std::any::Any>>>,
    closed: Cell<bool>,
    /// Attempts since the last `ready`.
    failures: Cell<u32>,
    /// Counts connections, so that a timer of an earlier one does nothing.
    generation: Cell<u64>,
    on_connected: Box<dyn Fn(&LiveSocket)>,
    on_event: Box<dyn Fn(ServerEvent)>,
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

/// The wait before the next attempt: 1 s, 2 s, 4 s … up to [`MAX_WAIT_MS`].
fn backoff_ms(failures: u32) -> u64 {
    (1000u64 << failures.min(5)).min(MAX_WAIT_MS)
}

impl LiveSocket {
    /// Opens the socket. `on_connected` runs once the `auth` frame is sent on each connection
    /// (resume there); `on_event` gets every server event.
    pub fn open(
        on_connected: impl Fn(&LiveSocket) + 'static,
        on_event: impl Fn(ServerEvent) + 'static,
    ) -> LiveSocket {
        let socket = LiveSocket {
            inner: Rc::new(Inner {
                socket: RefCell::new(None),
                handlers: RefCell::new(Vec::new()),
                closed: Cell::new(false),
                failures: Cell::new(0),
                generation: Cell::new(0),
                on_connected: Box::new(on_connected),
                on_event: Box::new(on_event),
            }),
        };
        socket.connect();
        socket
    }

    fn handle(&self) -> LiveSocket {
        LiveSocket {
            inner: self.inner.clone(),
        }
    }

    /// Sends a frame if the socket is open; dropped otherwise (the page resumes on reconnection).
    pub fn send(&self, event: &ClientEvent) {
        if let (Some(ws), Ok(text)) = (
            self.inner.socket.borrow().as_ref(),
            serde_json::to_string(event),
        ) && ws.ready_state() == web_sys::WebSocket::OPEN
        {
            let _ = ws.send_with_str(&text);
        }
    }

    /// Closes the socket for good.
    pub fn close(&self) {
        self.inner.closed.set(true);
        if let Some(ws) = self.inner.socket.borrow_mut().take() {
            let _ = ws.close();
        }
        self.inner.handlers.borrow_mut().clear();
    }

    fn later(&self, ms: u64, f: impl FnOnce(LiveSocket) + 'static) {
        let this = self.handle();
        let generation = self.inner.generation.get();
        set_timeout(
            move || {
                if !this.inner.closed.get() && this.inner.generation.get() == generation {
                    f(this);
                }
            },
            Duration::from_millis(ms),
        );
    }

    fn retry(&self) {
        let failures = self.inner.failures.get();
        self.inner.failures.set(failures.saturating_add(1));
        self.later(backoff_ms(failures), |s| s.connect());
    }

    fn connect(&self) {
        let this = self.handle();
        this.inner
            .generation
            .set(this.inner.generation.get().wrapping_add(1));
        spawn_local(async move {
            if this.inner.closed.get() {
                return;
            }
            let (Ok(token), Some(url)) = (access_token().await, socket_url()) else {
                this.retry();
                return;
            };
            let Ok(ws) = web_sys::WebSocket::new(&url) else {
                this.retry();
                return;
            };
            let opened = this.handle();
            let on_open = Closure::<dyn FnMut()>::new(move || {
                opened.send(&ClientEvent::Auth {
                    token: token.clone(),
                });
                (opened.inner.on_connected)(&opened);
            });
            let got = this.handle();
            let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                move |e: web_sys::MessageEvent| {
                    if let Some(text) = e.data().as_string()
                        && let Ok(event) = serde_json::from_str::<ServerEvent>(&text)
                    {
                        got.event(event);
                    }
                },
            );
            let dropped = this.handle();
            let on_close =
                Closure::<dyn FnMut(web_sys::CloseEvent)>::new(move |e: web_sys::CloseEvent| {
                    dropped.dropped(e.code())
                });
            ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
            ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
            let mut handlers = this.inner.handlers.borrow_mut();
            handlers.clear();
            handlers.push(Box::new(on_open));
            handlers.push(Box::new(on_message));
            handlers.push(Box::new(on_close));
            drop(handlers);
            *this.inner.socket.borrow_mut() = Some(ws);
        });
    }

    fn event(&self, event: ServerEvent) {
        if let ServerEvent::Ready { expires_at, .. } = &event {
            self.inner.failures.set(0);
            // A fresh token a minute before this one expires.
            let now = js_sys::Date::now() / 1000.0;
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss,
                reason = "seconds, at least five"
            )]
            let wait = ((*expires_at as f64 - now - 60.0).max(5.0) * 1000.0) as u64;
            self.later(wait, |s| s.reauthenticate());
        }
        // A `token_expired` error comes just before the close that [`Self::dropped`] handles.
        (self.inner.on_event)(event);
    }

    /// A fresh access token for the open socket.
    fn reauthenticate(&self) {
        let this = self.handle();
        spawn_local(async move {
            if let Ok(t) = refresh().await {
                this.send(&ClientEvent::Auth {
                    token: t.access_token,
                });
            }
        });
    }

    fn dropped(&self, code: u16) {
        if self.inner.closed.get() {
            return;
        }
        self.inner.socket.borrow_mut().take();
        if code == UNAUTHORIZED {
            // Refused for its token: a fresh one first; no session, no more attempts.
            let this = self.handle();
            spawn_local(async move {
                if refresh().await.is_ok() {
                    this.retry();
                }
            });
        } else {
            self.retry();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_to_thirty_seconds() {
        let waits: Vec<u64> = (0..8).map(backoff_ms).collect();
        assert_eq!(waits, [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    }
}
