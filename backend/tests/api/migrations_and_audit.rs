use migrations::{Migrator, MigratorTrait};
use sea_orm::ConnectionTrait;

use crate::db_tests;
use crate::helpers::*;
use backend::audit::{self, AuditEvent};

db_tests!(
    migrations_go_down_and_up_again,
    audit_log_is_append_only,
    saved_sector_answers_follow_the_renamed_code
);

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

/// Her saved goals keep their sector when its code is renamed (`culture_and_tourism` to
/// `culture_and_leisure`), in both directions of the migration; nothing else changes.
async fn saved_sector_answers_follow_the_renamed_code(db: TestDb) {
    let app = spawn_app(&db).await;
    let token = app.token_of("giulia.rossi@sinergia.example").await;
    let goals = serde_json::json!({
        "sectors": ["culture_and_leisure", "education"],
        "roles": ["Guida museale"],
        "statement": "Mi piace \"culture_and_leisure\" scritto così."
    });
    let res = app
        .put_if("/me/profile/goals", &goals, &token, Some("\"0\""))
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::OK);
    let raw = |db: &sea_orm::DatabaseConnection| {
        let db = db.clone();
        async move {
            let row = db
                .query_one_raw(sea_orm::Statement::from_string(
                    db.get_database_backend(),
                    "SELECT CAST(data AS TEXT) AS data FROM profile_sections WHERE section = 'goals'",
                ))
                .await
                .unwrap()
                .unwrap();
            row.try_get::<String>("", "data").unwrap()
        }
    };
    // Back to the old code (the migrations after it are undone first)...
    let names: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    let at = names
        .iter()
        .position(|n| n == "m20261202_000014_sector_codes")
        .unwrap();
    let steps = u32::try_from(names.len() - at).unwrap();
    Migrator::down(&app.db, Some(steps)).await.unwrap();
    let old = raw(&app.db).await;
    assert!(old.contains("\"culture_and_tourism\""), "{old}");
    assert!(!old.contains("\"culture_and_leisure\""), "{old}");
    assert!(
        old.contains(r#"\"culture_and_leisure\""#),
        "her own words untouched: {old}"
    );
    // ...and forward again: she reads the sector she chose.
    Migrator::up(&app.db, None).await.unwrap();
    let res = app.get("/me/profile", Some(&token)).await;
    assert_eq!(res.status(), reqwest::StatusCode::OK);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(
        body["goals"]["data"]["sectors"],
        serde_json::json!(["education", "culture_and_leisure"]),
        "in the list's order, as saved: {body}"
    );
    assert_eq!(
        body["goals"]["data"]["statement"],
        "Mi piace \"culture_and_leisure\" scritto così."
    );
}
