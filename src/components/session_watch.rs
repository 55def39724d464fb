//! Watches the sign-in: when the token runs out (its time passes, or a backend answers 401)
//! the shopper is asked to sign in again and brought back to the same page. Lives inside
//! the router so it can navigate.

use crate::routes::strip_base;
use crate::state::use_session;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::time::Duration;

/// Where the browser is now (path, query and fragment, without the site's base).
fn here() -> String {
    let Some(loc) = web_sys::window().map(|w| w.location()) else {
        return "/".into();
    };
    let path = loc.pathname().unwrap_or_default();
    let search = loc.search().unwrap_or_default();
    let hash = loc.hash().unwrap_or_default();
    strip_base(&format!("{path}{search}{hash}"))
}

#[component]
pub fn SessionWatch() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    // The token's own end: a timer to its expiry.
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    Effect::new(move |_| {
        if let Some(h) = timer.try_update_value(Option::take).flatten() {
            h.clear();
        }
        if let Some(at) = session.expires_at.get() {
            let left = at.saturating_sub(crate::api::http::now_unix());
            // Browsers cap timers near 24.8 days; a token never lives that long.
            let ms = (left * 1000).min(2_000_000_000);
            let h = set_timeout_with_handle(move || session.expired(), Duration::from_millis(ms));
            timer.set_value(h.ok());
        }
    });
    Effect::new(move |_| {
        if !session.relogin.get() {
            return;
        }
        session.relogin.set(false);
        let current = here();
        if current.starts_with("/signin") {
            return;
        }
        navigate(
            &crate::routes::signin_path(&current, Some("expired")),
            NavigateOptions::default(),
        );
    });
}
