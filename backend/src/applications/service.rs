//! The applications' rules: she applies to an open opportunity of her agency (once), with a
//! note and the parts of her profile she shares; a counsellor proposes her and she accepts or
//! declines; the employer's side moves her one step at a time or to `not_selected` with a
//! reason she reads; she withdraws while it is open. Each step is kept for the indicators and
//! told to her by e-mail.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseTransaction, Set, TransactionTrait};
use serde_json::json;
use shared::{
    AboutMe, Applicant, ApplicantContact, Application, ApplicationInput, ApplicationStatus,
    ApplicationStep, ErrorCode, FieldCode, Language, NotificationKind, OpportunityStatus,
    ProfileSection, ProposalInput, Role, SharedPart, StatusChange,
};
use uuid::Uuid;

use super::repo;
use crate::accounts::repo::{NewEmail, queue_email};
use crate::audit::{self, AuditEvent};
use crate::caller::Caller;
use crate::entities::{application, application_step, opportunity};
use crate::error::{ApiError, FieldIssue, Issues};
use crate::notifications::{Notice, notify};
use crate::opportunities::service::{STAFF, today};
use crate::session::AuthUser;
use crate::state::AppState;

/// The states the employer's side sees.
const SEEN: &[ApplicationStatus] = &[
    ApplicationStatus::Received,
    ApplicationStatus::Interview,
    ApplicationStatus::Offer,
    ApplicationStatus::Hired,
    ApplicationStatus::NotSelected,
];

/// Her note and what she shares, checked.
fn check_input(input: &ApplicationInput, issues: &mut Issues) -> (String, Vec<SharedPart>) {
    let note = input.note.trim().to_owned();
    if let Some(code) = crate::texts::plain(&note, ApplicationInput::MAX_NOTE, false) {
        issues.push(FieldIssue::new("/note", code));
    }
    for (i, p) in input.share.iter().enumerate() {
        if input.share[..i].contains(p) {
            issues.push(FieldIssue::new(
                format!("/share/{i}"),
                FieldCode::DuplicateValue,
            ));
        }
    }
    (note, input.share.clone())
}

/// The open, published opportunity of her agency; else not found.
async fn open_opportunity(
    state: &AppState,
    agency: Uuid,
    id: Uuid,
) -> Result<opportunity::Model, ApiError> {
    crate::opportunities::repo::published(&state.db, id, today())
        .await?
        .filter(|o| o.agency_id == agency)
        .ok_or(ApiError::NotFound)
}

/// Her newest validated attempt: its portfolio goes with her applications.
async fn validated_attempt(state: &AppState, user: Uuid) -> Result<Option<Uuid>, ApiError> {
    let attempts = crate::assessment::repo::attempts_of(&state.db, user, None).await?;
    Ok(attempts
        .into_iter()
        .find(|a| a.validation.is_some())
        .map(|a| a.id))
}

async fn step<C: ConnectionTrait>(
    db: &C,
    a: &application::Model,
    o: &opportunity::Model,
    status: ApplicationStatus,
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    repo::insert_step(
        db,
        application_step::ActiveModel {
            id: Set(Uuid::now_v7()),
            application_id: Set(Some(a.id)),
            opportunity_id: Set(o.id),
            agency_id: Set(o.agency_id),
            municipality_code: Set(o.municipality_code.clone()),
            status: Set(status),
            at: Set(at),
        },
    )
    .await?;
    Ok(())
}

async fn record(
    txn: &DatabaseTransaction,
    caller: &Caller,
    auth: &AuthUser,
    action: &'static str,
    id: Uuid,
    status: ApplicationStatus,
) -> Result<(), ApiError> {
    audit::record(
        txn,
        AuditEvent::new(action)
            .actor(auth.user_id)
            .target("application", id)
            .agency(auth.agency_id)
            .details(json!({ "status": status.as_str() }))
            .request(caller.request_id.as_deref()),
    )
    .await?;
    Ok(())
}

