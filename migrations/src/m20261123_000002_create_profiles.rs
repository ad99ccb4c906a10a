//! The jobseeker's profile: one summary row per jobseeker (what the caseload filters on), one row
//! per saved section, the change history and the staff's case notes. Seeds the municipalities of
//! the agencies' territories and marks erased accounts.

use sea_orm_migration::prelude::*;

use sea_orm_migration::sea_orm::ConnectionTrait;

use crate::columns::ts;
use crate::{MILANO_ID, TRENTO_ID};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    ErasedAt,
}

#[derive(DeriveIden)]
enum Municipalities {
    Table,
    Code,
    Name,
    Province,
    AgencyId,
}

#[derive(DeriveIden)]
enum Profiles {
    Table,
    UserId,
    AgencyId,
    Municipality,
    Completeness,
    CaseStatus,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ProfileSections {
    Table,
    UserId,
    Section,
    Data,
    Version,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden)]
enum ProfileChanges {
    Table,
    Id,
    UserId,
    Section,
    Version,
    ChangedAt,
    ChangedBy,
    ChangedByRole,
    Fields,
}

#[derive(DeriveIden)]
enum CaseNotes {
    Table,
    Id,
    JobseekerId,
    AgencyId,
    AuthorId,
    Body,
    CreatedAt,
}

const MUNICIPALITIES: &str = include_str!("../data/municipalities.csv");

fn to_user(name: &str, table: impl IntoIden, col: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, col)
        .to(Users::Table, Users::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(
                        ColumnDef::new(Users::ErasedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Municipalities::Table)
                    .col(
                        ColumnDef::new(Municipalities::Code)
                            .string_len(6)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Municipalities::Name)
                            .string_len(120)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Municipalities::Province)
                            .string_len(2)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Municipalities::AgencyId).uuid().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_municipalities_agency")
                            .from(Municipalities::Table, Municipalities::AgencyId)
                            .to(Agencies::Table, Agencies::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Profiles::Table)
                    .col(
                        ColumnDef::new(Profiles::UserId)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Profiles::AgencyId).uuid().not_null())
                    .col(ColumnDef::new(Profiles::Municipality).string_len(6).null())
                    .col(
                        ColumnDef::new(Profiles::Completeness)
                            .small_integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(Profiles::CaseStatus)
                            .string_len(16)
                            .not_null()
                            .default("new"),
                    )
                    .col(ts(Profiles::CreatedAt))
                    .col(
                        ColumnDef::new(Profiles::UpdatedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(&mut to_user(
                        "fk_profiles_user",
                        Profiles::Table,
                        Profiles::UserId,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_profiles_agency_user", Profiles::UserId),
            ("idx_profiles_agency_completeness", Profiles::Completeness),
            ("idx_profiles_agency_municipality", Profiles::Municipality),
            ("idx_profiles_agency_status", Profiles::CaseStatus),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Profiles::Table)
                        .col(Profiles::AgencyId)
                        .col(col)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(ProfileSections::Table)
                    .col(ColumnDef::new(ProfileSections::UserId).uuid().not_null())
                    .col(
                        ColumnDef::new(ProfileSections::Section)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ProfileSections::Data).json().not_null())
                    .col(
                        ColumnDef::new(ProfileSections::Version)
                            .integer()
                            .not_null(),
                    )
                    .col(ts(ProfileSections::UpdatedAt))
                    .col(ColumnDef::new(ProfileSections::UpdatedBy).uuid().not_null())
                    .primary_key(
                        Index::create()
                            .col(ProfileSections::UserId)
                            .col(ProfileSections::Section),
                    )
                    .foreign_key(&mut to_user(
                        "fk_profile_sections_user",
                        ProfileSections::Table,
                        ProfileSections::UserId,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProfileChanges::Table)
                    .col(
                        ColumnDef::new(ProfileChanges::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(ProfileChanges::UserId).uuid().not_null())
                    .col(
                        ColumnDef::new(ProfileChanges::Section)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ProfileChanges::Version).integer().not_null())
                    .col(ts(ProfileChanges::ChangedAt))
                    .col(ColumnDef::new(ProfileChanges::ChangedBy).uuid().not_null())
                    .col(
                        ColumnDef::new(ProfileChanges::ChangedByRole)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ProfileChanges::Fields).json().not_null())
                    .foreign_key(&mut to_user(
                        "fk_profile_changes_user",
                        ProfileChanges::Table,
                        ProfileChanges::UserId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_profile_changes_user")
                    .table(ProfileChanges::Table)
                    .col(ProfileChanges::UserId)
                    .col(ProfileChanges::Id)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CaseNotes::Table)
                    .col(
                        ColumnDef::new(CaseNotes::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(CaseNotes::JobseekerId).uuid().not_null())
                    .col(ColumnDef::new(CaseNotes::AgencyId).uuid().not_null())
                    .col(ColumnDef::new(CaseNotes::AuthorId).uuid().not_null())
                    .col(ColumnDef::new(CaseNotes::Body).text().not_null())
                    .col(ts(CaseNotes::CreatedAt))
                    .foreign_key(&mut to_user(
                        "fk_case_notes_jobseeker",
                        CaseNotes::Table,
                        CaseNotes::JobseekerId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_case_notes_jobseeker")
                    .table(CaseNotes::Table)
                    .col(CaseNotes::JobseekerId)
                    .col(CaseNotes::Id)
                    .to_owned(),
            )
            .await?;

        // The territories' municipalities.
        let mut insert = Query::insert()
            .into_table(Municipalities::Table)
            .columns([
                Municipalities::Code,
                Municipalities::Name,
                Municipalities::Province,
                Municipalities::AgencyId,
            ])
            .to_owned();
        for line in MUNICIPALITIES.lines().skip(1) {
            let mut parts = line.splitn(3, ',');
            let (Some(code), Some(name), Some(province)) =
                (parts.next(), parts.next(), parts.next())
            else {
                return Err(DbErr::Custom(format!("bad municipality line: {line}")));
            };
            let agency = match province {
                "MI" => MILANO_ID,
                "TN" => TRENTO_ID,
                other => return Err(DbErr::Custom(format!("no agency for province {other}"))),
            };
            insert.values_panic([code.into(), name.into(), province.into(), agency.into()]);
        }
        manager.exec_stmt(insert).await?;

        // Every jobseeker has a profile row from registration on; existing ones get theirs now.
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO profiles (user_id, agency_id, completeness, case_status, created_at) \
                 SELECT id, agency_id, 0, 'new', created_at FROM users WHERE role = 'jobseeker'",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CaseNotes::Table.into_iden(),
            ProfileChanges::Table.into_iden(),
            ProfileSections::Table.into_iden(),
            Profiles::Table.into_iden(),
            Municipalities::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::ErasedAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
