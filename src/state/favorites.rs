//! «Избранное» kept on this device: one list for the app (the hearts on cards and the
//! header's count read it), in step with other tabs through storage events. Not personal
//! data of an account: sign-in and sign-out keep it (`Key::favorites` is not personal).
//!
//! The list sits in a thread-local cell with a `Trigger` for readers, not in a signal of
//! its own type: every card and the header load with the catalog, and a signal of a new
//! type costs the first load its own copy of the reactive machinery.

use crate::domain::favorites::{self, Favorite};
use crate::state::storage::{self, Key};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsCast;

thread_local! {
    static LIST: RefCell<Vec<Favorite>> = const { RefCell::new(Vec::new()) };
    /// A write failed (full or blocked storage): this tab's list is the truth from now on.
    static MEMORY_ONLY: Cell<bool> = const { Cell::new(false) };
    /// The app's handle, for [`use_favorites`]: a thread-local rather than a context, whose
    /// lookup is a copy of its own in the first load for each type.
    static APP: Cell<Option<Favorites>> = const { Cell::new(None) };
    /// The hearts' one click listener is in place.
    static HEARING: Cell<bool> = const { Cell::new(false) };
}

/// The stored list; an unreadable record or another version is removed and reads as empty.
fn stored() -> Vec<Favorite> {
    let Some(raw) = storage::read(&Key::favorites()) else {
        return Vec::new();
    };
    let list = favorites::decode(&raw);
    if list.is_empty() {
        storage::remove(&Key::favorites());
    }
    list
}

/// The favorites of this device.
#[derive(Clone, Copy)]
pub struct Favorites {
    changed: Trigger,
}

impl Favorites {
    /// Reads the stored list and follows other tabs' changes to it.
    pub fn install() -> Favorites {
        LIST.set(stored());
        MEMORY_ONLY.set(false);
        let me = Favorites {
            changed: Trigger::new(),
        };
        storage::on_change(Key::favorites(), move |_| me.set(stored()));
        // Every heart on the page (components::favorite_button): one effect keeps them in
        // step and one listener hears their clicks, for all of them.
        Effect::new(move |_| {
            me.changed.track();
            LIST.with_borrow(|l| refresh_hearts(l));
        });
        // One listener for the page's life, whichever install is the app's now: a listener
        // per install would toggle a heart once for each (a remount, the component tests).
        if !HEARING.replace(true) {
            let _ = window_event_listener(leptos::ev::click, |e| {
                let heart = e
                    .target()
                    .and_then(|t| {
                        t.unchecked_into::<web_sys::Element>()
                            .closest("[data-fav]")
                            .ok()
                    })
                    .flatten();
                if let (Some(heart), Some(me)) = (heart, APP.get()) {
                    if let (Some(id), Some(name)) = (
                        heart.get_attribute("data-fav"),
                        heart.get_attribute("data-name"),
                    ) {
                        me.toggle(Favorite::new(id, name));
                    }
                }
            });
        }
        APP.set(Some(me));
        me
    }

    fn with<T>(&self, f: impl FnOnce(&[Favorite]) -> T) -> T {
        self.changed.track();
        LIST.with_borrow(|l| f(l))
    }

    fn set(&self, list: Vec<Favorite>) {
        LIST.set(list);
        self.changed.notify();
    }

    /// How many products are marked (the header's count).
    pub fn count(&self) -> u32 {
        self.with(|l| l.len() as u32)
    }

    /// Whether the product `id` is marked now (untracked: a heart is drawn in the state of
    /// the moment and kept in step by [`refresh_hearts`]).
    pub fn marked(&self, id: &str) -> bool {
        LIST.with_borrow(|l| favorites::contains(l, id))
    }

    /// The marked products, newest first.
    pub fn list(&self) -> Vec<Favorite> {
        self.with(<[Favorite]>::to_vec)
    }

    /// Marks or unmarks a product; says whether it is a favorite now. The stored list is
    /// read first, so a change another tab made a moment ago is not overwritten.
    pub fn toggle(&self, item: Favorite) -> bool {
        let (next, now) = favorites::toggled(&self.current(), item);
        self.save(next);
        now
    }

    /// «Удалить» on the favorites page.
    pub fn remove(&self, id: &str) {
        self.save(favorites::removed(&self.current(), id));
    }

    fn current(&self) -> Vec<Favorite> {
        if MEMORY_ONLY.get() {
            LIST.with_borrow(Vec::clone)
        } else {
            stored()
        }
    }

    fn save(&self, next: Vec<Favorite>) {
        if storage::write(&Key::favorites(), &favorites::encode(&next)).is_err() {
            MEMORY_ONLY.set(true);
        }
        self.set(next);
    }
}

/// A heart's `aria-pressed`.
pub fn heart_pressed(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        "false"
    }
}

/// A heart's name: what pressing it does, and to which product.
pub fn heart_label(on: bool, name: &str) -> String {
    let verb = if on {
        "Убрать из избранного"
    } else {
        "Добавить в избранное"
    };
    format!("{verb}: {name}")
}

/// Every heart in the document (`data-fav`, `data-name`) shown as marked or not in `list`.
fn refresh_hearts(list: &[Favorite]) {
    let Ok(hearts) = document().query_selector_all("[data-fav]") else {
        return;
    };
    for i in 0..hearts.length() {
        let Some(heart) = hearts.item(i) else {
            continue;
        };
        let heart: web_sys::Element = heart.unchecked_into();
        if let (Some(id), Some(name)) = (
            heart.get_attribute("data-fav"),
            heart.get_attribute("data-name"),
        ) {
            let on = favorites::contains(list, &id);
            let _ = heart.set_attribute("aria-pressed", heart_pressed(on));
            let _ = heart.set_attribute("aria-label", &heart_label(on, &name));
        }
    }
}

/// The app's favorites (installed by `provide_shop`).
pub fn use_favorites() -> Favorites {
    APP.get().expect("Favorites::install runs in provide_shop")
}
