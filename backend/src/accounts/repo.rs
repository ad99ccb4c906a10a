//! Queries of accounts and sessions.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, SqlErr,
};
use shared::{Agency, AgencyId, Language, Me, Role, UserAccount, UserId};
use uuid::Uuid;

use crate::entities::{
    agency, consent, email_outbox, password_setup_token, refresh_token, session, user,
};

/// The account with this email, unless she erased it (an erased account is no one's).
pub async fn user_by_email<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .filter(user::Column::ErasedAt.is_null())
        .one(db)
        .await
}

pub async fn agency_by_id<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<agency::Model>, DbErr> {
    agency::Entity::find_by_id(id).one(db).await
}

/// Opens a session with its first refresh token.
pub async fn open_session<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    refresh_hash: String,
    refresh_expires_at: DateTime<Utc>,
) -> Result<Uuid, DbErr> {
    let now = Utc::now();
    let session_id = Uuid::now_v7();
    session::ActiveModel {
        id: Set(session_id),
        user_id: Set(user_id),
        created_at: Set(now),
        revoked_at: Set(None),
        revoked_reason: Set(None),
    }
    .insert(db)
    .await?;
    add_refresh_token(db, session_id, refresh_hash, refresh_expires_at).await?;
    Ok(session_id)
}

pub async fn add_refresh_token<C: ConnectionTrait>(
    db: &C,
    session_id: Uuid,
    hash: String,
    expires_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        session_id: Set(session_id),
        token_hash: Set(hash),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Marks a refresh token spent; `false` when it already was (someone else used it first).
pub async fn spend_refresh_token<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<bool, DbErr> {
    let res = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(Utc::now()))
        .filter(refresh_token::Column::Id.eq(id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn revoke_session<C: ConnectionTrait>(
    db: &C,
    session_id: Uuid,
    reason: &str,
) -> Result<(), DbErr> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(Utc::now()))
        .col_expr(session::Column::RevokedReason, Expr::value(reason))
        .filter(session::Column::Id.eq(session_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every live session of a user, but `keep` (the one she is using) when given.
pub async fn revoke_user_sessions<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    keep: Option<Uuid>,
    reason: &str,
) -> Result<u64, DbErr> {
    let mut q = session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(Utc::now()))
        .col_expr(session::Column::RevokedReason, Expr::value(reason))
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null());
    if let Some(keep) = keep {
        q = q.filter(session::Column::Id.ne(keep));
    }
    Ok(q.exec(db).await?.rows_affected)
}

pub fn agency_dto(a: agency::Model) -> Agency {
    Agency {
        id: AgencyId(a.id),
        slug: a.slug,
        name: a.name,
        territory: a.territory,
    }
}

pub fn me_dto(u: user::Model, a: agency::Model) -> Me {
    Me {
        id: UserId(u.id),
        language: u.language,
        role: u.role,
        programme_editor: u.programme_editor,
        catalogue_curator: u.catalogue_curator || u.role == shared::Role::Admin,
        employer_id: u.employer_id,
        email: u.email,
        name: u.name,
        agency: agency_dto(a),
    }
}

pub fn account_dto(u: user::Model) -> UserAccount {
    UserAccount {
        id: UserId(u.id),
        language: u.language,
        role: u.role,
        activated: u.password_hash.is_some(),
        disabled: u.disabled_at.is_some(),
        catalogue_curator: u.catalogue_curator,
        email: u.email,
        name: u.name,
        agency_id: AgencyId(u.agency_id),
        created_at: u.created_at,
    }
}

/// A new account, as stored.
pub struct NewUser<'a> {
    pub id: Uuid,
    pub agency: Uuid,
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub language: Language,
    /// `None` until she sets one through her one-time link.
    pub password_hash: Option<String>,
    /// For an employer's HR account: her organisation.
    pub employer: Option<Uuid>,
    pub at: DateTime<Utc>,
}

/// Inserts the account; `Ok(None)` when the email is taken.
pub async fn insert_user<C: ConnectionTrait>(
    db: &C,
    u: NewUser<'_>,
) -> Result<Option<user::Model>, DbErr> {
    let inserted = user::ActiveModel {
        id: Set(u.id),
        agency_id: Set(u.agency),
        email: Set(u.email.to_owned()),
        name: Set(u.name.to_owned()),
        role: Set(u.role),
        language: Set(u.language),
        password_hash: Set(u.password_hash),
        disabled_at: Set(None),
        erased_at: Set(None),
        programme_editor: Set(false),
        catalogue_curator: Set(false),
        employer_id: Set(u.employer),
        created_at: Set(u.at),
        updated_at: Set(u.at),
    }
    .insert(db)
    .await;
    match inserted {
        Ok(u) => Ok(Some(u)),
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => Ok(None),
        Err(e) => Err(e),
    }
}

