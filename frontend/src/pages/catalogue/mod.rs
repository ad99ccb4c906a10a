//! The agency's catalogue of conciliation services, for staff: every service with its status
//! and when it was last checked, publish / retire / mark as checked (admins and curators),
//! import of a CSV or HSDS file (checked first, its report row by row, written whole or not
//! at all) and export in both formats.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{ExchangeFormat, ImportReport, Service, ServiceStatus};
use wasm_bindgen::JsCast;

mod contributions;
pub(crate) mod form;
mod providers;
mod service_editor;

pub use contributions::Contributions;
pub use providers::Providers;
pub use service_editor::ServiceEditor;

use crate::api::{self, ApiError};
use crate::components::{ErrorSummary, Page, save_bytes};
use crate::i18n::{K, code_label, tr};

/// The text of the file chosen in `input_id`, if any.
async fn chosen_file(input_id: &str) -> Option<(String, String)> {
    let input = web_sys::window()?
        .document()?
        .get_element_by_id(input_id)?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?;
    let file = input.files()?.get(0)?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()?;
    Some((file.name(), text.as_string()?))
}

#[component]
pub fn Catalogue() -> impl IntoView {
    let curator = form::curator();
    let services = RwSignal::new(Vec::<Service>::new());
    let next = RwSignal::new(None::<String>);
    let q = RwSignal::new(String::new());
    let load_error = RwSignal::new(None::<ApiError>);
    let load = move |token: Option<String>| {
        spawn_local(async move {
            let query = q.get_untracked();
            match api::staff_services(Some(&query), token.as_deref()).await {
                Ok(page) => {
                    if token.is_some() {
                        services.update(|s| s.extend(page.items));
                    } else {
                        services.set(page.items);
                    }
                    next.set(page.next_page_token);
                    load_error.set(None);
                }
                Err(e) => load_error.set(Some(e)),
            }
        });
    };
    load(None);

    let step = move |id: uuid::Uuid, what: &'static str| {
        spawn_local(async move {
            match api::step_service(id, what).await {
                Ok(updated) => services.update(|list| {
                    if let Some(s) = list.iter_mut().find(|s| s.id == updated.id) {
                        *s = updated;
                    }
                }),
                Err(e) => load_error.set(Some(e)),
            }
        });
    };

    // Import: check the file, read the report, then write it.
    let format = RwSignal::new(ExchangeFormat::Csv);
    let report = RwSignal::new(None::<ImportReport>);
    let file_text = RwSignal::new(None::<String>);
    let import_error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let done = RwSignal::new(None::<u32>);
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        done.set(None);
        spawn_local(async move {
            match chosen_file("import-file").await {
                None => {
                    report.set(None);
                    file_text.set(None);
                    import_error.set(Some(ApiError::Network(String::new())));
                }
                Some((_, text)) => {
                    match api::import_catalogue(format.get_untracked(), text.clone(), true).await {
                        Ok(r) => {
                            import_error.set(None);
                            file_text.set(Some(text));
                            report.set(Some(r));
                        }
                        Err(e) => {
                            report.set(None);
                            file_text.set(None);
                            import_error.set(Some(e));
                        }
                    }
                }
            }
            busy.set(false);
        });
    };
    let write = move |_| {
        let Some(text) = file_text.get_untracked() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            match api::import_catalogue(format.get_untracked(), text, false).await {
                Ok(r) => {
                    import_error.set(None);
                    done.set(Some(r.accepted));
                    report.set(None);
                    file_text.set(None);
                    load(None);
                }
                Err(e) => import_error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let export = move |f: ExchangeFormat| {
        spawn_local(async move {
            let path = format!("/catalogue/export?format={}", f.as_str());
            match api::download(&path).await {
                Ok(bytes) => {
                    let (mime, name) = match f {
                        ExchangeFormat::Csv => ("text/csv", "catalogo.csv"),
                        ExchangeFormat::Hsds => ("application/json", "catalogo.hsds.json"),
                    };
                    save_bytes(&bytes, mime, name);
                }
                Err(e) => import_error.set(Some(e)),
            }
        });
    };
    let all_accepted = move || report.with(|r| r.as_ref().is_some_and(|r| r.refused == 0));

    view! {
        <Page title=K::CatalogueTitle>
            <p>{tr(K::CatalogueLead)}</p>
            <nav aria-label=tr(K::CatalogueTitle) class="d-flex flex-wrap gap-2 mb-4">
                <a class="btn btn-outline-primary" href="/staff/catalogue/providers">{tr(K::CatalogueNavProviders)}</a>
                <a class="btn btn-outline-primary" href="/staff/catalogue/contributions">{tr(K::CatalogueNavContributions)}</a>
                <Show when=move || curator.get()>
                    <a class="btn btn-primary" href="/staff/catalogue/services/new">{tr(K::CatalogueNewService)}</a>
                </Show>
            </nav>
            <Show when=move || curator.get()>
            <section aria-labelledby="catalogue-import" class="mb-5">
                <h2 id="catalogue-import" class="h4">{tr(K::CatalogueImport)}</h2>
                <p>{tr(K::CatalogueImportLead)}</p>
                <div aria-live="polite">
                    {move || done.get().map(|n| view! {
                        <div class="alert alert-success" role="status">
                            {move || crate::i18n::fill(tr(K::CatalogueImported)(), &[("n", &n.to_string())])}
                        </div>
                    })}
                </div>
                <ErrorSummary error=import_error />
                <form on:submit=check novalidate=true class="row g-3 align-items-end">
                    <div class="col-12 col-md-3">
                        <label for="import-format" class="form-label fw-semibold">{tr(K::CatalogueFormat)}</label>
                        <select id="import-format" class="form-select"
                            on:change=move |ev| {
                                if let Some(f) = ExchangeFormat::parse(&event_target_value(&ev)) {
                                    format.set(f);
                                }
                            }>
                            {ExchangeFormat::ALL.iter().map(|f| view! {
                                <option value=f.as_str() selected=move || format.get() == *f>
                                    {code_label(*f)}
                                </option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="col-12 col-md-6">
                        <label for="import-file" class="form-label fw-semibold">{tr(K::CatalogueFile)}</label>
                        <input id="import-file" type="file" class="form-control"
                            accept=".csv,.json,text/csv,application/json"
                            on:change=move |_| { report.set(None); file_text.set(None); } />
                    </div>
                    <div class="col-12 col-md-3">
                        <button type="submit" class="btn btn-outline-primary w-100" disabled=move || busy.get()>
                            {tr(K::CatalogueCheck)}
                        </button>
                    </div>
                </form>
                {move || report.get().map(|r| {
                    let summary = crate::i18n::fill(
                        tr(K::CatalogueReportSummary)(),
                        &[("accepted", &r.accepted.to_string()), ("refused", &r.refused.to_string()),
                          ("providers", &r.new_providers.to_string()), ("locations", &r.new_locations.to_string())],
                    );
                    view! {
                        <div class="mt-4">
                            <h3 class="h5" id="import-report">{tr(K::CatalogueReport)}</h3>
                            <p role="status">{summary}</p>
                            <div tabindex="0" role="region" aria-labelledby="import-report" class="table-responsive">
                                <table class="table table-sm">
                                    <thead>
                                        <tr>
                                            <th scope="col">{tr(K::CatalogueRow)}</th>
                                            <th scope="col">{tr(K::CatalogueServiceName)}</th>
                                            <th scope="col">{tr(K::CatalogueOutcome)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {r.rows.into_iter().map(|row| {
                                            let outcome = if row.accepted {
                                                view! { <span class="badge bg-success">{tr(match row.action {
                                                    Some(shared::ImportAction::Update) => K::CatalogueRowUpdate,
                                                    _ => K::CatalogueRowCreate,
                                                })}</span> }.into_any()
                                            } else {
                                                view! {
                                                    <div>
                                                        <span class="badge bg-danger">{tr(K::CatalogueRowRefused)}</span>
                                                        <ul class="mb-0 ps-3 small">
                                                            {row.errors.into_iter().map(|e| view! {
                                                                <li><code>{e.pointer.trim_start_matches('/').to_owned()}</code> ": " {e.message}</li>
                                                            }).collect_view()}
                                                        </ul>
                                                    </div>
                                                }.into_any()
                                            };
                                            view! {
                                                <tr class:table-danger=!row.accepted>
                                                    <th scope="row">{row.row}</th>
                                                    <td class="text-break">{row.name}</td>
                                                    <td>{outcome}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <Show when=all_accepted fallback=|| view! {
                                <p class="text-danger fw-semibold">{tr(K::CatalogueFixAndRetry)}</p>
                            }>
                                <button type="button" class="btn btn-primary" on:click=write disabled=move || busy.get()>
                                    {tr(K::CatalogueImportButton)}
                                </button>
                            </Show>
                        </div>
                    }
                })}
            </section>
            </Show>
            <section aria-labelledby="catalogue-export" class="mb-5">
                <h2 id="catalogue-export" class="h4">{tr(K::CatalogueExport)}</h2>
                <div class="d-flex flex-wrap gap-2">
                    <button type="button" class="btn btn-outline-primary" on:click=move |_| export(ExchangeFormat::Csv)>
                        {tr(K::CatalogueExportCsv)}
                    </button>
                    <button type="button" class="btn btn-outline-primary" on:click=move |_| export(ExchangeFormat::Hsds)>
                        {tr(K::CatalogueExportHsds)}
                    </button>
                </div>
            </section>
            <section aria-labelledby="catalogue-services">
                <h2 id="catalogue-services" class="h4">{tr(K::CatalogueServices)}</h2>
                <form class="mb-3 d-flex flex-wrap gap-2" role="search"
                    on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); load(None); }>
                    <label for="catalogue-q" class="visually-hidden">{tr(K::CatalogueSearch)}</label>
                    <input id="catalogue-q" type="search" class="form-control w-auto flex-grow-1"
                        placeholder=tr(K::CatalogueSearch)
                        prop:value=move || q.get()
                        on:input=move |ev| q.set(event_target_value(&ev)) />
                    <button type="submit" class="btn btn-outline-primary">{tr(K::CatalogueSearch)}</button>
                </form>
                <ErrorSummary error=load_error />
                <div tabindex="0" role="region" aria-labelledby="catalogue-services" class="table-responsive">
                    <table class="table">
                        <thead>
                            <tr>
                                <th scope="col">{tr(K::CatalogueServiceName)}</th>
                                <th scope="col">{tr(K::CatalogueProvider)}</th>
                                <th scope="col">{tr(K::Status)}</th>
                                <th scope="col">{tr(K::CatalogueChecked)}</th>
                                <th scope="col"><span class="visually-hidden">{tr(K::Actions)}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || services.get() key=|s| (s.id, s.version) let:s>
                                {
                                    let id = s.id;
                                    let name = s.name.clone();
                                    let status = s.status;
                                    let checked = s.verified_at.map(|v| v.format("%d/%m/%Y").to_string());
                                    view! {
                                        <tr>
                                            <th scope="row" class="text-break">
                                                {name.clone()}
                                                <div class="small text-muted fw-normal">{code_label(s.category)}</div>
                                            </th>
                                            <td class="text-break">{s.provider.name.clone()}</td>
                                            <td>{code_label(status)}</td>
                                            <td>{checked.unwrap_or_else(|| "—".into())}</td>
                                            <td>
                                                {curator.get().then(|| view! {
                                                <div class="d-flex flex-wrap gap-1">
                                                    <a class="btn btn-sm btn-outline-primary" href=format!("/staff/catalogue/services/{id}")>
                                                        {tr(K::CatalogueEdit)}
                                                        <span class="visually-hidden">" " {name.clone()}</span>
                                                    </a>
                                                    <Show when=move || status != ServiceStatus::Published>
                                                        <button type="button" class="btn btn-sm btn-outline-primary"
                                                            on:click=move |_| step(id, "publish")>
                                                            {tr(K::CataloguePublish)}
                                                            <span class="visually-hidden">" " {name.clone()}</span>
                                                        </button>
                                                    </Show>
                                                    <Show when=move || status == ServiceStatus::Published>
                                                        <button type="button" class="btn btn-sm btn-outline-primary"
                                                            on:click=move |_| step(id, "retire")>
                                                            {tr(K::CatalogueRetire)}
                                                        </button>
                                                    </Show>
                                                    <button type="button" class="btn btn-sm btn-outline-secondary"
                                                        on:click=move |_| step(id, "verify")>
                                                        {tr(K::CatalogueVerify)}
                                                    </button>
                                                </div>
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
