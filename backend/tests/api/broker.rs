//! Several instances on one database, the chat carried between them by Redis pub/sub.

use std::time::Duration;

use backend::entities::{message, room};
use chrono::Utc;
use reqwest::StatusCode;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde_json::json;
use shared::{ClientEvent, Me, RoomMember, ServerEvent};
use uuid::Uuid;

use crate::community::join;
use crate::db_tests;
use crate::helpers::*;
use crate::socket::{closed_within, new_room, next, next_within, post, say, signed_in};

db_tests!(
    two_instances_deliver_each_others_events,
    a_message_the_broker_lost_is_repaired_from_the_database,
    presence_follows_the_instances,
    a_session_ended_on_one_instance_closes_its_socket_on_another,
    a_session_ended_on_one_instance_is_refused_by_another_at_once,
);

/// Settings of an instance on the broker's `channel`.
fn on_channel(url: &str, channel: &str) -> impl Fn(&mut backend::config::Settings) {
    let (url, channel) = (url.to_owned(), channel.to_owned());
    move |s: &mut backend::config::Settings| {
        s.community.broker_url = Some(url.clone());
        s.community.broker_channel = channel.clone();
        s.community.repair_after_ms = 200;
        s.community.heartbeat_ms = 100;
    }
}

/// Two instances on the database of `db`, on a channel of their own.
async fn two_instances(db: &TestDb) -> Option<(TestApp, TestApp)> {
    let url = redis_url()?;
    let channel = format!("sinergia:test:{}", Uuid::now_v7());
    let a = spawn_app_with(db, on_channel(&url, &channel)).await;
    let b = spawn_app_with(db, on_channel(&url, &channel)).await;
    Some((a, b))
}

