use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use shared::{Page, StaffCreated, UserAccount};

use crate::db_tests;
use crate::helpers::*;
use backend::entities::{audit_log, email_outbox, user};

db_tests!(
    admin_creates_staff_who_sets_her_password_once,
    staff_endpoints_refuse_everyone_but_admins,
    admins_see_only_their_agency,
    disabling_ends_sessions_at_once,
    users_are_listed_by_cursor,
);

const ADMIN_MI: &str = "admin.milano@sinergia.example";
const ADMIN_TN: &str = "admin.trento@sinergia.example";

async fn user_id(app: &TestApp, email: &str) -> uuid::Uuid {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn admin_creates_staff_who_sets_her_password_once(db: TestDb) {
    let app = spawn_app(&db).await;
    let admin = app.token_of(ADMIN_MI).await;
    let res = app
        .post(
            "/admin/staff",
            &json!({ "email": "Nuova.Operatrice@Agenzia.example", "name": "Nuova Operatrice", "role": "counsellor", "language": "en" }),
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let created: StaffCreated = json(res).await;
    assert_eq!(created.account.email, "nuova.operatrice@agenzia.example");
    assert_eq!(created.account.agency_id.0, MILANO);
    assert!(!created.account.activated);

    // Without a password she cannot sign in yet.
    expect_problem(
        app.login_raw("nuova.operatrice@agenzia.example", "").await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;

    // The one-time link is in her mailbox, in her language.
    let mail = email_outbox::Entity::find()
        .filter(email_outbox::Column::UserId.eq(created.account.id.0))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(mail.language, "en");
    assert!(mail.subject.contains("set your password"));
    assert!(mail.body.contains("expires in 72 hours"), "{}", mail.body);
    let token = mail
        .body
        .split("#token=")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    assert!(
        mail.body
            .contains("http://localhost:8080/set-password#token=")
    );

    let p = expect_problem(
        app.post(
            "/auth/set-password",
            &json!({ "token": token, "password": "short" }),
            None,
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].pointer, "/password");
    let res = app
        .post(
            "/auth/set-password",
            &json!({ "token": token, "password": "la mia password nuova" }),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let tokens = app
        .login("nuova.operatrice@agenzia.example", "la mia password nuova")
        .await;
    assert_eq!(tokens.user.role, shared::Role::Counsellor);
    // The link works once.
    assert_link_refused(&app, &token).await;
    assert_link_refused(&app, "made-up").await;

    // Audited, and a duplicate email or a non-staff role is refused.
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("staff_created"))
        .filter(audit_log::Column::TargetId.eq(created.account.id.0))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(audited.len(), 1);
    expect_problem(
        app.post(
            "/admin/staff",
            &json!({ "email": "NUOVA.operatrice@agenzia.example", "name": "X", "role": "admin" }),
            Some(&admin),
        )
        .await,
        StatusCode::CONFLICT,
        "email_taken",
    )
    .await;
    let p = expect_problem(
        app.post(
            "/admin/staff",
            &json!({ "email": "js@agenzia.example", "name": "X", "role": "jobseeker" }),
            Some(&admin),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].pointer, "/role");
    let p = expect_problem(
        app.post(
            "/admin/staff",
            &json!({ "email": "x@agenzia.example", "name": "X", "role": "boss" }),
            Some(&admin),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    assert_eq!(p.errors[0].pointer, "/role");
}

async fn staff_endpoints_refuse_everyone_but_admins(db: TestDb) {
    let app = spawn_app(&db).await;
    let target = user_id(&app, "sara.bianchi@sinergia.example").await;
    let (_, jobseeker) = app.new_jobseeker().await;
    let callers = [
        (
            "counsellor",
            Some(app.token_of("operatrice.milano@sinergia.example").await),
        ),
        (
            "community manager",
            Some(app.token_of("community.milano@sinergia.example").await),
        ),
        ("jobseeker", Some(jobseeker.access_token)),
        ("nobody", None),
    ];
    for (who, token) in &callers {
        let (status, code) = match token {
            Some(_) => (StatusCode::FORBIDDEN, "forbidden"),
            None => (StatusCode::UNAUTHORIZED, "missing_token"),
        };
        let t = token.as_deref();
        let staff = json!({ "email": "x@agenzia.example", "name": "X", "role": "counsellor" });
        let responses = [
            ("create_staff", app.post("/admin/staff", &staff, t).await),
            ("list_users", app.get("/admin/users", t).await),
            (
                "disable_user",
                app.post_empty(&format!("/admin/users/{target}/disable"), t)
                    .await,
            ),
            (
                "enable_user",
                app.post_empty(&format!("/admin/users/{target}/enable"), t)
                    .await,
            ),
        ];
        for (op, res) in responses {
            assert_eq!(res.status(), status, "{who} on {op}");
            expect_problem(res, status, code).await;
        }
    }
    // Nothing changed.
    assert!(
        user::Entity::find()
            .filter(user::Column::Email.eq("x@agenzia.example"))
            .one(&app.db)
            .await
            .unwrap()
            .is_none()
    );
    // The admin may.
    let admin = app.token_of(ADMIN_MI).await;
    assert_eq!(
        app.get("/admin/users", Some(&admin)).await.status(),
        StatusCode::OK
    );
    let res = app
        .post_empty(&format!("/admin/users/{target}/disable"), Some(&admin))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app
        .post_empty(&format!("/admin/users/{target}/enable"), Some(&admin))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
}

async fn admins_see_only_their_agency(db: TestDb) {
    let app = spawn_app(&db).await;
    let admin_mi = app.token_of(ADMIN_MI).await;
    let trento_user = user_id(&app, "anna.pedrotti@sinergia.example").await;
    for action in ["disable", "enable"] {
        expect_problem(
            app.post_empty(
                &format!("/admin/users/{trento_user}/{action}"),
                Some(&admin_mi),
            )
            .await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    let page: Page<UserAccount> = json(app.get("/admin/users", Some(&admin_mi)).await).await;
    assert!(!page.items.is_empty());
    assert!(page.items.iter().all(|u| u.agency_id.0 == MILANO));
    // A staff account created by Trento's admin belongs to Trento.
    let admin_tn = app.token_of(ADMIN_TN).await;
    let created: StaffCreated = json(
        app.post(
            "/admin/staff",
            &json!({ "email": "cm2.trento@agenzia.example", "name": "Luisa", "role": "community_manager" }),
            Some(&admin_tn),
        )
        .await,
    )
    .await;
    assert_eq!(created.account.agency_id.0, TRENTO);
    // Malformed ids are a clear 400, unknown ones 404.
    expect_problem(
        app.post_empty("/admin/users/not-a-uuid/disable", Some(&admin_mi))
            .await,
        StatusCode::BAD_REQUEST,
        "invalid_path",
    )
    .await;
    expect_problem(
        app.post_empty(
            &format!("/admin/users/{}/disable", uuid::Uuid::new_v4()),
            Some(&admin_mi),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    // An admin cannot disable herself.
    let me = user_id(&app, ADMIN_MI).await;
    expect_problem(
        app.post_empty(&format!("/admin/users/{me}/disable"), Some(&admin_mi))
            .await,
        StatusCode::BAD_REQUEST,
        "cannot_disable_self",
    )
    .await;
    // Enabling her own (enabled) account changes nothing and says nothing about disabling.
    let res = app
        .post_empty(&format!("/admin/users/{me}/enable"), Some(&admin_mi))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let account: shared::UserAccount = json(res).await;
    assert!(!account.disabled);
}

async fn disabling_ends_sessions_at_once(db: TestDb) {
    let app = spawn_app(&db).await;
    let admin = app.token_of(ADMIN_MI).await;
    let (email, tokens) = app.new_jobseeker().await;
    let id = tokens.user.id.0;
    assert_eq!(
        app.get("/me", Some(&tokens.access_token)).await.status(),
        StatusCode::OK
    );

    let res = app
        .post_empty(&format!("/admin/users/{id}/disable"), Some(&admin))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let account: UserAccount = json(res).await;
    assert!(account.disabled);

    // Her still-unexpired access token stops working at once; so does her refresh token.
    assert_session_over(&app, &tokens).await;
    expect_problem(
        app.login_raw(&email, "una frase lunga e mia").await,
        StatusCode::UNAUTHORIZED,
        "account_disabled",
    )
    .await;
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("account_disabled"))
        .filter(audit_log::Column::TargetId.eq(id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(audited.len(), 1);

    let res = app
        .post_empty(&format!("/admin/users/{id}/enable"), Some(&admin))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    app.login(&email, "una frase lunga e mia").await;
}

async fn users_are_listed_by_cursor(db: TestDb) {
    let app = spawn_app(&db).await;
    for _ in 0..3 {
        app.new_jobseeker().await;
    }
    let admin = app.token_of(ADMIN_MI).await;
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    let mut pages = 0;
    loop {
        let path = match &token {
            Some(t) => format!("/admin/users?role=jobseeker&page_size=2&page_token={t}"),
            None => "/admin/users?role=jobseeker&page_size=2".to_owned(),
        };
        let page: Page<UserAccount> = json(app.get(&path, Some(&admin)).await).await;
        pages += 1;
        assert!(page.items.len() <= 2);
        seen.extend(page.items.into_iter().map(|u| u.id));
        match page.next_page_token {
            Some(t) => token = Some(t),
            None => break,
        }
    }
    // 2 demo jobseekers in Milan + 3 new ones, each once.
    assert_eq!(seen.len(), 5);
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 5);
    assert_eq!(pages, 3);
    // Each page read is in the audit log.
    let listed = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("accounts_listed"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(listed.len(), 3);

    for bad in ["/admin/users?page_size=0", "/admin/users?page_size=101"] {
        expect_problem(
            app.get(bad, Some(&admin)).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
    }
    for bad in [
        "/admin/users?page_size=abc",
        "/admin/users?role=boss",
        "/admin/users?surprise=1",
    ] {
        expect_problem(
            app.get(bad, Some(&admin)).await,
            StatusCode::BAD_REQUEST,
            "invalid_query",
        )
        .await;
    }
    expect_problem(
        app.get("/admin/users?page_token=zzz", Some(&admin)).await,
        StatusCode::BAD_REQUEST,
        "invalid_page_token",
    )
    .await;
}
