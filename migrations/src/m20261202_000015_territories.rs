//! The third territory and the coordinates of every municipality: the Monza e Brianza agency,
//! its five Ambiti territoriali (Carate Brianza, Desio, Monza, Seregno, Vimercate) and their 55
//! municipalities; each municipality of the three territories gets its coordinates, so that
//! distances are computed without any online service. `data/territories.csv` is built from
//! registry packages by `data/build_territories.py` (sources and licences in `data/README.md`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::prelude::Uuid;

use crate::columns::ts;

/// Id of the Monza e Brianza agency (fixed, so demo data, tests and integrators agree).
pub const MONZA_ID: Uuid = Uuid::from_u128(0x0194f0a0_0000_7000_8000_000000000003);

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Agencies {
    Table,
    Id,
    Slug,
    Name,
    Territory,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Ambiti {
    Table,
    Code,
    Name,
    AgencyId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Municipalities {
    Table,
    Code,
    Name,
    Province,
    AgencyId,
    Ambito,
    Lat,
    Lon,
}

const TERRITORIES: &str = include_str!("../data/territories.csv");

/// The Ambiti of Monza e Brianza: code and name.
const AMBITI: [(&str, &str); 5] = [
    ("carate_brianza", "Ambito di Carate Brianza"),
    ("desio", "Ambito di Desio"),
    ("monza", "Ambito di Monza"),
    ("seregno", "Ambito di Seregno"),
    ("vimercate", "Ambito di Vimercate"),
];

/// One line of `territories.csv`.
struct Row<'a> {
    code: &'a str,
    name: &'a str,
    province: &'a str,
    ambito: Option<&'a str>,
    lat: f64,
    lon: f64,
}

fn rows() -> Result<Vec<Row<'static>>, DbErr> {
    TERRITORIES
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            let bad = || DbErr::Custom(format!("bad territory line: {line}"));
            if f.len() != 7 {
                return Err(bad());
            }
            Ok(Row {
                code: f[0],
                name: f[1],
                province: f[2],
                ambito: Some(f[3]).filter(|a| !a.is_empty()),
                lat: f[4].parse().map_err(|_| bad())?,
                lon: f[5].parse().map_err(|_| bad())?,
            })
        })
        .collect()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(Agencies::Table)
                    .columns([
                        Agencies::Id,
                        Agencies::Slug,
                        Agencies::Name,
                        Agencies::Territory,
                        Agencies::CreatedAt,
                    ])
                    .values_panic([
                        MONZA_ID.into(),
                        "monza-brianza".into(),
                        "Agenzia per il lavoro di Monza e Brianza".into(),
                        "Provincia di Monza e della Brianza".into(),
                        Expr::current_timestamp(),
                    ])
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Ambiti::Table)
                    .col(
                        ColumnDef::new(Ambiti::Code)
                            .string_len(40)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Ambiti::Name).string_len(120).not_null())
                    .col(ColumnDef::new(Ambiti::AgencyId).uuid().not_null())
                    .col(ts(Ambiti::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_ambiti_agency")
                            .from(Ambiti::Table, Ambiti::AgencyId)
                            .to(Agencies::Table, Agencies::Id),
                    )
                    .to_owned(),
            )
            .await?;
        let mut insert = Query::insert()
            .into_table(Ambiti::Table)
            .columns([
                Ambiti::Code,
                Ambiti::Name,
                Ambiti::AgencyId,
                Ambiti::CreatedAt,
            ])
            .to_owned();
        for (code, name) in AMBITI {
            insert.values_panic([
                code.into(),
                name.into(),
                MONZA_ID.into(),
                Expr::current_timestamp(),
            ]);
        }
        manager.exec_stmt(insert).await?;

        // SQLite adds one column per statement.
        for col in [
            ColumnDef::new(Municipalities::Ambito)
                .string_len(40)
                .null()
                .to_owned(),
            ColumnDef::new(Municipalities::Lat)
                .double()
                .null()
                .to_owned(),
            ColumnDef::new(Municipalities::Lon)
                .double()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Municipalities::Table)
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }

        let rows = rows()?;
        let mut insert = Query::insert()
            .into_table(Municipalities::Table)
            .columns([
                Municipalities::Code,
                Municipalities::Name,
                Municipalities::Province,
                Municipalities::AgencyId,
                Municipalities::Ambito,
                Municipalities::Lat,
                Municipalities::Lon,
            ])
            .to_owned();
        for r in rows.iter().filter(|r| r.province == "MB") {
            if !AMBITI.iter().any(|(code, _)| Some(*code) == r.ambito) {
                return Err(DbErr::Custom(format!("{}: no Ambito", r.name)));
            }
            insert.values_panic([
                r.code.into(),
                r.name.into(),
                r.province.into(),
                MONZA_ID.into(),
                r.ambito.map(str::to_owned).into(),
                r.lat.into(),
                r.lon.into(),
            ]);
        }
        manager.exec_stmt(insert).await?;
        for r in rows.iter().filter(|r| r.province != "MB") {
            manager
                .exec_stmt(
                    Query::update()
                        .table(Municipalities::Table)
                        .values([
                            (Municipalities::Lat, r.lat.into()),
                            (Municipalities::Lon, r.lon.into()),
                        ])
                        .and_where(Expr::col(Municipalities::Code).eq(r.code))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .exec_stmt(
                Query::delete()
                    .from_table(Municipalities::Table)
                    .and_where(Expr::col(Municipalities::Province).eq("MB"))
                    .to_owned(),
            )
            .await?;
        for col in [
            Municipalities::Lon,
            Municipalities::Lat,
            Municipalities::Ambito,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Municipalities::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(Ambiti::Table).to_owned())
            .await?;
        manager
            .exec_stmt(
                Query::delete()
                    .from_table(Agencies::Table)
                    .and_where(Expr::col(Agencies::Id).eq(MONZA_ID))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
