//! Her data: the export holds everything kept about her; erasure removes her from every view at
//! once; staff reads of message bodies are audited.

use reqwest::StatusCode;
use serde_json::json;
use shared::{History, Me, Message, ProfileExport, Room};

use crate::assessment::validated_attempt;
use crate::db_tests;
use crate::helpers::*;
use crate::socket::{new_room, next, say, signed_in};

db_tests!(
    the_export_holds_every_kind_of_record,
    staff_export_their_own_account,
    erasure_removes_her_from_the_community_at_once,
);

async fn post_ok(app: &TestApp, path: &str, body: serde_json::Value, t: &str) -> reqwest::Response {
    let res = app.post(path, &body, Some(t)).await;
    assert!(res.status().is_success(), "{path}: {}", res.status());
    res
}

async fn the_export_holds_every_kind_of_record(db: TestDb) {
    let app = spawn_app(&db).await;
    let (t, attempt) = validated_attempt(&app).await;
    let me: Me = json(app.get("/me", Some(&t)).await).await;
    let cm = app.token_of("community.milano@sinergia.example").await;
    let sara = app.token_of("sara.bianchi@sinergia.example").await;

    // A portfolio link, opened once.
    let share: shared::Share = json(
        post_ok(
            &app,
            "/me/portfolio-shares",
            json!({"attempt_id": attempt, "expires_in_days": 7}),
            &t,
        )
        .await,
    )
    .await;
    let token = share.url.clone().unwrap();
    let token = token.split("#token=").nth(1).unwrap();
    post_ok(&app, "/shared-portfolios", json!({"token": token}), &t).await;

    // The community: settings, two rooms, a message edited, a reaction, a mention of her, a
    // report she filed, a mute and a ban.
    let res = app
        .put(
            "/community/settings",
            &json!({"allow_direct_messages": true, "show_presence": false}),
            Some(&t),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let room = new_room(&app, &cm, "public").await;
    let other: Room = new_room(&app, &cm, "public").await;
    for (r, who) in [(&room, &t), (&room, &sara), (&other, &t)] {
        let res = app
            .post_empty(&format!("/community/rooms/{}/join", r.id), Some(who))
            .await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    let mine: Message = json(
        post_ok(
            &app,
            &format!("/community/rooms/{}/messages", room.id),
            json!({"client_id": "m1", "body": "Prima versione"}),
            &t,
        )
        .await,
    )
    .await;
    let res = app
        .put(
            &format!("/community/rooms/{}/messages/{}", room.id, mine.id),
            &json!({"body": "Seconda versione"}),
            Some(&t),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let theirs: Message = json(
        post_ok(
            &app,
            &format!("/community/rooms/{}/messages", room.id),
            json!({"client_id": "s1", "body": "Ciao!", "mentions": [me.id]}),
            &sara,
        )
        .await,
    )
    .await;
    let res = app
        .client
        .put(app.url(&format!(
            "/community/rooms/{}/messages/{}/reactions/👍",
            room.id, theirs.id
        )))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    post_ok(
        &app,
        &format!(
            "/community/rooms/{}/messages/{}/reports",
            room.id, theirs.id
        ),
        json!({"reason": "spam", "note": "Pubblicità"}),
        &t,
    )
    .await;
    post_ok(
        &app,
        &format!("/community/rooms/{}/members/{}/mute", room.id, me.id.0),
        json!({"minutes": 10, "reason": "Calma"}),
        &cm,
    )
    .await;
    post_ok(
        &app,
        &format!("/community/rooms/{}/members/{}/ban", other.id, me.id.0),
        json!({"reason": "Fuori tema"}),
        &cm,
    )
    .await;

    let export: ProfileExport = json(app.get("/me/export", Some(&t)).await).await;
    assert!(export.profile.is_some());
    assert_eq!(export.assessments.len(), 1);
    assert_eq!(export.portfolio_shares.len(), 1);
    assert_eq!(export.portfolio_shares[0].viewed_at.len(), 1);
    let c = &export.community;
    assert_eq!(
        c.settings,
        Some(shared::CommunitySettings {
            allow_direct_messages: true,
            show_presence: false
        })
    );
    assert_eq!(c.memberships.len(), 1, "the ban ended her other membership");
    assert!(c.memberships[0].muted_until.is_some());
    assert_eq!(c.memberships[0].mute_reason.as_deref(), Some("Calma"));
    assert_eq!(c.bans.len(), 1);
    assert_eq!(c.bans[0].reason, "Fuori tema");
    assert_eq!(c.messages.len(), 1);
    assert_eq!(c.messages[0].body, "Seconda versione");
    assert_eq!(c.messages[0].versions[0].body, "Prima versione");
    assert_eq!(c.reactions.len(), 1);
    assert_eq!(c.reactions[0].message_id, theirs.id);
    assert_eq!(c.mentioned_in.len(), 1);
    assert_eq!(c.mentioned_in[0].message_id, theirs.id);
    assert_eq!(c.reports.len(), 1);
    assert_eq!(c.reports[0].note.as_deref(), Some("Pubblicità"));
    let actions: Vec<&str> = c.moderation.iter().map(|m| m.action.as_str()).collect();
    assert_eq!(actions, ["member_muted", "member_banned"]);
    assert!(!export.sessions.is_empty());
    assert!(export.sessions.iter().all(|s| s.revoked_at.is_none()));
    // The audit: her registration and sign-in, the counsellor's read of her assessment.
    let actions: Vec<&str> = export.audit.iter().map(|a| a.action.as_str()).collect();
    for a in ["login", "portfolio_shared", "portfolio_share_viewed"] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    // Nobody else's: Sara's message body is not in her export.
    let raw = serde_json::to_string(&export).unwrap();
    assert!(!raw.contains("Ciao!"));
}

async fn staff_export_their_own_account(db: TestDb) {
    let app = spawn_app(&db).await;
    let cm = app.token_of("community.milano@sinergia.example").await;
    let room = new_room(&app, &cm, "public").await;
    post_ok(
        &app,
        &format!("/community/rooms/{}/messages", room.id),
        json!({"client_id": "w1", "body": "Benvenute!"}),
        &cm,
    )
    .await;
    let res = app.get("/me/export", Some(&cm)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let export: ProfileExport = json(res).await;
    assert_eq!(export.account.email, "community.milano@sinergia.example");
    assert!(export.profile.is_none());
    assert_eq!(export.community.messages[0].body, "Benvenute!");
    assert_eq!(
        export.community.memberships[0].role,
        shared::MemberRole::Manager
    );
    assert!(export.audit.iter().any(|a| a.action == "room_created"));
}

async fn erasure_removes_her_from_the_community_at_once(db: TestDb) {
    let app = spawn_app(&db).await;
    let cm = app.token_of("community.milano@sinergia.example").await;
    let sara = app.token_of("sara.bianchi@sinergia.example").await;
    let (_, her) = app.new_jobseeker().await;
    let t = her.access_token.clone();
    let me: Me = json(app.get("/me", Some(&t)).await).await;
    let room = new_room(&app, &cm, "public").await;
    for who in [&t, &sara] {
        let res = app
            .post_empty(&format!("/community/rooms/{}/join", room.id), Some(who))
            .await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    let hers: Message = json(
        post_ok(
            &app,
            &format!("/community/rooms/{}/messages", room.id),
            json!({"client_id": "e1", "body": "Il mio numero è 333 1234567"}),
            &t,
        )
        .await,
    )
    .await;
    let reply: Message = json(
        post_ok(
            &app,
            &format!("/community/rooms/{}/messages", room.id),
            json!({"client_id": "s1", "body": "Ti chiamo io", "reply_to": hers.id}),
            &sara,
        )
        .await,
    )
    .await;
    assert_eq!(
        reply.quote.as_ref().unwrap().excerpt,
        "Il mio numero è 333 1234567"
    );
    let found: shared::SearchResults =
        json(app.get("/community/search?q=1234567", Some(&sara)).await).await;
    assert_eq!(found.messages.len(), 1);
    let mut ws = signed_in(&app, &sara).await;

    let res = app
        .post(
            "/me/erasure",
            &json!({"password": "una frase lunga e mia"}),
            Some(&t),
        )
        .await;
    assert!(res.status().is_success());

    // Open sockets are told at once.
    match next(&mut ws).await {
        shared::ServerEvent::MessageUpdated { message } => {
            assert_eq!(message.id, hers.id);
            assert!(message.deleted && message.body.is_empty() && message.sender_name.is_empty());
        }
        other => panic!("expected message_updated, got {other:?}"),
    }
    // History keeps the place, without her text or name; the quote loses them too.
    let history: History = json(
        app.get(
            &format!("/community/rooms/{}/messages", room.id),
            Some(&sara),
        )
        .await,
    )
    .await;
    let gone = history.messages.iter().find(|m| m.id == hers.id).unwrap();
    assert!(gone.deleted && gone.body.is_empty() && gone.sender_name.is_empty());
    let quoted = history.messages.iter().find(|m| m.id == reply.id).unwrap();
    let quote = quoted.quote.as_ref().unwrap();
    assert!(quote.excerpt.is_empty() && quote.sender_name.is_empty());
    // Search and a socket's replay do not find it.
    let found: shared::SearchResults =
        json(app.get("/community/search?q=1234567", Some(&sara)).await).await;
    assert!(found.messages.is_empty());
    say(
        &mut ws,
        &shared::ClientEvent::Resume {
            rooms: [(room.id, 0)].into_iter().collect(),
        },
    )
    .await;
    loop {
        match next(&mut ws).await {
            shared::ServerEvent::Message { message } if message.id == hers.id => {
                assert!(message.body.is_empty() && message.sender_name.is_empty());
            }
            shared::ServerEvent::Resumed { .. } => break,
            _ => {}
        }
    }
    // She is no member any more, and nobody can enable her account again.
    let members: Vec<shared::RoomMember> = json(
        app.get(
            &format!("/community/rooms/{}/members", room.id),
            Some(&sara),
        )
        .await,
    )
    .await;
    assert!(members.iter().all(|m| m.user_id != me.id));
    let admin = app.token_of("admin.milano@sinergia.example").await;
    expect_problem(
        app.post_empty(&format!("/admin/users/{}/enable", me.id.0), Some(&admin))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let raw = serde_json::to_string(&history).unwrap();
    assert!(!raw.contains("1234567"));
}
