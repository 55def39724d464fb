//! Data a page already has when it is drawn: the prerender (issue 23) puts the product it
//! fetched at deploy time here, so the page draws it at once instead of asking the API.
//! The browser provides no seed, and every page loads its data as before.

use crate::domain::catalog::ProductDetail;
use leptos::prelude::*;

/// What the prerender already decoded for the page it draws.
#[derive(Clone, Default)]
pub struct Seed {
    pub product: Option<ProductDetail>,
}

/// The seeded product `id`, if the page is drawn from one.
pub fn seeded_product(id: &str) -> Option<ProductDetail> {
    use_context::<Seed>()
        .and_then(|s| s.product)
        .filter(|p| p.summary.id == id)
}
