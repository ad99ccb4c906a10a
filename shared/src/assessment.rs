//! The competency framework and the assessment instruments.
//!
//! The framework (the nine LifeComp competences and the skills parenting trains, each mapped to
//! an ESCO transversal skill group) and the instruments are versioned: a published version never
//! changes, and everything that uses one points to its version.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Language;

/// A text in every language of the product.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"it": "Flessibilità", "en": "Flexibility"})))]
#[serde(deny_unknown_fields)]
pub struct LocalizedText {
    pub it: String,
    pub en: String,
}

/// The schema of a [`LocalizedText`] whose two texts hold 1 to `max` characters (where a use
/// has a limit of its own: a room's name, description or rules).
#[cfg(feature = "openapi")]
pub fn localized_schema(max: usize) -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    let text = |lang: &str| {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(1))
            .max_length(Some(max))
            .description(Some(format!("In {lang}, 1 to {max} characters.")))
            .build()
    };
    ObjectBuilder::new()
        .property("it", text("Italian"))
        .property("en", text("English"))
        .required("it")
        .required("en")
        .additional_properties(Some(
            utoipa::openapi::schema::AdditionalProperties::FreeForm(false),
        ))
        .build()
}

/// Schemas of the room texts' limits.
#[cfg(feature = "openapi")]
pub mod text_limits {
    pub fn max_80() -> utoipa::openapi::schema::Object {
        super::localized_schema(80)
    }
    pub fn max_1000() -> utoipa::openapi::schema::Object {
        super::localized_schema(1000)
    }
    pub fn max_4000() -> utoipa::openapi::schema::Object {
        super::localized_schema(4000)
    }
}

impl LocalizedText {
    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::It => &self.it,
            Language::En => &self.en,
        }
    }
}

/// Where a competence comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
pub enum CompetenceArea {
    /// LifeComp, personal area.
    Personal,
    /// LifeComp, social area.
    Social,
    /// LifeComp, learning-to-learn area.
    Learning,
    /// Skills that parenting and caregiving are known to train.
    Parenting,
}

/// One competence of the framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Competence {
    /// Stable within the framework: `P1`..`L3` (LifeComp), `C1`..`C6` (parenting-trained).
    pub code: String,
    pub area: CompetenceArea,
    pub name: LocalizedText,
    pub description: LocalizedText,
    /// How it shows at home.
    pub at_home: LocalizedText,
    /// How it shows at work.
    pub at_work: LocalizedText,
    /// ESCO transversal skill group, e.g. `T2.2`.
    pub esco_code: String,
    /// Its ESCO concept URI.
    pub esco_uri: String,
}

/// A version of the framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Framework {
    pub version: u32,
    pub published_at: DateTime<Utc>,
    pub competences: Vec<Competence>,
}

/// A new version of the framework, written by an admin from the version she edited
/// (`base_version`: if another admin published in between, the server answers 409).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FrameworkDraft {
    pub base_version: u32,
    /// 1 to 40 competences, in the order they are shown.
    pub competences: Vec<Competence>,
}

/// Where an instrument version is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
pub enum InstrumentStatus {
    /// Being written by an admin; editable; nobody takes it.
    Draft,
    /// Taken by jobseekers; never changes again.
    Published,
    /// No new attempts; existing results keep pointing to it.
    Retired,
}

/// The kinds of question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
pub enum ItemKind {
    /// How often she does something, answered for home and for work (1 never … 5 always).
    SelfRating,
    /// A short scenario; each option scores one or more competences.
    SituationalChoice,
    /// A situation, what she did, what came of it: free text rated by a counsellor.
    EvidenceStory,
}

/// What choosing an option gives a competence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OptionScore {
    pub code: String,
    /// 0 to 2.
    pub points: u8,
}

/// An option of a situational choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChoiceOption {
    /// `a`, `b`, ...
    pub key: String,
    pub text: LocalizedText,
    pub scores: Vec<OptionScore>,
}

/// A question of an instrument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Item {
    pub id: uuid::Uuid,
    /// 1-based order in the instrument.
    pub position: u32,
    pub kind: ItemKind,
    pub prompt: LocalizedText,
    /// Codes of the competences it measures.
    pub competences: Vec<String>,
    /// Self-ratings only: a higher frequency means less of the competence.
    #[serde(default)]
    pub reverse_keyed: bool,
    /// Situational choices only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ChoiceOption>,
    /// How long answering usually takes.
    pub estimated_seconds: u32,
}

