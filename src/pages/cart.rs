//! `/cart`: the cart (lines, quantities, totals) — built by the cart issue.

use crate::routes::href;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/cart`: the cart (lines, quantities, totals) — built by the cart issue.
#[component]
pub fn CartPage() -> impl IntoView {
    view! {
        <Title text="Корзина"/>
        <section class="stub-page">
            <h1 class="page-title">"Корзина"</h1>
            <p>"Корзина пока пуста. Добавляйте товары из каталога."</p>
            <a class="btn" href=href("/catalog")>"Перейти в каталог"</a>
        </section>
    }
}
