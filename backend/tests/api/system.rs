use reqwest::StatusCode;
use shared::{Agency, GeoPoint, Health, Municipality};

use crate::db_tests;
use crate::helpers::*;

db_tests!(
    health_and_agencies,
    three_territories_with_their_municipalities_and_places,
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
    assert_eq!(slugs, ["milano", "monza-brianza", "trento"]);
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

db_tests!(
    serves_the_spa_compressed_and_the_api_uncompressed,
    fingerprinted_files_are_cached_for_good_and_sent_precompressed,
);

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

/// Issue 16: a file whose name holds a hash of its content is cached for a year and sent as
/// its brotli or gzip copy to a client that takes it (the identity file to one that takes
/// neither); `index.html` and the app's paths are asked again each time.
async fn fingerprinted_files_are_cached_for_good_and_sent_precompressed(db: TestDb) {
    let dir = std::env::temp_dir().join(format!("sinergia-spa-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>Sinergia</title>",
    )
    .unwrap();
    let js = "console.log('sinergia');\n".repeat(2000);
    let name = "pkg/frontend-0123456789abcdef.js";
    std::fs::write(dir.join(name), &js).unwrap();
    // Marked copies, to tell which one was sent.
    std::fs::write(dir.join(format!("{name}.br")), b"BROTLI COPY").unwrap();
    std::fs::write(dir.join(format!("{name}.gz")), b"GZIP COPY").unwrap();
    std::fs::write(dir.join("pkg/plain.js"), &js).unwrap();
    let app = spawn_app_with(&db, |s| s.frontend_dir = dir.display().to_string()).await;
    let get = |path: String, accept: &'static str| {
        app.client
            .get(format!("{}{path}", app.address))
            .header("Accept-Encoding", accept)
            .send()
    };
    let immutable = "public, max-age=31536000, immutable";

    let res = get(format!("/{name}"), "gzip, deflate, br").await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["cache-control"], immutable);
    assert_eq!(res.headers()["content-encoding"], "br");
    assert!(
        res.headers()["vary"]
            .to_str()
            .unwrap()
            .to_lowercase()
            .contains("accept-encoding")
    );
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"BROTLI COPY");

    let res = get(format!("/{name}"), "gzip").await.unwrap();
    assert_eq!(res.headers()["content-encoding"], "gzip");
    assert_eq!(res.headers()["cache-control"], immutable);
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"GZIP COPY");

    let res = get(format!("/{name}"), "br;q=0, identity").await.unwrap();
    assert!(res.headers().get("content-encoding").is_none());
    assert_eq!(res.headers()["cache-control"], immutable);
    assert_eq!(res.text().await.unwrap(), js);

    // The rest of the app is asked again each time.
    for path in ["/", "/index.html", "/login", "/pkg/plain.js"] {
        let res = get(path.to_owned(), "gzip").await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-cache", "{path}");
    }
    // The API's answers keep theirs.
    let res = get("/api/v1/agencies".to_owned(), "br").await.unwrap();
    assert_ne!(res.headers()["cache-control"], immutable);
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

/// Monza e Brianza joins Milan and Trento: its agency, its 55 municipalities in five Ambiti;
/// every municipality of the three territories has a place, inside its province.
async fn three_territories_with_their_municipalities_and_places(db: TestDb) {
    let app = spawn_app(&db).await;
    let agencies: Vec<Agency> = json(app.get("/agencies", None).await).await;
    let monza = agencies.iter().find(|a| a.slug == "monza-brianza").unwrap();
    assert_eq!(monza.id.0, migrations::MONZA_ID);
    assert_eq!(monza.territory, "Provincia di Monza e della Brianza");

    let all: Vec<Municipality> = json(app.get("/municipalities", None).await).await;
    let mb: Vec<&Municipality> = all.iter().filter(|m| m.province == "MB").collect();
    assert_eq!(mb.len(), 55);
    assert!(mb.iter().all(|m| m.agency_id == monza.id));
    let mut per_ambito = std::collections::BTreeMap::new();
    for m in &mb {
        let a = m
            .ambito
            .as_ref()
            .expect("every MB municipality in an Ambito");
        *per_ambito
            .entry((a.code.as_str(), a.name.as_str()))
            .or_insert(0) += 1;
    }
    assert_eq!(
        per_ambito.into_iter().collect::<Vec<_>>(),
        [
            (("carate_brianza", "Ambito di Carate Brianza"), 13),
            (("desio", "Ambito di Desio"), 7),
            (("monza", "Ambito di Monza"), 3),
            (("seregno", "Ambito di Seregno"), 10),
            (("vimercate", "Ambito di Vimercate"), 22),
        ]
    );
    assert!(
        all.iter()
            .filter(|m| m.province != "MB")
            .all(|m| m.ambito.is_none())
    );
    assert_eq!(all.len(), 133 + 166 + 55);

    // Every one has a place, within its province's box.
    for m in &all {
        let p = m
            .location
            .unwrap_or_else(|| panic!("{} has no place", m.name));
        let (lat, lon) = match m.province.as_str() {
            "MI" => ((45.1, 45.7), (8.6, 9.6)),
            "MB" => ((45.5, 45.8), (9.0, 9.5)),
            _ => ((45.6, 46.6), (10.4, 12.0)),
        };
        assert!(
            p.is_valid() && (lat.0..lat.1).contains(&p.lat) && (lon.0..lon.1).contains(&p.lon),
            "{} at {p:?}",
            m.name
        );
    }
    let place = |name: &str| -> GeoPoint {
        all.iter()
            .find(|m| m.name == name)
            .and_then(|m| m.location)
            .unwrap()
    };
    let km = place("Milano").km_to(&place("Monza"));
    assert!((12.0..18.0).contains(&km), "Milano-Monza {km} km");
    let km = place("Vimercate").km_to(&place("Monza"));
    assert!((7.0..12.0).contains(&km), "Vimercate-Monza {km} km");
}
