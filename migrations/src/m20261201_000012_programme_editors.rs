//! Who changes what every agency uses, and a repair of direct conversations' privacy.
//!
//! The competency framework and the assessment instruments are the programme's, shared by
//! every agency (results and portfolios must mean the same in Milan, Trento and Monza): only
//! the programme's editors change them — admins whose account carries `programme_editor`,
//! granted by the platform's operator (`sinergia programme-editor grant <email>`), never by an
//! agency's admin.
//!
//! The word filter used to report direct messages to moderators: those reports go (a direct
//! conversation is read by its two members only; a member's own report stays).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    ProgrammeEditor,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(
                        ColumnDef::new(Users::ProgrammeEditor)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "DELETE FROM reports WHERE reporter_id IS NULL \
                 AND room_id IN (SELECT id FROM rooms WHERE kind = 'direct')",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::ProgrammeEditor)
                    .to_owned(),
            )
            .await
    }
}
