//! The homes after sign-in. Hers says what to do next from where she stands (the profile's
//! next section, the questionnaire to take or resume, the portfolio to download, a room to
//! join) with her progress on the path; the staff's show each role what it can open and what
//! waits for it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{Attempt, AttemptStatus, Profile, ProfileSection, Role, Room, RoomKind};

use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page, download_portfolio, progress};
use crate::i18n::{K, code_label, tr, use_locale};
use crate::session::use_session;

/// A card of a staff home: a link, and what waits behind it when that is known.
#[component]
fn Card(
    title: K,
    body: K,
    href: &'static str,
    #[prop(optional)] waiting: Option<(K, Signal<Option<usize>>)>,
) -> impl IntoView {
    view! {
        <div class="col-12 col-md-6 col-lg-4 mb-3">
            <div class="card card-bg h-100 shadow-sm">
                <div class="card-body">
                    <h2 class="h5 card-title">
                        <a href=href class="stretched-link">{tr(title)}</a>
                    </h2>
                    <p class="card-text">{tr(body)}</p>
                    {waiting.map(|(label, count)| view! {
                        {move || count.get().map(|n| {
                            let busy = n > 0;
                            view! {
                                <p class="mb-0 fw-semibold waiting" class:text-primary=busy>
                                    {tr(label)} " " {n}
                                </p>
                            }
                        })}
                    })}
                </div>
            </div>
        </div>
    }
}

/// Where she stands on one step of her path.
#[derive(Clone, Copy, PartialEq)]
enum State {
    Done,
    Started,
    ToDo,
}

/// What the home knows about her.
#[derive(Clone)]
struct Standing {
    profile: Profile,
    attempts: Vec<Attempt>,
    rooms: Vec<Room>,
}

impl Standing {
    /// The first section she has not completed, in the profile's order.
    fn next_section(&self) -> Option<ProfileSection> {
        self.profile
            .sections
            .iter()
            .find(|s| s.completeness.percent < 100)
            .map(|s| s.section)
    }

    /// Her latest attempt: the one in progress, else the latest submitted.
    fn attempt(&self) -> Option<&Attempt> {
        self.attempts
            .iter()
            .find(|a| a.status == AttemptStatus::InProgress)
            .or_else(|| self.attempts.iter().max_by_key(|a| a.submitted_at))
    }

    fn validated(&self) -> Option<&Attempt> {
        self.attempts
            .iter()
            .filter(|a| a.status == AttemptStatus::Validated)
            .max_by_key(|a| a.submitted_at)
    }

    /// The rooms of her agency she could join, and the ones she is in (not direct ones).
    fn rooms(&self) -> (usize, usize, u64) {
        let open = |r: &&Room| matches!(r.kind, RoomKind::Public | RoomKind::Announcement);
        let to_join = self
            .rooms
            .iter()
            .filter(open)
            .filter(|r| r.role.is_none() && !r.archived)
            .count();
        let mine = self
            .rooms
            .iter()
            .filter(|r| r.role.is_some() && r.kind != RoomKind::Direct)
            .count();
        let unread = self
            .rooms
            .iter()
            .filter(|r| r.role.is_some())
            .map(|r| r.unread)
            .sum();
        (to_join, mine, unread)
    }
}

/// One step of her path: its state, what it says and where it leads.
struct Step {
    title: K,
    state: State,
    body: AnyView,
    action: Option<AnyView>,
}

fn link(href: String, label: AnyView, primary: bool) -> AnyView {
    let class = if primary {
        "btn btn-primary"
    } else {
        "btn btn-outline-primary"
    };
    view! { <a class=class href=href>{label}</a> }.into_any()
}

fn download_button(attempt: uuid::Uuid, primary: bool) -> AnyView {
    let locale = use_locale();
    let error = RwSignal::new(None::<ApiError>);
    let download = move |_| {
        download_portfolio(
            attempt,
            "pdf",
            "application/pdf",
            locale.0.get_untracked(),
            error,
        );
    };
    let class = if primary {
        "btn btn-primary"
    } else {
        "btn btn-outline-primary"
    };
    view! {
        <ErrorSummary error=error />
        <button type="button" class=class on:click=download>{tr(K::HomePortfolioDownload)}</button>
    }
    .into_any()
}

