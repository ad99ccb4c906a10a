//! A profile read-only, as her printable summary and the counsellor's case view show it, with
//! its progress bar and the needs derived from it.

use leptos::prelude::*;
use shared::{Code, Completeness, Need, Profile, SPOKEN_LANGUAGES, describe_week};

use crate::i18n::{K, code_label, isced_label, lookup, tr, use_locale};

/// A progress bar with its value in words.
pub fn progress(c: Completeness, label: String) -> impl IntoView {
    view! {
        <div class="progress progress-thick" role="progressbar" aria-label=label
            aria-valuemin="0" aria-valuemax="100" aria-valuenow=c.percent.to_string()>
            <div class="progress-bar" style:width=format!("{}%", c.percent)></div>
        </div>
    }
}

fn labels<T: Code>(list: &Option<Vec<T>>) -> AnyView {
    match list {
        None => view! { <span class="text-muted">{tr(K::NotAnswered)}</span> }.into_any(),
        Some(l) if l.is_empty() => view! { <span>{tr(K::NoneOfThese)}</span> }.into_any(),
        Some(l) => {
            let l = l.clone();
            view! {
                <ul class="list-unstyled mb-0">
                    {l.into_iter().map(|c| view! { <li>{code_label(c)}</li> }).collect_view()}
                </ul>
            }
            .into_any()
        }
    }
}

fn text_or_dash(v: Option<String>) -> AnyView {
    match v {
        Some(s) => view! { <span class="text-prewrap">{s}</span> }.into_any(),
        None => view! { <span class="text-muted">{tr(K::NotAnswered)}</span> }.into_any(),
    }
}

/// Who reads the profile: she (the questions as she answered them) or her counsellor (the
/// answers named in the third person, `field.<name>`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    Hers,
    Staff,
}

/// A field's name for staff (`field.<name>`, the profile's JSON names as the change history
/// lists them), or `None` for a name this version does not know.
pub fn field_label(field: &str) -> Option<K> {
    lookup(&format!("field.{field}"))
}

fn row(voice: Voice, field: &'static str, hers: K, value: AnyView) -> impl IntoView {
    let label = match voice {
        Voice::Hers => hers,
        Voice::Staff => field_label(field).unwrap_or(hers),
    };
    view! {
        <dt class="col-sm-4">{tr(label)}</dt>
        <dd class="col-sm-8">{value}</dd>
    }
}

fn section(title_key: shared::ProfileSection, percent: u8, body: AnyView) -> impl IntoView {
    let id = format!("summary-{}", title_key.as_str());
    let labelled_by = id.clone();
    view! {
        <section class="mb-4 summary-section" aria-labelledby=labelled_by>
            <h2 class="h5 border-bottom pb-1" id=id>
                {code_label(title_key)}
                <span class="small text-muted fw-normal">" · " {percent} "%"</span>
            </h2>
            <dl class="row mb-0">{body}</dl>
        </section>
    }
}

