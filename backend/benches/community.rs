//! Community chat benchmark, against the release server run as its own process (so that its
//! memory is its own), with the load generator on the same machine:
//!
//! 1. idle authenticated sockets: how many one instance holds and its memory (RSS);
//! 2. one room of 1,000 members at 20 messages/s: time from the send request to delivery on
//!    every member's socket (p50/p99), and the send time;
//! 3. sends at 200 messages/s (open loop, into a room of 50 connected members): send p50/p99;
//! 4. history: 50-message pages at random places of a room with 1,000,000 stored messages;
//! 5. a reconnect storm of every socket while messages keep coming, ending with a sequence
//!    audit of the 1,000 members: every message received, none twice.
//!
//! `cargo xtask bench community [--idle N] [--members N] [--seconds N] [--history N]
//! [--postgres] [--broker] [--only-history]` (`--broker`: the server fans out through Redis on
//! 127.0.0.1:6379; `--only-history`: phase 4 alone).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "a benchmark fails loudly and rounds its figures"
)]

mod common;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use backend::config::Settings;
use backend::entities::{message, room, room_member, session, user};
use backend::tokens::JwtKeys;
use chrono::Utc;
use common::{BenchDb, arg};
use futures_util::{SinkExt, StreamExt};
use sea_orm::{Database, DatabaseConnection, EntityTrait, Set};
use serde_json::json;
use shared::ClientEvent;
use tokio::sync::Mutex;
use tokio_tungstenite::tungstenite::Message as Frame;
use uuid::Uuid;

const SECRET: &str = "bench-secret-bench-secret-bench-secret-0123456789";

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

fn rss_mb(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)].as_secs_f64() * 1000.0
}

fn line(name: &str, mut d: Vec<Duration>) {
    d.sort_unstable();
    println!(
        "  {name:<44} p50 {:>8.2} ms   p99 {:>8.2} ms   ({} samples)",
        pct(&d, 0.50),
        pct(&d, 0.99),
        d.len()
    );
}

