use std::collections::BTreeSet;

use reqwest::StatusCode;
use serde_json::{Value, json};
use shared::{History, Message, Room, RoomKind};

use crate::db_tests;
use crate::helpers::*;

db_tests!(
    rooms_are_seen_by_their_agency_and_private_ones_by_members,
    messages_are_numbered_without_gaps_under_concurrent_senders,
    a_retried_send_returns_the_original,
    only_members_post_and_announcements_are_for_managers,
    unread_counts_and_read_markers,
    history_pages_by_sequence_number,
    edits_deletions_reactions_and_pins,
    search_finds_her_rooms_messages_only,
);

fn room_body(kind: &str, name: &str) -> Value {
    let mut body = json!({
        "kind": kind,
        "name": {"it": name, "en": name},
        "description": {"it": "Per chi torna al lavoro.", "en": "For those going back to work."},
        "rules": {"it": "Rispetto e gentilezza.", "en": "Respect and kindness."},
    });
    if kind == "public" {
        body["topic"] = json!("theme");
    }
    body
}

async fn new_room(app: &TestApp, manager: &str, kind: &str, name: &str) -> Room {
    let res = app
        .post("/community/rooms", &room_body(kind, name), Some(manager))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    json(res).await
}

pub(crate) async fn join(app: &TestApp, token: &str, room: uuid::Uuid) -> Room {
    let res = app
        .post_empty(&format!("/community/rooms/{room}/join"), Some(token))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    json(res).await
}

