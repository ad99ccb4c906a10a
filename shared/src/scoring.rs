//! Scoring: deterministic and explained. For each competence, every answered item that
//! measures it gives a value from 0 to 100 —
//! - a self-rating: each answered context (home, work) maps 1…5 to 0, 25, 50, 75, 100, reversed
//!   for a reverse-keyed item, and the item's value is their mean;
//! - a situational choice: the chosen option's points for the competence over the most any
//!   option of the item gives it;
//! - an evidence story: the counsellor's rating 0…4 times 25 (not counted until rated) —
//!
//! and the score is the mean of those values, rounded half up. Integer arithmetic and a fixed
//! order (items by position) make the same answers always give the same result. It lives here so
//! that the server and the counsellor's review form (which shows the levels as she rates the
//! stories) compute exactly the same thing.

use std::collections::BTreeMap;

use crate::{
    Answer, CompetenceScore, Confidence, Contribution, Item, ItemKind, Level, RatingAnswer,
};
use uuid::Uuid;

/// `a / b` rounded half up (b > 0).
fn div_round(a: u32, b: u32) -> u32 {
    (2 * a + b) / (2 * b)
}

fn rating_value(v: Option<u8>, reverse: bool) -> Option<u32> {
    let v = u32::from(v.filter(|v| (1..=5).contains(v))?);
    let x = (v - 1) * 25;
    Some(if reverse { 100 - x } else { x })
}

/// The value (0–100) an item gives a competence, or `None` when it gives none (unanswered,
/// unrated, or an answer that does not fit the item).
fn item_value(item: &Item, code: &str, answer: Option<&Answer>, rating: Option<u8>) -> Option<u32> {
    match (item.kind, answer) {
        (ItemKind::SelfRating, Some(Answer::SelfRating(RatingAnswer { home, work }))) => {
            let values: Vec<u32> = [*home, *work]
                .into_iter()
                .filter_map(|v| rating_value(v, item.reverse_keyed))
                .collect();
            let n = u32::try_from(values.len()).ok().filter(|n| *n > 0)?;
            Some(div_round(values.iter().sum(), n))
        }
        (ItemKind::SituationalChoice, Some(Answer::SituationalChoice { option })) => {
            let points = |o: &crate::ChoiceOption| {
                o.scores
                    .iter()
                    .filter(|s| s.code == code)
                    .map(|s| u32::from(s.points))
                    .sum::<u32>()
            };
            let max = item.options.iter().map(points).max().filter(|m| *m > 0)?;
            let chosen = item.options.iter().find(|o| &o.key == option)?;
            Some(div_round(points(chosen) * 100, max))
        }
        (ItemKind::EvidenceStory, Some(Answer::EvidenceStory(_))) => {
            rating.filter(|r| *r <= 4).map(|r| u32::from(r) * 25)
        }
        _ => None,
    }
}

fn confidence(answered: u32, total: u32) -> Confidence {
    if answered < 2 {
        Confidence::Low
    } else if answered >= 4 && answered * 4 >= total * 3 {
        Confidence::High
    } else {
        Confidence::Medium
    }
}

