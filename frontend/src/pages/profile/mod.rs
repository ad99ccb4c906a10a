//! Her profile: the list of sections with their progress and the needs summary, one page per
//! section (saved as she goes), a printable summary, her data download and erasure.

mod editor;
mod grid;
mod sections;
mod widgets;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::{Profile, ProfileSection};

use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page, Voice, needs_list, profile_view, progress};
use crate::i18n::{K, code_label, tr, use_locale};
use crate::session::use_session;
use editor::{Editor, Pick, status_bar};

fn load_profile() -> LocalResource<Result<Profile, ApiError>> {
    LocalResource::new(api::my_profile)
}

/// Her profile, fetched again when she switches language (the needs are worded by the server).
fn load_profile_in_language() -> LocalResource<Result<Profile, ApiError>> {
    let locale = use_locale();
    LocalResource::new(move || {
        locale.0.track();
        api::my_profile()
    })
}

fn section_path(s: ProfileSection) -> String {
    format!("/profile/{}", s.slug())
}

#[component]
pub fn ProfileHome() -> impl IntoView {
    let profile = load_profile_in_language();
    let error = RwSignal::new(None::<ApiError>);
    view! {
        <Page title=K::ProfileTitle>
            <p class="lead">{tr(K::ProfileLead)}</p>
            <ErrorSummary error=error />
            <Suspense fallback=|| view! { <p role="status">{tr(K::Loading)}</p> }>
                {move || profile.get().map(|r| match r {
                    Err(e) => { error.set(Some(e)); ().into_any() }
                    Ok(p) => overview(p).into_any(),
                })}
            </Suspense>
        </Page>
    }
}

