//! Access tokens (JWT, HS256, `kid`, `typ`) and opaque tokens (refresh, set-password) that are
//! stored only as SHA-256 hashes.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use shared::ErrorCode;
use uuid::Uuid;

use crate::config::AuthSettings;
use crate::error::ApiError;

/// The `typ` claim of access tokens; refresh tokens are opaque, so they can never pass as one.
pub const ACCESS_TOKEN_TYPE: &str = "access";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccessClaims {
    /// The user.
    pub sub: Uuid,
    /// The session (refresh-token family) the token belongs to.
    pub sid: Uuid,
    pub typ: String,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
    pub jti: Uuid,
}

pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    kid: String,
    issuer: String,
    audience: String,
    access_ttl_seconds: u64,
    validation: Validation,
}

impl JwtKeys {
    pub fn new(settings: &AuthSettings) -> Result<JwtKeys, anyhow::Error> {
        let configured = settings.jwt_secret.expose_secret().as_bytes().to_vec();
        let secret = if configured.is_empty() {
            random_bytes::<32>()?.to_vec()
        } else if configured.len() < 32 {
            anyhow::bail!("auth.jwt_secret must be at least 32 bytes");
        } else {
            configured
        };
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[&settings.issuer]);
        validation.set_audience(&[&settings.audience]);
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        validation.leeway = 30;
        Ok(JwtKeys {
            encoding: EncodingKey::from_secret(&secret),
            decoding: DecodingKey::from_secret(&secret),
            kid: settings.jwt_key_id.clone(),
            issuer: settings.issuer.clone(),
            audience: settings.audience.clone(),
            access_ttl_seconds: settings.access_ttl_seconds,
            validation,
        })
    }

    pub fn access_ttl_seconds(&self) -> u64 {
        self.access_ttl_seconds
    }

    pub fn issue_access(&self, user: Uuid, session: Uuid) -> Result<String, ApiError> {
        let now = chrono::Utc::now().timestamp();
        let claims = AccessClaims {
            sub: user,
            sid: session,
            typ: ACCESS_TOKEN_TYPE.to_owned(),
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            iat: now,
            nbf: now,
            exp: now + i64::try_from(self.access_ttl_seconds).unwrap_or(900),
            jti: Uuid::new_v4(),
        };
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(self.kid.clone());
        header.typ = Some("at+jwt".to_owned());
        jsonwebtoken::encode(&header, &claims, &self.encoding)
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("signing a token: {e}")))
    }

    /// Checks signature, algorithm, `kid`, `iss`, `aud`, `exp`, `nbf` and `typ`.
    pub fn verify_access(&self, token: &str) -> Result<AccessClaims, ApiError> {
        let invalid = ApiError::Unauthorized(ErrorCode::InvalidToken);
        let header = jsonwebtoken::decode_header(token).map_err(|_| invalid)?;
        if header.kid.as_deref() != Some(self.kid.as_str()) || header.alg != Algorithm::HS256 {
            return Err(ApiError::Unauthorized(ErrorCode::InvalidToken));
        }
        let data = jsonwebtoken::decode::<AccessClaims>(token, &self.decoding, &self.validation)
            .map_err(|_| ApiError::Unauthorized(ErrorCode::InvalidToken))?;
        if data.claims.typ != ACCESS_TOKEN_TYPE {
            return Err(ApiError::Unauthorized(ErrorCode::InvalidToken));
        }
        Ok(data.claims)
    }
}

pub fn random_bytes<const N: usize>() -> Result<[u8; N], anyhow::Error> {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    Ok(buf)
}

/// A new opaque token (256 random bits, base64url) and the hash to store.
pub fn new_opaque_token() -> Result<(String, String), ApiError> {
    let token = URL_SAFE_NO_PAD.encode(random_bytes::<32>()?);
    let hash = hash_opaque(&token);
    Ok((token, hash))
}

pub fn hash_opaque(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
