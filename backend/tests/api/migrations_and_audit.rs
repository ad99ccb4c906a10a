use migrations::{Migrator, MigratorTrait};
use sea_orm::ConnectionTrait;

use crate::db_tests;
use crate::helpers::*;
use backend::audit::{self, AuditEvent};

db_tests!(migrations_go_down_and_up_again, audit_log_is_append_only);

async fn migrations_go_down_and_up_again(db: TestDb) {
    let conn = db.connect().await;
    Migrator::up(&conn, None).await.unwrap();
    Migrator::down(&conn, None).await.unwrap();
    Migrator::up(&conn, None).await.unwrap();
    // And the app starts on it.
    let app = spawn_app(&db).await;
    assert_eq!(
        app.get("/health", None).await.status(),
        reqwest::StatusCode::OK
    );
}

async fn audit_log_is_append_only(db: TestDb) {
    let app = spawn_app(&db).await;
    audit::record(&app.db, AuditEvent::new("test_event").agency(MILANO))
        .await
        .unwrap();
    let update = app
        .db
        .execute_unprepared("UPDATE audit_log SET action = 'changed'")
        .await;
    assert!(update.is_err(), "update refused");
    let delete = app.db.execute_unprepared("DELETE FROM audit_log").await;
    assert!(delete.is_err(), "delete refused");
    let rows = app
        .db
        .query_all_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            "SELECT action FROM audit_log WHERE action = 'test_event'",
        ))
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
}
