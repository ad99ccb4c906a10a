//! Opportunities matched: for her, the open ones of her agency ranked by `shared::explain_fit`
//! with the gaps each would open in her children's week; for a counsellor, the women of the
//! agency who fit an opportunity, with the same explanation and nothing of their households.

use std::collections::HashMap;
use std::sync::Arc;

use shared::{
    AboutMe, Availability, ContractType, FittingWoman, GeoPoint, Held, Offered, OpportunityMatch,
    OpportunityMatches, Page, ProfileSection, Role, Seeker, Validation, WorkMode,
};
use uuid::Uuid;

use super::repo;
use super::service::{STAFF, dto, hours_of, load, today};
use crate::audit::{self, AuditEvent};
use crate::caller::Caller;
use crate::entities::{attempt, employer, opportunity};
use crate::error::ApiError;
use crate::pagination::{self, decode_offset, page_of};
use crate::session::AuthUser;
use crate::shelf::{OpenOpportunities, OpenOpportunity};
use crate::state::AppState;

/// What she holds, from her scored attempts: a validated attempt gives its validated levels
/// (validated), a submitted one its computed levels (self-assessed).
pub fn held_of<'a>(attempts: impl IntoIterator<Item = &'a attempt::Model>) -> Vec<Held> {
    let mut held = Vec::new();
    for a in attempts {
        let validation: Option<Validation> = a
            .validation
            .as_ref()
            .and_then(|v| serde_json::from_value(v.clone()).ok());
        if let Some(v) = validation {
            held.extend(v.levels.into_iter().map(|l| Held {
                code: l.code,
                level: l.validated,
                validated: true,
            }));
        } else if let Some(scores) = &a.scores {
            let scores: Vec<shared::CompetenceScore> =
                serde_json::from_value(scores.clone()).unwrap_or_default();
            held.extend(scores.into_iter().filter_map(|s| {
                Some(Held {
                    code: s.code,
                    level: s.level?,
                    validated: false,
                })
            }));
        }
    }
    held
}

/// Where she lives, as a point (her municipality's).
fn home_of(state: &AppState, municipality: Option<&str>) -> Option<GeoPoint> {
    municipality
        .and_then(|m| state.municipalities.get(m))
        .and_then(|m| m.location)
}

/// What the match reads of an opportunity.
fn offered(state: &AppState, o: &opportunity::Model) -> Offered {
    Offered {
        id: o.id,
        sought: serde_json::from_value(o.sought.clone()).unwrap_or_default(),
        hours: hours_of(&o.hours),
        contract: o.contract,
        mode: o.mode,
        place: (o.mode != WorkMode::Remote)
            .then(|| home_of(state, Some(&o.municipality_code)))
            .flatten(),
    }
}

/// What she filters her matches by.
pub struct MineParams<'a> {
    pub contract: Option<ContractType>,
    pub mode: Option<WorkMode>,
    pub page_size: Option<u64>,
    pub page_token: Option<&'a str>,
}

/// Her, for a match: her availability, her municipality and her competences; nothing else of
/// her profile is read.
async fn seeker(state: &AppState, auth: &AuthUser) -> Result<Seeker, ApiError> {
    let (sections, attempts) = tokio::try_join!(
        async {
            Ok::<_, ApiError>(
                crate::catalogue::finding::repo::sections_of(&state.db, auth.user_id).await?,
            )
        },
        async {
            Ok::<_, ApiError>(
                repo::scored_attempts(&state.db, auth.agency_id, Some(auth.user_id)).await?,
            )
        },
    )?;
    let mut about = AboutMe::default();
    let mut availability = Availability::default();
    for s in sections {
        match s.section {
            ProfileSection::AboutMe => about = serde_json::from_value(s.data).unwrap_or_default(),
            ProfileSection::Availability => {
                availability = serde_json::from_value(s.data).unwrap_or_default();
            }
            _ => {}
        }
    }
    Ok(Seeker::new(
        &availability,
        home_of(state, about.municipality.as_deref()),
        held_of(&attempts),
    ))
}

