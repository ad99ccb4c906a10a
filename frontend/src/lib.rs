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
    // The app is on screen: the loading line of index.html goes.
    if let Some(loading) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot-loading"))
    {
        loading.remove();
    }
}
