//! The demo's content (`demo_content`, development only): what a newcomer's first five minutes
//! show, seeded once through the services and never in production.

use reqwest::StatusCode;
use shared::{
    Attempt, AttemptStatus, CaseNote, History, Page, Profile, QueueEntry, ReportEntry, Room,
    RoomKind,
};

use crate::db_tests;
use crate::helpers::*;
use backend::config::Environment;

db_tests!(
    the_demo_shows_every_feature_at_work,
    the_demo_has_a_lived_in_catalogue_that_fits_its_mothers,
    demo_content_is_seeded_once_and_never_in_production,
);

async fn spawn_demo(db: &TestDb) -> TestApp {
    spawn_app_with(db, |s| {
        s.environment = Environment::Development;
        s.demo_content = true;
    })
    .await
}

async fn the_demo_shows_every_feature_at_work(db: TestDb) {
    let app = spawn_demo(&db).await;

    for (agency, counsellor, manager, complete, waiting, halfway) in [
        (
            MILANO,
            "operatrice.milano@sinergia.example",
            "community.milano@sinergia.example",
            "giulia.rossi@sinergia.example",
            "sara.bianchi@sinergia.example",
            "francesca.villa@sinergia.example",
        ),
        (
            TRENTO,
            "operatrice.trento@sinergia.example",
            "community.trento@sinergia.example",
            "anna.pedrotti@sinergia.example",
            "laura.casagrande@sinergia.example",
            "michela.bortolotti@sinergia.example",
        ),
        (
            migrations::MONZA_ID,
            "operatrice.monza@sinergia.example",
            "community.monza@sinergia.example",
            "valentina.sala@sinergia.example",
            "elisa.cazzaniga@sinergia.example",
            "martina.vigano@sinergia.example",
        ),
    ] {
        // One jobseeker with a complete profile and a validated assessment, portfolio ready.
        let t = app.token_of(complete).await;
        let profile: Profile = json(app.get("/me/profile", Some(&t)).await).await;
        assert_eq!(profile.completeness.percent, 100, "{complete}");
        assert_eq!(profile.agency_id.0, agency);
        let attempts: Vec<Attempt> = json(app.get("/assessment/attempts", Some(&t)).await).await;
        assert_eq!(attempts.len(), 1);
        assert_eq!(attempts[0].status, AttemptStatus::Validated);
        let pdf = app
            .get(
                &format!("/assessment/attempts/{}/portfolio.pdf", attempts[0].id),
                Some(&t),
            )
            .await;
        assert_eq!(pdf.status(), StatusCode::OK);
        assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));

        // One waiting in her counsellor's queue (and nobody else's).
        let c = app.token_of(counsellor).await;
        let queue: Page<QueueEntry> =
            json(app.get("/staff/assessments/queue", Some(&c)).await).await;
        let names: Vec<&str> = queue
            .items
            .iter()
            .map(|e| e.jobseeker_name.as_str())
            .collect();
        let w = app.token_of(waiting).await;
        let waiting_attempts: Vec<Attempt> =
            json(app.get("/assessment/attempts", Some(&w)).await).await;
        assert_eq!(waiting_attempts[0].status, AttemptStatus::Submitted);
        assert_eq!(queue.items.len(), 1, "{names:?}");
        assert_eq!(queue.items[0].attempt_id, waiting_attempts[0].id);

        // One half-way through, resuming at item 21.
        let h = app.token_of(halfway).await;
        let half: Vec<Attempt> = json(app.get("/assessment/attempts", Some(&h)).await).await;
        assert_eq!(half[0].status, AttemptStatus::InProgress);
        assert_eq!(half[0].answered, 20);
        assert_eq!(half[0].next_position, Some(21));
        let hp: Profile = json(app.get("/me/profile", Some(&h)).await).await;
        assert!(hp.completeness.percent > 0 && hp.completeness.percent < 100);

        // Case notes on her caseload.
        let notes: Page<CaseNote> = json(
            app.get(
                &format!("/staff/jobseekers/{}/notes", profile.user_id.0),
                Some(&c),
            )
            .await,
        )
        .await;
        assert_eq!(notes.items.len(), 1);

        // A report waits for the community manager, of a message in her agency's room.
        let m = app.token_of(manager).await;
        let reports: Vec<ReportEntry> =
            json(app.get("/community/moderation/reports", Some(&m)).await).await;
        assert_eq!(reports.len(), 1);
        assert!(reports[0].message.body.contains("347"));

        // Her rooms: public ones by theme and territory with a pinned welcome and replies and
        // reactions, the announcements, a private group and her counsellor.
        let rooms: Vec<Room> = json(app.get("/community/rooms", Some(&t)).await).await;
        let kinds: Vec<RoomKind> = rooms.iter().map(|r| r.kind).collect();
        for kind in [
            RoomKind::Public,
            RoomKind::Announcement,
            RoomKind::Private,
            RoomKind::Direct,
        ] {
            assert!(kinds.contains(&kind), "{kinds:?}");
        }
        let public: Vec<&Room> = rooms
            .iter()
            .filter(|r| r.kind == RoomKind::Public)
            .collect();
        assert_eq!(public.len(), 2);
        for r in &public {
            assert_eq!(r.pinned.len(), 1);
            let page: History = json(
                app.get(&format!("/community/rooms/{}/messages", r.id), Some(&t))
                    .await,
            )
            .await;
            assert!(page.messages.len() >= 4);
            assert!(page.messages.iter().any(|m| m.reply_to.is_some()));
            assert!(page.messages.iter().any(|m| !m.reactions.is_empty()));
            // A few days of conversation, oldest first.
            let first = page.messages.first().unwrap().created_at;
            let last = page.messages.last().unwrap().created_at;
            assert!(last - first > chrono::Duration::days(2));
        }
        // Her answer to the counsellor waits unread.
        let direct: Vec<Room> = json(app.get("/community/rooms", Some(&c)).await).await;
        let direct = direct
            .iter()
            .find(|r| r.kind == RoomKind::Direct)
            .expect("a direct conversation");
        assert_eq!(direct.unread, 1);
    }

    // A new jobseeker finds her agency's public rooms to join, not its private group.
    let (_, newcomer) = app.new_jobseeker().await;
    let rooms: Vec<Room> = json(
        app.get("/community/rooms", Some(&newcomer.access_token))
            .await,
    )
    .await;
    assert!(rooms.iter().all(|r| r.role.is_none()));
    assert_eq!(
        rooms
            .iter()
            .filter(|r| matches!(r.kind, RoomKind::Public | RoomKind::Announcement))
            .count(),
        3
    );
    assert!(
        rooms
            .iter()
            .all(|r| !matches!(r.kind, RoomKind::Private | RoomKind::Direct))
    );
}

