use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "email_outbox")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub template: String,
    pub language: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    /// Delivery attempts so far.
    pub attempts: i32,
    /// Not tried again before (backoff after a failed attempt).
    pub next_attempt_at: Option<DateTimeUtc>,
    /// The instance sending it now, and until when it holds it.
    pub claimed_by: Option<Uuid>,
    pub claimed_until: Option<DateTimeUtc>,
    /// Given up after the last attempt.
    pub failed_at: Option<DateTimeUtc>,
    pub last_error: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
