//! One service as a file gives it, whatever the format: what the formats read into and the
//! import checks and writes.

use shared::{LocationInput, ProviderInput, ServiceInput, ServiceStatus};
use uuid::Uuid;

use crate::error::FieldIssue;

/// At most this many services in a file.
pub const MAX_ROWS: usize = 5_000;

/// One service as a file gives it, with its provider and locations.
pub struct Item {
    pub row: u32,
    pub service_id: Option<Uuid>,
    pub provider: ProviderInput,
    /// Whether the file gave the provider's kind (needed for a new provider).
    pub kind_given: bool,
    pub locations: Vec<LocationInput>,
    /// Without its provider and locations (those are found or made).
    pub service: ServiceInput,
    /// None: a new service is a draft, a replaced one keeps its status.
    pub status: Option<ServiceStatus>,
    /// What reading its text found wrong, pointers in the file's own terms.
    pub issues: Vec<FieldIssue>,
}

/// Which part of an item a rule's pointer belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Provider,
    Location(usize),
    Service,
    Whole,
}
