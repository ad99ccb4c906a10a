use std::collections::BTreeMap;

use reqwest::StatusCode;
use shared::{
    CompetenceArea, Framework, Instrument, InstrumentStatus, InstrumentSummary, ItemKind,
};

use crate::db_tests;
use crate::helpers::*;

db_tests!(
    the_framework_names_every_competence_with_its_esco_group,
    the_seeded_instrument_covers_every_competence,
    instruments_need_a_signed_in_user,
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
