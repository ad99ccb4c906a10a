//! Who is in the room and who is online; those who run it act on a member from here: mute for
//! a while, slow down, remove or ban, each with a reason.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{MemberRole, UserId};
use uuid::Uuid;

use super::live::RoomState;
use crate::api::{self, ApiError, MemberAction};
use crate::components::ErrorSummary;
use crate::i18n::{K, text, tr, use_locale};

#[component]
pub(super) fn MemberList(state: RoomState) -> impl IntoView {
    let (me, members, room_id) = (state.me, state.members, state.room_id);
    let acting_on = RwSignal::new(None::<UserId>);
    view! {
        <details class="mb-2">
            <summary>
                {tr(K::CoPeople)} " (" {move || members.with(Vec::len)} " · "
                {move || members.with(|ms| ms.iter().filter(|m| m.online).count())} " " {tr(K::CoOnline)} ")"
            </summary>
            <ul class="list-unstyled small mb-0">
                <For each=move || members.get() key=|m| (m.user_id, m.online, m.muted_until) let:m>
                    {
                        let uid = m.user_id;
                        let can_act = Some(uid) != me && !m.staff;
                        view! {
                            <li class="py-1">
                                <span class=if m.online { "presence presence-on" } else { "presence" } aria-hidden="true"></span>
                                " " {m.name.clone()}
                                {(m.role == MemberRole::Manager).then(|| view! { <span class="text-muted">" · " {tr(K::CoManager)}</span> })}
                                <span class="visually-hidden">" · " {tr(if m.online { K::CoOnline } else { K::CoOffline })}</span>
                                {m.muted_until.map(|u| view! { <span class="text-muted">" · " {tr(K::CoMutedUntil)} " " {crate::components::date_time(u, use_locale().0.get_untracked())}</span> })}
                                {move || (state.runs() && can_act).then(|| view! {
                                    " "
                                    <button type="button" class="btn btn-link btn-sm p-0"
                                        aria-expanded=move || (acting_on.get() == Some(uid)).to_string()
                                        on:click=move |_| acting_on.update(|a| *a = if *a == Some(uid) { None } else { Some(uid) })>
                                        {tr(K::CoModerate)} <span class="visually-hidden">" " {m.name.clone()}</span>
                                    </button>
                                })}
                                {move || (acting_on.get() == Some(uid)).then(|| view! {
                                    <MemberActions room_id=room_id user=uid acting_on=acting_on on_done=Callback::new(move |()| state.load_members()) />
                                })}
                            </li>
                        }
                    }
                </For>
            </ul>
        </details>
    }
}

/// What those who run a room do to one member: mute for a while, slow down, remove or ban,
/// each with a reason (it goes to the moderation log; she sees why she is muted).
#[component]
fn MemberActions(
    room_id: Uuid,
    user: UserId,
    acting_on: RwSignal<Option<UserId>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    let action = RwSignal::new("mute_60".to_owned());
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let act = match action.get_untracked().as_str() {
            "mute_60" => MemberAction::Mute { minutes: 60 },
            "mute_1440" => MemberAction::Mute { minutes: 1440 },
            "mute_10080" => MemberAction::Mute { minutes: 10080 },
            "slow_60" => MemberAction::SlowMode { seconds: Some(60) },
            "slow_off" => MemberAction::SlowMode { seconds: None },
            "remove" => MemberAction::Remove,
            _ => MemberAction::Ban,
        };
        let why = reason.get_untracked();
        spawn_local(async move {
            match api::act_on_member(room_id, user, &act, &why).await {
                Ok(()) => {
                    done.set(true);
                    error.set(None);
                    on_done.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let select_id = format!("member-action-{user}");
    let reason_id = format!("member-reason-{user}");
    let options = [
        ("mute_60", K::CoMute1h),
        ("mute_1440", K::CoMute1d),
        ("mute_10080", K::CoMute7d),
        ("slow_60", K::CoSlow1m),
        ("slow_off", K::CoSlowOff),
        ("remove", K::CoRemove),
        ("ban", K::CoBan),
    ];
    view! {
        <form class="card card-bg p-2 mt-1" on:submit=submit>
            <label class="form-label small" for=select_id.clone()>{tr(K::CoAction)}</label>
            <select class="form-select form-select-sm" id=select_id on:change=move |ev| action.set(event_target_value(&ev))>
                {options.into_iter().map(|(v, k)| view! {
                    <option value=v>{move || text(locale.0.get(), k)}</option>
                }).collect_view()}
            </select>
            <label class="form-label small mt-2" for=reason_id.clone()>{tr(K::CoReason)}</label>
            <input class="form-control form-control-sm" id=reason_id maxlength="1000" required
                prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
            <ErrorSummary error=error />
            {move || done.get().then(|| view! { <p class="small text-success mb-0" role="status">{tr(K::CoActionDone)}</p> })}
            <div class="d-flex gap-2 mt-2">
                <button type="submit" class="btn btn-sm btn-primary">{tr(K::CoApply)}</button>
                <button type="button" class="btn btn-sm btn-outline-primary" on:click=move |_| acting_on.set(None)>{tr(K::Cancel)}</button>
            </div>
        </form>
    }
}
