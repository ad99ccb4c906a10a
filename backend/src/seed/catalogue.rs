//! The demo catalogue of conciliation services: per agency, fictional providers of every kind
//! with locations in the municipalities nearest the demo jobseekers, and services of every
//! category with weekly schedules, dated closures, prices and places — made by the agency's
//! admin through the catalogue's own services, most published and checked, a few left as
//! drafts for the curator's screens. Development only, like the rest of `content`.

use anyhow::Context;
use shared::{
    Accessibility, AgeRange, Benefit, ContributionInput, ContributionRules, CostOption, CostUnit,
    EmploymentStatus, ExceptionReason, GeoPoint, LocalizedText, LocationInput, OpeningWindow,
    Places, ProviderInput, ProviderKind, Schedule, ScheduleException, ServiceCategory,
    ServiceInput, TimeOfDay, Weekday,
};
use uuid::Uuid;

use crate::caller::Caller;
use crate::catalogue::contributions::service as contributions;
use crate::catalogue::finding::service as finding;
use crate::catalogue::offers::service::{self as offers, Step};
use crate::catalogue::providers::service as providers;
use crate::session::AuthUser;
use crate::state::AppState;

/// Providers per agency: a name pattern and a kind.
const PROVIDERS: [(&str, ProviderKind); 7] = [
    ("Comune di {town} – Servizi educativi", ProviderKind::Public),
    ("Cooperativa sociale Il Girasole", ProviderKind::ThirdSector),
    ("Cooperativa Tempo Condiviso", ProviderKind::ThirdSector),
    ("Associazione Famiglie in Rete", ProviderKind::ThirdSector),
    (
        "Nidi e Centri Arcobaleno srl",
        ProviderKind::AccreditedPrivate,
    ),
    (
        "Assistenza Casa Serena srl",
        ProviderKind::AccreditedPrivate,
    ),
    (
        "Welfare aziendale Brianza Insieme",
        ProviderKind::CompanyWelfare,
    ),
];

fn t(s: &str) -> TimeOfDay {
    TimeOfDay::parse(s).unwrap_or(TimeOfDay::MIDNIGHT)
}

fn days(list: &[Weekday], opens: &str, closes: &str) -> Vec<OpeningWindow> {
    list.iter()
        .map(|day| OpeningWindow {
            day: *day,
            opens: t(opens),
            closes: t(closes),
        })
        .collect()
}

const WEEK: [Weekday; 5] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];

