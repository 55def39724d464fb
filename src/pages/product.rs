//! `/product/:id`: the product page — built by the catalog issue.

use crate::routes::href;
use leptos::prelude::*;
use leptos_meta::Title;

/// Product page placeholder: the route exists so links from cards resolve.
#[component]
pub fn ProductPage() -> impl IntoView {
    view! {
        <Title text="Товар"/>
        <section class="stub-page">
            <h1 class="page-title">"Карточка товара"</h1>
            <p>"Подробная страница товара появится в следующем выпуске."</p>
            <a class="btn" href=href("/catalog")>"Вернуться в каталог"</a>
        </section>
    }
}
