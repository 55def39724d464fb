//! The category tree, fetched once per visit and shared by every page that shows it.

use crate::api::commerce::catalog;
use crate::api::ApiError;
use crate::domain::catalog::CategoryNode;
use crate::state::use_session;
use leptos::prelude::*;

/// The tree once it has been read; pages after the first show it without a request.
#[derive(Clone, Copy)]
pub struct CategoryCache(RwSignal<Option<Vec<CategoryNode>>>);

impl CategoryCache {
    pub fn new() -> Self {
        CategoryCache(RwSignal::new(None))
    }
}

impl Default for CategoryCache {
    fn default() -> Self {
        Self::new()
    }
}

/// The tree as a resource: from the cache when it is there, else from `GET /categories`.
pub fn use_category_tree() -> LocalResource<Result<Vec<CategoryNode>, ApiError>> {
    let session = use_session();
    let cache = use_context::<CategoryCache>().unwrap_or_default();
    LocalResource::new(move || {
        let cached = cache.0.get_untracked();
        let ep = session.commerce();
        async move {
            if let Some(tree) = cached {
                return Ok(tree);
            }
            let tree = catalog::categories(&ep).await?;
            cache.0.set(Some(tree.clone()));
            Ok(tree)
        }
    })
}
