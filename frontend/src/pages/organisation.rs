//! An organisation's fields as they are edited: by the agency's admin, by its HR, or in the
//! public form of an organisation asking to join.

use leptos::prelude::*;
use shared::{CompanySize, Employer, EmployerInput, Municipality};

use crate::api::ApiError;
use crate::components::err_at;
use crate::i18n::{K, tr};
use crate::pages::catalogue::form::{Checks, Choice, Field, Kind};

/// The fields of an organisation as they are edited: by the agency's admin, by its HR, or in
/// the public form of an organisation asking to join.
#[derive(Clone, Copy)]
pub struct Organisation {
    name: RwSignal<String>,
    ateco: RwSignal<String>,
    size: RwSignal<CompanySize>,
    pub municipality: RwSignal<String>,
    benefits: RwSignal<Vec<shared::EmployerBenefit>>,
    website: RwSignal<String>,
}

impl Organisation {
    pub fn new(e: Option<&Employer>) -> Self {
        Self {
            name: RwSignal::new(e.map(|e| e.name.clone()).unwrap_or_default()),
            ateco: RwSignal::new(e.map(|e| e.ateco.clone()).unwrap_or_default()),
            size: RwSignal::new(e.map_or(CompanySize::Small, |e| e.size)),
            municipality: RwSignal::new(e.map(|e| e.municipality.clone()).unwrap_or_default()),
            benefits: RwSignal::new(e.map(|e| e.benefits.clone()).unwrap_or_default()),
            website: RwSignal::new(e.and_then(|e| e.website.clone()).unwrap_or_default()),
        }
    }

    pub fn input(&self) -> EmployerInput {
        EmployerInput {
            name: self.name.get_untracked(),
            ateco: self.ateco.get_untracked(),
            size: self.size.get_untracked(),
            municipality: self.municipality.get_untracked(),
            benefits: self.benefits.get_untracked(),
            website: Some(self.website.get_untracked()).filter(|w| !w.trim().is_empty()),
        }
    }
}

/// The organisation's fields; `prefix` is where they sit in the body (for its errors), `seats`
/// the municipalities to choose from.
#[component]
pub fn OrganisationFields(
    org: Organisation,
    error: RwSignal<Option<ApiError>>,
    prefix: &'static str,
    #[prop(into)] seats: Signal<Vec<Municipality>>,
) -> impl IntoView {
    let at = move |p: &str| err_at(error, format!("{prefix}{p}"));
    let municipality_error = at("/municipality");
    let municipality = org.municipality;
    view! {
        <Field id="e-name".into() label=K::ProvidersName value=org.name error=at("/name") required=true />
        <div class="row">
            <div class="col-12 col-md-6">
                <Field id="e-ateco".into() label=K::EmployersAteco value=org.ateco error=at("/ateco") required=true hint=K::EmployersAtecoHint />
            </div>
            <div class="col-12 col-md-6"><Choice id="e-size" label=K::EmployersSize value=org.size error=at("/size") /></div>
        </div>
        <div class="mb-3">
            <label for="e-municipality" class="form-label fw-semibold">{tr(K::EmployersSeat)}</label>
            <select id="e-municipality" class="form-select"
                class:is-invalid=move || municipality_error.with(Option::is_some)
                aria-describedby=move || municipality_error.with(Option::is_some).then_some("e-municipality-error")
                on:change=move |ev| municipality.set(event_target_value(&ev))>
                <option value="" selected=move || municipality.with(String::is_empty)>"—"</option>
                {move || seats.get().into_iter().map(|m| {
                    let code = m.code.clone();
                    let selected = move || municipality.get() == code;
                    view! { <option value=m.code.clone() selected=selected>{m.name.clone()} " (" {m.province.clone()} ")"</option> }
                }).collect_view()}
            </select>
            <Show when=move || municipality_error.with(Option::is_some)>
                <div id="e-municipality-error" class="invalid-feedback d-block">{move || municipality_error.get()}</div>
            </Show>
        </div>
        <Checks id="e-benefits" legend=K::EmployersBenefits chosen=org.benefits error=at("/benefits") />
        <Field id="e-website".into() label=K::ProvidersWebsite kind=Kind::Url value=org.website error=at("/website") />
    }
}