fn benefits_of(e: Option<&employer::Model>) -> Vec<shared::EmployerBenefit> {
    e.and_then(|e| serde_json::from_value(e.benefits.clone()).ok())
        .unwrap_or_default()
}

/// The open opportunities as they are now: those in memory when the stored revision and the
/// day are those they were read at, else read again (one request reads, the others wait).
pub async fn open_now(state: &AppState) -> Result<Arc<OpenOpportunities>, ApiError> {
    use crate::catalogue::revision::{OPPORTUNITIES, current_of};
    let day = today();
    let revision = current_of(&state.db, OPPORTUNITIES).await?;
    if let Some(open) = state.open_opportunities.fresh(revision, day) {
        return Ok(open);
    }
    let _building = state.open_opportunities.building.lock().await;
    let revision = current_of(&state.db, OPPORTUNITIES).await?;
    if let Some(open) = state.open_opportunities.fresh(revision, day) {
        return Ok(open);
    }
    let rows = repo::all_open(&state.db, day).await?;
    let employers = repo::employers(&state.db, rows.iter().map(|o| o.employer_id)).await?;
    let mut by_agency: HashMap<Uuid, Vec<usize>> = HashMap::new();
    let all: Vec<OpenOpportunity> = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            by_agency.entry(row.agency_id).or_default().push(i);
            let employer = employers.get(&row.employer_id);
            OpenOpportunity {
                offered: offered(state, &row),
                employer: employer.map(|e| e.name.clone()).unwrap_or_default(),
                benefits: benefits_of(employer),
                row,
            }
        })
        .collect();
    let open = Arc::new(OpenOpportunities { all, by_agency });
    state.open_opportunities.put(revision, day, open.clone());
    Ok(open)
}

/// Her agency's open opportunities, best first, each explained, with the gaps it would open
/// in her children's week.
pub async fn mine(
    state: &AppState,
    auth: &AuthUser,
    p: MineParams<'_>,
) -> Result<OpportunityMatches, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    let size = pagination::page_size(p.page_size)?;
    let offset = decode_offset(p.page_token)?;
    let (her, open) = tokio::try_join!(seeker(state, auth), open_now(state))?;
    let mine: Vec<&OpenOpportunity> = open
        .by_agency
        .get(&auth.agency_id)
        .into_iter()
        .flatten()
        .filter_map(|i| open.all.get(*i))
        .filter(|o| p.contract.is_none_or(|c| o.row.contract == c))
        .filter(|o| p.mode.is_none_or(|m| o.row.mode == m))
        .collect();
    let ranked = shared::rank_opportunities(mine.iter().map(|o| &o.offered), &her);
    let (page, next_page_token) = page_of(ranked, offset, size);
    let by_id: HashMap<Uuid, &OpenOpportunity> = mine.iter().map(|o| (o.row.id, *o)).collect();
    let page: Vec<(&OpenOpportunity, shared::FitExplanation)> = page
        .into_iter()
        .filter_map(|(id, fit)| Some((*by_id.get(&id)?, fit)))
        .collect();
    let jobs: Vec<_> = page
        .iter()
        .map(|(o, fit)| (o.offered.hours.clone(), fit.commute.minutes))
        .collect();
    let (children, gaps) =
        crate::catalogue::finding::service::gaps_if_working(state, auth, &jobs).await?;
    let items = page
        .into_iter()
        .zip(gaps)
        .map(|((o, fit), gaps)| OpportunityMatch {
            opportunity: dto(state, o.row.clone(), &o.employer),
            employer_benefits: o.benefits.clone(),
            fit,
            gap_minutes: gaps.iter().map(|g| g.slot.minutes()).sum(),
            gaps,
        })
        .collect();
    Ok(OpportunityMatches {
        items,
        children_birth_years: children,
        availability_known: !her.available.is_empty(),
        next_page_token,
    })
}

