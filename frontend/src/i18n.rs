//! Translations: `locales/it.json` (default) and `locales/en.json`, compiled into `K` and
//! `text` by `build.rs`. The chosen language is remembered in `localStorage` and mirrored in
//! `<html lang>`.

use leptos::prelude::*;
use shared::{Code, Language, Role};

include!(concat!(env!("OUT_DIR"), "/i18n.rs"));

const STORAGE_KEY: &str = "sinergia.lang";

/// The current language, provided at the root.
#[derive(Clone, Copy)]
pub struct Locale(pub RwSignal<Language>);

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The remembered language, else Italian.
pub fn initial_language() -> Language {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|code| Language::from_code(&code))
        .unwrap_or_default()
}

/// Provides the language to the app; keeps `<html lang>` and the stored choice in step.
pub fn provide_locale() -> Locale {
    let locale = Locale(RwSignal::new(initial_language()));
    provide_context(locale);
    Effect::new(move |_| {
        let lang = locale.0.get();
        if let Some(doc) = web_sys::window().and_then(|w| w.document())
            && let Some(root) = doc.document_element()
        {
            let _ = root.set_attribute("lang", lang.code());
        }
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, lang.code());
        }
    });
    locale
}

pub fn use_locale() -> Locale {
    expect_context::<Locale>()
}

/// A reactive text: use it in views (`{tr(K::Login)}`) and attributes.
pub fn tr(key: K) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let locale = use_locale();
    move || text(locale.0.get(), key)
}

/// The text now, without tracking (for one-off uses such as `document.title`).
pub fn tr_now(key: K) -> &'static str {
    text(use_locale().0.get_untracked(), key)
}

/// A text with its `{name}` places filled: `fill("delle {time}", &[("time", "10:42")])`.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The label of a role.
pub fn role_label(role: Role) -> K {
    match role {
        Role::Jobseeker => K::RoleJobseeker,
        Role::Counsellor => K::RoleCounsellor,
        Role::CommunityManager => K::RoleCommunityManager,
        Role::Admin => K::RoleAdmin,
        Role::Employer => K::RoleEmployer,
    }
}

/// The label of a code (`sector.ict`) in the current language.
pub fn code_label<T: Code>(c: T) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    kind_label(T::KIND, c.code())
}

/// The label of the code `code` of the list `kind`, reactive.
pub fn kind_label(
    kind: &'static str,
    code: &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let locale = use_locale();
    let key = lookup(&format!("{kind}.{code}"));
    move || key.map_or(code, |k| text(locale.0.get(), k))
}

/// ISCED 2011 levels in words.
pub fn isced_label(level: u8) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    tr(match level {
        0 => K::Isced0,
        1 => K::Isced1,
        2 => K::Isced2,
        3 => K::Isced3,
        4 => K::Isced4,
        5 => K::Isced5,
        6 => K::Isced6,
        7 => K::Isced7,
        _ => K::Isced8,
    })
}
