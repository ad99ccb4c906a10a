use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use secrecy::ExposeSecret;

use crate::config::DatabaseSettings;

/// Connects to the database named by the URL (creating a SQLite file's folder when needed).
pub async fn connect(settings: &DatabaseSettings) -> anyhow::Result<DatabaseConnection> {
    let url = settings.url.expose_secret();
    if let Some(path) = sqlite_path(url)
        && let Some(dir) = std::path::Path::new(path).parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)?;
    }
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.max_connections(settings.max_connections)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        // SQLite: write-ahead log (readers never wait for the writer) with `synchronous=NORMAL`,
        // SQLite's advice for WAL: still consistent after a crash, and a commit does not wait
        // for an fsync, so concurrent writers queue for a far shorter time.
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
        });
    let mut db = Database::connect(opts).await?;
    db.set_metric_callback(|_| {
        STATEMENTS.fetch_add(1, Ordering::Relaxed);
    });
    Ok(db)
}

static STATEMENTS: AtomicU64 = AtomicU64::new(0);

/// How many statements the process's connections have run: the benchmarks divide it by the
/// requests they made to show that queries per request do not grow with the data.
pub fn statements_executed() -> u64 {
    STATEMENTS.load(Ordering::Relaxed)
}

/// Brings the schema up to date.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    Migrator::up(db, None).await?;
    Ok(())
}

fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// Inserts `row` unless a row with its primary key exists — also when another request inserts
/// it at the same moment (`ON CONFLICT DO NOTHING`). `true` when this call inserted it.
pub async fn insert_new<C, A>(db: &C, row: A) -> Result<bool, sea_orm::DbErr>
where
    C: sea_orm::ConnectionTrait,
    A: sea_orm::ActiveModelTrait + Send,
{
    use sea_orm::EntityTrait;
    let done = A::Entity::insert(row)
        .on_conflict_do_nothing()
        .exec_without_returning(db)
        .await?;
    Ok(matches!(done, sea_orm::TryInsertResult::Inserted(n) if n > 0))
}

/// A `LIKE` pattern for "contains `q`" in lower case: `%`, `_` and `\\` in `q` are text.
pub fn contains_pattern(q: &str) -> sea_orm::sea_query::LikeExpr {
    let escaped: String = q
        .to_lowercase()
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    sea_orm::sea_query::LikeExpr::new(format!("%{escaped}%")).escape('\\')
}

/// `column` contains `q`, in any case; `%` and `_` in `q` are text (name and text searches).
pub fn contains_text(
    column: impl sea_orm::sea_query::IntoColumnRef,
    q: &str,
) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Expr, ExprTrait, Func};
    Expr::expr(Func::lower(Expr::col(column))).like(contains_pattern(q))
}
