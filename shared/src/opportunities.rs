//! Opportunities matched to her, explained (issue 15): what an opportunity asks (competences
//! at a level, its hours, where, the contract) against what she holds (her competences,
//! validated or self-assessed), her available hours, her commute limit and the contracts she
//! asked for; and, shown beside the score but never in it, the gaps the job would open in her
//! children's week.
//!
//! Rules kept here and tested below: the score is deterministic and explained part by part; a
//! ranking is the same whatever order the opportunities come in; a higher level of a competence
//! she holds never lowers a score, and a validated level counts at least as much as the same
//! level self-assessed; nothing about her children, the people she cares for, her care hours or
//! her career breaks enters a score (the types that carry them are not read by it, and a
//! property test adds them to a profile and finds every score unchanged).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    Availability, ContractType, GeoPoint, Level, OpeningWindow, Slot, TravelMeans, WeekPlan,
    WeekService, WorkMode, normalise, slot_of, total_minutes,
};

/// The most each part of a score gives (they add up to 1,000).
pub const COMPETENCE_POINTS: u32 = 450;
pub const HOURS_POINTS: u32 = 300;
pub const COMMUTE_POINTS: u32 = 150;
pub const CONTRACT_POINTS: u32 = 100;

/// A competence an opportunity asks for, at a level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Sought {
    /// A competence of the framework (`P1`..`L3`, `C1`..`C6`).
    pub code: String,
    pub level: Level,
}

/// A competence she holds: from her validated portfolio, or self-assessed (an attempt not yet
/// validated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Held {
    pub code: String,
    pub level: Level,
    pub validated: bool,
}

/// What the match reads of an opportunity.
#[derive(Debug, Clone, PartialEq)]
pub struct Offered {
    pub id: Uuid,
    pub sought: Vec<Sought>,
    /// Its weekly hours, as time windows (a shift pattern gives its windows too).
    pub hours: Vec<OpeningWindow>,
    pub contract: ContractType,
    pub mode: WorkMode,
    /// Where it is (none for a remote one).
    pub place: Option<GeoPoint>,
}

/// What the match reads of her: her competences and the parts of her profile about work. Her
/// household (children, the people she cares for, care hours) is not here: it never scores.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seeker {
    pub held: Vec<Held>,
    /// The hours she said she can work, normalised (empty: she did not say).
    pub available: Vec<Slot>,
    pub home: Option<GeoPoint>,
    pub max_travel_minutes: Option<u16>,
    pub travel_means: Vec<TravelMeans>,
    /// The contracts she would accept (empty: she did not say).
    pub contracts: Vec<ContractType>,
    pub modes: Vec<WorkMode>,
}

impl Seeker {
    /// From her availability and her competences: the only sections of her profile it reads.
    pub fn new(availability: &Availability, home: Option<GeoPoint>, held: Vec<Held>) -> Seeker {
        let available = availability
            .weekly_hours
            .iter()
            .flatten()
            .flat_map(|d| {
                d.hours.iter().filter_map(move |h| {
                    Some(Slot {
                        day: d.day,
                        from: crate::TimeOfDay::new(u16::from(*h), 0)?,
                        to: crate::TimeOfDay::new(u16::from(*h) + 1, 0)?,
                    })
                })
            })
            .collect();
        Seeker {
            held,
            available: normalise(available),
            home,
            max_travel_minutes: availability.max_travel_minutes,
            travel_means: availability.travel_means.clone().unwrap_or_default(),
            contracts: availability.contract_types.clone().unwrap_or_default(),
            modes: availability.work_modes.clone().unwrap_or_default(),
        }
    }
}

/// Her profile's sections as a match is given them: all that the backend holds of her that
/// could be read, so that the property test below proves which of them never counts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProfileParts {
    pub household: crate::Household,
    pub work_history: crate::WorkHistory,
    pub availability: Availability,
}

impl Seeker {
    /// Her, for a match, from her profile: her household and her career breaks are not read.
    pub fn from_profile(p: &ProfileParts, home: Option<GeoPoint>, held: Vec<Held>) -> Seeker {
        Seeker::new(&p.availability, home, held)
    }
}

/// One competence asked, against hers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompetenceFit {
    pub code: String,
    pub sought: Level,
    /// Her level, if she holds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held: Option<Level>,
    pub validated: bool,
    /// Her level reaches the one asked.
    pub covered: bool,
    /// How many levels she is short of it (0 when covered; 4 when she does not hold it).
    pub steps_short: u8,
}

