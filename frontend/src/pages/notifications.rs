//! Her notifications (`/notifications`): what happened, newest first, the unread marked; each
//! leads to its page and is marked read on the way; all can be marked read at once.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use shared::{Notification, NotificationKind};

use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page, date_time, use_bell};
use crate::i18n::{K, code_label, fill, text, tr, use_locale};

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let locale = use_locale();
    let bell = use_bell();
    let list = RwSignal::new(None::<Vec<Notification>>);
    let error = RwSignal::new(None::<ApiError>);
    let load = move || {
        spawn_local(async move {
            match api::notifications(50).await {
                Ok(n) => {
                    bell.unread.set(n.unread);
                    list.set(Some(n.items));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    load();
    let read_all = move |_| {
        spawn_local(async move {
            match api::read_all_notifications().await {
                Ok(()) => load(),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let sentence = move |n: &Notification| {
        let lang = locale.0.get();
        match n.kind {
            NotificationKind::ApplicationStep => {
                let status = n
                    .status
                    .map(|s| code_label(s)().to_owned())
                    .unwrap_or_default();
                fill(
                    text(lang, K::NotifyApplicationStep),
                    &[("title", &n.title), ("status", &status)],
                )
            }
            NotificationKind::ApplicantReceived => fill(
                text(lang, K::NotifyApplicantReceived),
                &[("title", &n.title)],
            ),
            NotificationKind::JoinRequested => {
                fill(text(lang, K::NotifyJoinRequested), &[("title", &n.title)])
            }
        }
    };
    let unread = move || bell.unread.get();
    view! {
        <Page title=K::NotificationsTitle>
            <ErrorSummary error=error />
            <Show when=move || { unread() > 0 }>
                <button type="button" class="btn btn-outline-primary mb-3" on:click=read_all>
                    {tr(K::NotificationsReadAll)}
                </button>
            </Show>
            {move || list.get().map(|items| {
                if items.is_empty() {
                    view! { <p class="text-muted">{tr(K::NotificationsNone)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="list-group mb-4">
                            {items.into_iter().map(|n| {
                                let unread = !n.read;
                                let id = n.id;
                                let link = n.link.clone();
                                let at = n.created_at;
                                let said = sentence(&n);
                                view! {
                                    <li class="list-group-item" class:notification-unread=unread>
                                        <A href=link attr:class="d-block text-break"
                                            on:click=move |_| if unread {
                                                spawn_local(async move {
                                                    let _ = api::read_notification(id).await;
                                                    bell.refresh();
                                                });
                                            }>
                                            {unread.then(|| view! { <span class="badge bg-primary me-2">{tr(K::NotificationsNew)}</span> })}
                                            <span class:fw-semibold=unread>{said}</span>
                                        </A>
                                        <span class="small text-muted">{move || date_time(at, locale.0.get())}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            })}
        </Page>
    }
}
