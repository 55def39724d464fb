//! «Избранное» kept on this device: one list for the app (the hearts on cards and the
//! header's count read it), in step with other tabs through storage events. Not personal
//! data of an account: sign-in and sign-out keep it (`Key::favorites` is not personal).

use crate::domain::favorites::{self, Favorite, FAVORITES_VERSION};
use crate::state::storage::{self, Key};
use leptos::prelude::*;

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
    list: RwSignal<Vec<Favorite>>,
    /// A write failed (full or blocked storage): this tab's list is the truth from now on.
    memory_only: StoredValue<bool>,
}

impl Favorites {
    /// Reads the stored list and follows other tabs' changes to it.
    pub fn install() -> Favorites {
        let list = RwSignal::new(stored());
        storage::on_change(Key::favorites(), move |_| list.set(stored()));
        Favorites {
            list,
            memory_only: StoredValue::new(false),
        }
    }

    /// How many products are marked (the header's count).
    pub fn count(&self) -> usize {
        self.list.with(Vec::len)
    }

    /// Whether the product `id` is marked.
    pub fn contains(&self, id: &str) -> bool {
        self.list.with(|l| favorites::contains(l, id))
    }

    /// The marked products, newest first.
    pub fn list(&self) -> Vec<Favorite> {
        self.list.get()
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
        if self.memory_only.get_value() {
            self.list.get_untracked()
        } else {
            stored()
        }
    }

    fn save(&self, next: Vec<Favorite>) {
        // A full storage keeps the change for this tab (the storage module says so once).
        if storage::write_record(&Key::favorites(), FAVORITES_VERSION, &next).is_err() {
            self.memory_only.set_value(true);
        }
        self.list.set(next);
    }
}

/// The app's favorites (provided by `provide_shop`).
pub fn use_favorites() -> Favorites {
    expect_context::<Favorites>()
}
