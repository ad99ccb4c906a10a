//! Saving as she goes: every change is kept in `localStorage` at once (nothing typed is lost,
//! even offline or on a reload) and sent to the server after a short pause, with the section's
//! version in `If-Match`. A stale version or a lost connection is shown with a way out.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use shared::{Completeness, ErrorCode, Profile, SectionData, SectionState, UserId};

use crate::api::{self, ApiError};
use crate::i18n::{K, tr};

/// How long after the last change a save starts.
const PAUSE: Duration = Duration::from_millis(1500);

/// A section's place in the whole profile.
pub trait Pick: SectionData + Send + Sync {
    fn pick(p: &Profile) -> SectionState<Self>;
}

macro_rules! pick {
    ($($ty:ty => $field:ident),+ $(,)?) => {$(
        impl Pick for $ty {
            fn pick(p: &Profile) -> SectionState<Self> {
                p.$field.clone()
            }
        }
    )+};
}

pick!(
    shared::AboutMe => about_me,
    shared::Household => household,
    shared::Conciliation => conciliation,
    shared::Education => education,
    shared::WorkHistory => work_history,
    shared::Availability => availability,
    shared::Goals => goals,
);

#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Idle,
    Unsaved,
    Saving,
    Saved(String),
    Offline,
    /// Saved from another device since this one loaded it.
    Conflict,
    Invalid,
}

#[derive(Serialize, Deserialize)]
struct Draft<T> {
    version: u32,
    data: T,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn draft_key<T: SectionData>(user: UserId) -> String {
    format!("sinergia.draft.{user}.{}", T::SECTION.as_str())
}

fn load_draft<T: SectionData>(user: UserId) -> Option<Draft<T>> {
    let raw = storage()?.get_item(&draft_key::<T>(user)).ok()??;
    serde_json::from_str(&raw).ok()
}

fn store_draft<T: SectionData>(user: UserId, version: u32, data: &T) {
    if let (Some(s), Ok(raw)) = (storage(), serde_json::to_string(&Draft { version, data })) {
        let _ = s.set_item(&draft_key::<T>(user), &raw);
    }
}

fn clear_draft<T: SectionData>(user: UserId) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&draft_key::<T>(user));
    }
}