/// How far her journey would be.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Commute {
    /// Remote work: no journey.
    pub remote: bool,
    /// In km, straight line, rounded to 0.1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
    /// Estimated one way by her fastest means (public transport when she did not say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u16>,
    /// Within the limit she gave (none when she gave none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_limit: Option<bool>,
}

/// A match, part by part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FitExplanation {
    /// 0 to 1,000: the sum of the four parts.
    pub score: u32,
    /// Up to 450: each competence asked weighs the same; a validated level counts whole, a
    /// self-assessed one 70 %; a level short of the one asked counts in part.
    pub competence_points: u32,
    /// Up to 300: the share of the job's hours within the hours she said she can work (half
    /// when she did not say).
    pub hours_points: u32,
    /// Up to 150: remote, or how the journey sits within her limit.
    pub commute_points: u32,
    /// Up to 100: a contract she asked for (half when she did not say).
    pub contract_points: u32,
    pub competences: Vec<CompetenceFit>,
    /// The job's minutes a week, and how many of them she said she can work.
    pub job_minutes: u32,
    pub available_minutes: u32,
    /// The job's hours outside those she said she can work.
    pub outside_availability: Vec<Slot>,
    pub commute: Commute,
    /// Whether the contract is one she asked for (none when she did not say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_wanted: Option<bool>,
}

fn step(level: Level) -> u32 {
    match level {
        Level::Emerging => 1,
        Level::Developing => 2,
        Level::Established => 3,
        Level::Strong => 4,
    }
}

/// The points of one competence asked, out of 1,000 (so that the part is exact before it is
/// scaled): reached is 1,000 validated or 700 self-assessed; short of it, that share of the
/// levels she has.
fn competence_share(sought: Level, held: Option<(Level, bool)>) -> u32 {
    let Some((level, validated)) = held else {
        return 0;
    };
    let trust = if validated { 1000 } else { 700 };
    trust * step(level).min(step(sought)) / step(sought)
}

/// Minutes one way for `km` by the fastest of her means (km/h, plus waiting and walking).
fn journey_minutes(km: f64, means: &[TravelMeans]) -> u16 {
    let by = |m: TravelMeans| -> f64 {
        let (speed, extra) = match m {
            TravelMeans::Walking => (4.5, 0.0),
            TravelMeans::Bicycle => (14.0, 2.0),
            TravelMeans::PublicTransport => (20.0, 10.0),
            TravelMeans::Car | TravelMeans::Motorbike => (35.0, 5.0),
        };
        km / speed * 60.0 + extra
    };
    let best = if means.is_empty() {
        by(TravelMeans::PublicTransport)
    } else {
        means.iter().map(|m| by(*m)).fold(f64::MAX, f64::min)
    };
    // Whole minutes, rounded up; a day's journey at most.
    best.ceil().clamp(0.0, 1440.0) as u16
}

fn commute(o: &Offered, s: &Seeker) -> (Commute, u32) {
    if o.mode == WorkMode::Remote {
        let c = Commute {
            remote: true,
            distance_km: None,
            minutes: None,
            within_limit: Some(true),
        };
        return (c, COMMUTE_POINTS);
    }
    let Some((home, place)) = s.home.zip(o.place) else {
        let c = Commute {
            remote: false,
            distance_km: None,
            minutes: None,
            within_limit: None,
        };
        return (c, COMMUTE_POINTS / 2);
    };
    let km = home.km_to(&place);
    let minutes = journey_minutes(km, &s.travel_means);
    // Hybrid work makes the journey on some days only: it weighs half.
    let weight = if o.mode == WorkMode::Hybrid { 2 } else { 1 };
    let (within, points) = match s.max_travel_minutes {
        Some(limit) => {
            let within = minutes <= limit;
            let points = if within {
                // Full points up to half her limit, then less as it nears it, never below half.
                let limit = u32::from(limit.max(1));
                let m = u32::from(minutes);
                if m * 2 <= limit {
                    COMMUTE_POINTS
                } else {
                    COMMUTE_POINTS - (COMMUTE_POINTS / 2) * (2 * m - limit) / limit
                }
            } else {
                0
            };
            (Some(within), points)
        }
        None => (None, COMMUTE_POINTS / 2),
    };
    let points = if weight == 2 {
        points.max(COMMUTE_POINTS / 2)
    } else {
        points
    };
    let c = Commute {
        remote: false,
        distance_km: Some((km * 10.0).round() / 10.0),
        minutes: Some(minutes),
        within_limit: within,
    };
    (c, points)
}

