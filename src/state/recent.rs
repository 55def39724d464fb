//! «Вы смотрели» kept on this device (personal: sign-out forgets it, a shared computer
//! shows the next person nothing), in step with other tabs through storage events.

use crate::domain::catalog::ProductSummary;
use crate::domain::recent::{self, RecentItem};
use crate::state::session::Session;
use crate::state::storage::{self, Key};
use leptos::prelude::*;

/// The stored record's format.
const VERSION: u32 = 1;

#[derive(Clone, Copy)]
pub struct Recent {
    list: RwSignal<Vec<RecentItem>>,
}

fn stored() -> Vec<RecentItem> {
    storage::read_record(&Key::recent(), VERSION).unwrap_or_default()
}

impl Recent {
    /// Reads the stored list; follows other tabs and the sign-in (signing out empties it).
    pub fn install(session: Session) -> Recent {
        let list = RwSignal::new(stored());
        storage::on_change(Key::recent(), move |_| list.set(stored()));
        // Sign-out has removed the record by now; an expired token keeps it.
        Effect::new(move |prev: Option<bool>| {
            let signed_in = session.is_signed_in();
            if prev.is_some() {
                list.set(stored());
            }
            signed_in
        });
        Recent { list }
    }

    /// `p` was opened: it goes to the front of the row.
    pub fn visit(&self, p: &ProductSummary) {
        let next = recent::visited(&self.list.get_untracked(), RecentItem::of(p));
        let _ = storage::write_record(&Key::recent(), VERSION, &next);
        self.list.set(next);
    }

    /// The row's products on a page showing `current` (or none).
    pub fn shown(&self, current: Option<&str>) -> Vec<RecentItem> {
        self.list.with(|l| recent::shown(l, current))
    }

    /// The shopper cleared the row.
    pub fn clear(&self) {
        storage::remove(&Key::recent());
        self.list.set(Vec::new());
    }
}

pub fn use_recent() -> Recent {
    expect_context::<Recent>()
}
