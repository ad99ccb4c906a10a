//! The demo's employers (issue 15): a few fictional organisations of each agency's network,
//! of several sectors and sizes, with what they offer parents, and a dozen opportunities each
//! network of every kind (traineeships with their stipend, fixed-term, permanent,
//! apprenticeship, self-employment support; mornings, afternoons, shifts, full days; on site,
//! hybrid, remote), most published, one draft and one closed.

use anyhow::Context;
use chrono::{Days, Utc};
use shared::{
    ApplicationInput, ApplicationStatus, CompanySize, ContractType, Employer, EmployerBenefit,
    EmployerInput, Level, OpeningWindow, OpportunityInput, ProposalInput, SharedPart, Sought,
    StatusChange, TimeOfDay, Weekday, WorkMode,
};

use crate::applications::service as applying;
use crate::caller::Caller;
use crate::employers::service as employers;
use crate::opportunities::service as opportunities;
use crate::session::AuthUser;
use crate::state::AppState;

/// Name pattern (`{town}`: the agency's seat), ATECO code, size, benefits.
const EMPLOYERS: [(&str, &str, CompanySize, &[EmployerBenefit]); 4] = [
    (
        "Cooperativa sociale Il Melograno",
        "88.91",
        CompanySize::Small,
        &[EmployerBenefit::FlexibleHours, EmployerBenefit::PartTime],
    ),
    (
        "Studio Associato Conti e Bassi",
        "69.20",
        CompanySize::Micro,
        &[EmployerBenefit::RemoteWork, EmployerBenefit::FlexibleHours],
    ),
    (
        "Logistica {town} srl",
        "52.29",
        CompanySize::Medium,
        &[
            EmployerBenefit::CompanyWelfare,
            EmployerBenefit::ChildcareSupport,
        ],
    ),
    (
        "Farmacie Comunali di {town}",
        "47.73",
        CompanySize::Medium,
        &[
            EmployerBenefit::PartTime,
            EmployerBenefit::FamilyCertification,
        ],
    ),
];

/// Adds the demo employers of the admin's agency, seated in `town` (ISTAT code `code`).
pub async fn employers(
    state: &AppState,
    admin: &AuthUser,
    code: &str,
    town: &str,
) -> anyhow::Result<Vec<Employer>> {
    let caller = Caller::default();
    let mut out = Vec::new();
    for (i, (name, ateco, size, benefits)) in EMPLOYERS.iter().enumerate() {
        let e = employers::create(
            state,
            &caller,
            admin,
            EmployerInput {
                name: name.replace("{town}", town),
                ateco: (*ateco).to_owned(),
                size: *size,
                municipality: code.to_owned(),
                benefits: benefits.to_vec(),
                website: Some(format!("https://impresa{i}.example")),
            },
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))
        .context("demo employer")?;
        out.push(e);
    }
    Ok(out)
}

/// How a demo opportunity ends up.
#[derive(Clone, Copy, PartialEq, Eq)]
enum End {
    Published,
    Draft,
    Closed,
}

/// One demo opportunity: the employer's place in [`EMPLOYERS`], title, description, contract,
/// stipend in euro, months, weekly hours, days, from, to, mode, competences sought, whether it
/// is in the agency's seat (else in a municipality nearby), how it ends up.
type Demo = (
    usize,
    &'static str,
    &'static str,
    ContractType,
    Option<u32>,
    Option<u16>,
    u16,
    &'static [Weekday],
    &'static str,
    &'static str,
    WorkMode,
    &'static [(&'static str, Level)],
    bool,
    End,
);

const WEEKDAYS: &[Weekday] = &[
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];
const TO_SATURDAY: &[Weekday] = &[
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
];

