//! `/catalog`: products from `GET /products`, with the whole view kept in the URL query.

use crate::api::{commerce::catalog, Query};
use crate::components::{filters::TagOption, listing::Listing};
use crate::domain::catalog::CatalogQuery;
use crate::state::use_session;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/catalog?…` for a view, without the deployment base.
pub fn catalog_path(q: &CatalogQuery) -> String {
    format!("/catalog{}", query_string(q))
}

/// The view's URL query (`?q=…&page=2`), defaults left out.
pub fn query_string(q: &CatalogQuery) -> String {
    let mut query = Query::new();
    for (k, v) in q.to_pairs() {
        query.push(k, v);
    }
    query.to_query_string()
}

/// The current view, read from the URL.
pub fn use_catalog_query() -> Memo<CatalogQuery> {
    let query_map = use_query_map();
    Memo::new(move |_| query_map.with(view_of))
}

/// The view a URL query describes.
pub fn view_of(params: &leptos_router::params::ParamsMap) -> CatalogQuery {
    CatalogQuery::from_pairs(params.latest_values().map(|(k, v)| (k.as_ref(), v)))
}

/// Tags seen on the loaded page, so the panel offers what is there.
fn tags_of(
    products: LocalResource<crate::components::listing::Loaded>,
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
    let session = use_session();
    let view_query = use_catalog_query();
    let products = LocalResource::new(move || {
        let q = view_query.get();
        let ep = session.commerce();
        async move { catalog::list(&ep, &q).await }
    });
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
                path=Callback::new(|q: CatalogQuery| catalog_path(&q))
                prefetch=Callback::new(move |q: CatalogQuery| catalog::prefetch(&session.commerce(), &q))
                aside=|| view! { <crate::pages::categories::CategoryNav/> }
            />
        </div>
    }
}
