//! The demo's accounts: per agency an admin, a counsellor and a community manager, and the
//! jobseekers the tests sign in with; Giulia's first profile sections.

use chrono::Utc;
use migrations::{MILANO_ID, TRENTO_ID};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};
use shared::Role;
use uuid::Uuid;

use crate::accounts::password::hash_blocking;
use crate::entities::profile as profile_row;
use crate::entities::{consent, profile_change, profile_section, user};

/// The password of every demo account (printed at start; development only).
pub const DEMO_PASSWORD: &str = "Sinergia-demo-2026";

/// The demo admin who is also one of the programme's editors (the competency framework and
/// the instruments every agency uses); the other agency's admin is not.
pub const PROGRAMME_EDITOR: &str = "admin.milano@sinergia.example";

/// (email, name, role, agency)
pub const DEMO_USERS: &[(&str, &str, Role, Uuid)] = &[
    (
        "admin.milano@sinergia.example",
        "Alessandra Colombo",
        Role::Admin,
        MILANO_ID,
    ),
    (
        "operatrice.milano@sinergia.example",
        "Chiara Ferrari",
        Role::Counsellor,
        MILANO_ID,
    ),
    (
        "community.milano@sinergia.example",
        "Elena Galli",
        Role::CommunityManager,
        MILANO_ID,
    ),
    (
        "admin.trento@sinergia.example",
        "Paola Moser",
        Role::Admin,
        TRENTO_ID,
    ),
    (
        "operatrice.trento@sinergia.example",
        "Silvia Dallapiccola",
        Role::Counsellor,
        TRENTO_ID,
    ),
    (
        "community.trento@sinergia.example",
        "Marta Zanoni",
        Role::CommunityManager,
        TRENTO_ID,
    ),
    (
        "giulia.rossi@sinergia.example",
        "Giulia Rossi",
        Role::Jobseeker,
        MILANO_ID,
    ),
    (
        "sara.bianchi@sinergia.example",
        "Sara Bianchi",
        Role::Jobseeker,
        MILANO_ID,
    ),
    (
        "anna.pedrotti@sinergia.example",
        "Anna Pedrotti",
        Role::Jobseeker,
        TRENTO_ID,
    ),
];

pub async fn demo(db: &DatabaseConnection) -> anyhow::Result<usize> {
    add_users(db, DEMO_USERS).await
}

/// Adds the accounts of `people` that do not exist yet (a jobseeker with her empty profile and
/// her acceptance of the privacy notice); how many were added.
pub(super) async fn add_users(
    db: &DatabaseConnection,
    people: &[(&str, &str, Role, Uuid)],
) -> anyhow::Result<usize> {
    let existing: Vec<String> = user::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|u| u.email)
        .collect();
    let missing: Vec<_> = people
        .iter()
        .filter(|(email, ..)| !existing.iter().any(|e| e == email))
        .collect();
    if missing.is_empty() {
        return Ok(0);
    }
    // One hash for all demo accounts: they share the demo password anyway.
    let hash = hash_blocking(DEMO_PASSWORD).map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = Utc::now();
    for (email, name, role, agency) in &missing {
        let id = Uuid::now_v7();
        user::ActiveModel {
            id: Set(id),
            agency_id: Set(*agency),
            email: Set((*email).to_owned()),
            name: Set((*name).to_owned()),
            role: Set(*role),
            language: Set(shared::Language::It),
            password_hash: Set(Some(hash.clone())),
            disabled_at: Set(None),
            erased_at: Set(None),
            programme_editor: Set(*email == PROGRAMME_EDITOR),
            catalogue_curator: Set(false),
            employer_id: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
        if *role == Role::Jobseeker {
            crate::profile::service::create_empty(
                db,
                shared::UserId(id),
                shared::AgencyId(*agency),
                now,
            )
            .await?;
            if *email == "giulia.rossi@sinergia.example" {
                demo_profile(db, id).await?;
            }
            consent::ActiveModel {
                id: Set(Uuid::now_v7()),
                user_id: Set(id),
                purpose: Set("privacy_notice".to_owned()),
                text_version: Set(shared::PRIVACY_NOTICE_VERSION.to_owned()),
                language: Set("it".to_owned()),
                given_at: Set(now),
                withdrawn_at: Set(None),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(missing.len())
}

/// Three sections of Giulia's profile, so the demo caseload and needs summary show something.
async fn demo_profile(db: &DatabaseConnection, id: Uuid) -> anyhow::Result<()> {
    use shared::*;
    let about = AboutMe {
        municipality: Some("015209".to_owned()),
        languages: Some(vec![SpokenLanguage {
            language: "it".to_owned(),
            level: LanguageLevel::Native,
        }]),
        contact_channels: Some(vec![ContactChannel::Email]),
        phone: None,
        contact_times: Some(vec![DayPart::Evening]),
    };
    let household = Household {
        children: Some(vec![
            Child {
                birth_year: 2024,
                special_needs: false,
            },
            Child {
                birth_year: 2017,
                special_needs: false,
            },
        ]),
        others_cared_for: Some(vec![]),
        weekly_care_hours: Some(45),
        helpers: Some(vec![Helper::Grandparents]),
    };
    let morning = |day| DayHours {
        day,
        hours: vec![8, 9, 10, 11, 12, 13],
    };
    let availability = Availability {
        weekly_hours: Some(
            [
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ]
            .into_iter()
            .map(morning)
            .collect(),
        ),
        working_time: Some(vec![WorkingTime::PartTime]),
        work_modes: Some(vec![WorkMode::OnSite]),
        max_travel_minutes: Some(20),
        travel_means: Some(vec![TravelMeans::PublicTransport]),
        earliest_start: None,
        contract_types: Some(vec![ContractType::FixedTerm, ContractType::Traineeship]),
    };
    let now = Utc::now();
    let rows = [
        (
            ProfileSection::AboutMe,
            serde_json::to_value(&about)?,
            about.completeness(),
        ),
        (
            ProfileSection::Household,
            serde_json::to_value(&household)?,
            household.completeness(),
        ),
        (
            ProfileSection::Availability,
            serde_json::to_value(&availability)?,
            availability.completeness(),
        ),
    ];
    let answered: u8 = rows.iter().map(|r| r.2.answered).sum();
    let total: u8 = ProfileSection::ALL
        .iter()
        .map(|s| crate::profile::service::empty_completeness(*s).total)
        .sum();
    for (section, data, _) in rows {
        profile_section::ActiveModel {
            user_id: Set(id),
            section: Set(section),
            data: Set(data.clone()),
            version: Set(1),
            updated_at: Set(now),
            updated_by: Set(id),
        }
        .insert(db)
        .await?;
        let fields: Vec<&String> = data
            .as_object()
            .map(|m| m.keys().collect())
            .unwrap_or_default();
        profile_change::ActiveModel {
            id: Set(Uuid::now_v7()),
            user_id: Set(id),
            section: Set(section),
            version: Set(1),
            changed_at: Set(now),
            changed_by: Set(id),
            changed_by_role: Set(Role::Jobseeker),
            fields: Set(serde_json::json!(fields)),
        }
        .insert(db)
        .await?;
    }
    profile_row::ActiveModel {
        user_id: Set(id),
        municipality: Set(about.municipality.clone()),
        completeness: Set(i16::from(Completeness::of(answered, total).percent)),
        updated_at: Set(Some(now)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}
