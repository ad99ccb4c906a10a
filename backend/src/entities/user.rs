use sea_orm::entity::prelude::*;
use shared::{Language, Role};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    /// Lower-cased, unique.
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    pub role: Role,
    pub language: Language,
    /// Argon2id PHC string; `None` until a staff member sets her password.
    pub password_hash: Option<String>,
    pub disabled_at: Option<DateTimeUtc>,
    /// Set when she asked for erasure: gone from every view; purged after the retention period.
    pub erased_at: Option<DateTimeUtc>,
    /// An admin who may change what every agency uses: the competency framework and the
    /// instruments. Granted by the platform's operator, never by an agency's admin.
    pub programme_editor: bool,
    /// Staff who curate the agency's catalogue of conciliation services (its admins always
    /// may): granted by the agency's admin.
    pub catalogue_curator: bool,
    /// For an employer's HR account: her organisation.
    pub employer_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