/// The e-mail she gets at a step that concerns her.
fn status_email(
    lang: Language,
    status: ApplicationStatus,
    title: &str,
    employer: &str,
    reason: Option<&str>,
    link: &str,
) -> Option<(String, String)> {
    use ApplicationStatus::*;
    let it = lang == Language::It;
    let (subject, news) = match status {
        Proposed if it => (
            "Una proposta di candidatura per te",
            format!(
                "La tua operatrice ti propone per «{title}» presso {employer}. Puoi accettare, scegliendo cosa mostrare all'impresa, o rifiutare."
            ),
        ),
        Proposed => (
            "You have been proposed for a job",
            format!(
                "Your counsellor proposes you for \"{title}\" at {employer}. You can accept, choosing what the employer sees, or decline."
            ),
        ),
        Received if it => (
            "Candidatura inviata",
            format!("{employer} ha ricevuto la tua candidatura per «{title}»."),
        ),
        Received => (
            "Application sent",
            format!("{employer} has received your application for \"{title}\"."),
        ),
        Interview if it => (
            "Sei invitata a un colloquio",
            format!(
                "{employer} vuole conoscerti per «{title}»: ti contatterà per fissare il colloquio."
            ),
        ),
        Interview => (
            "You are invited to an interview",
            format!(
                "{employer} wants to meet you for \"{title}\": they will contact you to set the interview."
            ),
        ),
        Offer if it => (
            "Hai ricevuto un'offerta",
            format!("{employer} ti fa un'offerta per «{title}»."),
        ),
        Offer => (
            "You have an offer",
            format!("{employer} makes you an offer for \"{title}\"."),
        ),
        Hired if it => (
            "Assunta!",
            format!("{employer} conferma la tua assunzione per «{title}». Complimenti!"),
        ),
        Hired => (
            "Hired!",
            format!("{employer} confirms you are hired for \"{title}\". Congratulations!"),
        ),
        NotSelected if it => (
            "Esito della tua candidatura",
            format!(
                "{employer} non ti ha selezionata per «{title}». Il motivo: {}",
                reason.unwrap_or_default()
            ),
        ),
        NotSelected => (
            "About your application",
            format!(
                "{employer} did not select you for \"{title}\". The reason: {}",
                reason.unwrap_or_default()
            ),
        ),
        Withdrawn | Declined => return None,
    };
    let tail = if it {
        format!("Le tue candidature: {link}")
    } else {
        format!("Your applications: {link}")
    };
    Some((subject.to_owned(), format!("{news}\n\n{tail}\n")))
}

/// Queues her e-mail for a step (in the step's transaction).
async fn tell_her<C: ConnectionTrait>(
    db: &C,
    state: &AppState,
    user: Uuid,
    status: ApplicationStatus,
    o: &opportunity::Model,
    reason: Option<&str>,
) -> Result<(), ApiError> {
    let Some(her) = crate::assessment::repo::user_by_id(db, user).await? else {
        return Ok(());
    };
    let employers = crate::opportunities::repo::employers(db, [o.employer_id]).await?;
    let employer = employers
        .get(&o.employer_id)
        .map(|e| e.name.as_str())
        .unwrap_or_default();
    let link = format!(
        "{}/applications",
        state.settings.server.public_url.trim_end_matches('/')
    );
    if let Some((subject, body)) =
        status_email(her.language, status, &o.title, employer, reason, &link)
    {
        queue_email(
            db,
            NewEmail {
                user,
                template: "application_step",
                language: her.language,
                subject,
                body,
            },
        )
        .await?;
        notify(
            db,
            Notice {
                user,
                kind: NotificationKind::ApplicationStep,
                title: &o.title,
                status: Some(status),
                link: "/applications".to_owned(),
            },
        )
        .await?;
    }
    Ok(())
}

/// Queues, for each HR account of the opportunity's employer, the news that a woman applied
/// (or accepted a proposal): her name and where to see her, nothing else.
async fn tell_employer<C: ConnectionTrait>(
    db: &C,
    state: &AppState,
    o: &opportunity::Model,
    applicant: Uuid,
) -> Result<(), ApiError> {
    let Some(her) = crate::assessment::repo::user_by_id(db, applicant).await? else {
        return Ok(());
    };
    let link = format!(
        "{}/staff/opportunities/{}",
        state.settings.server.public_url.trim_end_matches('/'),
        o.id
    );
    for hr in crate::employers::repo::accounts_of(db, o.agency_id, o.employer_id).await? {
        if hr.disabled_at.is_some() {
            continue;
        }
        let (subject, body) = match hr.language {
            Language::It => (
                format!("Nuova candidatura per «{}»", o.title),
                format!(
                    "{} si è candidata per «{}». Il suo portfolio e quello che ha scelto di mostrarvi: {link}\n",
                    her.name, o.title
                ),
            ),
            Language::En => (
                format!("New applicant for \"{}\"", o.title),
                format!(
                    "{} applied for \"{}\". Her portfolio and what she chose to show you: {link}\n",
                    her.name, o.title
                ),
            ),
        };
        queue_email(
            db,
            NewEmail {
                user: hr.id,
                template: "applicant_received",
                language: hr.language,
                subject,
                body,
            },
        )
        .await?;
        notify(
            db,
            Notice {
                user: hr.id,
                kind: NotificationKind::ApplicantReceived,
                title: &o.title,
                status: None,
                link: format!("/staff/opportunities/{}", o.id),
            },
        )
        .await?;
    }
    Ok(())
}