/// The steps of her path, in order, each built for the place it is shown (`primary`: as the
/// next step).
fn steps(s: &Standing, primary: impl Fn(usize) -> bool) -> Vec<Step> {
    let mut out = Vec::with_capacity(4);
    // 1. The profile.
    let overall = s.profile.completeness;
    let next = s.next_section();
    out.push(Step {
        title: K::HomeStepProfile,
        state: match next {
            None => State::Done,
            Some(_) if overall.percent > 0 => State::Started,
            Some(_) => State::ToDo,
        },
        body: view! {
            <p class="mb-1">{tr(K::HomeProfilePercent)} " " {overall.percent} "%"</p>
            {progress(overall, format!("{}%", overall.percent))}
            {next.map(|n| view! { <p class="mt-2 mb-0">{tr(K::HomeProfileNext)} " " <strong>{code_label(n)}</strong></p> })}
        }
        .into_any(),
        action: next.map(|n| {
            link(
                format!("/profile/{}", n.slug()),
                view! { {tr(K::HomeContinueWith)} " " {code_label(n)} }.into_any(),
                primary(0),
            )
        }),
    });
    // 2. The questionnaire.
    let attempt = s.attempt().cloned();
    let (state, body, action) = match &attempt {
        None => (
            State::ToDo,
            view! { <p class="mb-0">{tr(K::HomeAsStart)}</p> }.into_any(),
            Some(link(
                "/assessment".into(),
                view! { {tr(K::HomeAsStartButton)} }.into_any(),
                primary(1),
            )),
        ),
        Some(a) if a.status == AttemptStatus::InProgress => {
            let n = a.next_position.unwrap_or(a.answered + 1);
            (
                State::Started,
                view! { <p class="mb-0">{tr(K::HomeAsAnswered)} " " {a.answered} " / " {a.total}</p> }
                    .into_any(),
                Some(link(
                    format!("/assessment/attempts/{}", a.id),
                    view! { {tr(K::HomeAsResume)} " " {n} }.into_any(),
                    primary(1),
                )),
            )
        }
        Some(a) if a.status == AttemptStatus::Submitted => (
            State::Started,
            view! { <p class="mb-0">{tr(K::HomeAsWaiting)}</p> }.into_any(),
            Some(link(
                format!("/assessment/attempts/{}", a.id),
                view! { {tr(K::HomeSeeResults)} }.into_any(),
                false,
            )),
        ),
        Some(a) => (
            State::Done,
            view! { <p class="mb-0">{tr(K::HomeAsValidated)}</p> }.into_any(),
            Some(link(
                format!("/assessment/attempts/{}", a.id),
                view! { {tr(K::HomeSeeResults)} }.into_any(),
                false,
            )),
        ),
    };
    out.push(Step {
        title: K::HomeStepAssessment,
        state,
        body,
        action,
    });
    // 3. The portfolio.
    let validated = s.validated().map(|a| a.id);
    out.push(Step {
        title: K::HomeStepPortfolio,
        state: if validated.is_some() {
            State::Done
        } else {
            State::ToDo
        },
        body: match validated {
            Some(_) => view! { <p class="mb-0">{tr(K::HomePortfolioReady)}</p> }.into_any(),
            None => view! { <p class="mb-0">{tr(K::HomePortfolioLater)}</p> }.into_any(),
        },
        action: validated.map(|id| download_button(id, primary(2))),
    });
    // 4. The community.
    let (to_join, mine, unread) = s.rooms();
    out.push(Step {
        title: K::HomeStepCommunity,
        state: if mine > 0 { State::Done } else { State::ToDo },
        body: view! {
            <p class="mb-0">
                {(mine > 0).then(|| view! { {tr(K::HomeRoomsIn)} " " {mine} ". " })}
                {(unread > 0).then(|| view! { {tr(K::HomeUnread)} " " {unread} ". " })}
                {(to_join > 0).then(|| view! { {tr(K::HomeRoomsToJoin)} " " {to_join} "." })}
            </p>
        }
        .into_any(),
        action: Some(link(
            "/community".into(),
            view! { {if mine > 0 { tr(K::HomeOpenCommunity) } else { tr(K::HomeJoinRoom) }} }
                .into_any(),
            primary(3),
        )),
    });
    out
}

/// Which step is next: an attempt she started comes first, then the path in order (the
/// profile, the questionnaire, the portfolio once validated, a room).
fn next_step(s: &Standing) -> usize {
    if s.attempt()
        .is_some_and(|a| a.status == AttemptStatus::InProgress)
    {
        return 1;
    }
    if s.next_section().is_some() {
        return 0;
    }
    if s.attempt().is_none() {
        return 1;
    }
    if s.validated().is_some() {
        return 2;
    }
    3
}

fn state_badge(state: State) -> impl IntoView {
    let (class, key) = match state {
        State::Done => ("badge bg-success", K::HomeStepDone),
        State::Started => ("badge bg-primary", K::HomeStepStarted),
        State::ToDo => ("badge bg-secondary", K::HomeStepTodo),
    };
    view! { <span class=class>{tr(key)}</span> }
}

