//! Who is signed in. Restored at start from the refresh cookie.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{Me, Role};

use crate::api;

#[derive(Clone, Copy)]
pub struct Session {
    /// The signed-in user, if any.
    pub me: RwSignal<Option<Me>>,
    /// `false` until the start-up session check has answered.
    pub ready: RwSignal<bool>,
}

impl Session {
    pub fn role(&self) -> Option<Role> {
        self.me.with(|m| m.as_ref().map(|m| m.role))
    }

    /// One of the programme's editors: she changes the framework and the questionnaires.
    pub fn programme_editor(&self) -> bool {
        self.me
            .with(|m| m.as_ref().is_some_and(|m| m.programme_editor))
    }
}

pub fn provide_session() -> Session {
    let session = Session {
        me: RwSignal::new(None),
        ready: RwSignal::new(false),
    };
    provide_context(session);
    api::on_session_lost(move || session.me.set(None));
    spawn_local(async move {
        if api::may_have_session()
            && let Ok(tokens) = api::refresh().await
        {
            session.me.set(Some(tokens.user));
        }
        session.ready.set(true);
    });
    session
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Where a user lands after signing in.
pub fn home_of(role: Role) -> &'static str {
    match role {
        Role::Jobseeker => "/app",
        Role::Employer => "/staff/opportunities",
        _ => "/staff",
    }
}
