//! `/catalog`: products from `GET /products`, with the whole view kept in the URL query.

use crate::components::{category_nav::CategoryNav, filters::TagOption, listing::Listing};
use crate::domain::catalog::CatalogQuery;
use crate::routes::{use_catalog_query, Route};
use crate::state::catalog::use_catalog;
use crate::state::resource::resource;
use leptos::prelude::*;
use leptos_meta::Title;

/// Tags seen on the loaded page, so the panel offers what is there.
fn tags_of(
    products: LocalResource<crate::components::listing::ProductsAnswer>,
    chosen: &[String],
) -> Vec<TagOption> {
    let mut names: Vec<String> = chosen.to_vec();
    products.with(|r| {
        if let Some(Ok(page)) = r {
            for t in page.items.iter().flat_map(|p| &p.tags) {
                if !names.contains(t) {
                    names.push(t.clone());
                }
            }
        }
    });
    names.sort();
    names
        .into_iter()
        .map(|name| TagOption { name, count: None })
        .collect()
}

/// The catalog listing.
#[component]
pub fn CatalogPage() -> impl IntoView {
    let catalog = use_catalog();
    let view_query = use_catalog_query();
    let products = resource(move || {
        let q = view_query.get();
        Box::pin(async move { catalog.list(&q).await })
    });
    crate::state::seed::fill(products, |s| s.listing);
    let tags = Signal::derive(move || tags_of(products, &view_query.with(|q| q.tags.clone())));

    view! {
        <Title text=move || match view_query.with(|q| q.search.clone()) {
            Some(s) => format!("Поиск «{s}»"),
            None => "Каталог".to_string(),
        }/>
        <div class="catalog">
            <h1 class="page-title">
                {move || match view_query.with(|q| q.search.clone()) {
                    Some(s) => format!("Результаты поиска «{s}»"),
                    None => "Каталог товаров".to_string(),
                }}
            </h1>
            <Listing
                query=view_query
                products=products
                tags=tags
                route=Callback::new(Route::Catalog)
                prefetch=Callback::new(move |q: CatalogQuery| catalog.prefetch(&q))
                aside=|| view! { <CategoryNav/> }
            />
        </div>
    }
}