const OPPORTUNITIES: [Demo; 12] = [
    (
        0,
        "Tirocinio in segreteria e accoglienza",
        "Accoglienza delle famiglie, agenda degli educatori, prime telefonate. Un tutor ti segue per tutto il tirocinio; orari del mattino, compatibili con la scuola.",
        ContractType::Traineeship,
        Some(600),
        Some(6),
        20,
        WEEKDAYS,
        "09:00",
        "13:00",
        WorkMode::OnSite,
        &[("C1", Level::Developing), ("S2", Level::Developing)],
        true,
        End::Published,
    ),
    (
        0,
        "Educatrice per il doposcuola",
        "Aiuto nei compiti e laboratori per bambini della primaria, in piccoli gruppi, nel pomeriggio.",
        ContractType::FixedTerm,
        None,
        Some(9),
        15,
        WEEKDAYS,
        "14:00",
        "17:00",
        WorkMode::OnSite,
        &[("S1", Level::Established), ("C2", Level::Developing)],
        false,
        End::Published,
    ),
    (
        0,
        "Apprendista assistente familiare",
        "Percorso di apprendistato per diventare assistente familiare: cura della persona anziana a domicilio, con formazione e qualifica riconosciuta.",
        ContractType::Apprenticeship,
        None,
        Some(24),
        25,
        WEEKDAYS,
        "08:00",
        "13:00",
        WorkMode::OnSite,
        &[("S1", Level::Established), ("C5", Level::Developing)],
        false,
        End::Published,
    ),
    (
        1,
        "Addetta alla contabilità clienti",
        "Registrazione fatture, solleciti e riconciliazioni per i clienti dello studio. Due giorni in ufficio, gli altri da casa.",
        ContractType::Permanent,
        None,
        None,
        30,
        WEEKDAYS,
        "09:00",
        "15:00",
        WorkMode::Hybrid,
        &[("C1", Level::Established), ("L2", Level::Developing)],
        true,
        End::Published,
    ),
    (
        1,
        "Tirocinio paghe e contributi",
        "Elaborazione dei cedolini con il software dello studio, affiancata da una consulente del lavoro.",
        ContractType::Traineeship,
        Some(500),
        Some(6),
        25,
        WEEKDAYS,
        "09:00",
        "14:00",
        WorkMode::Hybrid,
        &[("L3", Level::Developing), ("C1", Level::Developing)],
        true,
        End::Published,
    ),
    (
        1,
        "Percorso di avvio d'impresa",
        "Accompagnamento all'autoimpiego: piano d'impresa, adempimenti e primi clienti, con incontri a distanza due pomeriggi a settimana.",
        ContractType::SelfEmployed,
        None,
        Some(4),
        8,
        &[Weekday::Tue, Weekday::Thu],
        "14:00",
        "18:00",
        WorkMode::Remote,
        &[("C6", Level::Developing), ("P2", Level::Established)],
        true,
        End::Published,
    ),
    (
        2,
        "Impiegata all'ufficio spedizioni",
        "Pianificazione delle consegne, documenti di trasporto e rapporti con i corrieri. Mensa e welfare aziendale.",
        ContractType::Permanent,
        None,
        None,
        38,
        WEEKDAYS,
        "08:30",
        "17:00",
        WorkMode::OnSite,
        &[
            ("C1", Level::Strong),
            ("C3", Level::Established),
            ("S3", Level::Established),
        ],
        false,
        End::Published,
    ),
    (
        2,
        "Addetta al magazzino, turno del mattino",
        "Preparazione degli ordini e controllo delle merci in entrata, su turni del mattino dal lunedì al sabato (quattro giorni a settimana).",
        ContractType::FixedTerm,
        None,
        Some(6),
        24,
        TO_SATURDAY,
        "06:00",
        "12:00",
        WorkMode::OnSite,
        &[("P1", Level::Developing), ("S3", Level::Developing)],
        false,
        End::Published,
    ),
    (
        2,
        "Pianificatrice dei trasporti",
        "Organizzazione dei giri di consegna e gestione degli imprevisti, in un team di quattro persone; un giorno a settimana da casa.",
        ContractType::Permanent,
        None,
        None,
        36,
        WEEKDAYS,
        "08:00",
        "16:00",
        WorkMode::Hybrid,
        &[("C2", Level::Established), ("C6", Level::Established)],
        true,
        End::Draft,
    ),
    (
        3,
        "Commessa di farmacia, pomeriggi",
        "Banco, cassa e riordino dei prodotti da banco, il pomeriggio dal lunedì al sabato; formazione iniziale pagata.",
        ContractType::FixedTerm,
        None,
        Some(12),
        20,
        TO_SATURDAY,
        "15:00",
        "19:30",
        WorkMode::OnSite,
        &[("S2", Level::Established), ("S1", Level::Developing)],
        true,
        End::Published,
    ),
    (
        3,
        "Tirocinio in magazzino farmaceutico",
        "Ricevimento e stoccaggio dei farmaci, controllo delle scadenze, con un tutor di magazzino.",
        ContractType::Traineeship,
        Some(500),
        Some(4),
        20,
        WEEKDAYS,
        "08:00",
        "12:00",
        WorkMode::OnSite,
        &[("C1", Level::Developing)],
        false,
        End::Published,
    ),
    (
        3,
        "Addetta all'inventario di fine anno",
        "Conteggio delle scorte nelle farmacie comunali, a gennaio.",
        ContractType::FixedTerm,
        None,
        Some(1),
        30,
        WEEKDAYS,
        "08:00",
        "14:00",
        WorkMode::OnSite,
        &[("C1", Level::Developing)],
        false,
        End::Closed,
    ),
];

