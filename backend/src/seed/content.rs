//! The demo's lived-in content (development only, `APP_DEMO_CONTENT`): per agency, public rooms
//! by theme and territory with a few days of conversation (replies, reactions, a pinned
//! welcome), an announcement, a private group, a direct conversation with the counsellor; one
//! jobseeker with a complete profile and a validated assessment, one whose attempt waits in the
//! counsellor's queue, one half-way through; a report waiting for the community manager; case
//! notes.
//!
//! Everything goes through the features' own services, as the people it shows would have done
//! it, so the demo holds nothing the product could not hold; then the conversations are dated
//! back over the last days. Seeded once: when any room exists, nothing is added.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Utc};
use migrations::{MILANO_ID, MONZA_ID, PARENTING_SKILLS_V1_ID, TRENTO_ID};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use shared::{
    Answer, ItemKind, LevelDecision, LocalizedText, NewDirect, NewMember, NewMessage, NewPin,
    NewReport, NewRoom, RatingAnswer, ReportReason, Role, RoomKind, RoomTopic, StoryAnswer,
    StoryRating, UserId, ValidationRequest,
};
use uuid::Uuid;

use crate::assessment::{attempts, validation};
use crate::caller::Caller;
use crate::community::{direct, messages, moderation, rooms};
use crate::entities::{agency, message, room, room_member, user};
use crate::profile::service as profiles_service;
use crate::session::AuthUser;
use crate::state::AppState;

/// The demo's other jobseekers, so that each agency has one at every stage (the accounts of
/// `DEMO_USERS` are the tests' and stay as they are).
pub const CONTENT_USERS: &[(&str, &str, Role, Uuid)] = &[
    (
        "francesca.villa@sinergia.example",
        "Francesca Villa",
        Role::Jobseeker,
        MILANO_ID,
    ),
    (
        "laura.casagrande@sinergia.example",
        "Laura Casagrande",
        Role::Jobseeker,
        TRENTO_ID,
    ),
    (
        "michela.bortolotti@sinergia.example",
        "Michela Bortolotti",
        Role::Jobseeker,
        TRENTO_ID,
    ),
    // Monza e Brianza, the third territory: its staff and three jobseekers, for the demo only
    // (the tests' accounts stay those of `accounts.rs`).
    (
        "admin.monza@sinergia.example",
        "Roberta Brambilla",
        Role::Admin,
        MONZA_ID,
    ),
    (
        "operatrice.monza@sinergia.example",
        "Silvia Mariani",
        Role::Counsellor,
        MONZA_ID,
    ),
    (
        "community.monza@sinergia.example",
        "Paola Fumagalli",
        Role::CommunityManager,
        MONZA_ID,
    ),
    (
        "valentina.sala@sinergia.example",
        "Valentina Sala",
        Role::Jobseeker,
        MONZA_ID,
    ),
    (
        "elisa.cazzaniga@sinergia.example",
        "Elisa Cazzaniga",
        Role::Jobseeker,
        MONZA_ID,
    ),
    (
        "martina.vigano@sinergia.example",
        "Martina Viganò",
        Role::Jobseeker,
        MONZA_ID,
    ),
];

/// Who plays which part in one agency's demo.
struct Cast {
    counsellor: &'static str,
    manager: &'static str,
    /// Complete profile, validated assessment, a direct conversation with her counsellor.
    complete: &'static str,
    /// Assessment submitted, waiting for validation.
    waiting: &'static str,
    /// Profile and assessment half-way.
    halfway: &'static str,
    /// The territory room's name and its first news.
    territory: (&'static str, &'static str),
    territory_news: &'static str,
    /// Her municipality (ISTAT code).
    municipality: &'static str,
    /// The agency's admin, who keeps its catalogue of services.
    admin: &'static str,
    /// Whether `complete` has planned her week already (a nursery saved for her youngest, a
    /// 9-15 job, the older child's afternoons still open). Not in Milan: Giulia shows the
    /// first visit, from an empty shortlist.
    planned_week: bool,
}

