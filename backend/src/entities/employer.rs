use sea_orm::entity::prelude::*;
use shared::CompanySize;

/// An organisation of an agency's network: its opportunities, HR accounts and applicants hang
/// from it.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "employers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub name: String,
    /// ATECO code of its main activity.
    pub ateco: String,
    pub size: CompanySize,
    pub municipality_code: String,
    /// What it offers parents: `EmployerBenefit` codes.
    pub benefits: Json,
    pub website: Option<String>,
    /// Bumped on every change; the `ETag` of an edit.
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
