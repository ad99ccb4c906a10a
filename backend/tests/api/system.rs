use reqwest::StatusCode;
use shared::{Agency, Health};

use crate::db_tests;
use crate::helpers::*;

db_tests!(
    health_and_agencies,
    security_headers_and_request_ids,
    cors_follows_the_allowlist,
    without_a_jwt_secret_only_development_starts,
);

async fn health_and_agencies(db: TestDb) {
    let app = spawn_app(&db).await;
    let res = app.get("/health", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    let health: Health = json(res).await;
    assert_eq!(health.status, "ok");
    assert_eq!(health.database, "ok");

    let res = app.get("/ping", None).await;
    assert_eq!(res.text().await.unwrap(), "pong");

    let agencies: Vec<Agency> = json(app.get("/agencies", None).await).await;
    let slugs: Vec<&str> = agencies.iter().map(|a| a.slug.as_str()).collect();
    assert_eq!(slugs, ["milano", "trento"]);
}

async fn security_headers_and_request_ids(db: TestDb) {
    let app = spawn_app(&db).await;
    for res in [app.get("/health", None).await, app.get("/nope", None).await] {
        let h = res.headers();
        let csp = h.get("Content-Security-Policy").unwrap().to_str().unwrap();
        for directive in [
            "script-src 'self' 'wasm-unsafe-eval'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(directive), "{directive} in {csp}");
        }
        assert_eq!(h.get("X-Content-Type-Options").unwrap(), "nosniff");
        assert_eq!(h.get("Referrer-Policy").unwrap(), "no-referrer");
        assert_eq!(
            h.get("X-Request-Id").unwrap().to_str().unwrap().len(),
            36,
            "a request id"
        );
    }
    let a = app.get("/health", None).await;
    let b = app.get("/health", None).await;
    assert_ne!(
        a.headers().get("X-Request-Id"),
        b.headers().get("X-Request-Id")
    );
    // Answers with personal data are never cached; no HSTS over plain HTTP.
    let t = app.token_of("giulia.rossi@sinergia.example").await;
    for path in ["/me", "/me/profile", "/me/export", "/community/rooms"] {
        let res = app.get(path, Some(&t)).await;
        assert_eq!(res.headers()["cache-control"], "no-store", "{path}");
        assert!(res.headers().get("strict-transport-security").is_none());
    }
    let res = app
        .login_raw("giulia.rossi@sinergia.example", DEMO_PASSWORD)
        .await;
    assert_eq!(res.headers()["cache-control"], "no-store", "tokens");
    // Served over TLS (an https public address, TLS at the proxy): HSTS.
    let tls = spawn_app_with(&db, |s| {
        s.server.public_url = "https://sinergia.example".into()
    })
    .await;
    let res = tls.get("/health", None).await;
    assert_eq!(
        res.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
}

async fn cors_follows_the_allowlist(db: TestDb) {
    let app = spawn_app_with(&db, |s| {
        s.cors.allowed_origins = vec!["https://partner.example".to_owned()];
    })
    .await;
    let preflight = |origin: &'static str| {
        app.client
            .request(reqwest::Method::OPTIONS, app.url("/me"))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "GET")
            .header("Access-Control-Request-Headers", "authorization")
            .send()
    };
    let ok = preflight("https://partner.example").await.unwrap();
    assert!(ok.status().is_success());
    assert_eq!(
        ok.headers().get("Access-Control-Allow-Origin").unwrap(),
        "https://partner.example"
    );
    let refused = preflight("https://evil.example").await.unwrap();
    assert!(
        refused
            .headers()
            .get("Access-Control-Allow-Origin")
            .is_none()
    );
    assert!(refused.status().is_client_error());

    let res = app
        .client
        .get(app.url("/health"))
        .header("Origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(res.headers().get("Access-Control-Allow-Origin").is_none());
}

db_tests!(serves_the_spa_compressed_and_the_api_uncompressed);

async fn serves_the_spa_compressed_and_the_api_uncompressed(db: TestDb) {
    let dir = std::env::temp_dir().join(format!("sinergia-spa-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>Sinergia</title>",
    )
    .unwrap();
    std::fs::write(
        dir.join("pkg/app.js"),
        "console.log('sinergia');\n".repeat(2000),
    )
    .unwrap();
    let app = spawn_app_with(&db, |s| s.frontend_dir = dir.display().to_string()).await;
    let get = |path: &str| {
        app.client
            .get(format!("{}{path}", app.address))
            .header("Accept-Encoding", "gzip")
            .send()
    };

    // Client-side routes get the app's index.html.
    for path in ["/", "/login", "/app/some/deep/route"] {
        let res = get(path).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert!(res.headers().get("Content-Security-Policy").is_some());
    }
    // Files are served, compressed.
    let res = get("/pkg/app.js").await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-encoding"], "gzip");
    // The API is not compressed, and unknown API paths stay problems, not the app.
    let res = get("/api/v1/agencies").await.unwrap();
    assert!(res.headers().get("content-encoding").is_none());
    expect_problem(
        get("/api/v1/unknown").await.unwrap(),
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let res = app
        .client
        .post(format!("{}/login", app.address))
        .send()
        .await
        .unwrap();
    expect_problem(res, StatusCode::NOT_FOUND, "not_found").await;
    let _ = std::fs::remove_dir_all(&dir);
}

async fn without_a_jwt_secret_only_development_starts(db: TestDb) {
    use backend::config::Environment;
    // The default environment is production: no secret, no start (and a clear reason).
    let mut settings = test_settings(&db);
    settings.environment = backend::config::Settings::defaults().unwrap().environment;
    assert_eq!(settings.environment, Environment::Production);
    settings.auth.jwt_secret = String::new().into();
    let err = match backend::Application::build(settings.clone()).await {
        Ok(_) => panic!("started without a JWT secret"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("APP_AUTH__JWT_SECRET"), "{err}");
    // Said to be development (what `cargo xtask run` does), it starts with a made-up secret.
    settings.environment = Environment::Development;
    let app = backend::Application::build(settings).await.expect("starts");
    assert!(app.port() > 0);
}
