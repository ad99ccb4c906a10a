//! Who is signed in: the `AuthUser` extractor decodes the access token once and checks, in one
//! query, that her session and account are live. Below every feature (each takes an `AuthUser`);
//! `auth` issues the tokens and ends the sessions.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::future::LocalBoxFuture;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter, QuerySelect,
};
use shared::{ErrorCode, Role};
use uuid::Uuid;

use crate::entities::{agency, session, user};
use crate::error::ApiError;
use crate::state::AppState;

/// The signed-in user of a request: the access token is decoded once and her session and
/// account are checked to be live (so a disabled account or an ended session stops at once).
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub user_id: Uuid,
    pub session_id: Uuid,
    pub agency_id: Uuid,
    pub role: Role,
    pub user: user::Model,
    pub agency: agency::Model,
}

impl AuthUser {
    /// The user of a live session from its access token, and when the token expires (seconds
    /// since 1970). Used by the extractor and by the community socket's `auth` frame.
    pub async fn from_token(state: &AppState, token: &str) -> Result<(AuthUser, i64), ApiError> {
        let claims = state.jwt.verify_access(token)?;
        let (user, agency) = live_session(state, claims.sid, claims.sub)
            .await?
            .ok_or(ApiError::Unauthorized(ErrorCode::InvalidToken))?;
        let role = user.role;
        Ok((
            AuthUser {
                user_id: user.id,
                session_id: claims.sid,
                agency_id: user.agency_id,
                role,
                user,
                agency,
            },
            claims.exp,
        ))
    }

    /// `Forbidden` unless she is one of the programme's editors: an admin whose account the
    /// platform's operator marked so. The competency framework and the instruments are shared
    /// by every agency, so no agency's admin changes them on her own.
    pub fn require_programme_editor(&self) -> Result<(), ApiError> {
        self.require(&[Role::Admin])?;
        if self.user.programme_editor {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    /// `Forbidden` unless she has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), ApiError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }
}

/// The account and agency of a live session: remembered for `auth.session_cache_seconds`
/// after a read of the database (see `realtime::sessions`), else read.
async fn live_session(
    state: &AppState,
    session: Uuid,
    user: Uuid,
) -> Result<Option<(user::Model, agency::Model)>, DbErr> {
    let ttl = std::time::Duration::from_secs(state.settings.auth.session_cache_seconds);
    if ttl.is_zero() {
        return live_session_user(&state.db, session, user).await;
    }
    let live = &state.hub.sessions;
    if let Some(found) = live.get(session, user, ttl) {
        return Ok(Some(found));
    }
    let epoch = live.epoch();
    let found = live_session_user(&state.db, session, user).await?;
    if let Some((u, a)) = &found {
        live.remember(epoch, session, u.clone(), a.clone());
    }
    Ok(found)
}

/// Whether the session is still live for this user (it may have ended meanwhile).
pub async fn session_is_live(state: &AppState, session: Uuid, user: Uuid) -> bool {
    matches!(
        live_session_user(&state.db, session, user).await,
        Ok(Some(_))
    )
}

pub fn bearer_token(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer_token(req);
        let employers_may = employer_may_call(req.path());
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no app state")))?;
            let token = token.ok_or(ApiError::Unauthorized(ErrorCode::MissingToken))?;
            let user = AuthUser::from_token(&state, &token).await?.0;
            if user.role == Role::Employer && !employers_may {
                return Err(ApiError::Forbidden);
            }
            Ok(user)
        })
    }
}

/// What an employer's HR may call at all (each operation then checks her organisation): her
/// account, her organisation, its opportunities and their applicants. Nothing of the community,
/// the catalogue, the cases or the assessments: a gate before any handler, whatever each one
/// checks after it.
fn employer_may_call(path: &str) -> bool {
    let Some(rest) = path.strip_prefix("/api/v1") else {
        return false;
    };
    matches!(rest, "/me" | "/me/password" | "/me/export")
        || [
            "/auth/",
            "/employers",
            "/opportunities",
            "/applications/",
            "/me/notifications",
        ]
        .iter()
        .any(|p| rest.starts_with(p))
}

/// The user of a session that is not revoked, if her account is active, with her agency. One
/// query.
pub async fn live_session_user<C: ConnectionTrait>(
    db: &C,
    session_id: Uuid,
    user_id: Uuid,
) -> Result<Option<(user::Model, agency::Model)>, DbErr> {
    let of_agency = user::Entity::belongs_to(agency::Entity)
        .from(user::Column::AgencyId)
        .to(agency::Column::Id)
        .into();
    let found = user::Entity::find()
        .join(JoinType::InnerJoin, of_agency)
        .select_also(agency::Entity)
        .filter(user::Column::Id.eq(user_id))
        .filter(user::Column::DisabledAt.is_null())
        .filter(
            user::Column::Id.in_subquery(
                Query::select()
                    .column(session::Column::UserId)
                    .from(session::Entity)
                    .and_where(Expr::col(session::Column::Id).eq(session_id))
                    .and_where(Expr::col(session::Column::RevokedAt).is_null())
                    .to_owned(),
            ),
        )
        .one(db)
        .await?;
    Ok(found.and_then(|(u, a)| a.map(|a| (u, a))))
}