/// An instrument version, without its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InstrumentSummary {
    pub id: uuid::Uuid,
    /// Stable across versions, e.g. `parenting-skills`.
    pub key: String,
    pub version: u32,
    pub status: InstrumentStatus,
    /// The framework version its competence codes belong to.
    pub framework_version: u32,
    pub title: LocalizedText,
    pub description: LocalizedText,
    pub item_count: u32,
    /// Sum of the items' estimates, rounded up.
    pub estimated_minutes: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<DateTime<Utc>>,
}

/// An instrument version with its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Instrument {
    #[serde(flatten)]
    pub summary: InstrumentSummary,
    pub items: Vec<Item>,
}

/// A self-rating: how often, at home and at work (1 never, 2 rarely, 3 sometimes, 4 often,
/// 5 always). A context she has no experience of is left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RatingAnswer {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub home: Option<u8>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub work: Option<u8>,
}

/// An evidence story in three parts, in her words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StoryAnswer {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2000))]
    pub situation: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2000))]
    pub action: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2000))]
    pub result: String,
}

/// Her answer to one item, by the item's kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answer {
    SelfRating(RatingAnswer),
    SituationalChoice {
        /// The chosen option's key.
        option: String,
    },
    EvidenceStory(StoryAnswer),
}

/// What a score says, in four steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 0–39.
    Emerging,
    /// 40–59.
    Developing,
    /// 60–79.
    Established,
    /// 80–100.
    Strong,
}

impl Level {
    pub fn of(score: u8) -> Level {
        match score {
            0..=39 => Level::Emerging,
            40..=59 => Level::Developing,
            60..=79 => Level::Established,
            _ => Level::Strong,
        }
    }
}

/// How much a score can be trusted, from how many of its items were answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Fewer than two items answered.
    Low,
    /// Two or three, or less than three quarters of the items.
    Medium,
    /// At least four items and three quarters of them.
    High,
}

/// One answer's part in a score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contribution {
    pub item_id: uuid::Uuid,
    pub position: u32,
    pub kind: ItemKind,
    /// 0 to 100, after reverse keying.
    pub value: u8,
    pub reverse_keyed: bool,
}

/// The computed score of one competence, with what produced it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompetenceScore {
    pub code: String,
    /// 0 to 100; absent when no item of it was answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    pub items_answered: u32,
    pub items_total: u32,
    pub confidence: Confidence,
    pub contributions: Vec<Contribution>,
}

/// Where an attempt is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
pub enum AttemptStatus {
    /// She is answering; answers are saved one by one.
    InProgress,
    /// Submitted and scored; read-only.
    Submitted,
    /// A counsellor reviewed it.
    Validated,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StartAttempt {
    pub instrument_id: uuid::Uuid,
}

/// One saved answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemAnswer {
    pub item_id: uuid::Uuid,
    pub answer: Answer,
    pub answered_at: DateTime<Utc>,
}

/// A competence's score in an earlier attempt, to show how she changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EarlierScore {
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
}

/// Her previous submitted attempt of the same instrument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EarlierAttempt {
    pub attempt_id: uuid::Uuid,
    pub submitted_at: DateTime<Utc>,
    pub scores: Vec<EarlierScore>,
}

/// An attempt: progress, her answers and, once submitted, the scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attempt {
    pub id: uuid::Uuid,
    pub instrument_id: uuid::Uuid,
    /// The questionnaire's key, the same across its versions (retakes are counted by key).
    pub instrument_key: String,
    pub status: AttemptStatus,
    pub started_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<DateTime<Utc>>,
    pub answered: u32,
    pub total: u32,
    /// Estimated minutes left for the unanswered items.
    pub remaining_minutes: u32,
    /// Where to resume: the first unanswered item; absent when all are answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_position: Option<u32>,
    pub answers: Vec<ItemAnswer>,
    /// Once submitted: one per competence of the framework.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<CompetenceScore>,
    /// Once submitted: her previous submitted attempt of the same instrument, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earlier: Option<EarlierAttempt>,
    /// When she may start the instrument again (after a submission).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retake_from: Option<DateTime<Utc>>,
    /// Once a counsellor validated it: her ratings and levels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation: Option<Validation>,
}

/// Progress after an answer is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttemptProgress {
    pub answered: u32,
    pub total: u32,
    pub remaining_minutes: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_position: Option<u32>,
}

