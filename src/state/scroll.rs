//! Back restores where the shopper was: positions are remembered per URL and put back once
//! the page's data has rendered (the browser's own restoration runs too early for an SPA).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

thread_local! {
    static POSITIONS: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
    static RESTORE_PENDING: Cell<bool> = const { Cell::new(false) };
}

#[cfg(target_arch = "wasm32")]
fn current_key() -> Option<String> {
    let loc = web_sys::window()?.location();
    Some(format!("{}{}", loc.pathname().ok()?, loc.search().ok()?))
}

/// Starts listening: scroll positions are recorded, Back/Forward marks a restore. The
/// listeners go when the app that installed them does.
#[cfg(target_arch = "wasm32")]
pub fn install() {
    use leptos::prelude::{on_cleanup, window_event_listener};
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let on_scroll = window_event_listener(leptos::ev::scroll, move |_| {
        // While a restore waits for data, a shrinking page would overwrite the position.
        if RESTORE_PENDING.get() {
            return;
        }
        if let (Some(key), Some(w)) = (current_key(), web_sys::window()) {
            let y = w.scroll_y().unwrap_or(0.0);
            POSITIONS.with(|p| p.borrow_mut().insert(key, y));
        }
    });
    let on_pop = window_event_listener(leptos::ev::popstate, move |_| RESTORE_PENDING.set(true));
    on_cleanup(move || {
        on_scroll.remove();
        on_pop.remove();
    });
}

#[cfg(not(target_arch = "wasm32"))]
pub fn install() {}

/// Called when a page's content is on screen: after Back/Forward, scroll to where it was.
pub fn restore_if_returning() {
    #[cfg(target_arch = "wasm32")]
    if RESTORE_PENDING.get() {
        leptos::prelude::request_animation_frame(|| {
            RESTORE_PENDING.set(false);
            let Some(key) = current_key() else { return };
            if let (Some(y), Some(w)) = (
                POSITIONS.with(|p| p.borrow().get(&key).copied()),
                web_sys::window(),
            ) {
                w.scroll_to_with_x_and_y(0.0, y);
            }
        });
    }
}