/// The needs derived from her answers, each with why.
pub fn needs_list(needs: Vec<Need>) -> impl IntoView {
    if needs.is_empty() {
        return view! { <p>{tr(K::NoNeedsYet)}</p> }.into_any();
    }
    view! {
        <ul class="needs list-unstyled">
            {needs.into_iter().map(|n| view! {
                <li class="mb-3">
                    <p class="fw-semibold mb-1">{n.summary}</p>
                    <p class="small mb-0">
                        <span class="text-muted">{tr(K::Because)} " "</span>
                        {n.because.join(" · ")}
                    </p>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

pub fn profile_view(p: Profile, voice: Voice) -> impl IntoView {
    let locale = use_locale();
    let pct = |s: shared::ProfileSection| {
        p.sections
            .iter()
            .find(|x| x.section == s)
            .map_or(0, |x| x.completeness.percent)
    };
    let a = p.about_me.data.clone();
    let h = p.household.data.clone();
    let c = p.conciliation.data.clone();
    let ed = p.education.data.clone();
    let w = p.work_history.data.clone();
    let av = p.availability.data.clone();
    let g = p.goals.data.clone();
    use shared::ProfileSection as S;

    let languages = a.languages.clone().map(|l| {
        l.into_iter()
            .map(|l| {
                let name = SPOKEN_LANGUAGES
                    .iter()
                    .find(|(c, _)| *c == l.language)
                    .map_or(l.language.clone(), |(_, n)| (*n).to_owned());
                let level = code_label(l.level);
                view! { <li>{name} " — " {level}</li> }
            })
            .collect_view()
    });
    let children = h.children.clone().map(|cs| {
        cs.into_iter()
            .map(|ch| {
                view! {
                    <li>{tr(K::BornIn)} " " {ch.birth_year}
                        {ch.special_needs.then(|| view! { " · " {tr(K::SpecialNeeds)} })}</li>
                }
            })
            .collect_view()
    });
    let others = h.others_cared_for.clone().map(|os| {
        os.into_iter()
            .map(|o| {
                view! {
                    <li>{code_label(o.relation)}
                        {o.lives_with_her.then(|| view! { " · " {tr(K::LivesWithHer)} })}
                        {o.special_needs.then(|| view! { " · " {tr(K::SpecialNeeds)} })}</li>
                }
            })
            .collect_view()
    });
    let list_or = |items: Option<AnyView>| match items {
        None => view! { <span class="text-muted">{tr(K::NotAnswered)}</span> }.into_any(),
        Some(v) => view! { <ul class="list-unstyled mb-0">{v}</ul> }.into_any(),
    };
    let titles = ed.titles.clone().map(|ts| {
        ts.into_iter()
            .map(|t| {
                let extra = [t.field, t.year.map(|y| y.to_string())]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                view! { <li>{t.title} {(!extra.is_empty()).then(|| format!(" ({extra})"))}</li> }
            })
            .collect_view()
            .into_any()
    });
    let courses = ed.courses.clone().map(|cs| {
        cs.into_iter()
            .map(|c| {
                let extra = [
                    c.provider,
                    c.year.map(|y| y.to_string()),
                    c.hours.map(|h| format!("{h} h")),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
                view! { <li>{c.name} {(!extra.is_empty()).then(|| format!(" ({extra})"))}</li> }
            })
            .collect_view()
            .into_any()
    });
    let jobs = w.jobs.clone().map(|js| {
        js.into_iter()
            .map(|j| {
                let period = format!("{} – {}", j.start, j.end.clone().unwrap_or_else(|| "…".into()));
                view! {
                    <li class="mb-2">
                        <strong>{j.role}</strong>
                        {j.employer.map(|e| format!(", {e}"))}
                        " (" {period} ")"
                        {j.sector.map(|s| view! { <br /> {code_label(s)} })}
                        {j.contract_type.map(|c| view! { " · " {code_label(c)} })}
                        {j.description.map(|d| view! { <br /><span class="text-prewrap">{d}</span> })}
                    </li>
                }
            })
            .collect_view()
            .into_any()
    });
    let breaks = w.breaks.clone().map(|bs| {
        bs.into_iter()
            .map(|b| {
                let period = format!("{} – {}", b.start, b.end.clone().unwrap_or_else(|| "…".into()));
                view! {
                    <li class="mb-2">
                        <strong>{code_label(b.reason)}</strong> " (" {period} ")"
                        {b.experience.map(|x| view! { <br /><span class="text-prewrap">{x}</span> })}
                    </li>
                }
            })
            .collect_view()
            .into_any()
    });
    let week = av.weekly_hours.clone();
    let week_text = move || {
        week.as_ref()
            .map(|w| describe_week(w, locale.0.get()))
            .filter(|s| !s.is_empty())
    };
    let municipality = p.municipality_name.clone();

    view! {
        {section(S::AboutMe, pct(S::AboutMe), view! {
            {row(voice, "municipality", K::Municipality, text_or_dash(municipality))}
            {row(voice, "languages", K::Languages, list_or(languages.map(IntoAny::into_any)))}
            {row(voice, "contact_channels", K::ContactChannels, labels(&a.contact_channels))}
            {row(voice, "phone", K::Phone, text_or_dash(a.phone.clone()))}
            {row(voice, "contact_times", K::ContactTimes, labels(&a.contact_times))}
        }.into_any())}
        {section(S::Household, pct(S::Household), view! {
            {row(voice, "children", K::Children, list_or(children.map(IntoAny::into_any)))}
            {row(voice, "others_cared_for", K::OthersCaredFor, list_or(others.map(IntoAny::into_any)))}
            {row(voice, "weekly_care_hours", K::WeeklyCareHours, text_or_dash(h.weekly_care_hours.map(|x| x.to_string())))}
            {row(voice, "helpers", K::Helpers, labels(&h.helpers))}
        }.into_any())}
        {section(S::Conciliation, pct(S::Conciliation), view! {
            {row(voice, "services_used", K::ServicesUsed, labels(&c.services_used))}
            {row(voice, "obstacles", K::Obstacles, labels(&c.obstacles))}
            {c.obstacles_other.clone().map(|o| row(voice, "obstacles_other", K::ObstaclesOther, text_or_dash(Some(o))))}
            {row(voice, "critical_periods", K::CriticalPeriods, labels(&c.critical_periods))}
        }.into_any())}
        {section(S::Education, pct(S::Education), view! {
            {row(voice, "isced_level", K::IscedLevel, match ed.isced_level {
                Some(l) => view! { <span>{isced_label(l)}</span> }.into_any(),
                None => text_or_dash(None),
            })}
            {row(voice, "titles", K::Titles, list_or(titles))}
            {row(voice, "courses", K::Courses, list_or(courses))}
        }.into_any())}
        {section(S::WorkHistory, pct(S::WorkHistory), view! {
            {row(voice, "jobs", K::Jobs, list_or(jobs))}
            {row(voice, "breaks", K::CareerBreaks, list_or(breaks))}
        }.into_any())}
        {section(S::Availability, pct(S::Availability), view! {
            {row(voice, "weekly_hours", K::WeeklyHours, view! { {move || match week_text() {
                Some(t) => view! { <span>{t}</span> }.into_any(),
                None => view! { <span class="text-muted">{tr(K::NotAnswered)}</span> }.into_any(),
            }} }.into_any())}
            {row(voice, "working_time", K::WorkingTimeQ, labels(&av.working_time))}
            {row(voice, "work_modes", K::WorkModes, labels(&av.work_modes))}
            {row(voice, "max_travel_minutes", K::MaxTravelMinutes, text_or_dash(av.max_travel_minutes.map(|m| format!("{m} min"))))}
            {row(voice, "travel_means", K::TravelMeansQ, labels(&av.travel_means))}
            {row(voice, "earliest_start", K::EarliestStart, text_or_dash(av.earliest_start.map(|d| d.format("%d/%m/%Y").to_string())))}
            {row(voice, "contract_types", K::ContractTypesQ, labels(&av.contract_types))}
        }.into_any())}
        {section(S::Goals, pct(S::Goals), view! {
            {row(voice, "sectors", K::GoalSectors, labels(&g.sectors))}
            {row(voice, "roles", K::GoalRoles, text_or_dash(g.roles.clone().map(|r| r.join(", ")).filter(|s| !s.is_empty())))}
            {row(voice, "statement", K::GoalStatement, text_or_dash(g.statement.clone()))}
        }.into_any())}
    }
}
