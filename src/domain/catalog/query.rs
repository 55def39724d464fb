//! The catalog's view state — search, filters, order, page — and its URL form, so a link
//! reproduces the view and Back restores it.

use rust_decimal::Decimal;
use std::str::FromStr;

/// A field the API sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    Price,
    Name,
    CreatedAt,
    Popularity,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortOrder {
    Asc,
    Desc,
}

impl SortBy {
    pub fn api(self) -> &'static str {
        match self {
            SortBy::Price => "price",
            SortBy::Name => "name",
            SortBy::CreatedAt => "createdAt",
            SortBy::Popularity => "popularity",
        }
    }
}

impl SortOrder {
    pub fn api(self) -> &'static str {
        match self {
            SortOrder::Asc => "asc",
            SortOrder::Desc => "desc",
        }
    }
}

/// An order a shopper can pick.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Popular,
    PriceAsc,
    PriceDesc,
    New,
    Old,
    NameAsc,
    NameDesc,
    Unpopular,
}

impl SortKey {
    /// The shop's own order: the URL carries no `sort` for it.
    pub const DEFAULT: SortKey = SortKey::Popular;

    /// Every order, as the sort menu lists them.
    pub const ALL: [SortKey; 8] = [
        SortKey::Popular,
        SortKey::PriceAsc,
        SortKey::PriceDesc,
        SortKey::New,
        SortKey::Old,
        SortKey::NameAsc,
        SortKey::NameDesc,
        SortKey::Unpopular,
    ];

    /// `(url value, field, order, label)`.
    fn row(self) -> (&'static str, SortBy, SortOrder, &'static str) {
        use SortBy::*;
        use SortOrder::*;
        match self {
            SortKey::Popular => ("popular", Popularity, Desc, "Популярные"),
            SortKey::PriceAsc => ("price-asc", Price, Asc, "Сначала дешевле"),
            SortKey::PriceDesc => ("price-desc", Price, Desc, "Сначала дороже"),
            SortKey::New => ("new", CreatedAt, Desc, "Сначала новые"),
            SortKey::Old => ("old", CreatedAt, Asc, "Сначала давние"),
            SortKey::NameAsc => ("name-asc", Name, Asc, "По названию, А–Я"),
            SortKey::NameDesc => ("name-desc", Name, Desc, "По названию, Я–А"),
            SortKey::Unpopular => ("unpopular", Popularity, Asc, "Сначала менее популярные"),
        }
    }

    /// The value in the URL (`sort=price-asc`).
    pub fn url(self) -> &'static str {
        self.row().0
    }

    /// Reads a URL value; an unknown one is no order at all.
    pub fn parse(v: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.url() == v)
    }

    pub fn fields(self) -> (SortBy, SortOrder) {
        let (_, by, order, _) = self.row();
        (by, order)
    }

    pub fn label(self) -> &'static str {
        self.row().3
    }
}

pub const DEFAULT_PAGE_SIZE: u32 = 24;
pub const MAX_PAGE_SIZE: u32 = 100;

/// Everything that decides what the catalog shows; it lives in the URL query so a link
/// reproduces the view and Back restores it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CatalogQuery {
    pub search: Option<String>,
    pub category_id: Option<String>,
    pub in_stock_only: bool,
    pub min_price: Option<Decimal>,
    pub max_price: Option<Decimal>,
    pub tags: Vec<String>,
    /// The chosen order; `None` is the shop's default.
    pub sort: Option<SortKey>,
    pub page: u32,
    pub page_size: u32,
}

