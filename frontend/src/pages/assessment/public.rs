//! What an employer sees through her share link: the portfolio only, no account needed. The
//! token travels in the URL's fragment, which browsers never send to a server or in a
//! `Referer`; the page posts it to the API.

use leptos::prelude::*;
use shared::{ErrorCode, Portfolio};

use super::labels::{level_key, localized};
use crate::api::{self, ApiError};
use crate::components::date;
use crate::components::{ErrorSummary, Page};
use crate::i18n::{K, tr, use_locale};

fn token_from_fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.trim_start_matches('#')
        .split('&')
        .find_map(|kv| kv.strip_prefix("token="))
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

#[component]
pub fn SharedPortfolio() -> impl IntoView {
    let data = LocalResource::new(|| async {
        let token = token_from_fragment().ok_or(ApiError::Network("no token".into()))?;
        api::open_share(&token).await
    });
    view! {
        <Page title=K::AsSharedTitle>
            <Suspense fallback=|| view! { <p role="status">{tr(K::Loading)}</p> }>
                {move || data.get().map(|r| match r {
                    Ok(p) => portfolio_view(p).into_any(),
                    Err(ApiError::Problem(p)) if p.code == ErrorCode::NotFound => view! {
                        <div class="alert alert-warning" role="alert">{tr(K::AsShareGone)}</div>
                    }.into_any(),
                    Err(ApiError::Network(_)) if token_from_fragment().is_none() => view! {
                        <div class="alert alert-warning" role="alert">{tr(K::AsShareGone)}</div>
                    }.into_any(),
                    Err(e) => view! { <ErrorSummary error=RwSignal::new(Some(e)) /> }.into_any(),
                })}
            </Suspense>
        </Page>
    }
}

fn portfolio_view(p: Portfolio) -> impl IntoView {
    let locale = use_locale();
    let validated = p.validated_at;
    view! {
        <p class="lead mb-1"><strong>{p.holder_name.clone()}</strong></p>
        <p>
            {localized(&p.instrument_title)} " · " {tr(K::AsValidatedBy)} " " {p.validated_by_name.clone()}
            " (" {p.agency_name.clone()} "), " {move || date(validated, locale.0.get())}
        </p>
        <p class="small">{tr(K::AsSharedLead)}</p>
        <ul class="list-unstyled">
            {p.competences.into_iter().map(|c| view! {
                <li class="mb-3">
                    <h2 class="h5 mb-1">{localized(&c.name)} " — " {tr(level_key(c.level))}</h2>
                    <p class="mb-1">{localized(&c.at_work)}</p>
                    <p class="small mb-0">"ESCO " <a href=c.esco_uri.clone() rel="noopener noreferrer">{c.esco_code.clone()}</a></p>
                </li>
            }).collect_view()}
        </ul>
    }
}