const CASTS: [Cast; 3] = [
    Cast {
        counsellor: "operatrice.milano@sinergia.example",
        manager: "community.milano@sinergia.example",
        complete: "giulia.rossi@sinergia.example",
        waiting: "sara.bianchi@sinergia.example",
        halfway: "francesca.villa@sinergia.example",
        territory: ("Milano e hinterland", "Milan and its surroundings"),
        territory_news: "Lo sportello lavoro del Municipio 9 ha cambiato orari: adesso apre anche il \
                         giovedì pomeriggio, dalle 14 alle 17.",
        municipality: "015209",
        admin: "admin.milano@sinergia.example",
        planned_week: false,
    },
    Cast {
        counsellor: "operatrice.trento@sinergia.example",
        manager: "community.trento@sinergia.example",
        complete: "anna.pedrotti@sinergia.example",
        waiting: "laura.casagrande@sinergia.example",
        halfway: "michela.bortolotti@sinergia.example",
        territory: ("Trento e valli", "Trento and its valleys"),
        territory_news: "Al Centro per l'impiego di Trento il martedì mattina c'è lo sportello \
                         dedicato a chi rientra dopo la maternità, senza appuntamento.",
        municipality: "022205",
        admin: "admin.trento@sinergia.example",
        planned_week: true,
    },
    Cast {
        counsellor: "operatrice.monza@sinergia.example",
        manager: "community.monza@sinergia.example",
        complete: "valentina.sala@sinergia.example",
        waiting: "elisa.cazzaniga@sinergia.example",
        halfway: "martina.vigano@sinergia.example",
        territory: ("Monza e Brianza", "Monza and Brianza"),
        territory_news: "A Desio lo sportello Lavoro e famiglia dell'Ambito apre anche il \
                         mercoledì pomeriggio, dalle 14 alle 18, senza appuntamento.",
        municipality: "108028",
        admin: "admin.monza@sinergia.example",
        planned_week: true,
    },
];

/// Adds the demo content unless a room exists already; `true` when it did.
pub async fn content(state: &AppState) -> anyhow::Result<bool> {
    if room::Entity::find().count(&state.db).await? > 0 {
        return Ok(false);
    }
    super::accounts::add_users(&state.db, CONTENT_USERS).await?;
    let now = Utc::now();
    for cast in &CASTS {
        agency_content(state, cast, now).await?;
    }
    Ok(true)
}

async fn agency_content(state: &AppState, cast: &Cast, now: DateTime<Utc>) -> anyhow::Result<()> {
    let people = People::load(state, cast).await?;
    profiles(state, cast, &people).await?;
    assessments(state, &people).await?;
    community(state, cast, &people, now).await?;
    let admin = person(state, cast.admin).await?;
    super::catalogue::catalogue(state, &admin, cast.municipality).await?;
    if cast.planned_week {
        super::catalogue::her_week(state, &people.complete).await?;
    }
    let town = state
        .municipalities
        .get(cast.municipality)
        .map_or_else(|| cast.municipality.to_owned(), |m| m.name.clone());
    let employers = super::employers::employers(state, &admin, cast.municipality, &town).await?;
    let opportunities =
        super::employers::opportunities(state, &people.counsellor, &employers, cast.municipality)
            .await?;
    if let Some(first) = employers.first() {
        super::employers::hr_account(state, &admin, first).await?;
    }
    super::employers::join_request(state, &admin, cast.municipality, &town).await?;
    super::employers::applications(
        state,
        &people.counsellor,
        &people.waiting,
        &people.halfway,
        &opportunities,
    )
    .await?;
    Ok(())
}

/// The accounts of one agency's cast, signed in as far as the services need.
struct People {
    counsellor: AuthUser,
    manager: AuthUser,
    complete: AuthUser,
    waiting: AuthUser,
    halfway: AuthUser,
}

impl People {
    async fn load(state: &AppState, cast: &Cast) -> anyhow::Result<People> {
        Ok(People {
            counsellor: person(state, cast.counsellor).await?,
            manager: person(state, cast.manager).await?,
            complete: person(state, cast.complete).await?,
            waiting: person(state, cast.waiting).await?,
            halfway: person(state, cast.halfway).await?,
        })
    }

    fn first_name(who: &AuthUser) -> &str {
        who.user.name.split(' ').next().unwrap_or(&who.user.name)
    }
}

