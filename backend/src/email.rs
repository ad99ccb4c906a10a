//! The email sender: delivers the outbox over SMTP (lettre; STARTTLS by default), with
//! retries and backoff, each attempt recorded.
//!
//! Two instances never send an email twice: an instance claims an email with a conditional
//! update (only one can match while the other's claim holds) before it talks to the server.
//! Once sent — or given up after the last attempt, or refused for good by the server — its
//! body, which holds a one-time link, is dropped: the outbox keeps what was sent to whom and
//! when, never a usable link. Without an SMTP host nothing is sent (development writes the
//! links to the log when they are queued).

use std::time::Duration;

use chrono::Utc;
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};
use secrecy::ExposeSecret;
use uuid::Uuid;

use crate::config::{EmailSettings, SmtpTls};
use crate::entities::{email_attempt, email_outbox, user};
use crate::state::AppState;

/// The most emails looked at in one round.
const BATCH: u64 = 20;
/// The longest wait between attempts.
const BACKOFF_MAX: Duration = Duration::from_secs(3600);

/// An SMTP connection's settings, ready to send.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// `None` without an SMTP host.
    pub fn from_settings(s: &EmailSettings) -> anyhow::Result<Option<Mailer>> {
        let Some(host) = s
            .smtp_host
            .as_deref()
            .map(str::trim)
            .filter(|h| !h.is_empty())
        else {
            return Ok(None);
        };
        let builder = match (s.smtp_tls, s.smtp_ca_file.as_deref()) {
            (SmtpTls::None, _) => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
            (SmtpTls::Starttls, None) => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)?
            }
            (SmtpTls::Tls, None) => AsyncSmtpTransport::<Tokio1Executor>::relay(host)?,
            (tls, Some(ca)) => {
                let pem = std::fs::read(ca)
                    .map_err(|e| anyhow::anyhow!("email.smtp_ca_file {ca}: {e}"))?;
                let params = TlsParameters::builder(host.to_owned())
                    .add_root_certificate(Certificate::from_pem(&pem)?)
                    .build_rustls()?;
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host).tls(
                    if tls == SmtpTls::Tls {
                        Tls::Wrapper(params)
                    } else {
                        Tls::Required(params)
                    },
                )
            }
        };
        let mut builder = builder
            .port(s.smtp_port)
            .timeout(Some(Duration::from_secs(s.timeout_seconds.max(1))));
        if let Some(user) = s.smtp_username.as_deref().filter(|u| !u.is_empty()) {
            builder = builder.credentials(Credentials::new(
                user.to_owned(),
                s.smtp_password.expose_secret().to_owned(),
            ));
        }
        Ok(Some(Mailer {
            transport: builder.build(),
            from: s
                .from
                .parse()
                .map_err(|e| anyhow::anyhow!("email.from is not an address: {e}"))?,
        }))
    }
}

/// Delivers the outbox until the app stops: at once when an email is queued, and every
/// `poll_ms` (for retries, and for what another instance queued).
pub async fn delivery_loop(state: actix_web::web::Data<AppState>) {
    let mailer = match Mailer::from_settings(&state.settings.email) {
        Ok(Some(m)) => m,
        Ok(None) => {
            if !crate::settings_env_is_dev(&state.settings) {
                tracing::warn!("no SMTP host (APP_EMAIL__SMTP_HOST): emails are not sent");
            }
            return;
        }
        Err(e) => {
            tracing::error!(error = %e, "email sender not started");
            return;
        }
    };
    let instance = Uuid::now_v7();
    let poll = Duration::from_millis(state.settings.email.poll_ms.max(50));
    loop {
        match deliver_due(&state, &mailer, instance).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(delivered = n, "emails sent"),
            Err(e) => tracing::error!(error = %e, "email delivery round failed"),
        }
        tokio::select! {
            () = tokio::time::sleep(poll) => {}
            () = state.mail_waiting.notified() => {}
        }
    }
}

/// One round: every email due is claimed, tried once and its outcome stored. Returns how many
/// were delivered.
pub async fn deliver_due(
    state: &AppState,
    mailer: &Mailer,
    instance: Uuid,
) -> Result<usize, sea_orm::DbErr> {
    let now = Utc::now();
    let due = email_outbox::Entity::find()
        .filter(email_outbox::Column::SentAt.is_null())
        .filter(email_outbox::Column::FailedAt.is_null())
        .filter(free(now))
        .filter(
            Condition::any()
                .add(email_outbox::Column::NextAttemptAt.is_null())
                .add(email_outbox::Column::NextAttemptAt.lte(now)),
        )
        .order_by_asc(email_outbox::Column::CreatedAt)
        .limit(BATCH)
        .all(&state.db)
        .await?;
    let mut delivered = 0;
    for email in due {
        if claim(state, email.id, instance).await? && deliver(state, mailer, email).await? {
            delivered += 1;
        }
    }
    Ok(delivered)
}

