//! Real time, below every feature: the in-process fan-out to open sockets (`hub`) and, with a
//! broker, between instances (`broker`). Features publish typed [`ServerEvent`]s through the
//! methods here and never see a frame; the sockets that read the hub are a feature's transport
//! (`community::socket`), as routes are. What the broker must read back from the database
//! (messages it missed) it asks of a [`Backlog`] the community gives it at start.

pub mod broker;
pub mod hub;
pub mod sessions;

use bytestring::ByteString;
use futures_util::future::BoxFuture;
use shared::ServerEvent;
use uuid::Uuid;

pub use hub::{Ended, Hub};

/// Serialises an event once, to be shared by every recipient.
pub fn encode(event: &ServerEvent) -> ByteString {
    ByteString::from(serde_json::to_string(event).unwrap_or_default())
}

/// Numbered messages read back, each with what to send for it (`None`: nothing).
pub type Numbered = Vec<(u64, Option<ServerEvent>)>;

/// Stored messages, for the repair of gaps in a room's order.
pub trait Backlog: Send + Sync {
    /// The messages of `room` numbered after `upto` and before `before`, oldest first, at most
    /// `max`: each number with its event (`None` when it is not sent live: held by the filter).
    fn between(
        &self,
        room: Uuid,
        upto: u64,
        before: u64,
        max: u64,
    ) -> BoxFuture<'_, anyhow::Result<Numbered>>;

    /// The newest message number of each of `rooms`.
    fn newest(&self, rooms: Vec<Uuid>) -> BoxFuture<'_, anyhow::Result<Vec<(Uuid, u64)>>>;
}

/// What features call: typed events, encoded once here.
impl Hub {
    /// `event` to every connection listening to `room`.
    pub fn publish_event(&self, room: Uuid, event: &ServerEvent) {
        self.publish(room, &encode(event));
    }

    /// `event` to every connection listening to `room` but those of `except`.
    pub fn publish_event_except(&self, room: Uuid, event: &ServerEvent, except: Option<Uuid>) {
        self.publish_except(room, &encode(event), except);
    }

    /// The new message numbered `seq` of `room` (`None`: nothing to send for that number).
    pub fn publish_message_event(&self, room: Uuid, seq: u64, event: Option<&ServerEvent>) {
        self.publish_message(room, seq, event.map(encode).as_ref());
    }

    /// `event` once to every connection listening to any of `rooms`, but those of `except`.
    pub fn publish_rooms_event(&self, rooms: &[Uuid], event: &ServerEvent, except: Option<Uuid>) {
        self.publish_rooms(rooms, &encode(event), except);
    }

    /// `event` to every connection of `user`.
    pub fn publish_user_event(&self, user: Uuid, event: &ServerEvent) {
        self.publish_user(user, &encode(event));
    }
}