fn date(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

fn closed(from: &str, to: &str, reason: ExceptionReason) -> ScheduleException {
    ScheduleException {
        from: date(from),
        to: date(to),
        reason,
        windows: Vec::new(),
    }
}

/// The school year's closures: Christmas, Easter, summer for schools; August for the rest.
fn closures(school: bool) -> Vec<ScheduleException> {
    if school {
        vec![
            closed("2026-12-23", "2027-01-06", ExceptionReason::SchoolClosure),
            closed("2027-03-25", "2027-03-30", ExceptionReason::SchoolClosure),
            closed("2027-06-12", "2027-09-10", ExceptionReason::SummerClosure),
        ]
    } else {
        vec![
            closed("2026-12-24", "2026-12-27", ExceptionReason::PublicHoliday),
            closed("2027-08-07", "2027-08-23", ExceptionReason::SummerClosure),
        ]
    }
}

fn price(unit: CostUnit, euros: u32, note: Option<&str>) -> CostOption {
    CostOption {
        unit,
        amount_cents: euros * 100,
        note: note.map(str::to_owned),
    }
}

fn ages(min: Option<u16>, max: Option<u16>) -> AgeRange {
    AgeRange {
        min_months: min,
        max_months: max,
    }
}

/// A service of the demo: its name, description, category, ages, schedule and prices; `i`
/// varies prices and places from one to the next.
struct Template {
    name: &'static str,
    description: &'static str,
    category: ServiceCategory,
    ages: AgeRange,
    schedule: Schedule,
    costs: Vec<CostOption>,
    accessibility: Vec<Accessibility>,
}

#[allow(clippy::too_many_lines, reason = "one template per kind of service")]
fn templates(i: u32) -> Vec<Template> {
    use ServiceCategory as C;
    let sat = [Weekday::Sat];
    let six = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
    ];
    vec![
        Template {
            name: "Nido {town}",
            description: "Nido per bambine e bambini da 3 mesi a 3 anni: pasti preparati in sede, inserimento graduale, colloqui con le famiglie.",
            category: C::Nursery,
            ages: ages(Some(3), Some(36)),
            schedule: Schedule {
                weekly: days(
                    &WEEK,
                    "07:30",
                    if i.is_multiple_of(2) {
                        "16:30"
                    } else {
                        "18:00"
                    },
                ),
                exceptions: closures(false),
            },
            costs: vec![
                price(
                    CostUnit::Month,
                    420 + 40 * (i % 5),
                    Some("Pasti inclusi, tempo pieno"),
                ),
                price(CostUnit::OneOff, 80, Some("Iscrizione")),
            ],
            accessibility: vec![Accessibility::StepFree, Accessibility::AccessibleToilet],
        },
        Template {
            name: "Sezione primavera {town}",
            description: "Sezione primavera per bambini dai 24 ai 36 mesi, al mattino, con pranzo.",
            category: C::Nursery,
            ages: ages(Some(24), Some(36)),
            schedule: Schedule {
                weekly: days(&WEEK, "08:00", "13:30"),
                exceptions: closures(true),
            },
            costs: vec![price(CostUnit::Month, 260 + 20 * (i % 3), None)],
            accessibility: vec![Accessibility::StepFree],
        },
        Template {
            name: "Pre-scuola {town}",
            description: "Accoglienza prima delle lezioni nella scuola primaria, con colazione.",
            category: C::PreAfterSchool,
            ages: ages(Some(72), Some(131)),
            schedule: Schedule {
                weekly: days(&WEEK, "07:30", "08:30"),
                exceptions: closures(true),
            },
            costs: vec![price(CostUnit::Month, 30 + 5 * (i % 3), None)],
            accessibility: vec![Accessibility::StepFree],
        },
        Template {
            name: "Doposcuola {town}",
            description: "Dopo le lezioni: pranzo, compiti accompagnati e gioco fino alle 17.",
            category: C::PreAfterSchool,
            ages: ages(Some(72), Some(131)),
            schedule: Schedule {
                weekly: days(&WEEK, "12:30", "17:00"),
                exceptions: closures(true),
            },
            costs: vec![price(
                CostUnit::Month,
                110 + 10 * (i % 4),
                Some("Pranzo incluso"),
            )],
            accessibility: vec![Accessibility::StepFree, Accessibility::SpecialNeedsStaff],
        },
        Template {
            name: "Post-scuola {town}",
            description: "Dopo il tempo pieno, merenda e giochi fino alle 18:30.",
            category: C::PreAfterSchool,
            ages: ages(Some(72), Some(131)),
            schedule: Schedule {
                weekly: days(&WEEK, "16:30", "18:30"),
                exceptions: closures(true),
            },
            costs: vec![price(CostUnit::Month, 45 + 5 * (i % 3), None)],
            accessibility: vec![],
        },
        Template {
            name: "Centro estivo {town}",
            description: "Dalla fine della scuola a settembre: laboratori, piscina, gite. A settimane.",
            category: C::HolidayCamp,
            ages: ages(Some(72), Some(168)),
            schedule: Schedule {
                weekly: days(&WEEK, "08:00", "17:00"),
                exceptions: vec![closed("2026-09-11", "2027-06-11", ExceptionReason::Other)],
            },
            costs: vec![price(
                CostUnit::Day,
                22 + (i % 4),
                Some("Settimana da 5 giorni, pranzo incluso"),
            )],
            accessibility: vec![Accessibility::StepFree],
        },
        Template {
            name: "Ponti e chiusure {town}",
            description: "Aperto solo nei giorni di chiusura delle scuole che non sono festa: ponti, vacanze di Natale e di Pasqua.",
            category: C::BridgeService,
            ages: ages(Some(36), Some(143)),
            schedule: Schedule {
                weekly: vec![],
                exceptions: [
                    ("2026-12-07", "2026-12-07"),
                    ("2026-12-23", "2027-01-06"),
                    ("2027-03-25", "2027-03-30"),
                    ("2027-04-26", "2027-04-26"),
                ]
                .into_iter()
                .map(|(from, to)| ScheduleException {
                    from: date(from),
                    to: date(to),
                    reason: ExceptionReason::SchoolClosure,
                    windows: days(&WEEK, "07:45", "17:30"),
                })
                .collect(),
            },
            costs: vec![price(CostUnit::Day, 25 + (i % 3) * 3, None)],
            accessibility: vec![],
        },
        Template {
            name: "Baby-sitter a domicilio {town}",
            description: "Baby-sitter qualificate a casa vostra, anche per poche ore e con preavviso breve.",
            category: C::Babysitting,
            ages: ages(Some(3), Some(144)),
            schedule: Schedule {
                weekly: days(&six, "07:00", "21:00"),
                exceptions: vec![],
            },
            costs: vec![price(CostUnit::Hour, 10 + i % 4, None)],
            accessibility: vec![],
        },
        Template {
            name: "Assistenza domiciliare anziani {town}",
            description: "Aiuto a casa per l'igiene, i pasti, le medicine e la compagnia; anche il sabato.",
            category: C::ElderHomeCare,
            ages: ages(Some(780), None),
            schedule: Schedule {
                weekly: days(&six, "07:00", "20:00"),
                exceptions: vec![],
            },
            costs: vec![price(
                CostUnit::Hour,
                19 + i % 4,
                Some("Tariffa agevolata con ISEE"),
            )],
            accessibility: vec![],
        },
        Template {
            name: "Centro diurno integrato {town}",
            description: "Centro diurno per anziani: attività, pranzo, assistenza infermieristica, trasporto.",
            category: C::DayCentre,
            ages: ages(Some(780), None),
            schedule: Schedule {
                weekly: days(&WEEK, "08:30", "17:30"),
                exceptions: closures(false),
            },
            costs: vec![price(
                CostUnit::Day,
                32 + 2 * (i % 5),
                Some("Pranzo e trasporto inclusi"),
            )],
            accessibility: vec![Accessibility::StepFree, Accessibility::AccessibleToilet],
        },
        Template {
            name: "Servizio educativo disabilità {town}",
            description: "Educatori per ragazze e ragazzi con disabilità, a casa e nel tempo libero.",
            category: C::DisabilityCare,
            ages: ages(Some(36), Some(300)),
            schedule: Schedule {
                weekly: days(&WEEK, "14:00", "18:30"),
                exceptions: closures(false),
            },
            costs: vec![price(CostUnit::Hour, 8 + i % 3, Some("Quota famiglia"))],
            accessibility: vec![
                Accessibility::StepFree,
                Accessibility::SpecialNeedsStaff,
                Accessibility::EasyRead,
            ],
        },
        Template {
            name: "Sollievo per chi assiste {town}",
            description: "Qualche ora di respiro per chi si prende cura di un familiare: ci pensiamo noi.",
            category: C::Respite,
            ages: ages(None, None),
            schedule: Schedule {
                weekly: [
                    days(&sat, "09:00", "13:00"),
                    days(&[Weekday::Wed], "15:00", "18:00"),
                ]
                .concat(),
                exceptions: vec![],
            },
            costs: vec![price(CostUnit::Hour, 0, Some("Gratuito per i residenti"))],
            accessibility: vec![Accessibility::StepFree],
        },
        Template {
            name: "Commissioni e spesa a domicilio {town}",
            description: "Spesa, farmacia, lavanderia e piccole commissioni, consegnate a casa.",
            category: C::TimeSaving,
            ages: ages(None, None),
            schedule: Schedule {
                weekly: days(&six, "08:00", "19:00"),
                exceptions: vec![],
            },
            costs: vec![price(CostUnit::OneOff, 6 + i % 3, Some("Per consegna"))],
            accessibility: vec![],
        },
        Template {
            name: "Spazio famiglie e gruppi di mutuo aiuto {town}",
            description: "Consulenza familiare, gruppi di genitori e incontri sul rientro al lavoro.",
            category: C::FamilySupport,
            ages: ages(None, None),
            schedule: Schedule {
                weekly: [
                    days(&WEEK, "09:00", "13:00"),
                    days(&[Weekday::Tue, Weekday::Thu], "14:00", "18:00"),
                ]
                .concat(),
                exceptions: closures(false),
            },
            costs: vec![price(CostUnit::Month, 0, Some("Gratuito"))],
            accessibility: vec![Accessibility::StepFree, Accessibility::SignLanguage],
        },
    ]
}

