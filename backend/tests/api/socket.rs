//! The community socket, through a real WebSocket client.

use std::collections::BTreeMap;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use reqwest::StatusCode;
use serde_json::json;
use shared::{ClientEvent, ErrorCode, Message, Room, ServerEvent};
use tokio_tungstenite::tungstenite::Message as Frame;

use crate::db_tests;
use crate::helpers::*;

db_tests!(
    members_get_new_messages_as_they_are_stored,
    a_reconnect_replays_what_was_missed_and_nothing_twice,
    the_socket_wants_a_valid_token_first,
    a_socket_closes_when_its_session_ends,
);

pub(crate) type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

pub(crate) async fn open(app: &TestApp) -> Ws {
    let url = format!(
        "{}/api/v1/community/socket",
        app.address.replacen("http://", "ws://", 1)
    );
    tokio_tungstenite::connect_async(url)
        .await
        .expect("connect")
        .0
}

pub(crate) async fn say(ws: &mut Ws, event: &ClientEvent) {
    ws.send(Frame::text(serde_json::to_string(event).unwrap()))
        .await
        .expect("send");
}

/// The next event, or `None` when nothing comes within `wait`.
pub(crate) async fn next_within(ws: &mut Ws, wait: Duration) -> Option<ServerEvent> {
    loop {
        let frame = tokio::time::timeout(wait, ws.next()).await.ok()??;
        match frame.ok()? {
            Frame::Text(t) => return Some(serde_json::from_str(&t).expect("event")),
            Frame::Close(_) => return None,
            _ => continue,
        }
    }
}

pub(crate) async fn next(ws: &mut Ws) -> ServerEvent {
    next_within(ws, Duration::from_secs(5))
        .await
        .expect("an event")
}

pub(crate) async fn signed_in(app: &TestApp, token: &str) -> Ws {
    let mut ws = open(app).await;
    say(
        &mut ws,
        &ClientEvent::Auth {
            token: token.to_owned(),
        },
    )
    .await;
    assert!(matches!(next(&mut ws).await, ServerEvent::Ready { .. }));
    ws
}

pub(crate) async fn new_room(app: &TestApp, token: &str, kind: &str) -> Room {
    let mut body = json!({
        "kind": kind,
        "name": {"it": "Stanza", "en": "Room"},
        "description": {"it": "Descrizione", "en": "Description"},
        "rules": {"it": "Regole", "en": "Rules"},
    });
    if kind == "public" {
        body["topic"] = json!("territory");
    }
    let res = app.post("/community/rooms", &body, Some(token)).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    json(res).await
}

