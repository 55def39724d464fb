//! Catalog reads (seed 003): products, product, reviews, categories, category; and writing
//! a review. Wire shapes in `dto`, their mapping to the domain in `mapping`. Recent and
//! running listing requests are remembered in `state::listings`.

mod dto;
mod mapping;

pub use dto::*;
pub use mapping::{page_of, products_page};

use super::{Backend, Commerce};
use crate::api::error::parse_rate_limit;
use crate::api::{
    encode_component, ApiError, Endpoint, IdempotencyKey, Method, Query, RateLimit, RawResponse,
};
use crate::domain::catalog::{
    CatalogQuery, CategoryInfo, CategoryNode, Page, ProductDetail, ProductSummary, Rating,
};
use crate::domain::review::{Review, ReviewDraft, ReviewQuery, ReviewSummary, REVIEW_PAGE_SIZE};
use mapping::distribution;

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

/// The path of `GET /products` for a catalog view: also what tells one view from another.
pub fn products_path(q: &CatalogQuery) -> String {
    format!("/products{}", products_query(q).to_query_string())
}

/// `GET /products` at `path` (from [`products_path`]): one page of cards.
pub async fn products(ep: &Endpoint, path: &str) -> Result<Page<ProductSummary>, ApiError> {
    products_page(Commerce::request(ep, Method::Get, path, None, None).await?)
}

/// `GET /products` at `path` for the header's suggestions: the cards and the listing's
/// rate-limit headers, which say when to stop suggesting.
pub async fn suggest(
    ep: &Endpoint,
    path: &str,
) -> Result<(Page<ProductSummary>, RateLimit), ApiError> {
    let read = |raw: &RawResponse, now| {
        let limit = parse_rate_limit(|h| raw.header(h), now);
        Ok((products_page(Commerce::decode(raw, now)?)?, limit))
    };
    Commerce::exchange(ep, Method::Get, path, None, None, read).await
}

/// `GET /categories/:id` for the page frame; its products come from `GET /products`
/// with `categoryId`, which takes every filter.
pub async fn category(ep: &Endpoint, id: &str) -> Result<CategoryInfo, ApiError> {
    let path = format!("/categories/{}?page=1&pageSize=1", encode_component(id));
    let env = Commerce::request::<CategoryDetailDto>(ep, Method::Get, &path, None, None).await?;
    Ok(env.data.into())
}

/// `GET /products/:id`.
pub async fn product(ep: &Endpoint, id: &str) -> Result<ProductDetail, ApiError> {
    let path = format!("/products/{}", encode_component(id));
    let env = Commerce::request::<ProductDetailDto>(ep, Method::Get, &path, None, None).await?;
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
        .push("sortBy", q.sort.api())
        .push("sortOrder", "desc")
        .push_opt("rating", q.rating);
    let path = format!(
        "/products/{}/reviews{}",
        encode_component(id),
        query.to_query_string()
    );
    let env = Commerce::request::<ReviewsDto>(ep, Method::Get, &path, None, None).await?;
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

/// `GET /categories`: the whole tree with product counts.
pub async fn categories(ep: &Endpoint) -> Result<Vec<CategoryNode>, ApiError> {
    let env = Commerce::request::<CategoriesDto>(
        ep,
        Method::Get,
        "/categories?includeProducts=true",
        None,
        None,
    )
    .await?;
    Ok(tree(env.data))
}

/// The active categories of a `GET /categories` answer in their order, as the tree the app
/// shows (also what the prerender walks).
pub fn tree(answer: CategoriesDto) -> Vec<CategoryNode> {
    let mut roots: Vec<CategoryDto> = answer
        .categories
        .into_iter()
        .filter(|c| c.is_active)
        .collect();
    roots.sort_by_key(|c| c.position);
    roots.into_iter().map(CategoryNode::from).collect()
}

/// Each of `ids` read from `GET /products/:id` at once, as a card, answer by answer (the
/// partner's selections, the «Вы смотрели» row).
pub async fn read_each(ep: &Endpoint, ids: &[String]) -> Vec<Result<ProductSummary, ApiError>> {
    futures_util::future::join_all(
        ids.iter()
            .map(|id| async move { product(ep, id).await.map(|d| d.summary) }),
    )
    .await
}

/// Cards for products another system named (partner selections, "also buy"): each is
/// read from `GET /products/:id` at once. Products the shop no longer sells are left
/// out; only when none can be shown is the first failure returned.
pub async fn cards_for(ep: &Endpoint, ids: &[String]) -> Result<Vec<ProductSummary>, ApiError> {
    let all = read_each(ep, ids).await;
    let mut out = Vec::with_capacity(all.len());
    let mut first_err = None;
    for r in all {
        match r {
            Ok(p) => out.push(p),
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

/// `POST /products/:id/reviews` with a draft that passed [`ReviewDraft::problems`]; the
/// answer is the new review, of which the shopper is told its moderation state.
pub async fn create_review(
    ep: &Endpoint,
    id: &str,
    draft: &ReviewDraft,
    key: &IdempotencyKey,
) -> Result<crate::domain::codes::ReviewStatus, ApiError> {
    let path = format!("/products/{}/reviews", encode_component(id));
    let body = draft.to_request().to_string();
    let env = Commerce::request::<CreatedReviewDto>(ep, Method::Post, &path, Some(body), Some(key))
        .await?;
    Ok(env.data.status)
}
