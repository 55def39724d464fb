//! The order history's view as its URL carries it (status, date range, page); the words
//! for the statuses are in `status.rs`.

use crate::domain::codes::OrderStatus;
use crate::domain::dates::parse_date;

/// Orders per page of the history (the backend allows up to 50).
pub const PAGE_SIZE: u32 = 10;

/// What `/account/orders?status=&from=&to=&page=` shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrdersFilter {
    pub status: Option<String>,
    /// `YYYY-MM-DD`.
    pub from: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    pub to: Option<String>,
    pub page: u32,
}

impl Default for OrdersFilter {
    fn default() -> Self {
        OrdersFilter {
            status: None,
            from: None,
            to: None,
            page: 1,
        }
    }
}

/// A `YYYY-MM-DD` from a URL, or nothing (shared by the cabinet's lists).
pub fn date(v: &str) -> Option<String> {
    let v = v.trim();
    (v.len() == 10 && parse_date(v).is_some()).then(|| v.to_string())
}

impl OrdersFilter {
    /// From a URL query; anything unknown or malformed is left out, never an error.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Self::from_pairs_among(pairs, |v| {
            OrderStatus::KNOWN.iter().any(|s| s.as_str() == v)
        })
    }

    /// The same, for a list whose statuses `known` accepts (withdrawal requests).
    pub fn from_pairs_among<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        known: impl Fn(&str) -> bool,
    ) -> Self {
        let mut f = OrdersFilter::default();
        for (k, v) in pairs {
            match k {
                "status" => f.status = known(v).then(|| v.to_string()),
                "from" => f.from = date(v),
                "to" => f.to = date(v),
                "page" => {
                    f.page = v
                        .parse()
                        .ok()
                        .filter(|p| (1..=10_000).contains(p))
                        .unwrap_or(1)
                }
                _ => {}
            }
        }
        // A range given backwards is read the right way round.
        if let (Some(a), Some(b)) = (&f.from, &f.to) {
            if a > b {
                std::mem::swap(&mut f.from, &mut f.to);
            }
        }
        f
    }

    /// The URL query; defaults are left out.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(s) = &self.status {
            out.push(("status", s.clone()));
        }
        if let Some(d) = &self.from {
            out.push(("from", d.clone()));
        }
        if let Some(d) = &self.to {
            out.push(("to", d.clone()));
        }
        if self.page > 1 {
            out.push(("page", self.page.to_string()));
        }
        out
    }

    /// Whether anything narrows the list.
    pub fn narrowed(&self) -> bool {
        self.status.is_some() || self.from.is_some() || self.to.is_some()
    }

    /// The same filter on page `n`.
    pub fn on_page(&self, n: u32) -> Self {
        OrdersFilter {
            page: n.max(1),
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_reads_and_writes_its_url_and_drops_what_is_not_valid() {
        let f = OrdersFilter::from_pairs([
            ("status", "DELIVERED"),
            ("from", "2026-11-30"),
            ("to", "2026-11-01"),
            ("page", "2"),
            ("utm", "x"),
        ]);
        assert_eq!(f.status.as_deref(), Some("DELIVERED"));
        assert_eq!(
            (f.from.as_deref(), f.to.as_deref()),
            (Some("2026-11-01"), Some("2026-11-30")),
            "a backwards range is turned round"
        );
        assert_eq!(f.page, 2);
        assert_eq!(
            OrdersFilter::from_pairs(f.to_pairs().iter().map(|(k, v)| (*k, v.as_str()))),
            f
        );
        let bad = OrdersFilter::from_pairs([
            ("status", "LOST"),
            ("from", "вчера"),
            ("to", "2026-13-40"),
            ("page", "0"),
        ]);
        assert_eq!(bad, OrdersFilter::default());
        assert!(!bad.narrowed());
        assert!(bad.to_pairs().is_empty());
        assert_eq!(f.on_page(1).to_pairs().len(), 3);
    }

    #[test]
    fn words_for_counts() {
        // Item counts are the catalog's own label.
        use crate::domain::catalog::products_count_label as items_word;
        assert_eq!(items_word(1), "1 товар");
        assert_eq!(items_word(3), "3 товара");
        assert_eq!(items_word(11), "11 товаров");
        assert_eq!(items_word(22), "22 товара");
        assert_eq!(items_word(25), "25 товаров");
    }
}
