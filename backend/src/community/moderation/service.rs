//! Moderation by the community managers of the agency that owns the room and its admins (and
//! a room's own managers): reports reach them in a queue with the message and its context; they
//! hide messages, mute, remove or ban members, set slow mode; the reporter hears back. Every
//! action, with who, why and until when, goes to the append-only moderation log.

use std::collections::HashMap;

use chrono::{Duration, Utc};
use sea_orm::TransactionTrait;
use serde_json::json;
use shared::{
    ErrorCode, FieldCode, FilterAction, HandleReport, LocalizedText, MemberRole, Message,
    ModerationEntry, ModerationReason, Mute, NewMember, NewReport, NewWordFilter, Report,
    ReportEntry, ReportReason, RoomKind, RoomUpdate, ServerEvent, SlowMode, UserId, WordFilter,
};
use uuid::Uuid;

use super::repo;
use crate::community::access::{MANAGERS, banned};
use crate::community::messages::repo::{self as messages_repo, Spot};
use crate::community::repo as community_repo;
use crate::community::rooms::repo::{self as rooms_repo, MemberChange, RoomChange};
use crate::community::views::{messages_dto, report_dto};
use crate::entities::{message, report, room, word_filter};
use crate::error::{ApiError, FieldIssue};
use crate::session::AuthUser;
use crate::state::AppState;

/// The longest reason or note.
const REASON_MAX: usize = 1000;

fn text(value: &str, pointer: &str, required: bool) -> Result<Option<String>, ApiError> {
    match crate::texts::plain(value, REASON_MAX, required) {
        Some(code) => Err(ApiError::Validation(vec![FieldIssue::new(pointer, code)])),
        None => Ok(Some(value.trim().to_owned()).filter(|t| !t.is_empty())),
    }
}

fn reason(r: &str) -> Result<String, ApiError> {
    text(r, "/reason", true)?.ok_or(ApiError::Validation(vec![FieldIssue::new(
        "/reason",
        FieldCode::Required,
    )]))
}

/// The room, if she moderates it: 404 for another agency's room, 403 for anyone of the agency
/// who does not run it. A direct conversation is nobody's to moderate: 404 for anyone who is
/// not one of its two members (they do not learn it exists), 403 for its members.
pub(crate) async fn moderated(
    state: &AppState,
    auth: &AuthUser,
    room_id: Uuid,
) -> Result<room::Model, ApiError> {
    let r = community_repo::room_of_agency(&state.db, auth.agency_id, room_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if r.kind == RoomKind::Direct {
        return Err(
            if crate::community::access::member_of(state, auth.user_id, room_id).await {
                ApiError::Forbidden
            } else {
                ApiError::NotFound
            },
        );
    }
    if MANAGERS.contains(&auth.role) {
        return Ok(r);
    }
    match community_repo::membership(&state.db, room_id, auth.user_id).await? {
        Some(m) if m.role == MemberRole::Manager => Ok(r),
        Some(_) => Err(ApiError::Forbidden),
        None if crate::community::access::members_only(r.kind) => Err(ApiError::NotFound),
        None => Err(ApiError::Forbidden),
    }
}

struct LogEntry<'a> {
    room: Option<&'a room::Model>,
    action: &'static str,
    target_user: Option<Uuid>,
    target_message: Option<Uuid>,
    reason: &'a str,
    until: Option<chrono::DateTime<Utc>>,
}

async fn log<C: sea_orm::ConnectionTrait>(
    db: &C,
    auth: &AuthUser,
    e: LogEntry<'_>,
) -> Result<(), ApiError> {
    repo::insert_log(
        db,
        repo::LogRow {
            agency: e.room.map_or(auth.agency_id, |r| r.agency_id),
            room: e.room.map(|r| r.id),
            actor: auth.user_id,
            action: e.action,
            target_user: e.target_user,
            target_message: e.target_message,
            reason: e.reason,
            until: e.until,
        },
    )
    .await?;
    Ok(())
}

