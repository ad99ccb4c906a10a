//! Admins: the competency framework, edited as a whole and published as a new version (earlier
//! versions stay as they were: results and instruments point to theirs).

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{Competence, CompetenceArea, Framework, FrameworkDraft, LocalizedText};

use crate::api::{self, ApiError};
use crate::components::date;
use crate::components::err_at;
use crate::components::{ErrorSummary, Page};
use crate::i18n::{K, tr, use_locale};

const AREAS: [(CompetenceArea, K); 4] = [
    (CompetenceArea::Personal, K::FwAreaPersonal),
    (CompetenceArea::Social, K::FwAreaSocial),
    (CompetenceArea::Learning, K::FwAreaLearning),
    (CompetenceArea::Parenting, K::FwAreaParenting),
];

/// Which text of a competence a pair of inputs edits.
#[derive(Clone, Copy)]
enum Text {
    Name,
    Description,
    AtHome,
    AtWork,
}

impl Text {
    fn of(self, c: &mut Competence) -> &mut LocalizedText {
        match self {
            Text::Name => &mut c.name,
            Text::Description => &mut c.description,
            Text::AtHome => &mut c.at_home,
            Text::AtWork => &mut c.at_work,
        }
    }

    fn field(self) -> (&'static str, K) {
        match self {
            Text::Name => ("name", K::FwName),
            Text::Description => ("description", K::FwDescription),
            Text::AtHome => ("at_home", K::FwAtHome),
            Text::AtWork => ("at_work", K::FwAtWork),
        }
    }
}

