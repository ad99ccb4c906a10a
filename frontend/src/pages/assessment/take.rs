//! Taking a questionnaire: one question per page with the progress and the time left, each
//! answer saved when she moves on (so she can leave and resume where she was), a review of all
//! answers before she submits, and her results once it is submitted.

use std::collections::BTreeMap;

use leptos::html::H2;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared::{
    Answer, Attempt, AttemptStatus, Instrument, Item, ItemKind, RatingAnswer, StoryAnswer,
};
use uuid::Uuid;

use super::labels::localized;
use super::results::Results;
use crate::api::{self, ApiError};
use crate::components::err_at;
use crate::components::{ErrorSummary, Page};
use crate::i18n::{K, tr, use_locale};

/// The frequency scale of self-ratings, 1 to 5.
const SCALE: [K; 5] = [
    K::AsNever,
    K::AsRarely,
    K::AsSometimes,
    K::AsOften,
    K::AsAlways,
];

#[component]
pub fn AttemptPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok()));
    let data = LocalResource::new(move || async move {
        let id = id().ok_or(ApiError::Network("bad id".into()))?;
        let attempt = api::attempt(id).await?;
        let instrument = api::instrument(attempt.instrument_id).await?;
        Ok::<_, ApiError>((attempt, instrument))
    });
    view! {
        <Suspense fallback=|| view! { <p role="status">{tr(K::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Err(e) => view! {
                    <Page title=K::AsTitle>
                        <ErrorSummary error=RwSignal::new(Some(e)) />
                        <a href="/assessment">{tr(K::AsBackToList)}</a>
                    </Page>
                }.into_any(),
                Ok((attempt, instrument)) if attempt.status == AttemptStatus::InProgress => view! {
                    <Questionnaire attempt=attempt instrument=instrument on_submitted=move || data.refetch() />
                }.into_any(),
                Ok((attempt, instrument)) => view! {
                    <Results attempt=attempt instrument=instrument />
                }.into_any(),
            })}
        </Suspense>
    }
}

/// The answer being edited on the current page.
#[derive(Clone, Debug, PartialEq, Default)]
struct Draft {
    /// `None` untouched, `Some(None)` "does not apply to me", `Some(Some(v))` a rating.
    home: Option<Option<u8>>,
    work: Option<Option<u8>>,
    option: Option<String>,
    story: [String; 3],
}

impl Draft {
    fn of(answer: Option<&Answer>) -> Draft {
        match answer {
            Some(Answer::SelfRating(r)) => Draft {
                home: Some(r.home),
                work: Some(r.work),
                ..Draft::default()
            },
            Some(Answer::SituationalChoice { option }) => Draft {
                option: Some(option.clone()),
                ..Draft::default()
            },
            Some(Answer::EvidenceStory(s)) => Draft {
                story: [s.situation.clone(), s.action.clone(), s.result.clone()],
                ..Draft::default()
            },
            None => Draft::default(),
        }
    }

    /// The answer to send, or `None` when she has not answered this item.
    fn answer(&self, kind: ItemKind) -> Option<Answer> {
        match kind {
            ItemKind::SelfRating => (self.home.is_some() || self.work.is_some()).then_some(
                Answer::SelfRating(RatingAnswer {
                    home: self.home.flatten(),
                    work: self.work.flatten(),
                }),
            ),
            ItemKind::SituationalChoice => self
                .option
                .clone()
                .map(|option| Answer::SituationalChoice { option }),
            ItemKind::EvidenceStory => self.story.iter().any(|s| !s.trim().is_empty()).then(|| {
                Answer::EvidenceStory(StoryAnswer {
                    situation: self.story[0].clone(),
                    action: self.story[1].clone(),
                    result: self.story[2].clone(),
                })
            }),
        }
    }
}

/// Saves the answer on the current page, when it differs from what is saved.
#[derive(Clone, Copy)]
struct Saver {
    attempt_id: Uuid,
    items: StoredValue<Vec<Item>>,
    pos: RwSignal<usize>,
    draft: RwSignal<Draft>,
    answers: RwSignal<BTreeMap<Uuid, Answer>>,
    remaining: RwSignal<u32>,
}

