//! Applications (issue 15): hers to an opportunity, with her note and the parts of her
//! profile she lets the employer see (JSON `SharedPart`s), the validated attempt whose
//! portfolio goes with it, and a counsellor's proposal when there was one. One a woman per
//! opportunity. Their steps are kept apart for the indicators (applications, interviews,
//! placements per agency, territory and period): a step names no person, and outlives the
//! application when she is erased.

use sea_orm_migration::prelude::*;

use crate::columns::{cascade, json_col, ts, uuid_pk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Opportunities {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
    OpportunityId,
    AgencyId,
    UserId,
    Status,
    Note,
    Share,
    PortfolioAttemptId,
    Reason,
    ProposedBy,
    ProposalNote,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ApplicationSteps {
    Table,
    Id,
    ApplicationId,
    OpportunityId,
    AgencyId,
    MunicipalityCode,
    Status,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Applications::Table)
                    .col(uuid_pk(Applications::Id))
                    .col(
                        ColumnDef::new(Applications::OpportunityId)
                            .uuid()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Applications::AgencyId).uuid().not_null())
                    .col(ColumnDef::new(Applications::UserId).uuid().not_null())
                    .col(
                        ColumnDef::new(Applications::Status)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Applications::Note).text().not_null())
                    .col(json_col(Applications::Share))
                    .col(
                        ColumnDef::new(Applications::PortfolioAttemptId)
                            .uuid()
                            .null(),
                    )
                    .col(ColumnDef::new(Applications::Reason).string_len(500).null())
                    .col(ColumnDef::new(Applications::ProposedBy).uuid().null())
                    .col(ColumnDef::new(Applications::ProposalNote).text().null())
                    .col(ColumnDef::new(Applications::Version).integer().not_null())
                    .col(ts(Applications::CreatedAt))
                    .col(ts(Applications::UpdatedAt))
                    .foreign_key(&mut cascade(
                        "fk_applications_opportunity",
                        (Applications::Table, Applications::OpportunityId),
                        (Opportunities::Table, Opportunities::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_applications_user",
                        (Applications::Table, Applications::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_applications_opportunity_user")
                    .table(Applications::Table)
                    .col(Applications::OpportunityId)
                    .col(Applications::UserId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_applications_user")
                    .table(Applications::Table)
                    .col(Applications::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ApplicationSteps::Table)
                    .col(uuid_pk(ApplicationSteps::Id))
                    .col(
                        ColumnDef::new(ApplicationSteps::ApplicationId)
                            .uuid()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ApplicationSteps::OpportunityId)
                            .uuid()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ApplicationSteps::AgencyId).uuid().not_null())
                    .col(
                        ColumnDef::new(ApplicationSteps::MunicipalityCode)
                            .string_len(6)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ApplicationSteps::Status)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(ts(ApplicationSteps::At))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_application_steps_application")
                            .from(ApplicationSteps::Table, ApplicationSteps::ApplicationId)
                            .to(Applications::Table, Applications::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_application_steps_application")
                    .table(ApplicationSteps::Table)
                    .col(ApplicationSteps::ApplicationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_application_steps_agency_at")
                    .table(ApplicationSteps::Table)
                    .col(ApplicationSteps::AgencyId)
                    .col(ApplicationSteps::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ApplicationSteps::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Applications::Table).to_owned())
            .await
    }
}
