//! The requests' rules: what the public form must hold, who decides, and what a decision
//! writes.

use chrono::Utc;
use sea_orm::{Set, TransactionTrait};
use serde_json::json;
use shared::{
    ErrorCode, FieldCode, JoinApproved, JoinDecline, JoinRequest, JoinRequestInput,
    JoinRequestReceived, JoinRequestStatus, Language, PRIVACY_NOTICE_VERSION, Page, Role,
};
use uuid::Uuid;

use super::repo;
use crate::accounts::domain::{Email, PersonName};
use crate::accounts::repo::{NewEmail, queue_email};
use crate::admin::service::{Invite, create_account_in};
use crate::audit::{self, AuditEvent};
use crate::caller::Caller;
use crate::entities::{employer, employer_join_request as request};
use crate::error::{ApiError, FieldIssue, Issues};
use crate::pagination;
use crate::session::AuthUser;
use crate::state::AppState;

pub fn dto(r: request::Model) -> JoinRequest {
    JoinRequest {
        id: r.id,
        organisation: shared::EmployerInput {
            name: r.name,
            ateco: r.ateco,
            size: r.size,
            municipality: r.municipality_code,
            benefits: serde_json::from_value(r.benefits).unwrap_or_default(),
            website: r.website,
        },
        contact_name: r.contact_name,
        contact_email: r.contact_email,
        language: r.language,
        message: r.message,
        status: r.status,
        reason: r.reason,
        employer_id: r.employer_id,
        created_at: r.created_at,
        decided_at: r.decided_at,
    }
}