impl CatalogQuery {
    /// Reads the URL query leniently: a value that makes no sense is dropped, not an error.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut q = CatalogQuery {
            page: 1,
            page_size: DEFAULT_PAGE_SIZE,
            ..Default::default()
        };
        let text = |v: &str| {
            let t = v.trim();
            (!t.is_empty()).then(|| t.to_string())
        };
        let price = |v: &str| {
            Decimal::from_str(v.trim().replace(',', ".").as_str())
                .ok()
                .filter(|d| !d.is_sign_negative())
        };
        for (k, v) in pairs {
            match k {
                "q" => q.search = text(v),
                "category" => q.category_id = text(v),
                "inStock" => q.in_stock_only = v == "1" || v == "true",
                "minPrice" => q.min_price = price(v),
                "maxPrice" => q.max_price = price(v),
                "tags" => {
                    q.tags = v
                        .split(',')
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(str::to_string)
                        .collect()
                }
                "sort" => q.sort = SortKey::parse(v),
                "page" => q.page = v.parse().ok().filter(|p| *p >= 1).unwrap_or(1),
                "size" => {
                    q.page_size = v
                        .parse()
                        .ok()
                        .filter(|s| (1..=MAX_PAGE_SIZE).contains(s))
                        .unwrap_or(DEFAULT_PAGE_SIZE)
                }
                _ => {}
            }
        }
        q
    }

    /// The URL query, defaults left out, in a stable order.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(s) = &self.search {
            out.push(("q", s.clone()));
        }
        if let Some(c) = &self.category_id {
            out.push(("category", c.clone()));
        }
        if self.in_stock_only {
            out.push(("inStock", "1".into()));
        }
        if let Some(p) = self.min_price {
            out.push(("minPrice", p.normalize().to_string()));
        }
        if let Some(p) = self.max_price {
            out.push(("maxPrice", p.normalize().to_string()));
        }
        if !self.tags.is_empty() {
            out.push(("tags", self.tags.join(",")));
        }
        if let Some(s) = self.sort {
            out.push(("sort", s.url().to_string()));
        }
        if self.page > 1 {
            out.push(("page", self.page.to_string()));
        }
        if self.page_size != DEFAULT_PAGE_SIZE {
            out.push(("size", self.page_size.to_string()));
        }
        out
    }

    /// The chosen order as API fields.
    pub fn sort_fields(&self) -> Option<(SortBy, SortOrder)> {
        self.sort.map(SortKey::fields)
    }

    /// The same view on another page.
    pub fn with_page(&self, page: u32) -> Self {
        CatalogQuery {
            page: page.max(1),
            ..self.clone()
        }
    }
}

/// Page numbers to show around `current`, with `None` for an ellipsis: 1 … 4 5 6 … 20.
pub fn page_window(current: u32, total_pages: u32) -> Vec<Option<u32>> {
    if total_pages <= 7 {
        return (1..=total_pages).map(Some).collect();
    }
    let current = current.clamp(1, total_pages);
    let lo = current.saturating_sub(1).max(2);
    let hi = (current + 1).min(total_pages - 1);
    let mut out = vec![Some(1)];
    if lo > 2 {
        out.push(None);
    }
    out.extend((lo..=hi).map(Some));
    if hi < total_pages - 1 {
        out.push(None);
    }
    out.push(Some(total_pages));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_query_round_trips_through_the_url() {
        let q = CatalogQuery {
            search: Some("котёл газовый".into()),
            category_id: Some("c1".into()),
            in_stock_only: true,
            min_price: Some(Decimal::from_str("1000.50").unwrap()),
            max_price: Some(Decimal::from(50000)),
            tags: vec!["хит".into(), "скидка".into()],
            sort: Some(SortKey::PriceAsc),
            page: 3,
            page_size: 48,
        };
        let pairs = q.to_pairs();
        let back = CatalogQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, q);
    }

    #[test]
    fn default_view_has_an_empty_query() {
        let q = CatalogQuery::from_pairs([]);
        assert_eq!(q.page, 1);
        assert_eq!(q.page_size, DEFAULT_PAGE_SIZE);
        assert!(q.to_pairs().is_empty());
    }

    #[test]
    fn nonsense_in_the_url_is_dropped_not_fatal() {
        let q = CatalogQuery::from_pairs([
            ("page", "-4"),
            ("size", "100000"),
            ("minPrice", "abc"),
            ("maxPrice", "-5"),
            ("sort", "drop table"),
            ("q", "   "),
        ]);
        assert_eq!(q, CatalogQuery::from_pairs([]));
    }

    #[test]
    fn page_window_elides_far_pages() {
        assert_eq!(page_window(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(
            page_window(5, 20),
            vec![Some(1), None, Some(4), Some(5), Some(6), None, Some(20)]
        );
        assert_eq!(page_window(1, 20), vec![Some(1), Some(2), None, Some(20)]);
        assert_eq!(page_window(20, 20), vec![Some(1), None, Some(19), Some(20)]);
    }

    #[test]
    fn every_order_reads_back_from_its_url_value() {
        for k in SortKey::ALL {
            assert_eq!(SortKey::parse(k.url()), Some(k));
        }
        assert_eq!(SortKey::parse("popularity"), None);
    }
}
