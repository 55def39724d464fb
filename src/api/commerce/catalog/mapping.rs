//! From the catalog's wire shapes to the domain: prices checked, statuses read, lists sorted.

use super::dto::*;
use crate::api::commerce::{Envelope, Pagination};
use crate::api::ApiError;
use crate::domain::catalog::{
    Availability, CategoryInfo, CategoryNode, Crumb, Page, ProductDetail, ProductImage,
    ProductSummary, Rating, RelatedProduct, Variant,
};
use crate::domain::codes::ProductStatus;
use crate::domain::money::Money;
use crate::domain::review::Review;
use crate::domain::text::is_web_url;
use rust_decimal::Decimal;

pub(super) fn bad(detail: String) -> ApiError {
    ApiError::Decode {
        status: 200,
        detail,
        request_id: None,
    }
}

impl TryFrom<ProductDto> for ProductSummary {
    type Error = ApiError;

    /// Checks what the screen relies on: a non-negative price and a sane rating.
    fn try_from(p: ProductDto) -> Result<Self, ApiError> {
        if p.price.is_sign_negative() {
            return Err(bad(format!("отрицательная цена у товара {}", p.id)));
        }
        let availability = match p.status {
            ProductStatus::Active if p.stock_quantity != Some(0) => Availability::InStock,
            ProductStatus::Active | ProductStatus::OutOfStock => Availability::OutOfStock,
            _ => Availability::Unavailable,
        };
        let currency = p.currency.clone();
        let compare_at = p
            .compare_at_price
            .filter(|c| *c > p.price)
            .map(|c| Money::new(c, currency.clone()));
        let name = p.name;
        Ok(ProductSummary {
            images: p
                .images
                .into_iter()
                .filter(|i| is_web_url(&i.url) && is_web_url(&i.thumbnail_url))
                .map(|i| ProductImage {
                    alt: i.alt.unwrap_or_else(|| name.clone()),
                    url: i.url,
                    thumbnail_url: i.thumbnail_url,
                    is_primary: i.is_primary,
                })
                .collect(),
            id: p.id,
            short_description: p.short_description.filter(|s| !s.trim().is_empty()),
            price: Money::new(p.price, currency),
            compare_at,
            availability,
            stock_quantity: p.stock_quantity.map(|q| q.max(0) as u64),
            category_name: p.category.map(|c| c.name),
            tags: p.tags,
            rating: Rating {
                average: p.rating.average.clamp(Decimal::ZERO, Decimal::from(5)),
                count: p.rating.count,
            },
            commission_percent: p.commission_percentage,
            career_points_percent: p.career_points_percentage,
            name,
        })
    }
}

/// Wraps decoded items with the envelope's pagination (or a single page if it has none).
pub fn page_of<T>(items: Vec<T>, pagination: Option<Pagination>) -> Page<T> {
    match pagination {
        Some(p) => Page {
            items,
            total: p.total,
            page: p.page,
            page_size: p.page_size,
            total_pages: p.total_pages,
        },
        None => Page {
            total: items.len() as u64,
            page: 1,
            page_size: items.len() as u32,
            total_pages: 1,
            items,
        },
    }
}

/// Converts a decoded products list into cards.
pub fn products_page(env: Envelope<ProductsDto>) -> Result<Page<ProductSummary>, ApiError> {
    let items = env
        .data
        .products
        .into_iter()
        .map(ProductSummary::try_from)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(page_of(items, env.meta.pagination))
}

impl From<CrumbDto> for Crumb {
    fn from(c: CrumbDto) -> Self {
        Crumb {
            id: c.id,
            name: c.name,
        }
    }
}

impl From<CategoryDetailDto> for CategoryInfo {
    fn from(c: CategoryDetailDto) -> Self {
        let range = &c.filters.price_range;
        CategoryInfo {
            price_range: (range.max > Decimal::ZERO).then_some((range.min, range.max)),
            tags: c
                .filters
                .tags
                .into_iter()
                .map(|t| (t.name, t.count))
                .collect(),
            children: c
                .children
                .into_iter()
                .map(|ch| {
                    (
                        Crumb {
                            id: ch.id,
                            name: ch.name,
                        },
                        ch.product_count,
                    )
                })
                .collect(),
            breadcrumb: c.breadcrumb.into_iter().map(Crumb::from).collect(),
            description: c.description.filter(|d| !d.trim().is_empty()),
            id: c.id,
            name: c.name,
        }
    }
}

pub(super) fn distribution(d: &Option<DistributionDto>) -> [u64; 5] {
    let mut out = [0u64; 5];
    if let Some(d) = d {
        for (i, o) in out.iter_mut().enumerate() {
            *o = d.get(&(i + 1).to_string()).copied().unwrap_or(0);
        }
    }
    out
}

impl TryFrom<ProductDetailDto> for ProductDetail {
    type Error = ApiError;

    fn try_from(mut base: ProductDetailDto) -> Result<Self, ApiError> {
        let variants = std::mem::take(&mut base.variants);
        let attributes = std::mem::take(&mut base.attributes);
        let related = std::mem::take(&mut base.related_products);
        let (weight, dimensions) = (base.weight, base.dimensions.take());
        let currency = base.currency.clone();
        let breadcrumb = base
            .category
            .as_ref()
            .map(|c| c.breadcrumb.iter().cloned().map(Crumb::from).collect())
            .unwrap_or_default();
        let dist = distribution(&base.rating.distribution);
        let description = base.description.clone();
        let sku = base.sku.clone();
        let summary = ProductSummary::try_from(base)?;
        Ok(ProductDetail {
            summary,
            description,
            sku,
            breadcrumb,
            variants: variants
                .into_iter()
                .map(|v| Variant {
                    id: v.id,
                    name: v.name,
                    sku: v.sku,
                    price: Money::new(v.price, currency.clone()),
                    stock: v.stock_quantity.map(|q| q.max(0) as u64),
                    attributes: v.attributes.into_iter().collect(),
                })
                .collect(),
            attributes: attributes.into_iter().collect(),
            weight,
            dimensions: dimensions.map(|d| [d.length, d.width, d.height]),
            distribution: dist,
            related: related
                .into_iter()
                .map(|r| RelatedProduct {
                    id: r.id,
                    name: r.name,
                    price: Money::new(r.price, currency.clone()),
                    thumbnail: r.thumbnail_url,
                })
                .collect(),
        })
    }
}

impl From<ReviewDto> for Review {
    fn from(r: ReviewDto) -> Self {
        Review {
            id: r.id,
            author: r.author.name,
            verified: r.author.is_verified_purchaser,
            rating: r.rating.clamp(1, 5),
            title: r.title.filter(|t| !t.trim().is_empty()),
            content: r.content,
            pros: r.pros,
            cons: r.cons,
            helpful: r.helpful_count,
            images: r
                .images
                .into_iter()
                .filter(|i| is_web_url(&i.url) && is_web_url(&i.thumbnail_url))
                .map(|i| (i.url, i.thumbnail_url))
                .collect(),
            response: r.response.map(|x| (x.content, x.responded_at)),
            created_at: r.created_at,
            status: r.status,
        }
    }
}

impl From<CategoryDto> for CategoryNode {
    fn from(c: CategoryDto) -> Self {
        let mut children: Vec<CategoryDto> =
            c.children.into_iter().filter(|c| c.is_active).collect();
        children.sort_by_key(|c| c.position);
        CategoryNode {
            id: c.id,
            name: c.name,
            image: c.image_url,
            count: c.product_count,
            children: children.into_iter().map(CategoryNode::from).collect(),
        }
    }
}