/// The municipalities of the agency, nearest to `home` first (with their location).
fn towns_near(state: &AppState, agency: Uuid, home: &str) -> Vec<(String, String, GeoPoint)> {
    let origin = state
        .municipalities
        .get(home)
        .and_then(|m| m.location)
        .unwrap_or(GeoPoint {
            lat: 45.5,
            lon: 9.2,
        });
    let mut towns: Vec<(String, String, GeoPoint)> = state
        .municipalities
        .values()
        .filter(|m| m.agency_id.0 == agency)
        .filter_map(|m| Some((m.code.clone(), m.name.clone(), m.location?)))
        .collect();
    towns.sort_by(|a, b| {
        origin
            .km_to(&a.2)
            .total_cmp(&origin.km_to(&b.2))
            .then(a.0.cmp(&b.0))
    });
    towns
}

/// The agency's demo catalogue: 7 providers, a location each in 8 municipalities around
/// `home`, and 14 kinds of service in 4 of them (56 services), all but two published.
pub async fn catalogue(state: &AppState, admin: &AuthUser, home: &str) -> anyhow::Result<usize> {
    let caller = Caller::default();
    let towns: Vec<_> = towns_near(state, admin.agency_id, home)
        .into_iter()
        .take(8)
        .collect();
    anyhow::ensure!(!towns.is_empty(), "no municipality with a location");
    let mut made: usize = 0;
    for (p, (pattern, kind)) in PROVIDERS.iter().enumerate() {
        let first_town = &towns[p % towns.len()];
        let provider = providers::create_provider(
            state,
            &caller,
            admin,
            ProviderInput {
                name: pattern.replace("{town}", &first_town.1),
                kind: *kind,
                description: Some("Servizi per la conciliazione tra lavoro e famiglia.".to_owned()),
                email: Some(format!("info{p}@servizi.example")),
                phone: Some(format!("+39 02 {:04} {:04}", 1000 + p * 7, 2000 + p * 13)),
                website: Some(format!("https://servizi{p}.example")),
            },
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))
        .context("demo provider")?;
        for (k, template) in templates(u32::try_from(p).unwrap_or(0))
            .into_iter()
            .enumerate()
        {
            // Each provider runs two of the fourteen kinds, in two municipalities each.
            if k % PROVIDERS.len() != p {
                continue;
            }
            for j in 0..4 {
                let town = &towns[(p + k + j * 2) % towns.len()];
                let offset = f64::from(u32::try_from((p * 31 + k * 17 + j * 7) % 40).unwrap_or(0));
                let location = offers::create_location(
                    state,
                    &caller,
                    admin,
                    provider.id,
                    LocationInput {
                        name: format!("Sede di {}", town.1),
                        address: format!("Via Roma {}", 1 + (p * 11 + k * 3 + j) % 120),
                        municipality: town.0.clone(),
                        point: GeoPoint {
                            lat: town.2.lat + (offset - 20.0) * 0.0002,
                            lon: town.2.lon + (20.0 - offset) * 0.0003,
                        },
                    },
                )
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))
                .context("demo location")?;
                let i = u32::try_from(p + k + j).unwrap_or(0);
                let places = Places::ALL[(p + k + j) % Places::ALL.len()];
                let s = offers::create_service(
                    state,
                    &caller,
                    admin,
                    ServiceInput {
                        provider_id: provider.id,
                        name: template.name.replace("{town}", &town.1),
                        description: Some(template.description.to_owned()),
                        category: template.category,
                        ages: template.ages,
                        languages: if i.is_multiple_of(3) {
                            vec!["it".to_owned(), "en".to_owned()]
                        } else {
                            vec!["it".to_owned()]
                        },
                        accessibility: template.accessibility.clone(),
                        capacity: Some(12 + 6 * (i % 6)),
                        places,
                        schedule: template.schedule.clone(),
                        costs: template.costs.clone(),
                        location_ids: vec![location.id],
                    },
                )
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))
                .context("demo service")?;
                made += 1;
                // Two drafts per agency wait for the curator; the rest are published, most
                // checked by staff.
                if made % 28 == 27 {
                    continue;
                }
                offers::step(state, &caller, admin, s.id, Step::Publish)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
                if !made.is_multiple_of(3) {
                    offers::step(state, &caller, admin, s.id, Step::Verify)
                        .await
                        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
                }
            }
        }
    }
    demo_scheme(state, &caller, admin).await?;
    Ok(made)
}