#[component]
pub fn FrameworkAdmin() -> impl IntoView {
    let locale = use_locale();
    let session = crate::session::use_session();
    let versions = RwSignal::new(Vec::<Framework>::new());
    let draft = RwSignal::new(Vec::<Competence>::new());
    let base = RwSignal::new(0u32);
    let error = RwSignal::new(None::<ApiError>);
    let published = RwSignal::new(None::<u32>);
    // The rows are drawn again only when their number changes, not at each keystroke.
    let count = Memo::new(move |_| draft.with(Vec::len));
    let load = move || {
        spawn_local(async move {
            match api::framework_versions().await {
                Ok(v) => {
                    if let Some(current) = v.first() {
                        base.set(current.version);
                        draft.set(current.competences.clone());
                    }
                    versions.set(v);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    load();
    let publish = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = FrameworkDraft {
            base_version: base.get_untracked(),
            competences: draft.get_untracked(),
        };
        spawn_local(async move {
            match api::publish_framework(&body).await {
                Ok(f) => {
                    published.set(Some(f.version));
                    error.set(None);
                    load();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let text_pair = move |i: usize, t: Text| {
        let (field, label) = t.field();
        let long = !matches!(t, Text::Name);
        ["it", "en"]
            .into_iter()
            .map(|lang| {
                let id = format!("fw-{i}-{field}-{lang}");
                let err = err_at(error, format!("/competences/{i}/{field}/{lang}"));
                let value = move || {
                    draft.with(|d| {
                        d.get(i)
                            .map(|c| {
                                let mut c = c.clone();
                                let t = t.of(&mut c);
                                if lang == "it" { t.it.clone() } else { t.en.clone() }
                            })
                            .unwrap_or_default()
                    })
                };
                let set = move |ev: leptos::ev::Event| {
                    let v = event_target_value(&ev);
                    draft.update(|d| {
                        if let Some(c) = d.get_mut(i) {
                            let t = t.of(c);
                            if lang == "it" { t.it = v } else { t.en = v }
                        }
                    });
                };
                view! {
                    <div class="col-12 col-md-6 mb-2">
                        <label class="form-label small" for=id.clone()>{tr(label)} " (" {lang} ")"</label>
                        {if long {
                            view! {
                                <textarea class="form-control form-control-sm" id=id rows="2"
                                    aria-invalid=move || err.get().is_some().to_string()
                                    prop:value=value on:input=set></textarea>
                            }.into_any()
                        } else {
                            view! {
                                <input class="form-control form-control-sm" id=id
                                    aria-invalid=move || err.get().is_some().to_string()
                                    prop:value=value on:input=set />
                            }.into_any()
                        }}
                        {move || err.get().map(|m| view! { <p class="text-danger small mb-0">{m}</p> })}
                    </div>
                }
            })
            .collect_view()
    };
    let plain = move |i: usize, field: &'static str, label: K| {
        let id = format!("fw-{i}-{field}");
        let err = err_at(error, format!("/competences/{i}/{field}"));
        view! {
            <div class="col-12 col-md-4 mb-2">
                <label class="form-label small" for=id.clone()>{tr(label)}</label>
                <input class="form-control form-control-sm" id=id
                    aria-invalid=move || err.get().is_some().to_string()
                    prop:value=move || draft.with(|d| d.get(i).map(|c| match field {
                        "code" => c.code.clone(),
                        "esco_code" => c.esco_code.clone(),
                        _ => c.esco_uri.clone(),
                    }).unwrap_or_default())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| if let Some(c) = d.get_mut(i) {
                            match field {
                                "code" => c.code = v,
                                "esco_code" => c.esco_code = v,
                                _ => c.esco_uri = v,
                            }
                        });
                    } />
                {move || err.get().map(|m| view! { <p class="text-danger small mb-0">{m}</p> })}
            </div>
        }
    };
    let add = move |_| {
        draft.update(|d| {
            d.push(Competence {
                code: String::new(),
                area: CompetenceArea::Parenting,
                name: LocalizedText::default(),
                description: LocalizedText::default(),
                at_home: LocalizedText::default(),
                at_work: LocalizedText::default(),
                esco_code: String::new(),
                esco_uri: String::new(),
            });
        });
    };
    view! {
        <Page title=K::FwTitle>
            <p class="lead">{tr(K::FwLead)}</p>
            {move || published.get().map(|v| view! {
                <div class="alert alert-success" role="status">{tr(K::FwPublished)} " " {v}</div>
            })}
            <Show when=move || !session.programme_editor()>
                <p class="alert alert-info" role="note">{tr(K::ProgrammeEditorsOnly)}</p>
            </Show>
            <p hidden=move || !session.programme_editor()>{tr(K::FwEditingFrom)} " " {move || base.get()}</p>
            <form on:submit=publish hidden=move || !session.programme_editor()>
                {move || (0..count.get()).map(|i| {
                    let heading = move || draft.with(|d| d.get(i).map(|c| {
                        let name = c.name.get(locale.0.get()).to_owned();
                        format!("{} · {}", c.code, name)
                    }).unwrap_or_default());
                    let area_id = format!("fw-{i}-area");
                    view! {
                        <details class="card card-bg mb-2">
                            <summary class="card-body py-2 fw-semibold">{heading}</summary>
                            <div class="card-body pt-0">
                                <div class="row">
                                    {plain(i, "code", K::FwCode)}
                                    <div class="col-12 col-md-4 mb-2">
                                        <label class="form-label small" for=area_id.clone()>{tr(K::FwArea)}</label>
                                        <select class="form-select form-select-sm" id=area_id
                                            prop:value=move || draft.with(|d| d.get(i).map(|c| format!("{:?}", c.area)).unwrap_or_default())
                                            on:change=move |ev| {
                                                let v = event_target_value(&ev);
                                                if let Some((a, _)) = AREAS.iter().find(|(a, _)| format!("{a:?}") == v) {
                                                    draft.update(|d| if let Some(c) = d.get_mut(i) { c.area = *a });
                                                }
                                            }>
                                            {AREAS.iter().map(|(a, k)| view! { <option value=format!("{a:?}")>{tr(*k)}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    {plain(i, "esco_code", K::FwEscoCode)}
                                    {plain(i, "esco_uri", K::FwEscoUri)}
                                    {text_pair(i, Text::Name)}
                                    {text_pair(i, Text::Description)}
                                    {text_pair(i, Text::AtHome)}
                                    {text_pair(i, Text::AtWork)}
                                </div>
                                <button type="button" class="btn btn-sm btn-outline-danger"
                                    on:click=move |_| draft.update(|d| { if i < d.len() { d.remove(i); } })>
                                    {tr(K::FwRemove)}
                                </button>
                            </div>
                        </details>
                    }
                }).collect_view()}
                <div class="d-flex gap-2 flex-wrap mt-3">
                    <button type="button" class="btn btn-outline-primary" on:click=add>{tr(K::FwAdd)}</button>
                    <button type="submit" class="btn btn-primary">{tr(K::FwPublish)}</button>
                </div>
                <div class="mt-3"><ErrorSummary error=error /></div>
            </form>
            <h2 class="h4 mt-4">{tr(K::FwHistory)}</h2>
            <ul>
                <For each=move || versions.get() key=|f| f.version let:f>
                    <li>
                        {tr(K::AsVersion)} " " {f.version} " · " {move || date(f.published_at, locale.0.get())}
                        " · " {f.competences.len()} " " {tr(K::FwCompetences)}
                    </li>
                </For>
            </ul>
        </Page>
    }
}
