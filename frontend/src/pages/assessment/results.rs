//! Her results: the chart of her competences (SVG, with the same figures as a table), her top
//! strengths and how they show at work, the stories she wrote, how she changed since last time,
//! and — once her counsellor has validated it — her portfolio to download and share.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{
    Answer, Attempt, AttemptStatus, Competence, CompetenceScore, Confidence, Instrument, ItemKind,
    Level, Share,
};
use uuid::Uuid;

use super::labels::{confidence_key, level_key, localized};
use crate::api::{self, ApiError};
use crate::components::date;
use crate::components::{ErrorSummary, Page, download_portfolio};
use crate::i18n::{K, text, tr, use_locale};

/// A competence's name in the current language (its code if the framework lacks it).
fn name_of(framework: &[Competence], code: &str) -> shared::LocalizedText {
    framework
        .iter()
        .find(|c| c.code == code)
        .map(|c| c.name.clone())
        .unwrap_or_else(|| shared::LocalizedText {
            it: code.to_owned(),
            en: code.to_owned(),
        })
}

#[component]
pub fn Results(attempt: Attempt, instrument: Instrument) -> impl IntoView {
    let framework = LocalResource::new(api::framework);
    let locale = use_locale();
    let submitted = attempt.submitted_at;
    let status = attempt.status;
    view! {
        <Page title=K::AsResultsTitle>
            <p class="lead">
                {localized(&instrument.summary.title)} " · " {tr(K::AsSubmittedOn)} " "
                {move || submitted.map(|d| date(d, locale.0.get()))}
            </p>
            <p>
                <span class="badge bg-secondary">
                    {if status == AttemptStatus::Validated { tr(K::AsValidated) } else { tr(K::AsWaitingValidation) }}
                </span>
            </p>
            <Suspense fallback=|| view! { <p role="status">{tr(K::Loading)}</p> }>
                {
                    let attempt = attempt.clone();
                    let instrument = instrument.clone();
                    move || framework.get().map(|f| match f {
                        Err(e) => view! { <ErrorSummary error=RwSignal::new(Some(e)) /> }.into_any(),
                        Ok(f) => results_body(attempt.clone(), instrument.clone(), f.competences).into_any(),
                    })
                }
            </Suspense>
            <p class="mt-4"><a href="/assessment">{tr(K::AsBackToList)}</a></p>
        </Page>
    }
}

