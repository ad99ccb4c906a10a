//! Her week: the hours of a job she plans, her children's school hours and her helpers' hours;
//! per child and day what covers her working hours and the gaps left, each with the services
//! that would close it. Shown as a table (and, beside it, as bars for the eye).

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{
    ChildWeek, CoverKind, HelperWeek, OpeningWindow, TimeOfDay, WeekPlan, WeekView, Weekday,
};

use super::labels::{km, slot_label};
use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page};
use crate::i18n::{K, code_label, tr, use_locale};

const FIVE: [Weekday; 5] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];

/// One row of the form: a day ticked, from, to.
#[derive(Clone, Copy)]
struct DayRow {
    day: Weekday,
    on: RwSignal<bool>,
    from: RwSignal<String>,
    to: RwSignal<String>,
}

fn rows_of(windows: &[OpeningWindow], days: &[Weekday], from: &str, to: &str) -> Vec<DayRow> {
    days.iter()
        .map(|d| {
            let w = windows.iter().find(|w| w.day == *d);
            DayRow {
                day: *d,
                on: RwSignal::new(w.is_some()),
                from: RwSignal::new(w.map_or(from.to_owned(), |w| w.opens.to_string())),
                to: RwSignal::new(w.map_or(to.to_owned(), |w| w.closes.to_string())),
            }
        })
        .collect()
}

fn windows_of(rows: &[DayRow]) -> Vec<OpeningWindow> {
    rows.iter()
        .filter(|r| r.on.get_untracked())
        .filter_map(|r| {
            Some(OpeningWindow {
                day: r.day,
                opens: TimeOfDay::parse(&r.from.get_untracked())?,
                closes: TimeOfDay::parse(&r.to.get_untracked())?,
            })
        })
        .collect()
}

fn day_rows(rows: Vec<DayRow>, prefix: &'static str) -> impl IntoView {
    rows.into_iter()
        .map(|r| {
            let id = format!("{prefix}-{}", r.day.as_str());
            view! {
                <div class="d-flex flex-wrap flex-sm-nowrap align-items-center gap-2 mb-2">
                    <div class="form-check week-day">
                        <input class="form-check-input" type="checkbox" id=id.clone()
                            prop:checked=r.on on:change=move |ev| r.on.set(event_target_checked(&ev)) />
                        <label class="form-check-label" for=id.clone()>{code_label(r.day)}</label>
                    </div>
                    <label class="visually-hidden" for=format!("{id}-from")>{code_label(r.day)} " " {tr(K::ServicesFrom)}</label>
                    <input id=format!("{id}-from") class="form-control w-auto week-time" type="time" prop:value=r.from
                        disabled=move || !r.on.get() on:input=move |ev| r.from.set(event_target_value(&ev)) />
                    <span aria-hidden="true">"–"</span>
                    <label class="visually-hidden" for=format!("{id}-to")>{code_label(r.day)} " " {tr(K::ServicesTo)}</label>
                    <input id=format!("{id}-to") class="form-control w-auto week-time" type="time" prop:value=r.to
                        disabled=move || !r.on.get() on:input=move |ev| r.to.set(event_target_value(&ev)) />
                </div>
            }
        })
        .collect_view()
}

#[component]
pub fn WeekPage() -> impl IntoView {
    let week = RwSignal::new(None::<WeekView>);
    let error = RwSignal::new(None::<ApiError>);
    let loaded = Memo::new(move |_| week.with(Option::is_some));
    spawn_local(async move {
        match api::my_week().await {
            Ok(w) => week.set(Some(w)),
            Err(e) => error.set(Some(e)),
        }
    });
    view! {
        <Page title=K::WeekTitle>
            <p class="lead">{tr(K::WeekLead)}</p>
            <p><a href="/services">{tr(K::WeekToServices)}</a></p>
            <ErrorSummary error=error />
            // The form is built once, when her week first arrives; saving updates the cover.
            {move || loaded.get().then(|| week.get_untracked().map(|w| view! { <Planner week=week initial=w error=error /> }))}
        </Page>
    }
}

