//! Direct conversations, community settings, room members, presence and replies.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;
use shared::{
    CommunitySettings, Contact, Me, Message, Room, RoomKind, RoomMember, ServerEvent, UserId,
};

use crate::db_tests;
use crate::helpers::*;
use crate::socket::{next, next_within, signed_in};

db_tests!(
    a_jobseeker_and_staff_of_her_agency_write_directly,
    two_jobseekers_write_directly_only_while_both_allow_it,
    members_presence_and_the_conversation_she_is_added_to,
    large_rooms_hear_no_presence,
    replies_quote_the_message_they_answer,
);

async fn id_of(app: &TestApp, token: &str) -> UserId {
    let me: Me = json(app.get("/me", Some(token)).await).await;
    me.id
}

async fn open_direct(app: &TestApp, token: &str, with: UserId) -> reqwest::Response {
    app.post("/community/direct", &json!({"user_id": with}), Some(token))
        .await
}

async fn say(app: &TestApp, token: &str, room: uuid::Uuid, client_id: &str) -> reqwest::Response {
    app.post(
        &format!("/community/rooms/{room}/messages"),
        &json!({"client_id": client_id, "body": format!("ciao {client_id}")}),
        Some(token),
    )
    .await
}

/// A public room of the community manager's, joined by `members`.
async fn public_room(app: &TestApp, manager: &str, name: &str, members: &[&String]) -> Room {
    let res = app
        .post(
            "/community/rooms",
            &json!({"kind": "public", "topic": "territory",
                "name": {"it": name, "en": name},
                "description": {"it": "D", "en": "D"}, "rules": {"it": "R", "en": "R"}}),
            Some(manager),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let room: Room = json(res).await;
    for t in members {
        let res = app
            .post(
                &format!("/community/rooms/{}/join", room.id),
                &json!({}),
                Some(t.as_str()),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    room
}

async fn set(app: &TestApp, token: &str, allow: bool, show: bool) {
    let res = app
        .put(
            "/community/settings",
            &json!({"allow_direct_messages": allow, "show_presence": show}),
            Some(token),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
}

async fn a_jobseeker_and_staff_of_her_agency_write_directly(db: TestDb) {
    let app = spawn_app(&db).await;
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    let sara = app.token_of("sara.bianchi@sinergia.example").await;
    let chiara = app.token_of("operatrice.milano@sinergia.example").await;
    let elena = app.token_of("community.milano@sinergia.example").await;
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let anna = app.token_of("anna.pedrotti@sinergia.example").await;
    let chiara_id = id_of(&app, &chiara).await;
    let giulia_id = id_of(&app, &giulia).await;

    // Her contacts: the staff of her agency, not of another; no jobseeker (she has not turned
    // direct messages on).
    let contacts: Vec<Contact> = json(app.get("/community/contacts", Some(&giulia)).await).await;
    let names: Vec<&str> = contacts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["Alessandra Colombo", "Chiara Ferrari", "Elena Galli"],
        "staff of Milano by name"
    );
    assert!(contacts.iter().all(|c| c.role.is_staff() && !c.online));

    // Staff searching find anyone of the agency; a jobseeker searching finds only her contacts.
    let found: Vec<Contact> = json(
        app.get("/community/contacts?q=BIANCHI", Some(&chiara))
            .await,
    )
    .await;
    assert_eq!(
        found.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["Sara Bianchi"]
    );
    let found: Vec<Contact> = json(
        app.get("/community/contacts?q=bianchi", Some(&giulia))
            .await,
    )
    .await;
    assert!(found.is_empty(), "no room shared, direct messages off");
    let long = "a".repeat(101);
    expect_problem(
        app.get(&format!("/community/contacts?q={long}"), Some(&chiara))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;

    // She opens a conversation with her counsellor; opening it again gives the same one.
    let res = open_direct(&app, &giulia, chiara_id).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let room: Room = json(res).await;
    assert_eq!(room.kind, RoomKind::Direct);
    let peer = room.peer.clone().expect("the other person");
    assert_eq!(
        (peer.user_id, peer.name.as_str()),
        (chiara_id, "Chiara Ferrari")
    );
    let res = open_direct(&app, &chiara, giulia_id).await;
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "one conversation for two people"
    );
    let again: Room = json(res).await;
    assert_eq!(again.id, room.id);
    assert_eq!(again.peer.unwrap().name, "Giulia Rossi");

    assert_eq!(
        say(&app, &giulia, room.id, "g1").await.status(),
        StatusCode::CREATED
    );
    let listed: Vec<Room> = json(app.get("/community/rooms", Some(&chiara)).await).await;
    let mine = listed
        .iter()
        .find(|r| r.id == room.id)
        .expect("in her list");
    assert_eq!(mine.unread, 1, "Giulia's message");
    assert_eq!(
        say(&app, &chiara, room.id, "c1").await.status(),
        StatusCode::CREATED
    );

    // Nobody else sees it: another jobseeker, the community manager and the admin of the
    // agency (404 everywhere), another agency.
    for outsider in [&sara, &elena, &admin, &anna] {
        let rooms: Vec<Room> = json(app.get("/community/rooms", Some(outsider)).await).await;
        assert!(rooms.iter().all(|r| r.id != room.id));
        for path in [
            format!("/community/rooms/{}", room.id),
            format!("/community/rooms/{}/messages", room.id),
            format!("/community/rooms/{}/members", room.id),
        ] {
            expect_problem(
                app.get(&path, Some(outsider)).await,
                StatusCode::NOT_FOUND,
                "not_found",
            )
            .await;
        }
        expect_problem(
            say(&app, outsider, room.id, "x").await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
        expect_problem(
            app.post(
                &format!("/community/rooms/{}/join", room.id),
                &json!({}),
                Some(outsider),
            )
            .await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    // A third person is never added to a conversation of two.
    let sara_id = id_of(&app, &sara).await;
    expect_problem(
        app.post(
            &format!("/community/rooms/{}/members", room.id),
            &json!({"user_id": sara_id}),
            Some(&admin),
        )
        .await,
        StatusCode::CONFLICT,
        "direct_conversation",
    )
    .await;

    // She leaves it; when her counsellor writes again it is back in her list.
    let res = app
        .post(
            &format!("/community/rooms/{}/leave", room.id),
            &json!({}),
            Some(&giulia),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    expect_problem(
        app.get(&format!("/community/rooms/{}", room.id), Some(&giulia))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_eq!(
        open_direct(&app, &chiara, giulia_id).await.status(),
        StatusCode::OK
    );
    let back: Room = json(
        app.get(&format!("/community/rooms/{}", room.id), Some(&giulia))
            .await,
    )
    .await;
    assert_eq!(
        back.unread, 1,
        "the message she had not read before leaving"
    );

    // Rules of the request.
    let anna_id = id_of(&app, &anna).await;
    let p = expect_problem(
        open_direct(&app, &giulia, anna_id).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        (p.errors[0].pointer.as_str(), p.errors[0].code.as_str()),
        ("/user_id", "user_unknown"),
        "a person of another agency is unknown"
    );
    let p = expect_problem(
        open_direct(&app, &giulia, giulia_id).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].code, "direct_self");
    expect_problem(
        app.post(
            "/community/direct",
            &json!({"user_id": "nope"}),
            Some(&giulia),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    expect_problem(
        app.post("/community/direct", &json!({"user_id": chiara_id}), None)
            .await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
    expect_problem(
        app.get("/community/contacts", None).await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
}

async fn two_jobseekers_write_directly_only_while_both_allow_it(db: TestDb) {
    let app = spawn_app(&db).await;
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    let sara = app.token_of("sara.bianchi@sinergia.example").await;
    let elena = app.token_of("community.milano@sinergia.example").await;
    let (giulia_id, sara_id) = (id_of(&app, &giulia).await, id_of(&app, &sara).await);

    let defaults: CommunitySettings =
        json(app.get("/community/settings", Some(&giulia)).await).await;
    assert_eq!(defaults, CommunitySettings::default());
    assert!(!defaults.allow_direct_messages, "off until she turns it on");

    expect_problem(
        open_direct(&app, &giulia, sara_id).await,
        StatusCode::CONFLICT,
        "direct_messages_off_mine",
    )
    .await;
    set(&app, &giulia, true, true).await;
    expect_problem(
        open_direct(&app, &giulia, sara_id).await,
        StatusCode::CONFLICT,
        "direct_messages_off",
    )
    .await;

    // Both allow it, but they share no room yet: neither is in the other's contacts.
    set(&app, &sara, true, true).await;
    let contacts: Vec<Contact> = json(app.get("/community/contacts", Some(&giulia)).await).await;
    assert!(contacts.iter().all(|c| c.user_id != sara_id));
    public_room(&app, &elena, "Rientro", &[&giulia, &sara]).await;
    let contacts: Vec<Contact> = json(app.get("/community/contacts", Some(&giulia)).await).await;
    let sara_contact = contacts
        .iter()
        .find(|c| c.user_id == sara_id)
        .expect("Sara");
    assert_eq!(sara_contact.name, "Sara Bianchi");

    let res = open_direct(&app, &giulia, sara_id).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let room: Room = json(res).await;
    assert_eq!(
        say(&app, &sara, room.id, "s1").await.status(),
        StatusCode::CREATED
    );

    // Sara turns direct messages off: Giulia can no longer write, nor open it again; Sara can
    // still read it. Turned on again, it goes on where it was.
    set(&app, &sara, false, true).await;
    expect_problem(
        say(&app, &giulia, room.id, "g1").await,
        StatusCode::CONFLICT,
        "direct_messages_off",
    )
    .await;
    expect_problem(
        open_direct(&app, &giulia, sara_id).await,
        StatusCode::CONFLICT,
        "direct_messages_off",
    )
    .await;
    let contacts: Vec<Contact> = json(app.get("/community/contacts", Some(&giulia)).await).await;
    assert!(contacts.iter().all(|c| c.user_id != sara_id));
    let res = app
        .get(
            &format!("/community/rooms/{}/messages", room.id),
            Some(&sara),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    set(&app, &sara, true, true).await;
    let sent: Message = json(say(&app, &giulia, room.id, "g2").await).await;
    assert_eq!(sent.seq, 2, "no number used up by the refused send");

    // A concurrent open by both gives one conversation.
    let other = app.token_of("giulia.rossi@sinergia.example").await;
    let (a, b) = tokio::join!(
        open_direct(&app, &other, sara_id),
        open_direct(&app, &sara, giulia_id)
    );
    let (a, b): (Room, Room) = (json(a).await, json(b).await);
    assert_eq!((a.id, b.id), (room.id, room.id));

    // Settings: unknown fields and bad types are refused; signed out is 401.
    expect_problem(
        app.put(
            "/community/settings",
            &json!({"allow_direct_messages": "yes", "show_presence": true}),
            Some(&giulia),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    for res in [
        app.get("/community/settings", None).await,
        app.put(
            "/community/settings",
            &json!({"allow_direct_messages": true, "show_presence": true}),
            None,
        )
        .await,
    ] {
        expect_problem(res, StatusCode::UNAUTHORIZED, "missing_token").await;
    }
}

async fn members_presence_and_the_conversation_she_is_added_to(db: TestDb) {
    let app = spawn_app(&db).await;
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    let sara = app.token_of("sara.bianchi@sinergia.example").await;
    let elena = app.token_of("community.milano@sinergia.example").await;
    let chiara = app.token_of("operatrice.milano@sinergia.example").await;
    let sara_id = id_of(&app, &sara).await;
    let giulia_id = id_of(&app, &giulia).await;
    let room = public_room(&app, &elena, "Milano", &[&giulia, &sara]).await;
    let members_path = format!("/community/rooms/{}/members", room.id);
    let members: Vec<RoomMember> = json(app.get(&members_path, Some(&giulia)).await).await;
    let names: Vec<(&str, bool)> = members
        .iter()
        .map(|m| (m.name.as_str(), m.online))
        .collect();
    assert_eq!(
        names,
        [
            ("Elena Galli", false),
            ("Giulia Rossi", false),
            ("Sara Bianchi", false)
        ],
        "the manager first, then by name; nobody connected"
    );
    assert!(members[0].staff && !members[1].staff);

    // Giulia connects; Sara connects: Giulia hears that Sara is online, and the list says so.
    let mut hers = signed_in(&app, &giulia).await;
    let mut saras = signed_in(&app, &sara).await;
    match next(&mut hers).await {
        ServerEvent::Presence { user_id, online } => assert_eq!((user_id, online), (sara_id, true)),
        other => panic!("expected presence, got {other:?}"),
    }
    let members: Vec<RoomMember> = json(app.get(&members_path, Some(&giulia)).await).await;
    assert!(members.iter().any(|m| m.user_id == sara_id && m.online));

    // A mute is shown to those who run the room, not to members.
    let res = app
        .post(
            &format!("/community/rooms/{}/members/{}/mute", room.id, sara_id),
            &json!({"minutes": 10, "reason": "Toni accesi"}),
            Some(&elena),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let seen_by = |token: String| {
        let app = &app;
        let path = members_path.clone();
        async move {
            let m: Vec<RoomMember> = json(app.get(&path, Some(&token)).await).await;
            m.into_iter()
                .find(|m| m.user_id == sara_id)
                .unwrap()
                .muted_until
        }
    };
    assert!(seen_by(elena.clone()).await.is_some());
    assert!(seen_by(giulia.clone()).await.is_none());

    // Sara hides her presence: Giulia hears she is offline, and she stays so in the list.
    set(&app, &sara, false, false).await;
    match next(&mut hers).await {
        ServerEvent::Presence { user_id, online } => {
            assert_eq!((user_id, online), (sara_id, false));
        }
        other => panic!("expected presence, got {other:?}"),
    }
    let members: Vec<RoomMember> = json(app.get(&members_path, Some(&giulia)).await).await;
    assert!(members.iter().all(|m| m.user_id != sara_id || !m.online));
    drop(saras.close(None).await);
    assert!(
        next_within(&mut hers, Duration::from_millis(500))
            .await
            .is_none(),
        "a hidden presence is not announced when she leaves either"
    );

    // Her counsellor opens a conversation with her while she is connected: Giulia's socket
    // hears of it, and the counsellor's message follows on it.
    let res = open_direct(&app, &chiara, giulia_id).await;
    let direct: Room = json(res).await;
    match next(&mut hers).await {
        ServerEvent::RoomAdded { room_id } => assert_eq!(room_id, direct.id),
        other => panic!("expected room_added, got {other:?}"),
    }
    say(&app, &chiara, direct.id, "c1").await;
    match next(&mut hers).await {
        ServerEvent::Message { message } => assert_eq!(message.room_id, direct.id),
        other => panic!("expected the message, got {other:?}"),
    }

    // Another agency's person and a signed-out caller cannot list the members.
    let anna = app.token_of("anna.pedrotti@sinergia.example").await;
    expect_problem(
        app.get(&members_path, Some(&anna)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        app.get(&members_path, None).await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
}

async fn replies_quote_the_message_they_answer(db: TestDb) {
    let app = spawn_app(&db).await;
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    let elena = app.token_of("community.milano@sinergia.example").await;
    let res = app
        .post(
            "/community/rooms",
            &json!({"kind": "private",
                "name": {"it": "Gruppo", "en": "Group"},
                "description": {"it": "D", "en": "D"}, "rules": {"it": "R", "en": "R"}}),
            Some(&elena),
        )
        .await;
    let room: Room = json(res).await;
    let giulia_id = id_of(&app, &giulia).await;
    app.post(
        &format!("/community/rooms/{}/members", room.id),
        &json!({"user_id": giulia_id}),
        Some(&elena),
    )
    .await;
    let long = "a".repeat(300);
    let original: Message = json(
        app.post(
            &format!("/community/rooms/{}/messages", room.id),
            &json!({"client_id": "o", "body": long}),
            Some(&elena),
        )
        .await,
    )
    .await;
    let reply: Message = json(
        app.post(
            &format!("/community/rooms/{}/messages", room.id),
            &json!({"client_id": "r", "body": "Sì!", "reply_to": original.id}),
            Some(&giulia),
        )
        .await,
    )
    .await;
    let quote = reply.quote.expect("a quote");
    assert_eq!(
        (quote.message_id, quote.seq, quote.sender_name.as_str()),
        (original.id, 1, "Elena Galli")
    );
    assert_eq!(quote.excerpt.chars().count(), shared::QUOTE_MAX_CHARS);

    // Deleted, its quote keeps its place but loses its text.
    let res = app
        .client
        .delete(app.url(&format!(
            "/community/rooms/{}/messages/{}",
            room.id, original.id
        )))
        .bearer_auth(&elena)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let history: shared::History = json(
        app.get(
            &format!("/community/rooms/{}/messages", room.id),
            Some(&giulia),
        )
        .await,
    )
    .await;
    let quote = history.messages[1].quote.clone().expect("still quoted");
    assert_eq!(
        (quote.message_id, quote.excerpt.as_str()),
        (original.id, "")
    );
}

async fn large_rooms_hear_no_presence(db: TestDb) {
    let app = spawn_app_with(&db, |s| s.community.presence_room_max = 2).await;
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    let sara = app.token_of("sara.bianchi@sinergia.example").await;
    let elena = app.token_of("community.milano@sinergia.example").await;
    let sara_id = id_of(&app, &sara).await;
    let room = public_room(&app, &elena, "Grande", &[&giulia, &sara]).await;
    // Three members, more than the limit of two: no event when Sara connects...
    let mut hers = signed_in(&app, &giulia).await;
    let _saras = signed_in(&app, &sara).await;
    assert!(
        next_within(&mut hers, Duration::from_millis(500))
            .await
            .is_none(),
        "no presence event in a room above the limit"
    );
    // ...but the member list says she is online.
    let members: Vec<RoomMember> = json(
        app.get(
            &format!("/community/rooms/{}/members", room.id),
            Some(&giulia),
        )
        .await,
    )
    .await;
    assert!(members.iter().any(|m| m.user_id == sara_id && m.online));
}
