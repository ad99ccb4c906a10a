//! The community chat: rooms, their members and messages.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{LocalizedText, Role, UserId};

/// The longest message, in characters.
pub const MESSAGE_MAX_CHARS: usize = 4000;
/// The longest client message id.
pub const CLIENT_ID_MAX: usize = 64;
/// The most messages a history page holds.
pub const HISTORY_MAX: u32 = 100;

/// What kind of room it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
pub enum RoomKind {
    /// Open to everyone of the agency: anyone may join.
    Public,
    /// By invitation: invisible to non-members.
    Private,
    /// Everyone may join and read; only its managers post.
    Announcement,
    /// A conversation of two people (`POST /community/direct`); invisible to anyone else.
    Direct,
}

/// What a public room is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
pub enum RoomTopic {
    Territory,
    Theme,
}

/// Her place in a room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
pub enum MemberRole {
    Member,
    Manager,
}

/// A room as the caller sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Room {
    pub id: uuid::Uuid,
    pub kind: RoomKind,
    pub topic: Option<RoomTopic>,
    pub name: LocalizedText,
    pub description: LocalizedText,
    pub rules: LocalizedText,
    pub archived: bool,
    /// Her role when she is a member.
    pub role: Option<MemberRole>,
    /// The sequence number of the newest message.
    pub last_seq: u64,
    /// The newest message she has read (0 when she is not a member).
    pub last_read_seq: u64,
    /// Messages of others after her read marker.
    pub unread: u64,
    /// Of those, the ones that mention her.
    pub unread_mentions: u64,
    /// Messages its managers pinned, newest pin first.
    pub pinned: Vec<uuid::Uuid>,
    /// At most one message every so many seconds (the room's or hers, the longer).
    pub slow_mode_seconds: Option<u32>,
    /// She may not post until then, and why.
    pub muted_until: Option<DateTime<Utc>>,
    pub mute_reason: Option<String>,
    /// For a direct conversation: the other person.
    #[serde(default)]
    pub peer: Option<Contact>,
}

/// Someone she can write to directly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    pub user_id: UserId,
    pub name: String,
    pub role: Role,
    /// Online now (false when she chose not to show it).
    pub online: bool,
}

/// Opens the direct conversation with someone (the existing one when there is one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewDirect {
    pub user_id: UserId,
}

/// What she chose for the community. Both are off until she turns them on (privacy by default).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CommunitySettings {
    /// Other jobseekers may write to her directly (staff of her agency always may). Off until
    /// she turns it on.
    pub allow_direct_messages: bool,
    /// Others see when she is online. Off until she turns it on.
    pub show_presence: bool,
}

/// A member of a room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoomMember {
    pub user_id: UserId,
    pub name: String,
    pub role: MemberRole,
    /// Staff of the agency (counsellor, community manager, admin).
    pub staff: bool,
    /// Online now (false when she chose not to show it).
    pub online: bool,
    /// Only for those who run the room: muted until then.
    #[serde(default)]
    pub muted_until: Option<DateTime<Utc>>,
    /// Only for those who run the room: her own slow mode.
    #[serde(default)]
    pub slow_mode_seconds: Option<u32>,
}

/// A new room (community managers and admins of the agency).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewRoom {
    pub kind: RoomKind,
    /// For public rooms.
    #[serde(default)]
    pub topic: Option<RoomTopic>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::text_limits::max_80))]
    pub name: LocalizedText,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::text_limits::max_1000))]
    pub description: LocalizedText,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::text_limits::max_4000))]
    pub rules: LocalizedText,
}

