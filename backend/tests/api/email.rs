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

db_tests!(
    the_set_password_link_arrives_once_after_a_refusal,
    mail_goes_over_starttls_to_a_server_it_trusts_only,
);

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

async fn mail_goes_over_starttls_to_a_server_it_trusts_only(db: TestDb) {
    let (ca, cert, key) = test_certificates();
    // The server offers STARTTLS and takes no mail before it.
    let Some(smtp) = smtp_server_with(0, Some((&cert, &key))) else {
        return;
    };
    let port = smtp.port;
    // (The first instance looks at the outbox only when it queues an email itself, so that
    // the second's email is the second's to send.)
    let settings = move |ca: Option<String>| {
        move |s: &mut backend::config::Settings| {
            s.email.smtp_host = Some("localhost".to_owned());
            s.email.smtp_port = port;
            s.email.smtp_tls = SmtpTls::Starttls;
            s.email.poll_ms = if ca.is_some() { 100 } else { 600_000 };
            s.email.smtp_ca_file = ca.clone();
            s.email.retry_base_ms = 60_000;
            s.email.timeout_seconds = 5;
        }
    };
    // Without its CA the certificate is not trusted: nothing is sent, the attempt says why.
    let untrusting = spawn_app_with(&db, settings(None)).await;
    let admin = untrusting.token_of("admin.milano@sinergia.example").await;
    let res = untrusting
        .post(
            "/admin/staff",
            &json!({"email": "prima@agenzia.example", "name": "Prima Operatrice",
                "role": "counsellor", "language": "en"}),
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let mut waited = Duration::ZERO;
    while email_attempt::Entity::find()
        .all(&untrusting.db)
        .await
        .unwrap()
        .is_empty()
    {
        assert!(waited < Duration::from_secs(15), "no attempt");
        tokio::time::sleep(Duration::from_millis(100)).await;
        waited += Duration::from_millis(100);
    }
    let attempts = email_attempt::Entity::find()
        .all(&untrusting.db)
        .await
        .unwrap();
    assert!(!attempts[0].delivered);
    assert!(
        smtp.messages().is_empty(),
        "nothing in clear, nothing to an untrusted server"
    );

    // Trusting the relay's CA: the email goes over TLS (the server refuses mail without it).
    let trusting = spawn_app_with(&db, settings(Some(ca))).await;
    let res = trusting
        .post(
            "/admin/staff",
            &json!({"email": "seconda@agenzia.example", "name": "Seconda Operatrice",
                "role": "counsellor", "language": "en"}),
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let mut waited = Duration::ZERO;
    while !smtp
        .messages()
        .iter()
        .any(|m| m["to"] == json!(["seconda@agenzia.example"]))
    {
        if waited >= Duration::from_secs(15) {
            let attempts = email_attempt::Entity::find()
                .all(&trusting.db)
                .await
                .unwrap();
            panic!("no email arrived over STARTTLS: {attempts:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        waited += Duration::from_millis(100);
    }
    let m = smtp
        .messages()
        .into_iter()
        .find(|m| m["to"] == json!(["seconda@agenzia.example"]))
        .unwrap();
    assert!(m["body"].as_str().unwrap().contains("/set-password#token="));
}