/// A fictional scheme of the agency's own whose yearly check has come, so that the curators'
/// list of contributions shows one due first, and her matches one that asks her to start work.
async fn demo_scheme(state: &AppState, caller: &Caller, admin: &AuthUser) -> anyhow::Result<()> {
    let today = chrono::Utc::now().date_naive();
    let days_ago = |n| {
        today
            .checked_sub_days(chrono::Days::new(n))
            .unwrap_or(today)
    };
    let text = |it: &str, en: &str| LocalizedText {
        it: it.to_owned(),
        en: en.to_owned(),
    };
    contributions::create(
        state,
        caller,
        admin,
        ContributionInput {
            name: text(
                "Dote conciliazione del territorio (esempio)",
                "Territorial work-life grant (example)",
            ),
            description: text(
                "Contributo di esempio dei dati dimostrativi: metà della retta di pre e post-scuola, centri estivi e servizi ponte per chi inizia o riprende un lavoro o un corso, fino a 150 € al mese.",
                "An example scheme of the demo data: half the fee of before- and after-school care, holiday camps and bridge services for whoever starts or returns to work or training, up to €150 a month.",
            ),
            categories: vec![
                ServiceCategory::PreAfterSchool,
                ServiceCategory::HolidayCamp,
                ServiceCategory::BridgeService,
            ],
            rules: ContributionRules {
                child_ages: Some(ages(Some(36), Some(168))),
                employment: vec![EmploymentStatus::ReturningToWork, EmploymentStatus::InTraining],
                ..ContributionRules::default()
            },
            benefit: Benefit {
                share_percent: 50,
                max_cents_per_month: Some(15_000),
                months_per_year: 10,
            },
            how_to_apply: text(
                "Domanda allo sportello dell'agenzia con il contratto o l'iscrizione al corso.",
                "Apply at the agency's desk with the contract or the enrolment in the course.",
            ),
            source_url: "https://sinergia.example/esempi/dote-conciliazione".to_owned(),
            source_checked_on: days_ago(400),
            review_by: days_ago(5),
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e:?}"))
    .context("demo contribution")?;
    Ok(())
}

/// Her week planned: the best nursery for her youngest saved, a 9:00-15:00 job on school days;
/// the older child's afternoons stay open, with the services that would close them.
pub async fn her_week(state: &AppState, her: &AuthUser) -> anyhow::Result<()> {
    let caller = Caller::default();
    let nurseries = finding::matches(
        state,
        her,
        finding::MatchParams {
            category: Some(ServiceCategory::Nursery),
            page_size: Some(1),
            ..finding::MatchParams::default()
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    if let Some(best) = nurseries.items.first() {
        finding::save(state, her, best.service.id)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    }
    let mut plan = finding::week(state, her)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?
        .plan;
    plan.job = days(&Weekday::ALL[..5], "09:00", "15:00");
    finding::save_week(state, &caller, her, Some("\"0\""), plan)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))
        .context("demo week")?;
    Ok(())
}