fn path_view(s: Standing) -> impl IntoView {
    let next = next_step(&s);
    let mut featured = steps(&s, |i| i == next);
    let first = featured.swap_remove(next);
    let all = steps(&s, |_| false);
    view! {
        <section class="next-step callout mb-4 p-3 p-md-4" aria-labelledby="next-step-title">
            <h2 class="h4" id="next-step-title">{tr(K::HomeNextStep)}</h2>
            <p class="fw-semibold mb-2 next-step-name">{tr(first.title)}</p>
            {first.body}
            {first.action.map(|a| view! { <div class="mt-3">{a}</div> })}
        </section>
        <h2 class="h4">{tr(K::HomePath)}</h2>
        <ol class="list-unstyled home-path row">
            {all.into_iter().enumerate().map(|(i, step)| {
                let is_next = i == next;
                view! {
                <li class="col-12 col-md-6 mb-3">
                    <div class="card shadow-sm h-100" class:border-primary=is_next>
                    <div class="card-body">
                        <h3 class="h5 d-flex flex-wrap gap-2 align-items-center">
                            <span>{i + 1} ". " {tr(step.title)}</span>
                            {state_badge(step.state)}
                        </h3>
                        {step.body}
                        {step.action.filter(|_| !is_next).map(|a| view! { <div class="mt-2">{a}</div> })}
                    </div>
                    </div>
                </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[component]
pub fn JobseekerHome() -> impl IntoView {
    let session = use_session();
    let locale = use_locale();
    // Fetched again in her language (the profile's needs are worded by the server).
    let standing = LocalResource::new(move || {
        locale.0.track();
        async move {
            let (profile, attempts, rooms) =
                futures_util::join!(api::my_profile(), api::attempts(), api::rooms());
            Ok::<_, ApiError>(Standing {
                profile: profile?,
                attempts: attempts?,
                rooms: rooms?,
            })
        }
    });
    view! {
        <Page title=K::JobseekerHomeTitle>
            <p class="lead">
                {tr(K::Welcome)} " " {move || session.me.with(|m| m.as_ref().map(|m| m.name.clone()))}
            </p>
            <Suspense fallback=|| view! { <p role="status">{tr(K::Loading)}</p> }>
                {move || standing.get().map(|r| match r {
                    Err(e) => view! { <ErrorSummary error=RwSignal::new(Some(e)) /> }.into_any(),
                    Ok(s) => path_view(s).into_any(),
                })}
            </Suspense>
        </Page>
    }
}

/// What waits for the staff: reports, assessments to validate, unread direct messages.
/// A count that arrives later (`None` until it does, or when it cannot be read).
type Count = Signal<Option<usize>>;

fn waiting_counts(role: Option<Role>) -> (Count, Count, Count) {
    let reports = RwSignal::new(None);
    let validations = RwSignal::new(None);
    let direct = RwSignal::new(None);
    if matches!(role, Some(Role::CommunityManager | Role::Admin)) {
        spawn_local(async move {
            if let Ok(r) = api::moderation_reports().await {
                reports.set(Some(r.len()));
            }
        });
    }
    if matches!(role, Some(Role::Counsellor | Role::Admin)) {
        spawn_local(async move {
            if let Ok(q) = api::validation_queue().await {
                validations.set(Some(q.items.len()));
            }
        });
    }
    spawn_local(async move {
        if let Ok(rooms) = api::rooms().await {
            let unread = rooms
                .iter()
                .filter(|r| r.kind == RoomKind::Direct && r.role.is_some())
                .map(|r| usize::try_from(r.unread).unwrap_or(usize::MAX))
                .sum();
            direct.set(Some(unread));
        }
    });
    (reports.into(), validations.into(), direct.into())
}

#[component]
pub fn StaffHome() -> impl IntoView {
    let session = use_session();
    let role = session.role();
    let (reports, validations, direct) = waiting_counts(role);
    let is = move |roles: &[Role]| role.is_some_and(|r| roles.contains(&r));
    view! {
        <Page title=K::StaffHomeTitle>
            <p class="lead">
                {tr(K::Welcome)} " " {move || session.me.with(|m| m.as_ref().map(|m| m.name.clone()))}
                " · " {move || session.me.with(|m| m.as_ref().map(|m| m.agency.name.clone()))}
            </p>
            <div class="row">
                {is(&[Role::Counsellor, Role::Admin]).then(|| view! {
                    <Card title=K::CardValidation body=K::CardValidationText href="/staff/assessments"
                        waiting=(K::StaffWaitingValidations, validations) />
                    <Card title=K::CardCaseload body=K::CardCaseloadText href="/staff/caseload" />
                })}
                {is(&[Role::CommunityManager, Role::Admin]).then(|| view! {
                    <Card title=K::CardModeration body=K::CardModerationText href="/staff/moderation"
                        waiting=(K::StaffWaitingReports, reports) />
                    <Card title=K::CardRooms body=K::CardRoomsText href="/staff/rooms" />
                })}
                <Card title=K::CardCommunity body=K::CardStaffCommunityText href="/community"
                    waiting=(K::StaffUnreadDirect, direct) />
                <Card title=K::CardCatalogue body=K::CardCatalogueText href="/staff/catalogue" />
                {is(&[Role::Admin]).then(|| view! {
                    <Card title=K::CardAccounts body=K::CardAccountsText href="/staff/accounts" />
                    <Card title=K::CardFramework body=K::CardFrameworkText href="/staff/framework" />
                    <Card title=K::CardInstruments body=K::CardInstrumentsText href="/staff/instruments" />
                })}
            </div>
        </Page>
    }
}
