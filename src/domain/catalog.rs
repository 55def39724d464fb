//! What a shopper browses: products, their prices and ratings, and the catalog's view state.

use super::money::Money;
use rust_decimal::Decimal;
use std::str::FromStr;

/// A product photo; `url` for the page, `thumbnail_url` for cards.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductImage {
    pub url: String,
    pub thumbnail_url: String,
    pub alt: String,
    pub is_primary: bool,
}

/// Average stars and how many reviews they come from.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Rating {
    pub average: Decimal,
    pub count: u64,
}

impl Rating {
    /// How much of the five-star row is filled, in whole percent: 4.7 → 94.
    pub fn fill_percent(&self) -> u32 {
        let avg = self.average.clamp(Decimal::ZERO, Decimal::from(5));
        (avg * Decimal::from(20)).round().try_into().unwrap_or(0)
    }
}

/// Availability as a shopper reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Availability {
    InStock,
    OutOfStock,
    /// Not sold any more (DRAFT/ARCHIVED).
    Unavailable,
}

/// A product as listed in the catalog (a card).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductSummary {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub short_description: Option<String>,
    pub price: Money,
    pub compare_at: Option<Money>,
    pub availability: Availability,
    pub stock_quantity: Option<u64>,
    pub category_name: Option<String>,
    pub images: Vec<ProductImage>,
    pub tags: Vec<String>,
    pub rating: Rating,
    pub commission_percent: Decimal,
    pub career_points_percent: Decimal,
}

impl ProductSummary {
    /// The primary image, else the first.
    pub fn cover(&self) -> Option<&ProductImage> {
        self.images
            .iter()
            .find(|i| i.is_primary)
            .or_else(|| self.images.first())
    }

    pub fn discount_percent(&self) -> Option<u32> {
        self.compare_at
            .as_ref()
            .and_then(|c| self.price.discount_percent_from(c))
    }

    /// What a partner earns on one unit.
    pub fn commission(&self) -> Money {
        self.price.percent(self.commission_percent)
    }

    /// Career points for one unit: the points percentage of the price, in whole points.
    pub fn career_points(&self) -> Decimal {
        self.price
            .percent(self.career_points_percent)
            .amount
            .round()
    }
}

/// One purchasable option of a product (power, colour…).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    pub id: String,
    pub name: String,
    pub sku: String,
    pub price: Money,
    pub stock: Option<u64>,
    pub attributes: Vec<(String, String)>,
}

/// A product shown beside another one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelatedProduct {
    pub id: String,
    pub name: String,
    pub price: Money,
    pub thumbnail: Option<String>,
}

/// Everything the product page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductDetail {
    pub summary: ProductSummary,
    pub description: String,
    pub sku: String,
    pub breadcrumb: Vec<Crumb>,
    pub variants: Vec<Variant>,
    pub attributes: Vec<(String, String)>,
    /// Grams.
    pub weight: Option<Decimal>,
    /// Length × width × height, centimetres.
    pub dimensions: Option<[Option<Decimal>; 3]>,
    /// Reviews with 1…5 stars.
    pub distribution: [u64; 5],
    pub related: Vec<RelatedProduct>,
}

/// Bar widths of the rating histogram, in percent of the largest bar.
pub fn histogram(distribution: &[u64; 5]) -> [u32; 5] {
    let max = distribution.iter().copied().max().unwrap_or(0);
    let mut out = [0u32; 5];
    if max == 0 {
        return out;
    }
    for (o, n) in out.iter_mut().zip(distribution) {
        *o = ((n * 100 + max / 2) / max) as u32;
    }
    out
}

/// A shopper's review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    pub id: String,
    pub author: String,
    pub verified: bool,
    pub rating: u8,
    pub title: Option<String>,
    pub content: String,
    pub pros: Vec<String>,
    pub cons: Vec<String>,
    pub helpful: u64,
    pub images: Vec<(String, String)>,
    /// The shop's answer and its date.
    pub response: Option<(String, String)>,
    pub created_at: String,
    /// Waiting for moderation (only the author sees it).
    pub pending: bool,
}

/// Average, count and the five bars.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ReviewSummary {
    pub rating: Rating,
    pub distribution: [u64; 5],
}

/// Which reviews to show: a star filter, an order, a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewQuery {
    pub rating: Option<u8>,
    /// `createdAt`, `rating` or `helpful` — the API's names.
    pub sort: &'static str,
    pub page: u32,
}

pub const REVIEW_SORTS: &[(&str, &str)] = &[
    ("createdAt", "Сначала новые"),
    ("helpful", "Сначала полезные"),
    ("rating", "По оценке"),
];