async fn send(
    app: &TestApp,
    token: &str,
    room: uuid::Uuid,
    client_id: &str,
    body: &str,
) -> Message {
    let res = app
        .post(
            &format!("/community/rooms/{room}/messages"),
            &json!({"client_id": client_id, "body": body}),
            Some(token),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    json(res).await
}

async fn room(app: &TestApp, token: &str, id: uuid::Uuid) -> Room {
    json(
        app.get(&format!("/community/rooms/{id}"), Some(token))
            .await,
    )
    .await
}

async fn rooms_are_seen_by_their_agency_and_private_ones_by_members(db: TestDb) {
    let app = spawn_app(&db).await;
    let cm = app.token_of("community.milano@sinergia.example").await;
    let public = new_room(&app, &cm, "public", "Tornare al lavoro").await;
    assert_eq!(public.kind, RoomKind::Public);
    assert_eq!(public.role, Some(shared::MemberRole::Manager));
    let private = new_room(&app, &cm, "private", "Gruppo di Lucia").await;
    let news = new_room(&app, &cm, "announcement", "Avvisi").await;
    let admin = app.token_of("admin.milano@sinergia.example").await;
    new_room(&app, &admin, "public", "Nidi e asili").await;

    // Only community managers and admins create rooms.
    for email in [
        "operatrice.milano@sinergia.example",
        "giulia.rossi@sinergia.example",
    ] {
        let t = app.token_of(email).await;
        expect_problem(
            app.post("/community/rooms", &room_body("public", "X"), Some(&t))
                .await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    expect_problem(
        app.post("/community/rooms", &room_body("public", "X"), None)
            .await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
    let mut bad = room_body("private", " ");
    bad["topic"] = json!("territory");
    let p = expect_problem(
        app.post("/community/rooms", &bad, Some(&cm)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let pointers: Vec<&str> = p.errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(pointers, ["/name/it", "/name/en", "/topic"]);

    // A jobseeker of Milan sees the public and announcement rooms, not the private one.
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    let seen: Vec<Room> = json(app.get("/community/rooms", Some(&giulia)).await).await;
    let ids: BTreeSet<uuid::Uuid> = seen.iter().map(|r| r.id).collect();
    assert!(ids.contains(&public.id) && ids.contains(&news.id));
    assert!(!ids.contains(&private.id));
    assert!(seen.iter().all(|r| r.role.is_none() && r.unread == 0));
    for path in [
        format!("/community/rooms/{}", private.id),
        format!("/community/rooms/{}/messages", private.id),
    ] {
        expect_problem(
            app.get(&path, Some(&giulia)).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    for action in ["join", "leave", "messages", "read"] {
        let path = format!("/community/rooms/{}/{action}", private.id);
        let res = match action {
            "read" => {
                app.put(&path, &json!({"last_read_seq": 1}), Some(&giulia))
                    .await
            }
            // `join` and `leave` take no body.
            "join" | "leave" => app.post_empty(&path, Some(&giulia)).await,
            _ => {
                app.post(
                    &path,
                    &json!({"client_id": "a", "body": "ciao"}),
                    Some(&giulia),
                )
                .await
            }
        };
        expect_problem(res, StatusCode::NOT_FOUND, "not_found").await;
    }
    // Another agency sees none of Milan's rooms: 404 even for a public one.
    let anna = app.token_of("anna.pedrotti@sinergia.example").await;
    let theirs: Vec<Room> = json(app.get("/community/rooms", Some(&anna)).await).await;
    assert!(theirs.iter().all(|r| r.id != public.id && r.id != news.id));
    for path in [
        format!("/community/rooms/{}", public.id),
        format!("/community/rooms/{}/messages", public.id),
    ] {
        expect_problem(
            app.get(&path, Some(&anna)).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    expect_problem(
        app.post_empty(&format!("/community/rooms/{}/join", public.id), Some(&anna))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    // Signed out: 401 everywhere.
    for path in [
        "/community/rooms".to_owned(),
        format!("/community/rooms/{}", public.id),
        format!("/community/rooms/{}/messages", public.id),
    ] {
        expect_problem(
            app.get(&path, None).await,
            StatusCode::UNAUTHORIZED,
            "missing_token",
        )
        .await;
    }

    // She joins (twice: no change), sees it first in her list, leaves.
    let joined = join(&app, &giulia, public.id).await;
    assert_eq!(joined.role, Some(shared::MemberRole::Member));
    join(&app, &giulia, public.id).await;
    let seen: Vec<Room> = json(app.get("/community/rooms", Some(&giulia)).await).await;
    assert_eq!(seen[0].id, public.id);
    let res = app
        .post_empty(
            &format!("/community/rooms/{}/leave", public.id),
            Some(&giulia),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    expect_problem(
        app.post_empty(
            &format!("/community/rooms/{}/leave", public.id),
            Some(&giulia),
        )
        .await,
        StatusCode::CONFLICT,
        "not_a_member",
    )
    .await;
}

async fn messages_are_numbered_without_gaps_under_concurrent_senders(db: TestDb) {
    let app = spawn_app(&db).await;
    let cm = app.token_of("community.milano@sinergia.example").await;
    let r = new_room(&app, &cm, "public", "Conciliare").await;
    let mut senders = Vec::new();
    for _ in 0..4 {
        let (_, t) = app.new_jobseeker().await;
        join(&app, &t.access_token, r.id).await;
        senders.push(t.access_token);
    }
    const EACH: usize = 8;
    let tasks = senders.iter().enumerate().map(|(n, t)| {
        let app = &app;
        async move {
            let mut seqs = Vec::new();
            for i in 0..EACH {
                let m = send(
                    app,
                    t,
                    r.id,
                    &format!("c-{n}-{i}"),
                    &format!("messaggio {n}.{i}"),
                )
                .await;
                seqs.push(m.seq);
            }
            seqs
        }
    });
    let all: Vec<Vec<u64>> = futures_util::future::join_all(tasks).await;
    let total = (senders.len() * EACH) as u64;
    let mut seqs: Vec<u64> = all.iter().flatten().copied().collect();
    seqs.sort_unstable();
    assert_eq!(
        seqs,
        (1..=total).collect::<Vec<_>>(),
        "every number once, no gap"
    );
    // Each sender's own messages come in the order she sent them.
    for mine in &all {
        assert!(mine.windows(2).all(|w| w[0] < w[1]), "{mine:?}");
    }
    let history: History = json(
        app.get(
            &format!("/community/rooms/{}/messages?limit=100", r.id),
            Some(&cm),
        )
        .await,
    )
    .await;
    let order: Vec<u64> = history.messages.iter().map(|m| m.seq).collect();
    assert_eq!(order, (1..=total).collect::<Vec<_>>());
    assert!(!history.more_before && !history.more_after);
    assert_eq!(room(&app, &cm, r.id).await.last_seq, total);
}

async fn a_retried_send_returns_the_original(db: TestDb) {
    let app = spawn_app(&db).await;
    let cm = app.token_of("community.milano@sinergia.example").await;
    let r = new_room(&app, &cm, "public", "Ritentare").await;
    let (_, js) = app.new_jobseeker().await;
    let t = js.access_token;
    join(&app, &t, r.id).await;
    let first = send(&app, &t, r.id, "retry-1", "Ciao a tutte!").await;
    assert_eq!(first.seq, 1);
    // The same client id again (even with another body): 200 and the original.
    let res = app
        .post(
            &format!("/community/rooms/{}/messages", r.id),
            &json!({"client_id": "retry-1", "body": "Ciao a tutte!!"}),
            Some(&t),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let again: Message = json(res).await;
    assert_eq!(again, first);
    // Five copies at once: one is stored, all answer with it.
    let path = format!("/community/rooms/{}/messages", r.id);
    let body = json!({"client_id": "retry-2", "body": "Chi viene al laboratorio?"});
    let answers =
        futures_util::future::join_all((0..5).map(|_| app.post(&path, &body, Some(&t)))).await;
    let mut created = 0;
    let mut ids = BTreeSet::new();
    for res in answers {
        match res.status() {
            StatusCode::CREATED => created += 1,
            StatusCode::OK => {}
            other => panic!("unexpected {other}"),
        }
        let m: Message = json(res).await;
        ids.insert((m.id, m.seq));
    }
    assert_eq!(created, 1);
    assert_eq!(ids.len(), 1);
    assert_eq!(ids.first().unwrap().1, 2);
    // Another sender may use the same client id: it is hers.
    let other = send(&app, &cm, r.id, "retry-1", "Benvenute!").await;
    assert_eq!(other.seq, 3);
    let r = room(&app, &cm, r.id).await;
    assert_eq!(r.last_seq, 3, "no number was used up by the retries");
}

async fn only_members_post_and_announcements_are_for_managers(db: TestDb) {
    let app = spawn_app(&db).await;
    let cm = app.token_of("community.milano@sinergia.example").await;
    let r = new_room(&app, &cm, "public", "Regole").await;
    let other = new_room(&app, &cm, "public", "Altra").await;
    let news = new_room(&app, &cm, "announcement", "Avvisi").await;
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    let path = format!("/community/rooms/{}/messages", r.id);
    // Not a member yet: may read a public room, not write.
    let res = app.get(&path, Some(&giulia)).await;
    assert_eq!(res.status(), StatusCode::OK);
    expect_problem(
        app.post(
            &path,
            &json!({"client_id": "x1", "body": "ciao"}),
            Some(&giulia),
        )
        .await,
        StatusCode::CONFLICT,
        "not_a_member",
    )
    .await;
    join(&app, &giulia, r.id).await;
    let elsewhere = send(&app, &cm, other.id, "o1", "Altrove").await;
    // Announcements: members read, only managers write.
    join(&app, &giulia, news.id).await;
    expect_problem(
        app.post(
            &format!("/community/rooms/{}/messages", news.id),
            &json!({"client_id": "n1", "body": "posso?"}),
            Some(&giulia),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    send(&app, &cm, news.id, "n1", "Martedì il laboratorio CV.").await;

    // Every rule at its place; nothing stored.
    let sara = app.token_of("sara.bianchi@sinergia.example").await;
    let cases = [
        (
            json!({"client_id": "", "body": "ciao"}),
            "/client_id",
            "client_id_invalid",
        ),
        (
            json!({"client_id": "a b", "body": "ciao"}),
            "/client_id",
            "client_id_invalid",
        ),
        (
            json!({"client_id": "x".repeat(65), "body": "ciao"}),
            "/client_id",
            "client_id_invalid",
        ),
        (
            json!({"client_id": "b1", "body": "  "}),
            "/body",
            "required",
        ),
        (
            json!({"client_id": "b2", "body": "x".repeat(4001)}),
            "/body",
            "text_too_long",
        ),
        (
            json!({"client_id": "b3", "body": "a\u{0000}b"}),
            "/body",
            "text_invalid",
        ),
        (
            json!({"client_id": "b4", "body": "re", "reply_to": elsewhere.id}),
            "/reply_to",
            "reply_unknown",
        ),
        (
            json!({"client_id": "b5", "body": "@sara", "mentions": [uuid::Uuid::now_v7()]}),
            "/mentions/0",
            "mention_not_member",
        ),
    ];
    for (body, pointer, code) in cases {
        let p = expect_problem(
            app.post(&path, &body, Some(&giulia)).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert_eq!(
            (p.errors[0].pointer.as_str(), p.errors[0].code.as_str()),
            (pointer, code),
            "{body}"
        );
    }
    // Sara is not a member: she cannot be mentioned.
    let me: Value = json(app.get("/me", Some(&sara)).await).await;
    let p = expect_problem(
        app.post(
            &path,
            &json!({"client_id": "b6", "body": "@sara", "mentions": [me["id"]]}),
            Some(&giulia),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].code, "mention_not_member");
    expect_problem(
        app.post(&path, &json!({"body": "ciao"}), Some(&giulia))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    assert_eq!(
        room(&app, &giulia, r.id).await.last_seq,
        0,
        "nothing stored"
    );

    // Text is stored as written, markup included: clients show it as text.
    let first = send(&app, &giulia, r.id, "h1", "<b>ciao</b> <script>x</script>").await;
    assert_eq!(first.body, "<b>ciao</b> <script>x</script>");
    let reply = app
        .post(
            &path,
            &json!({"client_id": "h2", "body": "risposta", "reply_to": first.id}),
            Some(&cm),
        )
        .await;
    assert_eq!(reply.status(), StatusCode::CREATED);
    let reply: Message = json(reply).await;
    assert_eq!(reply.reply_to, Some(first.id));
    assert_eq!(reply.sender_name, "Elena Galli");
}

async fn unread_counts_and_read_markers(db: TestDb) {
    let app = spawn_app(&db).await;
    let cm = app.token_of("community.milano@sinergia.example").await;
    let r = new_room(&app, &cm, "public", "Letture").await;
    send(&app, &cm, r.id, "before", "Prima che lei entri").await;
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    let joined = join(&app, &giulia, r.id).await;
    assert_eq!(
        (joined.last_read_seq, joined.unread),
        (1, 0),
        "history is not unread"
    );
    let me: Value = json(app.get("/me", Some(&giulia)).await).await;
    send(&app, &cm, r.id, "m1", "Uno").await;
    let path = format!("/community/rooms/{}/messages", r.id);
    let res = app
        .post(
            &path,
            &json!({"client_id": "m2", "body": "@Giulia due", "mentions": [me["id"]]}),
            Some(&cm),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    send(&app, &cm, r.id, "m3", "Tre").await;
    let seen = room(&app, &giulia, r.id).await;
    assert_eq!(
        (seen.last_seq, seen.unread, seen.unread_mentions),
        (4, 3, 1)
    );
    let listed: Vec<Room> = json(app.get("/community/rooms", Some(&giulia)).await).await;
    assert_eq!(listed[0].unread, 3);
    // Her own messages are never unread for her; sending reads up to hers.
    let manager_view = room(&app, &cm, r.id).await;
    assert_eq!(manager_view.unread, 0);

    let read = |to: u64| {
        let (app, giulia, path) = (&app, &giulia, format!("/community/rooms/{}/read", r.id));
        async move {
            let res = app
                .put(&path, &json!({"last_read_seq": to}), Some(giulia))
                .await;
            assert_eq!(res.status(), StatusCode::OK);
            json::<Room>(res).await
        }
    };
    let after = read(3).await;
    assert_eq!(
        (after.last_read_seq, after.unread, after.unread_mentions),
        (3, 1, 0)
    );
    let back = read(2).await;
    assert_eq!(back.last_read_seq, 3, "never backwards");
    let all = read(999).await;
    assert_eq!(
        (all.last_read_seq, all.unread),
        (4, 0),
        "never past the newest"
    );
    // Not a member: 409; malformed: 400/422.
    let sara = app.token_of("sara.bianchi@sinergia.example").await;
    expect_problem(
        app.put(
            &format!("/community/rooms/{}/read", r.id),
            &json!({"last_read_seq": 1}),
            Some(&sara),
        )
        .await,
        StatusCode::CONFLICT,
        "not_a_member",
    )
    .await;
    expect_problem(
        app.put(
            &format!("/community/rooms/{}/read", r.id),
            &json!({"last_read_seq": -1}),
            Some(&giulia),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
}

async fn history_pages_by_sequence_number(db: TestDb) {
    // 25 messages at once: more than anyone may post (posts are throttled per user).
    let app = spawn_app_with(&db, |s| s.throttle.posts_per_user_burst = 100).await;
    let cm = app.token_of("community.milano@sinergia.example").await;
    let r = new_room(&app, &cm, "public", "Storia").await;
    for i in 1..=25 {
        send(&app, &cm, r.id, &format!("s{i}"), &format!("messaggio {i}")).await;
    }
    let page = |query: &str| {
        let (app, cm, path) = (
            &app,
            &cm,
            format!("/community/rooms/{}/messages?{query}", r.id),
        );
        async move {
            let h: History = json(app.get(&path, Some(cm)).await).await;
            let seqs: Vec<u64> = h.messages.iter().map(|m| m.seq).collect();
            (seqs, h.more_before, h.more_after)
        }
    };
    assert_eq!(page("limit=10").await, ((16..=25).collect(), true, false));
    assert_eq!(
        page("before=16&limit=10").await,
        ((6..=15).collect(), true, true)
    );
    assert_eq!(
        page("before=6&limit=10").await,
        ((1..=5).collect(), false, true)
    );
    assert_eq!(
        page("after=20&limit=10").await,
        ((21..=25).collect(), true, false)
    );
    assert_eq!(
        page("after=0&limit=3").await,
        ((1..=3).collect(), false, true)
    );
    assert_eq!(
        page("around=13&limit=4").await,
        ((11..=14).collect(), true, true)
    );
    assert_eq!(page("after=25").await, (vec![], true, false));
    assert_eq!(page("").await.0.len(), 25);
    for (query, status, code) in [
        ("limit=0", StatusCode::UNPROCESSABLE_ENTITY, "validation"),
        ("limit=101", StatusCode::UNPROCESSABLE_ENTITY, "validation"),
        (
            "before=3&after=1",
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
        ("before=abc", StatusCode::BAD_REQUEST, "invalid_query"),
        ("cursor=3", StatusCode::BAD_REQUEST, "invalid_query"),
    ] {
        expect_problem(
            app.get(
                &format!("/community/rooms/{}/messages?{query}", r.id),
                Some(&cm),
            )
            .await,
            status,
            code,
        )
        .await;
    }
}

async fn edits_deletions_reactions_and_pins(db: TestDb) {
    let app = spawn_app(&db).await;
    let cm = app.token_of("community.milano@sinergia.example").await;
    let r = new_room(&app, &cm, "public", "Modifiche").await;
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    let sara = app.token_of("sara.bianchi@sinergia.example").await;
    join(&app, &giulia, r.id).await;
    join(&app, &sara, r.id).await;
    let m = send(&app, &giulia, r.id, "e1", "Domani c'è il mercato").await;
    let path = format!("/community/rooms/{}/messages/{}", r.id, m.id);

    // Only she edits or deletes her message.
    for token in [&sara, &cm] {
        expect_problem(
            app.put(&path, &json!({"body": "no"}), Some(token)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
        expect_problem(
            app.client
                .delete(app.url(&path))
                .bearer_auth(token)
                .send()
                .await
                .unwrap(),
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    expect_problem(
        app.put(&path, &json!({"body": " "}), Some(&giulia)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let edited: Message = json(
        app.put(
            &path,
            &json!({"body": "Domani c'è il mercato, alle 9"}),
            Some(&giulia),
        )
        .await,
    )
    .await;
    assert_eq!(edited.body, "Domani c'è il mercato, alle 9");
    assert!(edited.edited_at.is_some());
    assert_eq!((edited.seq, edited.id), (m.seq, m.id));
    json::<Message>(
        app.put(
            &path,
            &json!({"body": "Domani c'è il mercato, alle 10"}),
            Some(&giulia),
        )
        .await,
    )
    .await;
    // Earlier texts: for the room's moderators only.
    let versions: Vec<shared::MessageVersion> =
        json(app.get(&format!("{path}/versions"), Some(&cm)).await).await;
    let bodies: Vec<&str> = versions.iter().map(|v| v.body.as_str()).collect();
    assert_eq!(
        bodies,
        ["Domani c'è il mercato", "Domani c'è il mercato, alle 9"]
    );
    expect_problem(
        app.get(&format!("{path}/versions"), Some(&giulia)).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    // Reactions: members, from the set, once each.
    let react = |emoji: &str, token: &str, add: bool| {
        let url = app.url(&format!("{path}/reactions/{}", utf8_percent_encode(emoji)));
        let req = if add {
            app.client.put(url)
        } else {
            app.client.delete(url)
        };
        req.bearer_auth(token.to_owned()).send()
    };
    let res = react("👍", &sara, true).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    react("👍", &sara, true).await.unwrap();
    let res = react("👍", &cm, true).await.unwrap();
    let with: Message = json(res).await;
    assert_eq!(with.reactions.len(), 1);
    assert_eq!(with.reactions[0].emoji, "👍");
    assert_eq!(with.reactions[0].users.len(), 2);
    expect_problem(
        react("🦄", &sara, true).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let anna = app.token_of("anna.pedrotti@sinergia.example").await;
    expect_problem(
        react("👍", &anna, true).await.unwrap(),
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let without: Message = json(react("👍", &sara, false).await.unwrap()).await;
    assert_eq!(without.reactions[0].users.len(), 1);

    // Pins: the room's managers.
    expect_problem(
        app.post(
            &format!("/community/rooms/{}/pins", r.id),
            &json!({"message_id": m.id}),
            Some(&giulia),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let pinned: Room = json(
        app.post(
            &format!("/community/rooms/{}/pins", r.id),
            &json!({"message_id": m.id}),
            Some(&cm),
        )
        .await,
    )
    .await;
    assert_eq!(pinned.pinned, [m.id]);
    assert_eq!(room(&app, &giulia, r.id).await.pinned, [m.id]);
    let unpinned: Room = json(
        app.client
            .delete(app.url(&format!("/community/rooms/{}/pins/{}", r.id, m.id)))
            .bearer_auth(&cm)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(unpinned.pinned.is_empty());

    // Deleted: the place stays, the text goes; no more edits or reactions.
    let gone: Message = json(
        app.client
            .delete(app.url(&path))
            .bearer_auth(&giulia)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(gone.deleted && gone.body.is_empty());
    let history: History = json(
        app.get(&format!("/community/rooms/{}/messages", r.id), Some(&sara))
            .await,
    )
    .await;
    assert_eq!(history.messages[0].seq, 1);
    assert!(history.messages[0].deleted && history.messages[0].body.is_empty());
    expect_problem(
        app.put(&path, &json!({"body": "di nuovo"}), Some(&giulia))
            .await,
        StatusCode::CONFLICT,
        "message_deleted",
    )
    .await;
    expect_problem(
        react("🎉", &sara, true).await.unwrap(),
        StatusCode::CONFLICT,
        "message_deleted",
    )
    .await;
}

/// Percent-encodes a path segment.
fn utf8_percent_encode(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

async fn search_finds_her_rooms_messages_only(db: TestDb) {
    let app = spawn_app(&db).await;
    let cm = app.token_of("community.milano@sinergia.example").await;
    let mine = new_room(&app, &cm, "public", "Nidi").await;
    let other = new_room(&app, &cm, "public", "Altro").await;
    let private = new_room(&app, &cm, "private", "Riservata").await;
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    join(&app, &giulia, mine.id).await;
    send(&app, &cm, mine.id, "a", "Il NIDO Arcobaleno apre a gennaio").await;
    send(&app, &cm, mine.id, "b", "Orari del nido comunale").await;
    let gone = send(&app, &cm, mine.id, "c", "Un nido che poi cancello").await;
    send(&app, &cm, mine.id, "d", "Sconto del 50% al nido_bis").await;
    send(&app, &cm, other.id, "e", "Nido in un'altra stanza").await;
    send(&app, &cm, private.id, "f", "Nido riservato").await;
    let res = app
        .client
        .delete(app.url(&format!(
            "/community/rooms/{}/messages/{}",
            mine.id, gone.id
        )))
        .bearer_auth(&cm)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let found = |q: &str| {
        let (app, giulia, q) = (&app, &giulia, q.to_owned());
        async move {
            let r: shared::SearchResults = json(
                app.client
                    .get(app.url("/community/search"))
                    .query(&[("q", q.as_str())])
                    .bearer_auth(giulia)
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            r.messages
                .into_iter()
                .map(|m| m.client_id)
                .collect::<Vec<_>>()
        }
    };
    // Only her rooms, newest first, any case, deleted messages never.
    assert_eq!(found("nido").await, ["d", "b", "a"]);
    // `%` and `_` are text, not wildcards.
    assert_eq!(found("50%").await, ["d"]);
    assert_eq!(found("o_b").await, ["d"]);
    assert!(found("o%b").await.is_empty());
    for q in ["n", &"x".repeat(101)] {
        expect_problem(
            app.client
                .get(app.url("/community/search"))
                .query(&[("q", q)])
                .bearer_auth(&giulia)
                .send()
                .await
                .unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
    }
    expect_problem(
        app.get("/community/search?q=nido", None).await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
}