/// The sequence number and client id of a `message` event, without parsing the whole frame.
fn message_seq(text: &str) -> Option<(u64, &str)> {
    if !text.starts_with(r#"{"type":"message","#) {
        return None;
    }
    let at = text.find(r#""seq":"#)? + 6;
    let digits: String = text[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let at = text.find(r#""client_id":""#)? + 13;
    let client_id = text[at..].split('"').next()?;
    Some((digits.parse().ok()?, client_id))
}

fn event_type(text: &str) -> &str {
    text.strip_prefix(r#"{"type":""#)
        .and_then(|t| t.split('"').next())
        .unwrap_or("")
}

/// Users (jobseekers of Milano) with a live session each, and their access tokens.
async fn seed_users(db: &DatabaseConnection, keys: &JwtKeys, n: usize) -> Vec<(Uuid, String)> {
    let now = Utc::now();
    let mut out = Vec::with_capacity(n);
    for chunk in (0..n).collect::<Vec<_>>().chunks(1000) {
        let mut users = Vec::new();
        let mut sessions = Vec::new();
        for i in chunk {
            let (uid, sid) = (Uuid::now_v7(), Uuid::now_v7());
            users.push(common::jobseeker_row(
                uid,
                migrations::MILANO_ID,
                format!("chat-{i}@example.org"),
                format!("Partecipante {i}"),
                now,
            ));
            sessions.push(session::ActiveModel {
                id: Set(sid),
                user_id: Set(uid),
                created_at: Set(now),
                revoked_at: Set(None),
                revoked_reason: Set(None),
            });
            out.push((uid, keys.issue_access(uid, sid).unwrap()));
        }
        user::Entity::insert_many(users).exec(db).await.unwrap();
        session::Entity::insert_many(sessions)
            .exec(db)
            .await
            .unwrap();
    }
    out
}

async fn new_room(db: &DatabaseConnection, name: &str, members: &[Uuid]) -> Uuid {
    let id = Uuid::now_v7();
    let text = json!({"it": name, "en": name});
    room::Entity::insert(room::ActiveModel {
        id: Set(id),
        agency_id: Set(migrations::MILANO_ID),
        kind: Set(shared::RoomKind::Public),
        topic: Set(Some(shared::RoomTopic::Theme)),
        name: Set(text.clone()),
        description: Set(text.clone()),
        rules: Set(text),
        created_by: Set(None),
        created_at: Set(Utc::now()),
        archived_at: Set(None),
        last_seq: Set(0),
        slow_mode_seconds: Set(None),
        direct_key: Set(None),
    })
    .exec(db)
    .await
    .unwrap();
    for chunk in members.chunks(1000) {
        room_member::Entity::insert_many(chunk.iter().map(|u| room_member::ActiveModel {
            room_id: Set(id),
            user_id: Set(*u),
            role: Set(shared::MemberRole::Member),
            joined_at: Set(Utc::now()),
            last_read_seq: Set(0),
            ..Default::default()
        }))
        .exec(db)
        .await
        .unwrap();
    }
    id
}

/// `n` stored messages in `room`, numbered 1..=n.
async fn seed_messages(db: &DatabaseConnection, room_id: Uuid, sender: Uuid, n: usize) {
    use sea_orm::{ColumnTrait, QueryFilter};
    let started = Instant::now();
    let base = Utc::now() - chrono::Duration::days(365);
    for chunk in (1..=n).collect::<Vec<_>>().chunks(2000) {
        message::Entity::insert_many(chunk.iter().map(|i| message::ActiveModel {
            id: Set(Uuid::now_v7()),
            room_id: Set(room_id),
            seq: Set(*i as i64),
            sender_id: Set(sender),
            client_id: Set(format!("seed-{i}")),
            body: Set(format!(
                "Messaggio {i}: chi ha un consiglio per il rientro al lavoro?"
            )),
            reply_to: Set(None),
            created_at: Set(base + chrono::Duration::seconds(*i as i64 * 30)),
            edited_at: Set(None),
            deleted_at: Set(None),
            hidden_at: Set(None),
            hidden_reason: Set(None),
        }))
        .exec(db)
        .await
        .unwrap();
    }
    room::Entity::update_many()
        .col_expr(
            room::Column::LastSeq,
            sea_orm::sea_query::Expr::val(n as i64),
        )
        .filter(room::Column::Id.eq(room_id))
        .exec(db)
        .await
        .unwrap();
    println!(
        "  seeded {n} messages in {:.0} s",
        started.elapsed().as_secs_f64()
    );
}

async fn connect(ws_url: &str, token: &str) -> Ws {
    let (mut ws, _) = tokio_tungstenite::connect_async(ws_url).await.unwrap();
    let auth = serde_json::to_string(&ClientEvent::Auth {
        token: token.to_owned(),
    })
    .unwrap();
    ws.send(Frame::text(auth)).await.unwrap();
    loop {
        match ws.next().await.unwrap().unwrap() {
            Frame::Text(t) if event_type(&t) == "ready" => return ws,
            Frame::Text(t) => panic!("expected ready, got {t}"),
            _ => {}
        }
    }
}

/// Opens a socket for each token, `parallel` at a time.
async fn connect_all(ws_url: &str, tokens: &[String], parallel: usize) -> Vec<Ws> {
    let url = ws_url.to_owned();
    futures_util::stream::iter(tokens.iter().cloned())
        .map(|t| {
            let url = url.clone();
            async move { connect(&url, &t).await }
        })
        .buffered(parallel)
        .collect()
        .await
}

/// What one member's client saw of the audited room, over all its connections.
#[derive(Default)]
struct Seen {
    seqs: Vec<u64>,
    latencies: Vec<Duration>,
    resyncs: usize,
    refetches: usize,
}

/// Reads a member's socket: records each message of `room` (and how long after its send
/// started it came), answers `resync` with `resume` like the web app.
fn spawn_reader(
    ws: Ws,
    room: Uuid,
    sent_at: Arc<Mutex<HashMap<String, Instant>>>,
    seen: Arc<Mutex<Seen>>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let (mut tx, mut rx) = ws.split();
        while let Some(Ok(frame)) = rx.next().await {
            let Frame::Text(text) = frame else { continue };
            let now = Instant::now();
            if let Some((seq, client_id)) = message_seq(&text) {
                let started = sent_at.lock().await.get(client_id).copied();
                let mut s = seen.lock().await;
                s.seqs.push(seq);
                if let Some(t) = started {
                    s.latencies.push(now.saturating_duration_since(t));
                }
                continue;
            }
            match event_type(&text) {
                "resync" => {
                    let last = {
                        let mut s = seen.lock().await;
                        s.resyncs += 1;
                        s.seqs.iter().max().copied().unwrap_or(0)
                    };
                    let resume = ClientEvent::Resume {
                        rooms: BTreeMap::from([(room, last)]),
                    };
                    let _ = tx
                        .send(Frame::text(serde_json::to_string(&resume).unwrap()))
                        .await;
                }
                "refetch" => seen.lock().await.refetches += 1,
                _ => {}
            }
        }
    })
}

/// Sends `rate` messages a second into `room` for `seconds` from `senders` (open loop: a send
/// starts on time even if earlier ones have not finished). Returns each send's duration.
#[allow(clippy::too_many_arguments, reason = "a benchmark phase")]
async fn send_at_rate(
    client: &reqwest::Client,
    base: &str,
    room: Uuid,
    senders: &[String],
    rate: u64,
    seconds: u64,
    tag: &str,
    sent_at: Option<Arc<Mutex<HashMap<String, Instant>>>>,
) -> Vec<Duration> {
    let total = rate * seconds;
    let mut ticks = tokio::time::interval(Duration::from_nanos(1_000_000_000 / rate));
    let mut tasks = Vec::new();
    for i in 0..total {
        ticks.tick().await;
        let client = client.clone();
        let url = format!("{base}/community/rooms/{room}/messages");
        let token = senders[i as usize % senders.len()].clone();
        let client_id = format!("{tag}-{i}");
        let body = json!({"client_id": client_id, "body": format!("Messaggio di prova {i}")});
        let sent_at = sent_at.clone();
        tasks.push(tokio::spawn(async move {
            let t = Instant::now();
            if let Some(map) = &sent_at {
                map.lock().await.insert(client_id, t);
            }
            let res = client
                .post(url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap();
            assert!(res.status().is_success(), "{}", res.status());
            res.bytes().await.unwrap();
            t.elapsed()
        }));
    }
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

/// Random 50-message pages of `room` (numbered 1..=`stored`) read by `readers` clients at once
/// for `seconds`.
async fn history_pages(
    client: &reqwest::Client,
    base: &str,
    room: Uuid,
    token: &str,
    stored: u64,
    readers: u64,
    seconds: u64,
) -> Vec<Duration> {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for c in 0..readers {
        let (client, base, token) = (client.clone(), base.to_owned(), token.to_owned());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut x = 0x9e37_79b9_7f4a_7c15_u64 ^ c;
            while Instant::now() < deadline {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let before = 51 + x % (stored - 50);
                let t = Instant::now();
                let res = client
                    .get(format!(
                        "{base}/community/rooms/{room}/messages?before={before}&limit=50"
                    ))
                    .bearer_auth(&token)
                    .send()
                    .await
                    .unwrap();
                assert!(res.status().is_success());
                let page: shared::History = res.json().await.unwrap();
                assert_eq!(page.messages.len(), 50);
                latencies.push(t.elapsed());
            }
            latencies
        }));
    }
    let mut pages = Vec::new();
    for t in tasks {
        pages.extend(t.await.unwrap());
    }
    pages
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let idle = arg(&args, "--idle", 10_000) as usize;
    let members = arg(&args, "--members", 1_000) as usize;
    let seconds = arg(&args, "--seconds", 20);
    let history = arg(&args, "--history", 1_000_000) as usize;
    let postgres = args.iter().any(|a| a == "--postgres");
    let broker = args.iter().any(|a| a == "--broker");
    let only_history = args.iter().any(|a| a == "--only-history");
    assert!(idle >= members + 50, "--idle must cover the members");

    let bench_db = BenchDb::create(postgres).await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_sinergia"));
    cmd.env("APP_DATABASE__URL", &bench_db.url)
        .env("APP_DATABASE__MAX_CONNECTIONS", "20")
        .env("APP_SERVER__HOST", "127.0.0.1")
        .env("APP_SERVER__PORT", port.to_string())
        .env("APP_AUTH__JWT_SECRET", SECRET)
        .env("APP_AUTH__ACCESS_TTL_SECONDS", "7200")
        .env("APP_SEED_DEMO", "true")
        .env("APP_FRONTEND_DIR", "/nonexistent")
        // The load generator posts far faster than any person may.
        .env("APP_THROTTLE__POSTS_PER_USER_PER_MINUTE", "10000000")
        .env("APP_THROTTLE__POSTS_PER_USER_BURST", "1000000")
        .env(
            "APP_THROTTLE__SOCKET_FRAMES_PER_USER_PER_MINUTE",
            "10000000",
        )
        .env("APP_THROTTLE__SOCKET_FRAMES_PER_USER_BURST", "1000000")
        .env("RUST_LOG", "warn");
    if broker {
        cmd.env("APP_COMMUNITY__BROKER_URL", "redis://127.0.0.1:6379")
            .env(
                "APP_COMMUNITY__BROKER_CHANNEL",
                format!("sinergia:bench:{}", Uuid::now_v7()),
            );
    }
    let mut server = cmd.spawn().expect("start the server");
    let pid = server.id();
    let base = format!("http://127.0.0.1:{port}/api/v1");
    let ws_url = format!("ws://127.0.0.1:{port}/api/v1/community/socket");
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .build()
        .unwrap();
    let ready_by = Instant::now() + Duration::from_secs(120);
    while client.get(format!("{base}/ping")).send().await.is_err() {
        assert!(Instant::now() < ready_by, "the server did not start");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    println!(
        "Sinergia community benchmark: {}, fan-out {}, release server in its own process (pid {pid}), load generator on the same host, {} cores",
        bench_db.kind(),
        if broker {
            "through Redis"
        } else {
            "in process"
        },
        std::thread::available_parallelism().map_or(0, usize::from)
    );

    let mut settings = Settings::defaults().unwrap();
    settings.auth.jwt_secret = SECRET.to_owned().into();
    settings.auth.access_ttl_seconds = 7200;
    let keys = JwtKeys::new(&settings.auth).unwrap();
    let db = Database::connect(&bench_db.url).await.unwrap();
    let users = seed_users(&db, &keys, idle).await;
    let member_ids: Vec<Uuid> = users[..members].iter().map(|u| u.0).collect();
    let big = new_room(&db, "Mille", &member_ids).await;
    let busy_ids: Vec<Uuid> = users[members..members + 50].iter().map(|u| u.0).collect();
    let busy = new_room(&db, "Cinquanta", &busy_ids).await;
    let archive = new_room(&db, "Archivio", &member_ids[..1]).await;
    seed_messages(&db, archive, member_ids[0], history).await;

    if only_history {
        for readers in [1u64, 8] {
            let pages = history_pages(
                &client,
                &base,
                archive,
                &users[0].1,
                history as u64,
                readers,
                10,
            )
            .await;
            line(
                &format!("GET a 50-message page, {readers} reader(s)"),
                pages,
            );
        }
        let _ = server.kill();
        let _ = server.wait();
        drop(db);
        bench_db.drop_it().await;
        return;
    }

    // 1. Idle sockets.
    let before = rss_mb(pid);
    let tokens: Vec<String> = users.iter().map(|u| u.1.clone()).collect();
    let started = Instant::now();
    let mut sockets = connect_all(&ws_url, &tokens, 200).await;
    let opened = started.elapsed();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after = rss_mb(pid);
    println!("1. idle authenticated sockets");
    println!(
        "  {} sockets open and authenticated in {:.1} s; server RSS {:.0} MB before, {:.0} MB with them ({:.1} KB per socket)",
        sockets.len(),
        opened.as_secs_f64(),
        before,
        after,
        (after - before) * 1024.0 / sockets.len() as f64
    );

    // 2. One room of 1,000 members at 20 messages/s.
    let sent_at = Arc::new(Mutex::new(HashMap::<String, Instant>::new()));
    let rest = sockets.split_off(members);
    let mut seen = Vec::new();
    let mut readers = Vec::new();
    for ws in sockets {
        let s = Arc::new(Mutex::new(Seen::default()));
        readers.push(spawn_reader(ws, big, sent_at.clone(), s.clone()));
        seen.push(s);
    }
    let senders: Vec<String> = tokens[..10].to_vec();
    let sends = send_at_rate(
        &client,
        &base,
        big,
        &senders,
        20,
        seconds,
        "fan",
        Some(sent_at.clone()),
    )
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut deliveries = Vec::new();
    for s in &seen {
        deliveries.append(&mut s.lock().await.latencies);
    }
    println!("2. one room of {members} members, 20 messages/s for {seconds} s");
    line("send request → delivered on each socket", deliveries);
    line("send (HTTP POST) at 20/s", sends);

    // 3. Sends at 200 messages/s into a room of 50 connected members.
    let senders: Vec<String> = tokens[members..members + 50].to_vec();
    let sends = send_at_rate(&client, &base, busy, &senders, 200, seconds, "busy", None).await;
    println!("3. 200 messages/s for {seconds} s into a room of 50 connected members");
    line("send (HTTP POST) at 200/s", sends);

    // 4. History pages with 1,000,000 stored messages: one reader alone, then eight at once.
    println!("4. history of a room with {history} stored messages");
    for readers in [1u64, 8] {
        let pages = history_pages(
            &client,
            &base,
            archive,
            &tokens[0],
            history as u64,
            readers,
            seconds.min(10),
        )
        .await;
        line(
            &format!("GET a 50-message page, {readers} reader(s)"),
            pages,
        );
    }

    // 5. Reconnect storm: every socket drops at once and reconnects while messages keep
    // coming; the members resume from the last message they saw.
    drop(rest);
    for r in &readers {
        r.abort();
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let during = {
        let (client, base, senders) = (client.clone(), base.clone(), tokens[..10].to_vec());
        tokio::spawn(async move {
            send_at_rate(&client, &base, big, &senders, 20, 10, "storm", None).await
        })
    };
    tokio::time::sleep(Duration::from_secs(1)).await;
    let started = Instant::now();
    let url = ws_url.clone();
    let mut storm = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let url = url.clone();
        let token = token.clone();
        let last = if i < members {
            seen[i].lock().await.seqs.iter().max().copied()
        } else {
            None
        };
        storm.push(async move {
            let mut ws = connect(&url, &token).await;
            if let Some(last) = last {
                let resume = ClientEvent::Resume {
                    rooms: BTreeMap::from([(big, last)]),
                };
                ws.send(Frame::text(serde_json::to_string(&resume).unwrap()))
                    .await
                    .unwrap();
            }
            ws
        });
    }
    let mut again: Vec<Ws> = futures_util::stream::iter(storm)
        .buffered(500)
        .collect()
        .await;
    let storm_took = started.elapsed();
    let rest = again.split_off(members);
    let mut readers = Vec::new();
    for (ws, s) in again.into_iter().zip(&seen) {
        readers.push(spawn_reader(ws, big, sent_at.clone(), s.clone()));
    }
    during.await.unwrap();
    tokio::time::sleep(Duration::from_secs(3)).await;
    let last = room::Entity::find_by_id(big)
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .last_seq as u64;
    let (mut lost, mut doubled, mut resyncs, mut refetches) = (0usize, 0usize, 0, 0);
    for s in &seen {
        let s = s.lock().await;
        let mut counts: BTreeMap<u64, usize> = BTreeMap::new();
        for q in &s.seqs {
            *counts.entry(*q).or_default() += 1;
        }
        lost += (1..=last).filter(|q| !counts.contains_key(q)).count();
        doubled += counts
            .values()
            .filter(|c| **c > 1)
            .map(|c| c - 1)
            .sum::<usize>();
        resyncs += s.resyncs;
        refetches += s.refetches;
    }
    println!(
        "5. reconnect storm: {} sockets reconnected in {:.1} s while 20 messages/s kept coming",
        idle,
        storm_took.as_secs_f64()
    );
    println!(
        "  sequence audit of {members} members over messages 1..={last}: {lost} lost, {doubled} duplicated ({resyncs} resyncs, {refetches} refetches)"
    );
    println!("  server RSS at the end {:.0} MB", rss_mb(pid));
    drop(rest);
    for r in readers {
        r.abort();
    }
    let _ = server.kill();
    let _ = server.wait();
    drop(db);
    bench_db.drop_it().await;
    assert_eq!((lost, doubled), (0, 0), "the audit failed");
}
