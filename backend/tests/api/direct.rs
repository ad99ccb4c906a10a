//! Direct conversations, community settings, room members, presence and replies.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;
use shared::{
    CommunitySettings, Contact, History, Me, Message, ReportEntry, Role, Room, RoomKind,
    RoomMember, ServerEvent, UserId,
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
    a_direct_conversation_is_nobody_elses_to_moderate,
    only_a_members_report_brings_a_direct_message_to_the_queue,
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
            .post_empty(
                &format!("/community/rooms/{}/join", room.id),
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

    // Her contacts: the counsellor and the community manager of her agency (not its
    // administrator, not staff of another agency); no jobseeker (she has not turned direct
    // messages on).
    let contacts: Vec<Contact> = json(app.get("/community/contacts", Some(&giulia)).await).await;
    let names: Vec<&str> = contacts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["Chiara Ferrari", "Elena Galli"],
        "counsellor and community manager of Milano by name"
    );
    assert!(contacts.iter().all(|c| c.role.is_staff() && !c.online));
    // Staff see their colleagues, the administrator too.
    let contacts: Vec<Contact> = json(app.get("/community/contacts", Some(&chiara)).await).await;
    assert!(
        contacts
            .iter()
            .any(|c| c.name == "Alessandra Colombo" && c.role == Role::Admin)
    );
    // The administrator can still write to her, and she can answer.
    let res = open_direct(&app, &admin, giulia_id).await;
    assert_eq!(res.status(), StatusCode::CREATED);

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
            app.post_empty(
                &format!("/community/rooms/{}/join", room.id),
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
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    // She leaves it; when her counsellor writes again it is back in her list.
    let res = app
        .post_empty(
            &format!("/community/rooms/{}/leave", room.id),
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

    // Giulia connects; Sara connects. Showing her presence is off until she turns it on:
    // nobody hears of her, and the list does not say she is online...
    let mut hers = signed_in(&app, &giulia).await;
    let mut saras = signed_in(&app, &sara).await;
    assert!(
        next_within(&mut hers, Duration::from_millis(500))
            .await
            .is_none(),
        "presence is off by default"
    );
    let members: Vec<RoomMember> = json(app.get(&members_path, Some(&giulia)).await).await;
    assert!(members.iter().all(|m| m.user_id != sara_id || !m.online));
    // ...she turns it on: Giulia hears that Sara is online, and the list says so.
    set(&app, &sara, false, true).await;
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
    set(&app, &sara, false, true).await;
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

async fn add_filter(app: &TestApp, cm: &str, term: &str, action: &str) {
    let res = app
        .post(
            "/community/moderation/filters",
            &json!({"term": term, "action": action, "reason": "Prova del filtro"}),
            Some(cm),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
}

async fn write(app: &TestApp, token: &str, room: uuid::Uuid, id: &str, body: &str) -> Message {
    let res = app
        .post(
            &format!("/community/rooms/{room}/messages"),
            &json!({"client_id": id, "body": body}),
            Some(token),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED, "{body}");
    json(res).await
}

/// Every moderation and room-management call on `room` (with valid bodies), as
/// (method, path, body).
fn moderation_calls(
    room: uuid::Uuid,
    message: uuid::Uuid,
    member: UserId,
    third: UserId,
) -> Vec<(&'static str, String, serde_json::Value)> {
    let r = format!("/community/rooms/{room}");
    let m = format!("{r}/messages/{message}");
    let u = format!("{r}/members/{}", member.0);
    let why = json!({"reason": "Controllo"});
    vec![
        ("POST", format!("{m}/hide"), why.clone()),
        ("POST", format!("{m}/release"), why.clone()),
        ("GET", format!("{m}/versions"), json!(null)),
        (
            "POST",
            format!("{u}/mute"),
            json!({"minutes": 10, "reason": "Controllo"}),
        ),
        ("POST", format!("{u}/remove"), why.clone()),
        ("POST", format!("{u}/ban"), why.clone()),
        (
            "POST",
            format!("{u}/slow-mode"),
            json!({"seconds": 60, "reason": "Controllo"}),
        ),
        (
            "PUT",
            format!("{r}/slow-mode"),
            json!({"seconds": 60, "reason": "Controllo"}),
        ),
        ("POST", format!("{r}/members"), json!({"user_id": third})),
        (
            "PUT",
            r.clone(),
            json!({"name": {"it": "N", "en": "N"}, "description": {"it": "D", "en": "D"},
                "rules": {"it": "R", "en": "R"}, "reason": "Controllo"}),
        ),
        ("POST", format!("{r}/archive"), why.clone()),
        ("POST", format!("{r}/pins"), json!({"message_id": message})),
        ("DELETE", format!("{r}/pins/{message}"), json!(null)),
        (
            "GET",
            format!("/community/moderation/log?room_id={room}"),
            json!(null),
        ),
    ]
}

async fn call(
    app: &TestApp,
    token: &str,
    (method, path, body): &(&'static str, String, serde_json::Value),
) -> reqwest::Response {
    let url = app.url(path);
    let req = match *method {
        "GET" => app.client.get(url),
        "DELETE" => app.client.delete(url),
        "PUT" => app.client.put(url).json(body),
        _ => app.client.post(url).json(body),
    };
    req.bearer_auth(token).send().await.expect("request")
}

async fn a_direct_conversation_is_nobody_elses_to_moderate(db: TestDb) {
    let app = spawn_app(&db).await;
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    let chiara = app.token_of("operatrice.milano@sinergia.example").await;
    let elena = app.token_of("community.milano@sinergia.example").await;
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let trento = app.token_of("community.trento@sinergia.example").await;
    let sara = app.token_of("sara.bianchi@sinergia.example").await;
    let (giulia_id, chiara_id, sara_id) = (
        id_of(&app, &giulia).await,
        id_of(&app, &chiara).await,
        id_of(&app, &sara).await,
    );
    for (term, action) in [
        ("salute", "flag"),
        ("segreto", "hold"),
        ("cretina", "block"),
    ] {
        add_filter(&app, &elena, term, action).await;
    }
    let room: Room = json(open_direct(&app, &giulia, chiara_id).await).await;

    // The word filter still refuses a blocked word, but holds and reports nothing here.
    let health = write(
        &app,
        &giulia,
        room.id,
        "g1",
        "Ho un problema di salute, non dirlo",
    )
    .await;
    let secret = write(&app, &giulia, room.id, "g2", "È un segreto tra noi").await;
    assert!(!health.hidden && !secret.hidden && !secret.held);
    let p = expect_problem(
        app.post(
            &format!("/community/rooms/{}/messages", room.id),
            &json!({"client_id": "g3", "body": "che cretina"}),
            Some(&giulia),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].code, "blocked_word");
    let history: History = json(
        app.get(
            &format!("/community/rooms/{}/messages", room.id),
            Some(&chiara),
        )
        .await,
    )
    .await;
    let bodies: Vec<&str> = history.messages.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(bodies, [health.body.as_str(), secret.body.as_str()]);
    // An edit that meets a flagged word is not reported either.
    let res = app
        .put(
            &format!("/community/rooms/{}/messages/{}", room.id, secret.id),
            &json!({"body": "È un segreto sulla mia salute"}),
            Some(&giulia),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    for t in [&elena, &admin] {
        let queue: Vec<ReportEntry> =
            json(app.get("/community/moderation/reports", Some(t)).await).await;
        assert!(queue.is_empty(), "the filter reported a direct message");
    }

    // Every moderation and room-management endpoint: 404 for the agency's community manager
    // and admin and for another agency; nothing changed.
    for outsider in [&elena, &admin, &trento, &sara] {
        for c in moderation_calls(room.id, health.id, giulia_id, sara_id) {
            expect_problem(
                call(&app, outsider, &c).await,
                StatusCode::NOT_FOUND,
                "not_found",
            )
            .await;
        }
    }
    // Its members cannot moderate each other or add a third person (403: they know it exists).
    for c in moderation_calls(room.id, health.id, giulia_id, sara_id) {
        expect_problem(
            call(&app, &chiara, &c).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    let after: History = json(
        app.get(
            &format!("/community/rooms/{}/messages", room.id),
            Some(&giulia),
        )
        .await,
    )
    .await;
    assert!(after.messages.iter().all(|m| !m.hidden));
    let mine: Room = json(
        app.get(&format!("/community/rooms/{}", room.id), Some(&giulia))
            .await,
    )
    .await;
    assert!(mine.muted_until.is_none() && !mine.archived && mine.slow_mode_seconds.is_none());
    assert!(mine.pinned.is_empty());
    let logged: Vec<shared::ModerationEntry> =
        json(app.get("/community/moderation/log", Some(&elena)).await).await;
    assert!(logged.iter().all(|e| e.room_id != Some(room.id)));

    // Direct conversations are opened only by their own endpoint.
    let p = expect_problem(
        app.post(
            "/community/rooms",
            &json!({"kind": "direct",
                "name": {"it": "Noi", "en": "Us"},
                "description": {"it": "D", "en": "D"}, "rules": {"it": "R", "en": "R"}}),
            Some(&elena),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        (p.errors[0].pointer.as_str(), p.errors[0].code.as_str()),
        ("/kind", "kind_direct")
    );
}

async fn only_a_members_report_brings_a_direct_message_to_the_queue(db: TestDb) {
    let app = spawn_app(&db).await;
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    let chiara = app.token_of("operatrice.milano@sinergia.example").await;
    let elena = app.token_of("community.milano@sinergia.example").await;
    let chiara_id = id_of(&app, &chiara).await;
    add_filter(&app, &elena, "brutta", "flag").await;
    let room: Room = json(open_direct(&app, &giulia, chiara_id).await).await;
    write(&app, &giulia, room.id, "g1", "Le mie cose private di prima").await;
    let bad = write(&app, &chiara, room.id, "c1", "Sei una brutta persona").await;
    write(&app, &giulia, room.id, "g2", "Ancora cose mie, private").await;

    // Giulia reports it: the queue shows that message alone, without its neighbours.
    let res = app
        .post(
            &format!("/community/rooms/{}/messages/{}/reports", room.id, bad.id),
            &json!({"reason": "harassment"}),
            Some(&giulia),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let report: shared::Report = json(res).await;
    let queue: Vec<ReportEntry> =
        json(app.get("/community/moderation/reports", Some(&elena)).await).await;
    assert_eq!(queue.len(), 1, "her report only, not the filter's");
    assert_eq!(queue[0].message.id, bad.id);
    assert_eq!(queue[0].message.body, bad.body);
    assert!(
        queue[0].context.is_empty(),
        "no context around a direct message"
    );

    // The read of message bodies is in the audit log (ids only).
    let audited: i64 = {
        use sea_orm::{ConnectionTrait, Statement};
        let row = app
            .db
            .query_one_raw(Statement::from_string(
                app.db.get_database_backend(),
                "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'reports_queue_read'",
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get("", "n").unwrap()
    };
    assert_eq!(audited, 1);

    // The community manager answers her; the conversation itself stays closed to her.
    let res = app
        .post(
            &format!("/community/moderation/reports/{}/handle", report.id),
            &json!({"outcome": "Abbiamo parlato con l'operatrice."}),
            Some(&elena),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    expect_problem(
        app.get(
            &format!("/community/rooms/{}/messages", room.id),
            Some(&elena),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let mine: Vec<shared::Report> =
        json(app.get("/community/reports/mine", Some(&giulia)).await).await;
    assert!(mine[0].handled_at.is_some());
}
