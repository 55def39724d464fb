//! «Вы смотрели» kept on this device (personal: sign-out forgets it, a shared computer
//! shows the next person nothing). No app-wide state: only the pages that show the row
//! (home, product) carry this code; each row follows other tabs and the sign-in.
//!
//! The row is drawn from the kept copies at once, with no request. What this app session
//! has read of a product (its page's own answer) is held, and a copy kept less than ten
//! minutes ago is taken as today's; once the row is seen, the other products on it are
//! read (`GET /products/:id`, at most 11, at once: `catalog::read_each`), so a price kept
//! days ago is replaced by today's and a product the shop no longer has leaves the row.

use crate::api::commerce::catalog;
use crate::api::{ApiError, Endpoint};
use crate::domain::catalog::ProductSummary;
use crate::domain::recent::{self, Read, RecentItem};
use crate::state::session::use_session;
use crate::state::storage::{self, Key};
use crate::timer::now_unix;
use leptos::prelude::*;
use std::cell::RefCell;

thread_local! {
    /// What this app session has read of products, for the row (domain::recent::Read).
    static READ: RefCell<Read> = RefCell::new(Read::new());
}

/// The stored record's format.
const VERSION: u32 = 1;

fn stored() -> Vec<RecentItem> {
    storage::read_record(&Key::recent(), VERSION).unwrap_or_default()
}

/// `p` was opened: it goes to the front of the row.
pub fn visit(p: &ProductSummary) {
    let next = recent::visited(&stored(), RecentItem::read_at(p, now_unix()));
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

    /// The row was seen: reads the products on it neither read this session nor kept from a
    /// recent read (`domain::recent::unread`), once each, and keeps what they are now; one
    /// that could not be read stays as kept.
    pub async fn refresh(self, ep: Endpoint, current: Option<String>) {
        let now = now_unix();
        let todo: Vec<RecentItem> = self.list.with_untracked(|l| {
            let shown = recent::shown(l, current.as_deref());
            let ids = READ.with_borrow(|r| recent::unread(&shown, r, now));
            shown.into_iter().filter(|x| ids.contains(&x.id)).collect()
        });
        if todo.is_empty() {
            return;
        }
        // Asked for once in this session: meanwhile (and if it fails) as kept.
        READ.with_borrow_mut(|r| r.extend(todo.iter().map(|x| (x.id.clone(), Some(x.clone())))));
        let ids: Vec<String> = todo.into_iter().map(|x| x.id).collect();
        let answers = catalog::read_each(&ep, &ids).await;
        READ.with_borrow_mut(|r| {
            for (id, answer) in ids.into_iter().zip(answers) {
                match answer {
                    Ok(p) => {
                        r.insert(id, Some(RecentItem::read_at(&p, now)));
                    }
                    Err(ApiError::NotFound(_)) => {
                        r.insert(id, None);
                    }
                    Err(_) => {}
                }
            }
        });
        // Kept as read (another tab or a sign-out may have changed the record meanwhile).
        let kept = stored();
        if kept.is_empty() {
            return;
        }
        let next = READ.with_borrow(|r| recent::refreshed(&kept, r));
        let _ = storage::write_record(&Key::recent(), VERSION, &next);
        let _ = self.list.try_set(next);
    }

    /// The shopper cleared the row.
    pub fn clear(&self) {
        storage::remove(&Key::recent());
        self.list.set(Vec::new());
    }
}
