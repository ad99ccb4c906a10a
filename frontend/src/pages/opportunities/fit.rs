//! An opportunity's match for her, part by part, and the gaps it would open in her week.

use leptos::prelude::*;
use shared::{
    CompetenceFit, FitExplanation, Gap, Language, LocalizedText, Opportunity, OpportunityMatch,
    WorkMode,
};

use crate::i18n::{K, code_label, fill, text, tr, use_locale};
use crate::pages::assessment::labels::level_key;
use crate::pages::services::labels::{hours, km, money, slots_label};

/// The framework's competences by code, to name them.
pub type Names = RwSignal<Vec<(String, LocalizedText)>>;

fn name_of(names: Names, code: &str, lang: Language) -> String {
    names.with(|n| {
        n.iter()
            .find(|(c, _)| c == code)
            .map_or_else(|| code.to_owned(), |(_, t)| t.get(lang).to_owned())
    })
}

/// Contract, stipend, hours and place in one line each.
#[component]
pub fn Facts(o: Opportunity) -> impl IntoView {
    let locale = use_locale();
    let windows = o.hours.clone();
    let place = match o.mode {
        WorkMode::Remote => None,
        _ => Some(format!("{} ({})", o.municipality_name, o.province)),
    };
    view! {
        <ul class="list-unstyled mb-2">
            <li>
                {code_label(o.contract)}
                {o.stipend_cents_per_month.map(|c| view! {
                    " · " {tr(K::OppStipend)} " " {move || money(c, locale.0.get())} {tr(K::OppAMonth)}
                })}
                {o.duration_months.map(|m| view! { " · " {m} " " {tr(K::OppMonths)} })}
            </li>
            <li>
                {o.weekly_hours} " " {tr(K::OppHoursAWeek)} ": "
                {move || slots_label(&windows.iter().map(shared::slot_of).collect::<Vec<_>>(), locale.0.get())}
            </li>
            <li>{code_label(o.mode)} {place.map(|p| view! { " · " {p} })}</li>
            <li>
                {tr(K::OppCloses)} " " {o.closes_on.format("%d/%m/%Y").to_string()}
                " · " {o.places} " " {if o.places == 1 { tr(K::OppPlace) } else { tr(K::OppPlaces) }}
            </li>
        </ul>
    }
}

fn competence_line(c: CompetenceFit, names: Names) -> impl IntoView {
    let locale = use_locale();
    let code = c.code.clone();
    let name = move || name_of(names, &code, locale.0.get());
    let asked = level_key(c.sought);
    let held = c.held.map(level_key);
    let status = if c.covered {
        view! { <span class="badge text-bg-success ms-1">{tr(K::OppCovered)}</span> }.into_any()
    } else {
        match c.held {
            Some(_) => view! {
                <span class="badge text-bg-warning ms-1">
                    {move || fill(text(locale.0.get(), K::OppStepsShort), &[("n", &c.steps_short.to_string())])}
                </span>
            }
            .into_any(),
            None => view! { <span class="badge text-bg-secondary ms-1">{tr(K::OppNotAssessed)}</span> }.into_any(),
        }
    };
    view! {
        <li>
            <strong>{name}</strong> ": " {tr(K::OppAsked)} " " {tr(asked)}
            {held.map(|h| view! {
                "; " {tr(K::OppYours)} " " {tr(h)}
                " (" {if c.validated { tr(K::OppValidated) } else { tr(K::OppSelfAssessed) }} ")"
            })}
            {status}
        </li>
    }
}

