use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use shared::{Me, Role, TokenResponse};

use crate::db_tests;
use crate::helpers::*;
use backend::entities::{audit_log, consent, user};

db_tests!(
    register_login_and_me,
    email_is_unique_case_insensitively,
    register_checks_every_field,
    wrong_password_and_unknown_email_are_refused_alike,
    refresh_rotates_and_reuse_revokes_the_family,
    browser_refresh_uses_a_strict_http_only_cookie,
    logout_ends_the_session,
    a_stranger_spreading_guesses_over_addresses_is_slowed_not_the_owner,
    a_spoofed_forwarding_header_gets_no_fresh_budget,
    forged_expired_and_foreign_tokens_are_refused,
    password_change_asks_the_old_one_and_ends_other_sessions,
    login_is_throttled_per_account_and_address_without_lockout,
    registration_is_throttled_per_address,
    the_session_check_remembers_a_live_session_for_a_bounded_while,
);

async fn register_login_and_me(db: TestDb) {
    let app = spawn_app(&db).await;
    let res = app
        .register("Giulia.Verdi@Example.org", "una frase lunga e mia")
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let me: Me = json(res).await;
    assert_eq!(me.email, "giulia.verdi@example.org");
    assert_eq!(me.role, Role::Jobseeker);
    assert_eq!(me.agency.slug, "milano");

    // Consent to the privacy notice is recorded with its version and language.
    let consents = consent::Entity::find()
        .filter(consent::Column::UserId.eq(me.id.0))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(consents.len(), 1);
    assert_eq!(consents[0].text_version, shared::PRIVACY_NOTICE_VERSION);
    assert_eq!(consents[0].language, "it");
    assert_eq!(consents[0].purpose, "privacy_notice");

    let tokens = app
        .login("GIULIA.VERDI@example.org", "una frase lunga e mia")
        .await;
    assert_eq!(tokens.token_type, "Bearer");
    assert_eq!(tokens.expires_in, 900);
    assert!(tokens.refresh_token.is_some());
    let res = app.get("/me", Some(&tokens.access_token)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let me2: Me = json(res).await;
    assert_eq!(me2, me);

    // The token carries kid, iss, aud, exp, nbf and a type.
    let header = jsonwebtoken::decode_header(&tokens.access_token).unwrap();
    assert_eq!(header.kid.as_deref(), Some("k1"));
    assert_eq!(header.alg, Algorithm::HS256);
    let claims = claims_of(&tokens.access_token);
    for claim in ["iss", "aud", "exp", "nbf", "sub", "typ"] {
        assert!(claims.get(claim).is_some(), "{claim} missing");
    }
    assert_eq!(claims["typ"], "access");
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["nbf"].as_i64().unwrap(),
        900
    );

    // The login is in the audit log, with ids only.
    let logins = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("login"))
        .filter(audit_log::Column::ActorId.eq(me.id.0))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(logins.len(), 1);

    // Without a token, /me answers 401.
    expect_problem(
        app.get("/me", None).await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
}

async fn email_is_unique_case_insensitively(db: TestDb) {
    let app = spawn_app(&db).await;
    assert_eq!(
        app.register("anna@example.org", "una frase lunga e mia")
            .await
            .status(),
        StatusCode::CREATED
    );
    let p = expect_problem(
        app.register(" ANNA@Example.ORG ", "un'altra frase lunga")
            .await,
        StatusCode::CONFLICT,
        "email_taken",
    )
    .await;
    assert_eq!(p.title, "Email già registrata");
    let count = user::Entity::find()
        .filter(user::Column::Email.eq("anna@example.org"))
        .all(&app.db)
        .await
        .unwrap()
        .len();
    assert_eq!(count, 1);
}