/// Reports a message of a room she can see (not her own).
pub async fn report(
    state: &AppState,
    auth: &AuthUser,
    room_id: Uuid,
    message_id: Uuid,
    req: NewReport,
) -> Result<Report, ApiError> {
    crate::community::access::visible(state, auth, room_id).await?;
    let m = messages_repo::in_room(&state.db, room_id, message_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if m.sender_id == auth.user_id {
        return Err(ApiError::Validation(vec![FieldIssue::new(
            "/message_id",
            FieldCode::OwnMessage,
        )]));
    }
    let note = match &req.note {
        Some(n) => text(n, "/note", false)?,
        None => None,
    };
    let row = repo::insert_report(
        &state.db,
        repo::NewReportRow {
            room_id,
            message_id,
            reporter: Some(auth.user_id),
            reason: req.reason,
            note,
        },
    )
    .await?;
    report_dto(&row)
}

/// Her reports, newest first, with the moderators' answers.
pub async fn my_reports(state: &AppState, auth: &AuthUser) -> Result<Vec<Report>, ApiError> {
    repo::reports_by(&state.db, auth.user_id)
        .await?
        .iter()
        .map(report_dto)
        .collect()
}

/// Messages shown on either side of a reported one.
const CONTEXT: i64 = 3;

/// The agency's reports, open ones oldest first (or handled ones, newest first).
pub async fn queue(
    state: &AppState,
    auth: &AuthUser,
    handled: bool,
) -> Result<Vec<ReportEntry>, ApiError> {
    auth.require(MANAGERS)?;
    let rooms: HashMap<Uuid, room::Model> = rooms_repo::of_agency(&state.db, auth.agency_id)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    // A direct conversation's message reaches the queue only when one of its two members
    // reported it (never through the word filter), and then alone, without its neighbours.
    let is_direct = |room_id: &Uuid| {
        rooms
            .get(room_id)
            .is_some_and(|r| r.kind == RoomKind::Direct)
    };
    let direct: Vec<Uuid> = rooms.keys().copied().filter(|id| is_direct(id)).collect();
    let reports =
        repo::reports_in(&state.db, rooms.keys().copied().collect(), direct, handled).await?;
    let names = repo::names_of(&state.db, reports.iter().filter_map(|r| r.reporter_id)).await?;
    // The reported messages' places, then every report's context in one query.
    let seqs = messages_repo::seqs_of(&state.db, reports.iter().map(|r| r.message_id)).await?;
    let spots: Vec<Spot> = reports
        .iter()
        .filter_map(|r| {
            if is_direct(&r.room_id) {
                Some(Spot::Message(r.message_id))
            } else {
                seqs.get(&r.message_id).map(|&seq| Spot::Near {
                    room: r.room_id,
                    seqs: seq - CONTEXT..=seq + CONTEXT,
                })
            }
        })
        .collect();
    let rows = if seqs.is_empty() {
        Vec::new()
    } else {
        messages_repo::at_spots(&state.db, &spots).await?
    };
    let bodies: HashMap<Uuid, String> = rows.iter().map(|m| (m.id, m.body.clone())).collect();
    // Moderators read what was hidden (not what its author deleted).
    let mut shown = messages_dto(&state.db, rows).await?;
    for m in &mut shown {
        if m.hidden && !m.deleted {
            m.body = bodies.get(&m.id).cloned().unwrap_or_default();
        }
    }
    let mut out = Vec::with_capacity(reports.len());
    for r in reports {
        let Some(&seq) = seqs.get(&r.message_id) else {
            continue;
        };
        let near = seq - CONTEXT..=seq + CONTEXT;
        let mut context: Vec<Message> = shown
            .iter()
            .filter(|m| {
                m.room_id == r.room_id && near.contains(&i64::try_from(m.seq).unwrap_or(i64::MAX))
            })
            .cloned()
            .collect();
        let Some(message) = context.iter().find(|m| m.id == r.message_id).cloned() else {
            continue;
        };
        context.retain(|m| m.id != r.message_id && !is_direct(&m.room_id));
        out.push(ReportEntry {
            report: report_dto(&r)?,
            reporter_name: r
                .reporter_id
                .and_then(|id| names.get(&id).cloned())
                .unwrap_or_default(),
            room_name: rooms
                .get(&r.room_id)
                .map(|room| serde_json::from_value(room.name.clone()))
                .transpose()
                .map_err(|e| ApiError::Internal(anyhow::Error::new(e)))?
                .unwrap_or_default(),
            message,
            context,
        });
    }
    // Staff reading message bodies is a read of personal data: on the audit log (ids only).
    if !out.is_empty() {
        crate::audit::record(
            &state.db,
            crate::audit::AuditEvent::new("reports_queue_read")
                .actor(auth.user_id)
                .agency(auth.agency_id)
                .details(json!({
                    "reports": out.iter().map(|e| e.report.id).collect::<Vec<_>>(),
                })),
        )
        .await?;
    }
    Ok(out)
}

/// Closes a report with an answer for the reporter.
pub async fn handle(
    state: &AppState,
    auth: &AuthUser,
    report_id: Uuid,
    req: HandleReport,
) -> Result<Report, ApiError> {
    auth.require(MANAGERS)?;
    let outcome = text(&req.outcome, "/outcome", true)?.unwrap_or_default();
    let row = repo::report_by_id(&state.db, report_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let r = reported_room(state, auth, &row).await?;
    if row.handled_at.is_some() {
        return Err(ApiError::Conflict(ErrorCode::ReportHandled));
    }
    let txn = state.db.begin().await?;
    let row = repo::close_report(&txn, row, auth.user_id, &outcome, Utc::now()).await?;
    log(
        &txn,
        auth,
        LogEntry {
            room: Some(&r),
            action: "report_handled",
            target_user: None,
            target_message: Some(row.message_id),
            reason: &outcome,
            until: None,
        },
    )
    .await?;
    txn.commit().await?;
    report_dto(&row)
}

/// The room of a report she may close: one she moderates, or a direct conversation one of
/// whose members reported the message (the queue shows her that report, and only that).
async fn reported_room(
    state: &AppState,
    auth: &AuthUser,
    row: &report::Model,
) -> Result<room::Model, ApiError> {
    let r = community_repo::room_of_agency(&state.db, auth.agency_id, row.room_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if r.kind != RoomKind::Direct {
        return moderated(state, auth, r.id).await;
    }
    if row.reporter_id.is_none() {
        return Err(ApiError::NotFound);
    }
    auth.require(MANAGERS)?;
    Ok(r)
}

/// Hides a message from the room: its place stays, its text goes for members.
pub async fn hide(
    state: &AppState,
    auth: &AuthUser,
    room_id: Uuid,
    message_id: Uuid,
    req: ModerationReason,
) -> Result<Message, ApiError> {
    let why = reason(&req.reason)?;
    let r = moderated(state, auth, room_id).await?;
    let m = room_message(state, room_id, message_id).await?;
    let message = set_hidden(state, auth, &r, m, Some(&why), ("message_hidden", &why)).await?;
    state.hub.publish_event(
        room_id,
        &ServerEvent::MessageUpdated {
            message: message.clone(),
        },
    );
    Ok(message)
}

async fn room_message(
    state: &AppState,
    room_id: Uuid,
    id: Uuid,
) -> Result<message::Model, ApiError> {
    messages_repo::in_room(&state.db, room_id, id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Hides a message (`hide`: the reason stored with it) or shows it again, with its log entry
/// (`why`), in one transaction.
async fn set_hidden(
    state: &AppState,
    auth: &AuthUser,
    r: &room::Model,
    m: message::Model,
    hide: Option<&str>,
    (action, why): (&'static str, &str),
) -> Result<Message, ApiError> {
    let (sender, id) = (m.sender_id, m.id);
    let txn = state.db.begin().await?;
    let row = messages_repo::set_hidden(&txn, m, hide, Utc::now()).await?;
    log(
        &txn,
        auth,
        LogEntry {
            room: Some(r),
            action,
            target_user: Some(sender),
            target_message: Some(id),
            reason: why,
            until: None,
        },
    )
    .await?;
    txn.commit().await?;
    messages_dto(&state.db, vec![row])
        .await?
        .pop()
        .ok_or(ApiError::NotFound)
}

/// What can be done to a member.
pub enum MemberAction {
    Mute(Mute),
    Remove(ModerationReason),
    Ban(ModerationReason),
    SlowMode(SlowMode),
}

/// Mutes, removes, bans or slows down a member of the room; returns the log entry.
pub async fn act_on_member(
    state: &AppState,
    auth: &AuthUser,
    room_id: Uuid,
    user_id: Uuid,
    action: MemberAction,
) -> Result<ModerationEntry, ApiError> {
    let r = moderated(state, auth, room_id).await?;
    let member = community_repo::membership(&state.db, room_id, user_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if user_id == auth.user_id {
        return Err(ApiError::Validation(vec![FieldIssue::new(
            "/user_id",
            FieldCode::NotYourself,
        )]));
    }
    let now = Utc::now();
    let txn = state.db.begin().await?;
    let (name, why, until) = match action {
        MemberAction::Mute(m) => {
            let why = reason(&m.reason)?;
            if !(1..=43_200).contains(&m.minutes) {
                return Err(ApiError::Validation(vec![FieldIssue::new(
                    "/minutes",
                    FieldCode::NumberOutOfRange,
                )]));
            }
            let until = now + Duration::minutes(i64::from(m.minutes));
            let muted = MemberChange::Muted {
                until,
                reason: why.clone(),
            };
            rooms_repo::update_member(&txn, member, muted).await?;
            ("member_muted", why, Some(until))
        }
        MemberAction::SlowMode(s) => {
            let why = reason(&s.reason)?;
            let seconds = slow_seconds(s.seconds)?;
            rooms_repo::update_member(&txn, member, MemberChange::SlowMode(seconds)).await?;
            ("member_slow_mode_set", why, None)
        }
        MemberAction::Remove(m) => {
            let why = reason(&m.reason)?;
            rooms_repo::remove_member(&txn, room_id, user_id).await?;
            ("member_removed", why, None)
        }
        MemberAction::Ban(m) => {
            let why = reason(&m.reason)?;
            rooms_repo::remove_member(&txn, room_id, user_id).await?;
            rooms_repo::insert_ban(&txn, room_id, user_id, &why, auth.user_id, now).await?;
            ("member_banned", why, None)
        }
    };
    log(
        &txn,
        auth,
        LogEntry {
            room: Some(&r),
            action: name,
            target_user: Some(user_id),
            target_message: None,
            reason: &why,
            until,
        },
    )
    .await?;
    txn.commit().await?;
    if matches!(name, "member_removed" | "member_banned") {
        state.hub.unsubscribe_user(user_id, room_id);
    }
    let mut entries = entries(state, auth, Some(room_id), 1).await?;
    entries.pop().ok_or(ApiError::NotFound)
}

fn slow_seconds(seconds: Option<u32>) -> Result<Option<i32>, ApiError> {
    match seconds {
        None | Some(0) => Ok(None),
        Some(s) if s <= 3600 => Ok(i32::try_from(s).ok()),
        Some(_) => Err(ApiError::Validation(vec![FieldIssue::new(
            "/seconds",
            FieldCode::NumberOutOfRange,
        )])),
    }
}

/// Slow mode for the whole room.
pub async fn room_slow_mode(
    state: &AppState,
    auth: &AuthUser,
    room_id: Uuid,
    req: SlowMode,
) -> Result<ModerationEntry, ApiError> {
    let why = reason(&req.reason)?;
    let seconds = slow_seconds(req.seconds)?;
    let r = moderated(state, auth, room_id).await?;
    let txn = state.db.begin().await?;
    rooms_repo::update(&txn, r.clone(), RoomChange::SlowMode(seconds)).await?;
    log(
        &txn,
        auth,
        LogEntry {
            room: Some(&r),
            action: "slow_mode_set",
            target_user: None,
            target_message: None,
            reason: &why,
            until: None,
        },
    )
    .await?;
    txn.commit().await?;
    let mut entries = entries(state, auth, Some(room_id), 1).await?;
    entries.pop().ok_or(ApiError::NotFound)
}

/// The moderation log of the agency (or of one room), newest first.
pub async fn entries(
    state: &AppState,
    auth: &AuthUser,
    room_id: Option<Uuid>,
    limit: u64,
) -> Result<Vec<ModerationEntry>, ApiError> {
    if let Some(room_id) = room_id {
        moderated(state, auth, room_id).await?;
    } else {
        auth.require(MANAGERS)?;
    }
    let rows = repo::log_entries(&state.db, auth.agency_id, room_id, limit).await?;
    let names = repo::names_of(&state.db, rows.iter().map(|r| r.actor_id)).await?;
    Ok(rows
        .into_iter()
        .map(|e| ModerationEntry {
            id: e.id,
            room_id: e.room_id,
            actor_id: UserId(e.actor_id),
            actor_name: names.get(&e.actor_id).cloned().unwrap_or_default(),
            action: e.action,
            target_user: e.target_user.map(UserId),
            target_message: e.target_message,
            reason: e.reason,
            until: e.until,
            created_at: e.created_at,
        })
        .collect())
}

/// Where `term` stands in `text` as whole words (any case).
pub fn contains_term(text: &str, term: &str) -> bool {
    let text = text.to_lowercase();
    let mut from = 0;
    while let Some(at) = text[from..].find(term) {
        let start = from + at;
        let end = start + term.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return true;
        }
        from = start + term.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// The strictest filter action a message triggers, with its term.
pub async fn filter(
    state: &AppState,
    agency: Uuid,
    body: &str,
) -> Result<Option<(FilterAction, String)>, ApiError> {
    let terms = repo::filters_of(&state.db, agency).await?;
    let mut worst: Option<(FilterAction, String)> = None;
    for t in terms {
        if contains_term(body, &t.term) {
            let action: FilterAction = t.action;
            let rank = |a: FilterAction| match a {
                FilterAction::Block => 3,
                FilterAction::Hold => 2,
                FilterAction::Flag => 1,
            };
            if worst.as_ref().is_none_or(|(w, _)| rank(action) > rank(*w)) {
                worst = Some((action, t.term));
            }
        }
    }
    Ok(worst)
}

/// A report raised by the word filter (no reporter).
pub async fn filter_report<C: sea_orm::ConnectionTrait>(
    db: &C,
    room_id: Uuid,
    message_id: Uuid,
    term: &str,
) -> Result<(), ApiError> {
    repo::insert_report(
        db,
        repo::NewReportRow {
            room_id,
            message_id,
            reporter: None,
            reason: ReportReason::Other,
            note: Some(format!("filter: {term}")),
        },
    )
    .await?;
    Ok(())
}

fn filter_dto(f: word_filter::Model) -> Result<WordFilter, ApiError> {
    Ok(WordFilter {
        id: f.id,
        term: f.term,
        action: f.action,
        created_at: f.created_at,
    })
}

/// The agency's word filter.
pub async fn filters(state: &AppState, auth: &AuthUser) -> Result<Vec<WordFilter>, ApiError> {
    auth.require(MANAGERS)?;
    repo::filters_of(&state.db, auth.agency_id)
        .await?
        .into_iter()
        .map(filter_dto)
        .collect()
}

/// Adds a term (or changes its action); logged.
pub async fn add_filter(
    state: &AppState,
    auth: &AuthUser,
    req: NewWordFilter,
) -> Result<WordFilter, ApiError> {
    auth.require(MANAGERS)?;
    let why = reason(&req.reason)?;
    let term = req.term.trim().to_lowercase();
    let n = term.chars().count();
    if !(2..=80).contains(&n) || crate::texts::has_refused_inline(&term) {
        return Err(ApiError::Validation(vec![FieldIssue::new(
            "/term",
            FieldCode::TermInvalid,
        )]));
    }
    let txn = state.db.begin().await?;
    let row = repo::put_filter(&txn, auth.agency_id, &term, req.action, auth.user_id).await?;
    log(
        &txn,
        auth,
        LogEntry {
            room: None,
            action: "filter_added",
            target_user: None,
            target_message: None,
            reason: &format!(
                "{term} ({}): {why}",
                sea_orm::ActiveEnum::to_value(&row.action)
            ),
            until: None,
        },
    )
    .await?;
    txn.commit().await?;
    filter_dto(row)
}

/// Removes a term; logged.
pub async fn remove_filter(
    state: &AppState,
    auth: &AuthUser,
    id: Uuid,
    req: ModerationReason,
) -> Result<(), ApiError> {
    auth.require(MANAGERS)?;
    let why = reason(&req.reason)?;
    let row = repo::filter_of_agency(&state.db, auth.agency_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let txn = state.db.begin().await?;
    repo::delete_filter(&txn, id).await?;
    log(
        &txn,
        auth,
        LogEntry {
            room: None,
            action: "filter_removed",
            target_user: None,
            target_message: None,
            reason: &format!("{}: {why}", row.term),
            until: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Lets a held message through: it is delivered to the room now.
pub async fn release(
    state: &AppState,
    auth: &AuthUser,
    room_id: Uuid,
    message_id: Uuid,
    req: ModerationReason,
) -> Result<Message, ApiError> {
    let why = reason(&req.reason)?;
    let r = moderated(state, auth, room_id).await?;
    let m = room_message(state, room_id, message_id).await?;
    if m.hidden_reason.as_deref() != Some(crate::community::access::HELD) {
        return Err(ApiError::Conflict(ErrorCode::NotHeld));
    }
    let message = set_hidden(state, auth, &r, m, None, ("message_released", &why)).await?;
    state.hub.publish_event(
        room_id,
        &ServerEvent::Message {
            message: message.clone(),
        },
    );
    Ok(message)
}

/// Adds a member of the agency to the room (idempotent); a banned one is refused.
pub async fn add_member(
    state: &AppState,
    auth: &AuthUser,
    room_id: Uuid,
    req: NewMember,
) -> Result<(), ApiError> {
    let r = moderated(state, auth, room_id).await?;
    let unknown =
        || ApiError::Validation(vec![FieldIssue::new("/user_id", FieldCode::UserUnknown)]);
    let target = repo::live_user_of_agency(&state.db, r.agency_id, req.user_id.0)
        .await?
        .ok_or_else(unknown)?;
    if banned(state, target.id, room_id).await? {
        return Err(ApiError::Conflict(ErrorCode::Banned));
    }
    if r.archived_at.is_some() {
        return Err(ApiError::Conflict(ErrorCode::RoomArchived));
    }
    crate::community::access::add_membership(state, room_id, target.id, r.last_seq).await?;
    Ok(())
}

/// Changes a room's name, description and rules; logged.
pub async fn update_room(
    state: &AppState,
    auth: &AuthUser,
    room_id: Uuid,
    req: RoomUpdate,
) -> Result<(), ApiError> {
    let r = moderated(state, auth, room_id).await?;
    let mut issues = Vec::new();
    crate::texts::localized(&req.name, 80, "/name", &mut issues);
    crate::texts::localized(&req.description, 1000, "/description", &mut issues);
    crate::texts::localized(&req.rules, 4000, "/rules", &mut issues);
    if !issues.is_empty() {
        return Err(ApiError::Validation(issues));
    }
    let why = reason(&req.reason)?;
    let trim = |t: &LocalizedText| LocalizedText {
        it: t.it.trim().to_owned(),
        en: t.en.trim().to_owned(),
    };
    let (name, description, rules) = (trim(&req.name), trim(&req.description), trim(&req.rules));
    let txn = state.db.begin().await?;
    let texts = RoomChange::Texts {
        name: &name,
        description: &description,
        rules: &rules,
    };
    rooms_repo::update(&txn, r.clone(), texts).await?;
    log(
        &txn,
        auth,
        LogEntry {
            room: Some(&r),
            action: "room_updated",
            target_user: None,
            target_message: None,
            reason: &why,
            until: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Archives a room: readable, closed to new messages and members; logged.
pub async fn archive(
    state: &AppState,
    auth: &AuthUser,
    room_id: Uuid,
    req: ModerationReason,
) -> Result<(), ApiError> {
    let why = reason(&req.reason)?;
    let r = moderated(state, auth, room_id).await?;
    if r.archived_at.is_some() {
        return Err(ApiError::Conflict(ErrorCode::RoomArchived));
    }
    let txn = state.db.begin().await?;
    rooms_repo::update(&txn, r.clone(), RoomChange::Archived(Utc::now())).await?;
    log(
        &txn,
        auth,
        LogEntry {
            room: Some(&r),
            action: "room_archived",
            target_user: None,
            target_message: None,
            reason: &why,
            until: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::contains_term;

    #[test]
    fn terms_match_whole_words_in_any_case() {
        assert!(contains_term("Sei proprio una STUPIDA!", "stupida"));
        assert!(contains_term("stupida", "stupida"));
        assert!(contains_term("vai al diavolo", "al diavolo"));
        assert!(!contains_term("stupidamente", "stupida"));
        assert!(!contains_term("instupida", "stupida"));
        assert!(contains_term("àstupida stupida", "stupida"));
        assert!(!contains_term("", "stupida"));
    }
}
