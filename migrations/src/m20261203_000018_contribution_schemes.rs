//! The public schemes that pay part of a service's cost, seeded from
//! `data/contributions.json` with their source, when their rules were checked and when staff
//! must check them again: the national nursery bonus (by ISEE band) and Trento's service
//! vouchers.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::prelude::{ChronoDate, Uuid};
use serde_json::Value;

use crate::TRENTO_ID;

#[derive(DeriveMigrationName)]
pub struct Migration;

const SCHEMES: &str = include_str!("../data/contributions.json");

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
}

fn bad(what: &str) -> DbErr {
    DbErr::Custom(format!("data/contributions.json: {what}"))
}

fn schemes() -> Result<Vec<Value>, DbErr> {
    let data: Value = serde_json::from_str(SCHEMES).map_err(|e| bad(&e.to_string()))?;
    data["schemes"]
        .as_array()
        .cloned()
        .ok_or_else(|| bad("schemes"))
}

fn id_of(s: &Value) -> Result<Uuid, DbErr> {
    s["id"]
        .as_str()
        .and_then(|i| Uuid::parse_str(i).ok())
        .ok_or_else(|| bad("id"))
}

fn date(v: &Value, key: &str) -> Result<ChronoDate, DbErr> {
    v[key]
        .as_str()
        .and_then(|s| ChronoDate::parse_from_str(s, "%Y-%m-%d").ok())
        .ok_or_else(|| bad(key))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let data = schemes()?;
        let mut insert = Query::insert()
            .into_table(Contributions::Table)
            .columns([
                Contributions::Id,
                Contributions::AgencyId,
                Contributions::Name,
                Contributions::Description,
                Contributions::Categories,
                Contributions::Rules,
                Contributions::Benefit,
                Contributions::HowToApply,
                Contributions::SourceUrl,
                Contributions::SourceCheckedOn,
                Contributions::ReviewBy,
                Contributions::Version,
                Contributions::CreatedAt,
                Contributions::UpdatedAt,
            ])
            .to_owned();
        for s in &data {
            let id = id_of(s)?;
            let agency: Option<Uuid> = match s["agency"].as_str() {
                None => None,
                Some("trento") => Some(TRENTO_ID),
                Some(other) => return Err(bad(&format!("agency {other}"))),
            };
            insert.values_panic([
                id.into(),
                agency.into(),
                s["name"].clone().into(),
                s["description"].clone().into(),
                s["categories"].clone().into(),
                s["rules"].clone().into(),
                s["benefit"].clone().into(),
                s["how_to_apply"].clone().into(),
                s["source_url"]
                    .as_str()
                    .ok_or_else(|| bad("source_url"))?
                    .into(),
                date(s, "source_checked_on")?.into(),
                date(s, "review_by")?.into(),
                1.into(),
                Expr::current_timestamp(),
                Expr::current_timestamp(),
            ]);
        }
        manager.exec_stmt(insert).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .exec_stmt(
                Query::delete()
                    .from_table(Contributions::Table)
                    .and_where(
                        Expr::col(Contributions::Id).is_in(
                            schemes()?
                                .iter()
                                .map(id_of)
                                .collect::<Result<Vec<Uuid>, DbErr>>()?,
                        ),
                    )
                    .to_owned(),
            )
            .await
    }
}
