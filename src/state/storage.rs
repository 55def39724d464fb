//! The browser's storage through typed keys: which area each key lives in, whether it is
//! personal (gone on sign-out), versioned records, a write failure reported to the shopper
//! once, and change listeners that go away with their owner.

use crate::state::toasts::{ToastKind, Toasts};
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use std::cell::Cell;

/// localStorage outlives the tab; sessionStorage ends with it (tokens live only there).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    Local,
    Session,
}

/// A storage key of this app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    area: Area,
    name: String,
    /// Removed on sign-out.
    personal: bool,
}

impl Key {
    /// The sign-in: token and user, this tab only.
    pub fn session() -> Key {
        Key::new(Area::Session, "vitrina.session".into(), true)
    }

    /// The guest cart (and lines waiting to move into the account cart).
    pub fn cart() -> Key {
        Key::new(Area::Local, "vitrina.cart".into(), true)
    }

    /// The chosen city: not personal, it stays for the next visit.
    pub fn city() -> Key {
        Key::new(Area::Local, "vitrina.city".into(), false)
    }

    /// The checkout draft: address, method, slot or place, payment, coupons, notes.
    pub fn checkout_draft() -> Key {
        Key::new(Area::Local, "vitrina.checkout-draft".into(), true)
    }

    /// The checkout attempt: its Idempotency-Key and content hash, shared by every tab.
    pub fn checkout_attempt() -> Key {
        Key::new(Area::Local, "vitrina.checkout-attempt".into(), true)
    }

    /// Which tab is placing an order right now.
    pub fn checkout_lock() -> Key {
        Key::new(Area::Local, "vitrina.checkout-lock".into(), true)
    }

    /// A withdrawal sent whose answer is not in yet (no passport, no account number): looked
    /// for after a reload before anything else is sent.
    pub fn withdrawal_intent() -> Key {
        Key::new(Area::Local, "vitrina.withdrawal-intent".into(), true)
    }

    /// «Вы смотрели»: personal, so a shared computer forgets it on sign-out.
    pub fn recent() -> Key {
        Key::new(Area::Local, "vitrina.recent".into(), true)
    }

    /// «Избранное»: not personal data of an account, so sign-in and sign-out keep it.
    pub fn favorites() -> Key {
        Key::new(Area::Local, "vitrina.favorites".into(), false)
    }

    /// The header search's last searches: personal, like «Вы смотрели».
    pub fn searches() -> Key {
        Key::new(Area::Local, "vitrina.searches".into(), true)
    }

    /// A review being written about one product, kept across a sign-in.
    pub fn review_draft(product_id: &str) -> Key {
        Key::new(
            Area::Session,
            format!("{REVIEW_DRAFT_PREFIX}{product_id}"),
            true,
        )
    }

    /// Where it is kept and under what name (public/early.js reads the session's too).
    pub fn place(&self) -> (Area, &str) {
        (self.area, &self.name)
    }

    fn new(area: Area, name: String, personal: bool) -> Key {
        Key {
            area,
            name,
            personal,
        }
    }
}

const REVIEW_DRAFT_PREFIX: &str = "vitrina.review-draft.";

fn area(a: Area) -> Option<web_sys::Storage> {
    // Natively (the prerender) there is no browser: no storage, rather than a panic in
    // wasm-bindgen's "cannot call wasm-bindgen imported functions on non-wasm targets".
    if cfg!(not(target_arch = "wasm32")) {
        return None;
    }
    let w = web_sys::window()?;
    match a {
        Area::Local => w.local_storage(),
        Area::Session => w.session_storage(),
    }
    .ok()
    .flatten()
}

/// Whether the browser gives this area at all (private modes may refuse it).
pub fn available(a: Area) -> bool {
    area(a).is_some()
}

pub fn read(key: &Key) -> Option<String> {
    area(key.area)?.get_item(&key.name).ok().flatten()
}

