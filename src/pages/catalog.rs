//! `/catalog`: products from `GET /products`, with the view kept in the URL query.

use crate::api::{commerce::catalog, Query};
use crate::components::{
    error_panel::ErrorPanel, pagination::Pagination, product_card::ProductCard,
    skeleton::ProductGridSkeleton,
};
use crate::domain::catalog::{CatalogQuery, SORTS};
use crate::domain::text::plural;
use crate::routes::href;
use crate::state::use_session;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

/// `/catalog?…` for a view, without the deployment base.
pub fn catalog_path(q: &CatalogQuery) -> String {
    let mut query = Query::new();
    for (k, v) in q.to_pairs() {
        query.push(k, v);
    }
    format!("/catalog{}", query.to_query_string())
}

/// The catalog listing.
#[component]
pub fn CatalogPage() -> impl IntoView {
    let session = use_session();
    let query_map = use_query_map();
    let navigate = use_navigate();
    let view_query = Memo::new(move |_| {
        query_map
            .with(|m| CatalogQuery::from_pairs(m.latest_values().map(|(k, v)| (k.as_ref(), v))))
    });
    let products = LocalResource::new(move || {
        let q = view_query.get();
        let ep = session.commerce();
        async move { catalog::list(&ep, &q).await }
    });
    let show_partner = Signal::derive(move || session.is_partner());

    let on_sort = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let mut q = view_query.get_untracked().with_page(1);
        q.sort = (!value.is_empty() && value != "popular").then_some(value);
        navigate(&catalog_path(&q), Default::default());
    };

    view! {
        <Title text=move || match view_query.with(|q| q.search.clone()) {
            Some(s) => format!("Поиск «{s}»"),
            None => "Каталог".to_string(),
        }/>
        <div class="catalog">
            <div class="catalog__head">
                <h1 class="page-title">
                    {move || match view_query.with(|q| q.search.clone()) {
                        Some(s) => format!("Результаты поиска «{s}»"),
                        None => "Каталог товаров".to_string(),
                    }}
                </h1>
                <label class="sort">
                    <span class="sort__label">"Сортировка"</span>
                    <select class="sort__select" data-testid="sort" on:change=on_sort>
                        {SORTS.iter().map(|(value, _, _, label)| {
                            let v = value.to_string();
                            view! {
                                <option
                                    value=*value
                                    selected=move || view_query.with(|q| q.sort.as_deref().unwrap_or("popular") == v)
                                >{*label}</option>
                            }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <Transition fallback=|| view! { <ProductGridSkeleton count=12/> }>
                {move || Suspend::new(async move {
                    let q = view_query.get_untracked();
                    match products.await {
                        Ok(page) => {
                            let total = page.total;
                            let found = format!("Найдено {total} {}", plural(total, "товар", "товара", "товаров"));
                            let empty = page.items.is_empty();
                            let link_query = q.clone();
                            view! {
                                <p class="catalog__count" data-testid="result-count">{found}</p>
                                {empty.then(|| view! {
                                    <div class="empty-state" data-testid="empty-state">
                                        <h2>"Ничего не нашлось"</h2>
                                        <p>"Попробуйте изменить запрос или посмотрите весь каталог."</p>
                                        <a class="btn" href=href("/catalog")>"Весь каталог"</a>
                                    </div>
                                })}
                                <ul class="product-grid" data-testid="product-grid">
                                    {page.items.into_iter().map(|p| view! {
                                        <ProductCard product=p show_partner=show_partner/>
                                    }).collect_view()}
                                </ul>
                                <Pagination
                                    current=page.page
                                    total_pages=page.total_pages
                                    link=move |n| href(&catalog_path(&link_query.with_page(n)))
                                />
                            }.into_any()
                        }
                        Err(e) => view! {
                            <ErrorPanel error=e on_retry=Callback::new(move |_| products.refetch())/>
                        }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}