/// An account of the agency, unless she erased it.
pub async fn user_of_agency<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    id: Uuid,
) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find_by_id(id)
        .filter(user::Column::AgencyId.eq(agency))
        .filter(user::Column::ErasedAt.is_null())
        .one(db)
        .await
}

/// At most `limit` accounts of the agency (of one role), newest first, older than `before`.
pub async fn users_of_agency<C: ConnectionTrait>(
    db: &C,
    agency: Uuid,
    role: Option<Role>,
    before: Option<Uuid>,
    limit: u64,
) -> Result<Vec<user::Model>, DbErr> {
    let mut q = user::Entity::find()
        .filter(user::Column::AgencyId.eq(agency))
        .filter(user::Column::ErasedAt.is_null())
        .order_by_desc(user::Column::Id)
        .limit(limit);
    if let Some(role) = role {
        q = q.filter(user::Column::Role.eq(role));
    }
    if let Some(before) = before {
        q = q.filter(user::Column::Id.lt(before));
    }
    q.all(db).await
}

/// Disables the account since `since` or (`None`) enables it.
pub async fn set_disabled<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    since: Option<DateTime<Utc>>,
) -> Result<user::Model, DbErr> {
    user::ActiveModel {
        id: Set(id),
        disabled_at: Set(since),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await
}

pub async fn set_programme_editor<C: ConnectionTrait>(
    db: &C,
    u: user::Model,
    on: bool,
) -> Result<user::Model, DbErr> {
    let mut active: user::ActiveModel = u.into();
    active.programme_editor = Set(on);
    active.updated_at = Set(Utc::now());
    active.update(db).await
}

pub async fn set_catalogue_curator<C: ConnectionTrait>(
    db: &C,
    u: user::Model,
    on: bool,
) -> Result<user::Model, DbErr> {
    let mut active: user::ActiveModel = u.into();
    active.catalogue_curator = Set(on);
    active.updated_at = Set(Utc::now());
    active.update(db).await
}

/// Her consent to the privacy notice of this version, in this language.
pub async fn insert_consent<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    text_version: &str,
    language: Language,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    consent::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user),
        purpose: Set("privacy_notice".to_owned()),
        text_version: Set(text_version.to_owned()),
        language: Set(language.code().to_owned()),
        given_at: Set(at),
        withdrawn_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The refresh token with this hash, and its session.
pub async fn refresh_token_by_hash<C: ConnectionTrait>(
    db: &C,
    hash: &str,
) -> Result<Option<(refresh_token::Model, Option<session::Model>)>, DbErr> {
    let Some(token) = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(hash))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let session = session::Entity::find_by_id(token.session_id)
        .one(db)
        .await?;
    Ok(Some((token, session)))
}

pub async fn set_password_hash<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    hash: String,
) -> Result<(), DbErr> {
    user::ActiveModel {
        id: Set(user),
        password_hash: Set(Some(hash)),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// A one-time set-password link.
pub async fn insert_setup_token<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    token_hash: String,
    expires_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    password_setup_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user),
        token_hash: Set(token_hash),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn setup_token_by_hash<C: ConnectionTrait>(
    db: &C,
    hash: &str,
) -> Result<Option<password_setup_token::Model>, DbErr> {
    password_setup_token::Entity::find()
        .filter(password_setup_token::Column::TokenHash.eq(hash))
        .one(db)
        .await
}

/// Spends the link (`false` when someone spent it first) and voids her other links.
pub async fn spend_setup_token<C: ConnectionTrait>(
    db: &C,
    token: &password_setup_token::Model,
) -> Result<bool, DbErr> {
    let spend = |q: sea_orm::UpdateMany<password_setup_token::Entity>| {
        q.col_expr(
            password_setup_token::Column::UsedAt,
            Expr::value(Utc::now()),
        )
        .filter(password_setup_token::Column::UsedAt.is_null())
    };
    let spent = spend(password_setup_token::Entity::update_many())
        .filter(password_setup_token::Column::Id.eq(token.id))
        .exec(db)
        .await?;
    if spent.rows_affected != 1 {
        return Ok(false);
    }
    spend(password_setup_token::Entity::update_many())
        .filter(password_setup_token::Column::UserId.eq(token.user_id))
        .exec(db)
        .await?;
    Ok(true)
}

/// An email for the outbox.
pub struct NewEmail<'a> {
    pub user: Uuid,
    pub template: &'a str,
    pub language: Language,
    pub subject: String,
    pub body: String,
}

pub async fn queue_email<C: ConnectionTrait>(db: &C, e: NewEmail<'_>) -> Result<(), DbErr> {
    email_outbox::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(e.user),
        template: Set(e.template.to_owned()),
        language: Set(e.language.code().to_owned()),
        subject: Set(e.subject),
        body: Set(e.body),
        created_at: Set(Utc::now()),
        sent_at: Set(None),
        attempts: Set(0),
        next_attempt_at: Set(None),
        claimed_by: Set(None),
        claimed_until: Set(None),
        failed_at: Set(None),
        last_error: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}