/// Nobody holds it (or a holder's claim ran out: that instance died mid-send).
fn free(now: chrono::DateTime<Utc>) -> Condition {
    Condition::any()
        .add(email_outbox::Column::ClaimedUntil.is_null())
        .add(email_outbox::Column::ClaimedUntil.lt(now))
}

/// Takes the email for this instance; `false` when another one has it or it is done.
async fn claim(state: &AppState, id: Uuid, instance: Uuid) -> Result<bool, sea_orm::DbErr> {
    let now = Utc::now();
    // Long enough for the slowest SMTP conversation, twice.
    let lease = chrono::Duration::seconds(
        i64::try_from(state.settings.email.timeout_seconds.max(1) * 2 + 5).unwrap_or(65),
    );
    let res = email_outbox::Entity::update_many()
        .col_expr(email_outbox::Column::ClaimedBy, Expr::value(instance))
        .col_expr(email_outbox::Column::ClaimedUntil, Expr::value(now + lease))
        .filter(email_outbox::Column::Id.eq(id))
        .filter(email_outbox::Column::SentAt.is_null())
        .filter(email_outbox::Column::FailedAt.is_null())
        .filter(free(now))
        .exec(&state.db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Tries one claimed email; stores the attempt and the outcome. `true` when delivered.
async fn deliver(
    state: &AppState,
    mailer: &Mailer,
    email: email_outbox::Model,
) -> Result<bool, sea_orm::DbErr> {
    let recipient = user::Entity::find_by_id(email.user_id)
        .filter(user::Column::ErasedAt.is_null())
        .one(&state.db)
        .await?;
    let outcome = match recipient {
        None => Err((true, "the recipient's account is erased".to_owned())),
        Some(u) => send(mailer, &u, &email).await,
    };
    let now = Utc::now();
    let attempts = email.attempts.saturating_add(1);
    email_attempt::ActiveModel {
        id: Set(Uuid::now_v7()),
        email_id: Set(email.id),
        attempted_at: Set(now),
        delivered: Set(outcome.is_ok()),
        detail: Set(outcome.as_ref().err().map(|(_, d)| d.clone())),
    }
    .insert(&state.db)
    .await?;
    let max = i32::try_from(state.settings.email.max_attempts.max(1)).unwrap_or(i32::MAX);
    let mut row: email_outbox::ActiveModel = email.into();
    row.attempts = Set(attempts);
    row.claimed_by = Set(None);
    row.claimed_until = Set(None);
    let sent = match outcome {
        Ok(()) => {
            row.sent_at = Set(Some(now));
            row.body = Set(String::new());
            row.last_error = Set(None);
            true
        }
        Err((permanent, detail)) => {
            tracing::warn!(attempts, permanent, error = %detail, "email not delivered");
            row.last_error = Set(Some(detail));
            if permanent || attempts >= max {
                row.failed_at = Set(Some(now));
                row.body = Set(String::new());
            } else {
                let wait = backoff(state.settings.email.retry_base_ms, attempts);
                row.next_attempt_at = Set(Some(
                    now + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::hours(1)),
                ));
            }
            false
        }
    };
    row.update(&state.db).await?;
    Ok(sent)
}

/// The wait after `attempts` failed attempts: the base doubled each time, up to an hour, with
/// up to a quarter more at random so that retries of many emails do not arrive together.
fn backoff(base_ms: u64, attempts: i32) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(20);
    let plain =
        Duration::from_millis(base_ms.max(1).saturating_mul(1 << doublings)).min(BACKOFF_MAX);
    let mut byte = [0u8; 1];
    let jitter = match getrandom::fill(&mut byte) {
        Ok(()) => plain.mul_f64(f64::from(byte[0]) / 1024.0),
        Err(_) => Duration::ZERO,
    };
    plain + jitter
}

/// One SMTP delivery. `Err((permanent, why))`: a permanent refusal (5xx) is not retried.
async fn send(
    mailer: &Mailer,
    to: &user::Model,
    email: &email_outbox::Model,
) -> Result<(), (bool, String)> {
    let address = to
        .email
        .parse()
        .map_err(|e| (true, format!("the recipient's address is not valid: {e}")))?;
    let message = Message::builder()
        .from(mailer.from.clone())
        .to(Mailbox::new(Some(to.name.clone()), address))
        .subject(email.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(email.body.clone())
        .map_err(|e| (true, format!("the message cannot be built: {e}")))?;
    match mailer.transport.send(message).await {
        Ok(_) => Ok(()),
        Err(e) => {
            let detail: String = e.to_string().chars().take(500).collect();
            Err((e.is_permanent(), detail))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::backoff;
    use std::time::Duration;

    #[test]
    fn waits_double_with_jitter_up_to_an_hour() {
        for (attempts, plain) in [(1, 100), (2, 200), (3, 400)] {
            let w = backoff(100, attempts);
            assert!(w >= Duration::from_millis(plain), "{w:?}");
            assert!(w <= Duration::from_millis(plain * 5 / 4), "{w:?}");
        }
        assert!(backoff(30_000, 30) <= Duration::from_secs(3600 * 5 / 4));
    }
}
