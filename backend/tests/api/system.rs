use reqwest::StatusCode;
use shared::{Agency, Health};

use crate::db_tests;
use crate::helpers::*;

db_tests!(
    health_and_agencies,
    security_headers_and_request_ids,
    cors_follows_the_allowlist
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