/// Adds a dozen opportunities to the agency's demo `employers`, written by its `counsellor` on
/// their behalf; the seat is `code`, the others in the agency's municipality nearest to it.
pub async fn opportunities(
    state: &AppState,
    counsellor: &AuthUser,
    employers: &[Employer],
    code: &str,
) -> anyhow::Result<Vec<uuid::Uuid>> {
    let caller = Caller::default();
    let nearby = nearest_other(state, code).unwrap_or_else(|| code.to_owned());
    let today = Utc::now().date_naive();
    let mut ids = Vec::new();
    for (i, demo) in OPPORTUNITIES.iter().enumerate() {
        let (employer, title, description, contract, stipend, months, weekly_hours) =
            (demo.0, demo.1, demo.2, demo.3, demo.4, demo.5, demo.6);
        let (days, from, to, mode, sought, in_seat, end) =
            (demo.7, demo.8, demo.9, demo.10, demo.11, demo.12, demo.13);
        let (Some(opens), Some(closes)) = (TimeOfDay::parse(from), TimeOfDay::parse(to)) else {
            anyhow::bail!("demo opportunity hours: {from}-{to}");
        };
        let employer = employers.get(employer).context("demo employer")?;
        let step = u64::try_from(i).unwrap_or(0);
        let input = OpportunityInput {
            employer_id: employer.id,
            title: title.to_owned(),
            description: description.to_owned(),
            contract,
            stipend_cents_per_month: stipend.map(|e| e * 100),
            duration_months: months,
            weekly_hours,
            hours: days
                .iter()
                .map(|d| OpeningWindow {
                    day: *d,
                    opens,
                    closes,
                })
                .collect(),
            municipality: if in_seat {
                code.to_owned()
            } else {
                nearby.clone()
            },
            mode,
            sought: sought
                .iter()
                .map(|(c, level)| Sought {
                    code: (*c).to_owned(),
                    level: *level,
                })
                .collect(),
            languages: vec!["it".to_owned()],
            start_on: today.checked_add_days(Days::new(30 + 7 * step)),
            closes_on: today
                .checked_add_days(Days::new(14 + 4 * step))
                .context("demo closing date")?,
            places: 1 + u16::try_from(i % 3).unwrap_or(0),
        };
        let o = opportunities::create(state, &caller, counsellor, input)
            .await
            .map_err(|e| anyhow::anyhow!("{title}: {e:?}"))?;
        match end {
            End::Draft => {}
            End::Published => {
                opportunities::publish(state, &caller, counsellor, o.id, None)
                    .await
                    .map_err(|e| anyhow::anyhow!("{title}: {e:?}"))?;
            }
            End::Closed => {
                opportunities::close(state, &caller, counsellor, o.id, None)
                    .await
                    .map_err(|e| anyhow::anyhow!("{title}: {e:?}"))?;
            }
        }
        ids.push(o.id);
    }
    Ok(ids)
}

