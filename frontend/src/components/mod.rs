//! Building blocks shared by the pages.

mod bell;
mod dialog;
mod download;
mod field;
mod layout;
mod page;
mod profile_view;
mod time;

pub use bell::{BellLink, provide_bell, use_bell};
pub use dialog::{confirm, prompt};
pub use download::{download_portfolio, save_bytes};
pub use field::{ErrorSummary, TextField, err_at, field_error};
pub use layout::{Footer, Header};
pub use page::{NotFound, Page, PageLoadFailed, RequireRole};
pub use profile_view::{Voice, field_label, needs_list, profile_view, progress};
pub use time::{clock, date, date_time, day_label, local, now, same_day, when};