fn now_hhmm() -> String {
    let d = js_sys::Date::new_0();
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

/// The state of one section being edited (signals only: cheap to copy into closures).
pub struct Editor<T: Pick> {
    pub user: UserId,
    pub draft: RwSignal<T>,
    pub version: RwSignal<u32>,
    pub status: RwSignal<Status>,
    pub error: RwSignal<Option<ApiError>>,
    pub completeness: RwSignal<Completeness>,
    /// Bumped on every change; a timer only saves if no change came after it.
    generation: RwSignal<u64>,
}

impl<T: Pick> Clone for Editor<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Pick> Copy for Editor<T> {}

impl<T: Pick + 'static> Editor<T> {
    /// Starts from the server's state, or from a draft this device kept.
    pub fn new(user: UserId, state: SectionState<T>) -> Self {
        let editor = Editor {
            user,
            draft: RwSignal::new(state.data.clone()),
            version: RwSignal::new(state.version),
            status: RwSignal::new(Status::Idle),
            error: RwSignal::new(None),
            completeness: RwSignal::new(state.completeness),
            generation: RwSignal::new(0),
        };
        if let Some(kept) = load_draft::<T>(user)
            && kept.data != state.data
        {
            editor.draft.set(kept.data);
            if kept.version == state.version {
                editor.status.set(Status::Unsaved);
                editor.schedule();
            } else {
                editor.status.set(Status::Conflict);
            }
        }
        let online = window_event_listener(leptos::ev::online, move |_| {
            if editor.status.try_get_untracked() == Some(Status::Offline) {
                editor.save_now();
            }
        });
        on_cleanup(move || {
            online.remove();
            // Leaving with changes not yet sent: send them now (the draft stays until they
            // are saved, so nothing is lost if this fails).
            if editor.status.try_get_untracked() == Some(Status::Unsaved)
                && let (Some(data), Some(version)) = (
                    editor.draft.try_get_untracked(),
                    editor.version.try_get_untracked(),
                )
            {
                spawn_local(async move {
                    if api::save_section(&data, version).await.is_ok() {
                        clear_draft::<T>(user);
                    }
                });
            }
        });
        editor
    }

    /// Changes the draft: kept on the device at once, sent after a pause.
    pub fn edit(&self, f: impl FnOnce(&mut T)) {
        self.draft.update(f);
        store_draft(
            self.user,
            self.version.get_untracked(),
            &self.draft.get_untracked(),
        );
        if self.status.get_untracked() != Status::Conflict {
            self.status.set(Status::Unsaved);
            self.schedule();
        }
    }

    fn schedule(&self) {
        let me = *self;
        let generation = me.generation.get_untracked() + 1;
        me.generation.set(generation);
        set_timeout(
            move || {
                if me.generation.try_get_untracked() == Some(generation) {
                    me.save_now();
                }
            },
            PAUSE,
        );
    }

    pub fn save_now(&self) {
        let me = *self;
        if matches!(me.status.get_untracked(), Status::Saving | Status::Conflict) {
            return;
        }
        let data = me.draft.get_untracked();
        let version = me.version.get_untracked();
        me.status.set(Status::Saving);
        spawn_local(async move {
            let result = api::save_section(&data, version).await;
            if me.status.try_get_untracked().is_none() {
                if result.is_ok() {
                    clear_draft::<T>(me.user);
                }
                return;
            }
            match result {
                Ok(saved) => {
                    me.version.set(saved.version);
                    me.completeness.set(saved.completeness);
                    me.error.set(None);
                    if me.draft.get_untracked() == data {
                        clear_draft::<T>(me.user);
                        me.status.set(Status::Saved(now_hhmm()));
                    } else {
                        store_draft(me.user, saved.version, &me.draft.get_untracked());
                        me.status.set(Status::Unsaved);
                        me.schedule();
                    }
                }
                Err(ApiError::Network(_)) => me.status.set(Status::Offline),
                Err(e) if e.code() == Some(ErrorCode::PreconditionFailed) => {
                    me.status.set(Status::Conflict)
                }
                Err(e) => {
                    me.error.set(Some(e));
                    me.status.set(Status::Invalid);
                }
            }
        });
    }

    /// After a conflict: take what is saved, dropping this device's changes.
    pub fn take_saved(&self) {
        let me = *self;
        spawn_local(async move {
            if let Ok(profile) = api::my_profile().await {
                let state = T::pick(&profile);
                clear_draft::<T>(me.user);
                me.draft.set(state.data);
                me.version.set(state.version);
                me.completeness.set(state.completeness);
                me.error.set(None);
                me.status.set(Status::Idle);
            }
        });
    }

    /// After a conflict: keep this device's changes and save them over the other ones.
    pub fn keep_mine(&self) {
        let me = *self;
        spawn_local(async move {
            if let Ok(profile) = api::my_profile().await {
                me.version.set(T::pick(&profile).version);
                me.status.set(Status::Unsaved);
                me.save_now();
            }
        });
    }
}

/// The save state, announced politely to screen readers, with the way out of each problem.
pub fn status_bar<T: Pick + 'static>(editor: Editor<T>) -> impl IntoView {
    view! {
        <div class="save-status" role="status" aria-live="polite" data-status=move || match editor.status.get() {
            Status::Idle => "idle",
            Status::Unsaved => "unsaved",
            Status::Saving => "saving",
            Status::Saved(_) => "saved",
            Status::Offline => "offline",
            Status::Conflict => "conflict",
            Status::Invalid => "invalid",
        }>
            {move || match editor.status.get() {
                Status::Idle => view! { <span>{tr(K::SaveIdle)}</span> }.into_any(),
                Status::Unsaved => view! { <span>{tr(K::SaveUnsaved)}</span> }.into_any(),
                Status::Saving => view! { <span>{tr(K::SaveSaving)}</span> }.into_any(),
                Status::Saved(at) => view! {
                    <span class="text-success fw-semibold">"✓ " {tr(K::SaveSaved)} " " {at}</span>
                }.into_any(),
                Status::Offline => view! {
                    <span class="text-danger">{tr(K::SaveOffline)}</span>
                    " "
                    <button type="button" class="btn btn-sm btn-primary" on:click=move |_| editor.save_now()>
                        {tr(K::Retry)}
                    </button>
                }.into_any(),
                Status::Conflict => view! {
                    <span class="text-danger">{tr(K::SaveConflict)}</span>
                    " "
                    <button type="button" class="btn btn-sm btn-outline-primary me-2" on:click=move |_| editor.take_saved()>
                        {tr(K::TakeSaved)}
                    </button>
                    <button type="button" class="btn btn-sm btn-primary" on:click=move |_| editor.keep_mine()>
                        {tr(K::KeepMine)}
                    </button>
                }.into_any(),
                Status::Invalid => view! { <span class="text-danger">{tr(K::SaveInvalid)}</span> }.into_any(),
            }}
        </div>
    }
}
