//! Data a page already has when it is drawn: the prerender (issue 23) puts the product it
//! fetched at deploy time here, so the page draws it at once instead of asking the API.
//! The browser provides no seed, and every page loads its data as before.

use crate::api::partner::Selection;
use crate::api::ApiError;
use crate::domain::catalog::{CategoryInfo, CategoryNode, Page, ProductDetail, ProductSummary};
use leptos::prelude::*;

/// What the prerender already decoded for the page it draws.
#[derive(Clone, Default)]
pub struct Seed {
    pub product: Option<ProductDetail>,
    /// The catalog view's first page of cards.
    pub listing: Option<Page<ProductSummary>>,
    /// The category tree (navigation, home page, breadcrumbs of listings).
    pub categories: Option<Vec<CategoryNode>>,
    /// The category page's frame (`GET /categories/:id`).
    pub category: Option<CategoryInfo>,
    /// The home page's rows: each partner selection, in the API's order, with its cards.
    pub rows: Option<Vec<(Selection, Vec<ProductSummary>)>>,
}

/// The seed of the page being drawn. Only the prerender (native) provides one; in the
/// browser this is `None` at compile time, so the seeded branches cost the wasm nothing.
pub fn current() -> Option<Seed> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use_context::<Seed>()
    }
    #[cfg(target_arch = "wasm32")]
    {
        None
    }
}

/// Puts a seeded value into a page's resource, so the view reads it at once: with leptos'
/// `ssr` a `LocalResource` never runs its fetcher, but it can be written. In the browser
/// there is no seed and nothing changes.
pub fn fill<T: 'static>(
    res: LocalResource<Result<T, ApiError>>,
    pick: impl FnOnce(Seed) -> Option<T>,
) {
    if let Some(v) = current().and_then(pick) {
        res.set(Some(Ok(v)));
    }
}

/// What the seed holds for `pick`: a page with it draws it at once, without `<Transition>`
/// (an `.await` on a resource never resolves natively). Always `None` in the browser.
pub fn seeded<T>(pick: impl FnOnce(Seed) -> Option<T>) -> Option<T> {
    current().and_then(pick)
}

/// The seeded product `id`, if the page is drawn from one.
pub fn seeded_product(id: &str) -> Option<ProductDetail> {
    current()
        .and_then(|s| s.product)
        .filter(|p| p.summary.id == id)
}
