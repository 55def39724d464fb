//! The network coming back: what failed for want of it (an error panel's retry) is tried
//! again once, by itself, on the browser's `online` event — never in a loop while it is
//! gone. The «Нет сети» banner is public/early.js's (it works before the wasm arrives).

use leptos::prelude::*;
use std::cell::RefCell;

thread_local! {
    static WAITING: RefCell<Vec<Callback<()>>> = const { RefCell::new(Vec::new()) };
}

/// Starts listening, once, at the root.
pub fn install() {
    #[cfg(target_arch = "wasm32")]
    {
        // For the app's whole life: the handle is never removed.
        let _ = window_event_listener(leptos::ev::online, |_| {
            for retry in WAITING.with(|w| std::mem::take(&mut *w.borrow_mut())) {
                retry.try_run(());
            }
        });
    }
}

/// Runs `retry` once when the network next comes back — if it is gone now: a timeout with
/// the network up waits for no `online` event, and the list must not grow meanwhile.
pub fn when_back(retry: Callback<()>) {
    #[cfg(target_arch = "wasm32")]
    if !window().navigator().on_line() {
        WAITING.with(|w| w.borrow_mut().push(retry));
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = retry;
}
