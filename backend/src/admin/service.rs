use chrono::Utc;
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde_json::json;
use shared::{
    CreateStaffRequest, EmployerAccountRequest, ErrorCode, FieldCode, Page, Role, StaffCreated,
    UserAccount,
};
use uuid::Uuid;

use crate::accounts::repo::NewUser;
use crate::accounts::{self, account_dto};
use crate::accounts::{Email, PersonName};
use crate::audit::{self, AuditEvent};
use crate::auth::{LinkPurpose, send_password_link};
use crate::caller::Caller;
use crate::error::Issues;
use crate::error::{ApiError, FieldIssue};
use crate::pagination;
use crate::realtime::Ended;
use crate::session::AuthUser;
use crate::state::AppState;

/// An admin creates a staff account in her agency and a one-time set-password link, which is
/// queued as an email (and, in development, written to the log).
pub async fn create_staff(
    state: &AppState,
    caller: &Caller,
    admin: &AuthUser,
    req: CreateStaffRequest,
) -> Result<StaffCreated, ApiError> {
    admin.require(&[Role::Admin])?;
    let mut issues = Issues::default();
    if !req.role.is_staff() {
        issues.push(FieldIssue::new("/role", FieldCode::RoleNotStaff));
    }
    let invite = Invite {
        email: &req.email,
        name: &req.name,
        role: req.role,
        language: req.language,
        employer: None,
        action: "staff_created",
    };
    create_account(state, caller, admin, invite, issues).await
}

/// An account to create with a one-time link.
pub struct Invite<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub language: shared::Language,
    /// For an employer's HR: her organisation.
    pub employer: Option<Uuid>,
    /// What the audit calls it.
    pub action: &'static str,
}

/// Creates an account of the admin's agency and its one-time set-password link (queued as an
/// email, in development also written to the log); `issues` are the caller's own findings,
/// reported with the email's and the name's.
pub async fn create_account(
    state: &AppState,
    caller: &Caller,
    admin: &AuthUser,
    invite: Invite<'_>,
    issues: Issues,
) -> Result<StaffCreated, ApiError> {
    admin.require(&[Role::Admin])?;
    let txn = state.db.begin().await?;
    let created = create_account_in(&txn, state, caller, admin, invite, issues).await?;
    txn.commit().await?;
    // The sender looks at once (the email is there now that it is committed).
    state.mail_waiting.notify_one();
    Ok(created)
}

