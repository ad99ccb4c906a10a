//! What is throttled besides sign-in and registration (see `auth.rs`): a signed-in user's
//! password checks, opening shared portfolios, community posts and socket frames.

use reqwest::StatusCode;
use serde_json::json;
use shared::{ClientEvent, ServerEvent};

use crate::db_tests;
use crate::helpers::*;
use crate::socket::{new_room, next, say, signed_in};

db_tests!(
    password_checks_of_a_signed_in_user_are_throttled,
    shared_portfolios_are_throttled_per_address,
    posts_and_socket_frames_are_throttled_per_user,
);

async fn password_checks_of_a_signed_in_user_are_throttled(db: TestDb) {
    let app = spawn_app_with(&db, |s| {
        s.throttle.password_checks_per_account_per_minute = 1;
        s.throttle.password_checks_per_account_burst = 3;
    })
    .await;
    let (_, js) = app.new_jobseeker().await;
    let t = &js.access_token;
    // Someone with her access token guesses her password to change it, then to erase her.
    for _ in 0..2 {
        let res = app
            .put(
                "/me/password",
                &json!({"current_password": "forse questa?", "new_password": "un'altra frase lunga"}),
                Some(t),
            )
            .await;
        expect_problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    }
    let res = app
        .post("/me/erasure", &json!({"password": "o questa?"}), Some(t))
        .await;
    expect_problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    // The budget is the account's, shared by both: the right password is not even checked.
    let res = app
        .post(
            "/me/erasure",
            &json!({"password": "una frase lunga e mia"}),
            Some(t),
        )
        .await;
    assert!(res.headers().contains_key("retry-after"));
    expect_problem(res, StatusCode::TOO_MANY_REQUESTS, "too_many_requests").await;
    let res = app
        .put(
            "/me/password",
            &json!({"current_password": "una frase lunga e mia", "new_password": "un'altra frase lunga"}),
            Some(t),
        )
        .await;
    expect_problem(res, StatusCode::TOO_MANY_REQUESTS, "too_many_requests").await;
    // Her account is untouched; someone else's budget is her own.
    assert_eq!(app.get("/me", Some(t)).await.status(), StatusCode::OK);
    let (_, other) = app.new_jobseeker().await;
    let res = app
        .put(
            "/me/password",
            &json!({"current_password": "una frase lunga e mia", "new_password": "un'altra frase lunga"}),
            Some(&other.access_token),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
}

async fn shared_portfolios_are_throttled_per_address(db: TestDb) {
    let app = spawn_app_with(&db, |s| {
        s.throttle.shared_portfolio_per_address_per_minute = 1;
        s.throttle.shared_portfolio_per_address_burst = 3;
    })
    .await;
    // Guessing link tokens: 404, 404, 404, then refused whatever the token.
    let mut statuses = Vec::new();
    for i in 0..5 {
        let res = app
            .post(
                "/shared-portfolios",
                &json!({"token": format!("guess-{i}")}),
                None,
            )
            .await;
        statuses.push(res.status());
    }
    assert_eq!(
        statuses,
        [
            StatusCode::NOT_FOUND,
            StatusCode::NOT_FOUND,
            StatusCode::NOT_FOUND,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::TOO_MANY_REQUESTS,
        ]
    );
}

async fn posts_and_socket_frames_are_throttled_per_user(db: TestDb) {
    let app = spawn_app_with(&db, |s| {
        s.throttle.posts_per_user_per_minute = 1;
        s.throttle.posts_per_user_burst = 3;
        s.throttle.socket_frames_per_user_per_minute = 1;
        s.throttle.socket_frames_per_user_burst = 2;
    })
    .await;
    let cm = app.token_of("community.milano@sinergia.example").await;
    let room = new_room(&app, &cm, "public").await;
    let post = |id: String| {
        let (app, cm, path) = (&app, &cm, format!("/community/rooms/{}/messages", room.id));
        async move {
            app.post(&path, &json!({"client_id": id, "body": "ciao"}), Some(cm))
                .await
        }
    };
    for i in 0..3 {
        assert_eq!(post(format!("m{i}")).await.status(), StatusCode::CREATED);
    }
    let res = post("m3".to_owned()).await;
    assert!(res.headers().contains_key("retry-after"));
    expect_problem(res, StatusCode::TOO_MANY_REQUESTS, "too_many_requests").await;
    // A retry of a message already stored is no new post: it answers the original.
    assert_eq!(post("m0".to_owned()).await.status(), StatusCode::OK);
    // An edit is a post too.
    let res = app
        .get(&format!("/community/rooms/{}/messages", room.id), Some(&cm))
        .await;
    let history: shared::History = json(res).await;
    let first = &history.messages[0];
    expect_problem(
        app.put(
            &format!("/community/rooms/{}/messages/{}", room.id, first.id),
            &json!({"body": "ciao a tutte"}),
            Some(&cm),
        )
        .await,
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_requests",
    )
    .await;

    // Socket frames: typing twice goes through, the third is refused, and the socket lives.
    let mut ws = signed_in(&app, &cm).await;
    for _ in 0..2 {
        say(&mut ws, &ClientEvent::Typing { room_id: room.id }).await;
    }
    say(&mut ws, &ClientEvent::Typing { room_id: room.id }).await;
    match next(&mut ws).await {
        ServerEvent::Error { code, .. } => assert_eq!(code, "too_many_requests"),
        other => panic!("expected an error, got {other:?}"),
    }
    say(&mut ws, &ClientEvent::Ping).await;
    assert!(matches!(next(&mut ws).await, ServerEvent::Pong));
}