/// One open opportunity of her agency, explained for her.
pub async fn one_for_her(
    state: &AppState,
    auth: &AuthUser,
    id: Uuid,
) -> Result<OpportunityMatches, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    let o = repo::published(&state.db, id, today())
        .await?
        .filter(|o| o.agency_id == auth.agency_id)
        .ok_or(ApiError::NotFound)?;
    let her = seeker(state, auth).await?;
    let fit = shared::explain_fit(&offered(state, &o), &her);
    let (children, mut gaps) = crate::catalogue::finding::service::gaps_if_working(
        state,
        auth,
        &[(hours_of(&o.hours), fit.commute.minutes)],
    )
    .await?;
    let employers = repo::employers(&state.db, [o.employer_id]).await?;
    let employer = employers.get(&o.employer_id);
    let gaps = gaps.pop().unwrap_or_default();
    Ok(OpportunityMatches {
        items: vec![OpportunityMatch {
            opportunity: dto(
                state,
                o,
                employer.map(|e| e.name.as_str()).unwrap_or_default(),
            ),
            employer_benefits: benefits_of(employer),
            fit,
            gap_minutes: gaps.iter().map(|g| g.slot.minutes()).sum(),
            gaps,
        }],
        children_birth_years: children,
        availability_known: !her.available.is_empty(),
        next_page_token: None,
    })
}

/// The women of the agency who fit an opportunity, best first, for its counsellors; `min_score`
/// leaves out the weaker fits. Each look is audited (it reads women's profiles).
pub async fn fitting(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
    min_score: Option<u32>,
    page_size: Option<u64>,
    page_token: Option<&str>,
) -> Result<Page<FittingWoman>, ApiError> {
    auth.require(STAFF)?;
    let size = pagination::page_size(page_size)?;
    let offset = decode_offset(page_token)?;
    if min_score.is_some_and(|m| m > 1000) {
        return Err(ApiError::Validation(vec![crate::error::FieldIssue::new(
            "/min_score",
            shared::FieldCode::NumberOutOfRange,
        )]));
    }
    let (o, _) = load(state, auth.agency_id, id).await?;
    let agency = auth.agency_id;
    let (women, availability, attempts, applied) = tokio::try_join!(
        async { Ok::<_, ApiError>(repo::women_of(&state.db, agency, None).await?) },
        async {
            Ok::<_, ApiError>(
                repo::sections_in(&state.db, agency, ProfileSection::Availability).await?,
            )
        },
        async { Ok::<_, ApiError>(repo::scored_attempts(&state.db, agency, None).await?) },
        async { Ok::<_, ApiError>(repo::application_states(&state.db, o.id).await?) },
    )?;
    let mut available: HashMap<Uuid, Availability> = availability
        .into_iter()
        .map(|s| {
            (
                s.user_id,
                serde_json::from_value(s.data).unwrap_or_default(),
            )
        })
        .collect();
    let mut attempts_of: HashMap<Uuid, Vec<attempt::Model>> = HashMap::new();
    for a in attempts {
        attempts_of.entry(a.user_id).or_default().push(a);
    }
    let offer = offered(state, &o);
    let mut fits: Vec<FittingWoman> = women
        .into_iter()
        .map(|w| {
            let her = Seeker::new(
                &available.remove(&w.user_id).unwrap_or_default(),
                home_of(state, w.municipality.as_deref()),
                held_of(attempts_of.get(&w.user_id).into_iter().flatten()),
            );
            FittingWoman {
                jobseeker_id: w.user_id.into(),
                name: w.name,
                fit: shared::explain_fit(&offer, &her),
                application: applied.get(&w.user_id).copied(),
            }
        })
        .filter(|f| min_score.is_none_or(|m| f.fit.score >= m))
        .collect();
    fits.sort_by(|a, b| {
        b.fit
            .score
            .cmp(&a.fit.score)
            .then(a.jobseeker_id.0.cmp(&b.jobseeker_id.0))
    });
    let (items, next_page_token) = page_of(fits, offset, size);
    audit::record(
        &state.db,
        AuditEvent::new("opportunity_fits_viewed")
            .actor(auth.user_id)
            .target("opportunity", id)
            .agency(auth.agency_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    Ok(Page {
        items,
        next_page_token,
    })
}
