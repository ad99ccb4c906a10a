use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use shared::{History, Message, ModerationEntry, Report, ReportEntry, Room};

use crate::db_tests;
use crate::helpers::*;

db_tests!(
    a_report_reaches_the_rooms_moderators_and_the_reporter_hears_back,
    mutes_bans_and_slow_mode_with_their_log,
    the_word_filter_blocks_holds_and_flags,
    managers_add_members_to_private_groups_change_rules_and_archive,
    members_and_other_staff_cannot_moderate,
    an_edit_passes_the_checks_of_a_send,
    a_banned_member_no_longer_reads_the_room,
);

async fn setup(app: &TestApp) -> (String, Room) {
    let cm = app.token_of("community.milano@sinergia.example").await;
    let res = app
        .post(
            "/community/rooms",
            &json!({
                "kind": "public", "topic": "theme",
                "name": {"it": "Genitori", "en": "Parents"},
                "description": {"it": "Per genitori.", "en": "For parents."},
                "rules": {"it": "Niente insulti.", "en": "No insults."},
            }),
            Some(&cm),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    (cm, json(res).await)
}

async fn member(app: &TestApp, email: &str, room: &Room) -> (String, uuid::Uuid) {
    let t = app.token_of(email).await;
    let res = app
        .post_empty(&format!("/community/rooms/{}/join", room.id), Some(&t))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let me: Value = json(app.get("/me", Some(&t)).await).await;
    (t, me["id"].as_str().unwrap().parse().unwrap())
}

async fn say(
    app: &TestApp,
    t: &str,
    room: &Room,
    client_id: &str,
    body: &str,
) -> reqwest::Response {
    app.post(
        &format!("/community/rooms/{}/messages", room.id),
        &json!({"client_id": client_id, "body": body}),
        Some(t),
    )
    .await
}

async fn log(app: &TestApp, t: &str) -> Vec<ModerationEntry> {
    json(app.get("/community/moderation/log", Some(t)).await).await
}

async fn a_report_reaches_the_rooms_moderators_and_the_reporter_hears_back(db: TestDb) {
    let app = spawn_app(&db).await;
    let (cm, room) = setup(&app).await;
    let (giulia, _) = member(&app, "giulia.rossi@sinergia.example", &room).await;
    let (sara, sara_id) = member(&app, "sara.bianchi@sinergia.example", &room).await;
    say(
        &app,
        &giulia,
        &room,
        "g1",
        "Qualcuno conosce un nido a Rho?",
    )
    .await;
    let bad: Message = json(say(&app, &sara, &room, "s1", "Sei proprio una stupida").await).await;
    say(&app, &giulia, &room, "g2", "Perché mi rispondi così?").await;
    let path = format!("/community/rooms/{}/messages/{}/reports", room.id, bad.id);

    // Her own message cannot be reported by her; a bad reason is refused.
    expect_problem(
        app.post(&path, &json!({"reason": "harassment"}), Some(&sara))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    expect_problem(
        app.post(&path, &json!({"reason": "boring"}), Some(&giulia))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    let anna = app.token_of("anna.pedrotti@sinergia.example").await;
    expect_problem(
        app.post(&path, &json!({"reason": "harassment"}), Some(&anna))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let res = app
        .post(
            &path,
            &json!({"reason": "harassment", "note": "Mi insulta da giorni."}),
            Some(&giulia),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let report: Report = json(res).await;
    assert!(report.handled_at.is_none());

    // The queue: the agency's community managers and admins only.
    for email in [
        "operatrice.milano@sinergia.example",
        "giulia.rossi@sinergia.example",
    ] {
        let t = app.token_of(email).await;
        expect_problem(
            app.get("/community/moderation/reports", Some(&t)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    let trento = app.token_of("community.trento@sinergia.example").await;
    let theirs: Vec<ReportEntry> = json(
        app.get("/community/moderation/reports", Some(&trento))
            .await,
    )
    .await;
    assert!(theirs.is_empty(), "another agency's queue is its own");
    expect_problem(
        app.post(
            &format!("/community/moderation/reports/{}/handle", report.id),
            &json!({"outcome": "x"}),
            Some(&trento),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let queue: Vec<ReportEntry> =
        json(app.get("/community/moderation/reports", Some(&cm)).await).await;
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].message.body, "Sei proprio una stupida");
    assert_eq!(queue[0].reporter_name, "Giulia Rossi");
    assert_eq!(queue[0].context.len(), 2, "the messages around it");

    // Hidden: gone for members, still readable in the queue.
    expect_problem(
        app.post(
            &format!("/community/rooms/{}/messages/{}/hide", room.id, bad.id),
            &json!({"reason": "Insulto"}),
            Some(&giulia),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_problem(
        app.post(
            &format!("/community/rooms/{}/messages/{}/hide", room.id, bad.id),
            &json!({"reason": " "}),
            Some(&cm),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let hidden: Message = json(
        app.post(
            &format!("/community/rooms/{}/messages/{}/hide", room.id, bad.id),
            &json!({"reason": "Insulto a un'altra partecipante"}),
            Some(&cm),
        )
        .await,
    )
    .await;
    assert!(hidden.hidden && hidden.body.is_empty());
    let history: History = json(
        app.get(
            &format!("/community/rooms/{}/messages", room.id),
            Some(&giulia),
        )
        .await,
    )
    .await;
    let seen = history.messages.iter().find(|m| m.id == bad.id).unwrap();
    assert!(seen.hidden && seen.body.is_empty());
    let queue: Vec<ReportEntry> =
        json(app.get("/community/moderation/reports", Some(&cm)).await).await;
    assert_eq!(queue[0].message.body, "Sei proprio una stupida");

    // Handled, with an answer she reads; not twice.
    let handled: Report = json(
        app.post(
            &format!("/community/moderation/reports/{}/handle", report.id),
            &json!({"outcome": "Abbiamo nascosto il messaggio e parlato con l'autrice."}),
            Some(&cm),
        )
        .await,
    )
    .await;
    assert!(handled.handled_at.is_some());
    expect_problem(
        app.post(
            &format!("/community/moderation/reports/{}/handle", report.id),
            &json!({"outcome": "di nuovo"}),
            Some(&cm),
        )
        .await,
        StatusCode::CONFLICT,
        "report_handled",
    )
    .await;
    let mine: Vec<Report> = json(app.get("/community/reports/mine", Some(&giulia)).await).await;
    assert_eq!(
        mine[0].outcome.as_deref(),
        Some("Abbiamo nascosto il messaggio e parlato con l'autrice.")
    );
    let open: Vec<ReportEntry> =
        json(app.get("/community/moderation/reports", Some(&cm)).await).await;
    assert!(open.is_empty());
    let closed: Vec<ReportEntry> = json(
        app.get("/community/moderation/reports?handled=true", Some(&cm))
            .await,
    )
    .await;
    assert_eq!(closed.len(), 1);

    // The log: who, what, why.
    let entries = log(&app, &cm).await;
    let actions: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| (e.action.as_str(), e.reason.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            (
                "report_handled",
                "Abbiamo nascosto il messaggio e parlato con l'autrice."
            ),
            ("message_hidden", "Insulto a un'altra partecipante"),
        ]
    );
    assert_eq!(entries[1].target_user.map(|u| u.0), Some(sara_id));
    assert_eq!(entries[1].actor_name, "Elena Galli");
}

async fn mutes_bans_and_slow_mode_with_their_log(db: TestDb) {
    let app = spawn_app(&db).await;
    let (cm, room) = setup(&app).await;
    let (giulia, giulia_id) = member(&app, "giulia.rossi@sinergia.example", &room).await;
    let (sara, sara_id) = member(&app, "sara.bianchi@sinergia.example", &room).await;
    let members = |action: &str, user: uuid::Uuid| {
        format!("/community/rooms/{}/members/{user}/{action}", room.id)
    };

    // Mute: she sees until when and why; only moderators; never oneself.
    expect_problem(
        app.post(
            &members("mute", sara_id),
            &json!({"minutes": 10, "reason": "x"}),
            Some(&giulia),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let cm_id: Value = json(app.get("/me", Some(&cm)).await).await;
    let cm_id: uuid::Uuid = cm_id["id"].as_str().unwrap().parse().unwrap();
    expect_problem(
        app.post(
            &members("mute", cm_id),
            &json!({"minutes": 10, "reason": "x"}),
            Some(&cm),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    for minutes in [0, 43_201] {
        expect_problem(
            app.post(
                &members("mute", sara_id),
                &json!({"minutes": minutes, "reason": "x"}),
                Some(&cm),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
    }
    let muted: ModerationEntry = json(
        app.post(
            &members("mute", sara_id),
            &json!({"minutes": 10, "reason": "Toni aggressivi"}),
            Some(&cm),
        )
        .await,
    )
    .await;
    assert_eq!(muted.action, "member_muted");
    assert!(muted.until.is_some());
    expect_problem(
        say(&app, &sara, &room, "m1", "posso?").await,
        StatusCode::CONFLICT,
        "muted",
    )
    .await;
    let her_view: Room = json(
        app.get(&format!("/community/rooms/{}", room.id), Some(&sara))
            .await,
    )
    .await;
    assert_eq!(her_view.mute_reason.as_deref(), Some("Toni aggressivi"));
    assert_eq!(her_view.muted_until, muted.until);

    // Slow mode for the room: one message a minute each.
    let res = app
        .put(
            &format!("/community/rooms/{}/slow-mode", room.id),
            &json!({"seconds": 60, "reason": "Discussione accesa"}),
            Some(&cm),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        say(&app, &giulia, &room, "g1", "uno").await.status(),
        StatusCode::CREATED
    );
    let res = say(&app, &giulia, &room, "g2", "due").await;
    assert!(res.headers().contains_key("retry-after"));
    expect_problem(res, StatusCode::TOO_MANY_REQUESTS, "too_many_requests").await;
    let off = app
        .put(
            &format!("/community/rooms/{}/slow-mode", room.id),
            &json!({"seconds": 0, "reason": "Tornata la calma"}),
            Some(&cm),
        )
        .await;
    assert_eq!(off.status(), StatusCode::OK);
    assert_eq!(
        say(&app, &giulia, &room, "g3", "tre").await.status(),
        StatusCode::CREATED
    );
    // Slow mode for one member.
    let res = app
        .post(
            &members("slow-mode", giulia_id),
            &json!({"seconds": 120, "reason": "Troppi messaggi"}),
            Some(&cm),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    expect_problem(
        say(&app, &giulia, &room, "g4", "quattro").await,
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_requests",
    )
    .await;

    // Removed: she may join again. Banned: she may not.
    let res = app
        .post(
            &members("remove", giulia_id),
            &json!({"reason": "Fuori tema"}),
            Some(&cm),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let rejoin = app
        .post_empty(&format!("/community/rooms/{}/join", room.id), Some(&giulia))
        .await;
    assert_eq!(rejoin.status(), StatusCode::OK);
    let res = app
        .post(
            &members("ban", sara_id),
            &json!({"reason": "Insulti ripetuti"}),
            Some(&cm),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    expect_problem(
        app.post_empty(&format!("/community/rooms/{}/join", room.id), Some(&sara))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_problem(
        app.post(
            &members("ban", sara_id),
            &json!({"reason": "di nuovo"}),
            Some(&cm),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    // Every action in the log, newest first, with its reason (and until when for the mute).
    let entries = log(&app, &cm).await;
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "member_banned",
            "member_removed",
            "member_slow_mode_set",
            "slow_mode_set",
            "slow_mode_set",
            "member_muted",
        ]
    );
    let room_log: Vec<ModerationEntry> = json(
        app.get(
            &format!("/community/moderation/log?room_id={}", room.id),
            Some(&cm),
        )
        .await,
    )
    .await;
    assert_eq!(room_log.len(), 6);
    for t in [
        &giulia,
        &app.token_of("operatrice.milano@sinergia.example").await,
    ] {
        expect_problem(
            app.get("/community/moderation/log", Some(t)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    // Append-only: the database itself refuses to change or remove an entry.
    assert!(
        app.db
            .execute_unprepared("UPDATE moderation_log SET reason = 'changed'")
            .await
            .is_err()
    );
    assert!(
        app.db
            .execute_unprepared("DELETE FROM moderation_log")
            .await
            .is_err()
    );
    assert_eq!(log(&app, &cm).await.len(), 6);
}

async fn the_word_filter_blocks_holds_and_flags(db: TestDb) {
    let app = spawn_app(&db).await;
    let (cm, room) = setup(&app).await;
    let (giulia, _) = member(&app, "giulia.rossi@sinergia.example", &room).await;
    let (sara, _) = member(&app, "sara.bianchi@sinergia.example", &room).await;
    // Only community managers and admins of the agency keep the filter.
    expect_problem(
        app.post(
            "/community/moderation/filters",
            &json!({"term": "stupida", "action": "block", "reason": "x"}),
            Some(&giulia),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_problem(
        app.post(
            "/community/moderation/filters",
            &json!({"term": "x", "action": "block", "reason": "troppo corto"}),
            Some(&cm),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let mut ids = Vec::new();
    for (term, action) in [("Stupida", "block"), ("idiota", "hold"), ("scemo", "flag")] {
        let res = app
            .post(
                "/community/moderation/filters",
                &json!({"term": term, "action": action, "reason": "Linguaggio offensivo"}),
                Some(&cm),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let f: shared::WordFilter = json(res).await;
        ids.push(f.id);
    }
    let listed: Vec<shared::WordFilter> =
        json(app.get("/community/moderation/filters", Some(&cm)).await).await;
    let terms: Vec<&str> = listed.iter().map(|f| f.term.as_str()).collect();
    assert_eq!(terms, ["idiota", "scemo", "stupida"]);
    let trento = app.token_of("community.trento@sinergia.example").await;
    let theirs: Vec<shared::WordFilter> = json(
        app.get("/community/moderation/filters", Some(&trento))
            .await,
    )
    .await;
    assert!(theirs.is_empty());

    // Block: refused at the body, nothing stored.
    let p = expect_problem(
        say(&app, &sara, &room, "b1", "Sei una STUPIDA.").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        (p.errors[0].pointer.as_str(), p.errors[0].code.as_str()),
        ("/body", "blocked_word")
    );
    // Whole words only.
    assert_eq!(
        say(&app, &sara, &room, "b2", "L'ho fatto stupidamente")
            .await
            .status(),
        StatusCode::CREATED
    );
    // Hold: stored, shown to no one, in the queue until released.
    let held: Message = json(say(&app, &sara, &room, "h1", "Che idiota quel capo").await).await;
    assert!(held.held && held.hidden && held.body.is_empty());
    let history: History = json(
        app.get(
            &format!("/community/rooms/{}/messages", room.id),
            Some(&giulia),
        )
        .await,
    )
    .await;
    let seen = history.messages.iter().find(|m| m.id == held.id).unwrap();
    assert!(seen.body.is_empty());
    // Flag: delivered and reported.
    let flagged: Message = json(say(&app, &sara, &room, "f1", "Non fare lo scemo").await).await;
    assert_eq!(flagged.body, "Non fare lo scemo");
    let queue: Vec<ReportEntry> =
        json(app.get("/community/moderation/reports", Some(&cm)).await).await;
    let raised: Vec<(&str, Option<&str>, &str)> = queue
        .iter()
        .map(|e| {
            (
                e.message.body.as_str(),
                e.report.note.as_deref(),
                e.reporter_name.as_str(),
            )
        })
        .collect();
    assert_eq!(
        raised,
        [
            ("Che idiota quel capo", Some("filter: idiota"), ""),
            ("Non fare lo scemo", Some("filter: scemo"), ""),
        ]
    );
    // Released: delivered now; releasing again is refused.
    let released: Message = json(
        app.post(
            &format!("/community/rooms/{}/messages/{}/release", room.id, held.id),
            &json!({"reason": "Sfogo, non offesa a una persona"}),
            Some(&cm),
        )
        .await,
    )
    .await;
    assert_eq!(released.body, "Che idiota quel capo");
    assert!(!released.held);
    expect_problem(
        app.post(
            &format!("/community/rooms/{}/messages/{}/release", room.id, held.id),
            &json!({"reason": "di nuovo"}),
            Some(&cm),
        )
        .await,
        StatusCode::CONFLICT,
        "not_held",
    )
    .await;
    // Removing a term lets it through again; all of it is in the log.
    let res = app
        .post(
            &format!("/community/moderation/filters/{}/remove", ids[0]),
            &json!({"reason": "Troppo severo"}),
            Some(&cm),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        say(&app, &sara, &room, "b3", "Sei una stupida")
            .await
            .status(),
        StatusCode::CREATED
    );
    let actions: Vec<String> = log(&app, &cm).await.into_iter().map(|e| e.action).collect();
    assert_eq!(
        actions,
        [
            "filter_removed",
            "message_released",
            "filter_added",
            "filter_added",
            "filter_added"
        ]
    );
}

async fn managers_add_members_to_private_groups_change_rules_and_archive(db: TestDb) {
    let app = spawn_app(&db).await;
    let cm = app.token_of("community.milano@sinergia.example").await;
    let res = app
        .post(
            "/community/rooms",
            &json!({
                "kind": "private",
                "name": {"it": "Mamme di Rho", "en": "Rho mums"},
                "description": {"it": "Gruppo su invito.", "en": "Invitation only."},
                "rules": {"it": "Riservatezza.", "en": "Confidentiality."},
            }),
            Some(&cm),
        )
        .await;
    let group: Room = json(res).await;
    let giulia = app.token_of("giulia.rossi@sinergia.example").await;
    let giulia_id: Value = json(app.get("/me", Some(&giulia)).await).await;
    let sara = app.token_of("sara.bianchi@sinergia.example").await;
    let sara_id: Value = json(app.get("/me", Some(&sara)).await).await;
    let anna = app.token_of("anna.pedrotti@sinergia.example").await;
    let anna_id: Value = json(app.get("/me", Some(&anna)).await).await;
    let add = |who: &Value, token: &str| {
        let (app, path, body, token) = (
            &app,
            format!("/community/rooms/{}/members", group.id),
            json!({"user_id": who["id"]}),
            token.to_owned(),
        );
        async move { app.post(&path, &body, Some(&token)).await }
    };
    // Before: invisible to her. Added (twice: no change): hers.
    expect_problem(
        app.get(&format!("/community/rooms/{}", group.id), Some(&giulia))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_eq!(add(&giulia_id, &cm).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(add(&giulia_id, &cm).await.status(), StatusCode::NO_CONTENT);
    let seen: Vec<Room> = json(app.get("/community/rooms", Some(&giulia)).await).await;
    assert!(seen.iter().any(|r| r.id == group.id && r.role.is_some()));
    assert_eq!(
        say(&app, &giulia, &group, "p1", "Grazie dell'invito!")
            .await
            .status(),
        StatusCode::CREATED
    );
    // A member cannot add others; someone outside cannot see it; another agency's person is unknown.
    expect_problem(
        add(&sara_id, &giulia).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    expect_problem(
        add(&giulia_id, &sara).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let p = expect_problem(
        add(&anna_id, &cm).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].code, "user_unknown");

    // Rules changed by its managers, with a reason.
    let update = json!({
        "name": {"it": "Mamme di Rho", "en": "Rho mums"},
        "description": {"it": "Gruppo su invito.", "en": "Invitation only."},
        "rules": {"it": "Riservatezza e rispetto.", "en": "Confidentiality and respect."},
        "reason": "Regole più chiare",
    });
    expect_problem(
        app.put(
            &format!("/community/rooms/{}", group.id),
            &update,
            Some(&giulia),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let res = app
        .put(
            &format!("/community/rooms/{}", group.id),
            &update,
            Some(&cm),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let now: Room = json(
        app.get(&format!("/community/rooms/{}", group.id), Some(&giulia))
            .await,
    )
    .await;
    assert_eq!(now.rules.it, "Riservatezza e rispetto.");

    // Archived: readable, closed.
    let res = app
        .post(
            &format!("/community/rooms/{}/archive", group.id),
            &json!({"reason": "Il gruppo ha concluso il percorso"}),
            Some(&cm),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    expect_problem(
        say(&app, &giulia, &group, "p2", "Ci siete?").await,
        StatusCode::CONFLICT,
        "room_archived",
    )
    .await;
    expect_problem(
        add(&sara_id, &cm).await,
        StatusCode::CONFLICT,
        "room_archived",
    )
    .await;
    let history: History = json(
        app.get(
            &format!("/community/rooms/{}/messages", group.id),
            Some(&giulia),
        )
        .await,
    )
    .await;
    assert_eq!(history.messages.len(), 1);
    let actions: Vec<String> = log(&app, &cm).await.into_iter().map(|e| e.action).collect();
    assert_eq!(actions, ["room_archived", "room_updated"]);
}

async fn members_and_other_staff_cannot_moderate(db: TestDb) {
    let app = spawn_app(&db).await;
    let (cm, room) = setup(&app).await;
    let (giulia, _) = member(&app, "giulia.rossi@sinergia.example", &room).await;
    let m: Message = json(say(&app, &cm, &room, "m1", "Benvenute").await).await;
    let filter: shared::WordFilter = json(
        app.post(
            "/community/moderation/filters",
            &json!({"term": "brutto", "action": "hold", "reason": "prova"}),
            Some(&cm),
        )
        .await,
    )
    .await;
    let counsellor = app.token_of("operatrice.milano@sinergia.example").await;
    let trento = app.token_of("community.trento@sinergia.example").await;
    let reason = json!({"reason": "prova"});
    let calls = |token: String| {
        let (app, reason, room_id, mid, fid) = (&app, reason.clone(), room.id, m.id, filter.id);
        async move {
            vec![
                app.client
                    .delete(app.url(&format!("/community/rooms/{room_id}/pins/{mid}")))
                    .bearer_auth(&token)
                    .send()
                    .await
                    .unwrap(),
                app.put(
                    &format!("/community/rooms/{room_id}/slow-mode"),
                    &json!({"seconds": 10, "reason": "prova"}),
                    Some(&token),
                )
                .await,
                app.post(
                    &format!("/community/rooms/{room_id}/messages/{mid}/release"),
                    &reason,
                    Some(&token),
                )
                .await,
                app.post(
                    &format!("/community/rooms/{room_id}/archive"),
                    &reason,
                    Some(&token),
                )
                .await,
                app.post(
                    &format!("/community/moderation/filters/{fid}/remove"),
                    &reason,
                    Some(&token),
                )
                .await,
            ]
        }
    };
    // A member and a counsellor of the agency: 403; another agency's community manager: 404.
    for token in [giulia.clone(), counsellor] {
        for res in calls(token).await {
            expect_problem(res, StatusCode::FORBIDDEN, "forbidden").await;
        }
    }
    for res in calls(trento).await {
        expect_problem(res, StatusCode::NOT_FOUND, "not_found").await;
    }
    expect_problem(
        app.get("/community/reports/mine", None).await,
        StatusCode::UNAUTHORIZED,
        "missing_token",
    )
    .await;
    // Nothing changed: still open, no slow mode, the filter in place, nothing logged.
    let now: Room = json(
        app.get(&format!("/community/rooms/{}", room.id), Some(&giulia))
            .await,
    )
    .await;
    assert!(!now.archived && now.slow_mode_seconds.is_none());
    let filters: Vec<shared::WordFilter> =
        json(app.get("/community/moderation/filters", Some(&cm)).await).await;
    assert_eq!(filters.len(), 1);
    let actions: Vec<String> = log(&app, &cm).await.into_iter().map(|e| e.action).collect();
    assert_eq!(actions, ["filter_added"]);
}

async fn edit(app: &TestApp, t: &str, room: &Room, m: &Message, body: &str) -> reqwest::Response {
    app.put(
        &format!("/community/rooms/{}/messages/{}", room.id, m.id),
        &json!({ "body": body }),
        Some(t),
    )
    .await
}

async fn an_edit_passes_the_checks_of_a_send(db: TestDb) {
    let app = spawn_app(&db).await;
    let (cm, room) = setup(&app).await;
    let (giulia, giulia_id) = member(&app, "giulia.rossi@sinergia.example", &room).await;
    let (sara, sara_id) = member(&app, "sara.bianchi@sinergia.example", &room).await;
    for (term, action) in [("stupida", "block"), ("idiota", "hold"), ("scemo", "flag")] {
        let res = app
            .post(
                "/community/moderation/filters",
                &json!({"term": term, "action": action, "reason": "Linguaggio offensivo"}),
                Some(&cm),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }
    let first: Message = json(say(&app, &giulia, &room, "g1", "Buongiorno a tutte").await).await;
    let second: Message = json(say(&app, &giulia, &room, "g2", "Come state?").await).await;
    let third: Message = json(say(&app, &giulia, &room, "g3", "Io bene").await).await;

    // The word filter: block refuses the edit and keeps the text; hold hides it for review;
    // flag delivers it and reports it.
    let p = expect_problem(
        edit(&app, &giulia, &room, &first, "Sei una stupida").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].code, "blocked_word");
    let held: Message = json(edit(&app, &giulia, &room, &second, "Che idiota").await).await;
    assert!(held.held && held.hidden && held.body.is_empty());
    let flagged: Message =
        json(edit(&app, &giulia, &room, &third, "Non fare lo scemo").await).await;
    assert!(!flagged.hidden);
    let history: History = json(
        app.get(
            &format!("/community/rooms/{}/messages", room.id),
            Some(&sara),
        )
        .await,
    )
    .await;
    let bodies: Vec<&str> = history.messages.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(bodies, ["Buongiorno a tutte", "", "Non fare lo scemo"]);
    let queue: Vec<ReportEntry> =
        json(app.get("/community/moderation/reports", Some(&cm)).await).await;
    let reported: Vec<uuid::Uuid> = queue.iter().map(|e| e.message.id).collect();
    assert_eq!(reported, [second.id, third.id]);

    // Slow mode counts edits as posts: one a minute.
    let res = app
        .post(
            &format!("/community/rooms/{}/members/{giulia_id}/slow-mode", room.id),
            &json!({"seconds": 60, "reason": "Troppe modifiche"}),
            Some(&cm),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    expect_problem(
        edit(&app, &giulia, &room, &first, "Buongiorno!").await,
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_requests",
    )
    .await;

    // Muted: no edit either.
    let mine: Message = json(say(&app, &sara, &room, "s1", "Ciao").await).await;
    let res = app
        .post(
            &format!("/community/rooms/{}/members/{sara_id}/mute", room.id),
            &json!({"minutes": 10, "reason": "Toni aggressivi"}),
            Some(&cm),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    expect_problem(
        edit(&app, &sara, &room, &mine, "Ciao a tutte").await,
        StatusCode::CONFLICT,
        "muted",
    )
    .await;
    // Removed: not a member, so no edit; banned: she no longer sees the room at all.
    let res = app
        .post(
            &format!("/community/rooms/{}/members/{sara_id}/remove", room.id),
            &json!({"reason": "Fuori tema"}),
            Some(&cm),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    expect_problem(
        edit(&app, &sara, &room, &mine, "Ciao a tutte").await,
        StatusCode::CONFLICT,
        "not_a_member",
    )
    .await;
    let res = app
        .post(
            &format!("/community/rooms/{}/members/{giulia_id}/ban", room.id),
            &json!({"reason": "Insulti ripetuti"}),
            Some(&cm),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    expect_problem(
        edit(&app, &giulia, &room, &third, "Ciao").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let history: History = json(
        app.get(&format!("/community/rooms/{}/messages", room.id), Some(&cm))
            .await,
    )
    .await;
    let bodies: Vec<&str> = history.messages.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(
        bodies,
        ["Buongiorno a tutte", "", "Non fare lo scemo", "Ciao"]
    );
}

async fn a_banned_member_no_longer_reads_the_room(db: TestDb) {
    let app = spawn_app(&db).await;
    let (cm, room) = setup(&app).await;
    let (sara, sara_id) = member(&app, "sara.bianchi@sinergia.example", &room).await;
    let (giulia, _) = member(&app, "giulia.rossi@sinergia.example", &room).await;
    let m: Message = json(say(&app, &giulia, &room, "g1", "Qualcuno a Rho?").await).await;
    let res = app
        .post(
            &format!("/community/rooms/{}/members/{sara_id}/ban", room.id),
            &json!({"reason": "Insulti ripetuti"}),
            Some(&cm),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let r = format!("/community/rooms/{}", room.id);
    for path in [r.clone(), format!("{r}/messages"), format!("{r}/members")] {
        expect_problem(
            app.get(&path, Some(&sara)).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    expect_problem(
        app.post(
            &format!("{r}/messages/{}/reports", m.id),
            &json!({"reason": "spam"}),
            Some(&sara),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let rooms: Vec<Room> = json(app.get("/community/rooms", Some(&sara)).await).await;
    assert!(rooms.iter().all(|x| x.id != room.id), "not in her list");
    let found: shared::SearchResults =
        json(app.get("/community/search?q=Rho", Some(&sara)).await).await;
    assert!(found.messages.is_empty());
}