/// Her applications as she sees them.
async fn dtos(
    state: &AppState,
    rows: Vec<application::Model>,
) -> Result<Vec<Application>, ApiError> {
    let ids: Vec<Uuid> = rows.iter().map(|a| a.id).collect();
    let mut opportunity_ids: Vec<Uuid> = rows.iter().map(|a| a.opportunity_id).collect();
    opportunity_ids.sort_unstable();
    opportunity_ids.dedup();
    let opportunities: HashMap<Uuid, opportunity::Model> =
        crate::opportunities::repo::by_ids(&state.db, &opportunity_ids)
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
    let employers = crate::opportunities::repo::employers(
        &state.db,
        opportunities.values().map(|o| o.employer_id),
    )
    .await?;
    let mut steps: HashMap<Uuid, Vec<ApplicationStep>> = HashMap::new();
    for s in repo::steps_of(&state.db, &ids).await? {
        if let Some(a) = s.application_id {
            steps.entry(a).or_default().push(ApplicationStep {
                status: s.status,
                at: s.at,
            });
        }
    }
    let mut proposers: HashMap<Uuid, String> = HashMap::new();
    for id in rows.iter().filter_map(|a| a.proposed_by) {
        if let std::collections::hash_map::Entry::Vacant(v) = proposers.entry(id)
            && let Some(u) = crate::assessment::repo::user_by_id(&state.db, id).await?
        {
            v.insert(u.name);
        }
    }
    Ok(rows
        .into_iter()
        .map(|a| {
            let o = opportunities.get(&a.opportunity_id);
            Application {
                id: a.id,
                opportunity_id: a.opportunity_id,
                opportunity_title: o.map(|o| o.title.clone()).unwrap_or_default(),
                employer_name: o
                    .and_then(|o| employers.get(&o.employer_id))
                    .map(|e| e.name.clone())
                    .unwrap_or_default(),
                status: a.status,
                note: a.note,
                share: serde_json::from_value(a.share).unwrap_or_default(),
                reason: a.reason,
                proposed_by: a.proposed_by.and_then(|p| proposers.get(&p).cloned()),
                proposal_note: a.proposal_note,
                steps: steps.remove(&a.id).unwrap_or_default(),
                version: u32::try_from(a.version).unwrap_or(0),
            }
        })
        .collect())
}

async fn one_dto(state: &AppState, row: application::Model) -> Result<Application, ApiError> {
    dtos(state, vec![row])
        .await?
        .pop()
        .ok_or(ApiError::NotFound)
}

/// Her applications and the proposals made to her, newest first.
pub async fn mine(state: &AppState, auth: &AuthUser) -> Result<Vec<Application>, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    dtos(state, repo::of_user(&state.db, auth.user_id).await?).await
}

/// She applies to an open opportunity of her agency: once.
pub async fn apply(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    opportunity_id: Uuid,
    input: ApplicationInput,
) -> Result<Application, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    let o = open_opportunity(state, auth.agency_id, opportunity_id).await?;
    let mut issues = Issues::default();
    let (note, share) = check_input(&input, &mut issues);
    issues.finish()?;
    if repo::for_opportunity_and_user(&state.db, o.id, auth.user_id)
        .await?
        .is_some()
    {
        return Err(ApiError::Conflict(ErrorCode::AlreadyApplied));
    }
    let portfolio = validated_attempt(state, auth.user_id).await?;
    let now = Utc::now();
    let txn = state.db.begin().await?;
    let row = repo::insert(
        &txn,
        application::ActiveModel {
            id: Set(Uuid::now_v7()),
            opportunity_id: Set(o.id),
            agency_id: Set(o.agency_id),
            user_id: Set(auth.user_id),
            status: Set(ApplicationStatus::Received),
            note: Set(note),
            share: Set(json!(share)),
            portfolio_attempt_id: Set(portfolio),
            reason: Set(None),
            proposed_by: Set(None),
            proposal_note: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        },
    )
    .await
    .map_err(|e| already_applied(&e).unwrap_or(ApiError::from(e)))?;
    step(&txn, &row, &o, ApplicationStatus::Received, now).await?;
    tell_her(
        &txn,
        state,
        auth.user_id,
        ApplicationStatus::Received,
        &o,
        None,
    )
    .await?;
    tell_employer(&txn, state, &o, auth.user_id).await?;
    record(&txn, caller, auth, "application_sent", row.id, row.status).await?;
    txn.commit().await?;
    state.mail_waiting.notify_one();
    one_dto(state, row).await
}