async fn register_checks_every_field(db: TestDb) {
    let app = spawn_app(&db).await;
    let res = app
        .client
        .post(app.url("/auth/register"))
        .header("Accept-Language", "en-GB,en;q=0.9")
        .json(&json!({
            "email": "not-an-email",
            "password": "password",
            "name": "   ",
            "agency_id": uuid::Uuid::nil(),
            "privacy_notice_version": "2019-01",
            "accept_privacy_notice": false
        }))
        .send()
        .await
        .unwrap();
    let p = expect_problem(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(p.title, "Invalid input");
    let pointers: Vec<(&str, &str)> = p
        .errors
        .iter()
        .map(|e| (e.pointer.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        pointers,
        vec![
            ("/email", "email_invalid"),
            ("/password", "password_too_common"),
            ("/name", "name_required"),
            ("/accept_privacy_notice", "privacy_notice_not_accepted"),
            ("/privacy_notice_version", "privacy_notice_outdated"),
            ("/agency_id", "agency_unknown"),
        ]
    );
    assert!(p.errors.iter().all(|e| !e.message.is_empty()));
    // Nothing was written.
    assert_eq!(
        user::Entity::find()
            .filter(user::Column::Role.eq("jobseeker"))
            .all(&app.db)
            .await
            .unwrap()
            .len(),
        3,
        "only the demo jobseekers"
    );
    // Short and long passwords.
    let p = expect_problem(
        app.register("a@example.org", "corta").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].code, "password_too_short");
    assert_eq!(
        p.errors[0].message,
        "La password deve avere almeno 8 caratteri."
    );
    let p = expect_problem(
        app.register("a@example.org", &"x".repeat(129)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].code, "password_too_long");
}

async fn wrong_password_and_unknown_email_are_refused_alike(db: TestDb) {
    let app = spawn_app(&db).await;
    let wrong = expect_problem(
        app.login_raw("giulia.rossi@sinergia.example", "not her password")
            .await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    let unknown = expect_problem(
        app.login_raw("nobody@sinergia.example", "not her password")
            .await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    assert_eq!(wrong.detail, unknown.detail);
    let failed = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("login_failed"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(failed.len(), 2);
    // The known account's failure names her id; nothing names the unknown email.
    assert_eq!(failed.iter().filter(|f| f.target_id.is_some()).count(), 1);
    assert!(failed.iter().all(|f| f.details.is_none()));
}

async fn refresh_rotates_and_reuse_revokes_the_family(db: TestDb) {
    let app = spawn_app(&db).await;
    let (_, first) = app.new_jobseeker().await;
    let r1 = first.refresh_token.clone().unwrap();

    let res = app
        .post("/auth/refresh", &json!({ "refresh_token": r1 }), None)
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let second: TokenResponse = json(res).await;
    let r2 = second.refresh_token.clone().unwrap();
    assert_ne!(r1, r2, "rotated");
    assert_eq!(
        app.get("/me", Some(&second.access_token)).await.status(),
        StatusCode::OK
    );

    // Someone replays the spent token: refused, and the whole family is revoked.
    expect_problem(
        app.post("/auth/refresh", &json!({ "refresh_token": r1 }), None)
            .await,
        StatusCode::UNAUTHORIZED,
        "invalid_refresh_token",
    )
    .await;
    expect_problem(
        app.post("/auth/refresh", &json!({ "refresh_token": r2 }), None)
            .await,
        StatusCode::UNAUTHORIZED,
        "invalid_refresh_token",
    )
    .await;
    expect_problem(
        app.get("/me", Some(&second.access_token)).await,
        StatusCode::UNAUTHORIZED,
        "invalid_token",
    )
    .await;
    let reuse = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("refresh_token_reuse"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(reuse.len(), 1);

    // A made-up token and no token at all.
    expect_problem(
        app.post(
            "/auth/refresh",
            &json!({ "refresh_token": "made-up" }),
            None,
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "invalid_refresh_token",
    )
    .await;
    let res = app
        .client
        .post(app.url("/auth/refresh"))
        .send()
        .await
        .unwrap();
    expect_problem(res, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
}

async fn browser_refresh_uses_a_strict_http_only_cookie(db: TestDb) {
    let app = spawn_app(&db).await;
    let res = app
        .post(
            "/auth/login",
            &json!({ "email": "giulia.rossi@sinergia.example", "password": DEMO_PASSWORD }),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let set_cookie = res
        .headers()
        .get(reqwest::header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    for attr in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/api/v1/auth"] {
        assert!(set_cookie.contains(attr), "{attr} in {set_cookie}");
    }
    let cookie = cookie_value(res.headers(), "sinergia_refresh").unwrap();
    let body: TokenResponse = json(res).await;
    assert!(body.refresh_token.is_none(), "not readable by scripts");

    let res = app
        .client
        .post(app.url("/auth/refresh"))
        .header("Cookie", format!("sinergia_refresh={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let rotated = cookie_value(res.headers(), "sinergia_refresh").unwrap();
    assert_ne!(rotated, cookie);
    let body: TokenResponse = json(res).await;
    assert!(body.refresh_token.is_none());
    assert_eq!(
        app.get("/me", Some(&body.access_token)).await.status(),
        StatusCode::OK
    );
}

async fn logout_ends_the_session(db: TestDb) {
    let app = spawn_app(&db).await;
    let (_, tokens) = app.new_jobseeker().await;
    let refresh = tokens.refresh_token.clone().unwrap();
    let res = app
        .post(
            "/auth/logout",
            &json!({ "refresh_token": refresh }),
            Some(&tokens.access_token),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let cleared = res
        .headers()
        .get(reqwest::header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    assert_session_over(&app, &tokens).await;
    // Logging out again is harmless.
    let res = app
        .client
        .post(app.url("/auth/logout"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
}

/// The payload of a JWT, unverified.
fn claims_of(token: &str) -> serde_json::Value {
    use base64::Engine;
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap()
}

#[derive(serde::Serialize)]
struct Claims {
    sub: uuid::Uuid,
    sid: uuid::Uuid,
    typ: &'static str,
    iss: &'static str,
    aud: &'static str,
    iat: i64,
    nbf: i64,
    exp: i64,
    jti: uuid::Uuid,
}

fn forge(claims: &Claims, alg: Algorithm, kid: Option<&str>, secret: &str) -> String {
    let mut header = Header::new(alg);
    header.kid = kid.map(str::to_owned);
    jsonwebtoken::encode(
        &header,
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

async fn forged_expired_and_foreign_tokens_are_refused(db: TestDb) {
    let app = spawn_app(&db).await;
    let (_, tokens) = app.new_jobseeker().await;
    // Read the real claims to forge variants of them.
    let real = claims_of(&tokens.access_token);
    let now = chrono::Utc::now().timestamp();
    let base = || Claims {
        sub: real["sub"].as_str().unwrap().parse().unwrap(),
        sid: real["sid"].as_str().unwrap().parse().unwrap(),
        typ: "access",
        iss: "sinergia",
        aud: "sinergia-api",
        iat: now,
        nbf: now,
        exp: now + 600,
        jti: uuid::Uuid::new_v4(),
    };
    // Control: a token forged with the right key and claims works, so the refusals below are
    // about the one thing each changes.
    let good = forge(&base(), Algorithm::HS256, Some("k1"), TEST_JWT_SECRET);
    assert_eq!(app.get("/me", Some(&good)).await.status(), StatusCode::OK);

    let mut cases: Vec<(&str, String)> = vec![
        (
            "expired",
            forge(
                &Claims {
                    exp: now - 3600,
                    nbf: now - 4000,
                    iat: now - 4000,
                    ..base()
                },
                Algorithm::HS256,
                Some("k1"),
                TEST_JWT_SECRET,
            ),
        ),
        (
            "not yet valid",
            forge(
                &Claims {
                    nbf: now + 3600,
                    ..base()
                },
                Algorithm::HS256,
                Some("k1"),
                TEST_JWT_SECRET,
            ),
        ),
        (
            "another key",
            forge(
                &base(),
                Algorithm::HS256,
                Some("k1"),
                "another-secret-another-secret-0123456789",
            ),
        ),
        (
            "another alg",
            forge(&base(), Algorithm::HS512, Some("k1"), TEST_JWT_SECRET),
        ),
        (
            "no kid",
            forge(&base(), Algorithm::HS256, None, TEST_JWT_SECRET),
        ),
        (
            "unknown kid",
            forge(&base(), Algorithm::HS256, Some("k9"), TEST_JWT_SECRET),
        ),
        (
            "wrong type",
            forge(
                &Claims {
                    typ: "refresh",
                    ..base()
                },
                Algorithm::HS256,
                Some("k1"),
                TEST_JWT_SECRET,
            ),
        ),
        (
            "wrong audience",
            forge(
                &Claims {
                    aud: "other",
                    ..base()
                },
                Algorithm::HS256,
                Some("k1"),
                TEST_JWT_SECRET,
            ),
        ),
        (
            "wrong issuer",
            forge(
                &Claims {
                    iss: "other",
                    ..base()
                },
                Algorithm::HS256,
                Some("k1"),
                TEST_JWT_SECRET,
            ),
        ),
        ("garbage", "not.a.token".to_owned()),
    ];
    // alg "none": header and payload with no signature.
    {
        use base64::Engine;
        let e = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let header = e.encode(br#"{"alg":"none","typ":"JWT","kid":"k1"}"#);
        let payload = tokens.access_token.split('.').nth(1).unwrap();
        cases.push(("alg none", format!("{header}.{payload}.")));
    }
    // Tampered: a payload claiming another user, the original signature.
    {
        use base64::Engine;
        let e = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let mut parts: Vec<String> = tokens.access_token.split('.').map(str::to_owned).collect();
        let mut claims = real.clone();
        claims["sub"] = json!(uuid::Uuid::new_v4());
        parts[1] = e.encode(serde_json::to_vec(&claims).unwrap());
        cases.push(("tampered", parts.join(".")));
    }
    // The refresh token is not an access token.
    cases.push(("refresh as access", tokens.refresh_token.clone().unwrap()));
    for (what, token) in cases {
        let res = app.get("/me", Some(&token)).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{what}");
        let p = expect_problem(res, StatusCode::UNAUTHORIZED, "invalid_token").await;
        assert!(p.detail.is_some(), "{what}");
    }
}

async fn password_change_asks_the_old_one_and_ends_other_sessions(db: TestDb) {
    let app = spawn_app(&db).await;
    let (email, phone) = app.new_jobseeker().await;
    let laptop = app.login(&email, "una frase lunga e mia").await;

    let p = expect_problem(
        app.put(
            "/me/password",
            &json!({ "current_password": "not it at all", "new_password": "un'altra frase lunga" }),
            Some(&phone.access_token),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].pointer, "/current_password");

    let res = app
        .put(
            "/me/password",
            &json!({ "current_password": "una frase lunga e mia", "new_password": "un'altra frase lunga" }),
            Some(&phone.access_token),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    // The session that changed it goes on; the other is over.
    assert_eq!(
        app.get("/me", Some(&phone.access_token)).await.status(),
        StatusCode::OK
    );
    assert_session_over(&app, &laptop).await;
    expect_problem(
        app.login_raw(&email, "una frase lunga e mia").await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    app.login(&email, "un'altra frase lunga").await;
    // Unauthenticated change is refused.
    expect_problem(
        app.put(
            "/me/password",
            &json!({ "current_password": "x", "new_password": "y" }),
            None,
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
}

async fn login_is_throttled_per_account_and_address_without_lockout(db: TestDb) {
    let app = spawn_app_with(&db, |s| {
        // The test client stands for the one proxy in front of the app.
        s.throttle.trusted_proxies = 1;
        s.throttle.login_per_account_per_minute = 1;
        s.throttle.login_per_account_burst = 3;
        s.throttle.login_per_address_per_minute = 1;
        s.throttle.login_per_address_burst = 6;
    })
    .await;
    let attempt = |from: &'static str, password: &'static str| {
        app.client
            .post(app.url("/auth/login"))
            .header("X-Forwarded-For", from)
            .json(&json!({ "email": "giulia.rossi@sinergia.example", "password": password }))
            .send()
    };
    // A stranger guesses from her own address until she is stopped.
    for _ in 0..3 {
        let res = attempt("203.0.113.7", "guess guess guess").await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let res = attempt("203.0.113.7", "guess guess guess").await.unwrap();
    let retry_after: u64 = res
        .headers()
        .get("Retry-After")
        .unwrap()
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert_eq!(res.headers()["X-RateLimit-Limit"], "3");
    assert_eq!(res.headers()["X-RateLimit-Remaining"], "0");
    assert_eq!(
        res.headers()["X-RateLimit-Reset"],
        retry_after.to_string().as_str()
    );
    expect_problem(res, StatusCode::TOO_MANY_REQUESTS, "too_many_requests").await;
    // Even with the right password the stranger's address is throttled...
    assert_eq!(
        attempt("203.0.113.7", DEMO_PASSWORD)
            .await
            .unwrap()
            .status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    // ...while the owner, from her own address, is not locked out.
    assert_eq!(
        attempt("198.51.100.20", DEMO_PASSWORD)
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    // Per address: spraying many accounts from one address is stopped too.
    let mut statuses = Vec::new();
    for i in 0..8 {
        let res = app
            .client
            .post(app.url("/auth/login"))
            .header("X-Forwarded-For", "192.0.2.99")
            .json(&json!({ "email": format!("user{i}@example.org"), "password": "whatever123" }))
            .send()
            .await
            .unwrap();
        statuses.push(res.status());
    }
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
            .count(),
        2,
        "{statuses:?}"
    );
}

async fn a_stranger_spreading_guesses_over_addresses_is_slowed_not_the_owner(db: TestDb) {
    let app = spawn_app_with(&db, |s| {
        s.throttle.trusted_proxies = 1;
        s.throttle.login_per_account_from_new_addresses_per_minute = 1;
        s.throttle.login_per_account_from_new_addresses_burst = 3;
    })
    .await;
    let attempt = |from: String, password: &'static str| {
        app.client
            .post(app.url("/auth/login"))
            .header("X-Forwarded-For", from)
            .json(&json!({ "email": "giulia.rossi@sinergia.example", "password": password }))
            .send()
    };
    // She signs in from home once: that address is hers from now on.
    let home = "198.51.100.20".to_owned();
    assert_eq!(
        attempt(home.clone(), DEMO_PASSWORD).await.unwrap().status(),
        StatusCode::OK
    );
    // Guesses from ever new addresses: each address is fresh, the account's budget for
    // strangers is not (her own first sign-in from home, new then, took one of the three).
    let mut statuses = Vec::new();
    for i in 0..6 {
        statuses.push(
            attempt(format!("203.0.113.{i}"), "guess guess guess")
                .await
                .unwrap()
                .status(),
        );
    }
    assert_eq!(
        statuses,
        [
            StatusCode::UNAUTHORIZED,
            StatusCode::UNAUTHORIZED,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::TOO_MANY_REQUESTS,
        ]
    );
    // A right guess from a new address is not even tried...
    expect_problem(
        attempt("203.0.113.50".to_owned(), DEMO_PASSWORD)
            .await
            .unwrap(),
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_requests",
    )
    .await;
    // ...and the owner, from where she signed in before, is not locked out.
    assert_eq!(
        attempt(home, DEMO_PASSWORD).await.unwrap().status(),
        StatusCode::OK
    );
}

async fn a_spoofed_forwarding_header_gets_no_fresh_budget(db: TestDb) {
    // No trusted proxy (the default): forwarding headers are ignored.
    let app = spawn_app_with(&db, |s| {
        s.throttle.login_per_address_per_minute = 1;
        s.throttle.login_per_address_burst = 2;
    })
    .await;
    let mut statuses = Vec::new();
    for i in 0..4 {
        let res = app
            .client
            .post(app.url("/auth/login"))
            .header("Forwarded", format!("for=192.0.2.{i}"))
            .header("X-Forwarded-For", format!("198.51.100.{i}"))
            .json(&json!({ "email": format!("user{i}@example.org"), "password": "whatever123" }))
            .send()
            .await
            .unwrap();
        statuses.push(res.status());
    }
    assert_eq!(
        statuses,
        [
            StatusCode::UNAUTHORIZED,
            StatusCode::UNAUTHORIZED,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::TOO_MANY_REQUESTS,
        ]
    );
    // Behind one trusted proxy: only what the proxy appended counts, not what the client wrote.
    let app = spawn_app_with(&db, |s| {
        s.throttle.trusted_proxies = 1;
        s.throttle.login_per_address_per_minute = 1;
        s.throttle.login_per_address_burst = 2;
    })
    .await;
    let mut statuses = Vec::new();
    for i in 0..4 {
        let res = app
            .client
            .post(app.url("/auth/login"))
            .header("X-Forwarded-For", format!("192.0.2.{i}, 203.0.113.9"))
            .header("Forwarded", format!("for=198.51.100.{i}"))
            .json(&json!({ "email": format!("user{i}@example.org"), "password": "whatever123" }))
            .send()
            .await
            .unwrap();
        statuses.push(res.status());
    }
    assert_eq!(statuses[2..], [StatusCode::TOO_MANY_REQUESTS; 2]);
}

async fn registration_is_throttled_per_address(db: TestDb) {
    let app = spawn_app_with(&db, |s| {
        s.throttle.register_per_address_per_minute = 1;
        s.throttle.register_per_address_burst = 2;
    })
    .await;
    for i in 0..2 {
        let res = app
            .register(&format!("r{i}@example.org"), "una frase lunga e mia")
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }
    let res = app
        .register("r3@example.org", "una frase lunga e mia")
        .await;
    assert!(res.headers().get("Retry-After").is_some());
    expect_problem(res, StatusCode::TOO_MANY_REQUESTS, "too_many_requests").await;
}

db_tests!(forgotten_password_link_works_once_and_reveals_nothing);

async fn forgotten_password_link_works_once_and_reveals_nothing(db: TestDb) {
    use backend::entities::email_outbox;
    let app = spawn_app_with(&db, |s| {
        s.throttle.register_per_address_per_minute = 1;
        s.throttle.register_per_address_burst = 3;
    })
    .await;
    let (email, old) = app.new_jobseeker().await;
    let id = old.user.id.0;

    // Known and unknown emails get the same answer; only the known one gets a message.
    let res = app
        .post(
            "/auth/forgot-password",
            &json!({ "email": email.to_uppercase() }),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    // She asks twice (the first email was slow to arrive).
    let res = app
        .post("/auth/forgot-password", &json!({ "email": email }), None)
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let res = app
        .post(
            "/auth/forgot-password",
            &json!({ "email": "nobody@example.org" }),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let mails = email_outbox::Entity::find()
        .filter(email_outbox::Column::Template.eq("reset_password"))
        .order_by_asc(email_outbox::Column::CreatedAt)
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(mails.len(), 2);
    assert!(mails.iter().all(|m| m.user_id == id));
    assert_eq!(mails[0].subject, "Sinergia: scegli una nuova password");
    assert!(
        mails[0].body.contains("scade tra un'ora"),
        "{}",
        mails[0].body
    );
    let token_of = |body: &str| {
        body.split("#token=")
            .nth(1)
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap()
            .to_owned()
    };
    let first = token_of(&mails[0].body);
    let token = token_of(&mails[1].body);
    let token = token.as_str();

    let res = app
        .post(
            "/auth/set-password",
            &json!({ "token": token, "password": "la nuova frase segreta" }),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    // Her old sessions are over; the new password works, the old one does not; the link is spent.
    expect_problem(
        app.get("/me", Some(&old.access_token)).await,
        StatusCode::UNAUTHORIZED,
        "invalid_token",
    )
    .await;
    app.login(&email, "la nuova frase segreta").await;
    expect_problem(
        app.login_raw(&email, "una frase lunga e mia").await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    assert_link_refused(&app, token).await;
    // The first link died with the second's use.
    assert_link_refused(&app, &first).await;
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("password_reset_requested"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(audited.len(), 2);

    // Bad input, and the per-account throttle that protects her mailbox.
    let p = expect_problem(
        app.post(
            "/auth/forgot-password",
            &json!({ "email": "not an email" }),
            None,
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].pointer, "/email");
    let mut last = StatusCode::OK;
    for _ in 0..3 {
        last = app
            .post("/auth/forgot-password", &json!({ "email": email }), None)
            .await
            .status();
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}

/// The session check remembers a live session (issue 16): what changes behind the server's
/// back — the account disabled by a direct write, as a lost broker message would leave it — is
/// refused within `session_cache_seconds`; an ending through the server is refused at once.
async fn the_session_check_remembers_a_live_session_for_a_bounded_while(db: TestDb) {
    let app = spawn_app_with(&db, |s| s.auth.session_cache_seconds = 1).await;
    let sara = app
        .login("sara.bianchi@sinergia.example", DEMO_PASSWORD)
        .await;
    assert_eq!(
        app.get("/me", Some(&sara.access_token)).await.status(),
        StatusCode::OK
    );
    use sea_orm::{ActiveModelTrait, Set};
    user::ActiveModel {
        id: Set(sara.user.id.0),
        disabled_at: Set(Some(chrono::Utc::now())),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();
    // Remembered: the database is not read for this request.
    assert_eq!(
        app.get("/me", Some(&sara.access_token)).await.status(),
        StatusCode::OK
    );
    // Past the bound, read again and refused.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(
        app.get("/me", Some(&sara.access_token)).await.status(),
        StatusCode::UNAUTHORIZED
    );

    // A logout, remembered or not, is refused at once (the default bound is fifteen seconds).
    let app = spawn_app(&db).await;
    let giulia = app
        .login("giulia.rossi@sinergia.example", DEMO_PASSWORD)
        .await;
    for _ in 0..3 {
        assert_eq!(
            app.get("/me", Some(&giulia.access_token)).await.status(),
            StatusCode::OK
        );
    }
    let res = app
        .post_empty("/auth/logout", Some(&giulia.access_token))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/me", Some(&giulia.access_token)).await.status(),
        StatusCode::UNAUTHORIZED
    );
}
