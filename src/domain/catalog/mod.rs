//! What a shopper browses: products, their prices and ratings, and the catalog's view state.

mod query;

pub use query::{
    page_window, CatalogQuery, SortBy, SortKey, SortOrder, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE,
};

use super::money::Money;
use rust_decimal::Decimal;

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

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

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