/// Scores every competence of `codes` (in that order) from the answers and the counsellor's
/// story ratings.
pub fn score(
    codes: &[String],
    items: &[Item],
    answers: &BTreeMap<Uuid, Answer>,
    story_ratings: &BTreeMap<Uuid, u8>,
) -> Vec<CompetenceScore> {
    let mut ordered: Vec<&Item> = items.iter().collect();
    ordered.sort_by_key(|i| (i.position, i.id));
    codes
        .iter()
        .map(|code| {
            let measuring: Vec<&&Item> = ordered
                .iter()
                .filter(|i| i.competences.iter().any(|c| c == code))
                .collect();
            let contributions: Vec<Contribution> = measuring
                .iter()
                .filter_map(|item| {
                    let value = item_value(
                        item,
                        code,
                        answers.get(&item.id),
                        story_ratings.get(&item.id).copied(),
                    )?;
                    Some(Contribution {
                        item_id: item.id,
                        position: item.position,
                        kind: item.kind,
                        value: u8::try_from(value.min(100)).unwrap_or(100),
                        reverse_keyed: item.reverse_keyed,
                    })
                })
                .collect();
            let answered = u32::try_from(contributions.len()).unwrap_or(u32::MAX);
            let total = u32::try_from(measuring.len()).unwrap_or(u32::MAX);
            let score = (answered > 0).then(|| {
                let sum: u32 = contributions.iter().map(|c| u32::from(c.value)).sum();
                u8::try_from(div_round(sum, answered).min(100)).unwrap_or(100)
            });
            CompetenceScore {
                code: code.clone(),
                level: score.map(Level::of),
                score,
                items_answered: answered,
                items_total: total,
                confidence: confidence(answered, total),
                contributions,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test fails loudly")]

    use super::*;
    use crate::{ChoiceOption, LocalizedText, OptionScore, StoryAnswer};
    use proptest::prelude::*;

    fn text() -> LocalizedText {
        LocalizedText {
            it: "x".into(),
            en: "x".into(),
        }
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    /// Competence A: two self-ratings (one reverse-keyed), a choice and a story. B: the choice.
    fn items() -> Vec<Item> {
        let rating = |n: u128, reverse| Item {
            id: id(n),
            position: u32::try_from(n).unwrap(),
            kind: ItemKind::SelfRating,
            prompt: text(),
            competences: vec!["A".into()],
            reverse_keyed: reverse,
            options: vec![],
            estimated_seconds: 15,
        };
        let option = |key: &str, a: u8, b: u8| ChoiceOption {
            key: key.into(),
            text: text(),
            scores: vec![
                OptionScore {
                    code: "A".into(),
                    points: a,
                },
                OptionScore {
                    code: "B".into(),
                    points: b,
                },
            ],
        };
        vec![
            rating(1, false),
            rating(2, true),
            Item {
                id: id(3),
                position: 3,
                kind: ItemKind::SituationalChoice,
                prompt: text(),
                competences: vec!["A".into(), "B".into()],
                reverse_keyed: false,
                options: vec![option("a", 2, 0), option("b", 1, 2), option("c", 0, 1)],
                estimated_seconds: 40,
            },
            Item {
                id: id(4),
                position: 4,
                kind: ItemKind::EvidenceStory,
                prompt: text(),
                competences: vec!["A".into()],
                reverse_keyed: false,
                options: vec![],
                estimated_seconds: 120,
            },
        ]
    }

    fn codes() -> Vec<String> {
        vec!["A".into(), "B".into()]
    }

    fn rating(home: Option<u8>, work: Option<u8>) -> Answer {
        Answer::SelfRating(RatingAnswer { home, work })
    }

    #[test]
    fn a_worked_example() {
        let answers = BTreeMap::from([
            (id(1), rating(Some(5), Some(4))), // 100, 75 → 88
            (id(2), rating(Some(2), None)),    // reversed: 100 - 25 = 75
            (id(3), Answer::SituationalChoice { option: "b".into() }), // A: 1/2 → 50; B: 2/2 → 100
            (
                id(4),
                Answer::EvidenceStory(StoryAnswer {
                    situation: "s".into(),
                    action: "a".into(),
                    result: "r".into(),
                }),
            ),
        ]);
        // Before the counsellor rates the story, it does not count.
        let scores = score(&codes(), &items(), &answers, &BTreeMap::new());
        let a = &scores[0];
        assert_eq!(a.score, Some(71)); // (88 + 75 + 50) / 3 = 71
        assert_eq!(a.level, Some(Level::Established));
        assert_eq!((a.items_answered, a.items_total), (3, 4));
        assert_eq!(a.confidence, Confidence::Medium);
        let values: Vec<u8> = a.contributions.iter().map(|c| c.value).collect();
        assert_eq!(values, [88, 75, 50]);
        assert!(a.contributions[1].reverse_keyed);
        let b = &scores[1];
        assert_eq!((b.score, b.level), (Some(100), Some(Level::Strong)));
        assert_eq!(b.confidence, Confidence::Low);
        // Rated 3 of 4: 75 joins.
        let rated = score(&codes(), &items(), &answers, &BTreeMap::from([(id(4), 3)]));
        assert_eq!(rated[0].score, Some(72)); // (88 + 75 + 50 + 75) / 4 = 72
        assert_eq!(rated[0].confidence, Confidence::High);
    }

    #[test]
    fn nothing_answered_is_no_score_and_low_confidence() {
        let scores = score(&codes(), &items(), &BTreeMap::new(), &BTreeMap::new());
        assert!(
            scores
                .iter()
                .all(|s| s.score.is_none() && s.level.is_none())
        );
        assert!(scores.iter().all(|s| s.confidence == Confidence::Low));
    }

    #[test]
    fn answers_that_do_not_fit_are_not_counted() {
        let answers = BTreeMap::from([
            (id(1), rating(Some(9), Some(0))),
            (id(2), Answer::SituationalChoice { option: "a".into() }),
            (id(3), Answer::SituationalChoice { option: "z".into() }),
        ]);
        let scores = score(&codes(), &items(), &answers, &BTreeMap::new());
        assert_eq!(scores[0].items_answered, 0);
    }

    fn answer_strategy() -> impl Strategy<Value = BTreeMap<Uuid, Answer>> {
        let r = proptest::option::of(1u8..=5);
        (
            r.clone(),
            r.clone(),
            r.clone(),
            r,
            proptest::option::of(prop_oneof![Just("a"), Just("b"), Just("c")]),
        )
            .prop_map(|(h1, w1, h2, w2, choice)| {
                let mut m = BTreeMap::new();
                m.insert(id(1), rating(h1, w1));
                m.insert(id(2), rating(h2, w2));
                if let Some(c) = choice {
                    m.insert(id(3), Answer::SituationalChoice { option: c.into() });
                }
                m
            })
    }

    proptest! {
        #[test]
        fn the_same_answers_always_give_the_same_result(
            answers in answer_strategy(),
            rating in proptest::option::of(0u8..=4),
            rotate in 0usize..4,
        ) {
            let ratings: BTreeMap<Uuid, u8> = rating.map(|r| (id(4), r)).into_iter().collect();
            let first = score(&codes(), &items(), &answers, &ratings);
            // Items given in another order, answers rebuilt: the same result.
            let mut shuffled = items();
            shuffled.rotate_left(rotate);
            let rebuilt: BTreeMap<Uuid, Answer> = answers.clone().into_iter().rev().collect();
            prop_assert_eq!(&first, &score(&codes(), &shuffled, &rebuilt, &ratings));
            for s in &first {
                if let Some(v) = s.score {
                    prop_assert!(v <= 100);
                    prop_assert_eq!(s.level, Some(Level::of(v)));
                }
                prop_assert_eq!(s.items_answered as usize, s.contributions.len());
            }
        }

        #[test]
        fn a_higher_rating_never_lowers_a_score_unless_reverse_keyed(
            answers in answer_strategy(),
            home in 1u8..5,
        ) {
            for (item, reverse) in [(id(1), false), (id(2), true)] {
                let mut low = answers.clone();
                low.insert(item, rating(Some(home), None));
                let mut high = answers.clone();
                high.insert(item, rating(Some(home + 1), None));
                let a = score(&codes(), &items(), &low, &BTreeMap::new())[0].score.unwrap();
                let b = score(&codes(), &items(), &high, &BTreeMap::new())[0].score.unwrap();
                if reverse {
                    prop_assert!(b <= a);
                } else {
                    prop_assert!(b >= a);
                }
            }
        }
    }
}
