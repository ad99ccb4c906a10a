//! The sector list loses its overlap: "culture and tourism" beside "tourism and restaurants"
//! becomes "culture, sport and leisure" (`culture_and_leisure`), tourism staying with hotels
//! and restaurants. Her answers already saved (her goals, the sector of each past job) are
//! rewritten: a JSON string value `"culture_and_tourism"` is only ever that code (a free text
//! holding it would carry escaped quotes).

use sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

async fn recode(manager: &SchemaManager<'_>, from: &str, to: &str) -> Result<(), DbErr> {
    let (from, to) = (format!("\"{from}\""), format!("\"{to}\""));
    let sql = match manager.get_database_backend() {
        DbBackend::Postgres => format!(
            "UPDATE profile_sections SET data = replace(data::text, '{from}', '{to}')::json \
             WHERE data::text LIKE '%{from}%'"
        ),
        _ => format!(
            "UPDATE profile_sections SET data = replace(data, '{from}', '{to}') \
             WHERE data LIKE '%{from}%'"
        ),
    };
    manager.get_connection().execute_unprepared(&sql).await?;
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        recode(manager, "culture_and_tourism", "culture_and_leisure").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        recode(manager, "culture_and_leisure", "culture_and_tourism").await
    }
}
