use sea_orm::entity::prelude::*;
use shared::{EmploymentStatus, IcefBand, IseeBand};

/// What she declares so the contributions she may claim can be worked out: never a document,
/// only bands; hers to change and remove; never shown to a provider.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contribution_declarations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub isee_band: Option<IseeBand>,
    pub icef_band: Option<IcefBand>,
    pub employment_status: Option<EmploymentStatus>,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