/// A message as members see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Message {
    pub id: uuid::Uuid,
    pub room_id: uuid::Uuid,
    /// Its place in the room, from 1, without gaps.
    pub seq: u64,
    pub sender_id: UserId,
    pub sender_name: String,
    /// The id the sender gave it.
    pub client_id: String,
    /// Plain text (never HTML); empty once deleted.
    pub body: String,
    pub reply_to: Option<uuid::Uuid>,
    /// The message it answers, quoted (its text empty once deleted or hidden).
    #[serde(default)]
    pub quote: Option<Quote>,
    /// Members it mentions.
    pub mentions: Vec<UserId>,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub deleted: bool,
    /// Hidden by a moderator (its text is gone for everyone but the moderation queue).
    pub hidden: bool,
    /// Held by the word filter until a moderator releases it (only its sender sees it).
    pub held: bool,
    /// Reactions, each with who gave it, in the order of [`REACTIONS`].
    pub reactions: Vec<Reaction>,
}

/// The start of the message a reply answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote {
    pub message_id: uuid::Uuid,
    pub seq: u64,
    pub sender_name: String,
    /// At most [`QUOTE_MAX_CHARS`] characters.
    pub excerpt: String,
}

/// The longest quote of a replied message.
pub const QUOTE_MAX_CHARS: usize = 200;

/// The reactions members can give.
pub const REACTIONS: [&str; 8] = ["👍", "❤️", "😂", "😮", "😢", "🙏", "👏", "🎉"];

/// One reaction to a message and who gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reaction {
    pub emoji: String,
    pub users: Vec<UserId>,
}

/// A new text for her own message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EditMessage {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 4000))]
    pub body: String,
}

/// An earlier text of a message (for the room's managers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageVersion {
    /// 1 is the text as first sent.
    pub version: u32,
    pub body: String,
    /// When this text was replaced.
    pub replaced_at: DateTime<Utc>,
}

/// A message to pin in a room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewPin {
    pub message_id: uuid::Uuid,
}

/// A message to send. Sending the same `client_id` again returns the original message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewMessage {
    /// 1 to 64 characters, unique per sender and room (a UUID does).
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 64, pattern = "^[A-Za-z0-9_:.-]+$")
    )]
    pub client_id: String,
    /// 1 to 4,000 characters of plain text.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 4000))]
    pub body: String,
    /// A message of the same room it answers.
    #[serde(default)]
    pub reply_to: Option<uuid::Uuid>,
    /// Members of the room it mentions.
    #[serde(default)]
    pub mentions: Vec<UserId>,
}

/// A page of a room's history, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct History {
    pub messages: Vec<Message>,
    /// Older messages exist before the first one.
    pub more_before: bool,
    /// Newer messages exist after the last one.
    pub more_after: bool,
}

/// Moves her read marker (never backwards).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReadMarker {
    #[cfg_attr(feature = "openapi", schema(maximum = 9223372036854775807_u64))]
    pub last_read_seq: u64,
}

/// What a client sends on the community socket (JSON text frames).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientEvent {
    /// First frame, and again with a fresh token before the current one expires.
    Auth {
        token: String,
    },
    /// After a (re)connect: the last sequence number seen per room; the server sends what
    /// came after, or `refetch` when it is too much.
    Resume {
        rooms: std::collections::BTreeMap<uuid::Uuid, u64>,
    },
    /// She is typing in a room of hers.
    Typing {
        room_id: uuid::Uuid,
    },
    Ping,
}

/// What the server sends on the community socket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerEvent {
    /// Authenticated: events of her rooms follow.
    Ready {
        user_id: UserId,
        /// When the token expires (seconds since 1970): send `auth` again before.
        expires_at: i64,
    },
    /// A new message in one of her rooms (also sent on replay).
    Message {
        message: Message,
    },
    /// A message changed: edited, deleted, or its reactions (the whole message as it is now).
    MessageUpdated {
        message: Message,
    },
    /// The room's pinned messages changed.
    PinsUpdated {
        room_id: uuid::Uuid,
        pinned: Vec<uuid::Uuid>,
    },
    /// Someone is typing.
    Typing {
        room_id: uuid::Uuid,
        user_id: UserId,
        name: String,
    },
    /// Someone of her rooms came online or went offline.
    Presence {
        user_id: UserId,
        online: bool,
    },
    /// She was added to a room (a direct conversation someone opened, or a private group):
    /// its messages follow.
    RoomAdded {
        room_id: uuid::Uuid,
    },
    /// The replay for a room ends here: she has everything up to `last_seq`.
    Resumed {
        room_id: uuid::Uuid,
        last_seq: u64,
    },
    /// Too much was missed in this room: load its history over HTTP.
    Refetch {
        room_id: uuid::Uuid,
    },
    /// Her connection fell behind and events were dropped: send `resume` again.
    Resync,
    Pong,
    /// Something was refused; `room_id` when it concerns one room. Auth errors close the socket.
    Error {
        code: crate::ErrorCode,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        room_id: Option<uuid::Uuid>,
    },
}