/// The public form. Every rule is reported at once; a second request from the same address
/// while the first waits answers the first (nothing new is written). The answer never says
/// whether the address has an account.
pub async fn submit(
    state: &AppState,
    caller: &Caller,
    input: JoinRequestInput,
) -> Result<JoinRequestReceived, ApiError> {
    state.throttle.check_register(&caller.address)?;
    let mut issues = Issues::default();
    let email = issues.take(Email::parse(&input.contact_email, "/contact_email"));
    let name = issues.take(PersonName::parse(&input.contact_name, "/contact_name"));
    let message = input
        .message
        .map(|m| m.trim().to_owned())
        .filter(|m| !m.is_empty());
    if let Some(code) = message
        .as_deref()
        .and_then(|m| crate::texts::plain(m, 1000, false))
    {
        issues.push(FieldIssue::new("/message", code));
    }
    if !input.accept_privacy_notice {
        issues.push(FieldIssue::new(
            "/accept_privacy_notice",
            FieldCode::PrivacyNoticeNotAccepted,
        ));
    }
    if input.privacy_notice_version != PRIVACY_NOTICE_VERSION {
        issues.push(FieldIssue::new(
            "/privacy_notice_version",
            FieldCode::PrivacyNoticeOutdated,
        ));
    }
    let agency = crate::accounts::repo::agency_by_id(&state.db, input.agency_id.0).await?;
    if agency.is_none() {
        issues.push(FieldIssue::new("/agency_id", FieldCode::AgencyUnknown));
    }
    let now = Utc::now();
    let fields = crate::employers::service::check_within(
        state,
        input.agency_id.0,
        input.organisation,
        now,
        "/organisation",
        issues,
    )?;
    let (Some(email), Some(name), Some(agency)) = (email, name, agency) else {
        return Err(ApiError::Internal(anyhow::anyhow!(
            "validated fields missing"
        )));
    };
    let txn = state.db.begin().await?;
    if let Some(waiting) = repo::pending_from(&txn, agency.id, email.as_str()).await? {
        return Ok(JoinRequestReceived {
            id: waiting.id,
            status: waiting.status,
        });
    }
    let id = Uuid::now_v7();
    let row = repo::insert(
        &txn,
        request::ActiveModel {
            id: Set(id),
            agency_id: Set(agency.id),
            name: fields.name,
            ateco: fields.ateco,
            size: fields.size,
            municipality_code: fields.municipality_code,
            benefits: fields.benefits,
            website: fields.website,
            contact_name: Set(name.as_str().to_owned()),
            contact_email: Set(email.as_str().to_owned()),
            language: Set(input.language),
            message: Set(message),
            privacy_notice_version: Set(input.privacy_notice_version),
            status: Set(JoinRequestStatus::Pending),
            reason: Set(None),
            employer_id: Set(None),
            decided_by: Set(None),
            decided_at: Set(None),
            created_at: Set(now),
        },
    )
    .await?;
    tell_admins(&txn, state, &row).await?;
    audit::record(
        &txn,
        AuditEvent::new("employer_join_requested")
            .target("employer_join_request", id)
            .agency(agency.id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    txn.commit().await?;
    state.mail_waiting.notify_one();
    Ok(JoinRequestReceived {
        id,
        status: JoinRequestStatus::Pending,
    })
}

/// Queues for each admin of the agency the news of a request: the organisation's name and
/// where to decide.
async fn tell_admins<C: sea_orm::ConnectionTrait>(
    db: &C,
    state: &AppState,
    r: &request::Model,
) -> Result<(), ApiError> {
    let link = format!(
        "{}/staff/employers",
        state.settings.server.public_url.trim_end_matches('/')
    );
    for admin in repo::admins_of(db, r.agency_id).await? {
        let (subject, body) = match admin.language {
            Language::It => (
                format!("{} chiede di entrare nella rete", r.name),
                format!(
                    "{} ({}) chiede di entrare nella rete delle imprese dell'agenzia. Leggi la richiesta e decidi: {link}\n",
                    r.name, r.contact_name
                ),
            ),
            Language::En => (
                format!("{} asks to join the network", r.name),
                format!(
                    "{} ({}) asks to join the agency's network of employers. Read the request and decide: {link}\n",
                    r.name, r.contact_name
                ),
            ),
        };
        queue_email(
            db,
            NewEmail {
                user: admin.id,
                template: "employer_join_requested",
                language: admin.language,
                subject,
                body,
            },
        )
        .await?;
        crate::notifications::notify(
            db,
            crate::notifications::Notice {
                user: admin.id,
                kind: shared::NotificationKind::JoinRequested,
                title: &r.name,
                status: None,
                link: "/staff/employers".to_owned(),
            },
        )
        .await?;
    }
    Ok(())
}

/// The agency's requests in one state (waiting ones when absent), newest first, by cursor.
pub async fn list(
    state: &AppState,
    auth: &AuthUser,
    status: Option<JoinRequestStatus>,
    page_size: Option<u64>,
    page_token: Option<&str>,
) -> Result<Page<JoinRequest>, ApiError> {
    auth.require(&[Role::Admin])?;
    let size = pagination::page_size(page_size)?;
    let before = page_token.map(pagination::decode_cursor).transpose()?;
    let mut rows = repo::list(
        &state.db,
        auth.agency_id,
        status.unwrap_or(JoinRequestStatus::Pending),
        before,
        size + 1,
    )
    .await?;
    let next_page_token = pagination::finish_page(&mut rows, size, |r| r.id);
    Ok(Page {
        items: rows.into_iter().map(dto).collect(),
        next_page_token,
    })
}

/// A waiting request of the agency, for its admin.
async fn waiting(state: &AppState, auth: &AuthUser, id: Uuid) -> Result<request::Model, ApiError> {
    auth.require(&[Role::Admin])?;
    let r = repo::one(&state.db, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if r.status != JoinRequestStatus::Pending {
        return Err(ApiError::Conflict(ErrorCode::RequestDecided));
    }
    Ok(r)
}

/// Approves a waiting request: in one transaction the employer joins the network, its HR
/// account is made with the one-time link (queued as an e-mail) and the request is marked.
/// An address that has an account meanwhile answers 409 and writes nothing.
pub async fn approve(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
) -> Result<JoinApproved, ApiError> {
    let r = waiting(state, auth, id).await?;
    let now = Utc::now();
    let employer_id = Uuid::now_v7();
    let txn = state.db.begin().await?;
    let e = crate::employers::repo::insert(
        &txn,
        employer::ActiveModel {
            id: Set(employer_id),
            agency_id: Set(r.agency_id),
            name: Set(r.name.clone()),
            ateco: Set(r.ateco.clone()),
            size: Set(r.size),
            municipality_code: Set(r.municipality_code.clone()),
            benefits: Set(r.benefits.clone()),
            website: Set(r.website.clone()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        },
    )
    .await?;
    audit::record(
        &txn,
        AuditEvent::new("employer_created")
            .actor(auth.user_id)
            .target("employer", employer_id)
            .agency(auth.agency_id)
            .details(json!({ "join_request": id }))
            .request(caller.request_id.as_deref()),
    )
    .await?;
    let invite = Invite {
        email: &r.contact_email,
        name: &r.contact_name,
        role: Role::Employer,
        language: r.language,
        employer: Some(employer_id),
        action: "employer_account_created",
    };
    let hr = create_account_in(&txn, state, caller, auth, invite, Issues::default()).await?;
    let decision = repo::Decision {
        status: JoinRequestStatus::Approved,
        reason: None,
        employer: Some(employer_id),
        by: auth.user_id,
        at: now,
    };
    if !repo::decide(&txn, id, decision).await? {
        return Err(ApiError::Conflict(ErrorCode::RequestDecided));
    }
    let decided = repo::one(&txn, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    txn.commit().await?;
    state.mail_waiting.notify_one();
    Ok(JoinApproved {
        request: dto(decided),
        employer: crate::employers::service::dto(e),
        hr,
    })
}

/// Declines a waiting request with the admin's reason; nothing else is written.
pub async fn decline(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
    body: JoinDecline,
) -> Result<JoinRequest, ApiError> {
    auth.require(&[Role::Admin])?;
    let reason = body.reason.trim().to_owned();
    if let Some(code) = crate::texts::plain(&reason, 500, true) {
        return Err(ApiError::Validation(vec![FieldIssue::new("/reason", code)]));
    }
    waiting(state, auth, id).await?;
    let txn = state.db.begin().await?;
    let decision = repo::Decision {
        status: JoinRequestStatus::Declined,
        reason: Some(reason),
        employer: None,
        by: auth.user_id,
        at: Utc::now(),
    };
    if !repo::decide(&txn, id, decision).await? {
        return Err(ApiError::Conflict(ErrorCode::RequestDecided));
    }
    audit::record(
        &txn,
        AuditEvent::new("employer_join_declined")
            .actor(auth.user_id)
            .target("employer_join_request", id)
            .agency(auth.agency_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    let decided = repo::one(&txn, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    txn.commit().await?;
    Ok(dto(decided))
}
