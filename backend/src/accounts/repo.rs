//! Queries of accounts and sessions.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use shared::{Agency, AgencyId, Me, UserAccount, UserId};
use uuid::Uuid;

use crate::entities::{agency, refresh_token, session, user};

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
        email: u.email,
        name: u.name,
        agency_id: AgencyId(u.agency_id),
        created_at: u.created_at,
    }
}