/// Applications in the demo: one woman of the agency applied to its first traineeship
/// (sharing her contact and work history) and is invited to an interview; another has a
/// proposal from her counsellor waiting for her answer.
pub async fn applications(
    state: &AppState,
    counsellor: &AuthUser,
    applied: &AuthUser,
    proposed: &AuthUser,
    opportunities: &[uuid::Uuid],
) -> anyhow::Result<()> {
    let caller = Caller::default();
    let fail = |e| anyhow::anyhow!("demo application: {e:?}");
    let (Some(first), Some(fourth)) = (opportunities.first(), opportunities.get(3)) else {
        anyhow::bail!("demo opportunities missing");
    };
    let a = applying::apply(
        state,
        &caller,
        applied,
        *first,
        ApplicationInput {
            note:
                "Ho organizzato per anni l'agenda di casa e quella dei nonni: mi piacerebbe farlo \
                   anche in una segreteria."
                    .to_owned(),
            share: vec![SharedPart::Contact, SharedPart::WorkHistory],
        },
    )
    .await
    .map_err(fail)?;
    applying::move_status(
        state,
        &caller,
        counsellor,
        a.id,
        None,
        StatusChange {
            status: ApplicationStatus::Interview,
            reason: None,
        },
    )
    .await
    .map_err(fail)?;
    applying::propose(
        state,
        &caller,
        counsellor,
        *fourth,
        ProposalInput {
            jobseeker_id: shared::UserId(proposed.user_id),
            note: "Gli orari fino alle 15 si accordano con la scuola: ne parliamo?".to_owned(),
        },
    )
    .await
    .map_err(fail)?;
    Ok(())
}

/// The agency's municipality nearest to `code` (not it).
fn nearest_other(state: &AppState, code: &str) -> Option<String> {
    let seat = state.municipalities.get(code)?;
    let at = seat.location?;
    state
        .municipalities
        .values()
        .filter(|m| m.agency_id == seat.agency_id && m.code != code)
        .filter_map(|m| Some((m.location?.km_to(&at), m.code.clone())))
        .min_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)))
        .map(|(_, c)| c)
}

/// The demo HR account of an agency's first employer (the cooperative): `impresa.<town of the
/// admin's email>@sinergia.example`, with the demo password; she sees its opportunities and
/// their applicants.
pub async fn hr_account(
    state: &AppState,
    admin: &AuthUser,
    employer: &Employer,
) -> anyhow::Result<()> {
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    let town = admin
        .user
        .email
        .split(['.', '@'])
        .nth(1)
        .context("demo admin email")?;
    let email = format!("impresa.{town}@sinergia.example");
    let name = match town {
        "milano" => "Laura Conti",
        "trento" => "Paola Rigotti",
        _ => "Marta Villa",
    };
    super::accounts::add_users(
        &state.db,
        &[(
            email.as_str(),
            name,
            shared::Role::Employer,
            admin.agency_id,
        )],
    )
    .await?;
    let user = crate::entities::user::Entity::find()
        .filter(crate::entities::user::Column::Email.eq(email.as_str()))
        .one(&state.db)
        .await?
        .context("demo HR account")?;
    crate::entities::user::ActiveModel {
        id: Set(user.id),
        employer_id: Set(Some(employer.id)),
        ..Default::default()
    }
    .update(&state.db)
    .await?;
    Ok(())
}

/// A bakery of the agency's seat that asked to join its network and waits for the admin.
pub async fn join_request(
    state: &AppState,
    admin: &AuthUser,
    code: &str,
    town: &str,
) -> anyhow::Result<()> {
    let slug: String = town
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    crate::joining::service::submit(
        state,
        &Caller::default(),
        shared::JoinRequestInput {
            agency_id: shared::AgencyId(admin.agency_id),
            organisation: EmployerInput {
                name: format!("Panificio Forno Antico di {town}"),
                ateco: "10.71".to_owned(),
                size: CompanySize::Micro,
                municipality: code.to_owned(),
                benefits: vec![EmployerBenefit::PartTime, EmployerBenefit::FlexibleHours],
                website: None,
            },
            contact_name: "Roberta Galli".to_owned(),
            contact_email: format!("roberta.galli@forno-{slug}.example"),
            language: shared::Language::It,
            message: Some(
                "Cerchiamo una persona per il banco dalle 7 alle 11, dal lunedì al sabato: \
                 va bene anche chi rientra dopo anni dedicati alla famiglia."
                    .to_owned(),
            ),
            accept_privacy_notice: true,
            privacy_notice_version: shared::PRIVACY_NOTICE_VERSION.to_owned(),
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e:?}"))
    .context("demo request to join")?;
    Ok(())
}
