//! The community: her rooms and direct conversations with unread badges, people she can write
//! to, her settings; a room with its history and live messages; the moderators' reports queue,
//! log and word filter, and the room management of the staff area.

mod labels;
use labels::kind_key;
mod moderation;
mod room;
mod staff;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use shared::{CommunitySettings, Contact, Role, Room, RoomKind};

pub use moderation::ModerationQueue;
pub use room::RoomPage;
pub use staff::{ModerationLog, RoomAdmin, RoomsAdmin, WordFilters};

use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page};
use crate::i18n::{K, fill, text, tr, use_locale};
use crate::session::use_session;

fn role_key(r: Role) -> K {
    match r {
        Role::Jobseeker => K::RoleJobseeker,
        Role::Counsellor => K::RoleCounsellor,
        Role::CommunityManager => K::RoleCommunityManager,
        Role::Admin => K::RoleAdmin,
        Role::Employer => K::RoleEmployer,
    }
}

/// One room of the list, with its badges and, when she is not in it, the button to join.
fn room_item(r: Room, join: impl Fn(uuid::Uuid) + Copy + 'static) -> impl IntoView {
    let locale = use_locale();
    let id = r.id;
    let name = r.name.clone();
    let description = r.description.clone();
    let member = r.role.is_some();
    let unread = r.unread;
    let mentions = r.unread_mentions;
    let peer = r.peer.clone();
    let kind = r.kind;
    view! {
        <li class="list-group-item d-flex justify-content-between align-items-start gap-2 flex-wrap">
            <div>
                {match peer {
                    Some(p) => view! {
                        {p.online.then(|| view! { <span class="presence presence-on" aria-hidden="true"></span> " " })}
                        <a class="fw-semibold" href=format!("/community/rooms/{id}")>{p.name.clone()}</a>
                        <span class="small text-muted">" · " {tr(role_key(p.role))}
                            {p.online.then(|| view! { " · " {tr(K::CoOnline)} })}</span>
                    }.into_any(),
                    None => view! {
                        <a class="fw-semibold" href=format!("/community/rooms/{id}")>
                            {move || name.get(locale.0.get()).to_owned()}
                        </a>
                        <span class="small text-muted">" · " {tr(kind_key(kind))}
                            {r.archived.then(|| view! { " · " {tr(K::CoArchived)} })}</span>
                        <p class="small mb-0">{move || description.get(locale.0.get()).to_owned()}</p>
                    }.into_any(),
                }}
            </div>
            <div class="d-flex gap-2 align-items-center">
                {(unread > 0).then(|| view! {
                    <span class="badge bg-primary">
                        {unread} <span class="visually-hidden">" " {tr(K::CoUnread)}</span>
                    </span>
                })}
                {(mentions > 0).then(|| view! {
                    <span class="badge bg-warning text-dark">
                        "@" {mentions} <span class="visually-hidden">" " {tr(K::CoMentions)}</span>
                    </span>
                })}
                {(!member).then(|| {
                    let name = r.name.clone();
                    view! {
                        <button type="button" class="btn btn-sm btn-outline-primary" on:click=move |_| join(id)
                            aria-label=move || fill(text(locale.0.get(), K::CoJoinRoom), &[("room", name.get(locale.0.get()))])>
                            {tr(K::CoJoin)}
                        </button>
                    }
                })}
            </div>
        </li>
    }
}

