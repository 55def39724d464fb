//! Time in the browser: the app's one clock, a future that waits, one that waits for the
//! next painted frame, and the debouncers (one action, or one per key) that the search box,
//! the cart's stepper and the session's expiry share. Built on leptos' own timers: no extra
//! crate, no extra bytes.

use leptos::prelude::*;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Unix milliseconds now: every reading of the wall clock in the app comes from here (the
/// api layer gets it through its `Endpoint`).
pub fn now_ms() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as u64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0)
    }
}

/// Unix seconds now.
pub fn now_unix() -> u64 {
    now_ms() / 1000
}

/// The shopper's weekday (1–7) and minutes past local midnight (a fixed Monday noon outside
/// the browser).
pub fn local_now() -> (u8, u32) {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new_0();
        let wd = match d.get_day() {
            0 => 7,
            n => n as u8,
        };
        (wd, d.get_hours() * 60 + d.get_minutes())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        (1, 12 * 60)
    }
}

/// The wall clock in unix seconds, ticking twice a second while its owner lives: what a
/// countdown reads (sign-in's resend, a rate-limited retry, checkout's 429 wait).
pub fn clock() -> ReadSignal<u64> {
    let now = RwSignal::new(now_unix());
    if let Ok(h) = set_interval_with_handle(move || now.set(now_unix()), Duration::from_millis(500))
    {
        on_cleanup(move || h.clear());
    }
    now.read_only()
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: u32) {
    #[cfg(target_arch = "wasm32")]
    {
        let timer = js_sys::Promise::new(&mut |resolve, _| {
            let _ =
                window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(timer).await;
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = ms;
}

/// A flag its owner's cleanup turns false (the page was left): what a polling loop checks.
pub fn alive() -> Arc<AtomicBool> {
    let alive = Arc::new(AtomicBool::new(true));
    let flag = alive.clone();
    on_cleanup(move || flag.store(false, Ordering::Relaxed));
    alive
}

/// Waits `secs` seconds, then for as long as the tab is hidden — a hidden tab asks nothing
/// and looks again when the shopper comes back. `false` once the page is left.
pub async fn wait_visible(secs: u32, alive: &AtomicBool) -> bool {
    sleep(secs * 1000).await;
    while document().hidden() && alive.load(Ordering::Relaxed) {
        sleep(1000).await;
    }
    alive.load(Ordering::Relaxed)
}

/// Resolves once the browser has rendered the current frame (a task queued from the
/// frame's animation callback runs after its style, layout and paint).
pub async fn painted() {
    #[cfg(target_arch = "wasm32")]
    {
        let frame = js_sys::Promise::new(&mut |resolve, _| {
            request_animation_frame(move || {
                let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            });
        });
        let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
    }
}

/// One pending action at a time: scheduling again replaces the one waiting. Cleared when
/// its owner (the component or state that made it) goes away.
#[derive(Clone, Copy)]
pub struct Debounce(StoredValue<Option<TimeoutHandle>>);

impl Debounce {
    pub fn new() -> Self {
        let d = Debounce(StoredValue::new(None));
        on_cleanup(move || d.cancel());
        d
    }

    /// Runs `f` after `delay`, unless scheduled again or cancelled before.
    pub fn schedule(&self, delay: Duration, f: impl FnOnce() + 'static) {
        self.cancel();
        let slot = self.0;
        let handle = set_timeout_with_handle(
            move || {
                slot.try_set_value(None);
                f();
            },
            delay,
        );
        self.0.try_set_value(handle.ok());
    }

    pub fn cancel(&self) {
        if let Some(h) = self.0.try_update_value(Option::take).flatten() {
            h.clear();
        }
    }
}

impl Default for Debounce {
    fn default() -> Self {
        Self::new()
    }
}

/// A [`Debounce`] per key (one per cart line).
pub struct KeyedDebounce<K: 'static>(StoredValue<HashMap<K, TimeoutHandle>>);

impl<K: 'static> Clone for KeyedDebounce<K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: 'static> Copy for KeyedDebounce<K> {}

impl<K: Eq + Hash + Clone + Send + Sync + 'static> KeyedDebounce<K> {
    pub fn new() -> Self {
        KeyedDebounce(StoredValue::new(HashMap::new()))
    }

    /// Runs `f` after `delay` unless `key` is scheduled again or cancelled before.
    pub fn schedule(&self, key: K, delay: Duration, f: impl FnOnce() + 'static) {
        self.cancel(&key);
        let map = self.0;
        let k = key.clone();
        let handle = set_timeout_with_handle(
            move || {
                map.try_update_value(|m| m.remove(&k));
                f();
            },
            delay,
        );
        if let Ok(h) = handle {
            self.0.try_update_value(|m| m.insert(key, h));
        }
    }

    pub fn cancel(&self, key: &K) {
        if let Some(h) = self.0.try_update_value(|m| m.remove(key)).flatten() {
            h.clear();
        }
    }

    pub fn cancel_all(&self) {
        if let Some(all) = self.0.try_update_value(std::mem::take) {
            for (_, h) in all {
                h.clear();
            }
        }
    }

    /// Nothing is waiting.
    pub fn is_idle(&self) -> bool {
        self.0.with_value(HashMap::is_empty)
    }
}

impl<K: Eq + Hash + Clone + Send + Sync + 'static> Default for KeyedDebounce<K> {
    fn default() -> Self {
        Self::new()
    }
}
