//! The guest cart on this device: a versioned record in localStorage. What cannot be read
//! is dropped with a notice; a full storage keeps the cart in memory with a warning.

use super::Cart;
use crate::api::IdempotencyKey;
use crate::domain::cart::{decode_record, encode_record, CartLine, Discarded, Restored};
use crate::state::storage::{self, Area, Key, WriteFailed};
use crate::state::toasts::ToastKind;
use crate::timer::now_unix;
use leptos::prelude::*;

/// The lines of a stored record (another tab's, say); nothing when it cannot be used.
pub(super) fn decode(raw: Option<&str>) -> Vec<CartLine> {
    decode_record(raw).lines()
}

/// Gives every line that lacks one its own merge key.
pub(super) fn with_merge_keys(lines: &mut [CartLine]) {
    for l in lines.iter_mut().filter(|l| l.merge_key.is_none()) {
        l.merge_key = Some(IdempotencyKey::new().as_str().to_string());
    }
}

/// Writes (or, when empty, removes) the guest cart record.
pub(super) fn write_record(lines: &[CartLine]) -> Result<(), WriteFailed> {
    if lines.is_empty() {
        storage::remove(&Key::cart());
        Ok(())
    } else {
        storage::write(&Key::cart(), &encode_record(lines, now_unix()))
    }
}

impl Cart {
    /// The guest cart from storage; what cannot be read is removed with a notice.
    pub(super) fn read_guest(&self) -> Vec<CartLine> {
        match decode_record(storage::read(&Key::cart()).as_deref()) {
            Restored::Empty => Vec::new(),
            Restored::Lines { lines, upgraded } => {
                if upgraded {
                    // Rewrite in the current version; the cart page fills in names and prices.
                    let _ = write_record(&lines);
                }
                lines
            }
            Restored::Discarded(why) => {
                storage::remove(&Key::cart());
                let text = match why {
                    Discarded::Unreadable => {
                        "Сохранённую корзину не удалось прочитать, поэтому она очищена.".to_string()
                    }
                    Discarded::UnknownVersion(v) => {
                        format!("Корзина была сохранена другой версией магазина ({v}) и очищена.")
                    }
                };
                self.notice.set(Some(text.clone()));
                self.toasts.push(ToastKind::Info, text, None);
                Vec::new()
            }
        }
    }

    /// Writes the guest cart; when storage refuses, the cart page says it lasts only while
    /// the tab is open (the storage module has told the shopper once already).
    pub(super) fn persist_guest(&self) {
        if self.session.is_signed_in() {
            return;
        }
        // Merge keys are not shown: no need to redraw for them.
        self.lines.update_untracked(|l| with_merge_keys(l));
        let failed = self.lines.with_untracked(|l| write_record(l)).is_err();
        if failed && storage::available(Area::Local) && self.notice.with_untracked(Option::is_none)
        {
            self.notice.set(Some(
                "Память браузера заполнена: корзина работает, но сохранится, только пока открыта эта вкладка.".into(),
            ));
        }
    }
}