/// Two requests of hers at once: the second finds the unique index.
fn already_applied(e: &sea_orm::DbErr) -> Option<ApiError> {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
    .then_some(ApiError::Conflict(ErrorCode::AlreadyApplied))
}

/// A counsellor proposes a woman of the agency (an open case) for a published opportunity;
/// the employer sees nothing until she accepts.
pub async fn propose(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    opportunity_id: Uuid,
    input: ProposalInput,
) -> Result<Application, ApiError> {
    auth.require(STAFF)?;
    let (o, _) = crate::opportunities::service::load(state, auth.agency_id, opportunity_id).await?;
    let mut issues = Issues::default();
    let note = input.note.trim().to_owned();
    if let Some(code) = crate::texts::plain(&note, ApplicationInput::MAX_NOTE, false) {
        issues.push(FieldIssue::new("/note", code));
    }
    let woman = crate::opportunities::repo::jobseeker_of_agency(
        &state.db,
        auth.agency_id,
        input.jobseeker_id.0,
    )
    .await?;
    if woman.is_none() {
        issues.push(FieldIssue::new("/jobseeker_id", FieldCode::UserUnknown));
    }
    issues.finish()?;
    if o.status != OpportunityStatus::Published || o.closes_on < today() {
        return Err(ApiError::Conflict(ErrorCode::OpportunityNotOpen));
    }
    let user = input.jobseeker_id.0;
    if repo::for_opportunity_and_user(&state.db, o.id, user)
        .await?
        .is_some()
    {
        return Err(ApiError::Conflict(ErrorCode::AlreadyApplied));
    }
    let now = Utc::now();
    let txn = state.db.begin().await?;
    let row = repo::insert(
        &txn,
        application::ActiveModel {
            id: Set(Uuid::now_v7()),
            opportunity_id: Set(o.id),
            agency_id: Set(o.agency_id),
            user_id: Set(user),
            status: Set(ApplicationStatus::Proposed),
            note: Set(String::new()),
            share: Set(json!([])),
            portfolio_attempt_id: Set(None),
            reason: Set(None),
            proposed_by: Set(Some(auth.user_id)),
            proposal_note: Set((!note.is_empty()).then_some(note)),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        },
    )
    .await
    .map_err(|e| already_applied(&e).unwrap_or(ApiError::from(e)))?;
    step(&txn, &row, &o, ApplicationStatus::Proposed, now).await?;
    tell_her(&txn, state, user, ApplicationStatus::Proposed, &o, None).await?;
    record(
        &txn,
        caller,
        auth,
        "application_proposed",
        row.id,
        row.status,
    )
    .await?;
    txn.commit().await?;
    state.mail_waiting.notify_one();
    one_dto(state, row).await
}

/// Writes a move of `a` to `to` with `fields` (if no one moved it meanwhile), keeps the step,
/// tells her, audits it: one transaction.
#[allow(clippy::too_many_arguments, reason = "one move, said whole")]
async fn commit_step(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    a: &application::Model,
    to: ApplicationStatus,
    fields: application::ActiveModel,
    action: &'static str,
    reason: Option<&str>,
) -> Result<(), ApiError> {
    let o = crate::opportunities::repo::by_ids(&state.db, &[a.opportunity_id])
        .await?
        .pop()
        .ok_or(ApiError::NotFound)?;
    let now = Utc::now();
    let txn = state.db.begin().await?;
    if !repo::update(
        &txn,
        a.id,
        a.version,
        a.status,
        application::ActiveModel {
            status: Set(to),
            updated_at: Set(now),
            ..fields
        },
    )
    .await?
    {
        return Err(ApiError::PreconditionFailed);
    }
    step(&txn, a, &o, to, now).await?;
    tell_her(&txn, state, a.user_id, to, &o, reason).await?;
    if to == ApplicationStatus::Received {
        tell_employer(&txn, state, &o, a.user_id).await?;
    }
    record(&txn, caller, auth, action, a.id, to).await?;
    txn.commit().await?;
    state.mail_waiting.notify_one();
    Ok(())
}