/// The score and its four parts, explained.
#[component]
pub fn FitView(fit: FitExplanation, names: Names, id: String) -> impl IntoView {
    let locale = use_locale();
    let score = fit.score;
    let outside = fit.outside_availability.clone();
    let commute = fit.commute;
    let competences = fit.competences.clone();
    let score_id = format!("score-{id}");
    view! {
        <div class="mb-2">
            <p class="mb-1" id=score_id.clone()>
                <strong>{tr(K::OppScore)} " " {score}</strong> " " {tr(K::OppOutOf)}
            </p>
            <div class="progress" role="progressbar" aria-labelledby=score_id
                aria-valuemin="0" aria-valuemax="1000" aria-valuenow=score.to_string()>
                <div class="progress-bar" style:width=format!("{}%", score / 10)></div>
            </div>
        </div>
        <details class="mb-2">
            <summary>{tr(K::OppWhy)}</summary>
            <dl class="mb-0 mt-2">
                <dt>{tr(K::OppPartCompetences)} " · " {fit.competence_points} "/" {shared::COMPETENCE_POINTS}</dt>
                <dd>
                    {if competences.is_empty() {
                        view! { <p class="mb-0">{tr(K::OppNoCompetences)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="ps-3 mb-0">
                                {competences.into_iter().map(|c| competence_line(c, names)).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </dd>
                <dt>{tr(K::OppPartHours)} " · " {fit.hours_points} "/" {shared::HOURS_POINTS}</dt>
                <dd>
                    {tr(K::OppWithinHours)} " " {hours(fit.available_minutes)} " " {tr(K::OppOf)} " " {hours(fit.job_minutes)}
                    {(!outside.is_empty()).then(|| {
                        let o = outside.clone();
                        view! { ". " {tr(K::OppOutside)} " " {move || slots_label(&o, locale.0.get())} }
                    })}
                </dd>
                <dt>{tr(K::OppPartCommute)} " · " {fit.commute_points} "/" {shared::COMMUTE_POINTS}</dt>
                <dd>
                    {if commute.remote {
                        tr(K::OppRemote)().to_owned().into_any()
                    } else {
                        match (commute.distance_km, commute.minutes) {
                            (Some(d), Some(m)) => view! {
                                {move || km(d, locale.0.get())} ", " {tr(K::OppAbout)} " " {m} " " {tr(K::OppMinutes)}
                                {commute.within_limit.map(|w| view! {
                                    " · " {if w { tr(K::OppWithinLimit) } else { tr(K::OppBeyondLimit) }}
                                })}
                            }.into_any(),
                            _ => tr(K::OppNoHome)().to_owned().into_any(),
                        }
                    }}
                </dd>
                <dt>{tr(K::OppPartContract)} " · " {fit.contract_points} "/" {shared::CONTRACT_POINTS}</dt>
                <dd>{match fit.contract_wanted {
                    Some(true) => tr(K::OppContractWanted),
                    Some(false) => tr(K::OppContractNotWanted),
                    None => tr(K::OppContractNotSaid),
                }}</dd>
            </dl>
            <p class="small text-body-secondary mb-0">{tr(K::OppNeverCare)}</p>
        </details>
    }
}

/// What taking it would leave open in her children's week, and what would close it.
#[component]
pub fn GapsView(gaps: Vec<Gap>, children: Vec<i32>) -> impl IntoView {
    let locale = use_locale();
    if children.is_empty() {
        return ().into_any();
    }
    if gaps.is_empty() {
        return view! { <p class="mb-2"><span class="badge text-bg-success">{tr(K::OppWeekCovered)}</span></p> }
            .into_any();
    }
    // Per child: the hours left open, and the services near her that would close most of them.
    let mut per_child: Vec<(usize, Vec<shared::Slot>, Vec<shared::GapHelp>)> = Vec::new();
    for g in gaps {
        let at = match per_child.iter().position(|(c, _, _)| *c == g.child) {
            Some(i) => i,
            None => {
                per_child.push((g.child, Vec::new(), Vec::new()));
                per_child.len() - 1
            }
        };
        let entry = &mut per_child[at];
        entry.1.push(g.slot);
        for h in g.services {
            if !entry.2.iter().any(|x| x.service_id == h.service_id) {
                entry.2.push(h);
            }
        }
    }
    view! {
        <div class="mb-2">
            <p class="mb-1"><strong>{tr(K::OppWeekGaps)}</strong></p>
            <ul class="ps-3 mb-1">
                {per_child.into_iter().map(|(child, slots, mut helps)| {
                    let year = children.get(child).copied().unwrap_or_default();
                    helps.truncate(3);
                    view! {
                        <li>
                            {move || fill(text(locale.0.get(), K::OppChildBorn), &[("year", &year.to_string())])} ": "
                            {move || slots_label(&slots, locale.0.get())}
                            {(!helps.is_empty()).then(|| {
                                let names = helps.iter().map(|h| match h.distance_km {
                                    Some(d) => format!("{} ({})", h.name, km(d, locale.0.get_untracked())),
                                    None => h.name.clone(),
                                }).collect::<Vec<_>>().join(", ");
                                view! { ". " {tr(K::OppCouldClose)} " " {names} }
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <a href="/week">{tr(K::OppSeeWeek)}</a>
        </div>
    }
    .into_any()
}

/// The employer's name and what it offers parents.
pub fn employer_line(m: &OpportunityMatch) -> impl IntoView + use<> {
    let name = m.opportunity.employer_name.clone();
    let labels: Vec<_> = m.employer_benefits.iter().map(|b| code_label(*b)).collect();
    let any = !labels.is_empty();
    let offers = move || labels.iter().map(|f| f()).collect::<Vec<_>>().join(", ");
    view! {
        <p class="card-subtitle mb-2 text-body-secondary">
            {name} {any.then(|| view! { " · " {offers} })}
        </p>
    }
}
