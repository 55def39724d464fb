//! Catalog reads: products, product, reviews, categories, category (seed 003).

use super::{request, Endpoint, Envelope, Pagination};
use crate::api::{ApiError, Method, Query};
use crate::domain::catalog::{
    Availability, CatalogQuery, CategoryInfo, CategoryNode, Crumb, Page, ProductDetail,
    ProductImage, ProductSummary, Rating, RelatedProduct, Review, ReviewQuery, ReviewSummary,
    Variant, REVIEW_PAGE_SIZE,
};
use crate::domain::money::Money;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CategoryRefDto {
    pub id: String,
    pub name: String,
    pub slug: String,
    #[serde(default)]
    pub breadcrumb: Vec<CrumbDto>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct CrumbDto {
    pub id: String,
    pub name: String,
    pub slug: String,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ImageDto {
    #[serde(default)]
    pub id: Option<String>,
    pub url: String,
    pub thumbnail_url: String,
    #[serde(default)]
    pub alt: Option<String>,
    #[serde(default)]
    pub is_primary: bool,
    #[serde(default)]
    pub position: Option<i64>,
}

/// Rating distribution keyed "1".."5".
pub type DistributionDto = BTreeMap<String, u64>;

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RatingDto {
    pub average: Decimal,
    pub count: u64,
    #[serde(default)]
    pub distribution: Option<DistributionDto>,
}

/// `Product` of `GET /products`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ProductDto {
    pub id: String,
    pub name: String,
    pub slug: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub short_description: Option<String>,
    pub price: Decimal,
    #[serde(default)]
    pub compare_at_price: Option<Decimal>,
    pub currency: String,
    #[serde(default)]
    pub sku: String,
    pub status: String,
    #[serde(default)]
    pub stock_quantity: Option<i64>,
    #[serde(default)]
    pub category: Option<CategoryRefDto>,
    #[serde(default)]
    pub images: Vec<ImageDto>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub rating: RatingDto,
    #[serde(default)]
    pub commission_percentage: Decimal,
    #[serde(default)]
    pub career_points_percentage: Decimal,
    #[serde(default)]
    pub created_at: String,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct ProductsDto {
    pub products: Vec<ProductDto>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct DimensionsDto {
    pub length: Option<Decimal>,
    pub width: Option<Decimal>,
    pub height: Option<Decimal>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct VariantDto {
    pub id: String,
    pub name: String,
    pub sku: String,
    pub price: Decimal,
    #[serde(default)]
    pub stock_quantity: Option<i64>,
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RelatedDto {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub price: Decimal,
    #[serde(default)]
    pub thumbnail_url: Option<String>,
}

/// The fields `GET /products/:id` adds to a list `Product`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ProductExtraDto {
    #[serde(default)]
    pub track_inventory: bool,
    #[serde(default)]
    pub weight: Option<Decimal>,
    #[serde(default)]
    pub dimensions: Option<DimensionsDto>,
    #[serde(default)]
    pub variants: Vec<VariantDto>,
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    #[serde(default)]
    pub related_products: Vec<RelatedDto>,
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// `GET /products/:id`: the list fields plus the detail ones. Read twice from one JSON
/// value instead of `#[serde(flatten)]`, which loses serde_json's exact numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductDetailDto {
    pub base: ProductDto,
    pub extra: ProductExtraDto,
}

impl<'de> Deserialize<'de> for ProductDetailDto {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let v = serde_json::Value::deserialize(d)?;
        Ok(ProductDetailDto {
            base: serde_json::from_value(v.clone()).map_err(D::Error::custom)?,
            extra: serde_json::from_value(v).map_err(D::Error::custom)?,
        })
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ReviewAuthorDto {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub avatar_url: Option<String>,
    #[serde(default)]
    pub is_verified_purchaser: bool,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ReviewImageDto {
    pub url: String,
    pub thumbnail_url: String,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ShopResponseDto {
    pub content: String,
    pub responded_at: String,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ReviewDto {
    pub id: String,
    pub author: ReviewAuthorDto,
    pub rating: u8,
    #[serde(default)]
    pub title: Option<String>,
    pub content: String,
    #[serde(default)]
    pub pros: Vec<String>,
    #[serde(default)]
    pub cons: Vec<String>,
    #[serde(default)]
    pub helpful_count: u64,
    #[serde(default)]
    pub is_helpful: Option<bool>,
    #[serde(default)]
    pub images: Vec<ReviewImageDto>,
    #[serde(default)]
    pub response: Option<ShopResponseDto>,
    pub created_at: String,
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Present on the author's own reviews: `PENDING` until moderated.
    #[serde(default)]
    pub status: Option<String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct ReviewsDto {
    pub reviews: Vec<ReviewDto>,
    pub summary: RatingDto,
}

/// `Category` of `GET /categories`, with its subtree.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CategoryDto {
    pub id: String,
    pub name: String,
    pub slug: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub image_url: Option<String>,
    #[serde(default)]
    pub parent_id: Option<String>,
    #[serde(default)]
    pub level: u32,
    #[serde(default)]
    pub position: i64,
    #[serde(default)]
    pub product_count: Option<u64>,
    #[serde(default)]
    pub children: Vec<CategoryDto>,
    #[serde(default = "yes")]
    pub is_active: bool,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct CategoriesDto {
    pub categories: Vec<CategoryDto>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ChildCategoryDto {
    pub id: String,
    pub name: String,
    pub slug: String,
    #[serde(default)]
    pub product_count: u64,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct PriceRangeDto {
    pub min: Decimal,
    pub max: Decimal,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct TagCountDto {
    pub name: String,
    pub count: u64,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CategoryFiltersDto {
    pub price_range: PriceRangeDto,
    #[serde(default)]
    pub tags: Vec<TagCountDto>,
}

/// `GET /categories/:id`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CategoryDetailDto {
    pub id: String,
    pub name: String,
    pub slug: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub image_url: Option<String>,
    #[serde(default)]
    pub parent: Option<CrumbDto>,
    #[serde(default)]
    pub breadcrumb: Vec<CrumbDto>,
    #[serde(default)]
    pub children: Vec<ChildCategoryDto>,
    #[serde(default)]
    pub products: Vec<ProductDto>,
    pub filters: CategoryFiltersDto,
}

fn bad(detail: String) -> ApiError {
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
        let availability = match p.status.as_str() {
            "ACTIVE" if p.stock_quantity != Some(0) => Availability::InStock,
            "ACTIVE" | "OUT_OF_STOCK" => Availability::OutOfStock,
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
                .map(|i| ProductImage {
                    alt: i.alt.unwrap_or_else(|| name.clone()),
                    url: i.url,
                    thumbnail_url: i.thumbnail_url,
                    is_primary: i.is_primary,
                })
                .collect(),
            id: p.id,
            slug: p.slug,
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

/// The API query for a catalog view.
pub fn products_query(q: &CatalogQuery) -> Query {
    let mut query = Query::new();
    query
        .push("page", q.page)
        .push("pageSize", q.page_size)
        .push_opt("categoryId", q.category_id.as_ref())
        .push_opt("status", q.in_stock_only.then_some("ACTIVE"))
        .push_opt("minPrice", q.min_price.map(|d| d.normalize()))
        .push_opt("maxPrice", q.max_price.map(|d| d.normalize()))
        .push_opt("search", q.search.as_ref())
        .push_opt("tags", (!q.tags.is_empty()).then(|| q.tags.join(",")));
    if let Some((by, order)) = q.sort_fields() {
        query
            .push("sortBy", by.api())
            .push("sortOrder", order.api());
    }
    query
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

/// A view's answer, shared without copying the page by everyone waiting for it and the cache.
type Listed = Result<std::rc::Rc<Page<ProductSummary>>, ApiError>;
/// A view's answer being fetched; clones share the one request.
pub type InFlight =
    futures_util::future::Shared<futures_util::future::LocalBoxFuture<'static, Listed>>;

thread_local! {
    static LISTS: std::cell::RefCell<crate::api::cache::TtlCache<std::rc::Rc<Page<ProductSummary>>>> =
        std::cell::RefCell::new(crate::api::cache::TtlCache::new(
            crate::api::cache::LIST_TTL_SECS,
            crate::api::cache::LIST_CAPACITY,
        ));
    /// Requests under way, and a prefetch's failure until the page has seen it.
    static IN_FLIGHT: std::cell::RefCell<Vec<InFlightEntry>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// One request under way for a view.
struct InFlightEntry {
    key: String,
    started: u64,
    answer: InFlight,
    /// Only a prefetch has asked so far: if it fails, the page asking next is handed that
    /// failure instead of sending the same request again. Cleared once the page shares it.
    unseen: bool,
}

/// How long a prefetch's failure waits for the page that asks right after it.
const FAILED_KEPT_SECS: u64 = 5;

/// The answer for a view: from memory when seen in the last minute, else the request under
/// way for it, else a new one. `by_prefetch`: asked ahead of the page (see [`prefetch`]).
fn listing(ep: &Endpoint, q: &CatalogQuery, by_prefetch: bool) -> InFlight {
    use futures_util::FutureExt;
    let path = format!("/products{}", products_query(q).to_query_string());
    let key = format!("{}{path}", ep.base);
    let now = crate::api::http::now_unix();
    if let Some(hit) = LISTS.with(|c| c.borrow_mut().get(&key, now)) {
        return futures_util::future::ready(Ok(hit)).boxed_local().shared();
    }
    let shared = IN_FLIGHT.with(|f| {
        let mut f = f.borrow_mut();
        let i = f.iter().position(|e| e.key == key)?;
        if f[i].answer.peek().is_none() {
            // Under way: share it; once the page shares it, a failure is the page's own.
            f[i].unseen &= by_prefetch;
            return Some(f[i].answer.clone());
        }
        // A prefetch failed and the page asks now: it gets that failure (a retry then
        // asks anew). A second prefetch leaves it for the page.
        if by_prefetch {
            return Some(f[i].answer.clone());
        }
        let failed = f.remove(i);
        (now.saturating_sub(failed.started) <= FAILED_KEPT_SECS).then_some(failed.answer)
    });
    if let Some(f) = shared {
        return f;
    }
    let ep = ep.clone();
    let k = key.clone();
    let fut = async move {
        let answer = match request::<ProductsDto>(&ep, Method::Get, &path, None, None).await {
            Ok(env) => products_page(env).map(std::rc::Rc::new),
            Err(e) => Err(e),
        };
        let failed = answer.is_err();
        IN_FLIGHT.with(|f| {
            f.borrow_mut()
                .retain(|e| e.key != k || (failed && e.unseen))
        });
        if let Ok(page) = &answer {
            LISTS.with(|c| {
                c.borrow_mut()
                    .put(k, crate::api::http::now_unix(), page.clone())
            });
        }
        answer
    }
    .boxed_local()
    .shared();
    IN_FLIGHT.with(|f| {
        f.borrow_mut().push(InFlightEntry {
            key,
            started: now,
            answer: fut.clone(),
            unseen: by_prefetch,
        })
    });
    fut
}

/// `GET /products` for a catalog view. A view seen in the last minute is answered from
/// memory (Back, a filter toggled off again); errors are never kept; a view already being
/// fetched (see [`prefetch`]) is not asked for twice.
pub async fn list(ep: &Endpoint, q: &CatalogQuery) -> Result<Page<ProductSummary>, ApiError> {
    listing(ep, q, false)
        .await
        .map(std::rc::Rc::unwrap_or_clone)
}

/// Starts fetching a view now — inside the click, before any navigation — and returns the
/// answer to come, which the page asking for the same view afterwards shares.
pub fn prefetch(ep: &Endpoint, q: &CatalogQuery) -> InFlight {
    use futures_util::FutureExt;
    let fut = listing(ep, q, true);
    // The first poll sends the request synchronously, inside the click.
    let mut first = fut.clone();
    let mut cx = std::task::Context::from_waker(futures_util::task::noop_waker_ref());
    if first.poll_unpin(&mut cx).is_pending() {
        leptos::task::spawn_local(async move {
            let _ = first.await;
        });
    }
    fut
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

/// `GET /categories/:id` for the page frame; its products come from `GET /products`
/// with `categoryId`, which takes every filter.
pub async fn category(ep: &Endpoint, id: &str) -> Result<CategoryInfo, ApiError> {
    let path = format!(
        "/categories/{}?page=1&pageSize=1",
        crate::api::encode_component(id)
    );
    let env = request::<CategoryDetailDto>(ep, Method::Get, &path, None, None).await?;
    Ok(env.data.into())
}

fn distribution(d: &Option<DistributionDto>) -> [u64; 5] {
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

    fn try_from(d: ProductDetailDto) -> Result<Self, ApiError> {
        let (base, x) = (d.base, d.extra);
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
            variants: x
                .variants
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
            attributes: x.attributes.into_iter().collect(),
            weight: x.weight,
            dimensions: x.dimensions.map(|d| [d.length, d.width, d.height]),
            distribution: dist,
            related: x
                .related_products
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
                .map(|i| (i.url, i.thumbnail_url))
                .collect(),
            response: r.response.map(|x| (x.content, x.responded_at)),
            created_at: r.created_at,
            pending: r.status.as_deref() == Some("PENDING"),
        }
    }
}

/// `GET /products/:id`.
pub async fn product(ep: &Endpoint, id: &str) -> Result<ProductDetail, ApiError> {
    let path = format!("/products/{}", crate::api::encode_component(id));
    let env = request::<ProductDetailDto>(ep, Method::Get, &path, None, None).await?;
    ProductDetail::try_from(env.data)
}

/// `GET /products/:id/reviews` for the chosen stars, order and page.
pub async fn reviews(
    ep: &Endpoint,
    id: &str,
    q: &ReviewQuery,
) -> Result<(Page<Review>, ReviewSummary), ApiError> {
    let mut query = Query::new();
    query
        .push("page", q.page)
        .push("pageSize", REVIEW_PAGE_SIZE)
        .push("sortBy", q.sort)
        .push("sortOrder", "desc")
        .push_opt("rating", q.rating);
    let path = format!(
        "/products/{}/reviews{}",
        crate::api::encode_component(id),
        query.to_query_string()
    );
    let env = request::<ReviewsDto>(ep, Method::Get, &path, None, None).await?;
    let summary = ReviewSummary {
        rating: Rating {
            average: env.data.summary.average,
            count: env.data.summary.count,
        },
        distribution: distribution(&env.data.summary.distribution),
    };
    let items = env.data.reviews.into_iter().map(Review::from).collect();
    Ok((page_of(items, env.meta.pagination), summary))
}

impl From<CategoryDto> for CategoryNode {
    fn from(c: CategoryDto) -> Self {
        let mut children: Vec<CategoryDto> =
            c.children.into_iter().filter(|c| c.is_active).collect();
        children.sort_by_key(|c| c.position);
        CategoryNode {
            id: c.id,
            name: c.name,
            image: c.image_url.filter(|u| !u.is_empty()),
            count: c.product_count,
            children: children.into_iter().map(CategoryNode::from).collect(),
        }
    }
}

/// `GET /categories`: the whole tree with product counts.
pub async fn categories(ep: &Endpoint) -> Result<Vec<CategoryNode>, ApiError> {
    let env = request::<CategoriesDto>(
        ep,
        Method::Get,
        "/categories?includeProducts=true",
        None,
        None,
    )
    .await?;
    let mut roots: Vec<CategoryDto> = env
        .data
        .categories
        .into_iter()
        .filter(|c| c.is_active)
        .collect();
    roots.sort_by_key(|c| c.position);
    Ok(roots.into_iter().map(CategoryNode::from).collect())
}

/// Cards for products another system named (partner selections, "also buy"): each is
/// read from `GET /products/:id` at once. Products the shop no longer sells are left
/// out; only when none can be shown is the first failure returned.
pub async fn cards_for(ep: &Endpoint, ids: &[String]) -> Result<Vec<ProductSummary>, ApiError> {
    let all = futures_util::future::join_all(ids.iter().map(|id| product(ep, id))).await;
    let mut out = Vec::with_capacity(all.len());
    let mut first_err = None;
    for r in all {
        match r {
            Ok(p) => out.push(p.summary),
            Err(ApiError::NotFound(_)) => {}
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    match first_err {
        Some(e) if out.is_empty() => Err(e),
        _ => Ok(out),
    }
}

/// `CreateReviewResponse` (201).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CreatedReviewDto {
    pub id: String,
    pub rating: u8,
    #[serde(default)]
    pub title: Option<String>,
    pub content: String,
    #[serde(default)]
    pub pros: Vec<String>,
    #[serde(default)]
    pub cons: Vec<String>,
    pub status: String,
    pub created_at: String,
}

/// `POST /products/:id/reviews` with a draft that passed [`ReviewDraft::problems`].
pub async fn create_review(
    ep: &Endpoint,
    id: &str,
    draft: &crate::domain::review::ReviewDraft,
    key: &crate::api::IdempotencyKey,
) -> Result<CreatedReviewDto, ApiError> {
    let path = format!("/products/{}/reviews", crate::api::encode_component(id));
    let body = draft.to_request().to_string();
    let env = request::<CreatedReviewDto>(ep, Method::Post, &path, Some(body), Some(key)).await?;
    Ok(env.data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::FutureExt;

    // Outside a browser every request fails at once («нет fetch вне браузера»), which is
    // what these tests need: a request that has ended, with a failure.
    fn view() -> (Endpoint, CatalogQuery) {
        let q = CatalogQuery::from_pairs([("inStock", "1"), ("page", "2")]);
        (Endpoint::new("http://shop.test/api/v1"), q)
    }

    #[test]
    fn a_prefetched_view_and_the_page_that_asks_for_it_share_one_request() {
        let (ep, q) = view();
        let prefetched = listing(&ep, &q, true);
        let page_asks = listing(&ep, &q, false);
        assert!(prefetched.ptr_eq(&page_asks), "one request, not two");
        let other = listing(&ep, &q.with_page(3), false);
        assert!(
            !other.ptr_eq(&prefetched),
            "another view is its own request"
        );
    }

    #[test]
    fn a_failed_prefetch_is_handed_once_to_the_page_and_a_retry_asks_again() {
        let (ep, q) = view();
        let prefetched = listing(&ep, &q, true);
        let answer = prefetched.clone().now_or_never().expect("ended");
        assert!(matches!(answer, Err(ApiError::Network(_))));
        let page_asks = listing(&ep, &q, false);
        assert!(
            page_asks.ptr_eq(&prefetched),
            "the page gets the same failure"
        );
        let retry = listing(&ep, &q, false);
        assert!(!retry.ptr_eq(&prefetched), "a retry is a new request");
    }

    #[test]
    fn a_failure_the_page_has_seen_is_not_handed_to_its_retry() {
        let (ep, q) = view();
        // The page's own request fails; «Повторить» must ask again.
        let own = listing(&ep, &q, false);
        assert!(own.clone().now_or_never().expect("ended").is_err());
        assert!(!listing(&ep, &q, false).ptr_eq(&own));
        // The page shared a prefetch that then failed: the same.
        let (ep, q) = (ep, q.with_page(5));
        let prefetched = listing(&ep, &q, true);
        let shared = listing(&ep, &q, false);
        assert!(shared.clone().now_or_never().expect("ended").is_err());
        assert!(!listing(&ep, &q, false).ptr_eq(&prefetched));
    }
}