pub fn remove(key: &Key) {
    if let Some(s) = area(key.area) {
        let _ = s.remove_item(&key.name);
    }
}

/// Storage refused a write (full, or blocked).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WriteFailed;

thread_local! {
    static WARNED: Cell<bool> = const { Cell::new(false) };
    /// Where a failed write is told: the app's toasts, set once at start.
    static REPORT_TO: Cell<Option<Toasts>> = const { Cell::new(None) };
}

/// Failed writes are told through these toasts (called once, where state is provided).
pub fn report_failures_to(toasts: Toasts) {
    REPORT_TO.set(Some(toasts));
}

/// Writes `value`. The first failure in this visit is told to the shopper (what they did
/// still works, it just lasts only while the tab is open); later ones only return `Err`.
pub fn write(key: &Key, value: &str) -> Result<(), WriteFailed> {
    let ok = area(key.area).is_some_and(|s| s.set_item(&key.name, value).is_ok());
    if ok {
        return Ok(());
    }
    if !WARNED.replace(true) {
        if let Some(t) = REPORT_TO.get() {
            t.push(
                ToastKind::Error,
                "Память браузера заполнена или недоступна: всё работает, но сохранится, только пока открыта эта вкладка.",
                None,
            );
        }
    }
    Err(WriteFailed)
}

/// A record with its format version, so an older or newer build's record is recognised.
#[derive(Serialize, Deserialize)]
struct Versioned<T> {
    v: u32,
    data: T,
}

/// Reads a record of `version`; one of another version, or unreadable, is removed.
pub fn read_record<T: DeserializeOwned>(key: &Key, version: u32) -> Option<T> {
    let raw = read(key)?;
    match crate::domain::json::from_str::<Versioned<T>>(&raw) {
        Ok(r) if r.v == version => Some(r.data),
        _ => {
            remove(key);
            None
        }
    }
}

pub fn write_record<T: Serialize>(key: &Key, version: u32, data: &T) -> Result<(), WriteFailed> {
    let json = serde_json::to_string(&Versioned { v: version, data }).map_err(|_| WriteFailed)?;
    write(key, &json)
}

/// Removes every personal key from both areas (sign-out: the next person starts clean).
pub fn forget_personal() {
    for key in [
        Key::session(),
        Key::cart(),
        Key::city(),
        Key::checkout_draft(),
        Key::checkout_attempt(),
        Key::checkout_lock(),
        Key::withdrawal_intent(),
        Key::recent(),
        Key::favorites(),
        Key::searches(),
    ] {
        if key.personal {
            remove(&key);
        }
    }
    if let Some(s) = area(Area::Session) {
        let n = s.length().unwrap_or(0);
        let drafts: Vec<String> = (0..n)
            .filter_map(|i| s.key(i).ok().flatten())
            .filter(|k| k.starts_with(REVIEW_DRAFT_PREFIX))
            .collect();
        for k in drafts {
            let _ = s.remove_item(&k);
        }
    }
}

/// Calls `f` with the new value when another tab changes `key`; the listener is removed
/// when the calling owner is cleaned up.
pub fn on_change(key: Key, f: impl Fn(Option<String>) + 'static) {
    let handle = window_event_listener(leptos::ev::storage, move |e: web_sys::StorageEvent| {
        // `key` is null when the other tab cleared the whole area.
        if e.key().is_none_or(|k| k == key.name) {
            f(e.new_value());
        }
    });
    on_cleanup(move || handle.remove());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_keys_are_marked_and_the_city_is_not() {
        assert!(Key::session().personal && Key::session().area == Area::Session);
        assert!(Key::cart().personal);
        assert!(Key::review_draft("p1").personal);
        assert!(Key::recent().personal);
        assert!(Key::searches().personal);
        assert_eq!(Key::review_draft("p1").name, "vitrina.review-draft.p1");
        assert!(!Key::city().personal);
        assert!(!Key::favorites().personal);
    }
}
