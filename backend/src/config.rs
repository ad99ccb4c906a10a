//! Layered settings: built-in defaults, then an optional TOML file (`APP_CONFIG_FILE`, or
//! `sinergia.toml` in the working directory), then `APP_*` environment variables with `__`
//! between levels (`APP_DATABASE__URL`, `APP_SERVER__PORT`, `APP_AUTH__JWT_SECRET`).

use secrecy::SecretString;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub environment: Environment,
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub auth: AuthSettings,
    pub throttle: ThrottleSettings,
    pub cors: CorsSettings,
    pub limits: LimitSettings,
    pub privacy: PrivacySettings,
    pub assessment: AssessmentSettings,
    pub community: CommunitySettings,
    pub email: EmailSettings,
    /// Directory holding the built SPA (`index.html`, wasm, assets). Not served when absent.
    pub frontend_dir: String,
    /// Seed the demo agencies' staff and jobseekers at start (idempotent).
    pub seed_demo: bool,
    /// Also seed the demo's content (rooms and conversations, assessments at every stage, a
    /// report, case notes; `APP_DEMO_CONTENT`), once. Refused in production.
    pub demo_content: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Development,
    Production,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ServerSettings {
    pub host: String,
    /// 0 picks a free port (tests).
    pub port: u16,
    /// The address people open; used in links sent by email.
    pub public_url: String,
    /// Worker threads; 0 means one per core.
    pub workers: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseSettings {
    /// `sqlite://data/sinergia.db?mode=rwc` or `postgres://user@host:5432/db`.
    pub url: SecretString,
    pub max_connections: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AuthSettings {
    /// HS256 signing secret (at least 32 bytes). When empty, a random one is made at start,
    /// which is fine for one development process and refused in production.
    pub jwt_secret: SecretString,
    /// `kid` header of the tokens signed with `jwt_secret`.
    pub jwt_key_id: String,
    pub issuer: String,
    pub audience: String,
    pub access_ttl_seconds: u64,
    pub refresh_ttl_seconds: u64,
    pub set_password_ttl_seconds: u64,
    /// How long a forgotten-password link works.
    pub reset_password_ttl_seconds: u64,
    /// Set the refresh cookie with `Secure` (browsers accept it on http://localhost too).
    pub cookie_secure: bool,
    /// How long a request's session check may rely on what an earlier one read (0: always
    /// read the database). Every ending of a session is seen at once on this instance and,
    /// with a broker, on the others within its delay; this bounds a lost broker message.
    pub session_cache_seconds: u64,
}

/// Throttling of login and registration. Limits are per minute with a burst.
#[derive(Debug, Clone, Deserialize)]
pub struct ThrottleSettings {
    /// Login attempts for one account from one client address.
    pub login_per_account_per_minute: u32,
    pub login_per_account_burst: u32,
    /// Login attempts from one client address, whatever the account.
    pub login_per_address_per_minute: u32,
    pub login_per_address_burst: u32,
    /// Registrations, and forgotten-password requests, from one client address (and, for the
    /// latter, for one account).
    pub register_per_address_per_minute: u32,
    pub register_per_address_burst: u32,
    /// Login attempts for one account from addresses that never signed in to it (a stranger
    /// spreading guesses over many addresses); the owner, from an address she used, is not
    /// counted.
    pub login_per_account_from_new_addresses_per_minute: u32,
    pub login_per_account_from_new_addresses_burst: u32,
    /// Checks of a signed-in user's password (password change, erasure), per account.
    pub password_checks_per_account_per_minute: u32,
    pub password_checks_per_account_burst: u32,
    /// Shared portfolios opened (a link's token tried) from one client address.
    pub shared_portfolio_per_address_per_minute: u32,
    pub shared_portfolio_per_address_burst: u32,
    /// Community posts (messages and edits) of one user.
    pub posts_per_user_per_minute: u32,
    pub posts_per_user_burst: u32,
    /// `typing` and `resume` frames of one user's sockets.
    pub socket_frames_per_user_per_minute: u32,
    pub socket_frames_per_user_burst: u32,
    /// How many reverse proxies we trust in front of the app. 0 (the default): the client
    /// address is the connection's peer and forwarding headers are ignored. N: it is the
    /// address N hops from the right of `forwarded_header` (each trusted proxy appends the
    /// address it saw), so whatever a client writes there itself is never used.
    pub trusted_proxies: u8,
    /// The header the trusted proxies write: `x-forwarded-for` or `forwarded` (RFC 7239).
    pub forwarded_header: ForwardedHeader,
}

/// Which forwarding header the trusted proxies write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ForwardedHeader {
    XForwardedFor,
    Forwarded,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CorsSettings {
    /// Origins allowed to call the API from a browser, besides our own.
    pub allowed_origins: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LimitSettings {
    /// Largest JSON request body accepted, in bytes.
    pub json_body_bytes: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PrivacySettings {
    /// Days an erased account's records are kept (hidden from every view) before they are
    /// purged.
    pub erasure_retention_days: u32,
    /// How often the purge of erased accounts runs, in seconds.
    pub purge_interval_seconds: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AssessmentSettings {
    /// Days after a submission before she may take the same instrument again.
    pub retake_after_days: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CommunitySettings {
    /// The most messages of a room replayed on a socket after a reconnect; beyond, the client
    /// is told to load the history over HTTP.
    pub replay_max: u32,
    /// The broker that carries the chat between instances (`redis://127.0.0.1:6379`); none:
    /// the fan-out stays in this process.
    pub broker_url: Option<String>,
    /// The broker's pub/sub channel (one per deployment).
    pub broker_channel: String,
    /// How long a message waits for a missing predecessor before the gap is filled from the
    /// database; also how often the rooms listened to are compared with the database when a
    /// broker is set.
    pub repair_after_ms: u64,
    /// Rooms with more members hear no presence events (every member coming online would be
    /// an event for every other); their member list still says who is online.
    pub presence_room_max: u32,
    /// With a broker: how often an instance says it is alive; silent for three of these, its
    /// users count as offline on the others.
    pub heartbeat_ms: u64,
}

/// The email sender: the outbox is delivered over SMTP with retries; without `smtp_host`
/// nothing is sent (development writes the links to the log).
#[derive(Debug, Clone, Deserialize)]
pub struct EmailSettings {
    pub smtp_host: Option<String>,
    pub smtp_port: u16,
    /// `starttls` (the default: plain connection upgraded to TLS, refused without it), `tls`
    /// (TLS from the start, port 465) or `none` (a relay on this machine only).
    pub smtp_tls: SmtpTls,
    /// A PEM file of a CA to trust for the SMTP server's certificate besides the public ones
    /// (a private relay's).
    pub smtp_ca_file: Option<String>,
    pub smtp_username: Option<String>,
    pub smtp_password: SecretString,
    /// The sender, `Name <address>`.
    pub from: String,
    /// How often the outbox is looked at when nothing wakes the sender.
    pub poll_ms: u64,
    /// Attempts before an email is given up.
    pub max_attempts: u32,
    /// The wait after the first failed attempt; it doubles with each one (with jitter), up to
    /// an hour.
    pub retry_base_ms: u64,
    /// The longest one SMTP conversation may take.
    pub timeout_seconds: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    Starttls,
    Tls,
    None,
}

impl Settings {
    /// Reads the layers. Fails with a readable message on a bad value.
    pub fn load() -> Result<Settings, config::ConfigError> {
        let file = std::env::var("APP_CONFIG_FILE").unwrap_or_else(|_| "sinergia.toml".into());
        Self::builder()?
            .add_source(config::File::with_name(&file).required(false))
            .add_source(
                config::Environment::with_prefix("APP")
                    .prefix_separator("_")
                    .separator("__")
                    .list_separator(",")
                    .with_list_parse_key("cors.allowed_origins")
                    .try_parsing(true),
            )
            .build()?
            .try_deserialize()
    }

    /// The built-in defaults alone (what tests start from).
    pub fn defaults() -> Result<Settings, config::ConfigError> {
        Self::builder()?.build()?.try_deserialize()
    }

    fn builder() -> Result<config::ConfigBuilder<config::builder::DefaultState>, config::ConfigError>
    {
        config::Config::builder()
            // Production unless told otherwise: without a JWT secret it refuses to start.
            .set_default("environment", "production")?
            .set_default("server.host", "127.0.0.1")?
            .set_default("server.port", 8080)?
            .set_default("server.public_url", "http://localhost:8080")?
            .set_default("server.workers", 0)?
            .set_default("database.url", "sqlite://data/sinergia.db?mode=rwc")?
            .set_default("database.max_connections", 10)?
            .set_default("auth.jwt_secret", "")?
            .set_default("auth.jwt_key_id", "k1")?
            .set_default("auth.issuer", "sinergia")?
            .set_default("auth.audience", "sinergia-api")?
            .set_default("auth.access_ttl_seconds", 15 * 60)?
            .set_default("auth.refresh_ttl_seconds", 30 * 24 * 3600)?
            .set_default("auth.set_password_ttl_seconds", 72 * 3600)?
            .set_default("auth.reset_password_ttl_seconds", 3600)?
            .set_default("auth.cookie_secure", true)?
            .set_default("auth.session_cache_seconds", 15)?
            .set_default("throttle.login_per_account_per_minute", 6)?
            .set_default("throttle.login_per_account_burst", 5)?
            .set_default("throttle.login_per_address_per_minute", 60)?
            .set_default("throttle.login_per_address_burst", 30)?
            .set_default("throttle.register_per_address_per_minute", 5)?
            .set_default("throttle.register_per_address_burst", 10)?
            .set_default(
                "throttle.login_per_account_from_new_addresses_per_minute",
                20,
            )?
            .set_default("throttle.login_per_account_from_new_addresses_burst", 20)?
            .set_default("throttle.password_checks_per_account_per_minute", 5)?
            .set_default("throttle.password_checks_per_account_burst", 5)?
            .set_default("throttle.shared_portfolio_per_address_per_minute", 30)?
            .set_default("throttle.shared_portfolio_per_address_burst", 20)?
            .set_default("throttle.posts_per_user_per_minute", 30)?
            .set_default("throttle.posts_per_user_burst", 20)?
            .set_default("throttle.socket_frames_per_user_per_minute", 120)?
            .set_default("throttle.socket_frames_per_user_burst", 60)?
            .set_default("throttle.trusted_proxies", 0)?
            .set_default("throttle.forwarded_header", "x-forwarded-for")?
            .set_default("cors.allowed_origins", Vec::<String>::new())?
            .set_default("limits.json_body_bytes", 64 * 1024)?
            .set_default("privacy.erasure_retention_days", 30)?
            .set_default("privacy.purge_interval_seconds", 3600)?
            .set_default("assessment.retake_after_days", 90)?
            .set_default("community.replay_max", 200)?
            .set_default("community.broker_channel", "sinergia:community")?
            .set_default("community.repair_after_ms", 500)?
            .set_default("community.presence_room_max", 200)?
            .set_default("community.heartbeat_ms", 5000)?
            .set_default("email.smtp_port", 587)?
            .set_default("email.smtp_tls", "starttls")?
            .set_default("email.smtp_password", "")?
            .set_default("email.from", "Sinergia <no-reply@sinergia.example>")?
            .set_default("email.poll_ms", 5000)?
            .set_default("email.max_attempts", 8)?
            .set_default("email.retry_base_ms", 30_000)?
            .set_default("email.timeout_seconds", 30)?
            .set_default("frontend_dir", "frontend/dist")?
            .set_default("seed_demo", false)?
            .set_default("demo_content", false)
    }
}
