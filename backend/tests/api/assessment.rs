use std::collections::BTreeMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use reqwest::StatusCode;
use serde_json::{Value, json};
use shared::{
    Attempt, AttemptProgress, AttemptStatus, CompetenceArea, Framework, Instrument,
    InstrumentStatus, InstrumentSummary, Item, ItemKind, Level, Page, QueueEntry, Review,
};

use crate::db_tests;
use crate::helpers::*;

db_tests!(
    the_framework_names_every_competence_with_its_esco_group,
    the_seeded_instrument_covers_every_competence,
    instruments_need_a_signed_in_user,
    she_leaves_half_way_resumes_and_submits,
    answers_must_fit_their_item,
    attempts_are_hers_alone,
    retakes_wait_for_the_period_and_show_the_change,
    a_counsellor_of_her_agency_validates,
    admins_draft_publish_and_retire_versions,
    drafts_are_checked_rule_by_rule,
    her_validated_portfolio_as_json_ld_and_share_links,
    every_other_role_is_refused_where_it_does_not_belong,
    programme_editors_are_named_by_the_platform_operator,
    stories_and_validation_comments_refuse_nul_and_bidi,
    admins_publish_framework_versions_and_results_keep_theirs,
);

async fn the_framework_names_every_competence_with_its_esco_group(db: TestDb) {
    let app = spawn_app(&db).await;
    // Public reference data: no account needed.
    let res = app.get("/competencies", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    let framework: Framework = json(res).await;
    assert_eq!(framework.version, 1);
    let codes: Vec<&str> = framework
        .competences
        .iter()
        .map(|c| c.code.as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "P1", "P2", "P3", "S1", "S2", "S3", "L1", "L2", "L3", "C1", "C2", "C3", "C4", "C5",
            "C6"
        ]
    );
    let lifecomp = framework
        .competences
        .iter()
        .filter(|c| c.area != CompetenceArea::Parenting)
        .count();
    assert_eq!(lifecomp, 9);
    let names: Vec<&str> = framework
        .competences
        .iter()
        .map(|c| c.name.en.as_str())
        .collect();
    for expected in [
        "Self-regulation",
        "Flexibility",
        "Wellbeing",
        "Empathy",
        "Communication",
        "Collaboration",
        "Growth mindset",
        "Critical thinking",
        "Managing learning",
        "Time management and organisation",
        "Problem solving",
        "Negotiation and mediation",
        "Leadership and delegation",
        "Resilience",
        "Decision-making",
    ] {
        assert!(names.contains(&expected), "{expected}");
    }
    for c in &framework.competences {
        for text in [&c.name, &c.description, &c.at_home, &c.at_work] {
            assert!(
                !text.it.trim().is_empty() && !text.en.trim().is_empty(),
                "{}",
                c.code
            );
            assert_ne!(text.it, text.en, "{}: translated", c.code);
        }
        // An ESCO transversal skill group: `T<1-6>.<n>` and its concept URI.
        let (group, sub) = c.esco_code.trim_start_matches('T').split_once('.').unwrap();
        assert!(
            (1..=6).contains(&group.parse::<u8>().unwrap()) && sub.parse::<u8>().is_ok(),
            "{}",
            c.esco_code
        );
        let id = c
            .esco_uri
            .strip_prefix("http://data.europa.eu/esco/skill/")
            .unwrap();
        assert!(uuid::Uuid::parse_str(id).is_ok(), "{}", c.esco_uri);
    }
    // Planning and organising is T2.2.
    let c1 = framework
        .competences
        .iter()
        .find(|c| c.code == "C1")
        .unwrap();
    assert_eq!(c1.esco_code, "T2.2");
    assert_eq!(
        c1.esco_uri,
        "http://data.europa.eu/esco/skill/66fdc34c-2326-4baa-b8ff-7a1d1015fe3a"
    );
}

async fn the_seeded_instrument_covers_every_competence(db: TestDb) {
    let app = spawn_app(&db).await;
    let token = app.token_of("giulia.rossi@sinergia.example").await;
    let list: Vec<InstrumentSummary> =
        json(app.get("/assessment/instruments", Some(&token)).await).await;
    assert_eq!(list.len(), 1);
    let summary = &list[0];
    assert_eq!(summary.id, migrations::PARENTING_SKILLS_V1_ID);
    assert_eq!(summary.status, InstrumentStatus::Published);
    assert_eq!(summary.version, 1);
    assert!(
        (15..=20).contains(&summary.estimated_minutes),
        "{} minutes",
        summary.estimated_minutes
    );

    let res = app
        .get(
            &format!("/assessment/instruments/{}", summary.id),
            Some(&token),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let instrument: Instrument = json(res).await;
    assert_eq!(instrument.items.len() as u32, summary.item_count);
    let framework: Framework = json(app.get("/competencies", None).await).await;
    let mut per_competence: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, item) in instrument.items.iter().enumerate() {
        assert_eq!(item.position as usize, i + 1);
        assert!(!item.prompt.it.trim().is_empty() && !item.prompt.en.trim().is_empty());
        for code in &item.competences {
            assert!(
                framework.competences.iter().any(|c| &c.code == code),
                "{code}"
            );
            *per_competence.entry(code.as_str()).or_default() += 1;
        }
        match item.kind {
            ItemKind::SituationalChoice => {
                assert!(item.options.len() >= 3);
                for option in &item.options {
                    assert!(!option.text.it.is_empty() && !option.text.en.is_empty());
                    for s in &option.scores {
                        assert!(item.competences.contains(&s.code));
                        assert!(s.points <= 2);
                    }
                }
            }
            ItemKind::SelfRating | ItemKind::EvidenceStory => assert!(item.options.is_empty()),
        }
    }
    // Every competence measured by at least four items; all three kinds used; some reverse-keyed.
    for c in &framework.competences {
        let n = per_competence.get(c.code.as_str()).copied().unwrap_or(0);
        assert!(n >= 4, "{} has {n} items", c.code);
    }
    for kind in [
        ItemKind::SelfRating,
        ItemKind::SituationalChoice,
        ItemKind::EvidenceStory,
    ] {
        assert!(instrument.items.iter().any(|i| i.kind == kind), "{kind:?}");
    }
    assert!(instrument.items.iter().any(|i| i.reverse_keyed));
}

