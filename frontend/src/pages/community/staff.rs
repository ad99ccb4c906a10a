//! The staff area of the community: rooms (create; texts and rules, slow mode, members,
//! archive), the moderation log and the agency's word filter.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use shared::{
    Contact, FilterAction, LocalizedText, ModerationEntry, NewRoom, NewWordFilter, Room, RoomKind,
    RoomMember, RoomTopic, RoomUpdate, WordFilter,
};
use uuid::Uuid;

use super::labels::kind_key;
use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page, confirm};
use crate::i18n::{K, lookup, text, tr, use_locale};

/// A labelled text input or area bound to a signal.
#[component]
fn Text(
    id: &'static str,
    label: K,
    value: RwSignal<String>,
    #[prop(optional)] area: bool,
) -> impl IntoView {
    view! {
        <div class="mb-2">
            <label class="form-label" for=id>{tr(label)}</label>
            {if area {
                view! {
                    <textarea class="form-control" id=id rows="3"
                        prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
                }.into_any()
            } else {
                view! {
                    <input class="form-control" id=id
                        prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                }.into_any()
            }}
        </div>
    }
}

/// The six texts of a room (name, description, rules; Italian and English).
#[derive(Clone, Copy)]
struct Texts {
    name_it: RwSignal<String>,
    name_en: RwSignal<String>,
    description_it: RwSignal<String>,
    description_en: RwSignal<String>,
    rules_it: RwSignal<String>,
    rules_en: RwSignal<String>,
}

impl Texts {
    fn new() -> Self {
        Self {
            name_it: RwSignal::new(String::new()),
            name_en: RwSignal::new(String::new()),
            description_it: RwSignal::new(String::new()),
            description_en: RwSignal::new(String::new()),
            rules_it: RwSignal::new(String::new()),
            rules_en: RwSignal::new(String::new()),
        }
    }

    fn fill(&self, r: &Room) {
        self.name_it.set(r.name.it.clone());
        self.name_en.set(r.name.en.clone());
        self.description_it.set(r.description.it.clone());
        self.description_en.set(r.description.en.clone());
        self.rules_it.set(r.rules.it.clone());
        self.rules_en.set(r.rules.en.clone());
    }

    fn clear(&self) {
        for t in [
            self.name_it,
            self.name_en,
            self.description_it,
            self.description_en,
            self.rules_it,
            self.rules_en,
        ] {
            t.set(String::new());
        }
    }

    fn pair(it: RwSignal<String>, en: RwSignal<String>) -> LocalizedText {
        LocalizedText {
            it: it.get_untracked(),
            en: en.get_untracked(),
        }
    }

    fn view(self, prefix: &'static str) -> impl IntoView {
        let ids: [&'static str; 6] = match prefix {
            "new" => [
                "new-name-it",
                "new-name-en",
                "new-description-it",
                "new-description-en",
                "new-rules-it",
                "new-rules-en",
            ],
            _ => [
                "edit-name-it",
                "edit-name-en",
                "edit-description-it",
                "edit-description-en",
                "edit-rules-it",
                "edit-rules-en",
            ],
        };
        view! {
            <Text id=ids[0] label=K::CoNameIt value=self.name_it />
            <Text id=ids[1] label=K::CoNameEn value=self.name_en />
            <Text id=ids[2] label=K::CoDescriptionIt value=self.description_it area=true />
            <Text id=ids[3] label=K::CoDescriptionEn value=self.description_en area=true />
            <Text id=ids[4] label=K::CoRulesIt value=self.rules_it area=true />
            <Text id=ids[5] label=K::CoRulesEn value=self.rules_en area=true />
        }
    }
}