/// The match of one opportunity for her, part by part.
pub fn explain_fit(o: &Offered, s: &Seeker) -> FitExplanation {
    let competences: Vec<CompetenceFit> = o
        .sought
        .iter()
        .map(|want| {
            // Her best claim to it: the one that counts most (a validated level at least as high
            // as the one asked beats a higher self-assessed one), then the higher level.
            let held = s
                .held
                .iter()
                .filter(|h| h.code == want.code)
                .max_by_key(|h| {
                    (
                        competence_share(want.level, Some((h.level, h.validated))),
                        h.level,
                        h.validated,
                    )
                });
            let covered = held.is_some_and(|h| h.level >= want.level);
            CompetenceFit {
                code: want.code.clone(),
                sought: want.level,
                held: held.map(|h| h.level),
                validated: held.is_some_and(|h| h.validated),
                covered,
                steps_short: u8::try_from(
                    step(want.level).saturating_sub(held.map_or(0, |h| step(h.level))),
                )
                .unwrap_or(4),
            }
        })
        .collect();
    let competence_points = if o.sought.is_empty() {
        COMPETENCE_POINTS
    } else {
        let shares: u32 = competences
            .iter()
            .map(|c| competence_share(c.sought, c.held.map(|l| (l, c.validated))))
            .sum();
        COMPETENCE_POINTS * shares / (1000 * u32::try_from(competences.len()).unwrap_or(1))
    };
    let job = normalise(o.hours.iter().map(slot_of).collect());
    let job_minutes = total_minutes(&job);
    let within = crate::intersect(&job, &s.available);
    let available_minutes = total_minutes(&within);
    let hours_points = if s.available.is_empty() {
        HOURS_POINTS / 2
    } else {
        (HOURS_POINTS * available_minutes)
            .checked_div(job_minutes)
            .unwrap_or(HOURS_POINTS / 2)
    };
    let (commute, commute_points) = commute(o, s);
    let contract_wanted = (!s.contracts.is_empty()).then(|| s.contracts.contains(&o.contract));
    let contract_points = match contract_wanted {
        Some(true) => CONTRACT_POINTS,
        Some(false) => 0,
        None => CONTRACT_POINTS / 2,
    };
    FitExplanation {
        score: competence_points + hours_points + commute_points + contract_points,
        competence_points,
        hours_points,
        commute_points,
        contract_points,
        competences,
        job_minutes,
        available_minutes,
        outside_availability: crate::subtract(&job, &s.available),
        commute,
        contract_wanted,
    }
}

/// Opportunities for her, best first: by score, then by id. The same input gives the same
/// order whatever order the opportunities come in.
pub fn rank_opportunities<'a>(
    offered: impl IntoIterator<Item = &'a Offered>,
    s: &Seeker,
) -> Vec<(Uuid, FitExplanation)> {
    let mut out: Vec<(Uuid, FitExplanation)> = offered
        .into_iter()
        .map(|o| (o.id, explain_fit(o, s)))
        .collect();
    out.sort_by(|(a_id, a), (b_id, b)| b.score.cmp(&a.score).then(a_id.cmp(b_id)));
    out
}