/// Why a message is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
pub enum ReportReason {
    Harassment,
    Hate,
    Spam,
    PersonalData,
    Other,
}

/// A report of a message to the room's moderators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewReport {
    pub reason: ReportReason,
    /// Up to 1,000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub note: Option<String>,
}

/// A report as its author sees it: she hears back when it is handled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    pub id: uuid::Uuid,
    pub room_id: uuid::Uuid,
    pub message_id: uuid::Uuid,
    pub reason: ReportReason,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
    pub handled_at: Option<DateTime<Utc>>,
    /// What the moderator answered.
    pub outcome: Option<String>,
}

/// A report in the moderators' queue, with the message (its text even if hidden) and the
/// messages around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportEntry {
    pub report: Report,
    /// Empty when the word filter raised it.
    pub reporter_name: String,
    pub room_name: LocalizedText,
    pub message: Message,
    /// Up to three messages before and after, in order (texts of hidden ones included).
    pub context: Vec<Message>,
}

/// Closing a report, with the answer for the reporter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HandleReport {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000))]
    pub outcome: String,
}

/// The reason of a moderation action (it goes to the moderation log).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ModerationReason {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000))]
    pub reason: String,
}

/// Muting a member in a room for a while.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Mute {
    /// 1 minute to 30 days.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 43200))]
    pub minutes: u32,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000))]
    pub reason: String,
}

/// Slow mode for a room or one member: one message every `seconds` (none or 0 ends it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SlowMode {
    /// Up to one hour.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 3600))]
    pub seconds: Option<u32>,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000))]
    pub reason: String,
}

/// An entry of the moderation log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModerationEntry {
    pub id: uuid::Uuid,
    pub room_id: Option<uuid::Uuid>,
    pub actor_id: UserId,
    pub actor_name: String,
    /// `message_hidden`, `member_muted`, `member_removed`, `member_banned`, `slow_mode_set`,
    /// `member_slow_mode_set`, `report_handled`.
    pub action: String,
    pub target_user: Option<UserId>,
    pub target_message: Option<uuid::Uuid>,
    pub reason: String,
    pub until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// What the word filter does with a message that contains the term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
pub enum FilterAction {
    /// Refused: the sender is told which word.
    Block,
    /// Stored but shown to no one until a moderator releases it; it enters the reports queue.
    Hold,
    /// Delivered, and reported to the moderators.
    Flag,
}

/// A term of the agency's word filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WordFilter {
    pub id: uuid::Uuid,
    pub term: String,
    pub action: FilterAction,
    pub created_at: DateTime<Utc>,
}

/// A new term (whole words, any case).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewWordFilter {
    /// 2 to 80 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 2, max_length = 80))]
    pub term: String,
    pub action: FilterAction,
    /// Why (for the moderation log).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000))]
    pub reason: String,
}

/// A member added to a room by its managers (how private groups get their members).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewMember {
    pub user_id: UserId,
}

/// A room's texts, changed by its managers (all three, in both languages).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RoomUpdate {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::text_limits::max_80))]
    pub name: LocalizedText,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::text_limits::max_1000))]
    pub description: LocalizedText,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::text_limits::max_4000))]
    pub rules: LocalizedText,
    /// Why (for the moderation log).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000))]
    pub reason: String,
}

/// Messages of her rooms that contain the words searched, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResults {
    pub messages: Vec<Message>,
}
