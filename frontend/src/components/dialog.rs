//! The browser's own dialogs: a confirmation before what cannot be undone, a short text (a
//! reason) before a moderation step.

/// Whether she confirms; `false` when the browser offers no dialog.
pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// Asks for a text (a reason); `None` when she cancels or leaves it empty.
pub fn prompt(message: &str) -> Option<String> {
    web_sys::window()
        .and_then(|w| w.prompt_with_message(message).ok().flatten())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}