async fn demo_content_is_seeded_once_and_never_in_production(db: TestDb) {
    let app = spawn_demo(&db).await;
    let t = app.token_of("community.milano@sinergia.example").await;
    let before: Vec<Room> = json(app.get("/community/rooms", Some(&t)).await).await;

    // A second start on the same database adds nothing.
    let again = spawn_demo(&db).await;
    let t = again.token_of("community.milano@sinergia.example").await;
    let after: Vec<Room> = json(again.get("/community/rooms", Some(&t)).await).await;
    assert_eq!(before.len(), after.len());
    let c = again.token_of("operatrice.milano@sinergia.example").await;
    let queue: Page<QueueEntry> = json(again.get("/staff/assessments/queue", Some(&c)).await).await;
    assert_eq!(queue.items.len(), 1);

    // Production refuses to start with it.
    let mut settings = test_settings(&db);
    settings.environment = Environment::Production;
    settings.demo_content = true;
    let refused = backend::Application::build(settings).await;
    let message = refused.err().expect("refused").to_string();
    assert!(message.contains("demo_content"), "{message}");
}

async fn the_demo_has_a_lived_in_catalogue_that_fits_its_mothers(db: TestDb) {
    use backend::entities::service;
    use sea_orm::{EntityTrait, PaginatorTrait};
    use shared::{Matches, ServiceCategory, ServiceHit, ServiceStatus, WeekView};

    let app = spawn_demo(&db).await;
    // At least 150 published services over the three territories, every category, with
    // dated closures; a few drafts wait for the curators.
    assert!(service::Entity::find().count(&app.db).await.unwrap() >= 160);
    let mut published = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let path = match &token {
            Some(t) => format!("/services?page_size=100&page_token={t}"),
            None => "/services?page_size=100".to_owned(),
        };
        let page: Page<ServiceHit> = json(app.get(&path, None).await).await;
        published.extend(page.items);
        token = page.next_page_token;
        if token.is_none() {
            break;
        }
    }
    assert!(published.len() >= 150, "{}", published.len());
    for c in ServiceCategory::ALL {
        assert!(published.iter().any(|h| h.service.category == *c), "{c:?}");
    }
    for agency in [MILANO, TRENTO, migrations::MONZA_ID] {
        assert!(
            published
                .iter()
                .filter(|h| h.service.agency_id.0 == agency)
                .count()
                >= 50
        );
    }
    assert!(
        published
            .iter()
            .any(|h| !h.service.schedule.exceptions.is_empty())
    );
    let admin = app.token_of("admin.milano@sinergia.example").await;
    let drafts: Page<shared::Service> = json(
        app.get("/catalogue/services?status=draft", Some(&admin))
            .await,
    )
    .await;
    assert!(!drafts.items.is_empty());
    assert!(
        drafts
            .items
            .iter()
            .all(|s| s.status == ServiceStatus::Draft)
    );

    // Each agency's mother with children finds services near her, with reasons; her week for
    // a 9:00-15:00 job shows the gap after school and childcare that closes it (a doposcuola
    // in the school year; in summer, when the doposcuola is closed, a camp or a baby-sitter).
    for mother in [
        "giulia.rossi@sinergia.example",
        "anna.pedrotti@sinergia.example",
        "valentina.sala@sinergia.example",
    ] {
        let t = app.token_of(mother).await;
        let m: Matches = json(app.get("/me/services/matches", Some(&t)).await).await;
        assert!(m.items.len() >= 10, "{mother}: {}", m.items.len());
        assert!(m.items[0].why.covered_minutes > 0, "{mother}");
        let w: WeekView = json(app.get("/me/week", Some(&t)).await).await;
        // Anna and Valentina planned their week already: a nursery saved for the youngest,
        // the older child's afternoons still open. Giulia starts from nothing.
        let planned = mother != "giulia.rossi@sinergia.example";
        assert_eq!(!w.plan.job.is_empty(), planned, "{mother}");
        if planned {
            assert!(
                w.children
                    .iter()
                    .any(|c| c.cover.iter().any(|x| x.kind == shared::CoverKind::Service)),
                "{mother}: the nursery she saved covers her youngest"
            );
            assert!(w.gap_minutes > 0, "{mother}: the afternoons are open");
            let saved: Vec<shared::ShortlistItem> =
                json(app.get("/me/shortlist", Some(&t)).await).await;
            assert_eq!(saved.len(), 1, "{mother}");
        }
        let mut plan = serde_json::to_value(&w.plan).unwrap();
        plan["job"] = serde_json::json!(
            ["mon", "tue", "wed", "thu", "fri"]
                .iter()
                .map(|d| serde_json::json!({"day": d, "opens": "09:00", "closes": "15:00"}))
                .collect::<Vec<_>>()
        );
        let version = format!("\"{}\"", w.version);
        let w: WeekView = json(app.put_if("/me/week", &plan, &t, Some(&version)).await).await;
        let help = w
            .gaps
            .iter()
            .flat_map(|g| g.services.iter())
            .find(|s| shared::is_childcare(s.category));
        assert!(help.is_some(), "{mother}: {:#?}", w.gaps);
    }

    // Each agency's network has its employers, of several sectors and sizes.
    for admin in [
        "admin.milano@sinergia.example",
        "admin.trento@sinergia.example",
        "admin.monza@sinergia.example",
    ] {
        let t = app.token_of(admin).await;
        let page: shared::Page<shared::Employer> =
            json(app.get("/employers", Some(&t)).await).await;
        assert_eq!(page.items.len(), 4, "{admin}");
        assert!(page.items.iter().all(|e| !e.benefits.is_empty()));
        // A dozen opportunities of every kind: most published, one draft, one closed.
        let o: shared::Page<shared::Opportunity> =
            json(app.get("/opportunities", Some(&t)).await).await;
        assert_eq!(o.items.len(), 12, "{admin}");
        let count = |s| o.items.iter().filter(|i| i.status == s).count();
        assert_eq!(count(shared::OpportunityStatus::Published), 10);
        assert_eq!(count(shared::OpportunityStatus::Draft), 1);
        assert_eq!(count(shared::OpportunityStatus::Closed), 1);
        for kind in [
            shared::ContractType::Traineeship,
            shared::ContractType::FixedTerm,
            shared::ContractType::Permanent,
            shared::ContractType::Apprenticeship,
            shared::ContractType::SelfEmployed,
        ] {
            assert!(o.items.iter().any(|i| i.contract == kind), "{kind:?}");
        }
        assert!(o.items.iter().any(|i| i.stipend_cents_per_month.is_some()));
        // An organisation of the seat asked to join and waits for the admin.
        let waiting: shared::Page<shared::JoinRequest> =
            json(app.get("/employer-requests", Some(&t)).await).await;
        assert_eq!(waiting.items.len(), 1, "{admin}");
        assert!(waiting.items[0].message.is_some());
    }

    // Giulia, whose assessment is validated, sees her agency's opportunities ranked, her
    // validated competences counted.
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    let m: shared::OpportunityMatches =
        json(app.get("/me/opportunities", Some(&giulia)).await).await;
    assert_eq!(m.items.len(), 10);
    assert!(m.items.windows(2).all(|w| w[0].fit.score >= w[1].fit.score));
    assert!(
        m.items
            .iter()
            .flat_map(|i| i.fit.competences.iter())
            .any(|c| c.validated && c.covered)
    );
    // Sara applied and is invited to an interview; Francesca has a proposal to answer.
    let sara = app.token_of("sara.bianchi@sinergia.example").await;
    let hers: Vec<shared::Application> = json(app.get("/me/applications", Some(&sara)).await).await;
    assert_eq!(hers.len(), 1);
    assert_eq!(hers[0].status, shared::ApplicationStatus::Interview);
    let francesca = app.token_of("francesca.villa@sinergia.example").await;
    let hers: Vec<shared::Application> =
        json(app.get("/me/applications", Some(&francesca)).await).await;
    assert_eq!(hers[0].status, shared::ApplicationStatus::Proposed);
    assert!(hers[0].proposal_note.is_some());
    let chiara = app.token_of("operatrice.milano@sinergia.example").await;
    let seen: Vec<shared::Applicant> = json(
        app.get(
            &format!("/opportunities/{}/applicants", hers[0].opportunity_id),
            Some(&chiara),
        )
        .await,
    )
    .await;
    assert!(
        seen.is_empty(),
        "a proposal she has not accepted is not shown"
    );
}
