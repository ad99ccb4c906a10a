//! Admins manage their agency's accounts: create staff (who receive a one-time link to set
//! their password), disable and enable accounts.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{CreateStaffRequest, Role, UserAccount};

use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page, TextField, field_error};
use crate::i18n::{K, role_label, tr, use_locale};
use crate::session::use_session;

#[component]
pub fn Accounts() -> impl IntoView {
    let locale = use_locale();
    let session = use_session();
    let me = move || session.me.with(|m| m.as_ref().map(|m| m.id));
    let accounts = RwSignal::new(Vec::<UserAccount>::new());
    let next = RwSignal::new(None::<String>);
    let load_error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);

    let load = move |token: Option<String>| {
        spawn_local(async move {
            match api::list_users(token.as_deref()).await {
                Ok(page) => {
                    if token.is_some() {
                        accounts.update(|a| a.extend(page.items));
                    } else {
                        accounts.set(page.items);
                    }
                    next.set(page.next_page_token);
                    load_error.set(None);
                }
                Err(e) => load_error.set(Some(e)),
            }
        });
    };
    load(None);

    // The create form.
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Counsellor);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        notice.set(None);
        spawn_local(async move {
            let req = CreateStaffRequest {
                email: email.get_untracked(),
                name: name.get_untracked(),
                role: role.get_untracked(),
                language: locale.0.get_untracked(),
            };
            match api::create_staff(&req).await {
                Ok(created) => {
                    error.set(None);
                    name.set(String::new());
                    email.set(String::new());
                    notice.set(Some(created.account.email.clone()));
                    accounts.update(|a| a.insert(0, created.account));
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };

    let toggle = move |account: UserAccount| {
        spawn_local(async move {
            match api::set_disabled(account.id, !account.disabled).await {
                Ok(updated) => accounts.update(|list| {
                    if let Some(a) = list.iter_mut().find(|a| a.id == updated.id) {
                        *a = updated;
                    }
                }),
                Err(e) => load_error.set(Some(e)),
            }
        });
    };

    let curate = move |account: UserAccount| {
        spawn_local(async move {
            match api::set_curator(account.id, !account.catalogue_curator).await {
                Ok(updated) => accounts.update(|list| {
                    if let Some(a) = list.iter_mut().find(|a| a.id == updated.id) {
                        *a = updated;
                    }
                }),
                Err(e) => load_error.set(Some(e)),
            }
        });
    };

    view! {
        <Page title=K::AccountsTitle>
            <section aria-labelledby="new-staff" class="mb-5">
                <h2 id="new-staff" class="h4">{tr(K::NewStaff)}</h2>
                <p>{tr(K::NewStaffLead)}</p>
                <div aria-live="polite">
                    {move || notice.get().map(|email| view! {
                        <div class="alert alert-success" role="status">
                            {tr(K::StaffCreated)} " " <strong>{email}</strong>
                        </div>
                    })}
                </div>
                <div class="row">
                    <div class="col-12 col-md-8 col-lg-6">
                        <ErrorSummary error=error />
                        <form on:submit=submit novalidate=true>
                            <TextField id="staff-name" label=K::Name value=name autocomplete="off"
                                error=field_error(error, "/name") />
                            <TextField id="staff-email" label=K::Email value=email input_type="email"
                                autocomplete="off" error=field_error(error, "/email") />
                            <div class="mb-3">
                                <label for="staff-role" class="form-label fw-semibold">{tr(K::Role)}</label>
                                <select
                                    id="staff-role"
                                    class="form-select"
                                    on:change=move |ev| {
                                        if let Some(r) = Role::parse(&event_target_value(&ev)) {
                                            role.set(r);
                                        }
                                    }
                                >
                                    {[Role::Counsellor, Role::CommunityManager, Role::Admin]
                                        .into_iter()
                                        .map(|r| view! {
                                            <option value=r.as_str() selected=move || role.get() == r>
                                                {tr(role_label(r))}
                                            </option>
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                            <button type="submit" class="btn btn-primary" disabled=move || busy.get()>
                                {tr(K::CreateStaffButton)}
                            </button>
                        </form>
                    </div>
                </div>
            </section>
            <section aria-labelledby="all-accounts">
                <h2 id="all-accounts" class="h4">{tr(K::AllAccounts)}</h2>
                <ErrorSummary error=load_error />
                <div tabindex="0" role="region" aria-label=tr(K::AllAccounts) class="table-responsive">
                    <table class="table">
                        <caption class="visually-hidden">{tr(K::AllAccounts)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{tr(K::Name)}</th>
                                <th scope="col">{tr(K::Email)}</th>
                                <th scope="col">{tr(K::Role)}</th>
                                <th scope="col">{tr(K::Status)}</th>
                                <th scope="col"><span class="visually-hidden">{tr(K::Actions)}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || accounts.get() key=|a| (a.id, a.disabled, a.catalogue_curator) let:account>
                                {
                                    let status = if account.disabled {
                                        K::StatusDisabled
                                    } else if account.activated {
                                        K::StatusActive
                                    } else {
                                        K::StatusInvited
                                    };
                                    let action = if account.disabled { K::Enable } else { K::Disable };
                                    let who = account.name.clone();
                                    let target = account.clone();
                                    // Admins always curate; jobseekers never.
                                    let may_curate = matches!(account.role, Role::Counsellor | Role::CommunityManager);
                                    let curator = account.catalogue_curator;
                                    let curate_target = account.clone();
                                    let curate_who = account.name.clone();
                                    view! {
                                        <tr>
                                            <th scope="row">{account.name.clone()}</th>
                                            <td>{account.email.clone()}</td>
                                            <td>
                                                {tr(role_label(account.role))}
                                                {curator.then(|| view! {
                                                    <div class="small text-muted">{tr(K::CuratorBadge)}</div>
                                                })}
                                            </td>
                                            <td>{tr(status)}</td>
                                            <td>
                                                // An admin cannot disable herself.
                                                <Show when=move || me() != Some(target.id)>
                                                    <button
                                                        type="button"
                                                        class="btn btn-sm btn-outline-primary"
                                                        on:click={
                                                            let target = target.clone();
                                                            move |_| toggle(target.clone())
                                                        }
                                                    >
                                                        {tr(action)}
                                                        <span class="visually-hidden">" " {who.clone()}</span>
                                                    </button>
                                                </Show>
                                                {may_curate.then(|| view! {
                                                    <button
                                                        type="button"
                                                        class=if curator {
                                                            "btn btn-sm btn-secondary ms-1 mt-1"
                                                        } else {
                                                            "btn btn-sm btn-outline-secondary ms-1 mt-1"
                                                        }
                                                        aria-pressed=if curator { "true" } else { "false" }
                                                        on:click=move |_| curate(curate_target.clone())
                                                    >
                                                        {tr(K::CuratorToggle)}
                                                        <span class="visually-hidden">" " {curate_who.clone()}</span>
                                                    </button>
                                                })}
                                            </td>
                                        </tr>
                                    }
                                }
                            </For>
                        </tbody>
                    </table>
                </div>
                <Show when=move || next.with(Option::is_some)>
                    <button type="button" class="btn btn-outline-primary"
                        on:click=move |_| load(next.get_untracked())>
                        {tr(K::LoadMore)}
                    </button>
                </Show>
            </section>
        </Page>
    }
}
