//! The email sender against a real SMTP server: the link arrives, a refused delivery is
//! retried, nothing is sent twice even with two instances, and the outbox keeps no usable link.

use std::time::Duration;

use backend::config::SmtpTls;
use backend::entities::{email_attempt, email_outbox};
use reqwest::StatusCode;
use sea_orm::EntityTrait;
use serde_json::json;

use crate::db_tests;
use crate::helpers::*;

db_tests!(the_set_password_link_arrives_once_after_a_refusal);

async fn the_set_password_link_arrives_once_after_a_refusal(db: TestDb) {
    // The server refuses the first delivery (451, "try again later").
    let Some(smtp) = smtp_server(1) else {
        return;
    };
    let port = smtp.port;
    let on_smtp = move |s: &mut backend::config::Settings| {
        s.email.smtp_host = Some("127.0.0.1".to_owned());
        s.email.smtp_port = port;
        s.email.smtp_tls = SmtpTls::None;
        s.email.poll_ms = 100;
        s.email.retry_base_ms = 300;
        s.email.timeout_seconds = 5;
    };
    // Two instances on one database, both sending.
    let a = spawn_app_with(&db, on_smtp).await;
    let _b = spawn_app_with(&db, on_smtp).await;
    let admin = a.token_of("admin.milano@sinergia.example").await;
    let res = a
        .post(
            "/admin/staff",
            &json!({"email": "nuova.operatrice@agenzia.example", "name": "Nuova Operatrice",
                "role": "counsellor", "language": "it"}),
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);

    let mut waited = Duration::ZERO;
    while smtp.messages().is_empty() {
        assert!(waited < Duration::from_secs(15), "no email arrived");
        tokio::time::sleep(Duration::from_millis(100)).await;
        waited += Duration::from_millis(100);
    }
    // Both instances keep looking: still exactly one.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let messages = smtp.messages();
    assert_eq!(messages.len(), 1, "{messages:?}");
    let m = &messages[0];
    assert_eq!(m["to"], json!(["nuova.operatrice@agenzia.example"]));
    assert_eq!(m["subject"], "Sinergia: imposta la tua password");
    let body = m["body"].as_str().unwrap();
    let token = body
        .split("/set-password#token=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the link in the email");

    // Each attempt is recorded; the outbox no longer holds the link.
    let row = email_outbox::Entity::find()
        .one(&a.db)
        .await
        .unwrap()
        .unwrap();
    assert!(row.sent_at.is_some() && row.failed_at.is_none());
    assert_eq!(row.attempts, 2);
    assert!(row.body.is_empty(), "the link is dropped once sent");
    let attempts = email_attempt::Entity::find().all(&a.db).await.unwrap();
    let mut outcomes: Vec<bool> = attempts.iter().map(|x| x.delivered).collect();
    outcomes.sort();
    assert_eq!(outcomes, [false, true]);
    assert!(
        attempts
            .iter()
            .any(|x| x.detail.as_deref().is_some_and(|d| d.contains("451")))
    );

    // The link works.
    let res = a
        .post(
            "/auth/set-password",
            &json!({"token": token, "password": "la mia password nuova"}),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let tokens = a
        .login("nuova.operatrice@agenzia.example", "la mia password nuova")
        .await;
    assert!(!tokens.access_token.is_empty());
}
