//! Sinergia's web app: Leptos, client-side rendered, served by the backend from the same origin.

pub mod api;
pub mod app;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod session;

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