/// The counsellor's rating of one evidence story (0 none … 4 very clear).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StoryRating {
    pub item_id: uuid::Uuid,
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 4))]
    pub rating: u8,
}

/// The counsellor's level for one competence: the computed one confirmed, or another with a
/// comment saying why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LevelDecision {
    pub code: String,
    pub level: Level,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub comment: Option<String>,
}

/// A counsellor validates an attempt: every story rated, every competence's level decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ValidationRequest {
    pub story_ratings: Vec<StoryRating>,
    pub levels: Vec<LevelDecision>,
}

/// A competence's level, computed and validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValidatedLevel {
    pub code: String,
    /// From the answers and the story ratings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub computed: Option<Level>,
    pub validated: Level,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// The counsellor's validation of an attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Validation {
    pub validated_by: crate::UserId,
    pub validated_by_name: String,
    pub validated_at: DateTime<Utc>,
    pub story_ratings: Vec<StoryRating>,
    pub levels: Vec<ValidatedLevel>,
}

/// An attempt waiting for validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueEntry {
    pub attempt_id: uuid::Uuid,
    pub jobseeker_id: crate::UserId,
    pub jobseeker_name: String,
    pub instrument_title: LocalizedText,
    pub submitted_at: DateTime<Utc>,
}

/// An attempt as a counsellor reviews it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Review {
    pub jobseeker_id: crate::UserId,
    pub jobseeker_name: String,
    pub attempt: Attempt,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation: Option<Validation>,
}

/// An option of a situational choice, as an admin writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OptionDraft {
    pub key: String,
    pub text: LocalizedText,
    pub scores: Vec<OptionScore>,
}

/// A question as an admin writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ItemDraft {
    pub kind: ItemKind,
    pub prompt: LocalizedText,
    pub competences: Vec<String>,
    #[serde(default)]
    pub reverse_keyed: bool,
    #[serde(default)]
    pub options: Vec<OptionDraft>,
    pub estimated_seconds: u32,
}

/// A draft instrument version: its texts and items. Saving replaces them all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InstrumentDraft {
    /// Lower-case letters, digits and dashes; a new key starts at version 1, an existing one
    /// gets its next version.
    pub key: String,
    pub title: LocalizedText,
    pub description: LocalizedText,
    pub items: Vec<ItemDraft>,
}

impl From<&Instrument> for InstrumentDraft {
    /// A version's content as a draft of the next one.
    fn from(i: &Instrument) -> Self {
        InstrumentDraft {
            key: i.summary.key.clone(),
            title: i.summary.title.clone(),
            description: i.summary.description.clone(),
            items: i
                .items
                .iter()
                .map(|it| ItemDraft {
                    kind: it.kind,
                    prompt: it.prompt.clone(),
                    competences: it.competences.clone(),
                    reverse_keyed: it.reverse_keyed,
                    options: it
                        .options
                        .iter()
                        .map(|o| OptionDraft {
                            key: o.key.clone(),
                            text: o.text.clone(),
                            scores: o.scores.clone(),
                        })
                        .collect(),
                    estimated_seconds: it.estimated_seconds,
                })
                .collect(),
        }
    }
}

/// A validated competence in her portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortfolioCompetence {
    pub code: String,
    pub name: LocalizedText,
    /// How it shows at work, in plain words.
    pub at_work: LocalizedText,
    /// The level her counsellor validated.
    pub level: Level,
    pub esco_code: String,
    pub esco_uri: String,
}

/// Her validated portfolio: what she can show an employer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Portfolio {
    pub attempt_id: uuid::Uuid,
    pub holder_name: String,
    pub agency_name: String,
    pub instrument_title: LocalizedText,
    pub validated_at: DateTime<Utc>,
    pub validated_by_name: String,
    /// Strongest first.
    pub competences: Vec<PortfolioCompetence>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewShare {
    /// A validated attempt of hers.
    pub attempt_id: uuid::Uuid,
    /// 1 to 90.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 90))]
    pub expires_in_days: u32,
}

/// A link that lets an employer read her portfolio without an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Share {
    pub id: uuid::Uuid,
    pub attempt_id: uuid::Uuid,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<DateTime<Utc>>,
    /// How many times it was opened.
    pub views: u32,
    /// The link itself: only in the answer that creates it (it is stored hashed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The token from a share link (sent in a body, so that it never lands in access logs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OpenShare {
    pub token: String,
}