#[component]
fn Planner(
    week: RwSignal<Option<WeekView>>,
    initial: WeekView,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let plan = initial.plan.clone();
    let job = rows_of(&plan.job, &FIVE, "09:00", "15:00");
    if plan.job.is_empty() {
        for r in &job {
            r.on.set(true);
        }
    }
    let travel = RwSignal::new(plan.travel_minutes.to_string());
    let schools: Vec<(i32, Vec<DayRow>)> = plan
        .children
        .iter()
        .map(|c| (c.birth_year, rows_of(&c.school, &FIVE, "08:30", "12:30")))
        .collect();
    let helpers: Vec<(shared::Helper, Vec<DayRow>)> = plan
        .helpers
        .iter()
        .map(|h| {
            (
                h.helper,
                rows_of(&h.windows, Weekday::ALL, "14:00", "18:00"),
            )
        })
        .collect();
    let status = RwSignal::new(None::<K>);
    let (job_s, schools_s, helpers_s) = (job.clone(), schools.clone(), helpers.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let version = week.get_untracked().map_or(0, |w| w.version);
        let plan = WeekPlan {
            job: windows_of(&job_s),
            travel_minutes: travel.get_untracked().parse().unwrap_or(30),
            children: schools_s
                .iter()
                .map(|(year, rows)| ChildWeek {
                    birth_year: *year,
                    school: windows_of(rows),
                })
                .collect(),
            helpers: helpers_s
                .iter()
                .map(|(h, rows)| HelperWeek {
                    helper: *h,
                    windows: windows_of(rows),
                })
                .collect(),
        };
        spawn_local(async move {
            match api::save_week(&plan, version).await {
                Ok(w) => {
                    week.set(Some(w));
                    status.set(Some(K::WeekSaved));
                    error.set(None);
                }
                Err(e) => {
                    status.set(None);
                    error.set(Some(e));
                }
            }
        });
    };
    view! {
        <form on:submit=submit class="mb-4">
            <fieldset class="mb-3">
                <legend class="h5">{tr(K::WeekJob)}</legend>
                {day_rows(job, "job")}
                <label for="travel" class="form-label">{tr(K::WeekTravel)}</label>
                <select id="travel" class="form-select w-auto" on:change=move |ev| travel.set(event_target_value(&ev))>
                    {[0u16, 15, 30, 45, 60, 90].into_iter().map(|m| view! {
                        <option value=m.to_string() selected=move || travel.get() == m.to_string()>{format!("{m} min")}</option>
                    }).collect_view()}
                </select>
            </fieldset>
            {schools.into_iter().enumerate().map(|(i, (year, rows))| view! {
                <fieldset class="mb-3">
                    <legend class="h5">{tr(K::WeekSchoolOf)} " " {year}</legend>
                    {day_rows(rows, ["school0", "school1", "school2", "school3", "school4", "school5", "school6", "school7", "school8", "school9"][i.min(9)])}
                </fieldset>
            }).collect_view()}
            {helpers.into_iter().enumerate().map(|(i, (h, rows))| view! {
                <fieldset class="mb-3">
                    <legend class="h5">{tr(K::WeekHelperHours)} " " {code_label(h)}</legend>
                    {day_rows(rows, ["helper0", "helper1", "helper2", "helper3", "helper4", "helper5", "helper6", "helper7", "helper8", "helper9"][i.min(9)])}
                </fieldset>
            }).collect_view()}
            <button type="submit" class="btn btn-primary">{tr(K::WeekSave)}</button>
            <p role="status" class="mt-2">{move || status.get().map(|k| tr(k)())}</p>
        </form>
        {move || week.get().map(|w| view! { <Cover week=w error=error /> })}
    }
}

fn kind_class(k: CoverKind) -> &'static str {
    match k {
        CoverKind::School => "cover-school",
        CoverKind::Helper => "cover-helper",
        CoverKind::Service => "cover-service",
        CoverKind::Gap => "cover-gap",
    }
}

/// Her working days drawn as bars, a row a day, each part coloured by what covers it (the
/// table beside it says the same in words: this is for the eye, hidden from screen readers).
fn drawing(cover: &[shared::Cover]) -> impl IntoView + use<> {
    let from = cover
        .iter()
        .map(|c| c.slot.from.minutes())
        .min()
        .unwrap_or(0);
    let to = cover.iter().map(|c| c.slot.to.minutes()).max().unwrap_or(1);
    let span = f64::from(to.saturating_sub(from).max(1));
    let mut days: Vec<Weekday> = cover.iter().map(|c| c.slot.day).collect();
    days.sort();
    days.dedup();
    let hour = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
    let (first, last) = (hour(from), hour(to));
    view! {
        <div class="week-drawing mb-2" aria-hidden="true">
            {days.into_iter().map(|day| {
                let parts: Vec<_> = cover.iter().filter(|c| c.slot.day == day).cloned().collect();
                view! {
                    <div class="week-drawing-row">
                        <span class="week-drawing-day">{code_label(day)}</span>
                        <span class="week-drawing-bar">
                            {parts.into_iter().map(|c| {
                                let left = f64::from(c.slot.from.minutes() - from) * 100.0 / span;
                                let width = f64::from(c.slot.to.minutes() - c.slot.from.minutes()) * 100.0 / span;
                                view! {
                                    // Set through the CSS object model: the CSP refuses style attributes.
                                    <span class=format!("week-drawing-part {}", kind_class(c.kind))
                                        style:left=format!("{left:.2}%") style:width=format!("{width:.2}%")></span>
                                }
                            }).collect_view()}
                        </span>
                    </div>
                }
            }).collect_view()}
            <div class="week-drawing-row small text-body-secondary">
                <span class="week-drawing-day"></span>
                <span class="d-flex justify-content-between flex-grow-1"><span>{first}</span><span>{last}</span></span>
            </div>
        </div>
    }
}