fn overview(p: Profile) -> impl IntoView {
    let overall = p.completeness;
    view! {
        <section class="mb-4" aria-labelledby="progress-title">
            <h2 class="h5" id="progress-title">{tr(K::ProfileProgress)} ": " {overall.percent} "%"</h2>
            {progress(overall, format!("{}%", overall.percent))}
        </section>
        <nav aria-labelledby="sections-title" class="mb-4">
            <h2 class="h5" id="sections-title">{tr(K::ProfileSections)}</h2>
            <ol class="list-group list-group-numbered">
                {p.sections.iter().map(|s| {
                    let c = s.completeness;
                    view! {
                        <li class="list-group-item d-flex justify-content-between align-items-center">
                            <a href=section_path(s.section) class="fw-semibold stretched-link me-2">
                                {code_label(s.section)}
                            </a>
                            <span class="badge rounded-pill"
                                class:bg-success=c.percent == 100
                                class:bg-secondary=c.percent < 100>
                                {c.answered} " / " {c.total}
                                <span class="visually-hidden">" " {tr(K::Answered)}</span>
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </nav>
        <section class="mb-4" aria-labelledby="needs-title">
            <h2 class="h5" id="needs-title">{tr(K::NeedsTitle)}</h2>
            <p class="small text-muted">{tr(K::NeedsLead)}</p>
            {needs_list(p.needs.clone())}
        </section>
        <p><a href="/profile/summary" class="btn btn-outline-primary">{tr(K::PrintableSummary)}</a></p>
    }
}

/// Download everything held about her; ask for erasure.
#[component]
pub fn ProfileSectionPage() -> impl IntoView {
    let params = use_params_map();
    let section =
        move || params.with(|p| p.get("section").and_then(|s| ProfileSection::from_slug(&s)));
    view! {
        {move || match section() {
            None => view! { <crate::components::NotFound /> }.into_any(),
            Some(s) => view! { <SectionLoader section=s /> }.into_any(),
        }}
    }
}

#[component]
fn SectionLoader(section: ProfileSection) -> impl IntoView {
    let profile = load_profile();
    let session = use_session();
    let municipalities = LocalResource::new(api::municipalities);
    let agencies = LocalResource::new(api::agencies);
    let munis = Signal::derive(move || {
        municipalities
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
    });
    let ags = Signal::derive(move || agencies.get().and_then(Result::ok).unwrap_or_default());
    let error = RwSignal::new(None::<ApiError>);
    let title = match section {
        ProfileSection::AboutMe => K::SectionAboutMeTitle,
        ProfileSection::Household => K::SectionHouseholdTitle,
        ProfileSection::Conciliation => K::SectionConciliationTitle,
        ProfileSection::Education => K::SectionEducationTitle,
        ProfileSection::WorkHistory => K::SectionWorkHistoryTitle,
        ProfileSection::Availability => K::SectionAvailabilityTitle,
        ProfileSection::Goals => K::SectionGoalsTitle,
    };
    view! {
        <Page title=title>
            <ErrorSummary error=error />
            <Suspense fallback=|| view! { <p role="status">{tr(K::Loading)}</p> }>
                {move || profile.get().map(|r| match r {
                    Err(e) => { error.set(Some(e)); ().into_any() }
                    Ok(p) => {
                        let user = p.user_id;
                        let _ = session;
                        match section {
                            ProfileSection::AboutMe => form(user, &p, move |e| sections::about_me(e, munis, ags).into_any()),
                            ProfileSection::Household => form(user, &p, |e| sections::household(e).into_any()),
                            ProfileSection::Conciliation => form(user, &p, |e| sections::conciliation(e).into_any()),
                            ProfileSection::Education => form(user, &p, |e| sections::education(e).into_any()),
                            ProfileSection::WorkHistory => form(user, &p, |e| sections::work_history(e).into_any()),
                            ProfileSection::Availability => form(user, &p, |e| sections::availability(e).into_any()),
                            ProfileSection::Goals => form(user, &p, |e| sections::goals(e).into_any()),
                        }
                    }
                })}
            </Suspense>
        </Page>
    }
}

/// A section's form: intro, status bar, fields, and the way to the neighbouring sections.
fn form<T: Pick + 'static>(
    user: shared::UserId,
    p: &Profile,
    fields: impl FnOnce(Editor<T>) -> AnyView,
) -> AnyView {
    let editor = Editor::<T>::new(user, T::pick(p));
    let all = ProfileSection::ALL;
    let at = all.iter().position(|s| *s == T::SECTION).unwrap_or(0);
    let prev = at.checked_sub(1).map(|i| all[i]);
    let next = all.get(at + 1).copied();
    let intro = match T::SECTION {
        ProfileSection::AboutMe => K::SectionAboutMeIntro,
        ProfileSection::Household => K::SectionHouseholdIntro,
        ProfileSection::Conciliation => K::SectionConciliationIntro,
        ProfileSection::Education => K::SectionEducationIntro,
        ProfileSection::WorkHistory => K::SectionWorkHistoryIntro,
        ProfileSection::Availability => K::SectionAvailabilityIntro,
        ProfileSection::Goals => K::SectionGoalsIntro,
    };
    view! {
        <p>{tr(intro)}</p>
        <div class="mb-2">
            {move || {
                let c = editor.completeness.get();
                view! {
                    <p class="small mb-1">{tr(K::SectionProgress)} ": " {c.answered} " / " {c.total}</p>
                    {progress(c, format!("{}%", c.percent))}
                }
            }}
        </div>
        <div class="sticky-status mb-3">{status_bar(editor)}</div>
        <form novalidate=true on:submit=move |ev| { ev.prevent_default(); editor.save_now(); }>
            {fields(editor)}
            <div class="d-flex flex-wrap gap-2 justify-content-between mt-4">
                <button type="submit" class="btn btn-primary">{tr(K::SaveNow)}</button>
                <div class="d-flex gap-2">
                    {prev.map(|s| view! { <a class="btn btn-outline-primary" href=section_path(s)>"← " {code_label(s)}</a> })}
                    {match next {
                        Some(s) => view! { <a class="btn btn-outline-primary" href=section_path(s)>{code_label(s)} " →"</a> }.into_any(),
                        None => view! { <a class="btn btn-outline-primary" href="/profile">{tr(K::BackToProfile)}</a> }.into_any(),
                    }}
                </div>
            </div>
        </form>
        <p class="mt-3"><a href="/profile">{tr(K::BackToProfile)}</a></p>
    }
    .into_any()
}

#[component]
pub fn ProfileSummary() -> impl IntoView {
    let profile = load_profile_in_language();
    let error = RwSignal::new(None::<ApiError>);
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <Page title=K::SummaryTitle>
            <ErrorSummary error=error />
            <p class="d-print-none">
                <button type="button" class="btn btn-primary me-2" on:click=print>{tr(K::Print)}</button>
                <a href="/profile">{tr(K::BackToProfile)}</a>
            </p>
            <Suspense fallback=|| view! { <p role="status">{tr(K::Loading)}</p> }>
                {move || profile.get().map(|r| match r {
                    Err(e) => { error.set(Some(e)); ().into_any() }
                    Ok(p) => view! {
                        <p class="lead">{p.name.clone()} " · " {tr(K::ProfileProgress)} " " {p.completeness.percent} "%"</p>
                        <section class="mb-4" aria-labelledby="summary-needs">
                            <h2 class="h5 border-bottom pb-1" id="summary-needs">{tr(K::NeedsTitle)}</h2>
                            {needs_list(p.needs.clone())}
                        </section>
                        {profile_view(p, Voice::Hers)}
                    }.into_any(),
                })}
            </Suspense>
        </Page>
    }
}