/// The gaps this job would open in her children's week: her plan with the job's hours in it
/// (her travel time each way, school, helpers and the services she saved), and what is left
/// uncovered for any child. Shown beside the score, never in it.
pub fn gaps_if_taken(
    plan: &WeekPlan,
    services: &[WeekService],
    job: &[OpeningWindow],
    on: chrono::NaiveDate,
) -> Vec<Slot> {
    let plan = WeekPlan {
        job: job.to_vec(),
        ..plan.clone()
    };
    let need = crate::hours_needed(&plan);
    normalise(
        plan.children
            .iter()
            .flat_map(|c| {
                let age = crate::age_in_months(c.birth_year, on).unwrap_or(0);
                crate::child_cover(&need, age, c, &plan.helpers, services)
            })
            .filter(|c| c.kind == crate::CoverKind::Gap)
            .map(|c| c.slot)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test fails loudly")]
    use super::*;
    use crate::{
        BreakReason, CaredPerson, CaredRelation, CareerBreak, Child, ChildWeek, DayHours, Helper,
        Household, TimeOfDay, Weekday, WorkHistory,
    };
    use proptest::prelude::*;

    fn t(s: &str) -> TimeOfDay {
        TimeOfDay::parse(s).unwrap()
    }

    fn weekdays(from: &str, to: &str) -> Vec<OpeningWindow> {
        Weekday::ALL[..5]
            .iter()
            .map(|d| OpeningWindow {
                day: *d,
                opens: t(from),
                closes: t(to),
            })
            .collect()
    }

    const MILAN: GeoPoint = GeoPoint {
        lat: 45.4642,
        lon: 9.19,
    };
    const SESTO: GeoPoint = GeoPoint {
        lat: 45.5335,
        lon: 9.2352,
    };

    /// A part-time traineeship in Milan, 9-13, asking for organisation and communication.
    fn traineeship() -> Offered {
        Offered {
            id: Uuid::from_u128(1),
            sought: vec![
                Sought {
                    code: "C1".into(),
                    level: Level::Established,
                },
                Sought {
                    code: "S2".into(),
                    level: Level::Developing,
                },
            ],
            hours: weekdays("09:00", "13:00"),
            contract: ContractType::Traineeship,
            mode: WorkMode::OnSite,
            place: Some(MILAN),
        }
    }

    /// Her, from Sesto, free 9-15 on weekdays, 45 minutes at most by public transport.
    fn availability() -> Availability {
        Availability {
            weekly_hours: Some(
                Weekday::ALL[..5]
                    .iter()
                    .map(|d| DayHours {
                        day: *d,
                        hours: (9..15).collect(),
                    })
                    .collect(),
            ),
            max_travel_minutes: Some(45),
            travel_means: Some(vec![TravelMeans::PublicTransport]),
            contract_types: Some(vec![ContractType::Traineeship, ContractType::FixedTerm]),
            ..Availability::default()
        }
    }

    fn her(held: Vec<Held>) -> Seeker {
        Seeker::new(&availability(), Some(SESTO), held)
    }

    fn held(code: &str, level: Level, validated: bool) -> Held {
        Held {
            code: code.into(),
            level,
            validated,
        }
    }

    #[test]
    fn a_fitting_traineeship_is_explained_part_by_part() {
        let s = her(vec![
            held("C1", Level::Strong, true),
            held("S2", Level::Emerging, false),
        ]);
        let e = explain_fit(&traineeship(), &s);
        // C1 reached and validated: 1,000; S2 self-assessed, one level of two: 700 / 2.
        assert_eq!(e.competence_points, 450 * (1000 + 350) / 2000);
        assert_eq!(e.competences[0].steps_short, 0);
        assert!(e.competences[0].covered && e.competences[0].validated);
        assert_eq!(e.competences[1].steps_short, 1);
        assert_eq!(e.hours_points, 300, "9-13 inside her 9-15");
        assert_eq!(e.job_minutes, 5 * 240);
        assert!(e.outside_availability.is_empty());
        let c = e.commute;
        assert_eq!(c.within_limit, Some(true));
        assert!(c.distance_km.unwrap() > 8.0 && c.distance_km.unwrap() < 9.0);
        assert_eq!(c.minutes, Some(36), "8.5 km at 20 km/h plus 10 minutes");
        assert_eq!(e.contract_wanted, Some(true));
        assert_eq!(
            e.score,
            e.competence_points + e.hours_points + e.commute_points + e.contract_points
        );
    }

    #[test]
    fn hours_outside_her_availability_are_named() {
        let mut o = traineeship();
        o.hours = weekdays("13:00", "17:00");
        let e = explain_fit(&o, &her(vec![]));
        assert_eq!(e.available_minutes, 5 * 120, "13-15 of 13-17");
        assert_eq!(e.hours_points, 150);
        assert_eq!(e.outside_availability.len(), 5);
        assert_eq!(e.outside_availability[0].from, t("15:00"));
    }

    #[test]
    fn remote_work_needs_no_journey_and_a_far_one_scores_none() {
        let mut o = traineeship();
        o.mode = WorkMode::Remote;
        o.place = None;
        assert_eq!(explain_fit(&o, &her(vec![])).commute_points, 150);
        let mut far = traineeship();
        far.place = Some(GeoPoint {
            lat: 46.07,
            lon: 11.12,
        });
        let e = explain_fit(&far, &her(vec![]));
        assert_eq!(e.commute.within_limit, Some(false));
        assert_eq!(e.commute_points, 0);
    }

    #[test]
    fn the_week_shows_the_gaps_a_job_would_open() {
        let on = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let plan = WeekPlan {
            job: Vec::new(),
            travel_minutes: 30,
            children: vec![ChildWeek {
                birth_year: 2017,
                school: weekdays("08:30", "12:30"),
            }],
            helpers: Vec::new(),
        };
        let gaps = gaps_if_taken(&plan, &[], &weekdays("09:00", "15:00"), on);
        // School ends at 12:30; the job and her journey back last until 15:30.
        assert_eq!(gaps.len(), 5);
        assert_eq!((gaps[0].from, gaps[0].to), (t("12:30"), t("15:30")));
        assert!(gaps_if_taken(&plan, &[], &weekdays("09:00", "12:00"), on).is_empty());
    }

    fn arb_level() -> impl Strategy<Value = Level> {
        prop::sample::select(vec![
            Level::Emerging,
            Level::Developing,
            Level::Established,
            Level::Strong,
        ])
    }

    fn arb_held() -> impl Strategy<Value = Vec<Held>> {
        prop::collection::vec(
            (
                prop::sample::select(vec!["C1", "C2", "S2", "P1"]),
                arb_level(),
                any::<bool>(),
            )
                .prop_map(|(c, l, v)| held(c, l, v)),
            0..5,
        )
    }

    fn arb_offered() -> impl Strategy<Value = Offered> {
        (
            any::<u128>(),
            prop::collection::vec(
                (
                    prop::sample::select(vec!["C1", "C2", "S2", "P1"]),
                    arb_level(),
                ),
                0..4,
            ),
            7u16..12,
            1u16..9,
            prop::sample::select(ContractType::ALL.to_vec()),
            prop::sample::select(WorkMode::ALL.to_vec()),
            -0.5f64..0.5,
        )
            .prop_map(|(id, sought, start, len, contract, mode, shift)| Offered {
                id: Uuid::from_u128(id),
                sought: sought
                    .into_iter()
                    .map(|(c, level)| Sought {
                        code: c.into(),
                        level,
                    })
                    .collect(),
                hours: weekdays(
                    &format!("{start:02}:00"),
                    &format!("{:02}:00", (start + len).min(23)),
                ),
                contract,
                mode,
                place: Some(GeoPoint {
                    lat: MILAN.lat + shift,
                    lon: MILAN.lon + shift,
                }),
            })
    }

    proptest! {
        #[test]
        fn the_ranking_is_the_same_whatever_the_order(
            mut offered in prop::collection::vec(arb_offered(), 0..8),
            held in arb_held(),
            seed in any::<u64>(),
        ) {
            let s = her(held);
            let first = rank_opportunities(&offered, &s);
            // A deterministic shuffle.
            let n = offered.len().max(1);
            offered.rotate_left((seed as usize) % n);
            offered.reverse();
            prop_assert_eq!(rank_opportunities(&offered, &s), first);
        }

        #[test]
        fn a_higher_level_never_lowers_a_score(
            o in arb_offered(),
            mut held in arb_held(),
            at in 0usize..5,
        ) {
            prop_assume!(!held.is_empty());
            let i = at % held.len();
            let before = explain_fit(&o, &her(held.clone())).score;
            held[i].level = Level::Strong;
            prop_assert!(explain_fit(&o, &her(held.clone())).score >= before);
            held[i].validated = true;
            prop_assert!(explain_fit(&o, &her(held)).score >= before);
        }

        #[test]
        fn children_care_and_breaks_never_change_a_score(
            o in arb_offered(),
            held in arb_held(),
            children in prop::collection::vec((1990i32..2026, any::<bool>()), 0..4),
            care_hours in 0u16..100,
            breaks in 0usize..3,
        ) {
            // Her profile as a match is given it, then with children, someone she cares for,
            // care hours and career breaks added: every score stays the same.
            let plain = ProfileParts { availability: availability(), ..ProfileParts::default() };
            let mut cared = plain.clone();
            cared.household = Household {
                children: Some(children.iter().map(|(y, s)| Child { birth_year: *y, special_needs: *s }).collect()),
                others_cared_for: Some(vec![CaredPerson {
                    relation: CaredRelation::Parent,
                    lives_with_her: true,
                    special_needs: true,
                }]),
                weekly_care_hours: Some(care_hours),
                helpers: Some(vec![Helper::Nobody]),
            };
            cared.work_history = WorkHistory {
                jobs: None,
                breaks: Some((0..breaks).map(|i| CareerBreak {
                    reason: BreakReason::CareOfChildren,
                    start: format!("201{i}-01"),
                    end: Some(format!("201{i}-12")),
                    experience: None,
                }).collect()),
            };
            let score = |p: &ProfileParts| {
                explain_fit(&o, &Seeker::from_profile(p, Some(SESTO), held.clone())).score
            };
            prop_assert_eq!(score(&cared), score(&plain));
        }
    }
}
