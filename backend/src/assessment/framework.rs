//! Admins publish a new version of the competency framework. Versions never change once
//! published: instruments (and through them every result) point to the version they were
//! written for, and new drafts use the newest one.

use std::collections::BTreeSet;

use sea_orm::TransactionTrait;
use shared::{ErrorCode, FieldCode, Framework, FrameworkDraft, LocalizedText, Role};

use super::repo;
use crate::audit::{self, AuditEvent};
use crate::caller::Caller;
use crate::error::{ApiError, FieldIssue};
use crate::session::AuthUser;
use crate::state::AppState;
use crate::texts::localized;

const MAX_COMPETENCES: usize = 40;

/// `P1`, `C6`, `LEARN_2`: an upper-case letter, then up to 15 upper-case letters, digits or `_`.
fn code_ok(code: &str) -> bool {
    let mut bytes = code.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_uppercase())
        && code.len() <= 16
        && bytes.all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// ESCO transversal skill groups look like `T2`, `T2.2`, `T6.1.3`.
fn esco_code_ok(code: &str) -> bool {
    code.strip_prefix('T').is_some_and(|rest| {
        !rest.is_empty()
            && rest.len() <= 12
            && rest
                .split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    })
}

fn esco_uri_ok(uri: &str) -> bool {
    uri.len() <= 200
        && uri
            .strip_prefix("http://data.europa.eu/esco/")
            .is_some_and(|rest| {
                !rest.is_empty()
                    && rest
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"/-_.".contains(&b))
            })
}

fn check(draft: &FrameworkDraft) -> Result<(), ApiError> {
    let mut issues = Vec::new();
    if draft.competences.is_empty() || draft.competences.len() > MAX_COMPETENCES {
        issues.push(FieldIssue::new("/competences", FieldCode::CompetencesCount));
    }
    let mut seen = BTreeSet::new();
    for (i, c) in draft.competences.iter().enumerate() {
        let p = format!("/competences/{i}");
        if !code_ok(&c.code) {
            issues.push(FieldIssue::new(
                format!("{p}/code"),
                FieldCode::CompetenceCodeInvalid,
            ));
        } else if !seen.insert(c.code.as_str()) {
            issues.push(FieldIssue::new(
                format!("{p}/code"),
                FieldCode::DuplicateValue,
            ));
        }
        localized(&c.name, 120, &format!("{p}/name"), &mut issues);
        localized(
            &c.description,
            2000,
            &format!("{p}/description"),
            &mut issues,
        );
        localized(&c.at_home, 2000, &format!("{p}/at_home"), &mut issues);
        localized(&c.at_work, 2000, &format!("{p}/at_work"), &mut issues);
        if !esco_code_ok(&c.esco_code) {
            issues.push(FieldIssue::new(
                format!("{p}/esco_code"),
                FieldCode::EscoCodeInvalid,
            ));
        }
        if !esco_uri_ok(&c.esco_uri) {
            issues.push(FieldIssue::new(
                format!("{p}/esco_uri"),
                FieldCode::EscoUriInvalid,
            ));
        }
    }
    if issues.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(issues))
    }
}

/// The draft with its texts trimmed.
fn canonical(mut draft: FrameworkDraft) -> FrameworkDraft {
    let trim = |t: &mut LocalizedText| {
        t.it = t.it.trim().to_owned();
        t.en = t.en.trim().to_owned();
    };
    for c in &mut draft.competences {
        trim(&mut c.name);
        trim(&mut c.description);
        trim(&mut c.at_home);
        trim(&mut c.at_work);
    }
    draft
}

/// Publishes the draft as the next framework version. 409 `framework_changed` when another
/// version was published since `base_version`, `framework_unchanged` when it is the same.
pub async fn publish(
    state: &AppState,
    caller: &Caller,
    admin: &AuthUser,
    draft: FrameworkDraft,
) -> Result<Framework, ApiError> {
    admin.require_programme_editor()?;
    check(&draft)?;
    let draft = canonical(draft);
    let txn = state.db.begin().await?;
    let current = repo::current_framework(&txn).await?;
    if current.version != draft.base_version {
        return Err(ApiError::Conflict(ErrorCode::FrameworkChanged));
    }
    if current.competences == draft.competences {
        return Err(ApiError::Conflict(ErrorCode::FrameworkUnchanged));
    }
    let version = i32::try_from(current.version + 1)
        .map_err(|_| ApiError::Internal(anyhow::anyhow!("framework version overflow")))?;
    // Two admins racing on the same base: the second insert of this key fails, and the
    // transaction with it; that is answered as 409 too.
    if !repo::insert_framework(&txn, version, &draft.competences).await? {
        return Err(ApiError::Conflict(ErrorCode::FrameworkChanged));
    }
    audit::record(
        &txn,
        AuditEvent::new("framework_published")
            .actor(admin.user_id)
            .agency(admin.agency_id)
            .request(caller.request_id.as_deref()),
    )
    .await?;
    txn.commit().await?;
    repo::framework_version(&state.db, version).await
}

/// Every version, newest first (for the admins' history).
pub async fn versions(state: &AppState, admin: &AuthUser) -> Result<Vec<Framework>, ApiError> {
    admin.require(&[Role::Admin])?;
    repo::all_frameworks(&state.db).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_esco_references_are_checked() {
        for ok in ["P1", "C6", "LEARN_2"] {
            assert!(code_ok(ok), "{ok}");
        }
        for bad in ["", "p1", "1P", "P-1", "ABCDEFGHIJKLMNOPQ"] {
            assert!(!code_ok(bad), "{bad}");
        }
        for ok in ["T2", "T2.2", "T6.1.3"] {
            assert!(esco_code_ok(ok), "{ok}");
        }
        for bad in ["", "T", "T2.", "S2.2", "T2..1", "T2.a"] {
            assert!(!esco_code_ok(bad), "{bad}");
        }
        assert!(esco_uri_ok(
            "http://data.europa.eu/esco/skill/4f2f8fd7-1a4f-4c5f-9a11-1b1c1d1e1f10"
        ));
        assert!(!esco_uri_ok("https://example.org/esco/skill/x"));
        assert!(!esco_uri_ok("http://data.europa.eu/esco/skill/<script>"));
    }
}
