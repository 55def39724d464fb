//! Watches the sign-in: when the token runs out (its time passes, or a backend answers 401)
//! the shopper is asked to sign in again and brought back to the same page. Lives inside
//! the router so it can navigate.

use crate::routes::{current_path, is_sign_in, Route};
use crate::state::use_session;
use crate::timer::Debounce;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::time::Duration;

#[component]
pub fn SessionWatch() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    // The token's own end: a timer to its expiry.
    let timer = Debounce::new();
    Effect::new(move |_| {
        timer.cancel();
        if let Some(at) = session.expires_at() {
            let left = at.saturating_sub(crate::timer::now_unix());
            // Browsers cap timers near 24.8 days; a token never lives that long.
            let ms = (left * 1000).min(2_000_000_000);
            timer.schedule(Duration::from_millis(ms), move || session.expired());
        }
    });
    Effect::new(move |_| {
        if !session.take_relogin() {
            return;
        }
        let current = current_path();
        if is_sign_in(&current) {
            return;
        }
        let to = Route::SignIn {
            next: Some(current),
            expired: true,
        };
        navigate(&to.path(), Default::default());
    });
}