impl Saver {
    async fn save(self) -> Result<(), ApiError> {
        let p = self.pos.get_untracked();
        let Some(item) = self.items.with_value(|its| its.get(p).cloned()) else {
            return Ok(());
        };
        let Some(answer) = self.draft.with_untracked(|d| d.answer(item.kind)) else {
            return Ok(());
        };
        if self
            .answers
            .with_untracked(|a| a.get(&item.id) == Some(&answer))
        {
            return Ok(());
        }
        let progress = api::save_answer(self.attempt_id, item.id, &answer).await?;
        self.answers.update(|a| {
            a.insert(item.id, answer);
        });
        self.remaining.set(progress.remaining_minutes);
        Ok(())
    }
}

#[component]
fn Questionnaire(
    attempt: Attempt,
    instrument: Instrument,
    on_submitted: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let items = StoredValue::new(instrument.items.clone());
    let total = instrument.items.len();
    let answers = RwSignal::new(
        attempt
            .answers
            .iter()
            .map(|a| (a.item_id, a.answer.clone()))
            .collect::<BTreeMap<Uuid, Answer>>(),
    );
    let remaining = RwSignal::new(attempt.remaining_minutes);
    // Resume at the first unanswered question; the review when all are answered.
    let start = attempt
        .next_position
        .and_then(|p| instrument.items.iter().position(|i| i.position == p))
        .unwrap_or(total);
    let pos = RwSignal::new(start);
    let draft = RwSignal::new(Draft::default());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let attempt_id = attempt.id;
    let title = instrument.summary.title.clone();

    // A new page starts from what is saved for its item.
    Effect::new(move |_| {
        let p = pos.get();
        let saved = items.with_value(|its| {
            its.get(p)
                .and_then(|i| answers.with_untracked(|a| a.get(&i.id).cloned()))
        });
        draft.set(Draft::of(saved.as_ref()));
        error.set(None);
    });
    // Focus the question (or the review's heading) when the page changes.
    let heading = NodeRef::<H2>::new();
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        pos.track();
        if let Some(h) = heading.get() {
            if first.get_value() {
                first.set_value(false);
                return;
            }
            let _ = h.focus();
        }
    });

    let saver = Saver {
        attempt_id,
        items,
        pos,
        draft,
        answers,
        remaining,
    };
    // Saves the current answer when it changed, then goes to `to`.
    let go = move |to: usize| {
        busy.set(true);
        spawn_local(async move {
            match saver.save().await {
                Ok(()) => pos.set(to),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let navigate = leptos_router::hooks::use_navigate();
    // Her answer on this page is saved before she leaves.
    let leave = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match saver.save().await {
                Ok(()) => navigate("/assessment", Default::default()),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let submit = move || {
        busy.set(true);
        spawn_local(async move {
            match api::submit_attempt(attempt_id).await {
                Ok(_) => on_submitted(),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };

    let answered = move || answers.with(BTreeMap::len);
    view! {
        <Page title=K::AsTitle>
            <p class="lead">{localized(&title)}</p>
            <div class="mb-3">
                <div class="d-flex justify-content-between small flex-wrap gap-2">
                    <span>{move || answered()} " / " {total} " " {tr(K::AsAnswered)}</span>
                    <span>{tr(K::AsAbout)} " " {move || remaining.get()} " " {tr(K::AsMinutesLeft)}</span>
                </div>
                <div class="progress progress-thin" role="progressbar"
                    aria-label=tr(K::AsProgress) aria-valuemin="0" aria-valuemax=total.to_string()
                    aria-valuenow=move || answered().to_string()
                    aria-valuetext=move || format!("{} / {total}", answered())>
                    <div class="progress-bar" style:width=move || format!("{}%", answered() * 100 / total.max(1))></div>
                </div>
            </div>
            <ErrorSummary error=error />
            {move || {
                let p = pos.get();
                match items.with_value(|its| its.get(p).cloned()) {
                    Some(item) => question(item, p, total, draft, error, heading).into_any(),
                    None => review(items, answers, pos, heading).into_any(),
                }
            }}
            <div class="d-flex flex-wrap gap-2 mt-4">
                {move || (pos.get() > 0).then(|| view! {
                    <button type="button" id="as-previous" class="btn btn-outline-primary" disabled=move || busy.get()
                        on:click=move |_| go(pos.get_untracked() - 1)>{tr(K::AsPrevious)}</button>
                })}
                {move || (pos.get() < total).then(|| view! {
                    <button type="button" id="as-next" class="btn btn-primary" disabled=move || busy.get()
                        on:click=move |_| go(pos.get_untracked() + 1)>
                        {move || if pos.get() + 1 == total { tr(K::AsToReview)() } else { tr(K::AsNext)() }}
                    </button>
                })}
                {move || (pos.get() == total).then(|| view! {
                    <SubmitButton busy=busy submit=submit />
                })}
                <a class="btn btn-link" id="as-leave" href="/assessment" on:click=leave>{tr(K::AsSaveAndLeave)}</a>
            </div>
        </Page>
    }
}

/// Submitting asks for a confirmation first: a submitted questionnaire cannot be changed.
#[component]
fn SubmitButton(
    busy: RwSignal<bool>,
    submit: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    // The confirmation takes the focus, so a keyboard user lands on it.
    let confirm = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if confirming.get()
            && let Some(b) = confirm.get()
        {
            let _ = b.focus();
        }
    });
    view! {
        <Show when=move || confirming.get() fallback=move || view! {
            <button type="button" id="as-submit" class="btn btn-primary" on:click=move |_| confirming.set(true)>
                {tr(K::AsSubmit)}
            </button>
        }>
            <div class="alert alert-warning w-100" role="alert">
                <p>{tr(K::AsSubmitWarning)}</p>
                <div class="d-flex gap-2 flex-wrap">
                    <button type="button" id="as-confirm-submit" class="btn btn-primary" node_ref=confirm disabled=move || busy.get()
                        on:click=move |_| submit()>{tr(K::AsConfirmSubmit)}</button>
                    <button type="button" class="btn btn-outline-primary"
                        on:click=move |_| confirming.set(false)>{tr(K::Cancel)}</button>
                </div>
            </div>
        </Show>
    }
}

fn question(
    item: Item,
    p: usize,
    total: usize,
    draft: RwSignal<Draft>,
    error: RwSignal<Option<ApiError>>,
    heading: NodeRef<H2>,
) -> impl IntoView {
    let number = format!(
        "{} {} {} {total}",
        tr(K::AsQuestion)(),
        p + 1,
        tr(K::AsOf)()
    );
    let body = match item.kind {
        ItemKind::SelfRating => view! {
            <p class="text-muted">{tr(K::AsHowOften)}</p>
            {scale(item.id, K::AsAtHome, true, draft)}
            {scale(item.id, K::AsAtWork, false, draft)}
            {move || err_at(error, "/home".into()).get().map(|m| view! { <p class="text-danger">{m}</p> })}
        }
        .into_any(),
        ItemKind::SituationalChoice => {
            let name = format!("option-{}", item.id);
            view! {
                <fieldset class="mb-3">
                    <legend class="h6">{tr(K::AsWhatWouldYouDo)}</legend>
                    {item.options.iter().map(|o| {
                        let key = o.key.clone();
                        let k2 = key.clone();
                        let id = format!("{name}-{key}");
                        view! {
                            <div class="form-check mb-2">
                                <input class="form-check-input" type="radio" name=name.clone() id=id.clone()
                                    prop:checked=move || draft.with(|d| d.option.as_deref() == Some(&*k2))
                                    on:change=move |_| draft.update(|d| d.option = Some(key.clone())) />
                                <label class="form-check-label" for=id>{localized(&o.text)}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            }
            .into_any()
        }
        ItemKind::EvidenceStory => {
            let parts = [
                (K::AsStorySituation, K::AsStorySituationHint, "/situation"),
                (K::AsStoryAction, K::AsStoryActionHint, "/action"),
                (K::AsStoryResult, K::AsStoryResultHint, "/result"),
            ];
            parts
                .into_iter()
                .enumerate()
                .map(|(n, (label, hint, pointer))| {
                    let id = format!("story-{}-{n}", item.id);
                    let hint_id = format!("{id}-hint");
                    let err = err_at(error, pointer.into());
                    view! {
                        <div class="mb-3">
                            <label class="form-label fw-semibold" for=id.clone()>{tr(label)}</label>
                            <p class="small text-muted mb-1" id=hint_id.clone()>{tr(hint)}</p>
                            <textarea class="form-control" id=id rows="4" maxlength="2000"
                                aria-describedby=hint_id
                                aria-invalid=move || err.get().is_some().to_string()
                                prop:value=move || draft.with(|d| d.story[n].clone())
                                on:input=move |ev| draft.update(|d| d.story[n] = event_target_value(&ev))>
                            </textarea>
                            {move || err.get().map(|m| view! { <p class="text-danger small">{m}</p> })}
                        </div>
                    }
                })
                .collect_view()
                .into_any()
        }
    };
    view! {
        <section aria-labelledby="question-prompt">
            <p class="small text-muted mb-1">{number}</p>
            <h2 class="h4" id="question-prompt" tabindex="-1" node_ref=heading>{localized(&item.prompt)}</h2>
            {body}
        </section>
    }
}

/// One context's frequency scale as radio buttons (arrow keys move within the group), with
/// "does not apply to me".
fn scale(item: Uuid, context: K, home: bool, draft: RwSignal<Draft>) -> impl IntoView {
    let name = format!("{}-{item}", if home { "home" } else { "work" });
    let value = move || draft.with(|d| if home { d.home } else { d.work });
    let set = move |v: Option<u8>| {
        draft.update(|d| {
            if home {
                d.home = Some(v);
            } else {
                d.work = Some(v);
            }
        });
    };
    let options = SCALE
        .iter()
        .enumerate()
        .map(|(i, k)| (Some(u8::try_from(i + 1).unwrap_or(1)), *k))
        .chain(std::iter::once((None, K::AsNotApplicable)));
    view! {
        <fieldset class="mb-3">
            <legend class="h6">{tr(context)}</legend>
            <div class="d-flex flex-wrap gap-2">
                {options.map(|(v, k)| {
                    let id = format!("{name}-{}", v.map_or(0, u8::from));
                    view! {
                        <div class="form-check form-check-inline me-0">
                            <input class="form-check-input" type="radio" name=name.clone() id=id.clone()
                                prop:checked=move || value() == Some(v)
                                on:change=move |_| set(v) />
                            <label class="form-check-label" for=id>{tr(k)}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// Every question with her answer in short, each with a way back to change it.
fn review(
    items: StoredValue<Vec<Item>>,
    answers: RwSignal<BTreeMap<Uuid, Answer>>,
    pos: RwSignal<usize>,
    heading: NodeRef<H2>,
) -> impl IntoView {
    let locale = use_locale();
    let rows = items.get_value().into_iter().enumerate().map(|(n, item)| {
        let summary = move || {
            let lang = locale.0.get();
            answers.with(|a| match a.get(&item.id) {
                None => crate::i18n::text(lang, K::AsNotAnswered).to_owned(),
                Some(Answer::SelfRating(r)) => {
                    let label = |v: Option<u8>| match v {
                        Some(v) => crate::i18n::text(lang, SCALE[usize::from(v.clamp(1, 5)) - 1]),
                        None => crate::i18n::text(lang, K::AsNotApplicable),
                    };
                    format!(
                        "{}: {} · {}: {}",
                        crate::i18n::text(lang, K::AsAtHome),
                        label(r.home),
                        crate::i18n::text(lang, K::AsAtWork),
                        label(r.work)
                    )
                }
                Some(Answer::SituationalChoice { option }) => item
                    .options
                    .iter()
                    .find(|o| &o.key == option)
                    .map(|o| o.text.get(lang).to_owned())
                    .unwrap_or_default(),
                Some(Answer::EvidenceStory(s)) => s.situation.chars().take(120).collect(),
            })
        };
        let missing = move || answers.with(|a| !a.contains_key(&item.id));
        view! {
            <li class="list-group-item d-flex justify-content-between align-items-start gap-2">
                <div>
                    <p class="mb-1 fw-semibold">{n + 1} ". " {localized(&item.prompt)}</p>
                    <p class="mb-0 small" class:text-danger=missing>{summary}</p>
                </div>
                <button type="button" class="btn btn-sm btn-outline-primary" on:click=move |_| pos.set(n)>
                    {tr(K::AsChange)} <span class="visually-hidden">" " {n + 1}</span>
                </button>
            </li>
        }
    });
    view! {
        <section aria-labelledby="review-heading">
            <h2 class="h4" id="review-heading" tabindex="-1" node_ref=heading>{tr(K::AsReviewTitle)}</h2>
            <p>{tr(K::AsReviewLead)}</p>
            <ol class="list-group mb-3">{rows.collect_view()}</ol>
        </section>
    }
}