pub(crate) async fn post(app: &TestApp, token: &str, room: uuid::Uuid, client_id: &str) -> Message {
    let res = app
        .post(
            &format!("/community/rooms/{room}/messages"),
            &json!({"client_id": client_id, "body": format!("testo {client_id}")}),
            Some(token),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    json(res).await
}

fn message(event: ServerEvent) -> Message {
    match event {
        ServerEvent::Message { message } => message,
        other => panic!("expected a message, got {other:?}"),
    }
}

async fn members_get_new_messages_as_they_are_stored(db: TestDb) {
    let app = spawn_app(&db).await;
    let cm = app.token_of("community.milano@sinergia.example").await;
    let public = new_room(&app, &cm, "public").await;
    let private = new_room(&app, &cm, "private").await;
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    let anna = app.token_of("anna.pedrotti@sinergia.example").await;
    let mut her = signed_in(&app, &giulia).await;
    let mut manager = signed_in(&app, &cm).await;
    let mut other_agency = signed_in(&app, &anna).await;

    // Not a member yet: nothing. She joins while connected: from then on, every message.
    post(&app, &cm, public.id, "a").await;
    assert_eq!(message(next(&mut manager).await).seq, 1);
    let res = app
        .post_empty(
            &format!("/community/rooms/{}/join", public.id),
            Some(&giulia),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let sent = post(&app, &cm, public.id, "b").await;
    let got = message(next(&mut her).await);
    assert_eq!(got, sent, "the stored message, as stored");
    assert_eq!(message(next(&mut manager).await).seq, 2);
    // An edit reaches the room as the whole message, as it is now.
    let res = app
        .put(
            &format!("/community/rooms/{}/messages/{}", public.id, sent.id),
            &json!({"body": "testo corretto"}),
            Some(&cm),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    for ws in [&mut her, &mut manager] {
        match next(ws).await {
            ServerEvent::MessageUpdated { message } => {
                assert_eq!(
                    (message.id, message.body.as_str()),
                    (sent.id, "testo corretto")
                );
            }
            other => panic!("{other:?}"),
        }
    }
    // Typing reaches the room.
    say(&mut her, &ClientEvent::Typing { room_id: public.id }).await;
    match next(&mut manager).await {
        ServerEvent::Typing { room_id, name, .. } => {
            assert_eq!((room_id, name.as_str()), (public.id, "Giulia Rossi"));
        }
        other => panic!("{other:?}"),
    }
    // The private room's messages reach its members only; she cannot type or resume there.
    post(&app, &cm, private.id, "p").await;
    assert_eq!(message(next(&mut manager).await).room_id, private.id);
    say(
        &mut her,
        &ClientEvent::Typing {
            room_id: private.id,
        },
    )
    .await;
    assert_eq!(
        next(&mut her).await,
        ServerEvent::Error {
            code: ErrorCode::NotFound,
            room_id: Some(private.id)
        }
    );
    say(
        &mut her,
        &ClientEvent::Resume {
            rooms: BTreeMap::from([(private.id, 0)]),
        },
    )
    .await;
    assert_eq!(
        next(&mut her).await,
        ServerEvent::Error {
            code: ErrorCode::NotFound,
            room_id: Some(private.id)
        }
    );
    // Nothing of any of it crossed to the other agency; she left and hears nothing more.
    assert!(
        next_within(&mut other_agency, Duration::from_millis(300))
            .await
            .is_none()
    );
    let res = app
        .post_empty(
            &format!("/community/rooms/{}/leave", public.id),
            Some(&giulia),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    post(&app, &cm, public.id, "c").await;
    assert_eq!(message(next(&mut manager).await).seq, 3);
    assert!(
        next_within(&mut her, Duration::from_millis(300))
            .await
            .is_none()
    );
    say(&mut her, &ClientEvent::Ping).await;
    assert_eq!(next(&mut her).await, ServerEvent::Pong);
}

async fn a_reconnect_replays_what_was_missed_and_nothing_twice(db: TestDb) {
    let app = spawn_app_with(&db, |s| s.community.replay_max = 5).await;
    let cm = app.token_of("community.milano@sinergia.example").await;
    let r = new_room(&app, &cm, "public").await;
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    app.post_empty(&format!("/community/rooms/{}/join", r.id), Some(&giulia))
        .await;
    let mut ws = signed_in(&app, &giulia).await;
    for i in 1..=3 {
        post(&app, &cm, r.id, &format!("m{i}")).await;
        assert_eq!(message(next(&mut ws).await).seq, i);
    }
    // Her connection drops; four messages come meanwhile.
    drop(ws);
    for i in 4..=7 {
        post(&app, &cm, r.id, &format!("m{i}")).await;
    }
    let mut ws = signed_in(&app, &giulia).await;
    say(
        &mut ws,
        &ClientEvent::Resume {
            rooms: BTreeMap::from([(r.id, 3)]),
        },
    )
    .await;
    let mut seqs = Vec::new();
    loop {
        match next(&mut ws).await {
            ServerEvent::Message { message } => seqs.push(message.seq),
            ServerEvent::Resumed { room_id, last_seq } => {
                assert_eq!((room_id, last_seq), (r.id, 7));
                break;
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(seqs, [4, 5, 6, 7], "what she missed, in order, once");
    // Live again afterwards, and nothing repeated.
    post(&app, &cm, r.id, "m8").await;
    assert_eq!(message(next(&mut ws).await).seq, 8);
    assert!(
        next_within(&mut ws, Duration::from_millis(300))
            .await
            .is_none()
    );
    // Up to date: an empty replay. Too far behind (more than 5): load the history instead.
    say(
        &mut ws,
        &ClientEvent::Resume {
            rooms: BTreeMap::from([(r.id, 8)]),
        },
    )
    .await;
    assert_eq!(
        next(&mut ws).await,
        ServerEvent::Resumed {
            room_id: r.id,
            last_seq: 8
        }
    );
    say(
        &mut ws,
        &ClientEvent::Resume {
            rooms: BTreeMap::from([(r.id, 0)]),
        },
    )
    .await;
    assert_eq!(next(&mut ws).await, ServerEvent::Refetch { room_id: r.id });

    // She reconnects after missing 9 and 10, and 11 comes live before her `resume`: the
    // replay brings 9 and 10, not 11 again.
    drop(ws);
    for i in 9..=10 {
        post(&app, &cm, r.id, &format!("m{i}")).await;
    }
    let mut ws = signed_in(&app, &giulia).await;
    post(&app, &cm, r.id, "m11").await;
    assert_eq!(message(next(&mut ws).await).seq, 11);
    say(
        &mut ws,
        &ClientEvent::Resume {
            rooms: BTreeMap::from([(r.id, 8)]),
        },
    )
    .await;
    assert_eq!(message(next(&mut ws).await).seq, 9);
    assert_eq!(message(next(&mut ws).await).seq, 10);
    assert_eq!(
        next(&mut ws).await,
        ServerEvent::Resumed {
            room_id: r.id,
            last_seq: 11
        }
    );
    assert!(
        next_within(&mut ws, Duration::from_millis(300))
            .await
            .is_none(),
        "nothing twice"
    );
}

async fn the_socket_wants_a_valid_token_first(db: TestDb) {
    let app = spawn_app(&db).await;
    // Anything but `auth` first: refused and closed.
    let mut ws = open(&app).await;
    say(&mut ws, &ClientEvent::Ping).await;
    assert_eq!(
        next(&mut ws).await,
        ServerEvent::Error {
            code: ErrorCode::AuthRequired,
            room_id: None
        }
    );
    assert!(
        next_within(&mut ws, Duration::from_secs(2)).await.is_none(),
        "closed"
    );
    // A forged token.
    let mut ws = open(&app).await;
    say(
        &mut ws,
        &ClientEvent::Auth {
            token: "not.a.token".into(),
        },
    )
    .await;
    assert_eq!(
        next(&mut ws).await,
        ServerEvent::Error {
            code: ErrorCode::InvalidToken,
            room_id: None
        }
    );
    assert!(
        next_within(&mut ws, Duration::from_secs(2)).await.is_none(),
        "closed"
    );
    // A signed-out session's token.
    let (_, js) = app.new_jobseeker().await;
    let res = app.post_empty("/auth/logout", Some(&js.access_token)).await;
    assert!(res.status().is_success());
    let mut ws = open(&app).await;
    say(
        &mut ws,
        &ClientEvent::Auth {
            token: js.access_token.clone(),
        },
    )
    .await;
    assert_eq!(
        next(&mut ws).await,
        ServerEvent::Error {
            code: ErrorCode::InvalidToken,
            room_id: None
        }
    );
    // Re-authenticating as someone else closes the socket.
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    let sara = app.token_of("sara.bianchi@sinergia.example").await;
    let mut ws = signed_in(&app, &giulia).await;
    say(&mut ws, &ClientEvent::Auth { token: sara }).await;
    assert_eq!(
        next(&mut ws).await,
        ServerEvent::Error {
            code: ErrorCode::InvalidToken,
            room_id: None
        }
    );
    assert!(
        next_within(&mut ws, Duration::from_secs(2)).await.is_none(),
        "closed"
    );
    // Her own fresh token keeps it open.
    let mut ws = signed_in(&app, &giulia).await;
    let again = app.token_of("giulia.rossi@sinergia.example").await;
    say(&mut ws, &ClientEvent::Auth { token: again }).await;
    say(&mut ws, &ClientEvent::Ping).await;
    assert_eq!(next(&mut ws).await, ServerEvent::Pong);
}

/// The close code the server ends the socket with (`None`: it stays open for `wait`).
pub(crate) async fn closed_within(ws: &mut Ws, wait: Duration) -> Option<u16> {
    loop {
        let frame = tokio::time::timeout(wait, ws.next()).await.ok()??;
        match frame.ok()? {
            Frame::Close(Some(c)) => return Some(c.code.into()),
            Frame::Close(None) => return Some(1005),
            _ => continue,
        }
    }
}

/// The socket still answers.
async fn still_open(ws: &mut Ws) {
    say(ws, &ClientEvent::Ping).await;
    assert!(matches!(next(ws).await, ServerEvent::Pong));
}

async fn a_socket_closes_when_its_session_ends(db: TestDb) {
    let app = spawn_app(&db).await;
    let (email, first) = app.new_jobseeker().await;
    let second = app.login(&email, "una frase lunga e mia").await;
    let mut a = signed_in(&app, &first.access_token).await;
    let mut b = signed_in(&app, &second.access_token).await;
    let wait = Duration::from_secs(5);

    // A password change ends her other sessions: their sockets close, hers stays.
    let res = app
        .put(
            "/me/password",
            &json!({"current_password": "una frase lunga e mia", "new_password": "un'altra frase, più lunga"}),
            Some(&first.access_token),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(closed_within(&mut b, wait).await, Some(4401));
    still_open(&mut a).await;
    // Logout closes the socket of that session.
    let res = app
        .post_empty("/auth/logout", Some(&first.access_token))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(closed_within(&mut a, wait).await, Some(4401));

    // A reused refresh token ends its session, and the socket with it.
    let tokens = app.login(&email, "un'altra frase, più lunga").await;
    let mut c = signed_in(&app, &tokens.access_token).await;
    let body = json!({"refresh_token": tokens.refresh_token});
    assert_eq!(
        app.post("/auth/refresh", &body, None).await.status(),
        StatusCode::OK
    );
    still_open(&mut c).await;
    expect_problem(
        app.post("/auth/refresh", &body, None).await,
        StatusCode::UNAUTHORIZED,
        "invalid_refresh_token",
    )
    .await;
    assert_eq!(closed_within(&mut c, wait).await, Some(4401));

    // An admin disables an account: every socket of hers closes.
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    let mut g = signed_in(&app, &giulia).await;
    let me: shared::Me = json(app.get("/me", Some(&giulia)).await).await;
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let res = app
        .post_empty(&format!("/admin/users/{}/disable", me.id.0), Some(&admin))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(closed_within(&mut g, wait).await, Some(4401));

    // Erasure too.
    let (_, hers) = app.new_jobseeker().await;
    let mut e = signed_in(&app, &hers.access_token).await;
    let res = app
        .post(
            "/me/erasure",
            &json!({"password": "una frase lunga e mia"}),
            Some(&hers.access_token),
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    assert_eq!(closed_within(&mut e, wait).await, Some(4401));
}