pub const REVIEW_PAGE_SIZE: u32 = 10;

impl ReviewQuery {
    /// From the product page's URL (`rating`, `rsort`, `rpage`), leniently.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut q = ReviewQuery {
            rating: None,
            sort: "createdAt",
            page: 1,
        };
        for (k, v) in pairs {
            match k {
                "rating" => q.rating = v.parse().ok().filter(|r| (1..=5).contains(r)),
                "rsort" => {
                    if let Some((s, _)) = REVIEW_SORTS.iter().find(|(s, _)| *s == v) {
                        q.sort = s;
                    }
                }
                "rpage" => q.page = v.parse().ok().filter(|p| *p >= 1).unwrap_or(1),
                _ => {}
            }
        }
        q
    }
}

/// A link in a breadcrumb.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Crumb {
    pub id: String,
    pub name: String,
}

/// A category page's frame: where it sits, what is below, what can be filtered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryInfo {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// Root first, this category last.
    pub breadcrumb: Vec<Crumb>,
    pub children: Vec<(Crumb, u64)>,
    pub price_range: Option<(Decimal, Decimal)>,
    pub tags: Vec<(String, u64)>,
}

/// One page of a list and where it sits in the whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u32,
    pub page_size: u32,
    pub total_pages: u32,
}

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

/// The orders a shopper can pick, with Russian labels, as `(url value, field, order, label)`.
pub const SORTS: &[(&str, SortBy, SortOrder, &str)] = &[
    ("popular", SortBy::Popularity, SortOrder::Desc, "Популярные"),
    (
        "price-asc",
        SortBy::Price,
        SortOrder::Asc,
        "Сначала дешевле",
    ),
    (
        "price-desc",
        SortBy::Price,
        SortOrder::Desc,
        "Сначала дороже",
    ),
    ("new", SortBy::CreatedAt, SortOrder::Desc, "Сначала новые"),
    ("old", SortBy::CreatedAt, SortOrder::Asc, "Сначала давние"),
    ("name-asc", SortBy::Name, SortOrder::Asc, "По названию, А–Я"),
    (
        "name-desc",
        SortBy::Name,
        SortOrder::Desc,
        "По названию, Я–А",
    ),
    (
        "unpopular",
        SortBy::Popularity,
        SortOrder::Asc,
        "Сначала менее популярные",
    ),
];

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
    /// The `SORTS` url value; `None` is the default order.
    pub sort: Option<String>,
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
                "sort" => q.sort = SORTS.iter().find(|s| s.0 == v).map(|s| s.0.to_string()),
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
        if let Some(s) = &self.sort {
            out.push(("sort", s.clone()));
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
        let key = self.sort.as_deref()?;
        SORTS.iter().find(|s| s.0 == key).map(|s| (s.1, s.2))
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
            sort: Some("price-asc".into()),
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
    fn histogram_bars_are_relative_to_the_biggest() {
        assert_eq!(histogram(&[2, 5, 12, 45, 92]), [2, 5, 13, 49, 100]);
        assert_eq!(histogram(&[0; 5]), [0; 5]);
    }

    #[test]
    fn review_query_reads_the_url_leniently() {
        let q = ReviewQuery::from_pairs([("rating", "5"), ("rsort", "helpful"), ("rpage", "2")]);
        assert_eq!((q.rating, q.sort, q.page), (Some(5), "helpful", 2));
        let q = ReviewQuery::from_pairs([("rating", "9"), ("rsort", "x"), ("rpage", "0")]);
        assert_eq!((q.rating, q.sort, q.page), (None, "createdAt", 1));
    }

    #[test]
    fn star_fill_is_the_average_out_of_five_and_clamped() {
        let r = |a: &str| Rating {
            average: Decimal::from_str(a).unwrap(),
            count: 1,
        };
        assert_eq!(r("4.7").fill_percent(), 94);
        assert_eq!(r("5").fill_percent(), 100);
        assert_eq!(r("0").fill_percent(), 0);
        assert_eq!(r("9").fill_percent(), 100);
        assert_eq!(r("-1").fill_percent(), 0);
    }
}

/// A node of the category tree, for navigation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryNode {
    pub id: String,
    pub name: String,
    pub image: Option<String>,
    /// Products in the category and below, when the backend counted them.
    pub count: Option<u64>,
    pub children: Vec<CategoryNode>,
}

/// `1 товар`, `3 товара`, `125 товаров`.
pub fn products_count_label(n: u64) -> String {
    format!(
        "{n} {}",
        crate::domain::text::plural(n, "товар", "товара", "товаров")
    )
}