/// `create_account` inside the caller's transaction, which commits it (then wakes the
/// sender); nothing is written when it fails.
pub async fn create_account_in<C: ConnectionTrait>(
    txn: &C,
    state: &AppState,
    caller: &Caller,
    admin: &AuthUser,
    invite: Invite<'_>,
    mut issues: Issues,
) -> Result<StaffCreated, ApiError> {
    admin.require(&[Role::Admin])?;
    let email = issues.take(Email::parse(invite.email, "/email"));
    let name = issues.take(PersonName::parse(invite.name, "/name"));
    issues.finish()?;
    let (Some(email), Some(name)) = (email, name) else {
        return Err(ApiError::Internal(anyhow::anyhow!(
            "validated fields missing"
        )));
    };
    let id = Uuid::now_v7();
    let new = NewUser {
        id,
        agency: admin.agency_id,
        email: email.as_str(),
        name: name.as_str(),
        role: invite.role,
        language: invite.language,
        password_hash: None,
        employer: invite.employer,
        at: Utc::now(),
    };
    let account = accounts::repo::insert_user(txn, new)
        .await?
        .ok_or(ApiError::Conflict(ErrorCode::EmailTaken))?;
    let expires_at = send_password_link(txn, state, &account, LinkPurpose::NewAccount).await?;
    let mut details = json!({ "role": invite.role.as_str() });
    if let Some(e) = invite.employer {
        details["employer_id"] = json!(e);
    }
    audit::record(
        txn,
        AuditEvent::new(invite.action)
            .actor(admin.user_id)
            .target("user", id)
            .agency(admin.agency_id)
            .details(details)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    Ok(StaffCreated {
        account: account_dto(account),
        set_password_link_expires_at: expires_at,
    })
}

/// Accounts of the admin's agency, newest first, by cursor. The read is audited (it shows
/// jobseekers' names and emails).
pub async fn list_users(
    state: &AppState,
    caller: &Caller,
    admin: &AuthUser,
    role: Option<Role>,
    page_size: Option<u64>,
    page_token: Option<&str>,
) -> Result<Page<UserAccount>, ApiError> {
    admin.require(&[Role::Admin])?;
    let size = pagination::page_size(page_size)?;
    let before = page_token.map(pagination::decode_cursor).transpose()?;
    let mut rows =
        accounts::repo::users_of_agency(&state.db, admin.agency_id, role, before, size + 1).await?;
    let next_page_token = pagination::finish_page(&mut rows, size, |u| u.id);
    audit::record(
        &state.db,
        AuditEvent::new("accounts_listed")
            .actor(admin.user_id)
            .agency(admin.agency_id)
            .details(json!({ "count": rows.len() }))
            .request(caller.request_id.as_deref()),
    )
    .await?;
    Ok(Page {
        items: rows.into_iter().map(account_dto).collect(),
        next_page_token,
    })
}

/// For an admin, an account of her agency, in a transaction begun for changing it. An erased
/// account is in no view (it cannot be enabled again, nor disabled); another agency's is not
/// found.
async fn account_of_agency(
    state: &AppState,
    admin: &AuthUser,
    target: Uuid,
) -> Result<(sea_orm::DatabaseTransaction, crate::entities::user::Model), ApiError> {
    admin.require(&[Role::Admin])?;
    let txn = state.db.begin().await?;
    let account = accounts::repo::user_of_agency(&txn, admin.agency_id, target)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((txn, account))
}

/// Disables (or enables again) an account of the admin's agency. Disabling ends its sessions
/// at once. Another agency's account answers 404.
pub async fn set_disabled(
    state: &AppState,
    caller: &Caller,
    admin: &AuthUser,
    target: Uuid,
    disabled: bool,
) -> Result<UserAccount, ApiError> {
    let (txn, account) = account_of_agency(state, admin, target).await?;
    if account.id == admin.user_id && disabled {
        return Err(ApiError::BadRequest {
            code: ErrorCode::CannotDisableSelf,
            detail: String::new(),
        });
    }
    let now = Utc::now();
    let since = disabled.then_some(account.disabled_at.unwrap_or(now));
    let updated = accounts::repo::set_disabled(&txn, account.id, since).await?;
    let ended = if disabled {
        accounts::revoke_user_sessions(&txn, account.id, None, "account_disabled").await?
    } else {
        0
    };
    audit::record(
        &txn,
        AuditEvent::new(if disabled {
            "account_disabled"
        } else {
            "account_enabled"
        })
        .actor(admin.user_id)
        .target("user", account.id)
        .agency(admin.agency_id)
        .details(json!({ "sessions_ended": ended }))
        .request(caller.request_id.as_deref()),
    )
    .await?;
    txn.commit().await?;
    if disabled {
        state.hub.end_sessions(Ended::User {
            user: account.id,
            keep: None,
        });
    }
    Ok(account_dto(updated))
}

/// The platform operator names (`on`) or un-names one of the programme's editors: an active
/// admin account, by email. Not reachable over HTTP: no agency's admin grants it. Audited.
/// Returns her account's id, for the running instances to read it again.
pub async fn set_programme_editor(
    db: &sea_orm::DatabaseConnection,
    email: &str,
    on: bool,
) -> anyhow::Result<Uuid> {
    let email = email.trim().to_lowercase();
    let u = accounts::repo::user_by_email(db, &email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no account with the email {email}"))?;
    if on && (u.role != Role::Admin || u.disabled_at.is_some()) {
        anyhow::bail!("{email} is not an active admin account");
    }
    let txn = db.begin().await?;
    let (id, agency) = (u.id, u.agency_id);
    accounts::repo::set_programme_editor(&txn, u, on).await?;
    audit::record(
        &txn,
        AuditEvent::new(if on {
            "programme_editor_granted"
        } else {
            "programme_editor_revoked"
        })
        .target("user", id)
        .agency(agency),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Makes a staff member of the admin's agency a curator of its catalogue of conciliation
/// services, or not. Another agency's account answers 404; a jobseeker's 422.
pub async fn set_catalogue_curator(
    state: &AppState,
    caller: &Caller,
    admin: &AuthUser,
    target: Uuid,
    on: bool,
) -> Result<UserAccount, ApiError> {
    let (txn, account) = account_of_agency(state, admin, target).await?;
    if !account.role.is_staff() {
        return Err(ApiError::Validation(vec![FieldIssue::new(
            "/curator",
            FieldCode::RoleNotStaff,
        )]));
    }
    let updated = accounts::repo::set_catalogue_curator(&txn, account, on).await?;
    audit::record(
        &txn,
        AuditEvent::new(if on {
            "catalogue_curator_granted"
        } else {
            "catalogue_curator_revoked"
        })
        .actor(admin.user_id)
        .target("user", target)
        .agency(admin.agency_id)
        .request(caller.request_id.as_deref()),
    )
    .await?;
    txn.commit().await?;
    // Her sessions' remembered account reads the flag again, here and on the other instances.
    state.hub.end_sessions(Ended::Changed { user: target });
    Ok(account_dto(updated))
}

/// The agency's admin invites an HR person of one of its employers: an `employer` account of
/// the agency bound to it, with the staff's one-time link.
pub async fn invite_employer_account(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
    req: EmployerAccountRequest,
) -> Result<StaffCreated, ApiError> {
    auth.require(&[Role::Admin])?;
    crate::employers::repo::one(&state.db, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let invite = Invite {
        email: &req.email,
        name: &req.name,
        role: Role::Employer,
        language: req.language,
        employer: Some(id),
        action: "employer_account_created",
    };
    create_account(state, caller, auth, invite, Issues::default()).await
}

/// The HR accounts of an employer of the agency, for its admins.
pub async fn employer_accounts(
    state: &AppState,
    auth: &AuthUser,
    id: Uuid,
) -> Result<Vec<UserAccount>, ApiError> {
    auth.require(&[Role::Admin])?;
    crate::employers::repo::one(&state.db, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(
        crate::employers::repo::accounts_of(&state.db, auth.agency_id, id)
            .await?
            .into_iter()
            .map(account_dto)
            .collect(),
    )
}