/// Moves one of her applications to `to` with `fields`; the application as she sees it after.
async fn move_hers(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    a: application::Model,
    to: ApplicationStatus,
    fields: application::ActiveModel,
    action: &'static str,
) -> Result<Application, ApiError> {
    commit_step(state, caller, auth, &a, to, fields, action, None).await?;
    let saved = repo::hers(&state.db, a.user_id, a.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    one_dto(state, saved).await
}

/// Her application `id` when `may` its state; else `refusal`.
async fn hers_if(
    state: &AppState,
    auth: &AuthUser,
    id: Uuid,
    may: impl Fn(ApplicationStatus) -> bool,
    refusal: ErrorCode,
) -> Result<application::Model, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    let a = repo::hers(&state.db, auth.user_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if may(a.status) {
        Ok(a)
    } else {
        Err(ApiError::Conflict(refusal))
    }
}

/// She accepts a proposal: it becomes her application, with her note and what she shares.
pub async fn accept(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
    input: ApplicationInput,
) -> Result<Application, ApiError> {
    auth.require(&[Role::Jobseeker])?;
    let a = repo::hers(&state.db, auth.user_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut issues = Issues::default();
    let (note, share) = check_input(&input, &mut issues);
    issues.finish()?;
    if a.status != ApplicationStatus::Proposed {
        return Err(ApiError::Conflict(ErrorCode::NotAProposal));
    }
    open_opportunity(state, auth.agency_id, a.opportunity_id)
        .await
        .map_err(|_| ApiError::Conflict(ErrorCode::OpportunityNotOpen))?;
    let portfolio = validated_attempt(state, auth.user_id).await?;
    let fields = application::ActiveModel {
        note: Set(note),
        share: Set(json!(share)),
        portfolio_attempt_id: Set(portfolio),
        ..Default::default()
    };
    move_hers(
        state,
        caller,
        auth,
        a,
        ApplicationStatus::Received,
        fields,
        "proposal_accepted",
    )
    .await
}

/// She declines a proposal: the employer never sees it.
pub async fn decline(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
) -> Result<Application, ApiError> {
    let proposed = |s| s == ApplicationStatus::Proposed;
    let a = hers_if(state, auth, id, proposed, ErrorCode::NotAProposal).await?;
    move_hers(
        state,
        caller,
        auth,
        a,
        ApplicationStatus::Declined,
        application::ActiveModel::default(),
        "proposal_declined",
    )
    .await
}

/// She withdraws an open application: the employer no longer sees it, at once.
pub async fn withdraw(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
) -> Result<Application, ApiError> {
    let open = ApplicationStatus::withdrawable;
    let a = hers_if(state, auth, id, open, ErrorCode::ApplicationEnded).await?;
    move_hers(
        state,
        caller,
        auth,
        a,
        ApplicationStatus::Withdrawn,
        application::ActiveModel::default(),
        "application_withdrawn",
    )
    .await
}

/// The applicants of an opportunity as the employer's side sees them: those who applied or
/// accepted a proposal and did not withdraw; her validated portfolio and only what she chose
/// to share. Each look is audited.
pub async fn applicants(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    opportunity_id: Uuid,
) -> Result<Vec<Applicant>, ApiError> {
    let (o, _) = crate::opportunities::service::load_for(state, auth, opportunity_id).await?;
    let rows = repo::of_opportunity(&state.db, o.id, SEEN).await?;
    let mut out = Vec::with_capacity(rows.len());
    for a in rows {
        out.push(applicant(state, a).await?);
    }
    audit::record(
        &state.db,
        AuditEvent::new("applicants_viewed")
            .actor(auth.user_id)
            .target("opportunity", o.id)
            .agency(auth.agency_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    Ok(out)
}

/// One applicant, with what she shared.
async fn applicant(state: &AppState, a: application::Model) -> Result<Applicant, ApiError> {
    let shared: Vec<SharedPart> = serde_json::from_value(a.share.clone()).unwrap_or_default();
    let portfolio = match a.portfolio_attempt_id {
        Some(id) => match crate::assessment::repo::attempt_by_id(&state.db, id).await? {
            Some(row) => crate::assessment::portfolio::build(state, &row).await?,
            None => None,
        },
        None => None,
    };
    let user = crate::assessment::repo::user_by_id(&state.db, a.user_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut sections: HashMap<ProfileSection, serde_json::Value> =
        crate::catalogue::finding::repo::sections_of(&state.db, a.user_id)
            .await?
            .into_iter()
            .map(|s| (s.section, s.data))
            .collect();
    let mut take = |part: SharedPart, section: ProfileSection| {
        shared
            .contains(&part)
            .then(|| sections.remove(&section))
            .flatten()
    };
    let contact = take(SharedPart::Contact, ProfileSection::AboutMe).map(|v| {
        let about: AboutMe = serde_json::from_value(v).unwrap_or_default();
        ApplicantContact {
            email: user.email.clone(),
            phone: about.phone,
            channels: about.contact_channels.unwrap_or_default(),
            languages: about.languages.unwrap_or_default(),
        }
    });
    let contact = contact.or_else(|| {
        shared
            .contains(&SharedPart::Contact)
            .then(|| ApplicantContact {
                email: user.email.clone(),
                phone: None,
                channels: Vec::new(),
                languages: Vec::new(),
            })
    });
    let education = take(SharedPart::Education, ProfileSection::Education)
        .and_then(|v| serde_json::from_value(v).ok());
    let work_history = take(SharedPart::WorkHistory, ProfileSection::WorkHistory)
        .and_then(|v| serde_json::from_value(v).ok());
    let availability = take(SharedPart::Availability, ProfileSection::Availability)
        .and_then(|v| serde_json::from_value(v).ok());
    let goals =
        take(SharedPart::Goals, ProfileSection::Goals).and_then(|v| serde_json::from_value(v).ok());
    Ok(Applicant {
        application_id: a.id,
        name: user.name,
        status: a.status,
        note: a.note,
        reason: a.reason,
        applied_at: a.created_at,
        proposed: a.proposed_by.is_some(),
        portfolio,
        shared,
        contact,
        education,
        work_history,
        availability,
        goals,
        version: u32::try_from(a.version).unwrap_or(0),
    })
}

/// The employer's side moves an application one step on, or to `not_selected` with the
/// reason she reads. `If-Match`, when given, must name its version.
pub async fn move_status(
    state: &AppState,
    caller: &Caller,
    auth: &AuthUser,
    id: Uuid,
    if_match: Option<&str>,
    change: StatusChange,
) -> Result<Applicant, ApiError> {
    crate::opportunities::service::writer(auth)?;
    let a = repo::of_agency(&state.db, auth.agency_id, id)
        .await?
        .filter(|a| a.status.seen_by_employer())
        .ok_or(ApiError::NotFound)?;
    // An employer's HR moves only her organisation's applicants.
    crate::opportunities::service::load_for(state, auth, a.opportunity_id).await?;
    let expected = if_match
        .map(|h| crate::extract::if_match_version(Some(h)))
        .transpose()?;
    let reason = change
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    let mut issues = Issues::default();
    match (&reason, change.status) {
        (None, ApplicationStatus::NotSelected) => {
            issues.push(FieldIssue::new("/reason", FieldCode::ReasonRequired));
        }
        (Some(r), ApplicationStatus::NotSelected) => {
            if let Some(code) = crate::texts::plain(r, StatusChange::MAX_REASON, true) {
                issues.push(FieldIssue::new("/reason", code));
            }
        }
        (Some(_), _) => issues.push(FieldIssue::new("/reason", FieldCode::ReasonNotAllowed)),
        (None, _) => {}
    }
    issues.finish()?;
    if !a.status.may_move_to(change.status) {
        return Err(ApiError::Conflict(ErrorCode::MoveNotAllowed));
    }
    if expected.is_some_and(|v| i64::from(v) != i64::from(a.version)) {
        return Err(ApiError::PreconditionFailed);
    }
    let fields = application::ActiveModel {
        reason: Set(reason.clone()),
        ..Default::default()
    };
    commit_step(
        state,
        caller,
        auth,
        &a,
        change.status,
        fields,
        "application_moved",
        reason.as_deref(),
    )
    .await?;
    let saved = repo::of_agency(&state.db, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    applicant(state, saved).await
}
