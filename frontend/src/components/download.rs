//! Files made in the browser (her data export, her portfolio) offered as downloads.

/// Offers `bytes` as a file download.
pub fn save_bytes(bytes: &[u8], mime: &str, name: &str) {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &props) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Downloads her portfolio of an attempt as `ext` (`pdf`, `jsonld`), in the page's language
/// (sent as Accept-Language and named in the file); a failure goes to `error`.
pub fn download_portfolio(
    attempt: uuid::Uuid,
    ext: &'static str,
    mime: &'static str,
    lang: shared::Language,
    error: leptos::prelude::RwSignal<Option<crate::api::ApiError>>,
) {
    use leptos::prelude::Set;
    leptos::task::spawn_local(async move {
        let path = format!("/assessment/attempts/{attempt}/portfolio.{ext}");
        match crate::api::download(&path).await {
            Ok(bytes) => {
                save_bytes(
                    &bytes,
                    mime,
                    &format!("sinergia-portfolio-{}.{ext}", lang.code()),
                );
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        }
    });
}
