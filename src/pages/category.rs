//! `/category/:id`: a category's products — the catalog view filtered to it.

use crate::pages::catalog::CatalogPage;
use leptos::prelude::*;

/// For now the category page is the catalog filtered by category; the full page
/// (breadcrumb, subcategories, facet filters) comes with the catalog issue.
#[component]
pub fn CategoryPage() -> impl IntoView {
    view! { <CatalogPage/> }
}
