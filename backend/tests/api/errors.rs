//! Bad input of every kind answers problem+json 4xx, never 5xx, in the asked language.

use reqwest::StatusCode;
use serde_json::json;

use crate::db_tests;
use crate::helpers::*;

db_tests!(
    unknown_routes_and_wrong_methods,
    malformed_mistyped_and_unknown_fields,
    oversize_and_wrong_content_type,
    language_follows_accept_language,
    objects_written_as_arrays_are_refused,
    texts_that_disguise_themselves_are_refused,
    numbers_past_what_the_database_holds_are_refused,
    a_null_body_where_the_spec_allows_it,
    operations_that_take_no_body_refuse_one,
);

async fn unknown_routes_and_wrong_methods(db: TestDb) {
    let app = spawn_app(&db).await;
    let p = expect_problem(
        app.get("/nothing-here", None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_eq!(p.instance.as_deref(), Some("/api/v1/nothing-here"));
    assert_eq!(p.type_, "urn:sinergia:problem:not_found");
    // Outside the API too (no SPA built in this test).
    let res = app
        .client
        .get(format!("{}/somewhere", app.address))
        .send()
        .await
        .unwrap();
    expect_problem(res, StatusCode::NOT_FOUND, "not_found").await;

    let res = app
        .client
        .delete(app.url("/auth/login"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers().get("Allow").unwrap(), "POST");
    expect_problem(res, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed").await;
    let res = app.client.post(app.url("/me")).send().await.unwrap();
    assert_eq!(res.headers().get("Allow").unwrap(), "GET");
    expect_problem(res, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed").await;
    let res = app
        .client
        .get(app.url("/admin/users/abc/disable"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers().get("Allow").unwrap(), "POST");
    expect_problem(res, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed").await;
}

async fn malformed_mistyped_and_unknown_fields(db: TestDb) {
    let app = spawn_app(&db).await;
    let send = |body: &'static str| {
        app.client
            .post(app.url("/auth/login"))
            .header("Content-Type", "application/json")
            .body(body)
            .send()
    };
    expect_problem(
        send("{\"email\": ").await.unwrap(),
        StatusCode::BAD_REQUEST,
        "malformed_json",
    )
    .await;
    expect_problem(
        send("").await.unwrap(),
        StatusCode::BAD_REQUEST,
        "malformed_json",
    )
    .await;
    expect_problem(
        send(r#"{"email": "a@b.it", "password": "x"} {}"#)
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
        "malformed_json",
    )
    .await;

    let p = expect_problem(
        send(r#"{"email": 42, "password": "x"}"#).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    assert_eq!(p.errors[0].pointer, "/email");
    let p = expect_problem(
        send(r#"{"password": "x"}"#).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    assert_eq!(p.errors[0].pointer, "/email");
    assert!(p.detail.unwrap().contains("missing field"));
    let p = expect_problem(
        send(r#"{"email": "a@b.it", "password": "x", "is_admin": true}"#)
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    assert_eq!(p.errors[0].pointer, "/is_admin");
    let p = expect_problem(
        send("\"just a string\"").await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    assert_eq!(p.errors[0].pointer, "");
    // A wrong type deep in a body: the agency id.
    let p = expect_problem(
        app.post(
            "/auth/register",
            &json!({
                "email": "a@b.it", "password": "una frase lunga", "name": "A",
                "agency_id": "milano", "privacy_notice_version": "2026-11",
                "accept_privacy_notice": true
            }),
            None,
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    assert_eq!(p.errors[0].pointer, "/agency_id");
}

async fn oversize_and_wrong_content_type(db: TestDb) {
    let app = spawn_app_with(&db, |s| s.limits.json_body_bytes = 1024).await;
    let big = format!(
        r#"{{"email": "a@b.it", "password": "{}"}}"#,
        "x".repeat(4096)
    );
    let res = app
        .client
        .post(app.url("/auth/login"))
        .header("Content-Type", "application/json")
        .body(big.clone())
        .send()
        .await
        .unwrap();
    let p = expect_problem(res, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
    assert!(p.detail.unwrap().contains("1024"));
    // The same body streamed without a length is cut off too.
    let stream = futures_util::stream::iter(
        big.into_bytes()
            .chunks(100)
            .map(|c| Ok::<_, std::io::Error>(c.to_vec()))
            .collect::<Vec<_>>(),
    );
    let res = app
        .client
        .post(app.url("/auth/login"))
        .header("Content-Type", "application/json")
        .body(reqwest::Body::wrap_stream(stream))
        .send()
        .await
        .unwrap();
    expect_problem(res, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;

    let res = app
        .client
        .post(app.url("/auth/login"))
        .header("Content-Type", "text/plain")
        .body(r#"{"email": "a@b.it", "password": "x"}"#)
        .send()
        .await
        .unwrap();
    expect_problem(
        res,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    )
    .await;
    let res = app
        .client
        .post(app.url("/auth/login"))
        .body(r#"{"email": "a@b.it", "password": "x"}"#)
        .send()
        .await
        .unwrap();
    expect_problem(
        res,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    )
    .await;
}

async fn language_follows_accept_language(db: TestDb) {
    let app = spawn_app(&db).await;
    let ask = |lang: Option<&'static str>| {
        let mut req = app.client.get(app.url("/me"));
        if let Some(l) = lang {
            req = req.header("Accept-Language", l);
        }
        req.send()
    };
    let it = expect_problem(
        ask(None).await.unwrap(),
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
    let en = expect_problem(
        ask(Some("en-US,en;q=0.9")).await.unwrap(),
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
    let fr = expect_problem(
        ask(Some("fr-FR")).await.unwrap(),
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
    assert_eq!(it.title, "Accesso richiesto");
    assert_eq!(en.title, "Sign-in required");
    assert_eq!(fr.title, it.title, "Italian is the default");
    assert_eq!(it.type_, en.type_, "type is language-neutral");
}

async fn objects_written_as_arrays_are_refused(db: TestDb) {
    let app = spawn_app(&db).await;
    // serde would read a struct from the list of its fields: a login as an array.
    let p = expect_problem(
        app.post(
            "/auth/login",
            &json!(["giulia.rossi@sinergia.example", DEMO_PASSWORD, true]),
            None,
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    assert_eq!(p.errors[0].pointer, "");
    // And inside a body: a room's name in both languages as an array.
    let cm = app.token_of("community.milano@sinergia.example").await;
    let p = expect_problem(
        app.post(
            "/community/rooms",
            &json!({"kind": "public", "name": ["Genitori", "Parents"],
                "description": {"it": "D", "en": "D"}, "rules": {"it": "R", "en": "R"}}),
            Some(&cm),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    assert_eq!(p.errors[0].pointer, "/name");
}

async fn texts_that_disguise_themselves_are_refused(db: TestDb) {
    let app = spawn_app(&db).await;
    let field_code = |p: &shared::Problem| -> (String, String) {
        (p.errors[0].pointer.clone(), p.errors[0].code.to_string())
    };
    // A name that reads backwards after an override, and one with a zero-width space.
    for name in ["Giulia \u{202E}issoR", "Giu\u{200B}lia", "Giulia\u{0}"] {
        let p = expect_problem(
            app.post(
                "/auth/register",
                &json!({"email": "bidi@example.org", "password": "una frase lunga e mia",
                    "name": name, "agency_id": MILANO, "language": "it",
                    "privacy_notice_version": shared::PRIVACY_NOTICE_VERSION,
                    "accept_privacy_notice": true}),
                None,
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert_eq!(
            field_code(&p),
            ("/name".into(), "name_invalid".into()),
            "{name:?}"
        );
    }
    // Messages, room texts, case notes, profile answers.
    let cm = app.token_of("community.milano@sinergia.example").await;
    let res = app
        .post(
            "/community/rooms",
            &json!({"kind": "public", "topic": "theme",
                "name": {"it": "Sala \u{2066}x\u{2069}", "en": "Room"},
                "description": {"it": "D", "en": "D"}, "rules": {"it": "R", "en": "R"}}),
            Some(&cm),
        )
        .await;
    let p = expect_problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(field_code(&p), ("/name/it".into(), "text_invalid".into()));
    let room: shared::Room = json(
        app.post(
            "/community/rooms",
            &json!({"kind": "public", "topic": "theme",
                "name": {"it": "Sala", "en": "Room"},
                "description": {"it": "D", "en": "D"}, "rules": {"it": "R", "en": "R"}}),
            Some(&cm),
        )
        .await,
    )
    .await;
    for body in ["apri foto\u{202E}gpj.exe", "nul\u{0}"] {
        let p = expect_problem(
            app.post(
                &format!("/community/rooms/{}/messages", room.id),
                &json!({"client_id": "c1", "body": body}),
                Some(&cm),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert_eq!(field_code(&p), ("/body".into(), "text_invalid".into()));
    }
    // Languages keep what they need: Persian's zero-width non-joiner, an emoji family.
    let res = app
        .post(
            &format!("/community/rooms/{}/messages", room.id),
            &json!({"client_id": "c2", "body": "می\u{200C}خواهم 👩\u{200D}👧"}),
            Some(&cm),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let counsellor = app.token_of("operatrice.milano@sinergia.example").await;
    let giulia: shared::Me = json(
        app.get(
            "/me",
            Some(&app.token_of("giulia.rossi@sinergia.example").await),
        )
        .await,
    )
    .await;
    let p = expect_problem(
        app.post(
            &format!("/staff/jobseekers/{}/notes", giulia.id.0),
            &json!({"body": "Colloquio\u{202D} fissato"}),
            Some(&counsellor),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].pointer, "/body");
}

async fn numbers_past_what_the_database_holds_are_refused(db: TestDb) {
    let app = spawn_app(&db).await;
    let cm = app.token_of("community.milano@sinergia.example").await;
    let room: shared::Room = json(
        app.post(
            "/community/rooms",
            &json!({"kind": "public", "topic": "theme",
                "name": {"it": "Sala", "en": "Room"},
                "description": {"it": "D", "en": "D"}, "rules": {"it": "R", "en": "R"}}),
            Some(&cm),
        )
        .await,
    )
    .await;
    let past = 1u64 << 63;
    for anchor in ["before", "after", "around"] {
        let p = expect_problem(
            app.get(
                &format!("/community/rooms/{}/messages?{anchor}={past}", room.id),
                Some(&cm),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert_eq!(p.errors[0].pointer, format!("/{anchor}"));
    }
    // The largest one the database holds is fine.
    let res = app
        .get(
            &format!("/community/rooms/{}/messages?before={}", room.id, i64::MAX),
            Some(&cm),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let p = expect_problem(
        app.put(
            &format!("/community/rooms/{}/read", room.id),
            &json!({"last_read_seq": past}),
            Some(&cm),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].pointer, "/last_read_seq");
}

async fn a_null_body_where_the_spec_allows_it(db: TestDb) {
    let app = spawn_app(&db).await;
    let tokens = app
        .login("giulia.rossi@sinergia.example", DEMO_PASSWORD)
        .await;
    // Refresh with `null`: read as no body (and no cookie), so no token to refresh.
    let res = app
        .client
        .post(app.url("/auth/refresh"))
        .header("content-type", "application/json")
        .body("null")
        .send()
        .await
        .unwrap();
    expect_problem(res, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
    // Logout with `null` ends the session of the access token.
    let res = app
        .client
        .post(app.url("/auth/logout"))
        .bearer_auth(&tokens.access_token)
        .header("content-type", "application/json")
        .body("null")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_session_over(&app, &tokens).await;
}

async fn operations_that_take_no_body_refuse_one(db: TestDb) {
    let app = spawn_app(&db).await;
    let cm = app.token_of("community.milano@sinergia.example").await;
    let sara = app.token_of("sara.bianchi@sinergia.example").await;
    let room: shared::Room = json(
        app.post(
            "/community/rooms",
            &json!({"kind": "public", "topic": "theme",
                "name": {"it": "Sala", "en": "Room"},
                "description": {"it": "D", "en": "D"}, "rules": {"it": "R", "en": "R"}}),
            Some(&cm),
        )
        .await,
    )
    .await;
    let join = format!("/community/rooms/{}/join", room.id);
    // Joining takes no body: one that says something is refused, and she is not a member.
    let p = expect_problem(
        app.post(&join, &json!({"role": "manager"}), Some(&sara))
            .await,
        StatusCode::BAD_REQUEST,
        "body_not_expected",
    )
    .await;
    assert!(!p.detail.unwrap_or_default().is_empty());
    let seen: shared::Room = json(
        app.get(&format!("/community/rooms/{}", room.id), Some(&sara))
            .await,
    )
    .await;
    assert!(seen.role.is_none());
    // Without one it works.
    assert_eq!(
        app.post_empty(&join, Some(&sara)).await.status(),
        StatusCode::OK
    );
}
