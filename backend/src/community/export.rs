//! The community's side of her privacy rights, over any connection: what it holds about her,
//! for her data export (her settings, memberships, bans, every message she wrote as written,
//! with its earlier texts, her reactions, the messages that mention her, the reports she filed
//! and the moderation actions about her), and taking her out of it at erasure.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::{
    BanRecord, CommunityExport, CommunitySettings, MembershipRecord, MentionRecord, MessageRecord,
    MessageVersion, ModerationRecord, ReactionRecord, UserId,
};
use uuid::Uuid;

use crate::entities::{
    community_setting, message, message_edit, message_mention, message_reaction, moderation_log,
    report, room_ban, room_member,
};
use crate::error::ApiError;

fn as_u64(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

pub async fn export<C: sea_orm::ConnectionTrait>(
    db: &C,
    UserId(user): UserId,
) -> Result<CommunityExport, ApiError> {
    let settings = community_setting::Entity::find_by_id(user)
        .one(db)
        .await?
        .map(|s| CommunitySettings {
            allow_direct_messages: s.allow_direct_messages,
            show_presence: s.show_presence,
        });
    let memberships = room_member::Entity::find()
        .filter(room_member::Column::UserId.eq(user))
        .order_by_asc(room_member::Column::JoinedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            Ok(MembershipRecord {
                room_id: m.room_id,
                role: m.role,
                joined_at: m.joined_at,
                last_read_seq: as_u64(m.last_read_seq),
                muted_until: m.muted_until,
                mute_reason: m.mute_reason,
                slow_mode_seconds: m.slow_mode_seconds.and_then(|s| u32::try_from(s).ok()),
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let bans = room_ban::Entity::find()
        .filter(room_ban::Column::UserId.eq(user))
        .all(db)
        .await?
        .into_iter()
        .map(|b| BanRecord {
            room_id: b.room_id,
            reason: b.reason,
            created_at: b.created_at,
        })
        .collect();
    let rows = message::Entity::find()
        .filter(message::Column::SenderId.eq(user))
        .order_by_asc(message::Column::CreatedAt)
        .order_by_asc(message::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|m| m.id).collect();
    let mut versions: HashMap<Uuid, Vec<MessageVersion>> = HashMap::new();
    let mut mentions: HashMap<Uuid, Vec<UserId>> = HashMap::new();
    if !ids.is_empty() {
        for e in message_edit::Entity::find()
            .filter(message_edit::Column::MessageId.is_in(ids.iter().copied()))
            .order_by_asc(message_edit::Column::Version)
            .all(db)
            .await?
        {
            versions
                .entry(e.message_id)
                .or_default()
                .push(MessageVersion {
                    version: u32::try_from(e.version).unwrap_or(0),
                    body: e.body,
                    replaced_at: e.replaced_at,
                });
        }
        for m in message_mention::Entity::find()
            .filter(message_mention::Column::MessageId.is_in(ids.iter().copied()))
            .all(db)
            .await?
        {
            mentions
                .entry(m.message_id)
                .or_default()
                .push(UserId(m.user_id));
        }
    }
    let messages = rows
        .into_iter()
        .map(|m| MessageRecord {
            versions: versions.remove(&m.id).unwrap_or_default(),
            mentions: mentions.remove(&m.id).unwrap_or_default(),
            id: m.id,
            room_id: m.room_id,
            seq: as_u64(m.seq),
            body: m.body,
            reply_to: m.reply_to,
            created_at: m.created_at,
            edited_at: m.edited_at,
            deleted_at: m.deleted_at,
            hidden_at: m.hidden_at,
            hidden_reason: m.hidden_reason,
        })
        .collect();
    let reactions = message_reaction::Entity::find()
        .filter(message_reaction::Column::UserId.eq(user))
        .order_by_asc(message_reaction::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|r| ReactionRecord {
            message_id: r.message_id,
            emoji: r.emoji,
            created_at: r.created_at,
        })
        .collect();
    let mentioned_in = message_mention::Entity::find()
        .filter(message_mention::Column::UserId.eq(user))
        .order_by_asc(message_mention::Column::RoomId)
        .order_by_asc(message_mention::Column::Seq)
        .all(db)
        .await?
        .into_iter()
        .map(|m| MentionRecord {
            message_id: m.message_id,
            room_id: m.room_id,
            seq: as_u64(m.seq),
        })
        .collect();
    let reports = report::Entity::find()
        .filter(report::Column::ReporterId.eq(user))
        .order_by_asc(report::Column::CreatedAt)
        .all(db)
        .await?
        .iter()
        .map(crate::community::views::report_dto)
        .collect::<Result<Vec<_>, ApiError>>()?;
    let moderation = moderation_log::Entity::find()
        .filter(moderation_log::Column::TargetUser.eq(user))
        .order_by_asc(moderation_log::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|e| ModerationRecord {
            room_id: e.room_id,
            action: e.action,
            reason: e.reason,
            until: e.until,
            target_message: e.target_message,
            created_at: e.created_at,
        })
        .collect();
    Ok(CommunityExport {
        settings,
        memberships,
        bans,
        messages,
        reactions,
        mentioned_in,
        reports,
        moderation,
    })
}

/// What leaving the community at erasure touched: her messages (room, id), whose open
/// clients must drop their text, and the rooms she was a member of.
pub struct Erased {
    pub messages: Vec<(Uuid, Uuid)>,
    pub rooms: Vec<Uuid>,
}

/// Takes her out of the community at once, inside the erasure's transaction: her messages
/// lose their text (their places stay, so the rooms' numbering holds), out of history,
/// search, socket replay and quotes; her earlier texts, reactions and memberships go. The
/// rows themselves go with the purge.
pub async fn erase_member<C: sea_orm::ConnectionTrait>(
    db: &C,
    UserId(user): UserId,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<Erased, sea_orm::DbErr> {
    use sea_orm::sea_query::{Expr, Query};
    let messages: Vec<(Uuid, Uuid)> = message::Entity::find()
        .filter(message::Column::SenderId.eq(user))
        .filter(message::Column::DeletedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.room_id, m.id))
        .collect();
    message::Entity::update_many()
        .col_expr(message::Column::DeletedAt, Expr::value(at))
        .col_expr(message::Column::Body, Expr::value(""))
        .filter(message::Column::SenderId.eq(user))
        .exec(db)
        .await?;
    message_edit::Entity::delete_many()
        .filter(
            message_edit::Column::MessageId.in_subquery(
                Query::select()
                    .column(message::Column::Id)
                    .from(message::Entity)
                    .and_where(message::Column::SenderId.eq(user))
                    .to_owned(),
            ),
        )
        .exec(db)
        .await?;
    message_reaction::Entity::delete_many()
        .filter(message_reaction::Column::UserId.eq(user))
        .exec(db)
        .await?;
    let rooms = room_member::Entity::find()
        .filter(room_member::Column::UserId.eq(user))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.room_id)
        .collect();
    room_member::Entity::delete_many()
        .filter(room_member::Column::UserId.eq(user))
        .exec(db)
        .await?;
    Ok(Erased { messages, rooms })
}
