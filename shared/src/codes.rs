//! The wire codes of errors: what `Problem.code`, a field error's `code` and the socket's
//! `error` event carry. Language-neutral and stable; the texts for each are the server's
//! (`backend/src/i18n.rs`, Italian and English). Clients match on these, never on titles.

/// Declares a code enum: each variant with its wire string, `ALL` and `as_str`.
macro_rules! codes {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        // Each variant's wire string is its name in snake_case (the tests check `as_str`
        // agrees): a per-variant rename from a macro argument would not reach the spec.
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every code, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The code as it travels.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)+
                }
            }
        }

        /// A code equals its wire string (handy where codes are read back from JSON).
        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

codes! {
    /// What went wrong with a request as a whole: `Problem.code` (and `type`, as
    /// `urn:sinergia:problem:{code}`), and the `code` of the socket's `error` event.
    ErrorCode {
        Validation = "validation",
        InvalidBody = "invalid_body",
        MalformedJson = "malformed_json",
        BadRequest = "bad_request",
        BodyNotExpected = "body_not_expected",
        InvalidQuery = "invalid_query",
        InvalidPath = "invalid_path",
        InvalidPageToken = "invalid_page_token",
        UnsupportedMediaType = "unsupported_media_type",
        PayloadTooLarge = "payload_too_large",
        Unauthorized = "unauthorized",
        MissingToken = "missing_token",
        InvalidToken = "invalid_token",
        InvalidCredentials = "invalid_credentials",
        InvalidRefreshToken = "invalid_refresh_token",
        AccountDisabled = "account_disabled",
        InvalidSetPasswordToken = "invalid_set_password_token",
        Forbidden = "forbidden",
        CannotDisableSelf = "cannot_disable_self",
        NotFound = "not_found",
        MethodNotAllowed = "method_not_allowed",
        EmailTaken = "email_taken",
        FrameworkChanged = "framework_changed",
        FrameworkUnchanged = "framework_unchanged",
        NotAMember = "not_a_member",
        MessageDeleted = "message_deleted",
        Muted = "muted",
        Banned = "banned",
        NotHeld = "not_held",
        ReportHandled = "report_handled",
        DirectMessagesOff = "direct_messages_off",
        DirectMessagesOffMine = "direct_messages_off_mine",
        DirectPeerGone = "direct_peer_gone",
        RoomArchived = "room_archived",
        RetakeTooSoon = "retake_too_soon",
        AttemptSubmitted = "attempt_submitted",
        AlreadyValidated = "already_validated",
        InstrumentNotDraft = "instrument_not_draft",
        InstrumentNotPublished = "instrument_not_published",
        VersionTaken = "version_taken",
        NotValidated = "not_validated",
        NothingAnswered = "nothing_answered",
        ProviderRetired = "provider_retired",
        LocationInUse = "location_in_use",
        OpportunityNotDraft = "opportunity_not_draft",
        OpportunityClosed = "opportunity_closed",
        OpportunityNotOpen = "opportunity_not_open",
        AlreadyApplied = "already_applied",
        NotAProposal = "not_a_proposal",
        ApplicationEnded = "application_ended",
        MoveNotAllowed = "move_not_allowed",
        RequestDecided = "request_decided",
        PreconditionFailed = "precondition_failed",
        PreconditionRequired = "precondition_required",
        TooManyRequests = "too_many_requests",
        Unavailable = "unavailable",
        Internal = "internal",
        // The live socket's own refusals (sent as its `error` event).
        AuthRequired = "auth_required",
        InvalidEvent = "invalid_event",
        SessionEnded = "session_ended",
        TokenExpired = "token_expired",
    }
}

