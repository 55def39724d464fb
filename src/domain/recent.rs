//! «Вы смотрели»: the products last opened on this device, newest first — what each card
//! needs to be drawn without a request (id, name, price, picture).

use crate::domain::catalog::ProductSummary;
use crate::domain::money::Money;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How many products the row remembers.
pub const RECENT_CAP: usize = 12;

/// One product opened, as stored on the device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentItem {
    pub id: String,
    pub name: String,
    pub price: Decimal,
    pub currency: String,
    /// The cover's thumbnail, when the product has a picture.
    pub image: Option<String>,
    /// When it was read from the shop (unix seconds; 0 in records kept before it was).
    #[serde(default)]
    pub at: u64,
}

/// A kept copy younger than this is taken as today's; an older one is read again once the
/// row is seen.
pub const FRESH_SECS: u64 = 600;

impl RecentItem {
    pub fn of(p: &ProductSummary) -> RecentItem {
        RecentItem {
            id: p.id.clone(),
            name: p.name.clone(),
            price: p.price.amount,
            currency: p.price.currency.clone(),
            image: p.cover().map(|i| i.thumbnail_url.clone()),
            at: 0,
        }
    }

    /// `p` as read from the shop at `now` (unix seconds).
    pub fn read_at(p: &ProductSummary, now: u64) -> RecentItem {
        RecentItem {
            at: now,
            ..RecentItem::of(p)
        }
    }

    pub fn money(&self) -> Money {
        Money {
            amount: self.price,
            currency: self.currency.clone(),
        }
    }
}

/// `list` after opening `item`: it moves to the front (its data refreshed), once, and the
/// oldest beyond the cap are dropped.
pub fn visited(list: &[RecentItem], item: RecentItem) -> Vec<RecentItem> {
    let id = item.id.clone();
    let rest = list.iter().filter(|x| x.id != id).cloned();
    let mut out: Vec<RecentItem> = std::iter::once(item).chain(rest).collect();
    out.truncate(RECENT_CAP);
    out
}

/// What the row shows on a page: every remembered product but the one open (`current`).
pub fn shown(list: &[RecentItem], current: Option<&str>) -> Vec<RecentItem> {
    list.iter()
        .filter(|x| Some(x.id.as_str()) != current)
        .cloned()
        .collect()
}

/// What this app session has read of products (a product page's own answer, or the row's
/// read once it was seen): the product as the shop has it now, or `None` — gone (404).
pub type Read = HashMap<String, Option<RecentItem>>;

/// `list` with what was `read`: each product read replaces its kept copy (today's name, price
/// and picture), each gone one leaves the row, the rest stay as kept; the order is kept.
pub fn refreshed(list: &[RecentItem], read: &Read) -> Vec<RecentItem> {
    list.iter()
        .filter_map(|x| match read.get(&x.id) {
            Some(Some(now)) => Some(now.clone()),
            Some(None) => None,
            None => Some(x.clone()),
        })
        .collect()
}

/// The products of `shown` to read once the row is seen: neither read this session nor kept
/// from a read less than `FRESH_SECS` before `now`.
pub fn unread(shown: &[RecentItem], read: &Read, now: u64) -> Vec<String> {
    shown
        .iter()
        .filter(|x| !read.contains_key(&x.id) && now.saturating_sub(x.at) >= FRESH_SECS)
        .map(|x| x.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str) -> RecentItem {
        RecentItem {
            id: id.into(),
            name: format!("Товар {id}"),
            price: Decimal::new(129990, 2),
            currency: "RUB".into(),
            image: None,
            at: 0,
        }
    }

    fn ids(l: &[RecentItem]) -> Vec<&str> {
        l.iter().map(|x| x.id.as_str()).collect()
    }

    #[test]
    fn the_newest_comes_first() {
        let mut l = vec![];
        for id in ["a", "b", "c"] {
            l = visited(&l, item(id));
        }
        assert_eq!(ids(&l), ["c", "b", "a"]);
    }

    #[test]
    fn opening_again_moves_to_the_front_once_with_fresh_data() {
        let mut l = vec![];
        for id in ["a", "b", "c"] {
            l = visited(&l, item(id));
        }
        let mut again = item("a");
        again.price = Decimal::new(99900, 2);
        let l = visited(&l, again);
        assert_eq!(ids(&l), ["a", "c", "b"]);
        assert_eq!(l[0].price, Decimal::new(99900, 2));
    }

    #[test]
    fn twelve_are_kept_and_the_oldest_dropped() {
        let mut l = vec![];
        for i in 0..15 {
            l = visited(&l, item(&format!("p{i}")));
        }
        assert_eq!(l.len(), RECENT_CAP);
        assert_eq!(l[0].id, "p14");
        assert_eq!(l[11].id, "p3");
        assert!(!l.iter().any(|x| x.id == "p2"));
    }

    #[test]
    fn the_open_product_is_not_in_its_own_row() {
        let mut l = vec![];
        for id in ["a", "b", "c"] {
            l = visited(&l, item(id));
        }
        assert_eq!(ids(&shown(&l, Some("c"))), ["b", "a"]);
        assert_eq!(ids(&shown(&l, None)), ["c", "b", "a"]);
    }

    #[test]
    fn what_was_read_replaces_the_kept_copy_and_a_gone_one_leaves() {
        let list = vec![item("a"), item("b"), item("c")];
        let mut now = item("b");
        now.price = Decimal::new(99900, 2);
        now.name = "Новое имя".into();
        let read: Read = [
            ("b".to_string(), Some(now.clone())),
            ("c".to_string(), None),
        ]
        .into_iter()
        .collect();
        let out = refreshed(&list, &read);
        assert_eq!(ids(&out), ["a", "b"]);
        assert_eq!(out[1], now, "today's name and price");
        assert_eq!(out[0], item("a"), "not read: as kept");
    }

    #[test]
    fn only_what_was_not_read_lately_is_asked_for() {
        let now = 1_800_000_000;
        let list = vec![item("a"), item("b"), item("c")];
        let read: Read = [("a".to_string(), Some(item("a"))), ("c".to_string(), None)]
            .into_iter()
            .collect();
        assert_eq!(unread(&list, &read, now), ["b"]);
        assert_eq!(unread(&list, &Read::new(), now).len(), 3);
        assert!(unread(&[], &read, now).is_empty());
        // Kept from a read a minute ago: today's. Ten minutes ago: read again.
        let mut lately = item("b");
        lately.at = now - 60;
        let mut before = item("c");
        before.at = now - FRESH_SECS;
        assert_eq!(unread(&[lately, before], &Read::new(), now), ["c"]);
    }

    #[test]
    fn a_record_kept_before_the_read_time_reads_as_old() {
        let old = r#"{"id":"a","name":"Котёл","price":"1299.90","currency":"RUB","image":null}"#;
        let x: RecentItem = serde_json::from_str(old).unwrap();
        assert_eq!(x.at, 0);
        assert_eq!(unread(&[x], &Read::new(), 1_800_000_000), ["a"]);
    }
}
