//! Staff: the validation queue (oldest first), the review form of one attempt (rate each story,
//! confirm or adjust each level — the computed level follows the ratings as she gives them, by
//! the same scoring as the server), and the admins' list of instrument versions.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared::{
    Answer, InstrumentDraft, InstrumentStatus, InstrumentSummary, ItemKind, Level, LevelDecision,
    Review, StoryRating, ValidationRequest,
};
use uuid::Uuid;

use super::labels::{level_key, localized};
use crate::api::{self, ApiError};
use crate::components::date;
use crate::components::err_at;
use crate::components::{ErrorSummary, Page};
use crate::i18n::{K, tr, use_locale};

#[component]
pub fn ValidationQueue() -> impl IntoView {
    let locale = use_locale();
    let queue = LocalResource::new(api::validation_queue);
    view! {
        <Page title=K::AsQueueTitle>
            <p class="lead">{tr(K::AsQueueLead)}</p>
            <Suspense fallback=|| view! { <p role="status">{tr(K::Loading)}</p> }>
                {move || queue.get().map(|r| match r {
                    Err(e) => view! { <ErrorSummary error=RwSignal::new(Some(e)) /> }.into_any(),
                    Ok(page) if page.items.is_empty() => view! { <p>{tr(K::AsQueueEmpty)}</p> }.into_any(),
                    Ok(page) => view! {
                        <div tabindex="0" role="region" aria-label=tr(K::AsQueueTitle) class="table-responsive">
                            <table class="table align-middle">
                                <caption class="visually-hidden">{tr(K::AsQueueTitle)}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{tr(K::Name)}</th>
                                        <th scope="col">{tr(K::AsQuestionnaire)}</th>
                                        <th scope="col">{tr(K::AsSubmittedOn)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {page.items.into_iter().map(|q| view! {
                                        <tr>
                                            <th scope="row">
                                                <a href=format!("/staff/assessments/{}", q.attempt_id)>{q.jobseeker_name.clone()}</a>
                                            </th>
                                            <td>{localized(&q.instrument_title)}</td>
                                            <td>{move || date(q.submitted_at, locale.0.get())}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                })}
            </Suspense>
        </Page>
    }
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let params = use_params_map();
    let data = LocalResource::new(move || async move {
        let id = params
            .with(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok()))
            .ok_or(ApiError::Network("bad id".into()))?;
        let review = api::review(id).await?;
        let instrument = api::instrument(review.attempt.instrument_id).await?;
        let framework = api::framework().await?;
        Ok::<_, ApiError>((review, instrument, framework))
    });
    view! {
        <Page title=K::AsReviewAttempt>
            <Suspense fallback=|| view! { <p role="status">{tr(K::Loading)}</p> }>
                {move || data.get().map(|r| match r {
                    Err(e) => view! { <ErrorSummary error=RwSignal::new(Some(e)) /> }.into_any(),
                    Ok((review, instrument, framework)) => review_form(review, instrument, framework).into_any(),
                })}
            </Suspense>
            <p class="mt-4"><a href="/staff/assessments">{tr(K::AsBackToQueue)}</a></p>
        </Page>
    }
}

const RATINGS: [K; 5] = [
    K::AsRating0,
    K::AsRating1,
    K::AsRating2,
    K::AsRating3,
    K::AsRating4,
];

const LEVELS: [Level; 4] = [
    Level::Emerging,
    Level::Developing,
    Level::Established,
    Level::Strong,
];

fn review_form(
    review: Review,
    instrument: shared::Instrument,
    framework: shared::Framework,
) -> impl IntoView {
    let locale = use_locale();
    let attempt_id = review.attempt.id;
    let answers: BTreeMap<Uuid, Answer> = review
        .attempt
        .answers
        .iter()
        .map(|a| (a.item_id, a.answer.clone()))
        .collect();
    let stories: Vec<_> = instrument
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::EvidenceStory)
        .filter_map(|i| match answers.get(&i.id) {
            Some(Answer::EvidenceStory(s)) => Some((i.clone(), s.clone())),
            _ => None,
        })
        .collect();
    let codes: Vec<String> = review
        .attempt
        .scores
        .iter()
        .map(|s| s.code.clone())
        .collect();
    let ratings = RwSignal::new(BTreeMap::<Uuid, u8>::new());
    // The computed scores, again each time a story is rated.
    let items = StoredValue::new(instrument.items.clone());
    let answers = StoredValue::new(answers);
    let codes_for_scores = codes.clone();
    let scores = Memo::new(move |_| {
        let r = ratings.get();
        items.with_value(|its| {
            answers.with_value(|a| shared::scoring::score(&codes_for_scores, its, a, &r))
        })
    });
    // The decision per competence: `None` follows the computed level.
    let decided = RwSignal::new(BTreeMap::<String, Level>::new());
    let comments = RwSignal::new(BTreeMap::<String, String>::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(review.validation.clone());
    let busy = RwSignal::new(false);
    let level_of = move |code: &str| {
        decided
            .with(|d| d.get(code).copied())
            .or_else(|| scores.with(|s| s.iter().find(|s| s.code == code).and_then(|s| s.level)))
    };
    let codes_submit = codes.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = ValidationRequest {
            story_ratings: ratings
                .get_untracked()
                .into_iter()
                .map(|(item_id, rating)| StoryRating { item_id, rating })
                .collect(),
            levels: codes_submit
                .iter()
                .filter_map(|c| {
                    Some(LevelDecision {
                        code: c.clone(),
                        level: level_of(c)?,
                        comment: comments
                            .with_untracked(|m| m.get(c).cloned())
                            .filter(|c| !c.trim().is_empty()),
                    })
                })
                .collect(),
        };
        busy.set(true);
        spawn_local(async move {
            match api::validate(attempt_id, &req).await {
                Ok(r) => {
                    done.set(r.validation);
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let competences = framework.competences.clone();
    let story_views = stories.into_iter().map(move |(item, s)| {
        let name = format!("rating-{}", item.id);
        let item_id = item.id;
        // The competences the story shows, by name, so the rating says what it rates.
        let rated: Vec<shared::LocalizedText> = item
            .competences
            .iter()
            .map(|code| {
                competences
                    .iter()
                    .find(|c| &c.code == code)
                    .map(|c| c.name.clone())
                    .unwrap_or_else(|| shared::LocalizedText { it: code.clone(), en: code.clone() })
            })
            .collect();
        let locale = use_locale();
        let rated_names = move || {
            let lang = locale.0.get();
            rated
                .iter()
                .map(|n| n.get(lang).to_owned())
                .collect::<Vec<_>>()
                .join(", ")
        };
        view! {
            <article class="card card-bg mb-3">
                <div class="card-body">
                    <h3 class="h6">{localized(&item.prompt)}</h3>
                    <dl>
                        <dt>{tr(K::AsStorySituation)}</dt><dd class="text-prewrap">{s.situation}</dd>
                        <dt>{tr(K::AsStoryAction)}</dt><dd class="text-prewrap">{s.action}</dd>
                        <dt>{tr(K::AsStoryResult)}</dt><dd class="text-prewrap">{s.result}</dd>
                    </dl>
                    <fieldset>
                        <legend class="h6">{tr(K::AsRateStory)} " " <strong>{rated_names}</strong></legend>
                        {RATINGS.iter().enumerate().map(|(v, k)| {
                            let v = u8::try_from(v).unwrap_or(0);
                            let id = format!("{name}-{v}");
                            view! {
                                <div class="form-check form-check-inline">
                                    <input class="form-check-input" type="radio" name=name.clone() id=id.clone()
                                        prop:checked=move || ratings.with(|r| r.get(&item_id) == Some(&v))
                                        on:change=move |_| ratings.update(|r| { r.insert(item_id, v); }) />
                                    <label class="form-check-label" for=id>{v} " – " {tr(*k)}</label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                </div>
            </article>
        }
    });
    let level_rows = codes.into_iter().enumerate().map(move |(i, code)| {
        let name = framework
            .competences
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| shared::LocalizedText { it: code.clone(), en: code.clone() });
        let select_id = format!("level-{code}");
        let comment_id = format!("comment-{code}");
        let c1 = code.clone();
        let c2 = code.clone();
        let c3 = code.clone();
        let c4 = code.clone();
        let c5 = code.clone();
        let computed = Signal::derive(move || {
            scores.with(|s| s.iter().find(|s| s.code == c1).map(|s| (s.score, s.level)))
        });
        let err = err_at(error, format!("/levels/{i}/comment"));
        view! {
            <tr>
                <th scope="row">{localized(&name)}</th>
                <td>{move || computed.get().and_then(|c| c.0).map_or("—".to_owned(), |v| v.to_string())}</td>
                <td>{move || computed.get().and_then(|c| c.1).map(|l| tr(level_key(l))())}</td>
                <td>
                    <label class="visually-hidden" for=select_id.clone()>{tr(K::AsValidatedLevel)} " " {localized(&name)}</label>
                    <select class="form-select form-select-sm" id=select_id
                        prop:value=move || level_of(&c3).map(|l| format!("{l:?}")).unwrap_or_default()
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            let l = LEVELS.iter().find(|l| format!("{l:?}") == v).copied();
                            decided.update(|d| match l {
                                Some(l) => { d.insert(c2.clone(), l); }
                                None => { d.remove(&c2); }
                            });
                        }>
                        {LEVELS.iter().map(|l| view! {
                            <option value=format!("{l:?}")>{tr(level_key(*l))}</option>
                        }).collect_view()}
                    </select>
                </td>
                <td>
                    <label class="visually-hidden" for=comment_id.clone()>{tr(K::AsComment)} " " {localized(&name)}</label>
                    <input class="form-control form-control-sm" id=comment_id maxlength="2000"
                        aria-invalid=move || err.get().is_some().to_string()
                        prop:value=move || comments.with(|m| m.get(&c4).cloned().unwrap_or_default())
                        on:input=move |ev| comments.update(|m| { m.insert(c5.clone(), event_target_value(&ev)); }) />
                    {move || err.get().map(|m| view! { <p class="text-danger small mb-0">{m}</p> })}
                </td>
            </tr>
        }
    });
    view! {
        <p class="lead">{review.jobseeker_name.clone()} " · " {localized(&instrument.summary.title)}</p>
        {move || done.get().map(|v| view! {
            <div class="alert alert-success" role="status">
                {tr(K::AsValidatedBy)} " " {v.validated_by_name.clone()} ", " {date(v.validated_at, locale.0.get())}
            </div>
        })}
        <form on:submit=submit hidden=move || done.with(Option::is_some)>
                <h2 class="h4">{tr(K::AsYourStoriesStaff)}</h2>
                {story_views.collect_view()}
                <h2 class="h4 mt-4">{tr(K::AsLevels)}</h2>
                <p class="small">{tr(K::AsLevelsLead)}</p>
                <div tabindex="0" role="region" aria-label=tr(K::AsLevels) class="table-responsive">
                    <table class="table table-sm align-middle">
                        <caption class="visually-hidden">{tr(K::AsLevels)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{tr(K::AsCompetence)}</th>
                                <th scope="col">{tr(K::AsScore)}</th>
                                <th scope="col">{tr(K::AsComputed)}</th>
                                <th scope="col">{tr(K::AsValidatedLevel)}</th>
                                <th scope="col">{tr(K::AsComment)}</th>
                            </tr>
                        </thead>
                        <tbody>{level_rows.collect_view()}</tbody>
                    </table>
                </div>
                <ErrorSummary error=error />
                <button type="submit" class="btn btn-primary" disabled=move || busy.get()>{tr(K::AsValidate)}</button>
        </form>
    }
}

#[component]
pub fn InstrumentsAdmin() -> impl IntoView {
    let locale = use_locale();
    let session = crate::session::use_session();
    let list = RwSignal::new(Vec::<InstrumentSummary>::new());
    let error = RwSignal::new(None::<ApiError>);
    let load = move || {
        spawn_local(async move {
            match api::instruments().await {
                Ok(l) => list.set(l),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    load();
    let act = move |id: Uuid, publish: bool| {
        spawn_local(async move {
            match api::set_instrument_status(id, publish).await {
                Ok(_) => {
                    error.set(None);
                    load();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    // The draft being written: the version it edits (`None`: a new version) and its JSON.
    let editing = RwSignal::new(None::<(Option<Uuid>, String)>);
    let draft_error = RwSignal::new(None::<ApiError>);
    let open_editor = move |id: Uuid, is_draft: bool| {
        spawn_local(async move {
            match api::instrument(id).await {
                Ok(i) => {
                    let draft = InstrumentDraft::from(&i);
                    let text = serde_json::to_string_pretty(&draft).unwrap_or_default();
                    editing.set(Some((is_draft.then_some(id), text)));
                    draft_error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let save_draft = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((id, text)) = editing.get_untracked() else {
            return;
        };
        spawn_local(async move {
            let draft = match serde_json::from_str::<InstrumentDraft>(&text) {
                Ok(d) => d,
                Err(e) => {
                    draft_error.set(Some(ApiError::Problem(shared::Problem {
                        type_: "about:blank".into(),
                        title: crate::i18n::text(locale.0.get_untracked(), K::AsDraftNotJson)
                            .into(),
                        status: 400,
                        detail: Some(e.to_string()),
                        instance: None,
                        code: shared::ErrorCode::InvalidBody,
                        errors: Vec::new(),
                    })));
                    return;
                }
            };
            match api::save_instrument_draft(id, &draft).await {
                Ok(_) => {
                    editing.set(None);
                    draft_error.set(None);
                    error.set(None);
                    load();
                }
                Err(e) => draft_error.set(Some(e)),
            }
        });
    };
    view! {
        <Page title=K::AsInstrumentsTitle>
            <p class="lead">{tr(K::AsInstrumentsLead)}</p>
            <Show when=move || !session.programme_editor()>
                <p class="alert alert-info" role="note">{tr(K::ProgrammeEditorsOnly)}</p>
            </Show>
            <ErrorSummary error=error />
            {move || editing.get().map(|(id, text)| view! {
                <form class="card card-bg mb-4" on:submit=save_draft>
                    <div class="card-body">
                        <h2 class="h5">{if id.is_some() { tr(K::AsEditDraft) } else { tr(K::AsNewVersion) }}</h2>
                        <label class="form-label" for="draft-json">{tr(K::AsDraftJson)}</label>
                        <p class="small text-muted" id="draft-json-hint">{tr(K::AsDraftJsonHint)}</p>
                        <textarea id="draft-json" class="form-control font-monospace" rows="18"
                            aria-describedby="draft-json-hint" spellcheck="false"
                            prop:value=text
                            on:input=move |ev| editing.update(|e| if let Some(e) = e { e.1 = event_target_value(&ev) })>
                        </textarea>
                        <div class="mt-2">
                            <ErrorSummary error=draft_error />
                            {move || draft_error.with(|e| e.as_ref().and_then(|e| e.problem()).map(|p| {
                                let rows = p.errors.iter().map(|f| view! {
                                    <li><code>{f.pointer.clone()}</code> " " {f.message.clone()}</li>
                                }).collect_view();
                                let detail = p.errors.is_empty().then(|| p.detail.clone()).flatten();
                                view! { <ul class="small">{rows}</ul> {detail.map(|d| view! { <p class="small">{d}</p> })} }
                            }))}
                        </div>
                        <div class="d-flex gap-2 mt-2">
                            <button type="submit" class="btn btn-primary">{tr(K::AsSaveDraft)}</button>
                            <button type="button" class="btn btn-outline-primary" on:click=move |_| editing.set(None)>{tr(K::Cancel)}</button>
                        </div>
                    </div>
                </form>
            })}
            <div class="table-responsive" tabindex="0" role="region" aria-label=move || tr(K::AsInstrumentsTitle)()>
                <table class="table align-middle">
                    <caption class="visually-hidden">{tr(K::AsInstrumentsTitle)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr(K::AsQuestionnaire)}</th>
                            <th scope="col">{tr(K::AsVersion)}</th>
                            <th scope="col">{tr(K::AsStatus)}</th>
                            <th scope="col">{tr(K::AsQuestions)}</th>
                            {move || session.programme_editor().then(|| view! { <th scope="col">{tr(K::Actions)}</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || list.get() key=|i| (i.id, i.status) let:i>
                            {
                                let id = i.id;
                                let status = i.status;
                                let published = i.published_at;
                                view! {
                                    <tr>
                                        <th scope="row">{localized(&i.title)} <div class="small text-muted">{i.key.clone()}</div></th>
                                        <td>{i.version}</td>
                                        <td>
                                            {match status {
                                                InstrumentStatus::Draft => tr(K::AsDraft),
                                                InstrumentStatus::Published => tr(K::AsPublished),
                                                InstrumentStatus::Retired => tr(K::AsRetired),
                                            }}
                                            {move || published.map(|d| format!(" · {}", date(d, locale.0.get())))}
                                        </td>
                                        <td>{i.item_count} " · " {i.estimated_minutes} " " {tr(K::AsMinutes)}</td>
                                        // Only the programme's editors change questionnaires (Bootstrap's
                                        // `d-flex` would override a `hidden` attribute: no cell at all).
                                        {move || session.programme_editor().then(|| view! {
                                        <td class="d-flex flex-wrap gap-1">
                                            {(status == InstrumentStatus::Draft).then(|| view! {
                                                <button type="button" class="btn btn-sm btn-outline-primary" on:click=move |_| open_editor(id, true)>
                                                    {tr(K::AsEditDraft)}
                                                </button>
                                                <button type="button" class="btn btn-sm btn-primary" on:click=move |_| act(id, true)>
                                                    {tr(K::AsPublish)}
                                                </button>
                                            })}
                                            {(status != InstrumentStatus::Draft).then(|| view! {
                                                <button type="button" class="btn btn-sm btn-outline-primary" on:click=move |_| open_editor(id, false)>
                                                    {tr(K::AsNewVersion)}
                                                </button>
                                            })}
                                            {(status == InstrumentStatus::Published).then(|| view! {
                                                <button type="button" class="btn btn-sm btn-outline-danger" on:click=move |_| act(id, false)>
                                                    {tr(K::AsRetire)}
                                                </button>
                                            })}
                                        </td>
                                        })}
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
        </Page>
    }
}
