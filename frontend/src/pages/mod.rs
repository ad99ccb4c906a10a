//! One module per page.

mod account;
mod accounts;
mod areas;
mod home;
mod login;
mod register;
mod set_password;

pub use account::Account;
pub use accounts::Accounts;
pub use areas::{JobseekerHome, StaffHome};
pub use home::{Home, NotFound, Privacy};
pub use login::Login;
pub use register::Register;
pub use set_password::{ForgotPassword, SetPassword};