async fn instruments_need_a_signed_in_user(db: TestDb) {
    let app = spawn_app(&db).await;
    let id = migrations::PARENTING_SKILLS_V1_ID;
    expect_problem(
        app.get("/assessment/instruments", None).await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
    expect_problem(
        app.get(&format!("/assessment/instruments/{id}"), None)
            .await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
    // Every role may read a published instrument; an unknown id answers 404.
    for email in [
        "giulia.rossi@sinergia.example",
        "operatrice.trento@sinergia.example",
        "community.milano@sinergia.example",
        "admin.milano@sinergia.example",
    ] {
        let token = app.token_of(email).await;
        let res = app
            .get(&format!("/assessment/instruments/{id}"), Some(&token))
            .await;
        assert_eq!(res.status(), StatusCode::OK, "{email}");
        expect_problem(
            app.get(
                &format!("/assessment/instruments/{}", uuid::Uuid::now_v7()),
                Some(&token),
            )
            .await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
}

async fn instrument(app: &TestApp, token: &str) -> Instrument {
    json(
        app.get(
            &format!(
                "/assessment/instruments/{}",
                migrations::PARENTING_SKILLS_V1_ID
            ),
            Some(token),
        )
        .await,
    )
    .await
}

/// A good answer to an item: ratings high (low when reverse-keyed), the first option, a story.
fn answer(item: &Item, strong: bool) -> Value {
    match item.kind {
        ItemKind::SelfRating => {
            let v = if strong != item.reverse_keyed { 5 } else { 1 };
            json!({"kind": "self_rating", "home": v, "work": v})
        }
        ItemKind::SituationalChoice => {
            // Strong: the option giving the most points; weak: one giving none.
            let total = |o: &shared::ChoiceOption| o.scores.iter().map(|s| s.points).sum::<u8>();
            let option = if strong {
                item.options.iter().max_by_key(|o| total(o)).unwrap()
            } else {
                item.options.iter().find(|o| total(o) == 0).unwrap()
            };
            json!({"kind": "situational_choice", "option": option.key})
        }
        ItemKind::EvidenceStory => json!({"kind": "evidence_story",
            "situation": "Mio figlio si è ammalato a febbraio.",
            "action": "Ho riorganizzato la settimana con i nonni.",
            "result": "Nessuno ha perso giorni di scuola o di lavoro."}),
    }
}

async fn start(app: &TestApp, token: &str) -> (StatusCode, Attempt) {
    let res = app
        .post(
            "/assessment/attempts",
            &json!({ "instrument_id": migrations::PARENTING_SKILLS_V1_ID }),
            Some(token),
        )
        .await;
    let status = res.status();
    (status, json(res).await)
}

async fn put_answer(
    app: &TestApp,
    token: &str,
    attempt: uuid::Uuid,
    item: uuid::Uuid,
    body: &Value,
) -> reqwest::Response {
    app.put(
        &format!("/assessment/attempts/{attempt}/answers/{item}"),
        body,
        Some(token),
    )
    .await
}

async fn answer_all(app: &TestApp, token: &str, attempt: uuid::Uuid, items: &[Item], strong: bool) {
    for item in items {
        let res = put_answer(app, token, attempt, item.id, &answer(item, strong)).await;
        assert_eq!(res.status(), StatusCode::OK, "item {}", item.position);
    }
}

async fn she_leaves_half_way_resumes_and_submits(db: TestDb) {
    let app = spawn_app(&db).await;
    let (_, tokens) = app.new_jobseeker().await;
    let t = &tokens.access_token;
    let inst = instrument(&app, t).await;
    let (status, attempt) = start(&app, t).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(attempt.status, AttemptStatus::InProgress);
    assert_eq!((attempt.answered, attempt.next_position), (0, Some(1)));
    assert_eq!(attempt.remaining_minutes, inst.summary.estimated_minutes);

    // Half of the items, then she leaves.
    let half = inst.items.len() / 2;
    answer_all(&app, t, attempt.id, &inst.items[..half], true).await;
    // Changing an answer replaces it.
    let res = put_answer(
        &app,
        t,
        attempt.id,
        inst.items[0].id,
        &json!({"kind": "self_rating", "home": 4}),
    )
    .await;
    let p: AttemptProgress = json(res).await;
    assert_eq!(p.answered as usize, half);

    // Starting again resumes the same attempt where she was.
    let (status, resumed) = start(&app, t).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(resumed.id, attempt.id);
    assert_eq!(resumed.answered as usize, half);
    assert_eq!(resumed.next_position, Some(half as u32 + 1));
    assert!(resumed.remaining_minutes < attempt.remaining_minutes);
    let first = resumed
        .answers
        .iter()
        .find(|a| a.item_id == inst.items[0].id)
        .unwrap();
    assert_eq!(
        serde_json::to_value(&first.answer).unwrap(),
        json!({"kind": "self_rating", "home": 4, "work": null})
    );

    answer_all(&app, t, attempt.id, &inst.items[half..], true).await;
    let res = app
        .post_empty(
            &format!("/assessment/attempts/{}/submit", attempt.id),
            Some(t),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let done: Attempt = json(res).await;
    assert_eq!(done.status, AttemptStatus::Submitted);
    assert_eq!(done.next_position, None);
    assert_eq!(done.scores.len(), 15);
    for s in &done.scores {
        // Stories are not rated yet, so they do not count; everything else does.
        let stories = inst
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::EvidenceStory && i.competences.contains(&s.code))
            .count() as u32;
        assert_eq!(s.items_answered, s.items_total - stories, "{}", s.code);
        assert_eq!(s.level, Some(Level::of(s.score.unwrap())));
        assert_eq!(s.contributions.len() as u32, s.items_answered);
        // Her self-ratings were 5 (1 when reverse-keyed), one changed to 4: 100 or 75.
        for c in s
            .contributions
            .iter()
            .filter(|c| c.kind == ItemKind::SelfRating)
        {
            assert!(c.value >= 75, "{}: {:?}", s.code, c);
        }
    }
    assert!(done.retake_from.is_some());
    assert!(done.earlier.is_none());

    // Read-only now.
    expect_problem(
        put_answer(
            &app,
            t,
            attempt.id,
            inst.items[1].id,
            &answer(&inst.items[1], false),
        )
        .await,
        StatusCode::CONFLICT,
        "attempt_submitted",
    )
    .await;
    expect_problem(
        app.post_empty(
            &format!("/assessment/attempts/{}/submit", attempt.id),
            Some(t),
        )
        .await,
        StatusCode::CONFLICT,
        "attempt_submitted",
    )
    .await;
    let again: Attempt = json(
        app.get(&format!("/assessment/attempts/{}", attempt.id), Some(t))
            .await,
    )
    .await;
    assert_eq!(again.scores, done.scores);
    let mine: Vec<Attempt> = json(app.get("/assessment/attempts", Some(t)).await).await;
    assert_eq!(mine.len(), 1);
    // Her data download has it, answers and scores included.
    let export: shared::ProfileExport = json(app.get("/me/export", Some(t)).await).await;
    assert_eq!(export.assessments, mine);
}

async fn answers_must_fit_their_item(db: TestDb) {
    let app = spawn_app(&db).await;
    let (_, tokens) = app.new_jobseeker().await;
    let t = &tokens.access_token;
    let inst = instrument(&app, t).await;
    let (_, attempt) = start(&app, t).await;
    let rating = inst
        .items
        .iter()
        .find(|i| i.kind == ItemKind::SelfRating)
        .unwrap();
    let choice = inst
        .items
        .iter()
        .find(|i| i.kind == ItemKind::SituationalChoice)
        .unwrap();
    let story = inst
        .items
        .iter()
        .find(|i| i.kind == ItemKind::EvidenceStory)
        .unwrap();
    for (item, body, pointers) in [
        (
            rating,
            json!({"kind": "self_rating", "home": 6, "work": 0}),
            vec!["/home", "/work"],
        ),
        (rating, json!({"kind": "self_rating"}), vec!["/home"]),
        (
            rating,
            json!({"kind": "situational_choice", "option": "a"}),
            vec!["/kind"],
        ),
        (
            choice,
            json!({"kind": "situational_choice", "option": "z"}),
            vec!["/option"],
        ),
        (
            story,
            json!({"kind": "evidence_story", "situation": " ", "action": "x", "result": "y".repeat(2001)}),
            vec!["/situation", "/result"],
        ),
    ] {
        let p = expect_problem(
            put_answer(&app, t, attempt.id, item.id, &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        let got: Vec<&str> = p.errors.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(got, pointers, "{body}");
    }
    expect_problem(
        put_answer(&app, t, attempt.id, rating.id, &json!({"kind": "essay"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    // An item of no instrument of hers.
    expect_problem(
        put_answer(
            &app,
            t,
            attempt.id,
            uuid::Uuid::now_v7(),
            &json!({"kind": "self_rating", "home": 3}),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    // Nothing was stored; submitting with nothing answered is refused.
    let now: Attempt = json(
        app.get(&format!("/assessment/attempts/{}", attempt.id), Some(t))
            .await,
    )
    .await;
    assert_eq!(now.answered, 0);
    expect_problem(
        app.post_empty(
            &format!("/assessment/attempts/{}/submit", attempt.id),
            Some(t),
        )
        .await,
        StatusCode::CONFLICT,
        "nothing_answered",
    )
    .await;
}

async fn attempts_are_hers_alone(db: TestDb) {
    let app = spawn_app(&db).await;
    let (_, a) = app.new_jobseeker().await;
    let (_, b) = app.new_jobseeker().await;
    let inst = instrument(&app, &a.access_token).await;
    let (_, attempt) = start(&app, &a.access_token).await;
    let item = &inst.items[0];
    // Another jobseeker: 404 on every path of it.
    expect_problem(
        app.get(
            &format!("/assessment/attempts/{}", attempt.id),
            Some(&b.access_token),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        put_answer(
            &app,
            &b.access_token,
            attempt.id,
            item.id,
            &answer(item, true),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        app.post_empty(
            &format!("/assessment/attempts/{}/submit", attempt.id),
            Some(&b.access_token),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let theirs: Vec<Attempt> =
        json(app.get("/assessment/attempts", Some(&b.access_token)).await).await;
    assert!(theirs.is_empty());
    // Staff do not take instruments here; anonymous callers are refused.
    for email in [
        "operatrice.milano@sinergia.example",
        "community.milano@sinergia.example",
        "admin.milano@sinergia.example",
    ] {
        let t = app.token_of(email).await;
        expect_problem(
            app.post(
                "/assessment/attempts",
                &json!({"instrument_id": inst.summary.id}),
                Some(&t),
            )
            .await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
        expect_problem(
            app.get(&format!("/assessment/attempts/{}", attempt.id), Some(&t))
                .await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
        expect_problem(
            put_answer(&app, &t, attempt.id, item.id, &answer(item, true)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    expect_problem(
        app.get("/assessment/attempts", None).await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
    expect_problem(
        app.post(
            "/assessment/attempts",
            &json!({"instrument_id": inst.summary.id}),
            None,
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
    // An unknown instrument: 404.
    expect_problem(
        app.post(
            "/assessment/attempts",
            &json!({"instrument_id": uuid::Uuid::now_v7()}),
            Some(&a.access_token),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

async fn retakes_wait_for_the_period_and_show_the_change(db: TestDb) {
    // With the default period (90 days) a retake is refused at once.
    let app = spawn_app(&db).await;
    let (_, tokens) = app.new_jobseeker().await;
    let t = &tokens.access_token;
    let inst = instrument(&app, t).await;
    let (_, first) = start(&app, t).await;
    answer_all(&app, t, first.id, &inst.items, false).await;
    app.post_empty(
        &format!("/assessment/attempts/{}/submit", first.id),
        Some(t),
    )
    .await;
    let p = expect_problem(
        app.post(
            "/assessment/attempts",
            &json!({"instrument_id": inst.summary.id}),
            Some(t),
        )
        .await,
        StatusCode::CONFLICT,
        "retake_too_soon",
    )
    .await;
    assert!(!p.title.is_empty());

    // On a server whose period is 0 days she may retake at once, and sees how she changed.
    let app0 = spawn_app_with(&db, |s| s.assessment.retake_after_days = 0).await;
    let t0 = app0
        .login(&me_email(&app, t).await, "una frase lunga e mia")
        .await
        .access_token;
    let (status, second) = start(&app0, &t0).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_ne!(second.id, first.id);
    answer_all(&app0, &t0, second.id, &inst.items, true).await;
    let done: Attempt = json(
        app0.post_empty(
            &format!("/assessment/attempts/{}/submit", second.id),
            Some(&t0),
        )
        .await,
    )
    .await;
    let earlier = done.earlier.unwrap();
    assert_eq!(earlier.attempt_id, first.id);
    for (now, before) in done.scores.iter().zip(&earlier.scores) {
        assert_eq!(now.code, before.code);
        assert!(
            now.score > before.score,
            "{}: {:?} after {:?}",
            now.code,
            now.score,
            before.score
        );
    }
}

async fn me_email(app: &TestApp, token: &str) -> String {
    let me: shared::Me = json(app.get("/me", Some(token)).await).await;
    me.email
}

async fn a_counsellor_of_her_agency_validates(db: TestDb) {
    let app = spawn_app(&db).await;
    let (_, a) = app.new_jobseeker().await;
    let t = &a.access_token;
    let inst = instrument(&app, t).await;
    let (_, attempt) = start(&app, t).await;
    answer_all(&app, t, attempt.id, &inst.items, true).await;
    app.post_empty(
        &format!("/assessment/attempts/{}/submit", attempt.id),
        Some(t),
    )
    .await;

    let counsellor = app.token_of("operatrice.milano@sinergia.example").await;
    let other = app.token_of("operatrice.trento@sinergia.example").await;
    let community = app.token_of("community.milano@sinergia.example").await;
    let queue: Page<QueueEntry> =
        json(app.get("/staff/assessments/queue", Some(&counsellor)).await).await;
    assert_eq!(queue.items.len(), 1);
    assert_eq!(queue.items[0].attempt_id, attempt.id);
    let theirs: Page<QueueEntry> =
        json(app.get("/staff/assessments/queue", Some(&other)).await).await;
    assert!(theirs.items.is_empty());
    let review_url = format!("/staff/assessments/{}", attempt.id);
    let validate_url = format!("{review_url}/validation");
    expect_problem(
        app.get(&review_url, Some(&other)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        app.post(
            &validate_url,
            &json!({"story_ratings": [], "levels": []}),
            Some(&other),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    for token in [&community, t] {
        expect_problem(
            app.get("/staff/assessments/queue", Some(token)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
        expect_problem(
            app.get(&review_url, Some(token)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
        expect_problem(
            app.post(
                &validate_url,
                &json!({"story_ratings": [], "levels": []}),
                Some(token),
            )
            .await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }

    let review: Review = json(app.get(&review_url, Some(&counsellor)).await).await;
    assert!(review.validation.is_none());
    let stories: Vec<&Item> = inst
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::EvidenceStory)
        .collect();
    assert!(
        review
            .attempt
            .answers
            .iter()
            .any(|a| a.item_id == stories[0].id)
    );
    let confirm: Vec<Value> = review
        .attempt
        .scores
        .iter()
        .map(|s| json!({"code": s.code, "level": s.level.unwrap()}))
        .collect();
    let ratings: Vec<Value> = stories
        .iter()
        .map(|s| json!({"item_id": s.id, "rating": 4}))
        .collect();

    // What a validation needs.
    for (body, pointer, code) in [
        (
            json!({"story_ratings": [], "levels": confirm}),
            "/story_ratings",
            "stories_unrated",
        ),
        (
            json!({"story_ratings": [{"item_id": stories[0].id, "rating": 5}], "levels": confirm}),
            "/story_ratings/0/rating",
            "story_rating_out_of_range",
        ),
        (
            json!({"story_ratings": [{"item_id": inst.items[0].id, "rating": 2}], "levels": confirm}),
            "/story_ratings/0/item_id",
            "story_unknown",
        ),
        (
            json!({"story_ratings": ratings, "levels": confirm[..3]}),
            "/levels",
            "levels_incomplete",
        ),
        (
            json!({"story_ratings": ratings, "levels": [{"code": "Z9", "level": "strong"}]}),
            "/levels/0/code",
            "competence_unknown",
        ),
    ] {
        let p = expect_problem(
            app.post(&validate_url, &body, Some(&counsellor)).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert_eq!(p.errors[0].pointer, pointer, "{body}");
        assert_eq!(p.errors[0].code, code);
    }
    // An adjustment needs a comment: C1 moved to "emerging".
    let mut levels = confirm.clone();
    let c1 = levels.iter().position(|l| l["code"] == "C1").unwrap();
    levels[c1] = json!({"code": "C1", "level": "emerging"});
    let p = expect_problem(
        app.post(
            &validate_url,
            &json!({"story_ratings": ratings, "levels": levels}),
            Some(&counsellor),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].pointer, format!("/levels/{c1}/comment"));
    assert_eq!(p.errors[0].code, "adjustment_needs_comment");

    levels[c1] = json!({"code": "C1", "level": "developing", "comment": "Nel colloquio è emerso che la aiuta molto la madre."});
    let res = app
        .post(
            &validate_url,
            &json!({"story_ratings": ratings, "levels": levels}),
            Some(&counsellor),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let validated: Review = json(res).await;
    let v = validated.validation.unwrap();
    assert_eq!(validated.attempt.status, AttemptStatus::Validated);
    assert_eq!(v.validated_by_name, "Chiara Ferrari");
    assert_eq!(v.levels.len(), 15);
    let c1v = v.levels.iter().find(|l| l.code == "C1").unwrap();
    assert_eq!(c1v.validated, Level::Developing);
    assert!(c1v.computed.is_some());
    assert_ne!(c1v.computed, Some(Level::Developing));
    assert!(c1v.comment.is_some());
    // Rated stories now count in the computed scores.
    let c1s = validated
        .attempt
        .scores
        .iter()
        .find(|s| s.code == "C1")
        .unwrap();
    assert_eq!(c1s.items_answered, c1s.items_total);

    // She sees it; it leaves the queue; it is validated once.
    let mine: Attempt = json(
        app.get(&format!("/assessment/attempts/{}", attempt.id), Some(t))
            .await,
    )
    .await;
    assert_eq!(mine.validation.unwrap().levels, v.levels);
    let queue: Page<QueueEntry> =
        json(app.get("/staff/assessments/queue", Some(&counsellor)).await).await;
    assert!(queue.items.is_empty());
    expect_problem(
        app.post(
            &validate_url,
            &json!({"story_ratings": ratings, "levels": levels}),
            Some(&counsellor),
        )
        .await,
        StatusCode::CONFLICT,
        "already_validated",
    )
    .await;
}

fn draft(key: &str) -> Value {
    json!({
        "key": key,
        "title": {"it": "Prova breve", "en": "Short test"},
        "description": {"it": "Due domande.", "en": "Two questions."},
        "items": [
            {"kind": "self_rating", "prompt": {"it": "Pianifico la settimana.", "en": "I plan the week."},
             "competences": ["C1"], "estimated_seconds": 15},
            {"kind": "situational_choice", "prompt": {"it": "Sciopero a scuola.", "en": "School strike."},
             "competences": ["C2", "S3"], "estimated_seconds": 40,
             "options": [
                {"key": "a", "text": {"it": "Mi organizzo con un'altra mamma.", "en": "I team up with another parent."},
                 "scores": [{"code": "C2", "points": 2}, {"code": "S3", "points": 2}]},
                {"key": "b", "text": {"it": "Resto a casa.", "en": "I stay at home."}, "scores": []}
             ]}
        ]
    })
}

async fn admins_draft_publish_and_retire_versions(db: TestDb) {
    let app = spawn_app(&db).await;
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let (_, js) = app.new_jobseeker().await;
    let t = &js.access_token;
    // She has an attempt of version 1 in progress.
    let (_, open) = start(&app, t).await;

    // Only admins write instruments.
    for email in [
        "operatrice.milano@sinergia.example",
        "community.milano@sinergia.example",
    ] {
        let token = app.token_of(email).await;
        expect_problem(
            app.post(
                "/admin/instruments",
                &draft("parenting-skills"),
                Some(&token),
            )
            .await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    expect_problem(
        app.post("/admin/instruments", &draft("parenting-skills"), Some(t))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_problem(
        app.post("/admin/instruments", &draft("parenting-skills"), None)
            .await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;

    let res = app
        .post(
            "/admin/instruments",
            &draft("parenting-skills"),
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let v2: Instrument = json(res).await;
    assert_eq!(
        (v2.summary.version, v2.summary.status),
        (2, InstrumentStatus::Draft)
    );
    assert_eq!(v2.items.len(), 2);
    // A draft is invisible to everyone but admins.
    let listed: Vec<InstrumentSummary> =
        json(app.get("/assessment/instruments", Some(t)).await).await;
    assert!(listed.iter().all(|i| i.id != v2.summary.id));
    expect_problem(
        app.get(
            &format!("/assessment/instruments/{}", v2.summary.id),
            Some(t),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let all: Vec<InstrumentSummary> =
        json(app.get("/assessment/instruments", Some(&admin)).await).await;
    assert_eq!(all.len(), 2);
    expect_problem(
        app.post(
            "/assessment/attempts",
            &json!({"instrument_id": v2.summary.id}),
            Some(t),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    // A draft is edited; its key stays.
    let mut edited = draft("parenting-skills");
    edited["title"]["en"] = json!("A short test");
    let v2e: Instrument = json(
        app.put(
            &format!("/admin/instruments/{}", v2.summary.id),
            &edited,
            Some(&admin),
        )
        .await,
    )
    .await;
    assert_eq!(v2e.summary.title.en, "A short test");
    let p = expect_problem(
        app.put(
            &format!("/admin/instruments/{}", v2.summary.id),
            &draft("other-key"),
            Some(&admin),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].code, "key_changed");

    // Publishing retires version 1; neither can be edited any more.
    let published: Instrument = json(
        app.post_empty(
            &format!("/admin/instruments/{}/publish", v2.summary.id),
            Some(&admin),
        )
        .await,
    )
    .await;
    assert_eq!(published.summary.status, InstrumentStatus::Published);
    assert!(published.summary.published_at.is_some());
    let v1 = migrations::PARENTING_SKILLS_V1_ID;
    for id in [v2.summary.id, v1] {
        expect_problem(
            app.put(
                &format!("/admin/instruments/{id}"),
                &draft("parenting-skills"),
                Some(&admin),
            )
            .await,
            StatusCode::CONFLICT,
            "instrument_not_draft",
        )
        .await;
        expect_problem(
            app.post_empty(&format!("/admin/instruments/{id}/publish"), Some(&admin))
                .await,
            StatusCode::CONFLICT,
            "instrument_not_draft",
        )
        .await;
    }
    let old: Instrument = json(
        app.get(&format!("/assessment/instruments/{v1}"), Some(&admin))
            .await,
    )
    .await;
    assert_eq!(old.summary.status, InstrumentStatus::Retired);
    assert_eq!(old.items.len(), inst_len(&app, &admin, v1).await);
    // A retired version stays readable to her (her results point to it), not listed.
    let hers: Instrument = json(
        app.get(&format!("/assessment/instruments/{v1}"), Some(t))
            .await,
    )
    .await;
    assert_eq!(hers.items.len(), old.items.len());
    let listed: Vec<shared::InstrumentSummary> =
        json(app.get("/assessment/instruments", Some(t)).await).await;
    assert!(listed.iter().all(|i| i.id != v1));
    // Her attempt keeps pointing to version 1: starting the new version resumes it.
    let (status, resumed) = start_instrument(&app, t, v2.summary.id).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!((resumed.id, resumed.instrument_id), (open.id, v1));

    // Retired: no new attempts; retiring twice is refused.
    let retired: Instrument = json(
        app.post_empty(
            &format!("/admin/instruments/{}/retire", v2.summary.id),
            Some(&admin),
        )
        .await,
    )
    .await;
    assert_eq!(retired.summary.status, InstrumentStatus::Retired);
    expect_problem(
        app.post_empty(
            &format!("/admin/instruments/{}/retire", v2.summary.id),
            Some(&admin),
        )
        .await,
        StatusCode::CONFLICT,
        "instrument_not_published",
    )
    .await;
    let (_, other) = app.new_jobseeker().await;
    expect_problem(
        app.post(
            "/assessment/attempts",
            &json!({"instrument_id": v2.summary.id}),
            Some(&other.access_token),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        app.post_empty(
            &format!("/admin/instruments/{}/publish", uuid::Uuid::now_v7()),
            Some(&admin),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

async fn inst_len(app: &TestApp, token: &str, id: uuid::Uuid) -> usize {
    let i: Instrument = json(
        app.get(&format!("/assessment/instruments/{id}"), Some(token))
            .await,
    )
    .await;
    i.items.len()
}

async fn start_instrument(app: &TestApp, token: &str, id: uuid::Uuid) -> (StatusCode, Attempt) {
    let res = app
        .post(
            "/assessment/attempts",
            &json!({ "instrument_id": id }),
            Some(token),
        )
        .await;
    let status = res.status();
    (status, json(res).await)
}

async fn drafts_are_checked_rule_by_rule(db: TestDb) {
    let app = spawn_app(&db).await;
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let mut bad = draft("Not A Key!");
    bad["title"]["en"] = json!(" ");
    bad["items"][0]["competences"] = json!(["C1", "Z9", "C1"]);
    bad["items"][0]["options"] =
        json!([{"key": "a", "text": {"it": "x", "en": "x"}, "scores": []}]);
    bad["items"][0]["estimated_seconds"] = json!(1);
    bad["items"][1]["options"][1]["key"] = json!("a");
    bad["items"][1]["options"][0]["scores"] =
        json!([{"code": "C2", "points": 3}, {"code": "L1", "points": 1}]);
    let p = expect_problem(
        app.post("/admin/instruments", &bad, Some(&admin)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let got: Vec<(String, String)> = p
        .errors
        .iter()
        .map(|e| (e.pointer.clone(), e.code.to_string()))
        .collect();
    let want: Vec<(String, String)> = [
        ("/key", "key_invalid"),
        ("/title/en", "required"),
        ("/items/0/competences/1", "competence_unknown"),
        ("/items/0/competences/2", "duplicate_value"),
        ("/items/0/estimated_seconds", "number_out_of_range"),
        ("/items/0/options", "options_not_allowed"),
        ("/items/1/options/0/scores/0/points", "number_out_of_range"),
        (
            "/items/1/options/0/scores/1/code",
            "competence_not_measured",
        ),
        ("/items/1/options/1/key", "option_key_invalid"),
        ("/items/1/competences/1", "competence_never_scored"),
    ]
    .iter()
    .map(|(p, c)| ((*p).to_owned(), (*c).to_owned()))
    .collect();
    assert_eq!(got, want);
    let mut empty = draft("new-key");
    empty["items"] = json!([]);
    let p = expect_problem(
        app.post("/admin/instruments", &empty, Some(&admin)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].pointer, "/items");
    // Nothing was stored; a good new key starts at version 1.
    let created: Instrument = json(
        app.post("/admin/instruments", &draft("new-key"), Some(&admin))
            .await,
    )
    .await;
    assert_eq!(created.summary.version, 1);
    let all: Vec<InstrumentSummary> =
        json(app.get("/assessment/instruments", Some(&admin)).await).await;
    assert_eq!(all.len(), 2);
}

/// A jobseeker of Milan with a validated attempt: (her token, the attempt id).
pub(crate) async fn validated_attempt(app: &TestApp) -> (String, uuid::Uuid) {
    let (_, js) = app.new_jobseeker().await;
    let t = js.access_token;
    let inst = instrument(app, &t).await;
    let (_, attempt) = start(app, &t).await;
    answer_all(app, &t, attempt.id, &inst.items, true).await;
    app.post_empty(
        &format!("/assessment/attempts/{}/submit", attempt.id),
        Some(&t),
    )
    .await;
    let counsellor = app.token_of("operatrice.milano@sinergia.example").await;
    let review: Review = json(
        app.get(
            &format!("/staff/assessments/{}", attempt.id),
            Some(&counsellor),
        )
        .await,
    )
    .await;
    let levels: Vec<Value> = review
        .attempt
        .scores
        .iter()
        .map(|s| json!({"code": s.code, "level": s.level.unwrap()}))
        .collect();
    let ratings: Vec<Value> = inst
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::EvidenceStory)
        .map(|i| json!({"item_id": i.id, "rating": 4}))
        .collect();
    // Ratings of 4 may move a computed level: confirm what the scores say with the ratings.
    let mut body = json!({"story_ratings": ratings, "levels": levels});
    let res = app
        .post(
            &format!("/staff/assessments/{}/validation", attempt.id),
            &body,
            Some(&counsellor),
        )
        .await;
    if res.status() != StatusCode::OK {
        let p: shared::Problem = json(res).await;
        for e in &p.errors {
            let i: usize = e.pointer.split('/').nth(2).unwrap().parse().unwrap();
            body["levels"][i]["comment"] = json!("Confermato nel colloquio.");
        }
        let res = app
            .post(
                &format!("/staff/assessments/{}/validation", attempt.id),
                &body,
                Some(&counsellor),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    (t, attempt.id)
}

async fn her_validated_portfolio_as_json_ld_and_share_links(db: TestDb) {
    let app = spawn_app(&db).await;
    // Before validation: 409.
    let (_, fresh) = app.new_jobseeker().await;
    let inst = instrument(&app, &fresh.access_token).await;
    let (_, pending) = start(&app, &fresh.access_token).await;
    answer_all(
        &app,
        &fresh.access_token,
        pending.id,
        &inst.items[..3],
        true,
    )
    .await;
    app.post_empty(
        &format!("/assessment/attempts/{}/submit", pending.id),
        Some(&fresh.access_token),
    )
    .await;
    expect_problem(
        app.get(
            &format!("/assessment/attempts/{}/portfolio", pending.id),
            Some(&fresh.access_token),
        )
        .await,
        StatusCode::CONFLICT,
        "not_validated",
    )
    .await;

    let (t, id) = validated_attempt(&app).await;
    let res = app
        .get(&format!("/assessment/attempts/{id}/portfolio"), Some(&t))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let portfolio: shared::Portfolio = json(res).await;
    assert_eq!(portfolio.competences.len(), 15);
    assert_eq!(portfolio.validated_by_name, "Chiara Ferrari");
    assert_eq!(portfolio.agency_name, "Agenzia per il lavoro di Milano");
    let ranks: Vec<Level> = portfolio.competences.iter().map(|c| c.level).collect();
    let mut sorted = ranks.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(ranks, sorted, "strongest first");
    // Another jobseeker: 404.
    expect_problem(
        app.get(
            &format!("/assessment/attempts/{id}/portfolio"),
            Some(&fresh.access_token),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    // JSON-LD names every competence's ESCO URI.
    let res = app
        .get_in(
            &format!("/assessment/attempts/{id}/portfolio.jsonld"),
            &t,
            "en",
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/ld+json");
    let ld: Value = json(res).await;
    assert_eq!(ld["@context"], "https://schema.org");
    let terms = ld["knowsAbout"].as_array().unwrap();
    assert_eq!(terms.len(), 15);
    for (term, c) in terms.iter().zip(&portfolio.competences) {
        assert_eq!(term["@id"], c.esco_uri.as_str());
        assert_eq!(term["termCode"], c.esco_code.as_str());
        assert_eq!(term["name"], c.name.en.as_str());
    }

    // PDF, in either language (the query wins over Accept-Language), as an attachment.
    for (query, lang) in [("", "it"), ("?lang=en", "en")] {
        let res = app
            .get_in(
                &format!("/assessment/attempts/{id}/portfolio.pdf{query}"),
                &t,
                "it",
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["content-type"], "application/pdf");
        assert_eq!(
            res.headers()["content-disposition"],
            format!("attachment; filename=\"sinergia-portfolio-{lang}.pdf\"").as_str()
        );
        let bytes = res.bytes().await.unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "a PDF");
        assert!(
            bytes.len() > 1_000 && bytes.len() < 200_000,
            "{}",
            bytes.len()
        );
    }
    expect_problem(
        app.get(
            &format!("/assessment/attempts/{id}/portfolio.pdf?lang=de"),
            Some(&t),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "invalid_query",
    )
    .await;
    for (attempt, token, status, code) in [
        (
            pending.id,
            &fresh.access_token,
            StatusCode::CONFLICT,
            "not_validated",
        ),
        (id, &fresh.access_token, StatusCode::NOT_FOUND, "not_found"),
    ] {
        expect_problem(
            app.get(
                &format!("/assessment/attempts/{attempt}/portfolio.pdf"),
                Some(token),
            )
            .await,
            status,
            code,
        )
        .await;
    }

    // Share links: duration checked; the link works without an account until revoked.
    for days in [0, 91] {
        expect_problem(
            app.post(
                "/me/portfolio-shares",
                &json!({"attempt_id": id, "expires_in_days": days}),
                Some(&t),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
    }
    expect_problem(
        app.post(
            "/me/portfolio-shares",
            &json!({"attempt_id": pending.id, "expires_in_days": 7}),
            Some(&fresh.access_token),
        )
        .await,
        StatusCode::CONFLICT,
        "not_validated",
    )
    .await;
    let staff = app.token_of("operatrice.milano@sinergia.example").await;
    expect_problem(
        app.post(
            "/me/portfolio-shares",
            &json!({"attempt_id": id, "expires_in_days": 7}),
            Some(&staff),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let res = app
        .post(
            "/me/portfolio-shares",
            &json!({"attempt_id": id, "expires_in_days": 7}),
            Some(&t),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let share: shared::Share = json(res).await;
    let url = share.url.clone().unwrap();
    let token = url.split("#token=").nth(1).unwrap().to_owned();
    assert!(url.starts_with("http://localhost:8080/portfolio/shared#token="));
    let opened = app
        .post("/shared-portfolios", &json!({"token": token}), None)
        .await;
    assert_eq!(opened.status(), StatusCode::OK);
    let seen: shared::Portfolio = json(opened).await;
    assert_eq!(seen, portfolio);
    app.post("/shared-portfolios", &json!({"token": token}), None)
        .await;
    let shares: Vec<shared::Share> = json(app.get("/me/portfolio-shares", Some(&t)).await).await;
    assert_eq!(
        (shares.len(), shares[0].views, shares[0].url.clone()),
        (1, 2, None)
    );
    let views = backend::entities::audit_log::Entity::find()
        .filter(backend::entities::audit_log::Column::Action.eq("portfolio_share_viewed"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(views.len(), 2);
    assert_eq!(views[0].target_id, Some(share.id));
    expect_problem(
        app.post("/shared-portfolios", &json!({"token": "made-up"}), None)
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    // Someone else cannot revoke it; she can, at once.
    expect_problem(
        app.post_empty(
            &format!("/me/portfolio-shares/{}/revoke", share.id),
            Some(&fresh.access_token),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let revoked: shared::Share = json(
        app.post_empty(
            &format!("/me/portfolio-shares/{}/revoke", share.id),
            Some(&t),
        )
        .await,
    )
    .await;
    assert!(revoked.revoked_at.is_some());
    expect_problem(
        app.post("/shared-portfolios", &json!({"token": token}), None)
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    // An expired link answers 404 too.
    let res = app
        .post(
            "/me/portfolio-shares",
            &json!({"attempt_id": id, "expires_in_days": 1}),
            Some(&t),
        )
        .await;
    let second: shared::Share = json(res).await;
    let token2 = second
        .url
        .unwrap()
        .split("#token=")
        .nth(1)
        .unwrap()
        .to_owned();
    assert_eq!(
        app.post("/shared-portfolios", &json!({"token": token2}), None)
            .await
            .status(),
        StatusCode::OK
    );
    backend::entities::portfolio_share::Entity::update_many()
        .col_expr(
            backend::entities::portfolio_share::Column::ExpiresAt,
            sea_orm::sea_query::Expr::value(chrono::Utc::now() - chrono::Duration::seconds(1)),
        )
        .filter(backend::entities::portfolio_share::Column::Id.eq(second.id))
        .exec(&app.db)
        .await
        .unwrap();
    expect_problem(
        app.post("/shared-portfolios", &json!({"token": token2}), None)
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

/// The who-may-not of the endpoints the scenarios above use only as their owner.
async fn every_other_role_is_refused_where_it_does_not_belong(db: TestDb) {
    let app = spawn_app(&db).await;
    let (t, id) = validated_attempt(&app).await;
    let v1 = migrations::PARENTING_SKILLS_V1_ID;
    let counsellor = app.token_of("operatrice.milano@sinergia.example").await;
    let community = app.token_of("community.milano@sinergia.example").await;
    // Writing instruments: the programme's editors only — not another agency's admin, who
    // would change what Milan's jobseekers are taking.
    let trento = app.token_of("admin.trento@sinergia.example").await;
    expect_problem(
        app.post(
            "/admin/instruments",
            &draft("parenting-skills"),
            Some(&trento),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    for token in [&counsellor, &community, &t, &trento] {
        expect_problem(
            app.put(
                &format!("/admin/instruments/{v1}"),
                &draft("parenting-skills"),
                Some(token),
            )
            .await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
        expect_problem(
            app.post_empty(&format!("/admin/instruments/{v1}/publish"), Some(token))
                .await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
        expect_problem(
            app.post_empty(&format!("/admin/instruments/{v1}/retire"), Some(token))
                .await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    for path in [
        format!("/admin/instruments/{v1}/publish"),
        format!("/admin/instruments/{v1}/retire"),
    ] {
        expect_problem(
            app.post_empty(&path, None).await,
            StatusCode::UNAUTHORIZED,
            "missing_token",
        )
        .await;
    }
    // Her attempts, portfolio and links: staff are refused, and so is anyone signed out.
    for token in [&counsellor, &community] {
        expect_problem(
            app.get("/assessment/attempts", Some(token)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
        expect_problem(
            app.post_empty(&format!("/assessment/attempts/{id}/submit"), Some(token))
                .await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
        expect_problem(
            app.get(&format!("/assessment/attempts/{id}/portfolio"), Some(token))
                .await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
        for ext in ["jsonld", "pdf"] {
            expect_problem(
                app.get(
                    &format!("/assessment/attempts/{id}/portfolio.{ext}"),
                    Some(token),
                )
                .await,
                StatusCode::FORBIDDEN,
                "forbidden",
            )
            .await;
        }
        expect_problem(
            app.get("/me/portfolio-shares", Some(token)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    for path in [
        format!("/assessment/attempts/{id}"),
        format!("/assessment/attempts/{id}/portfolio"),
        format!("/assessment/attempts/{id}/portfolio.jsonld"),
        format!("/assessment/attempts/{id}/portfolio.pdf"),
        "/me/portfolio-shares".to_owned(),
        "/staff/assessments/queue".to_owned(),
        format!("/staff/assessments/{id}"),
    ] {
        expect_problem(
            app.get(&path, None).await,
            StatusCode::UNAUTHORIZED,
            "missing_token",
        )
        .await;
    }
    // Another jobseeker: her JSON-LD is not found, and his own lists are empty.
    let (_, other) = app.new_jobseeker().await;
    expect_problem(
        app.get(
            &format!("/assessment/attempts/{id}/portfolio.jsonld"),
            Some(&other.access_token),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let shares: Vec<shared::Share> = json(
        app.get("/me/portfolio-shares", Some(&other.access_token))
            .await,
    )
    .await;
    assert!(shares.is_empty());
    // Her own calls still work.
    assert_eq!(
        app.get("/me/portfolio-shares", Some(&t)).await.status(),
        StatusCode::OK
    );
}

async fn admins_publish_framework_versions_and_results_keep_theirs(db: TestDb) {
    let app = spawn_app(&db).await;
    // The programme's editor (an admin of Milan, in the demo).
    let admin = app.token_of("admin.milano@sinergia.example").await;
    // A validated result made with version 1.
    let (t, validated) = validated_attempt(&app).await;
    let v1: Framework = json(app.get("/competencies", None).await).await;
    assert_eq!(v1.version, 1);

    // Only admins.
    let body = |f: &Framework| json!({"base_version": f.version, "competences": f.competences});
    for token in [
        app.token_of("operatrice.milano@sinergia.example").await,
        app.token_of("community.milano@sinergia.example").await,
        t.clone(),
    ] {
        for res in [
            app.post("/admin/framework/versions", &body(&v1), Some(&token))
                .await,
            app.get("/admin/framework/versions", Some(&token)).await,
        ] {
            expect_problem(res, StatusCode::FORBIDDEN, "forbidden").await;
        }
    }
    // An agency's admin who is not one of the programme's editors reads the versions but
    // does not publish one for every agency.
    let trento = app.token_of("admin.trento@sinergia.example").await;
    assert_eq!(
        app.get("/admin/framework/versions", Some(&trento))
            .await
            .status(),
        StatusCode::OK
    );
    let mut changed = v1.clone();
    changed.competences[0].name.en = "Self-regulation (Trento)".to_owned();
    expect_problem(
        app.post("/admin/framework/versions", &body(&changed), Some(&trento))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_problem(
        app.post("/admin/framework/versions", &body(&v1), None)
            .await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;

    // Every rule, each at its pointer; nothing is published.
    let mut bad = v1.clone();
    bad.competences[0].code = "p1".into();
    bad.competences[1].code = "P1".into();
    bad.competences[2].esco_code = "X2".into();
    bad.competences[3].esco_uri = "https://example.org/skill".into();
    bad.competences[4].name.en = "  ".into();
    bad.competences[5].at_work.it = "a\u{0007}b".into();
    bad.competences[6].description.it = "x".repeat(2001);
    let p = expect_problem(
        app.post("/admin/framework/versions", &body(&bad), Some(&admin))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let pointers: Vec<(&str, &str)> = p
        .errors
        .iter()
        .map(|e| (e.pointer.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        pointers,
        [
            ("/competences/0/code", "competence_code_invalid"),
            ("/competences/2/esco_code", "esco_code_invalid"),
            ("/competences/3/esco_uri", "esco_uri_invalid"),
            ("/competences/4/name/en", "required"),
            ("/competences/5/at_work/it", "text_invalid"),
            ("/competences/6/description/it", "text_too_long"),
        ]
    );
    let mut dup = v1.clone();
    dup.competences[1].code = "P1".into();
    let p = expect_problem(
        app.post("/admin/framework/versions", &body(&dup), Some(&admin))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].pointer, "/competences/1/code");
    assert_eq!(p.errors[0].code, "duplicate_value");
    let mut none = v1.clone();
    none.competences.clear();
    expect_problem(
        app.post("/admin/framework/versions", &body(&none), Some(&admin))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    expect_problem(
        app.post("/admin/framework/versions", &body(&v1), Some(&admin))
            .await,
        StatusCode::CONFLICT,
        "framework_unchanged",
    )
    .await;
    let versions: Vec<Framework> =
        json(app.get("/admin/framework/versions", Some(&admin)).await).await;
    assert_eq!(versions.len(), 1);

    // Version 2: C6 renamed (texts trimmed), C5 removed.
    let mut v2 = v1.clone();
    v2.competences[14].name.it = "  Prendere decisioni  ".into();
    v2.competences.retain(|c| c.code != "C5");
    let res = app
        .post("/admin/framework/versions", &body(&v2), Some(&admin))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let published: Framework = json(res).await;
    assert_eq!(published.version, 2);
    assert_eq!(published.competences.len(), 14);
    assert_eq!(published.competences[13].name.it, "Prendere decisioni");
    let current: Framework = json(app.get("/competencies", None).await).await;
    assert_eq!(current, published);
    // Published from a stale base: 409, nothing written.
    expect_problem(
        app.post("/admin/framework/versions", &body(&v1), Some(&admin))
            .await,
        StatusCode::CONFLICT,
        "framework_changed",
    )
    .await;
    let versions: Vec<Framework> =
        json(app.get("/admin/framework/versions", Some(&admin)).await).await;
    assert_eq!(
        versions.iter().map(|f| f.version).collect::<Vec<_>>(),
        [2, 1]
    );
    assert_eq!(versions[1], v1);

    // Her result keeps version 1's names; new drafts use version 2 (C5 is gone).
    let portfolio: shared::Portfolio = json(
        app.get(
            &format!("/assessment/attempts/{validated}/portfolio"),
            Some(&t),
        )
        .await,
    )
    .await;
    let c6 = portfolio
        .competences
        .iter()
        .find(|c| c.code == "C6")
        .unwrap();
    assert_eq!(c6.name, v1.competences[14].name);
    assert!(portfolio.competences.iter().any(|c| c.code == "C5"));
    let mut with_c5 = draft("framework-two");
    with_c5["items"][0]["competences"] = json!(["C5"]);
    let p = expect_problem(
        app.post("/admin/instruments", &with_c5, Some(&admin)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].pointer, "/items/0/competences/0");
    assert_eq!(p.errors[0].code, "competence_unknown");
    let res = app
        .post("/admin/instruments", &draft("framework-two"), Some(&admin))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let created: Instrument = json(res).await;
    assert_eq!(created.summary.framework_version, 2);
}

async fn programme_editors_are_named_by_the_platform_operator(db: TestDb) {
    // The operator's command writes the database from its own process: a running instance
    // sees it when it next reads her account, at most `session_cache_seconds` later (at once
    // with a broker, which the command tells). One second here.
    let app = spawn_app_with(&db, |s| s.auth.session_cache_seconds = 1).await;
    let milano = app.token_of("admin.milano@sinergia.example").await;
    let trento = app.token_of("admin.trento@sinergia.example").await;
    assert!(me(&app, &milano).await.programme_editor);
    assert!(!me(&app, &trento).await.programme_editor);
    let v1: Framework = json(app.get("/competencies", None).await).await;
    let mut next = v1.clone();
    next.competences[0].name.en = "Self-regulation and self-care".to_owned();
    let body = json!({"base_version": 1, "competences": next.competences});
    expect_problem(
        app.post("/admin/framework/versions", &body, Some(&trento))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    // The operator names her (the `sinergia programme-editor grant` command): she may, as soon
    // as the instance reads her account again.
    backend::admin::service::set_programme_editor(&app.db, "Admin.Trento@sinergia.example", true)
        .await
        .unwrap();
    let named = async {
        while !me(&app, &trento).await.programme_editor {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(3), named)
        .await
        .expect("named within the session cache's second");
    let res = app
        .post("/admin/framework/versions", &body, Some(&trento))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    // Revoked: refused again, on the same token.
    backend::admin::service::set_programme_editor(&app.db, "admin.trento@sinergia.example", false)
        .await
        .unwrap();
    let unnamed = async {
        while me(&app, &trento).await.programme_editor {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(3), unnamed)
        .await
        .expect("unnamed within the session cache's second");
    let body = json!({"base_version": 2, "competences": v1.competences});
    expect_problem(
        app.post("/admin/framework/versions", &body, Some(&trento))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    // Only an active admin account can be one; both changes are audited.
    for email in ["operatrice.trento@sinergia.example", "nobody@example.org"] {
        assert!(
            backend::admin::service::set_programme_editor(&app.db, email, true)
                .await
                .is_err()
        );
    }
    use sea_orm::{ConnectionTrait, Statement};
    let row = app
        .db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'programme_editor_%'",
        ))
        .await
        .unwrap()
        .unwrap();
    let n: i64 = row.try_get("", "n").unwrap();
    assert_eq!(n, 2);
}

async fn me(app: &TestApp, token: &str) -> shared::Me {
    json(app.get("/me", Some(token)).await).await
}

async fn stories_and_validation_comments_refuse_nul_and_bidi(db: TestDb) {
    let app = spawn_app(&db).await;
    let (_, js) = app.new_jobseeker().await;
    let t = js.access_token;
    let inst = instrument(&app, &t).await;
    let (_, attempt) = start(&app, &t).await;
    let story = inst
        .items
        .iter()
        .find(|i| i.kind == ItemKind::EvidenceStory)
        .unwrap();
    for (field, text) in [
        ("situation", "Febbraio\u{0}"),
        ("action", "Ho \u{202E}fatto"),
        ("result", "Bene\u{FEFF}"),
    ] {
        let mut body = answer(story, true);
        body[field] = json!(text);
        let p = expect_problem(
            put_answer(&app, &t, attempt.id, story.id, &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert_eq!(
            (p.errors[0].pointer.as_str(), p.errors[0].code.as_str()),
            (format!("/{field}").as_str(), "text_invalid")
        );
    }
    answer_all(&app, &t, attempt.id, &inst.items, true).await;
    let res = app
        .post_empty(
            &format!("/assessment/attempts/{}/submit", attempt.id),
            Some(&t),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let counsellor = app.token_of("operatrice.milano@sinergia.example").await;
    let review: Review = json(
        app.get(
            &format!("/staff/assessments/{}", attempt.id),
            Some(&counsellor),
        )
        .await,
    )
    .await;
    let levels: Vec<Value> = review
        .attempt
        .scores
        .iter()
        .map(|s| json!({"code": s.code, "level": s.level.unwrap(), "comment": "Visto\u{0} al colloquio"}))
        .collect();
    let ratings: Vec<Value> = inst
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::EvidenceStory)
        .map(|i| json!({"item_id": i.id, "rating": 2}))
        .collect();
    let p = expect_problem(
        app.post(
            &format!("/staff/assessments/{}/validation", attempt.id),
            &json!({"story_ratings": ratings, "levels": levels}),
            Some(&counsellor),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert!(
        p.errors
            .iter()
            .any(|e| e.pointer == "/levels/0/comment" && e.code == "text_invalid"),
        "{p:?}"
    );
}
