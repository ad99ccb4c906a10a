//! The catalogue of conciliation services, after Open Referral HSDS 3: providers
//! (`organization`), their locations with coordinates and municipality, services (category,
//! ages, languages, accessibility, capacity and places, status, when staff last checked it),
//! which service is offered where (`service_at_location`), each service's weekly opening windows
//! (one row per window, for the "open at" search; the whole schedule with its dated exceptions
//! is kept with the service), its prices (`cost_option`), the contributions (public schemes)
//! that lower them, her shortlist, and anonymous counts of what was looked at, saved and
//! contacted. Staff who curate the catalogue carry `catalogue_curator` (admins always may).

use sea_orm_migration::prelude::*;

use crate::columns::{cascade, json_col, ts, ts_null, uuid_pk};

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
    CatalogueCurator,
}

#[derive(DeriveIden)]
enum Municipalities {
    Table,
    Code,
}

#[derive(DeriveIden)]
enum Providers {
    Table,
    Id,
    AgencyId,
    Name,
    Kind,
    Description,
    Email,
    Phone,
    Website,
    Version,
    CreatedAt,
    UpdatedAt,
    RetiredAt,
}

#[derive(DeriveIden)]
enum Locations {
    Table,
    Id,
    AgencyId,
    ProviderId,
    Name,
    Address,
    MunicipalityCode,
    Lat,
    Lon,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Services {
    Table,
    Id,
    AgencyId,
    ProviderId,
    Name,
    Description,
    Category,
    MinAgeMonths,
    MaxAgeMonths,
    Languages,
    Accessibility,
    Capacity,
    Places,
    Schedule,
    Status,
    VerifiedAt,
    VerifiedBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ServiceLocations {
    Table,
    ServiceId,
    LocationId,
}

#[derive(DeriveIden)]
enum ServiceWindows {
    Table,
    ServiceId,
    Day,
    Opens,
    Closes,
}

#[derive(DeriveIden)]
enum CostOptions {
    Table,
    Id,
    ServiceId,
    Unit,
    AmountCents,
    Note,
}

#[derive(DeriveIden)]
enum Contributions {
    Table,
    Id,
    AgencyId,
    Name,
    Description,
    Categories,
    Rules,
    Benefit,
    HowToApply,
    SourceUrl,
    SourceCheckedOn,
    ReviewBy,
    Version,
    CreatedAt,
    UpdatedAt,
    RetiredAt,
}

#[derive(DeriveIden)]
enum Shortlists {
    Table,
    UserId,
    ServiceId,
    SavedAt,
}

#[derive(DeriveIden)]
enum ServiceUse {
    Table,
    Day,
    AgencyId,
    ServiceId,
    Action,
    Count,
}

fn agency_fk(name: &str, table: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, Alias::new("agency_id"))
        .to(Agencies::Table, Agencies::Id)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    #[allow(clippy::too_many_lines, reason = "one table after the other")]
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(
                        ColumnDef::new(Users::CatalogueCurator)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Providers::Table)
                    .col(uuid_pk(Providers::Id))
                    .col(ColumnDef::new(Providers::AgencyId).uuid().not_null())
                    .col(ColumnDef::new(Providers::Name).string_len(200).not_null())
                    .col(ColumnDef::new(Providers::Kind).string_len(40).not_null())
                    .col(ColumnDef::new(Providers::Description).text().null())
                    .col(ColumnDef::new(Providers::Email).string_len(254).null())
                    .col(ColumnDef::new(Providers::Phone).string_len(40).null())
                    .col(ColumnDef::new(Providers::Website).string_len(500).null())
                    .col(ColumnDef::new(Providers::Version).integer().not_null())
                    .col(ts(Providers::CreatedAt))
                    .col(ts(Providers::UpdatedAt))
                    .col(ts_null(Providers::RetiredAt))
                    .foreign_key(&mut agency_fk("fk_providers_agency", Providers::Table))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_providers_agency_name")
                    .table(Providers::Table)
                    .col(Providers::AgencyId)
                    .col(Providers::Name)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Locations::Table)
                    .col(uuid_pk(Locations::Id))
                    .col(ColumnDef::new(Locations::AgencyId).uuid().not_null())
                    .col(ColumnDef::new(Locations::ProviderId).uuid().not_null())
                    .col(ColumnDef::new(Locations::Name).string_len(200).not_null())
                    .col(
                        ColumnDef::new(Locations::Address)
                            .string_len(300)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Locations::MunicipalityCode)
                            .string_len(6)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Locations::Lat).double().not_null())
                    .col(ColumnDef::new(Locations::Lon).double().not_null())
                    .col(ts(Locations::CreatedAt))
                    .foreign_key(&mut agency_fk("fk_locations_agency", Locations::Table))
                    .foreign_key(&mut cascade(
                        "fk_locations_provider",
                        (Locations::Table, Locations::ProviderId),
                        (Providers::Table, Providers::Id),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_locations_municipality")
                            .from(Locations::Table, Locations::MunicipalityCode)
                            .to(Municipalities::Table, Municipalities::Code),
                    )
                    .to_owned(),
            )
            .await?;
        // Distance search narrows by a box of latitude first.
        manager
            .create_index(
                Index::create()
                    .name("idx_locations_lat_lon")
                    .table(Locations::Table)
                    .col(Locations::Lat)
                    .col(Locations::Lon)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Services::Table)
                    .col(uuid_pk(Services::Id))
                    .col(ColumnDef::new(Services::AgencyId).uuid().not_null())
                    .col(ColumnDef::new(Services::ProviderId).uuid().not_null())
                    .col(ColumnDef::new(Services::Name).string_len(200).not_null())
                    .col(json_col(Services::Description))
                    .col(ColumnDef::new(Services::Category).string_len(40).not_null())
                    .col(ColumnDef::new(Services::MinAgeMonths).integer().null())
                    .col(ColumnDef::new(Services::MaxAgeMonths).integer().null())
                    .col(json_col(Services::Languages))
                    .col(json_col(Services::Accessibility))
                    .col(ColumnDef::new(Services::Capacity).integer().null())
                    .col(ColumnDef::new(Services::Places).string_len(20).not_null())
                    .col(json_col(Services::Schedule))
                    .col(ColumnDef::new(Services::Status).string_len(20).not_null())
                    .col(ts_null(Services::VerifiedAt))
                    .col(ColumnDef::new(Services::VerifiedBy).uuid().null())
                    .col(ColumnDef::new(Services::Version).integer().not_null())
                    .col(ts(Services::CreatedAt))
                    .col(ts(Services::UpdatedAt))
                    .foreign_key(&mut agency_fk("fk_services_agency", Services::Table))
                    .foreign_key(&mut cascade(
                        "fk_services_provider",
                        (Services::Table, Services::ProviderId),
                        (Providers::Table, Providers::Id),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_services_verified_by")
                            .from(Services::Table, Services::VerifiedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_services_status_category")
                    .table(Services::Table)
                    .col(Services::Status)
                    .col(Services::Category)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_services_agency_name")
                    .table(Services::Table)
                    .col(Services::AgencyId)
                    .col(Services::Name)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ServiceLocations::Table)
                    .col(
                        ColumnDef::new(ServiceLocations::ServiceId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ServiceLocations::LocationId)
                            .uuid()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(ServiceLocations::ServiceId)
                            .col(ServiceLocations::LocationId),
                    )
                    .foreign_key(&mut cascade(
                        "fk_service_locations_service",
                        (ServiceLocations::Table, ServiceLocations::ServiceId),
                        (Services::Table, Services::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_service_locations_location",
                        (ServiceLocations::Table, ServiceLocations::LocationId),
                        (Locations::Table, Locations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_service_locations_location")
                    .table(ServiceLocations::Table)
                    .col(ServiceLocations::LocationId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ServiceWindows::Table)
                    .col(ColumnDef::new(ServiceWindows::ServiceId).uuid().not_null())
                    .col(
                        ColumnDef::new(ServiceWindows::Day)
                            .small_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ServiceWindows::Opens)
                            .small_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ServiceWindows::Closes)
                            .small_integer()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(ServiceWindows::ServiceId)
                            .col(ServiceWindows::Day)
                            .col(ServiceWindows::Opens),
                    )
                    .foreign_key(&mut cascade(
                        "fk_service_windows_service",
                        (ServiceWindows::Table, ServiceWindows::ServiceId),
                        (Services::Table, Services::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // "Open on Monday from 16:00 to 18:00": by day and opening time.
        manager
            .create_index(
                Index::create()
                    .name("idx_service_windows_day_opens")
                    .table(ServiceWindows::Table)
                    .col(ServiceWindows::Day)
                    .col(ServiceWindows::Opens)
                    .col(ServiceWindows::Closes)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CostOptions::Table)
                    .col(uuid_pk(CostOptions::Id))
                    .col(ColumnDef::new(CostOptions::ServiceId).uuid().not_null())
                    .col(ColumnDef::new(CostOptions::Unit).string_len(20).not_null())
                    .col(
                        ColumnDef::new(CostOptions::AmountCents)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(CostOptions::Note).string_len(200).null())
                    .foreign_key(&mut cascade(
                        "fk_cost_options_service",
                        (CostOptions::Table, CostOptions::ServiceId),
                        (Services::Table, Services::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_cost_options_service")
                    .table(CostOptions::Table)
                    .col(CostOptions::ServiceId)
                    .to_owned(),
            )
            .await?;

        // A contribution of no agency is national.
        manager
            .create_table(
                Table::create()
                    .table(Contributions::Table)
                    .col(uuid_pk(Contributions::Id))
                    .col(ColumnDef::new(Contributions::AgencyId).uuid().null())
                    .col(json_col(Contributions::Name))
                    .col(json_col(Contributions::Description))
                    .col(json_col(Contributions::Categories))
                    .col(json_col(Contributions::Rules))
                    .col(json_col(Contributions::Benefit))
                    .col(json_col(Contributions::HowToApply))
                    .col(
                        ColumnDef::new(Contributions::SourceUrl)
                            .string_len(500)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Contributions::SourceCheckedOn)
                            .date()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Contributions::ReviewBy).date().not_null())
                    .col(ColumnDef::new(Contributions::Version).integer().not_null())
                    .col(ts(Contributions::CreatedAt))
                    .col(ts(Contributions::UpdatedAt))
                    .col(ts_null(Contributions::RetiredAt))
                    .foreign_key(&mut agency_fk(
                        "fk_contributions_agency",
                        Contributions::Table,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Shortlists::Table)
                    .col(ColumnDef::new(Shortlists::UserId).uuid().not_null())
                    .col(ColumnDef::new(Shortlists::ServiceId).uuid().not_null())
                    .col(ts(Shortlists::SavedAt))
                    .primary_key(
                        Index::create()
                            .col(Shortlists::UserId)
                            .col(Shortlists::ServiceId),
                    )
                    .foreign_key(&mut cascade(
                        "fk_shortlists_user",
                        (Shortlists::Table, Shortlists::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_shortlists_service",
                        (Shortlists::Table, Shortlists::ServiceId),
                        (Services::Table, Services::Id),
                    ))
                    .to_owned(),
            )
            .await?;

        // Counts only: never who.
        manager
            .create_table(
                Table::create()
                    .table(ServiceUse::Table)
                    .col(ColumnDef::new(ServiceUse::Day).date().not_null())
                    .col(ColumnDef::new(ServiceUse::AgencyId).uuid().not_null())
                    .col(ColumnDef::new(ServiceUse::ServiceId).uuid().not_null())
                    .col(ColumnDef::new(ServiceUse::Action).string_len(20).not_null())
                    .col(ColumnDef::new(ServiceUse::Count).integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(ServiceUse::Day)
                            .col(ServiceUse::AgencyId)
                            .col(ServiceUse::ServiceId)
                            .col(ServiceUse::Action),
                    )
                    .foreign_key(&mut agency_fk("fk_service_use_agency", ServiceUse::Table))
                    .foreign_key(&mut cascade(
                        "fk_service_use_service",
                        (ServiceUse::Table, ServiceUse::ServiceId),
                        (Services::Table, Services::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ServiceUse::Table.into_iden(),
            Shortlists::Table.into_iden(),
            Contributions::Table.into_iden(),
            CostOptions::Table.into_iden(),
            ServiceWindows::Table.into_iden(),
            ServiceLocations::Table.into_iden(),
            Services::Table.into_iden(),
            Locations::Table.into_iden(),
            Providers::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::CatalogueCurator)
                    .to_owned(),
            )
            .await
    }
}