codes! {
    /// Which rule a field broke: the `code` of each entry of `Problem.errors`.
    FieldCode {
        Required = "required",
        InvalidValue = "invalid_value",
        EmailInvalid = "email_invalid",
        EmailTooLong = "email_too_long",
        PasswordTooShort = "password_too_short",
        PasswordTooLong = "password_too_long",
        PasswordTooCommon = "password_too_common",
        PasswordSameAsCurrent = "password_same_as_current",
        CurrentPasswordWrong = "current_password_wrong",
        NameRequired = "name_required",
        NameTooLong = "name_too_long",
        NameInvalid = "name_invalid",
        AgencyUnknown = "agency_unknown",
        PrivacyNoticeNotAccepted = "privacy_notice_not_accepted",
        PrivacyNoticeOutdated = "privacy_notice_outdated",
        RoleNotStaff = "role_not_staff",
        TextTooLong = "text_too_long",
        TextInvalid = "text_invalid",
        TooManyItems = "too_many_items",
        DuplicateValue = "duplicate_value",
        LanguageUnknown = "language_unknown",
        MunicipalityUnknown = "municipality_unknown",
        PhoneInvalid = "phone_invalid",
        PhoneRequired = "phone_required",
        YearOutOfRange = "year_out_of_range",
        NumberOutOfRange = "number_out_of_range",
        MonthInvalid = "month_invalid",
        MonthInFuture = "month_in_future",
        EndBeforeStart = "end_before_start",
        NobodyWithOthers = "nobody_with_others",
        HourOutOfRange = "hour_out_of_range",
        DateOutOfRange = "date_out_of_range",
        NoteRequired = "note_required",
        SearchTooLong = "search_too_long",
        RatingOutOfRange = "rating_out_of_range",
        RatingRequired = "rating_required",
        OptionUnknown = "option_unknown",
        AnswerKindMismatch = "answer_kind_mismatch",
        StoryUnknown = "story_unknown",
        StoryRatingOutOfRange = "story_rating_out_of_range",
        StoriesUnrated = "stories_unrated",
        CompetenceUnknown = "competence_unknown",
        AdjustmentNeedsComment = "adjustment_needs_comment",
        LevelsIncomplete = "levels_incomplete",
        KeyInvalid = "key_invalid",
        KeyChanged = "key_changed",
        ItemsCount = "items_count",
        ClientIdInvalid = "client_id_invalid",
        UserUnknown = "user_unknown",
        DirectSelf = "direct_self",
        SearchLength = "search_length",
        BlockedWord = "blocked_word",
        TermInvalid = "term_invalid",
        OwnMessage = "own_message",
        NotYourself = "not_yourself",
        ReactionUnknown = "reaction_unknown",
        ReplyUnknown = "reply_unknown",
        MentionNotMember = "mention_not_member",
        KindDirect = "kind_direct",
        TopicPublicOnly = "topic_public_only",
        OneAnchorOnly = "one_anchor_only",
        CompetencesCount = "competences_count",
        CompetenceCodeInvalid = "competence_code_invalid",
        EscoCodeInvalid = "esco_code_invalid",
        EscoUriInvalid = "esco_uri_invalid",
        OptionsCount = "options_count",
        OptionKeyInvalid = "option_key_invalid",
        CompetenceNotMeasured = "competence_not_measured",
        CompetenceNeverScored = "competence_never_scored",
        OptionsNotAllowed = "options_not_allowed",
        PageSizeOutOfRange = "page_size_out_of_range",
        WebsiteInvalid = "website_invalid",
        CoordinatesOutOfRange = "coordinates_out_of_range",
        WindowInverted = "window_inverted",
        WindowsOverlap = "windows_overlap",
        AgesReversed = "ages_reversed",
        LocationUnknown = "location_unknown",
        ProviderUnknown = "provider_unknown",
        OpenAtInvalid = "open_at_invalid",
        NearInvalid = "near_invalid",
        FileUnreadable = "file_unreadable",
        FileEmpty = "file_empty",
        ColumnMissing = "column_missing",
        ColumnUnknown = "column_unknown",
        RowMalformed = "row_malformed",
        ScheduleInvalid = "schedule_invalid",
        EmployerUnknown = "employer_unknown",
        NotForContract = "not_for_contract",
        HoursBeyondWindows = "hours_beyond_windows",
        ReasonRequired = "reason_required",
        ReasonNotAllowed = "reason_not_allowed",
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test fails loudly")]
    use super::*;

    #[test]
    fn wire_strings_are_unique_and_snake_case() {
        for all in [
            ErrorCode::ALL
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>(),
            FieldCode::ALL
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>(),
        ] {
            let mut seen = std::collections::BTreeSet::new();
            for code in &all {
                assert!(seen.insert(*code), "{code} twice");
                assert!(
                    code.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                    "{code}"
                );
            }
        }
    }

    #[test]
    fn codes_travel_as_their_strings() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{code}\""));
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), *code);
        }
        for code in FieldCode::ALL {
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{code}\""));
            assert_eq!(serde_json::from_str::<FieldCode>(&json).unwrap(), *code);
        }
    }
}
