//! A catalogue in and out: a CSV file (`;`, UTF-8 with a BOM, one row per service and
//! location, what Italian offices open in a spreadsheet) or an Open Referral HSDS 3 document
//! (organizations with their services nested, each with its schedules, cost options and
//! locations). An import reads every row first and writes nothing unless every row is
//! accepted; its report says, row by row, what would be done or why not.

use serde::{Deserialize, Serialize};

use crate::FieldError;
use crate::code::Code;

code_enum!(
    /// The formats a catalogue is imported and exported in.
    ExchangeFormat: "exchange_format" {
        /// `;`-separated, UTF-8 with a BOM, one row per service and location.
        Csv => "csv",
        /// Open Referral HSDS 3 JSON: organizations with their services nested.
        Hsds => "hsds",
    }
);

code_enum!(
    /// What an accepted row does.
    ImportAction: "import_action" {
        /// A new service.
        Create => "create",
        /// Replaces a service of the agency (its id was given).
        Update => "update",
    }
);

/// One row of a CSV file, or one service of an HSDS document, as an import read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRow {
    /// The row's number in the file (the header is row 1); for HSDS, the service's place in
    /// the document, from 1.
    pub row: u32,
    /// The service's name as the file gives it.
    pub name: String,
    pub accepted: bool,
    /// What it does, when accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<ImportAction>,
    /// Why not: each field (a CSV column, or a path in the service) and the rule it breaks.
    pub errors: Vec<FieldError>,
}

/// What an import found, and did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    pub format: ExchangeFormat,
    /// Only read: nothing was written.
    pub dry_run: bool,
    /// Written: every row was accepted.
    pub imported: bool,
    pub rows: Vec<ImportRow>,
    pub accepted: u32,
    pub refused: u32,
    /// Providers and locations the file names that the agency did not have yet.
    pub new_providers: u32,
    pub new_locations: u32,
}

/// The columns of the CSV format, in order. Lists inside a cell are separated by `|`; prices
/// are in euro (`12,50` or `12.50`); hours `mon 16:00-18:30`; closures
/// `2026-12-24..2027-01-06 school_closure`, with the hours kept on those dates after it.
pub const CSV_COLUMNS: [&str; 24] = [
    "service_id",
    "provider",
    "provider_kind",
    "provider_email",
    "provider_phone",
    "provider_website",
    "service",
    "description",
    "category",
    "min_age_months",
    "max_age_months",
    "languages",
    "accessibility",
    "capacity",
    "places",
    "location",
    "address",
    "municipality",
    "lat",
    "lon",
    "weekly",
    "closures",
    "costs",
    "status",
];

/// The columns an import cannot do without.
pub const CSV_REQUIRED: [&str; 9] = [
    "provider",
    "service",
    "category",
    "location",
    "address",
    "municipality",
    "lat",
    "lon",
    "weekly",
];

/// An HSDS 3 document as Sinergia writes and reads it: its organizations with their services.
/// Fields HSDS has no place for carry the `sinergia_` prefix.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HsdsDocument {
    /// `"3.0"`.
    #[serde(default)]
    pub hsds_version: String,
    /// With at most 5,000 services in all.
    pub organizations: Vec<HsdsOrganization>,
}

/// HSDS `organization`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HsdsOrganization {
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<HsdsPhone>,
    /// `public`, `accredited_private`, `third_sector` or `company_welfare`.
    #[serde(default)]
    pub sinergia_kind: Option<String>,
    #[serde(default)]
    pub services: Vec<HsdsService>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HsdsPhone {
    pub number: String,
}

/// HSDS `service`, with its schedules, cost options and locations nested.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HsdsService {
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// HSDS: `active` (published), `inactive` (draft) or `defunct` (retired).
    #[serde(default)]
    pub status: Option<String>,
    /// When staff last checked it (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assured_date: Option<String>,
    #[serde(default)]
    pub languages: Vec<HsdsLanguage>,
    /// The category, as a term of the `sinergia` taxonomy.
    #[serde(default)]
    pub attributes: Vec<HsdsAttribute>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility: Option<HsdsEligibility>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sinergia_capacity: Option<u32>,
    /// `open`, `short_wait`, `long_wait` or `full`.
    #[serde(default)]
    pub sinergia_places: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sinergia_accessibility: Vec<String>,
    #[serde(default)]
    pub schedules: Vec<HsdsSchedule>,
    #[serde(default)]
    pub cost_options: Vec<HsdsCostOption>,
    #[serde(default)]
    pub service_at_locations: Vec<HsdsServiceAtLocation>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HsdsLanguage {
    /// ISO 639-1.
    pub code: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HsdsAttribute {
    pub taxonomy_term: HsdsTaxonomyTerm,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HsdsTaxonomyTerm {
    /// A service category code (`pre_after_school`, …).
    pub code: String,
    /// `sinergia`.
    #[serde(default)]
    pub taxonomy: Option<String>,
}

/// HSDS `eligibility`: ages in years, and in months where Sinergia keeps them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HsdsEligibility {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_age: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_age: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sinergia_min_months: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sinergia_max_months: Option<u16>,
}

/// HSDS `schedule`: a weekly window (`freq` `WEEKLY`, `byday` one of `MO`…`SU`), or dated
/// hours (`valid_from`/`valid_to`: closed when it has no `opens_at`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HsdsSchedule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freq: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byday: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opens_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closes_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<String>,
    /// For dated hours: `school_closure`, `summer_closure`, `public_holiday` or `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sinergia_reason: Option<String>,
}

/// HSDS `cost_option`: `option` is `hour`, `day`, `month` or `one_off`; `amount` in euro.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HsdsCostOption {
    pub option: String,
    pub amount: f64,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_description: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HsdsServiceAtLocation {
    pub location: HsdsLocation,
}

/// HSDS `location` (physical), with its address; the municipality by ISTAT code.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HsdsLocation {
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
    pub latitude: f64,
    pub longitude: f64,
    #[serde(default)]
    pub addresses: Vec<HsdsAddress>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HsdsAddress {
    pub address_1: String,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    /// The municipality's ISTAT code.
    pub sinergia_municipality: String,
}