#[component]
pub fn CommunityHome() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let manages = session
        .me
        .with_untracked(|m| {
            m.as_ref()
                .map(|m| matches!(m.role, Role::CommunityManager | Role::Admin))
        })
        .unwrap_or(false);
    let rooms = RwSignal::new(Vec::<Room>::new());
    let contacts = RwSignal::new(Vec::<Contact>::new());
    let search = RwSignal::new(String::new());
    let settings = RwSignal::new(None::<CommunitySettings>);
    let saved = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let load = move || {
        spawn_local(async move {
            match api::rooms().await {
                Ok(r) => rooms.set(r),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let find = move || {
        let q = search.get_untracked();
        spawn_local(async move {
            match api::contacts(&q).await {
                Ok(c) => contacts.set(c),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    load();
    find();
    spawn_local(async move {
        if let Ok(s) = api::community_settings().await {
            settings.set(Some(s));
        }
    });
    let join = move |id: uuid::Uuid| {
        spawn_local(async move {
            match api::join_room(id).await {
                Ok(_) => load(),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let write_to = move |user: shared::UserId| {
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::open_direct(user).await {
                Ok(r) => navigate(&format!("/community/rooms/{}", r.id), Default::default()),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let save_settings = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(s) = settings.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match api::save_community_settings(&s).await {
                Ok(s) => {
                    settings.set(Some(s));
                    saved.set(true);
                    error.set(None);
                    find();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let of = move |direct: bool, member: bool| {
        rooms
            .get()
            .into_iter()
            .filter(move |r| {
                (r.kind == RoomKind::Direct) == direct && (r.role.is_some() == member || direct)
            })
            .collect::<Vec<_>>()
    };
    view! {
        <Page title=K::CoTitle>
            <p class="lead">{tr(K::CoLead)}</p>
            {manages.then(|| view! {
                <nav class="mb-3" aria-label=tr(K::CoStaffLinks)>
                    <ul class="list-inline mb-0">
                        <li class="list-inline-item"><a href="/staff/rooms">{tr(K::CoManageRooms)}</a></li>
                        <li class="list-inline-item"><a href="/staff/moderation">{tr(K::CoModerationTitle)}</a></li>
                        <li class="list-inline-item"><a href="/staff/moderation/log">{tr(K::CoLogTitle)}</a></li>
                        <li class="list-inline-item"><a href="/staff/moderation/filters">{tr(K::CoFiltersTitle)}</a></li>
                    </ul>
                </nav>
            })}
            <ErrorSummary error=error />
            <h2 class="h5 mt-3">{tr(K::CoMyRooms)}</h2>
            <ul class="list-group">
                <For each=move || of(false, true) key=|r| (r.id, r.role, r.unread, r.unread_mentions) let:r>
                    {room_item(r, join)}
                </For>
            </ul>
            {move || of(false, true).is_empty().then(|| view! { <p>{tr(K::CoNoRooms)}</p> })}
            <h2 class="h5 mt-4">{tr(K::CoDirectTitle)}</h2>
            <ul class="list-group">
                <For each=move || of(true, true) key=|r| (r.id, r.unread, r.peer.as_ref().map(|p| p.online)) let:r>
                    {room_item(r, join)}
                </For>
            </ul>
            {move || of(true, true).is_empty().then(|| view! { <p>{tr(K::CoNoDirect)}</p> })}
            {move || (!of(false, false).is_empty()).then(|| view! {
                <h2 class="h5 mt-4">{tr(K::CoOtherRooms)}</h2>
                <ul class="list-group">
                    <For each=move || of(false, false) key=|r| (r.id, r.role) let:r>
                        {room_item(r, join)}
                    </For>
                </ul>
            })}
            <section class="mt-4" aria-labelledby="write-to">
                <h2 class="h5" id="write-to">{tr(K::CoWriteTo)}</h2>
                <p class="small">{tr(K::CoWriteToHint)}</p>
                <form class="d-flex gap-2 mb-2" role="search" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); find(); }>
                    <label class="visually-hidden" for="people-search">{tr(K::CoSearchPeople)}</label>
                    <input class="form-control" id="people-search" type="search" maxlength="100"
                        placeholder=move || crate::i18n::text(use_locale().0.get(), K::CoSearchPeople)
                        prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev)) />
                    <button type="submit" class="btn btn-outline-primary">{tr(K::CoSearchPeople)}</button>
                </form>
                <ul class="list-group">
                    <For each=move || contacts.get() key=|c| (c.user_id, c.online) let:c>
                        {
                            let uid = c.user_id;
                            let write_to = write_to.clone();
                            view! {
                                <li class="list-group-item d-flex justify-content-between align-items-center gap-2 flex-wrap">
                                    <span>
                                        <span class=if c.online { "presence presence-on" } else { "presence" } aria-hidden="true"></span>
                                        " " {c.name.clone()}
                                        <span class="small text-muted">" · " {tr(role_key(c.role))}
                                            " · " {tr(if c.online { K::CoOnline } else { K::CoOffline })}</span>
                                    </span>
                                    <button type="button" class="btn btn-sm btn-outline-primary" on:click=move |_| write_to(uid)>
                                        {tr(K::CoMessage)} <span class="visually-hidden">" " {c.name.clone()}</span>
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ul>
                {move || contacts.with(Vec::is_empty).then(|| view! { <p>{tr(K::CoNoContacts)}</p> })}
            </section>
            {move || settings.get().map(|s| view! {
                <form class="card card-bg p-3 mt-4" on:submit=save_settings aria-labelledby="co-settings">
                    <h2 class="h5" id="co-settings">{tr(K::CoSettings)}</h2>
                    <div class="form-check">
                        <input class="form-check-input" type="checkbox" id="allow-direct"
                            aria-describedby="allow-direct-hint"
                            prop:checked=s.allow_direct_messages
                            on:change=move |ev| settings.update(|s| if let Some(s) = s { s.allow_direct_messages = event_target_checked(&ev); })/>
                        <label class="form-check-label" for="allow-direct">{tr(K::CoAllowDirect)}</label>
                        <p class="small text-muted" id="allow-direct-hint">{tr(K::CoAllowDirectHint)}</p>
                    </div>
                    <div class="form-check">
                        <input class="form-check-input" type="checkbox" id="show-presence"
                            prop:checked=s.show_presence
                            on:change=move |ev| settings.update(|s| if let Some(s) = s { s.show_presence = event_target_checked(&ev); })/>
                        <label class="form-check-label" for="show-presence">{tr(K::CoShowPresence)}</label>
                    </div>
                    <div class="mt-2">
                        <button type="submit" class="btn btn-primary">{tr(K::SaveNow)}</button>
                    </div>
                    {move || saved.get().then(|| view! { <p class="small text-success mt-2 mb-0" role="status">{tr(K::CoSaved)}</p> })}
                </form>
            })}
        </Page>
    }
}
