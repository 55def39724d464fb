//! «Вы смотрели»: the products last opened on this device, newest first — what each card
//! needs to be drawn without a request (id, name, price, picture).

use crate::domain::catalog::ProductSummary;
use crate::domain::money::Money;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

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
}

impl RecentItem {
    pub fn of(p: &ProductSummary) -> RecentItem {
        RecentItem {
            id: p.id.clone(),
            name: p.name.clone(),
            price: p.price.amount,
            currency: p.price.currency.clone(),
            image: p.cover().map(|i| i.thumbnail_url.clone()),
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
}