/// Whether `user` is listed online in `room` as `token` sees it on `app`, within two seconds.
async fn seen_online(
    app: &TestApp,
    token: &str,
    room: Uuid,
    user: shared::UserId,
    want: bool,
) -> bool {
    for _ in 0..40 {
        let members: Vec<RoomMember> = json(
            app.get(&format!("/community/rooms/{room}/members"), Some(token))
                .await,
        )
        .await;
        if members
            .iter()
            .any(|m| m.user_id == user && m.online == want)
        {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

/// She turns on "show when I am online" (off until she does).
async fn show_presence(app: &TestApp, token: &str) {
    let res = app
        .put(
            "/community/settings",
            &json!({"allow_direct_messages": false, "show_presence": true}),
            Some(token),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
}

fn seq_of(event: ServerEvent) -> u64 {
    match event {
        ServerEvent::Message { message } => message.seq,
        other => panic!("expected a message, got {other:?}"),
    }
}

async fn two_instances_deliver_each_others_events(db: TestDb) {
    let Some((a, b)) = two_instances(&db).await else {
        return;
    };
    let elena = a.token_of("community.milano@sinergia.example").await;
    let giulia = a.token_of("giulia.rossi@sinergia.example").await;
    let sara = b.token_of("sara.bianchi@sinergia.example").await;
    show_presence(&a, &giulia).await;
    let room = new_room(&a, &elena, "public").await;

    // Giulia's socket is on B, Sara's on A; each joins through the other instance.
    let mut on_b = signed_in(&b, &giulia).await;
    let mut on_a = signed_in(&a, &sara).await;
    join(&a, &giulia, room.id).await;
    join(&b, &sara, room.id).await;

    // Posted on A, heard on B; posted on B, heard on A; each once, in order.
    let m1 = post(&a, &elena, room.id, "a1").await;
    assert_eq!(seq_of(next(&mut on_b).await), m1.seq);
    assert_eq!(seq_of(next(&mut on_a).await), m1.seq);
    let m2 = post(&b, &giulia, room.id, "b1").await;
    assert_eq!(seq_of(next(&mut on_a).await), m2.seq);
    assert_eq!(
        seq_of(next(&mut on_b).await),
        m2.seq,
        "her own, on her socket"
    );

    // Typing on B reaches A.
    say(&mut on_b, &ClientEvent::Typing { room_id: room.id }).await;
    match next(&mut on_a).await {
        ServerEvent::Typing { name, .. } => assert_eq!(name, "Giulia Rossi"),
        other => panic!("expected typing, got {other:?}"),
    }

    // An edit made on A reaches B.
    let res = a
        .put(
            &format!("/community/rooms/{}/messages/{}", room.id, m1.id),
            &json!({"body": "corretto"}),
            Some(&elena),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    match next(&mut on_b).await {
        ServerEvent::MessageUpdated { message } => assert_eq!(message.body, "corretto"),
        other => panic!("expected the edit, got {other:?}"),
    }
    assert!(matches!(
        next(&mut on_a).await,
        ServerEvent::MessageUpdated { .. }
    ));

    // A knows that Giulia is online on B.
    let giulia_id = json::<Me>(a.get("/me", Some(&giulia)).await).await.id;
    let members: Vec<RoomMember> = json(
        a.get(
            &format!("/community/rooms/{}/members", room.id),
            Some(&sara),
        )
        .await,
    )
    .await;
    assert!(members.iter().any(|m| m.user_id == giulia_id && m.online));

    // Giulia leaves through A: her socket on B hears no more of the room.
    let res = a
        .post_empty(
            &format!("/community/rooms/{}/leave", room.id),
            Some(&giulia),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    tokio::time::sleep(Duration::from_millis(200)).await;
    post(&a, &elena, room.id, "a2").await;
    assert_eq!(seq_of(next(&mut on_a).await), 3);
    assert!(
        next_within(&mut on_b, Duration::from_millis(500))
            .await
            .is_none()
    );
}

/// A message stored whose publication never reached the broker (as when an instance dies
/// between the two): stored straight into the database in one transaction, as the sending
/// instance does.
async fn stored_unpublished(app: &TestApp, room_id: Uuid, sender: Uuid, client_id: &str) -> u64 {
    let txn = app.db.begin().await.unwrap();
    room::Entity::update_many()
        .col_expr(
            room::Column::LastSeq,
            Expr::col(room::Column::LastSeq).add(1),
        )
        .filter(room::Column::Id.eq(room_id))
        .exec(&txn)
        .await
        .unwrap();
    let seq = room::Entity::find_by_id(room_id)
        .one(&txn)
        .await
        .unwrap()
        .unwrap()
        .last_seq;
    message::ActiveModel {
        id: Set(Uuid::now_v7()),
        room_id: Set(room_id),
        seq: Set(seq),
        sender_id: Set(sender),
        client_id: Set(client_id.to_owned()),
        body: Set(format!("perso {client_id}")),
        reply_to: Set(None),
        created_at: Set(Utc::now()),
        edited_at: Set(None),
        deleted_at: Set(None),
        hidden_at: Set(None),
        hidden_reason: Set(None),
    }
    .insert(&txn)
    .await
    .unwrap();
    txn.commit().await.unwrap();
    u64::try_from(seq).unwrap()
}

async fn a_message_the_broker_lost_is_repaired_from_the_database(db: TestDb) {
    let Some((a, b)) = two_instances(&db).await else {
        return;
    };
    let elena = a.token_of("community.milano@sinergia.example").await;
    let giulia = a.token_of("giulia.rossi@sinergia.example").await;
    let elena_id = json::<Me>(a.get("/me", Some(&elena)).await).await.id;
    let room = new_room(&a, &elena, "public").await;
    join(&a, &giulia, room.id).await;
    let mut on_b = signed_in(&b, &giulia).await;
    let first = post(&a, &elena, room.id, "a1").await;
    assert_eq!(seq_of(next(&mut on_b).await), first.seq);

    // Number 2 never reaches the broker; number 3 does: B reads 2 from the database and her
    // socket gets 2 then 3.
    let lost = stored_unpublished(&a, room.id, elena_id.0, "lost-1").await;
    let after = post(&a, &elena, room.id, "a2").await;
    assert_eq!((lost, after.seq), (2, 3));
    match next(&mut on_b).await {
        ServerEvent::Message { message } => {
            assert_eq!((message.seq, message.body.as_str()), (2, "perso lost-1"));
        }
        other => panic!("expected the lost message, got {other:?}"),
    }
    assert_eq!(seq_of(next(&mut on_b).await), 3);

    // The last message is lost and nothing follows it: B's repair round finds it.
    let last = stored_unpublished(&a, room.id, elena_id.0, "lost-2").await;
    assert_eq!(seq_of(next(&mut on_b).await), last);
    assert!(
        next_within(&mut on_b, Duration::from_millis(700))
            .await
            .is_none(),
        "nothing twice"
    );
}

async fn presence_follows_the_instances(db: TestDb) {
    let Some(url) = redis_url() else {
        return;
    };
    let channel = format!("sinergia:test:{}", Uuid::now_v7());
    let a = spawn_app_with(&db, on_channel(&url, &channel)).await;
    let elena = a.token_of("community.milano@sinergia.example").await;
    let giulia = a.token_of("giulia.rossi@sinergia.example").await;
    let sara = a.token_of("sara.bianchi@sinergia.example").await;
    let giulia_id = json::<Me>(a.get("/me", Some(&giulia)).await).await.id;
    let sara_id = json::<Me>(a.get("/me", Some(&sara)).await).await.id;
    show_presence(&a, &giulia).await;
    show_presence(&a, &sara).await;
    let room = new_room(&a, &elena, "public").await;
    join(&a, &giulia, room.id).await;
    join(&a, &sara, room.id).await;
    let _on_a = signed_in(&a, &giulia).await;

    // An instance started after she connected learns that she is online.
    let b = spawn_app_with(&db, on_channel(&url, &channel)).await;
    assert!(seen_online(&b, &elena, room.id, giulia_id, true).await);

    // An instance that dies without a word: its users stop counting as online once it has
    // been silent for three heartbeats.
    let client = redis::Client::open(url.as_str()).unwrap();
    let mut conn = client.get_multiplexed_async_connection().await.unwrap();
    let dead = json!({"origin": Uuid::now_v7(), "t": "online", "user": sara_id, "online": true});
    let _: () = redis::AsyncCommands::publish(&mut conn, &channel, dead.to_string())
        .await
        .unwrap();
    assert!(
        seen_online(&b, &elena, room.id, sara_id, true).await,
        "online there"
    );
    assert!(
        seen_online(&b, &elena, room.id, sara_id, false).await,
        "until it falls silent"
    );
    assert!(
        seen_online(&b, &elena, room.id, giulia_id, true).await,
        "A is alive"
    );
}

async fn a_session_ended_on_one_instance_closes_its_socket_on_another(db: TestDb) {
    let Some((a, b)) = two_instances(&db).await else {
        return;
    };
    let tokens = a
        .login("sara.bianchi@sinergia.example", DEMO_PASSWORD)
        .await;
    let mut ws = signed_in(&b, &tokens.access_token).await;
    let res = a
        .post_empty("/auth/logout", Some(&tokens.access_token))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        closed_within(&mut ws, Duration::from_secs(5)).await,
        Some(4401)
    );
}

/// `GET /me` with `token` on `app` answers `want` within two seconds (far less than the
/// session cache's fifteen: the broker carried it).
async fn me_answers_within(app: &TestApp, token: &str, want: StatusCode) -> bool {
    for _ in 0..40 {
        if app.get("/me", Some(token)).await.status() == want {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

/// Each instance remembers a live session for a while (issue 16); an ending on one is seen on
/// the other through the broker, long before that while is over.
async fn a_session_ended_on_one_instance_is_refused_by_another_at_once(db: TestDb) {
    let Some(url) = redis_url() else {
        return;
    };
    let channel = format!("sinergia:test:{}", Uuid::now_v7());
    let a = spawn_app_with(&db, on_channel(&url, &channel)).await;
    let b = spawn_app_with(&db, on_channel(&url, &channel)).await;
    // Logout on A: A refuses at once, B within the broker's delay.
    let sara = a
        .login("sara.bianchi@sinergia.example", DEMO_PASSWORD)
        .await;
    for app in [&a, &b] {
        assert_eq!(
            app.get("/me", Some(&sara.access_token)).await.status(),
            StatusCode::OK,
            "remembered on both"
        );
    }
    let res = a.post_empty("/auth/logout", Some(&sara.access_token)).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        a.get("/me", Some(&sara.access_token)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert!(me_answers_within(&b, &sara.access_token, StatusCode::UNAUTHORIZED).await);

    // An admin disables an account on B: A refuses her within the broker's delay.
    let giulia = a
        .login("giulia.rossi@sinergia.example", DEMO_PASSWORD)
        .await;
    assert_eq!(
        a.get("/me", Some(&giulia.access_token)).await.status(),
        StatusCode::OK
    );
    let admin = b.token_of("admin.milano@sinergia.example").await;
    let res = b
        .post_empty(
            &format!("/admin/users/{}/disable", giulia.user.id.0),
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK, "{:?}", res.text().await);
    assert!(me_answers_within(&a, &giulia.access_token, StatusCode::UNAUTHORIZED).await);

    // The operator's command, from its own process, tells both through the broker.
    let trento = a.token_of("admin.trento@sinergia.example").await;
    for app in [&a, &b] {
        let me: Me = json(app.get("/me", Some(&trento)).await).await;
        assert!(!me.programme_editor);
    }
    let user =
        backend::admin::service::set_programme_editor(&a.db, "admin.trento@sinergia.example", true)
            .await
            .unwrap();
    let mut settings = backend::config::Settings::defaults().unwrap();
    on_channel(&url, &channel)(&mut settings);
    backend::realtime::broker::tell(
        &settings.community,
        settings.community.broker_url.as_deref().unwrap(),
        backend::realtime::Ended::Changed { user },
    )
    .await
    .unwrap();
    for app in [&a, &b] {
        let mut named = false;
        for _ in 0..40 {
            let me: Me = json(app.get("/me", Some(&trento)).await).await;
            if me.programme_editor {
                named = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(named, "named on each instance within two seconds");
    }
}