#[component]
pub fn RoomsAdmin() -> impl IntoView {
    let locale = use_locale();
    let rooms = RwSignal::new(Vec::<Room>::new());
    let error = RwSignal::new(None::<ApiError>);
    let created = RwSignal::new(false);
    let kind = RwSignal::new(RoomKind::Public);
    let topic = RwSignal::new(RoomTopic::Theme);
    let texts = Texts::new();
    let load = move || {
        spawn_local(async move {
            match api::rooms().await {
                Ok(r) => rooms.set(
                    r.into_iter()
                        .filter(|r| r.kind != RoomKind::Direct)
                        .collect(),
                ),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    load();
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let k = kind.get_untracked();
        let room = NewRoom {
            kind: k,
            topic: (k == RoomKind::Public).then(|| topic.get_untracked()),
            name: Texts::pair(texts.name_it, texts.name_en),
            description: Texts::pair(texts.description_it, texts.description_en),
            rules: Texts::pair(texts.rules_it, texts.rules_en),
        };
        spawn_local(async move {
            match api::create_room(&room).await {
                Ok(_) => {
                    created.set(true);
                    error.set(None);
                    texts.clear();
                    load();
                }
                Err(e) => {
                    created.set(false);
                    error.set(Some(e));
                }
            }
        });
    };
    view! {
        <Page title=K::CoRoomsTitle>
            <p class="lead">{tr(K::CoRoomsLead)}</p>
            <ul class="list-group mb-4">
                <For each=move || rooms.get() key=|r| (r.id, r.archived, r.name.it.clone()) let:r>
                    {
                        let name = r.name.clone();
                        view! {
                            <li class="list-group-item d-flex justify-content-between align-items-center gap-2 flex-wrap">
                                <span>
                                    <a href=format!("/community/rooms/{}", r.id)>{move || name.get(locale.0.get()).to_owned()}</a>
                                    <span class="small text-muted">" · " {tr(kind_key(r.kind))}
                                        {r.archived.then(|| view! { " · " {tr(K::CoArchived)} })}</span>
                                </span>
                                <a class="btn btn-sm btn-outline-primary" href=format!("/staff/rooms/{}", r.id)>
                                    {tr(K::CoManage)} <span class="visually-hidden">" " {r.name.get(locale.0.get_untracked()).to_owned()}</span>
                                </a>
                            </li>
                        }
                    }
                </For>
            </ul>
            <form class="card card-bg p-3" on:submit=create aria-labelledby="new-room">
                <h2 class="h5" id="new-room">{tr(K::CoNewRoom)}</h2>
                <div class="mb-2">
                    <label class="form-label" for="new-kind">{tr(K::CoKind)}</label>
                    <select class="form-select" id="new-kind" on:change=move |ev| kind.set(match event_target_value(&ev).as_str() {
                        "private" => RoomKind::Private,
                        "announcement" => RoomKind::Announcement,
                        _ => RoomKind::Public,
                    })>
                        <option value="public">{tr(K::CoPublic)}</option>
                        <option value="private">{tr(K::CoPrivate)}</option>
                        <option value="announcement">{tr(K::CoAnnouncement)}</option>
                    </select>
                </div>
                <Show when=move || kind.get() == RoomKind::Public>
                    <div class="mb-2">
                        <label class="form-label" for="new-topic">{tr(K::CoTopic)}</label>
                        <select class="form-select" id="new-topic" on:change=move |ev| topic.set(
                            if event_target_value(&ev) == "territory" { RoomTopic::Territory } else { RoomTopic::Theme })>
                            <option value="theme">{tr(K::CoTopicTheme)}</option>
                            <option value="territory">{tr(K::CoTopicTerritory)}</option>
                        </select>
                    </div>
                </Show>
                {texts.view("new")}
                <ErrorSummary error=error />
                {move || created.get().then(|| view! { <p class="text-success" role="status">{tr(K::CoCreated)}</p> })}
                <div><button type="submit" class="btn btn-primary">{tr(K::CoCreate)}</button></div>
            </form>
        </Page>
    }
}

/// A reason for the moderation log, asked with each change.
fn reason_input(id: &'static str, value: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="mb-2">
            <label class="form-label" for=id>{tr(K::CoChangeReason)}</label>
            <input class="form-control" id=id maxlength="1000"
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
        </div>
    }
}

#[component]
pub fn RoomAdmin() -> impl IntoView {
    let params = use_params_map();
    let Some(room_id) =
        params.with_untracked(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok()))
    else {
        return view! { <crate::components::NotFound /> }.into_any();
    };
    let locale = use_locale();
    let room = RwSignal::new(None::<Room>);
    let members = RwSignal::new(Vec::<RoomMember>::new());
    let entries = RwSignal::new(Vec::<ModerationEntry>::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let texts = Texts::new();
    let texts_reason = RwSignal::new(String::new());
    let slow = RwSignal::new(String::from("0"));
    let slow_reason = RwSignal::new(String::new());
    let archive_reason = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let found = RwSignal::new(Vec::<Contact>::new());
    let load = move || {
        spawn_local(async move {
            match api::room(room_id).await {
                Ok(r) => {
                    texts.fill(&r);
                    slow.set(r.slow_mode_seconds.unwrap_or(0).to_string());
                    room.set(Some(r));
                }
                Err(e) => error.set(Some(e)),
            }
            if let Ok(m) = api::room_members(room_id).await {
                members.set(m);
            }
            if let Ok(l) = api::moderation_log(Some(room_id)).await {
                entries.set(l);
            }
        });
    };
    load();
    let outcome = move |r: Result<(), ApiError>| match r {
        Ok(()) => {
            error.set(None);
            done.set(true);
            load();
        }
        Err(e) => {
            done.set(false);
            error.set(Some(e));
        }
    };
    let save_texts = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let update = RoomUpdate {
            name: Texts::pair(texts.name_it, texts.name_en),
            description: Texts::pair(texts.description_it, texts.description_en),
            rules: Texts::pair(texts.rules_it, texts.rules_en),
            reason: texts_reason.get_untracked(),
        };
        spawn_local(async move { outcome(api::update_room(room_id, &update).await) });
    };
    let set_slow = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let seconds = slow
            .get_untracked()
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|s| *s > 0);
        let why = slow_reason.get_untracked();
        spawn_local(async move { outcome(api::room_slow_mode(room_id, seconds, &why).await) });
    };
    let archive = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !confirm(text(locale.0.get_untracked(), K::CoArchiveConfirm)) {
            return;
        }
        let why = archive_reason.get_untracked();
        spawn_local(async move { outcome(api::archive_room(room_id, &why).await) });
    };
    let find = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = search.get_untracked();
        spawn_local(async move {
            match api::contacts(&q).await {
                Ok(c) => found.set(c),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let title = move || {
        room.with(|r| r.as_ref().map(|r| r.name.get(locale.0.get()).to_owned()))
            .unwrap_or_default()
    };
    view! {
        <Page title=K::CoManage>
            <p class="lead">{title} " · " <a href=format!("/community/rooms/{room_id}")>{tr(K::CoRoom)}</a></p>
            <ErrorSummary error=error />
            {move || done.get().then(|| view! { <div class="alert alert-success" role="status">{tr(K::CoActionDone)}</div> })}
            <form class="card card-bg p-3 mb-3" on:submit=save_texts aria-labelledby="room-texts">
                <h2 class="h5" id="room-texts">{tr(K::CoTexts)}</h2>
                {texts.view("edit")}
                {reason_input("texts-reason", texts_reason)}
                <div><button type="submit" class="btn btn-primary">{tr(K::CoSaveTexts)}</button></div>
            </form>
            <form class="card card-bg p-3 mb-3" on:submit=set_slow aria-labelledby="room-slow">
                <h2 class="h5" id="room-slow">{tr(K::CoSlowMode)}</h2>
                <div class="mb-2">
                    <label class="form-label" for="slow-seconds">{tr(K::CoSlowSeconds)}</label>
                    <input class="form-control" id="slow-seconds" type="number" min="0" max="3600" inputmode="numeric"
                        prop:value=move || slow.get() on:input=move |ev| slow.set(event_target_value(&ev)) />
                </div>
                {reason_input("slow-reason", slow_reason)}
                <div><button type="submit" class="btn btn-primary">{tr(K::CoSetSlow)}</button></div>
            </form>
            <section class="card card-bg p-3 mb-3" aria-labelledby="room-members">
                <h2 class="h5" id="room-members">{tr(K::CoMembers)} " (" {move || members.with(Vec::len)} ")"</h2>
                <ul class="small">
                    <For each=move || members.get() key=|m| (m.user_id, m.muted_until, m.slow_mode_seconds) let:m>
                        <li>
                            {m.name.clone()}
                            {m.muted_until.map(|u| view! { " · " {tr(K::CoMutedUntil)} " " {crate::components::date_time(u, use_locale().0.get_untracked())} })}
                            {m.slow_mode_seconds.map(|s| view! { " · " {tr(K::CoSlowModeOn)} " " {s} " s" })}
                        </li>
                    </For>
                </ul>
                <form class="d-flex gap-2 flex-wrap" role="search" on:submit=find>
                    <label class="visually-hidden" for="member-search">{tr(K::CoAddMember)}</label>
                    <input class="form-control" id="member-search" type="search" maxlength="100"
                        placeholder=move || text(locale.0.get(), K::CoSearchPeople)
                        prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev)) />
                    <button type="submit" class="btn btn-outline-primary">{tr(K::CoSearchPeople)}</button>
                </form>
                <ul class="list-unstyled mt-2">
                    <For each=move || found.get() key=|c| c.user_id let:c>
                        {
                            let uid = c.user_id;
                            view! {
                                <li class="d-flex gap-2 align-items-center py-1">
                                    {c.name.clone()}
                                    <button type="button" class="btn btn-sm btn-outline-primary"
                                        on:click=move |_| spawn_local(async move { outcome(api::add_member(room_id, uid).await) })>
                                        {tr(K::CoAdd)} <span class="visually-hidden">" " {c.name.clone()}</span>
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </section>
            <Show when=move || room.with(|r| r.as_ref().is_some_and(|r| !r.archived))>
                <form class="card card-bg p-3 mb-3" on:submit=archive aria-labelledby="room-archive">
                    <h2 class="h5" id="room-archive">{tr(K::CoArchive)}</h2>
                    <p class="small">{tr(K::CoArchiveHint)}</p>
                    {reason_input("archive-reason", archive_reason)}
                    <div><button type="submit" class="btn btn-outline-danger">{tr(K::CoArchive)}</button></div>
                </form>
            </Show>
            <h2 class="h5">{tr(K::CoLogTitle)}</h2>
            <LogTable entries=entries />
        </Page>
    }
    .into_any()
}

/// A moderation log action in the reader's language (`modlog.<action>`); an action this
/// version does not know shows as it is stored.
fn action_label(action: &str) -> impl Fn() -> String + use<> {
    let locale = use_locale();
    let key = lookup(&format!("modlog.{action}"));
    let raw = action.replace('_', " ");
    move || key.map_or_else(|| raw.clone(), |k| text(locale.0.get(), k).to_owned())
}

#[component]
fn LogTable(entries: RwSignal<Vec<ModerationEntry>>) -> impl IntoView {
    view! {
        {move || entries.with(Vec::is_empty).then(|| view! { <p>{tr(K::CoNoEntries)}</p> })}
        <Show when=move || !entries.with(Vec::is_empty)>
            <div tabindex="0" role="region" aria-label=tr(K::CoLogTitle) class="table-responsive">
                <table class="table table-sm">
                    <caption class="visually-hidden">{tr(K::CoLogTitle)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr(K::CoWhen)}</th>
                            <th scope="col">{tr(K::CoWho)}</th>
                            <th scope="col">{tr(K::CoWhat)}</th>
                            <th scope="col">{tr(K::CoReason)}</th>
                            <th scope="col">{tr(K::CoUntil)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || entries.get() key=|e| e.id let:e>
                            <tr>
                                <td>{crate::components::date_time(e.created_at, use_locale().0.get_untracked())}</td>
                                <td>{e.actor_name.clone()}</td>
                                <td>{action_label(&e.action)}</td>
                                <td class="text-prewrap">{e.reason.clone()}</td>
                                <td>{e.until.map(|u| crate::components::date_time(u, use_locale().0.get_untracked())).unwrap_or_default()}</td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </div>
        </Show>
    }
}

#[component]
pub fn ModerationLog() -> impl IntoView {
    let entries = RwSignal::new(Vec::<ModerationEntry>::new());
    let error = RwSignal::new(None::<ApiError>);
    spawn_local(async move {
        match api::moderation_log(None).await {
            Ok(l) => entries.set(l),
            Err(e) => error.set(Some(e)),
        }
    });
    view! {
        <Page title=K::CoLogTitle>
            <p class="lead">{tr(K::CoLogLead)}</p>
            <ErrorSummary error=error />
            <LogTable entries=entries />
        </Page>
    }
}

fn action_key(a: FilterAction) -> K {
    match a {
        FilterAction::Block => K::CoFilterBlock,
        FilterAction::Hold => K::CoFilterHold,
        FilterAction::Flag => K::CoFilterFlag,
    }
}

#[component]
pub fn WordFilters() -> impl IntoView {
    let locale = use_locale();
    let filters = RwSignal::new(Vec::<WordFilter>::new());
    let error = RwSignal::new(None::<ApiError>);
    let term = RwSignal::new(String::new());
    let action = RwSignal::new(FilterAction::Hold);
    let reason = RwSignal::new(String::new());
    let load = move || {
        spawn_local(async move {
            match api::word_filters().await {
                Ok(f) => filters.set(f),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    load();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewWordFilter {
            term: term.get_untracked(),
            action: action.get_untracked(),
            reason: reason.get_untracked(),
        };
        spawn_local(async move {
            match api::add_word_filter(&body).await {
                Ok(_) => {
                    term.set(String::new());
                    error.set(None);
                    load();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <Page title=K::CoFiltersTitle>
            <p class="lead">{tr(K::CoFiltersLead)}</p>
            <ErrorSummary error=error />
            {move || filters.with(Vec::is_empty).then(|| view! { <p>{tr(K::CoNoFilters)}</p> })}
            <ul class="list-group mb-4">
                <For each=move || filters.get() key=|f| f.id let:f>
                    {
                        let id = f.id;
                        let term_text = f.term.clone();
                        view! {
                            <li class="list-group-item d-flex justify-content-between align-items-center gap-2 flex-wrap">
                                <span><strong>{f.term.clone()}</strong> " · " {tr(action_key(f.action))}</span>
                                <button type="button" class="btn btn-sm btn-outline-danger"
                                    on:click=move |_| {
                                        let Some(why) = crate::components::prompt(text(locale.0.get_untracked(), K::CoRemoveReason)) else { return; };
                                        spawn_local(async move {
                                            match api::remove_word_filter(id, &why).await {
                                                Ok(()) => load(),
                                                Err(e) => error.set(Some(e)),
                                            }
                                        });
                                    }>
                                    {tr(K::CoRemoveTerm)} <span class="visually-hidden">" " {term_text.clone()}</span>
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
            <form class="card card-bg p-3" on:submit=add>
                <div class="mb-2">
                    <label class="form-label" for="filter-term">{tr(K::CoTerm)}</label>
                    <input class="form-control" id="filter-term" maxlength="80" required
                        prop:value=move || term.get() on:input=move |ev| term.set(event_target_value(&ev)) />
                </div>
                <div class="mb-2">
                    <label class="form-label" for="filter-action">{tr(K::CoAction)}</label>
                    <select class="form-select" id="filter-action" on:change=move |ev| action.set(match event_target_value(&ev).as_str() {
                        "block" => FilterAction::Block,
                        "flag" => FilterAction::Flag,
                        _ => FilterAction::Hold,
                    })>
                        <option value="hold">{tr(K::CoFilterHold)}</option>
                        <option value="block">{tr(K::CoFilterBlock)}</option>
                        <option value="flag">{tr(K::CoFilterFlag)}</option>
                    </select>
                </div>
                {reason_input("filter-reason", reason)}
                <div><button type="submit" class="btn btn-primary">{tr(K::CoAdd)}</button></div>
            </form>
        </Page>
    }
}