/// A demo account as the services see a signed-in user (no session: nothing here is a request).
async fn person(state: &AppState, email: &str) -> anyhow::Result<AuthUser> {
    let u = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&state.db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo account {email} is missing"))?;
    let a = agency::Entity::find_by_id(u.agency_id)
        .one(&state.db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the agency of {email} is missing"))?;
    Ok(AuthUser {
        user_id: u.id,
        session_id: Uuid::nil(),
        agency_id: u.agency_id,
        role: u.role,
        user: u,
        agency: a,
    })
}

fn text(it: &str, en: &str) -> LocalizedText {
    LocalizedText {
        it: it.to_owned(),
        en: en.to_owned(),
    }
}

// --- profiles -----------------------------------------------------------------------------

async fn profiles(state: &AppState, cast: &Cast, p: &People) -> anyhow::Result<()> {
    use shared::*;
    let about = |phone: Option<&str>| AboutMe {
        municipality: Some(cast.municipality.to_owned()),
        languages: Some(vec![
            SpokenLanguage {
                language: "it".to_owned(),
                level: LanguageLevel::Native,
            },
            SpokenLanguage {
                language: "en".to_owned(),
                level: LanguageLevel::B1,
            },
        ]),
        contact_channels: Some(match phone {
            Some(_) => vec![ContactChannel::Email, ContactChannel::Phone],
            None => vec![ContactChannel::Email],
        }),
        phone: phone.map(str::to_owned),
        contact_times: Some(vec![DayPart::Morning, DayPart::Evening]),
    };
    let household = Household {
        children: Some(vec![
            Child {
                birth_year: 2017,
                special_needs: false,
            },
            Child {
                birth_year: 2024,
                special_needs: false,
            },
        ]),
        others_cared_for: Some(vec![CaredPerson {
            relation: CaredRelation::Parent,
            lives_with_her: false,
            special_needs: false,
        }]),
        weekly_care_hours: Some(40),
        helpers: Some(vec![Helper::Partner, Helper::Grandparents]),
    };
    let conciliation = Conciliation {
        services_used: Some(vec![
            ConciliationService::Nursery,
            ConciliationService::AfterSchool,
        ]),
        obstacles: Some(vec![Obstacle::OpeningHours, Obstacle::Cost]),
        obstacles_other: None,
        critical_periods: Some(vec![CriticalPeriod::Summer, CriticalPeriod::SchoolClosures]),
    };
    let education = Education {
        isced_level: Some(5),
        titles: Some(vec![Qualification {
            title: "Diploma di ragioneria".to_owned(),
            field: Some("Amministrazione, finanza e marketing".to_owned()),
            year: Some(2008),
        }]),
        courses: Some(vec![Course {
            name: "Contabilità con software gestionali".to_owned(),
            provider: Some("Centro di formazione professionale".to_owned()),
            year: Some(2016),
            hours: Some(120),
        }]),
    };
    let work_history = WorkHistory {
        jobs: Some(vec![Job {
            role: "Impiegata amministrativa".to_owned(),
            employer: Some("Studio commerciale".to_owned()),
            sector: Some(Sector::Administration),
            contract_type: Some(ContractType::Permanent),
            start: "2009-03".to_owned(),
            end: Some("2017-06".to_owned()),
            description: Some(
                "Prima nota, fatturazione e rapporti con i clienti dello studio.".to_owned(),
            ),
        }]),
        breaks: Some(vec![CareerBreak {
            reason: BreakReason::CareOfChildren,
            start: "2017-07".to_owned(),
            end: None,
            experience: Some(
                "Ho organizzato la vita di una famiglia di quattro persone, gestito il bilancio \
                 di casa e coordinato i turni con i nonni; in parrocchia ho tenuto la cassa \
                 della festa dell'oratorio."
                    .to_owned(),
            ),
        }]),
    };
    let mornings = |days: &[Weekday]| {
        days.iter()
            .map(|d| DayHours {
                day: *d,
                hours: vec![8, 9, 10, 11, 12, 13],
            })
            .collect::<Vec<_>>()
    };
    let availability = Availability {
        weekly_hours: Some(mornings(&[
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ])),
        working_time: Some(vec![WorkingTime::PartTime]),
        work_modes: Some(vec![WorkMode::OnSite, WorkMode::Hybrid]),
        max_travel_minutes: Some(30),
        travel_means: Some(vec![TravelMeans::PublicTransport, TravelMeans::Bicycle]),
        earliest_start: Some(Utc::now().date_naive() + Duration::days(30)),
        contract_types: Some(vec![ContractType::FixedTerm, ContractType::Permanent]),
    };
    let goals = Goals {
        sectors: Some(vec![Sector::Administration, Sector::CareAndSocial]),
        roles: Some(vec![
            "Impiegata amministrativa".to_owned(),
            "Segreteria".to_owned(),
        ]),
        statement: Some(
            "Vorrei tornare a lavorare in amministrazione, la mattina, vicino a casa, e portare \
             nel lavoro l'organizzazione che ho imparato in questi anni."
                .to_owned(),
        ),
    };

    // Complete: every section.
    let who = &p.complete;
    save(state, who, about(Some("+39 333 123 4567"))).await?;
    save(state, who, household.clone()).await?;
    save(state, who, conciliation.clone()).await?;
    save(state, who, education.clone()).await?;
    save(state, who, work_history).await?;
    save(state, who, availability.clone()).await?;
    save(state, who, goals).await?;
    // Waiting for validation: most of it.
    let who = &p.waiting;
    save(state, who, about(None)).await?;
    save(state, who, household.clone()).await?;
    save(state, who, conciliation).await?;
    save(state, who, availability).await?;
    // Half-way: the first two sections.
    let who = &p.halfway;
    save(state, who, about(None)).await?;
    save(state, who, household).await?;

    let caller = Caller::default();
    let c = &p.counsellor;
    for (who, status, note) in [
        (
            &p.complete,
            CaseStatus::Active,
            "Primo colloquio: molto motivata, cerca un part-time la mattina in amministrazione. \
             Ha già i nonni per il pomeriggio; le manca una soluzione per l'estate. Proposto il \
             questionario sulle competenze.",
        ),
        (
            &p.waiting,
            CaseStatus::Active,
            "Ha completato il questionario: da validare al prossimo incontro, con le sue storie \
             sul lavoro di cura del padre.",
        ),
        (
            &p.halfway,
            CaseStatus::New,
            "Registrata da poco: prima telefonata fatta, colloquio da fissare.",
        ),
    ] {
        profiles_service::add_note(state, &caller, c, who.user_id, note).await?;
        profiles_service::set_status(state, &caller, c, who.user_id, status, Language::It).await?;
    }
    Ok(())
}

/// Saves a section over whatever version it has.
async fn save<T: profiles_service::Saveable>(
    state: &AppState,
    who: &AuthUser,
    data: T,
) -> anyhow::Result<()> {
    let current = crate::profile::repo::section(&state.db, who.user_id, T::SECTION)
        .await?
        .map_or(0, |s| s.version);
    profiles_service::save_section(state, who, Some(&format!("\"{current}\"")), data).await?;
    Ok(())
}

// --- assessments --------------------------------------------------------------------------

async fn assessments(state: &AppState, p: &People) -> anyhow::Result<()> {
    let caller = Caller::default();
    let done = answer(state, &p.complete, usize::MAX, 0).await?;
    attempts::submit(state, &caller, &p.complete, done).await?;
    validate(state, &p.counsellor, done).await?;

    let waiting = answer(state, &p.waiting, usize::MAX, 1).await?;
    attempts::submit(state, &caller, &p.waiting, waiting).await?;

    answer(state, &p.halfway, 20, 2).await?;
    Ok(())
}

const STORIES: [(&str, &str, &str); 3] = [
    (
        "Mio figlio è stato male la settimana della recita e io avevo promesso di cucire i \
         costumi per tutta la classe.",
        "Ho diviso il lavoro con altre tre mamme, ho preparato i cartamodelli e un calendario \
         condiviso, e ho seguito tutto da casa.",
        "I costumi sono arrivati in tempo e da allora il gruppo si organizza ogni anno così.",
    ),
    (
        "Quando mio padre si è ammalato dovevo coordinare medici, farmacia e i turni con mio \
         fratello.",
        "Ho fatto un foglio con orari delle terapie, contatti e turni, e una chat con tutti.",
        "Nessun appuntamento saltato in sei mesi e mio fratello ha potuto continuare a lavorare.",
    ),
    (
        "Due famiglie del condominio litigavano per il cortile dove giocano i bambini.",
        "Ho proposto un incontro, ho ascoltato entrambe e ho scritto con loro degli orari.",
        "Gli orari sono appesi in portineria e il cortile è tornato un posto tranquillo.",
    ),
];

/// Starts the questionnaire for her and answers its first `how_many` items (her own answers:
/// `seed` varies them from one woman to the next); the attempt's id.
async fn answer(
    state: &AppState,
    who: &AuthUser,
    how_many: usize,
    seed: usize,
) -> anyhow::Result<Uuid> {
    let caller = Caller::default();
    let (attempt, _) = attempts::start(state, &caller, who, PARENTING_SKILLS_V1_ID).await?;
    let instrument = attempts::load_instrument(state, attempt.instrument_id).await?;
    for (i, item) in instrument.items.iter().take(how_many).enumerate() {
        let n = i + seed;
        let answer = match item.kind {
            ItemKind::SelfRating => {
                let (home, work) = if item.reverse_keyed {
                    (2, 1 + u8::try_from(n % 2).unwrap_or(0))
                } else {
                    (
                        4 + u8::try_from(n % 2).unwrap_or(0),
                        3 + u8::try_from(n % 3).unwrap_or(0),
                    )
                };
                Answer::SelfRating(RatingAnswer {
                    home: Some(home),
                    work: Some(work),
                })
            }
            ItemKind::SituationalChoice => Answer::SituationalChoice {
                option: item
                    .options
                    .get(n % item.options.len().max(1))
                    .map(|o| o.key.clone())
                    .unwrap_or_default(),
            },
            ItemKind::EvidenceStory => {
                let (situation, action, result) = STORIES[n % STORIES.len()];
                Answer::EvidenceStory(StoryAnswer {
                    situation: situation.to_owned(),
                    action: action.to_owned(),
                    result: result.to_owned(),
                })
            }
        };
        attempts::save_answer(state, who, attempt.id, item.id, answer).await?;
    }
    Ok(attempt.id)
}

/// The counsellor's validation: each story rated 3 of 4, each level as the answers and those
/// ratings compute it (a competence with no answer gets the first level, with a comment saying
/// why).
async fn validate(state: &AppState, counsellor: &AuthUser, id: Uuid) -> anyhow::Result<()> {
    let caller = Caller::default();
    let review = validation::review(state, &caller, counsellor, id).await?;
    let instrument = attempts::load_instrument(state, review.attempt.instrument_id).await?;
    let codes = crate::assessment::repo::competence_codes(
        &state.db,
        i32::try_from(instrument.summary.framework_version)?,
    )
    .await?;
    let answers: BTreeMap<Uuid, Answer> = review
        .attempt
        .answers
        .iter()
        .map(|a| (a.item_id, a.answer.clone()))
        .collect();
    let ratings: BTreeMap<Uuid, u8> = answers
        .iter()
        .filter(|(_, a)| matches!(a, Answer::EvidenceStory(_)))
        .map(|(id, _)| (*id, 3))
        .collect();
    let levels = shared::scoring::score(&codes, &instrument.items, &answers, &ratings)
        .into_iter()
        .map(|s| match s.level {
            Some(level) => LevelDecision {
                code: s.code,
                level,
                comment: None,
            },
            None => LevelDecision {
                code: s.code,
                level: shared::Level::Emerging,
                comment: Some("Non emerso dalle risposte: ne parliamo al colloquio.".to_owned()),
            },
        })
        .collect();
    validation::validate(
        state,
        &caller,
        counsellor,
        id,
        ValidationRequest {
            story_ratings: ratings
                .into_iter()
                .map(|(item_id, rating)| StoryRating { item_id, rating })
                .collect(),
            levels,
        },
    )
    .await?;
    Ok(())
}

// --- community ----------------------------------------------------------------------------

/// One line of a conversation: who, what, which earlier line it answers, how long ago.
struct Line {
    who: Who,
    body: String,
    reply_to: Option<usize>,
    minutes_ago: i64,
}

#[derive(Clone, Copy)]
enum Who {
    Manager,
    Counsellor,
    Complete,
    Waiting,
    Halfway,
}

impl People {
    fn get(&self, who: Who) -> &AuthUser {
        match who {
            Who::Manager => &self.manager,
            Who::Counsellor => &self.counsellor,
            Who::Complete => &self.complete,
            Who::Waiting => &self.waiting,
            Who::Halfway => &self.halfway,
        }
    }
}

fn line(who: Who, body: impl Into<String>, reply_to: Option<usize>, minutes_ago: i64) -> Line {
    Line {
        who,
        body: body.into(),
        reply_to,
        minutes_ago,
    }
}

const DAY: i64 = 24 * 60;

async fn community(
    state: &AppState,
    cast: &Cast,
    p: &People,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let caller = Caller::default();
    let (a, b, c) = (
        People::first_name(&p.complete),
        People::first_name(&p.waiting),
        People::first_name(&p.halfway),
    );
    let manager_name = People::first_name(&p.manager);
    let jobseekers = [&p.complete, &p.waiting, &p.halfway];

    // A theme room: balancing work and family.
    let theme = rooms::service::create(
        state,
        &caller,
        &p.manager,
        NewRoom {
            kind: RoomKind::Public,
            topic: Some(RoomTopic::Theme),
            name: text("Conciliare lavoro e famiglia", "Balancing work and family"),
            description: text(
                "Orari, servizi, piccoli trucchi: come tenere insieme lavoro e famiglia.",
                "Hours, services, small tricks: how to hold work and family together.",
            ),
            rules: text(
                "Rispetto per le scelte di ognuna. Niente dati personali (telefono, indirizzo) \
                 in chiaro: usate i messaggi diretti.",
                "Respect everyone's choices. No personal data (phone, address) in the open: use \
                 direct messages.",
            ),
        },
    )
    .await?;
    for who in jobseekers {
        rooms::service::join(state, who, theme.id).await?;
    }
    let sent = converse(
        state,
        p,
        theme.id,
        now,
        &[
            line(
                Who::Manager,
                format!(
                    "Benvenute! Sono {manager_name} e curo questa stanza. Qui ci scambiamo idee \
                     su come tenere insieme lavoro e famiglia: orari, servizi, piccoli trucchi. \
                     Presentatevi quando volete 🙂"
                ),
                None,
                4 * DAY,
            ),
            line(
                Who::Complete,
                format!(
                    "Ciao a tutte! Sono {a}, ho due figli di 9 anni e di un anno e mezzo. Cerco \
                     un part-time la mattina: qualcuna sa quando aprono le iscrizioni ai centri \
                     estivi?"
                ),
                None,
                3 * DAY + 300,
            ),
            line(
                Who::Waiting,
                format!(
                    "Ciao {a}! Di solito ad aprile, sul sito del Comune. Conviene segnarsi la \
                     data: i posti finiscono in pochi giorni."
                ),
                Some(1),
                3 * DAY + 240,
            ),
            line(
                Who::Complete,
                format!("Grazie {b}, me lo segno subito!"),
                Some(2),
                3 * DAY + 200,
            ),
            line(
                Who::Halfway,
                "Io ho scoperto che la scuola di mia figlia ha il pre-scuola dalle 7:30: mi ha \
                 cambiato le mattine 😅",
                None,
                2 * DAY + 90,
            ),
            line(
                Who::Manager,
                format!(
                    "Ottimo consiglio, {c}! Chiedete alla vostra operatrice se per il pre-scuola \
                     vi spetta un contributo."
                ),
                Some(4),
                2 * DAY + 60,
            ),
            line(
                Who::Waiting,
                "Qualcuna ha già fatto il questionario sulle competenze? Com'è andata?",
                None,
                DAY + 120,
            ),
            line(
                Who::Complete,
                "Sì! Una ventina di minuti. Mi ha colpito leggere che tenere tre agende di \
                 famiglia si chiama «gestione del tempo» 💪",
                Some(6),
                DAY + 60,
            ),
            line(
                Who::Complete,
                "E la consulente mi ha già scritto per il colloquio di restituzione.",
                None,
                DAY + 58,
            ),
            line(
                Who::Complete,
                "Consiglio: fatelo con calma, di sera, quando i bimbi dormono 😉",
                None,
                DAY + 57,
            ),
        ],
    )
    .await?;
    let pin = |room: Uuid, message: Uuid| {
        messages::service::pin(
            state,
            &p.manager,
            room,
            NewPin {
                message_id: message,
            },
            true,
        )
    };
    pin(theme.id, sent[0]).await?;
    react(
        state,
        p,
        theme.id,
        sent[0],
        &[
            (Who::Complete, "👍"),
            (Who::Waiting, "👍"),
            (Who::Halfway, "❤️"),
        ],
    )
    .await?;
    react(state, p, theme.id, sent[4], &[(Who::Complete, "😂")]).await?;
    react(
        state,
        p,
        theme.id,
        sent[7],
        &[(Who::Waiting, "👏"), (Who::Halfway, "🎉")],
    )
    .await?;

    // A territory room.
    let territory = rooms::service::create(
        state,
        &caller,
        &p.manager,
        NewRoom {
            kind: RoomKind::Public,
            topic: Some(RoomTopic::Territory),
            name: text(cast.territory.0, cast.territory.1),
            description: text(
                "Sportelli, eventi e opportunità del territorio.",
                "Local offices, events and opportunities.",
            ),
            rules: text(
                "Segnalate fonti e date. Niente annunci commerciali.",
                "Give sources and dates. No commercial ads.",
            ),
        },
    )
    .await?;
    for who in jobseekers {
        rooms::service::join(state, who, territory.id).await?;
    }
    let sent = converse(
        state,
        p,
        territory.id,
        now,
        &[
            line(
                Who::Manager,
                "Benvenute nella stanza del territorio: qui raccogliamo notizie su sportelli, \
                 eventi e opportunità vicino a voi.",
                None,
                4 * DAY - 30,
            ),
            line(Who::Waiting, cast.territory_news, None, 2 * DAY + 400),
            line(
                Who::Complete,
                "Utilissimo, grazie! Il giovedì è proprio il giorno in cui mia madre tiene la \
                 piccola.",
                Some(1),
                2 * DAY + 380,
            ),
            line(
                Who::Halfway,
                "Regalo seggiolino auto 0-18 kg in ottimo stato, chi lo vuole mi chiami al 347 \
                 123 4567",
                None,
                300,
            ),
        ],
    )
    .await?;
    pin(territory.id, sent[0]).await?;
    react(
        state,
        p,
        territory.id,
        sent[1],
        &[(Who::Complete, "🙏"), (Who::Halfway, "👍")],
    )
    .await?;
    // Her phone number in a public room: a report waits in the moderation queue.
    moderation::service::report(
        state,
        &p.complete,
        territory.id,
        sent[3],
        NewReport {
            reason: ReportReason::PersonalData,
            note: Some(format!(
                "Credo che {c} non si sia accorta di aver scritto il suo numero in chiaro."
            )),
        },
    )
    .await?;

    // The agency's announcements.
    let news = rooms::service::create(
        state,
        &caller,
        &p.manager,
        NewRoom {
            kind: RoomKind::Announcement,
            topic: None,
            name: text("Notizie dall'agenzia", "News from the agency"),
            description: text(
                "Incontri, scadenze e novità dell'agenzia.",
                "Meetings, deadlines and news from the agency.",
            ),
            rules: text(
                "Solo l'agenzia scrive qui; per domande usate le altre stanze.",
                "Only the agency posts here; ask in the other rooms.",
            ),
        },
    )
    .await?;
    for who in [&p.complete, &p.waiting] {
        rooms::service::join(state, who, news.id).await?;
    }
    let sent = converse(
        state,
        p,
        news.id,
        now,
        &[line(
            Who::Manager,
            "Giovedì alle 9:30 incontro di gruppo «Dalla cura alle competenze» in agenzia, con \
             spazio bimbi. Iscrivetevi con la vostra operatrice.",
            None,
            DAY + 600,
        )],
    )
    .await?;
    pin(news.id, sent[0]).await?;

    // A private group.
    let group = rooms::service::create(
        state,
        &caller,
        &p.manager,
        NewRoom {
            kind: RoomKind::Private,
            topic: None,
            name: text("Gruppo colloqui di lavoro", "Job interview group"),
            description: text(
                "Ci prepariamo insieme ai colloqui: domande, prove, incoraggiamento.",
                "We prepare for interviews together: questions, rehearsals, encouragement.",
            ),
            rules: text(
                "Quello che si dice nel gruppo resta nel gruppo.",
                "What is said in the group stays in the group.",
            ),
        },
    )
    .await?;
    for who in [&p.complete, &p.waiting] {
        moderation::service::add_member(
            state,
            &p.manager,
            group.id,
            NewMember {
                user_id: UserId(who.user_id),
            },
        )
        .await?;
    }
    converse(
        state,
        p,
        group.id,
        now,
        &[
            line(
                Who::Manager,
                format!(
                    "Ciao {a} e {b}, questo è il vostro gruppo riservato per prepararvi ai \
                     colloqui. Lunedì proviamo insieme la domanda «mi parli di lei»."
                ),
                None,
                2 * DAY,
            ),
            line(Who::Complete, "Perfetto, ci sarò!", Some(0), 2 * DAY - 20),
            line(
                Who::Waiting,
                "Ci sono anch'io 👋 Posso portare il mio curriculum da rivedere?",
                Some(0),
                2 * DAY - 45,
            ),
        ],
    )
    .await?;

    // A direct conversation with her counsellor; her answer is still unread.
    let (direct, _) = direct::service::open(
        state,
        &p.counsellor,
        NewDirect {
            user_id: UserId(p.complete.user_id),
        },
    )
    .await?;
    converse(
        state,
        p,
        direct.id,
        now,
        &[
            line(
                Who::Counsellor,
                format!(
                    "Buongiorno {a}, ho validato i risultati del questionario: trovi il \
                     portfolio nella sezione Competenze. Ne parliamo martedì?"
                ),
                None,
                DAY - 60,
            ),
            line(
                Who::Complete,
                "Grazie mille! Sì, martedì mattina va benissimo. Posso portare anche mia figlia \
                 piccola?",
                None,
                90,
            ),
        ],
    )
    .await?;

    // The rooms existed before their conversations.
    let opened = now - Duration::days(5);
    for id in [theme.id, territory.id, news.id, group.id, direct.id] {
        room::Entity::update_many()
            .col_expr(room::Column::CreatedAt, Expr::value(opened))
            .filter(room::Column::Id.eq(id))
            .exec(&state.db)
            .await?;
        room_member::Entity::update_many()
            .col_expr(room_member::Column::JoinedAt, Expr::value(opened))
            .filter(room_member::Column::RoomId.eq(id))
            .exec(&state.db)
            .await?;
    }
    Ok(())
}

/// Sends the lines in order as their authors (replies to earlier lines), then dates each back
/// to its time; the ids of the messages, line by line.
async fn converse(
    state: &AppState,
    p: &People,
    room: Uuid,
    now: DateTime<Utc>,
    lines: &[Line],
) -> anyhow::Result<Vec<Uuid>> {
    let mut sent: Vec<Uuid> = Vec::with_capacity(lines.len());
    let mut when: HashMap<Uuid, DateTime<Utc>> = HashMap::new();
    for l in lines {
        let (m, _) = messages::service::send(
            state,
            p.get(l.who),
            room,
            NewMessage {
                client_id: format!("demo-{}", Uuid::now_v7()),
                body: l.body.clone(),
                reply_to: l.reply_to.and_then(|i| sent.get(i).copied()),
                mentions: Vec::new(),
            },
        )
        .await?;
        sent.push(m.id);
        when.insert(m.id, now - Duration::minutes(l.minutes_ago));
    }
    for (id, at) in when {
        message::Entity::update_many()
            .col_expr(message::Column::CreatedAt, Expr::value(at))
            .filter(message::Column::Id.eq(id))
            .exec(&state.db)
            .await?;
    }
    Ok(sent)
}

async fn react(
    state: &AppState,
    p: &People,
    room: Uuid,
    message_id: Uuid,
    reactions: &[(Who, &str)],
) -> anyhow::Result<()> {
    for (who, emoji) in reactions {
        messages::service::react(state, p.get(*who), room, message_id, emoji, true).await?;
    }
    Ok(())
}