#[component]
fn Cover(week: WeekView, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let locale = use_locale();
    if week.plan.job.is_empty() {
        return view! { <p>{tr(K::WeekNoJob)}</p> }.into_any();
    }
    let total_gap = week.gap_minutes;
    let gaps = week.gaps.clone();
    view! {
        <section aria-labelledby="cover-title">
            <h2 class="h4" id="cover-title">{tr(K::WeekCover)}</h2>
            <p class="lead">
                {if total_gap == 0 { tr(K::WeekNoGaps)().to_owned() } else { format!("{} {} min", tr(K::WeekGapTotal)(), total_gap) }}
            </p>
            {week.children.iter().map(|c| {
                if c.cover.is_empty() {
                    return view! { <p>{tr(K::WeekChildBorn)} " " {c.birth_year} ": " {tr(K::WeekNoCoverNeeded)}</p> }.into_any();
                }
                let rows = c.cover.clone();
                let (year, age) = (c.birth_year, c.age_years);
                let who = move || format!("{} {year} ({age} {})", tr(K::WeekChildBorn)(), tr(K::ServicesYears)());
                view! {
                    <h3 class="h5 mt-4">{who}</h3>
                    {drawing(&c.cover)}
                    <div class="table-responsive mb-3">
                        <table class="table table-sm align-middle">
                            <caption class="visually-hidden">{who}</caption>
                            <thead><tr><th scope="col">{tr(K::WeekWhen)}</th><th scope="col">{tr(K::WeekCoveredBy)}</th></tr></thead>
                            <tbody>
                                {rows.into_iter().map(|x| {
                                    let label = move || slot_label(&x.slot, locale.0.get());
                                    view! {
                                        <tr>
                                            <td>{label}</td>
                                            <td><span class=format!("badge {}", kind_class(x.kind))>
                                                {code_label(x.kind)}
                                                {x.helper.map(|h| view! { ": " {code_label(h)} })}
                                            </span></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }).collect_view()}
            {(!gaps.is_empty()).then(|| view! {
                <h3 class="h5">{tr(K::WeekGaps)}</h3>
                <ul class="list-unstyled">
                    {gaps.into_iter().map(|g| {
                        let born = week.children.get(g.child).map(|c| c.birth_year).unwrap_or_default();
                        let slot = g.slot;
                        view! {
                            <li class="mb-3 border-start border-danger border-3 ps-2">
                                <p class="mb-1"><strong>{move || slot_label(&slot, locale.0.get())}</strong> " · " {tr(K::WeekChildBorn)} " " {born}</p>
                                {if g.services.is_empty() {
                                    view! { <p class="mb-0">{tr(K::WeekNoHelp)}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="ps-3 mb-0">
                                            {g.services.into_iter().map(|s| {
                                                let id = s.service_id;
                                                let done = RwSignal::new(false);
                                                let save = move |_| spawn_local(async move {
                                                    match api::save_service(id).await {
                                                        Ok(_) => done.set(true),
                                                        Err(e) => error.set(Some(e)),
                                                    }
                                                });
                                                view! {
                                                    <li class="mb-1">
                                                        {s.name.clone()} " · " {tr(K::ServicesCovers)} " " {s.covers_minutes} " min"
                                                        {s.distance_km.map(|d| view! { " · " {move || km(d, locale.0.get())} })}
                                                        " "
                                                        <button type="button" class="btn btn-sm btn-outline-primary" aria-pressed=move || done.get().to_string() on:click=save>
                                                            {move || if done.get() { tr(K::ServicesSaved)() } else { tr(K::ServicesSave)() }}
                                                            <span class="visually-hidden">{" "}{s.name.clone()}</span>
                                                        </button>
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <p class="text-body-secondary">{tr(K::WeekReload)}</p>
            })}
        </section>
    }
    .into_any()
}