fn results_body(
    attempt: Attempt,
    instrument: Instrument,
    framework: Vec<Competence>,
) -> impl IntoView {
    let locale = use_locale();
    let scores = attempt.scores.clone();
    let earlier = attempt.earlier.clone();
    let change = move |s: &CompetenceScore| -> Option<i32> {
        let e = earlier.as_ref()?.scores.iter().find(|e| e.code == s.code)?;
        Some(i32::from(s.score?) - i32::from(e.score?))
    };
    // Strongest three, among the scores with enough answers to trust.
    let mut ranked: Vec<&CompetenceScore> = scores
        .iter()
        .filter(|s| s.score.is_some() && s.confidence != Confidence::Low)
        .collect();
    ranked.sort_by_key(|s| std::cmp::Reverse(s.score));
    let top: Vec<Competence> = ranked
        .iter()
        .take(3)
        .filter_map(|s| framework.iter().find(|c| c.code == s.code).cloned())
        .collect();
    let stories: Vec<(shared::LocalizedText, shared::StoryAnswer)> = instrument
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::EvidenceStory)
        .filter_map(|i| {
            attempt
                .answers
                .iter()
                .find(|a| a.item_id == i.id)
                .and_then(|a| match &a.answer {
                    Answer::EvidenceStory(s) => Some((i.prompt.clone(), s.clone())),
                    _ => None,
                })
        })
        .collect();
    let has_earlier = attempt.earlier.is_some();
    let earlier_date = attempt.earlier.as_ref().map(|e| e.submitted_at);
    let rows = scores.clone().into_iter().map(|s| {
        let name = name_of(&framework, &s.code);
        let delta = change(&s);
        view! {
            <tr>
                <th scope="row">{localized(&name)}</th>
                <td>{s.score.map_or("—".to_owned(), |v| v.to_string())}</td>
                <td>{s.level.map(|l| tr(level_key(l)))}</td>
                <td>{tr(confidence_key(s.confidence))}</td>
                <td>{s.items_answered} " / " {s.items_total}</td>
                {has_earlier.then(|| view! {
                    <td>{delta.map_or("—".to_owned(), |d| format!("{d:+}"))}</td>
                })}
            </tr>
        }
    });
    let validation = attempt.validation.clone();
    let retake_from = attempt.retake_from;
    view! {
        <section aria-labelledby="chart-heading" class="mb-4">
            <h2 class="h4" id="chart-heading">{tr(K::AsYourProfile)}</h2>
            <p class="small text-muted">{tr(K::AsChartLead)}</p>
            {chart(scores.clone(), framework.clone())}
            <div tabindex="0" role="region" aria-label=tr(K::AsTableCaption) class="table-responsive mt-3">
                <table class="table table-sm align-middle">
                    <caption>{tr(K::AsTableCaption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr(K::AsCompetence)}</th>
                            <th scope="col">{tr(K::AsScore)}</th>
                            <th scope="col">{tr(K::AsLevel)}</th>
                            <th scope="col">{tr(K::AsConfidence)}</th>
                            <th scope="col">{tr(K::AsItems)}</th>
                            {has_earlier.then(|| view! {
                                <th scope="col">{tr(K::AsChangeSince)} " "
                                    {move || earlier_date.map(|d| date(d, locale.0.get()))}</th>
                            })}
                        </tr>
                    </thead>
                    <tbody>{rows.collect_view()}</tbody>
                </table>
            </div>
        </section>
        <section aria-labelledby="strengths-heading" class="mb-4">
            <h2 class="h4" id="strengths-heading">{tr(K::AsTopStrengths)}</h2>
            <ol>
                {top.into_iter().map(|c| view! {
                    <li class="mb-3">
                        <p class="fw-semibold mb-1">{localized(&c.name)}</p>
                        <p class="mb-1"><span class="text-muted">{tr(K::AsAtWorkLabel)} " "</span>{localized(&c.at_work)}</p>
                        <p class="small mb-0"><span class="text-muted">{tr(K::AsAtHomeLabel)} " "</span>{localized(&c.at_home)}</p>
                    </li>
                }).collect_view()}
            </ol>
        </section>
        {(!stories.is_empty()).then(|| view! {
            <section aria-labelledby="stories-heading" class="mb-4">
                <h2 class="h4" id="stories-heading">{tr(K::AsYourStories)}</h2>
                {stories.into_iter().map(|(prompt, s)| view! {
                    <article class="card card-bg mb-3">
                        <div class="card-body">
                            <h3 class="h6">{localized(&prompt)}</h3>
                            <dl class="mb-0">
                                <dt>{tr(K::AsStorySituation)}</dt><dd class="text-prewrap">{s.situation}</dd>
                                <dt>{tr(K::AsStoryAction)}</dt><dd class="text-prewrap">{s.action}</dd>
                                <dt>{tr(K::AsStoryResult)}</dt><dd class="text-prewrap mb-0">{s.result}</dd>
                            </dl>
                        </div>
                    </article>
                }).collect_view()}
            </section>
        })}
        {match validation {
            Some(v) => {
                let fw = framework.clone();
                view! {
                    <section aria-labelledby="validation-heading" class="mb-4">
                        <h2 class="h4" id="validation-heading">{tr(K::AsValidationTitle)}</h2>
                        <p>{tr(K::AsValidatedBy)} " " {v.validated_by_name.clone()} ", "
                            {move || date(v.validated_at, locale.0.get())}</p>
                        <ul class="list-unstyled">
                            {v.levels.iter().map(|l| {
                                let name = name_of(&fw, &l.code);
                                let adjusted = l.computed != Some(l.validated);
                                view! {
                                    <li class="mb-2">
                                        <span class="fw-semibold">{localized(&name)}</span> ": "
                                        {tr(level_key(l.validated))}
                                        {adjusted.then(|| view! {
                                            <span class="small text-muted"> " (" {tr(K::AsComputed)} " "
                                                {l.computed.map(|c| tr(level_key(c)))} ")"</span>
                                        })}
                                        {l.comment.clone().map(|c| view! { <p class="small mb-0 text-prewrap">{c}</p> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <Portfolio attempt=attempt.id />
                    </section>
                }.into_any()
            }
            None => view! { <p>{tr(K::AsNotValidatedYet)}</p> }.into_any(),
        }}
        {retake_from.map(|from| view! {
            <p class="mt-3">{tr(K::AsRetakeFrom)} " " {move || date(from, locale.0.get())}</p>
        })}
    }
}

/// Horizontal bars, one per competence (0–100), the level in words beside each: an image with
/// a text alternative; the table below gives the same figures.
fn chart(scores: Vec<CompetenceScore>, framework: Vec<Competence>) -> impl IntoView {
    let locale = use_locale();
    const ROW: f32 = 44.0;
    const W: f32 = 360.0;
    let height = ROW * scores.len() as f32 + 8.0;
    move || {
        let lang = locale.0.get();
        let summary = scores
            .iter()
            .map(|s| {
                format!(
                    "{}: {}",
                    name_of(&framework, &s.code).get(lang),
                    s.score.map_or("—".to_owned(), |v| v.to_string())
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        let bars = scores.iter().enumerate().map(|(n, s)| {
            let y = ROW * n as f32;
            let value = f32::from(s.score.unwrap_or(0));
            let level = s
                .level
                .map(|l| text(lang, level_key(l)))
                .unwrap_or_default();
            let color = match s.level {
                Some(Level::Strong) => "#0b5ea8",
                Some(Level::Established) => "#2f7fc1",
                Some(Level::Developing) => "#6aa6d8",
                _ => "#9bbfe0",
            };
            view! {
                <text x="0" y=y + 14.0 font-size="14" fill="#212529">{name_of(&framework, &s.code).get(lang).to_owned()}</text>
                <rect x="0" y=y + 20.0 width=W height="14" rx="3" fill="#e9ecef"></rect>
                <rect x="0" y=y + 20.0 width=value / 100.0 * (W - 110.0) height="14" rx="3" fill=color></rect>
                <text x=value / 100.0 * (W - 110.0) + 6.0 y=y + 31.5 font-size="13" fill="#212529">
                    {format!("{} · {level}", s.score.map_or("—".to_owned(), |v| v.to_string()))}
                </text>
            }
        });
        view! {
            <svg class="w-100 results-chart" viewBox=format!("0 0 {W} {height}") role="img"
                aria-labelledby="chart-title chart-desc">
                <title id="chart-title">{text(lang, K::AsYourProfile)}</title>
                <desc id="chart-desc">{summary}</desc>
                {bars.collect_view()}
            </svg>
        }
    }
}

/// Downloads (PDF, JSON-LD) and share links of her validated portfolio.
#[component]
fn Portfolio(attempt: Uuid) -> impl IntoView {
    let locale = use_locale();
    let error = RwSignal::new(None::<ApiError>);
    let shares = RwSignal::new(Vec::<Share>::new());
    let created = RwSignal::new(None::<String>);
    let days = RwSignal::new(30u32);
    spawn_local(async move {
        match api::shares().await {
            Ok(s) => shares.set(s.into_iter().filter(|s| s.attempt_id == attempt).collect()),
            Err(e) => error.set(Some(e)),
        }
    });
    let download = move |ext: &'static str, mime: &'static str| {
        download_portfolio(attempt, ext, mime, locale.0.get_untracked(), error);
    };
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = days.get_untracked();
        spawn_local(async move {
            match api::create_share(attempt, d).await {
                Ok(s) => {
                    created.set(s.url.clone());
                    shares.update(|l| l.insert(0, s));
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let revoke = move |id: Uuid| {
        spawn_local(async move {
            match api::revoke_share(id).await {
                Ok(s) => shares.update(|l| {
                    if let Some(x) = l.iter_mut().find(|x| x.id == s.id) {
                        *x = s;
                    }
                }),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <h3 class="h5 mt-4">{tr(K::AsPortfolio)}</h3>
        <p>{tr(K::AsPortfolioLead)}</p>
        <ErrorSummary error=error />
        <div class="d-flex flex-wrap gap-2 mb-3">
            <button type="button" class="btn btn-primary" on:click=move |_| download("pdf", "application/pdf")>
                {tr(K::AsDownloadPdf)}
            </button>
            <button type="button" class="btn btn-outline-primary" on:click=move |_| download("jsonld", "application/ld+json")>
                {tr(K::AsDownloadJsonld)}
            </button>
        </div>
        <h3 class="h5">{tr(K::AsShareLinks)}</h3>
        <p class="small">{tr(K::AsShareLead)}</p>
        <form class="row g-2 align-items-end mb-3" on:submit=create>
            <div class="col-auto">
                <label class="form-label" for="share-days">{tr(K::AsShareDays)}</label>
                <select id="share-days" class="form-select"
                    on:change=move |ev| days.set(event_target_value(&ev).parse().unwrap_or(30))>
                    {[7u32, 30, 90].into_iter().map(|d| view! {
                        <option value=d.to_string() selected=d == 30>{d} " " {tr(K::AsDays)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="col-auto">
                <button type="submit" class="btn btn-outline-primary">{tr(K::AsCreateLink)}</button>
            </div>
        </form>
        {move || created.get().map(|url| view! {
            <div class="alert alert-success" role="status">
                <label class="form-label" for="share-url">{tr(K::AsLinkCreated)}</label>
                <input id="share-url" class="form-control" readonly=true prop:value=url />
            </div>
        })}
        <ul class="list-group">
            <For each=move || shares.get() key=|s| (s.id, s.revoked_at) let:s>
                {
                    let id = s.id;
                    let active = s.revoked_at.is_none() && s.expires_at > crate::components::now();
                    view! {
                        <li class="list-group-item d-flex justify-content-between align-items-center gap-2 flex-wrap">
                            <span>
                                {tr(K::AsCreatedOn)} " " {move || date(s.created_at, locale.0.get())} " · "
                                {if s.revoked_at.is_some() { tr(K::AsRevoked)() } else if active { tr(K::AsExpiresOn)() } else { tr(K::AsExpired)() }}
                                " " {move || (s.revoked_at.is_none()).then(|| date(s.expires_at, locale.0.get()))}
                                " · " {s.views} " " {tr(K::AsViews)}
                            </span>
                            {active.then(|| view! {
                                <button type="button" class="btn btn-sm btn-outline-danger" on:click=move |_| revoke(id)>
                                    {tr(K::AsRevoke)}
                                </button>
                            })}
                        </li>
                    }
                }
            </For>
        </ul>
    }
}
