//! `/`: the shop's front page.

use crate::api::commerce::catalog;
use crate::components::{
    error_panel::ErrorPanel, product_card::ProductCard, skeleton::ProductGridSkeleton,
};
use crate::domain::catalog::CatalogQuery;
use crate::routes::href;
use crate::state::use_session;
use leptos::prelude::*;
use leptos_meta::Title;

/// Front page: a welcome and the most popular products.
#[component]
pub fn HomePage() -> impl IntoView {
    let session = use_session();
    let popular = LocalResource::new(move || {
        let ep = session.commerce();
        let q = CatalogQuery {
            page_size: 8,
            ..CatalogQuery::from_pairs([])
        };
        async move { catalog::list(&ep, &q).await }
    });
    let show_partner = Signal::derive(move || session.is_partner());
    view! {
        <Title text=""/>
        <section class="hero">
            <h1 class="hero__title">"Всё для дома, отопления и ремонта"</h1>
            <p class="hero__text">"Тысячи товаров с доставкой по России и самовывозом из магазинов."</p>
            <a class="btn btn--large" href=href("/catalog")>"Открыть каталог"</a>
        </section>
        <section class="home-section">
            <h2 class="section-title">"Популярные товары"</h2>
            <Transition fallback=|| view! { <ProductGridSkeleton count=8/> }>
                {move || Suspend::new(async move {
                    match popular.await {
                        Ok(page) => view! {
                            <ul class="product-grid">
                                {page.items.into_iter().map(|p| view! { <ProductCard product=p show_partner=show_partner/> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! { <ErrorPanel error=e on_retry=Callback::new(move |_| popular.refetch())/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
