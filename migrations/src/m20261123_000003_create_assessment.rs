//! The competency framework and the assessment instruments, both versioned. Seeds framework
//! version 1 (the nine LifeComp competences and six parenting-trained skills, each with its ESCO
//! transversal skill group) and the published instrument `parenting-skills` version 1, from the
//! JSON files in `data/assessment`.

use sea_orm_migration::prelude::*;

use sea_orm_migration::sea_orm::prelude::Uuid;
use serde_json::Value;

use crate::columns::{json_col, ts, ts_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FrameworkVersions {
    Table,
    Version,
    PublishedAt,
}

#[derive(DeriveIden)]
enum Competences {
    Table,
    FrameworkVersion,
    Code,
    Area,
    Position,
    Name,
    Description,
    AtHome,
    AtWork,
    EscoCode,
    EscoUri,
}

#[derive(DeriveIden)]
enum Instruments {
    Table,
    Id,
    Key,
    Version,
    Status,
    FrameworkVersion,
    Title,
    Description,
    CreatedAt,
    PublishedAt,
    RetiredAt,
}

#[derive(DeriveIden)]
enum InstrumentItems {
    Table,
    Id,
    InstrumentId,
    Position,
    Kind,
    Prompt,
    Competences,
    ReverseKeyed,
    Options,
    EstimatedSeconds,
}

const FRAMEWORK: &str = include_str!("../data/assessment/framework-v1.json");
const INSTRUMENT: &str = include_str!("../data/assessment/instrument-parenting-skills-v1.json");

/// Id of the seeded instrument (fixed, so tests, demo data and integrators agree); its items
/// are numbered after it.
pub const PARENTING_SKILLS_V1_ID: Uuid = Uuid::from_u128(0x0194_f0a0_0000_7000_8000_0000_0001_0000);

fn bad(what: &str) -> DbErr {
    DbErr::Custom(format!("seed data: {what}"))
}

fn text(v: &Value, key: &str) -> Result<String, DbErr> {
    v[key].as_str().map(str::to_owned).ok_or_else(|| bad(key))
}

fn int(v: &Value, key: &str) -> Result<i64, DbErr> {
    v[key].as_i64().ok_or_else(|| bad(key))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FrameworkVersions::Table)
                    .col(
                        ColumnDef::new(FrameworkVersions::Version)
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ts(FrameworkVersions::PublishedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Competences::Table)
                    .col(
                        ColumnDef::new(Competences::FrameworkVersion)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Competences::Code).string_len(8).not_null())
                    .col(ColumnDef::new(Competences::Area).string_len(16).not_null())
                    .col(ColumnDef::new(Competences::Position).integer().not_null())
                    .col(json_col(Competences::Name))
                    .col(json_col(Competences::Description))
                    .col(json_col(Competences::AtHome))
                    .col(json_col(Competences::AtWork))
                    .col(
                        ColumnDef::new(Competences::EscoCode)
                            .string_len(8)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Competences::EscoUri)
                            .string_len(120)
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(Competences::FrameworkVersion)
                            .col(Competences::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_competences_framework")
                            .from(Competences::Table, Competences::FrameworkVersion)
                            .to(FrameworkVersions::Table, FrameworkVersions::Version)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Instruments::Table)
                    .col(
                        ColumnDef::new(Instruments::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Instruments::Key).string_len(64).not_null())
                    .col(ColumnDef::new(Instruments::Version).integer().not_null())
                    .col(
                        ColumnDef::new(Instruments::Status)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Instruments::FrameworkVersion)
                            .integer()
                            .not_null(),
                    )
                    .col(json_col(Instruments::Title))
                    .col(json_col(Instruments::Description))
                    .col(ts(Instruments::CreatedAt))
                    .col(ts_null(Instruments::PublishedAt))
                    .col(ts_null(Instruments::RetiredAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_instruments_framework")
                            .from(Instruments::Table, Instruments::FrameworkVersion)
                            .to(FrameworkVersions::Table, FrameworkVersions::Version)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_instruments_key_version")
                    .table(Instruments::Table)
                    .col(Instruments::Key)
                    .col(Instruments::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InstrumentItems::Table)
                    .col(
                        ColumnDef::new(InstrumentItems::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(InstrumentItems::InstrumentId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InstrumentItems::Position)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InstrumentItems::Kind)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(json_col(InstrumentItems::Prompt))
                    .col(json_col(InstrumentItems::Competences))
                    .col(
                        ColumnDef::new(InstrumentItems::ReverseKeyed)
                            .boolean()
                            .not_null(),
                    )
                    .col(json_col(InstrumentItems::Options))
                    .col(
                        ColumnDef::new(InstrumentItems::EstimatedSeconds)
                            .integer()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_instrument_items_instrument")
                            .from(InstrumentItems::Table, InstrumentItems::InstrumentId)
                            .to(Instruments::Table, Instruments::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_instrument_items_position")
                    .table(InstrumentItems::Table)
                    .col(InstrumentItems::InstrumentId)
                    .col(InstrumentItems::Position)
                    .unique()
                    .to_owned(),
            )
            .await?;
        seed(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            InstrumentItems::Table.into_iden(),
            Instruments::Table.into_iden(),
            Competences::Table.into_iden(),
            FrameworkVersions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}

async fn seed(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let framework: Value =
        serde_json::from_str(FRAMEWORK).map_err(|e| bad(&format!("framework: {e}")))?;
    let version = int(&framework, "version")?;
    manager
        .exec_stmt(
            Query::insert()
                .into_table(FrameworkVersions::Table)
                .columns([FrameworkVersions::Version, FrameworkVersions::PublishedAt])
                .values_panic([version.into(), Expr::current_timestamp()])
                .to_owned(),
        )
        .await?;
    let mut competences = Query::insert()
        .into_table(Competences::Table)
        .columns([
            Competences::FrameworkVersion,
            Competences::Code,
            Competences::Area,
            Competences::Position,
            Competences::Name,
            Competences::Description,
            Competences::AtHome,
            Competences::AtWork,
            Competences::EscoCode,
            Competences::EscoUri,
        ])
        .to_owned();
    let list = framework["competences"]
        .as_array()
        .ok_or_else(|| bad("competences"))?;
    for (i, c) in list.iter().enumerate() {
        competences.values_panic([
            version.into(),
            text(c, "code")?.into(),
            text(c, "area")?.into(),
            <i64 as TryFrom<usize>>::try_from(i + 1).unwrap_or(0).into(),
            c["name"].clone().into(),
            c["description"].clone().into(),
            c["at_home"].clone().into(),
            c["at_work"].clone().into(),
            text(c, "esco_code")?.into(),
            text(c, "esco_uri")?.into(),
        ]);
    }
    manager.exec_stmt(competences).await?;

    let instrument: Value =
        serde_json::from_str(INSTRUMENT).map_err(|e| bad(&format!("instrument: {e}")))?;
    manager
        .exec_stmt(
            Query::insert()
                .into_table(Instruments::Table)
                .columns([
                    Instruments::Id,
                    Instruments::Key,
                    Instruments::Version,
                    Instruments::Status,
                    Instruments::FrameworkVersion,
                    Instruments::Title,
                    Instruments::Description,
                    Instruments::CreatedAt,
                    Instruments::PublishedAt,
                ])
                .values_panic([
                    PARENTING_SKILLS_V1_ID.into(),
                    text(&instrument, "key")?.into(),
                    int(&instrument, "version")?.into(),
                    "published".into(),
                    int(&instrument, "framework_version")?.into(),
                    instrument["title"].clone().into(),
                    instrument["description"].clone().into(),
                    Expr::current_timestamp(),
                    Expr::current_timestamp(),
                ])
                .to_owned(),
        )
        .await?;
    let mut items = Query::insert()
        .into_table(InstrumentItems::Table)
        .columns([
            InstrumentItems::Id,
            InstrumentItems::InstrumentId,
            InstrumentItems::Position,
            InstrumentItems::Kind,
            InstrumentItems::Prompt,
            InstrumentItems::Competences,
            InstrumentItems::ReverseKeyed,
            InstrumentItems::Options,
            InstrumentItems::EstimatedSeconds,
        ])
        .to_owned();
    let list = instrument["items"].as_array().ok_or_else(|| bad("items"))?;
    for (i, item) in list.iter().enumerate() {
        let position = u128::try_from(i + 1).unwrap_or(0);
        items.values_panic([
            Uuid::from_u128(PARENTING_SKILLS_V1_ID.as_u128() + position).into(),
            PARENTING_SKILLS_V1_ID.into(),
            <i64 as TryFrom<u128>>::try_from(position)
                .unwrap_or(0)
                .into(),
            text(item, "kind")?.into(),
            item["prompt"].clone().into(),
            item["competences"].clone().into(),
            item["reverse_keyed"].as_bool().unwrap_or(false).into(),
            item.get("options")
                .cloned()
                .unwrap_or_else(|| Value::Array(Vec::new()))
                .into(),
            int(item, "seconds")?.into(),
        ]);
    }
    manager.exec_stmt(items).await?;
    Ok(())
}
