//! The demo's employers (issue 15): a few fictional organisations of each agency's network,
//! of several sectors and sizes, with what they offer parents. Their opportunities come with
//! the opportunities' part.

use anyhow::Context;
use shared::{CompanySize, EmployerBenefit, EmployerInput};

use crate::caller::Caller;
use crate::employers::service as employers;
use crate::session::AuthUser;
use crate::state::AppState;

/// Name pattern (`{town}`: the agency's seat), ATECO code, size, benefits.
const EMPLOYERS: [(&str, &str, CompanySize, &[EmployerBenefit]); 4] = [
    (
        "Cooperativa sociale Il Melograno",
        "88.91",
        CompanySize::Small,
        &[EmployerBenefit::FlexibleHours, EmployerBenefit::PartTime],
    ),
    (
        "Studio Associato Conti e Bassi",
        "69.20",
        CompanySize::Micro,
        &[EmployerBenefit::RemoteWork, EmployerBenefit::FlexibleHours],
    ),
    (
        "Logistica {town} srl",
        "52.29",
        CompanySize::Medium,
        &[
            EmployerBenefit::CompanyWelfare,
            EmployerBenefit::ChildcareSupport,
        ],
    ),
    (
        "Farmacie Comunali di {town}",
        "47.73",
        CompanySize::Medium,
        &[
            EmployerBenefit::PartTime,
            EmployerBenefit::FamilyCertification,
        ],
    ),
];

/// Adds the demo employers of the admin's agency, seated in `town` (ISTAT code `code`).
pub async fn employers(
    state: &AppState,
    admin: &AuthUser,
    code: &str,
    town: &str,
) -> anyhow::Result<usize> {
    let caller = Caller::default();
    for (i, (name, ateco, size, benefits)) in EMPLOYERS.iter().enumerate() {
        employers::create(
            state,
            &caller,
            admin,
            EmployerInput {
                name: name.replace("{town}", town),
                ateco: (*ateco).to_owned(),
                size: *size,
                municipality: code.to_owned(),
                benefits: benefits.to_vec(),
                website: Some(format!("https://impresa{i}.example")),
            },
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))
        .context("demo employer")?;
    }
    Ok(EMPLOYERS.len())
}
