//! The chat between instances: what one instance's hub publishes goes to a Redis pub/sub
//! channel, and every other instance delivers it to the sockets it holds.
//!
//! Pub/sub delivers at most once: a message can be lost (the subscriber's connection dropped,
//! Redis restarted). Nothing is lost for good, because messages are stored before they are
//! published and numbered per room: an instance that receives number 7 after 5 fills 6 from the
//! database, and every `repair_after_ms` it compares the rooms its sockets listen to with the
//! database, so even a lost last message arrives. Without a broker the same repair runs for
//! gaps inside the process (a number whose publication never came).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt as _;
use redis::AsyncCommands as _;
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;
use uuid::Uuid;

use super::hub::{Ended, Envelope, Hub};
use super::{Backlog, encode};
use crate::config::CommunitySettings;

/// The most messages one repair reads from the database (the rest at the next round).
const FILL_MAX: u64 = 500;

/// One instance's envelope on the channel.
#[derive(Debug, Serialize, Deserialize)]
struct Wire {
    origin: Uuid,
    #[serde(flatten)]
    envelope: Envelope,
}

/// Publishes one ending from outside a running instance (the operator's commands): every
/// instance delivers it as if another instance had sent it.
pub async fn tell(settings: &CommunitySettings, url: &str, ended: Ended) -> anyhow::Result<()> {
    let client = redis::Client::open(url)?;
    let mut publisher = client.get_multiplexed_async_connection().await?;
    let text = serde_json::to_string(&Wire {
        origin: Uuid::now_v7(),
        envelope: Envelope::End(ended),
    })?;
    publisher
        .publish::<_, _, ()>(&settings.broker_channel, text)
        .await?;
    Ok(())
}

/// Connects to the broker, subscribes, and starts the tasks that carry events both ways. When
/// this returns, events published on other instances reach this one.
pub async fn start(
    hub: Arc<Hub>,
    settings: &CommunitySettings,
    url: &str,
    backlog: Arc<dyn Backlog>,
) -> anyhow::Result<()> {
    let client = redis::Client::open(url)?;
    let channel = settings.broker_channel.clone();
    let origin = Uuid::now_v7();
    let mut publisher = client.get_multiplexed_async_connection().await?;
    let mut pubsub = client.get_async_pubsub().await?;
    pubsub.subscribe(&channel).await?;

    let (tx, mut rx) = mpsc::unbounded_channel::<Envelope>();
    hub.set_outbox(tx);
    // Alive every heartbeat; silent for three, an instance's users count as offline.
    let beat = Duration::from_millis(settings.heartbeat_ms.max(10));
    hub.set_silence(beat * 3);
    let alive = hub.clone();
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(beat);
        loop {
            ticks.tick().await;
            alive.alive();
        }
    });
    let out_channel = channel.clone();
    tokio::spawn(async move {
        while let Some(envelope) = rx.recv().await {
            let Ok(text) = serde_json::to_string(&Wire { origin, envelope }) else {
                continue;
            };
            // A failed publish is repaired by the receivers from the database.
            if let Err(e) = publisher.publish::<_, _, ()>(&out_channel, text).await {
                tracing::warn!(error = %e, "broker publish failed");
            }
        }
    });
    tokio::spawn(async move {
        let mut stream = pubsub.into_on_message();
        loop {
            while let Some(msg) = stream.next().await {
                let Ok(text) = msg.get_payload::<String>() else {
                    continue;
                };
                match serde_json::from_str::<Wire>(&text) {
                    Ok(wire) if wire.origin != origin => {
                        // A new instance (or this one is new to it): tell it who is here.
                        if hub.heard_from(wire.origin) {
                            hub.announce_local();
                        }
                        receive(&hub, &*backlog, wire.origin, wire.envelope).await;
                    }
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "unreadable broker message"),
                }
            }
            // The subscription dropped: subscribe again; the repair rounds bring what was
            // published meanwhile.
            tracing::warn!("broker subscription lost; reconnecting");
            stream = loop {
                tokio::time::sleep(Duration::from_secs(1)).await;
                match resubscribe(&client, &channel).await {
                    Ok(s) => break s,
                    Err(e) => tracing::warn!(error = %e, "broker reconnect failed"),
                }
            };
        }
    });
    Ok(())
}

