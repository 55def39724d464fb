//! «Вы смотрели» kept on this device (personal: sign-out forgets it, a shared computer
//! shows the next person nothing). No app-wide state: only the pages that show the row
//! (home, product) carry this code; each row follows other tabs and the sign-in.

use crate::domain::catalog::ProductSummary;
use crate::domain::recent::{self, RecentItem};
use crate::state::session::use_session;
use crate::state::storage::{self, Key};
use leptos::prelude::*;

/// The stored record's format.
const VERSION: u32 = 1;

fn stored() -> Vec<RecentItem> {
    storage::read_record(&Key::recent(), VERSION).unwrap_or_default()
}

/// `p` was opened: it goes to the front of the row.
pub fn visit(p: &ProductSummary) {
    let next = recent::visited(&stored(), RecentItem::of(p));
    let _ = storage::write_record(&Key::recent(), VERSION, &next);
}

/// One row's view of the stored list.
#[derive(Clone, Copy)]
pub struct Recent {
    list: RwSignal<Vec<RecentItem>>,
}

impl Recent {
    /// The stored list, kept in step with other tabs and the sign-in (sign-out has removed
    /// the record by the time the session changes; an expired token keeps it).
    pub fn follow() -> Recent {
        let list = RwSignal::new(stored());
        storage::on_change(Key::recent(), move |_| list.set(stored()));
        let session = use_session();
        Effect::new(move |prev: Option<bool>| {
            let signed_in = session.is_signed_in();
            if prev.is_some() {
                list.set(stored());
            }
            signed_in
        });
        Recent { list }
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
