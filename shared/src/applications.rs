//! Applications (issue 15): she applies to an opportunity with a note and chooses what the
//! employer sees (her validated portfolio always; each other part of her profile only if she
//! ticks it; never her household or her care); a counsellor may propose her, and she accepts
//! or declines in the app; the employer moves her through the states, with a reason she sees
//! when she is not selected; she can withdraw while it is open.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::code::Code;
use crate::{Availability, Education, Goals, Portfolio, WorkHistory};

code_enum!(
    /// Where an application is. `proposed` and `declined` are a counsellor's proposal she has
    /// not accepted: the employer never sees those, nor `withdrawn` ones.
    ApplicationStatus: "application_status" {
        /// A counsellor proposed her; she has not answered yet.
        Proposed => "proposed",
        Received => "received",
        Interview => "interview",
        Offer => "offer",
        Hired => "hired",
        NotSelected => "not_selected",
        /// She withdrew it.
        Withdrawn => "withdrawn",
        /// She declined a counsellor's proposal.
        Declined => "declined",
    }
);

impl ApplicationStatus {
    /// The moves the employer's side makes: each open state goes one step on, or to
    /// `not_selected`.
    pub fn may_move_to(self, to: ApplicationStatus) -> bool {
        use ApplicationStatus::*;
        matches!(
            (self, to),
            (Received, Interview | NotSelected)
                | (Interview, Offer | NotSelected)
                | (Offer, Hired | NotSelected)
        )
    }

    /// Whether she can still withdraw it.
    pub fn withdrawable(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Received | ApplicationStatus::Interview | ApplicationStatus::Offer
        )
    }

    /// Whether the employer sees it.
    pub fn seen_by_employer(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Received
                | ApplicationStatus::Interview
                | ApplicationStatus::Offer
                | ApplicationStatus::Hired
                | ApplicationStatus::NotSelected
        )
    }
}

code_enum!(
    /// A part of her profile she may show the employer of an application. Her household, the
    /// people she cares for and her conciliation needs are not among them.
    SharedPart: "shared_part" {
        /// Her e-mail, phone and how she likes to be contacted, and the languages she speaks.
        Contact => "contact",
        Education => "education",
        WorkHistory => "work_history",
        Availability => "availability",
        Goals => "goals",
    }
);

/// Her application, as she writes it (or accepts a proposal with).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "note": "Ho organizzato per anni l'agenda di tre figli e dei nonni: vorrei farlo anche in segreteria.",
    "share": ["contact", "work_history"]
})))]
#[serde(deny_unknown_fields)]
pub struct ApplicationInput {
    /// Up to 2,000 characters; may be empty.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub note: String,
    /// The parts of her profile the employer may see besides her validated portfolio; each at
    /// most once.
    #[serde(default)]
    pub share: Vec<SharedPart>,
}

impl ApplicationInput {
    pub const MAX_NOTE: usize = 2000;
}

/// A counsellor's proposal of a woman of the agency for an opportunity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProposalInput {
    pub jobseeker_id: crate::UserId,
    /// Why she is proposed, for her: up to 2,000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub note: String,
}

/// The employer's side moves an application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "status": "not_selected",
    "reason": "Cercavamo una persona disponibile anche il sabato mattina."
})))]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    /// One step on from the current state (`received` → `interview` → `offer` → `hired`), or
    /// `not_selected` from any of them.
    pub status: ApplicationStatus,
    /// Required for `not_selected` (1 to 500 characters): she reads it. Refused otherwise.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub reason: Option<String>,
}

impl StatusChange {
    pub const MAX_REASON: usize = 500;
}

/// A step of an application's life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationStep {
    pub status: ApplicationStatus,
    pub at: DateTime<Utc>,
}

/// Her application, as she sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Application {
    pub id: uuid::Uuid,
    pub opportunity_id: uuid::Uuid,
    pub opportunity_title: String,
    pub employer_name: String,
    pub status: ApplicationStatus,
    pub note: String,
    pub share: Vec<SharedPart>,
    /// Why she was not selected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The counsellor who proposed her, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal_note: Option<String>,
    /// Oldest first.
    pub steps: Vec<ApplicationStep>,
    pub version: u32,
}

/// What she lets the employer read of her contact details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicantContact {
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    pub channels: Vec<crate::ContactChannel>,
    pub languages: Vec<crate::SpokenLanguage>,
}

/// An applicant, as the employer's side sees her: her name, note and validated portfolio,
/// and only the parts of her profile she chose to share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Applicant {
    pub application_id: uuid::Uuid,
    pub name: String,
    pub status: ApplicationStatus,
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub applied_at: DateTime<Utc>,
    /// Whether a counsellor proposed her (she accepted).
    pub proposed: bool,
    /// Her validated portfolio, when she has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portfolio: Option<Portfolio>,
    pub shared: Vec<SharedPart>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<ApplicantContact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<Education>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_history: Option<WorkHistory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<Availability>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goals: Option<Goals>,
    pub version: u32,
}

#[cfg(test)]
mod tests {
    use super::ApplicationStatus::{self, *};

    #[test]
    fn the_employer_moves_one_step_on_or_to_not_selected() {
        let all = ApplicationStatus::ALL;
        let mut moves = Vec::new();
        for from in all {
            for to in all {
                if from.may_move_to(*to) {
                    moves.push((*from, *to));
                }
            }
        }
        assert_eq!(
            moves,
            [
                (Received, Interview),
                (Received, NotSelected),
                (Interview, Offer),
                (Interview, NotSelected),
                (Offer, Hired),
                (Offer, NotSelected),
            ]
        );
        // Nothing leaves an ended application; nothing goes back.
        for end in [Hired, NotSelected, Withdrawn, Declined] {
            assert!(all.iter().all(|to| !end.may_move_to(*to)));
            assert!(!end.withdrawable());
        }
        assert!(!Proposed.withdrawable());
        assert!(!Proposed.seen_by_employer() && !Declined.seen_by_employer());
        assert!(!Withdrawn.seen_by_employer());
        assert!(all.iter().all(|s| !s.may_move_to(Proposed)));
    }
}
