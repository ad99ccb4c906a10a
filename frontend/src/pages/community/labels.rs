//! Labels and formats the community pages share.

use crate::i18n::K;
use shared::{ReportReason, RoomKind};

/// A sender's name as shown: an erased account's messages come without one.
pub fn sender_label(name: &str) -> String {
    if name.is_empty() {
        crate::i18n::tr_now(K::CoFormerParticipant).to_owned()
    } else {
        name.to_owned()
    }
}

pub fn kind_key(k: RoomKind) -> K {
    match k {
        RoomKind::Public => K::CoPublic,
        RoomKind::Private => K::CoPrivate,
        RoomKind::Announcement => K::CoAnnouncement,
        RoomKind::Direct => K::CoDirect,
    }
}

pub fn reason_key(r: ReportReason) -> K {
    match r {
        ReportReason::Harassment => K::CoReasonHarassment,
        ReportReason::Hate => K::CoReasonHate,
        ReportReason::Spam => K::CoReasonSpam,
        ReportReason::PersonalData => K::CoReasonPersonalData,
        ReportReason::Other => K::CoReasonOther,
    }
}
