//! The community: her rooms with unread badges, a room with its history and live messages, and
//! the moderators' reports queue.

mod moderation;
mod room;

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{Room, RoomKind};

pub use moderation::ModerationQueue;
pub use room::RoomPage;

use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page};
use crate::i18n::{K, tr, use_locale};

pub fn kind_key(k: RoomKind) -> K {
    match k {
        RoomKind::Public => K::CoPublic,
        RoomKind::Private => K::CoPrivate,
        RoomKind::Announcement => K::CoAnnouncement,
        RoomKind::Direct => K::CoDirect,
    }
}

#[component]
pub fn CommunityHome() -> impl IntoView {
    let locale = use_locale();
    let rooms = RwSignal::new(Vec::<Room>::new());
    let error = RwSignal::new(None::<ApiError>);
    let load = move || {
        spawn_local(async move {
            match api::rooms().await {
                Ok(r) => rooms.set(r),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    load();
    let join = move |id: uuid::Uuid| {
        spawn_local(async move {
            match api::join_room(id).await {
                Ok(_) => load(),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <Page title=K::CoTitle>
            <p class="lead">{tr(K::CoLead)}</p>
            <ErrorSummary error=error />
            <ul class="list-group">
                <For each=move || rooms.get() key=|r| (r.id, r.role, r.unread) let:r>
                    {
                        let id = r.id;
                        let name = r.name.clone();
                        let description = r.description.clone();
                        let member = r.role.is_some();
                        let unread = r.unread;
                        let mentions = r.unread_mentions;
                        view! {
                            <li class="list-group-item d-flex justify-content-between align-items-start gap-2 flex-wrap">
                                <div>
                                    <a class="fw-semibold" href=format!("/community/rooms/{id}")>
                                        {move || name.get(locale.0.get()).to_owned()}
                                    </a>
                                    <span class="small text-muted">" · " {tr(kind_key(r.kind))}</span>
                                    <p class="small mb-0">{move || description.get(locale.0.get()).to_owned()}</p>
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
                                    {(!member).then(|| view! {
                                        <button type="button" class="btn btn-sm btn-outline-primary" on:click=move |_| join(id)>
                                            {tr(K::CoJoin)}
                                        </button>
                                    })}
                                </div>
                            </li>
                        }
                    }
                </For>
            </ul>
            {move || rooms.with(Vec::is_empty).then(|| view! { <p>{tr(K::CoNoRooms)}</p> })}
        </Page>
    }
}