async fn resubscribe(
    client: &redis::Client,
    channel: &str,
) -> redis::RedisResult<redis::aio::PubSubStream> {
    let mut pubsub = client.get_async_pubsub().await?;
    pubsub.subscribe(channel).await?;
    Ok(pubsub.into_on_message())
}

/// What another instance published, delivered to this instance's sockets.
async fn receive(hub: &Hub, backlog: &dyn Backlog, origin: Uuid, envelope: Envelope) {
    match envelope {
        Envelope::Room {
            room,
            except,
            event,
        } => hub.deliver_room(room, &event.into(), except),
        Envelope::Message { room, seq, event } => {
            hub.deliver_message(room, seq, Some(event.into()));
            // Anything before it that never came is read from the database now.
            if let Some(upto) = hub.delivered_upto(room)
                && upto < seq
            {
                fill(hub, backlog, room, upto, seq).await;
            }
        }
        Envelope::Skip { room, seq } => {
            hub.deliver_message(room, seq, None);
        }
        Envelope::Rooms {
            rooms,
            except,
            event,
        } => hub.deliver_rooms(&rooms, &event.into(), except),
        Envelope::User { user, event } => hub.deliver_user(user, &event.into()),
        Envelope::Subscribe { user, room } => hub.deliver_subscribe(user, room, true),
        Envelope::Unsubscribe { user, room } => hub.deliver_subscribe(user, room, false),
        Envelope::Online { user, online } => hub.remote_presence(origin, user, online),
        Envelope::Alive => {}
        Envelope::End(ended) => hub.deliver_end(ended),
    }
}

/// Delivers the messages of `room` numbered after `upto` and before `before` from the
/// database, in order; a number with no message to send (held by the filter, or purged) is
/// passed over.
pub async fn fill(hub: &Hub, backlog: &dyn Backlog, room_id: Uuid, upto: u64, before: u64) {
    let rows = match backlog.between(room_id, upto, before, FILL_MAX).await {
        Ok(rows) => rows,
        Err(e) => {
            tracing::warn!(error = %e, "repair read failed");
            return;
        }
    };
    let full = u64::try_from(rows.len()).unwrap_or(0) == FILL_MAX;
    let last_read = rows.last().map(|(seq, _)| *seq);
    let mut by_seq: BTreeMap<u64, Option<shared::ServerEvent>> = rows.into_iter().collect();
    let last = if full {
        last_read.unwrap_or(upto)
    } else {
        before.saturating_sub(1)
    };
    for seq in upto + 1..=last {
        let event = by_seq.remove(&seq).flatten().map(|e| encode(&e));
        hub.deliver_message(room_id, seq, event);
    }
}

/// Every `repair_after_ms`: fills the gaps that waited that long, and, with a broker, compares
/// the rooms listened to here with the database (a lost last message).
pub async fn repair_loop(
    hub: Arc<Hub>,
    repair_after_ms: u64,
    with_broker: bool,
    backlog: Arc<dyn Backlog>,
) {
    let wait = Duration::from_millis(repair_after_ms.max(10));
    let mut ticks = tokio::time::interval(wait);
    loop {
        ticks.tick().await;
        for (room, upto, first_waiting) in hub.stalled(wait) {
            fill(&hub, &*backlog, room, upto, first_waiting).await;
        }
        if !with_broker {
            continue;
        }
        let listened: BTreeMap<Uuid, u64> = hub.listened().into_iter().collect();
        if listened.is_empty() {
            continue;
        }
        let Ok(rooms) = backlog.newest(listened.keys().copied().collect()).await else {
            continue;
        };
        for (room, last) in rooms {
            if let Some(upto) = listened.get(&room).copied()
                && last > upto
            {
                fill(&hub, &*backlog, room, upto, last + 1).await;
            }
        }
    }
}
