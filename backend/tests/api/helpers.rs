use std::future::Future;
use std::panic::AssertUnwindSafe;

use backend::Application;
use backend::config::Settings;
use futures_util::FutureExt;
use reqwest::header::HeaderMap;
use reqwest::{Response, StatusCode};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::{Problem, TokenResponse};
use uuid::Uuid;

pub const TEST_JWT_SECRET: &str = "test-secret-test-secret-test-secret-0123456789";
pub const DEMO_PASSWORD: &str = backend::seed::DEMO_PASSWORD;
pub const MILANO: Uuid = migrations::MILANO_ID;
pub const TRENTO: Uuid = migrations::TRENTO_ID;

/// Generates `mod name { sqlite, postgres }` tests for `async fn name(db: TestDb)`.
#[macro_export]
macro_rules! db_tests {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                $crate::helpers::run($crate::helpers::Kind::Sqlite, super::$name).await
            }
            #[tokio::test]
            async fn postgres() {
                $crate::helpers::run($crate::helpers::Kind::Postgres, super::$name).await
            }
        }
    )*};
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Sqlite,
    Postgres,
}

/// A fresh, empty database for one test.
#[derive(Debug, Clone)]
pub struct TestDb {
    pub kind: Kind,
    pub url: String,
    name: String,
}

fn postgres_admin_url() -> String {
    std::env::var("SINERGIA_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

impl TestDb {
    async fn create(kind: Kind) -> Option<TestDb> {
        let name = format!("sinergia_test_{}", Uuid::new_v4().simple());
        match kind {
            Kind::Sqlite => {
                let dir = std::env::temp_dir().join("sinergia-tests");
                std::fs::create_dir_all(&dir).expect("temp dir");
                let path = dir.join(format!("{name}.db"));
                Some(TestDb {
                    kind,
                    url: format!("sqlite://{}?mode=rwc", path.display()),
                    name: path.display().to_string(),
                })
            }
            Kind::Postgres => {
                let admin_url = postgres_admin_url();
                let admin = match Database::connect(&admin_url).await {
                    Ok(c) => c,
                    Err(e) => {
                        if std::env::var_os("CI").is_some() {
                            panic!("PostgreSQL unreachable at {admin_url} and CI is set: {e}");
                        }
                        eprintln!("SKIPPED: PostgreSQL unreachable at {admin_url}: {e}");
                        return None;
                    }
                };
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("create test database");
                let _ = admin.close().await;
                let base = admin_url
                    .rsplit_once('/')
                    .map(|(b, _)| b)
                    .unwrap_or(&admin_url);
                Some(TestDb {
                    kind,
                    url: format!("{base}/{name}"),
                    name,
                })
            }
        }
    }

    async fn destroy(&self) {
        match self.kind {
            Kind::Sqlite => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", self.name));
                }
            }
            Kind::Postgres => {
                if let Ok(admin) = Database::connect(&postgres_admin_url()).await {
                    let _ = admin
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                            self.name
                        ))
                        .await;
                    let _ = admin.close().await;
                }
            }
        }
    }

    pub async fn connect(&self) -> DatabaseConnection {
        Database::connect(&self.url)
            .await
            .expect("connect to test database")
    }
}

/// Runs a test on a fresh database of `kind` and drops the database afterwards, pass or fail.
pub async fn run<F, Fut>(kind: Kind, test: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()>,
{
    let Some(db) = TestDb::create(kind).await else {
        return;
    };
    let result = AssertUnwindSafe(test(db.clone())).catch_unwind().await;
    db.destroy().await;
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    /// A connection of the test's own, to look at what the app stored.
    pub db: DatabaseConnection,
}

pub fn test_settings(db: &TestDb) -> Settings {
    let mut s = Settings::defaults().expect("default settings");
    s.server.port = 0;
    s.server.workers = 1;
    s.server.public_url = "http://localhost:8080".to_owned();
    s.database.url = db.url.clone().into();
    s.database.max_connections = 5;
    s.auth.jwt_secret = TEST_JWT_SECRET.to_owned().into();
    s.seed_demo = true;
    s.frontend_dir = "/nonexistent".to_owned();
    s
}

pub async fn spawn_app(db: &TestDb) -> TestApp {
    spawn_app_with(db, |_| {}).await
}

pub async fn spawn_app_with(db: &TestDb, customize: impl FnOnce(&mut Settings)) -> TestApp {
    let mut settings = test_settings(db);
    customize(&mut settings);
    let app = Application::build(settings).await.expect("build app");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
        db: db.connect().await,
    }
}

pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| {
            let (k, rest) = c.split_once('=')?;
            (k == name).then(|| rest.split(';').next().unwrap_or_default().to_owned())
        })
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.address)
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        let mut req = self.client.get(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    pub async fn post<B: Serialize>(&self, path: &str, body: &B, token: Option<&str>) -> Response {
        let mut req = self.client.post(self.url(path)).json(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    /// A POST without a body (operations that take none refuse one).
    pub async fn post_empty(&self, path: &str, token: Option<&str>) -> Response {
        let mut req = self.client.post(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    /// A PUT with no body (an operation on the path alone).
    pub async fn put_empty(&self, path: &str, token: Option<&str>) -> Response {
        let mut req = self.client.put(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> Response {
        let mut req = self.client.delete(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    pub async fn put<B: Serialize>(&self, path: &str, body: &B, token: Option<&str>) -> Response {
        let mut req = self.client.put(self.url(path)).json(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.expect("request")
    }

    /// A PUT with `If-Match` (when given).
    pub async fn put_if<B: Serialize>(
        &self,
        path: &str,
        body: &B,
        token: &str,
        if_match: Option<&str>,
    ) -> Response {
        let mut req = self
            .client
            .put(self.url(path))
            .json(body)
            .bearer_auth(token);
        if let Some(etag) = if_match {
            req = req.header(reqwest::header::IF_MATCH, etag);
        }
        req.send().await.expect("request")
    }

    /// A POST without a body, with `If-Match` (when given).
    pub async fn post_if(&self, path: &str, token: &str, if_match: Option<&str>) -> Response {
        let mut req = self.client.post(self.url(path)).bearer_auth(token);
        if let Some(etag) = if_match {
            req = req.header(reqwest::header::IF_MATCH, etag);
        }
        req.send().await.expect("request")
    }

    /// A GET in a language.
    pub async fn get_in(&self, path: &str, token: &str, lang: &str) -> Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .header(reqwest::header::ACCEPT_LANGUAGE, lang)
            .send()
            .await
            .expect("request")
    }

    pub async fn register(&self, email: &str, password: &str) -> Response {
        self.post(
            "/auth/register",
            &serde_json::json!({
                "email": email,
                "password": password,
                "name": "Giulia Verdi",
                "agency_id": MILANO,
                "language": "it",
                "privacy_notice_version": shared::PRIVACY_NOTICE_VERSION,
                "accept_privacy_notice": true
            }),
            None,
        )
        .await
    }

    pub async fn login_raw(&self, email: &str, password: &str) -> Response {
        self.post(
            "/auth/login",
            &serde_json::json!({ "email": email, "password": password, "refresh_token_in_body": true }),
            None,
        )
        .await
    }

    /// Signs in (refresh token in the body) and returns the tokens.
    pub async fn login(&self, email: &str, password: &str) -> TokenResponse {
        let res = self.login_raw(email, password).await;
        assert_eq!(res.status(), StatusCode::OK, "login of {email}");
        res.json().await.expect("token response")
    }

    /// Signs in a demo account and returns its access token.
    pub async fn token_of(&self, email: &str) -> String {
        self.login(email, DEMO_PASSWORD).await.access_token
    }

    /// A new jobseeker of the Milan agency, signed in.
    pub async fn new_jobseeker(&self) -> (String, TokenResponse) {
        let email = format!("js-{}@example.org", Uuid::new_v4().simple());
        let res = self.register(&email, "una frase lunga e mia").await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let tokens = self.login(&email, "una frase lunga e mia").await;
        (email, tokens)
    }
}

/// Asserts a problem+json answer with `status` and `code` and returns it.
pub async fn expect_problem(res: Response, status: StatusCode, code: &str) -> Problem {
    assert_eq!(res.status(), status, "status for expected `{code}`");
    let ct = res
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(ct, "application/problem+json", "content type");
    let problem: Problem = res.json().await.expect("problem body");
    assert_eq!(problem.code, code, "{problem:?}");
    assert_eq!(problem.status, status.as_u16());
    assert!(!problem.title.is_empty());
    problem
}

pub async fn json<T: DeserializeOwned>(res: Response) -> T {
    res.json().await.expect("json body")
}

/// The session of `tokens` is over: its access token and its refresh token are refused.
pub async fn assert_session_over(app: &TestApp, tokens: &TokenResponse) {
    expect_problem(
        app.get("/me", Some(&tokens.access_token)).await,
        StatusCode::UNAUTHORIZED,
        "invalid_token",
    )
    .await;
    expect_problem(
        app.post(
            "/auth/refresh",
            &serde_json::json!({ "refresh_token": tokens.refresh_token }),
            None,
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "invalid_refresh_token",
    )
    .await;
}

/// A set-password link token is refused (spent, expired or made up).
pub async fn assert_link_refused(app: &TestApp, token: &str) {
    expect_problem(
        app.post(
            "/auth/set-password",
            &serde_json::json!({ "token": token, "password": "un'altra password lunga" }),
            None,
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "invalid_set_password_token",
    )
    .await;
}

/// The Redis of the development and CI machines, for the tests of the chat broker; `None`
/// (the test is skipped) when it is unreachable, unless `CI` is set: then the test fails.
pub fn redis_url() -> Option<String> {
    let url = std::env::var("SINERGIA_TEST_REDIS_URL")
        .unwrap_or_else(|_| "redis://127.0.0.1:6379".to_owned());
    let addr = url.trim_start_matches("redis://").trim_end_matches('/');
    match std::net::TcpStream::connect(addr) {
        Ok(_) => Some(url),
        Err(e) => {
            if std::env::var_os("CI").is_some() {
                panic!("Redis unreachable at {url} and CI is set: {e}");
            }
            eprintln!("SKIPPED: Redis unreachable at {url}: {e}");
            None
        }
    }
}

/// A real SMTP server (Python's aiosmtpd, `tests/smtp/server.py`) on a free port, refusing its
/// first `refuse` recipients for a while; `None` (the test is skipped) when Python or aiosmtpd
/// is missing, unless `CI` is set: then the test fails. `cargo xtask test` installs aiosmtpd
/// and names its Python in `SINERGIA_TEST_PYTHON`.
pub fn smtp_server(refuse: u32) -> Option<SmtpServer> {
    smtp_server_with(refuse, None)
}

/// A CA and a certificate it signed for `localhost` and 127.0.0.1 (made by `openssl`), as
/// (CA file, certificate file, key file) in a fresh directory.
pub fn test_certificates() -> (String, String, String) {
    let dir = std::env::temp_dir().join(format!("sinergia-tls-{}", Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let f = |name: &str| dir.join(name).display().to_string();
    std::fs::write(
        f("ext.cnf"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n\
         keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n",
    )
    .expect("extensions");
    for args in [
        vec![
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            &f("ca.key"),
            "-out",
            &f("ca.pem"),
            "-days",
            "2",
            "-subj",
            "/CN=Sinergia test CA",
        ],
        vec![
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            &f("srv.key"),
            "-out",
            &f("srv.csr"),
            "-subj",
            "/CN=localhost",
        ],
        vec![
            "x509",
            "-req",
            "-in",
            &f("srv.csr"),
            "-CA",
            &f("ca.pem"),
            "-CAkey",
            &f("ca.key"),
            "-CAcreateserial",
            "-out",
            &f("srv.pem"),
            "-days",
            "2",
            "-extfile",
            &f("ext.cnf"),
        ],
    ] {
        let out = std::process::Command::new("openssl")
            .args(&args)
            .output()
            .expect("openssl (Debian's package) makes the test certificates");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    (f("ca.pem"), f("srv.pem"), f("srv.key"))
}

/// As [`smtp_server`], offering and requiring STARTTLS with `tls` (certificate, key).
pub fn smtp_server_with(refuse: u32, tls: Option<(&str, &str)>) -> Option<SmtpServer> {
    let python = std::env::var("SINERGIA_TEST_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let usable = std::process::Command::new(&python)
        .args(["-c", "import aiosmtpd"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !usable {
        if std::env::var_os("CI").is_some() {
            panic!("{python} cannot import aiosmtpd and CI is set");
        }
        eprintln!("SKIPPED: {python} cannot import aiosmtpd");
        return None;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let out = std::env::temp_dir().join(format!("sinergia-smtp-{}.jsonl", Uuid::new_v4().simple()));
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp/server.py");
    let mut args = vec![
        script.to_owned(),
        port.to_string(),
        out.display().to_string(),
        refuse.to_string(),
    ];
    if let Some((cert, key)) = tls {
        args.extend([cert.to_owned(), key.to_owned()]);
    }
    let mut child = std::process::Command::new(&python)
        .args(&args)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("start the SMTP server");
    let mut line = String::new();
    let stdout = child.stdout.take().expect("its output");
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line).expect("ready");
    assert_eq!(line.trim(), "ready");
    Some(SmtpServer { port, out, child })
}

pub struct SmtpServer {
    pub port: u16,
    out: std::path::PathBuf,
    child: std::process::Child,
}

impl SmtpServer {
    /// The messages it accepted so far, in order.
    pub fn messages(&self) -> Vec<serde_json::Value> {
        std::fs::read_to_string(&self.out)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).expect("a message"))
            .collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.out);
    }
}

/// A new account's first sign-in: the one-time link e-mailed to her (the newest mail of the
/// outbox to `user`), the password chosen through it, and her access token.
pub async fn sign_in_through_link(
    app: &TestApp,
    user: Uuid,
    email: &str,
    password: &str,
) -> String {
    use backend::entities::email_outbox;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let mail = email_outbox::Entity::find()
        .filter(email_outbox::Column::UserId.eq(user))
        .order_by_desc(email_outbox::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .expect("a link e-mailed to her");
    let token = mail
        .body
        .split("#token=")
        .nth(1)
        .and_then(|t| t.split_whitespace().next())
        .expect("a link in the mail")
        .to_owned();
    let res = app
        .post(
            "/auth/set-password",
            &serde_json::json!({ "token": token, "password": password }),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    app.login(email, password).await.access_token
}
