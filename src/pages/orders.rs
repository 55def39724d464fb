//! `/account/orders` and `/account/orders/:id` — built by the orders issue.

use crate::routes::href;
use leptos::prelude::*;
use leptos_meta::Title;

/// Orders list placeholder.
#[component]
pub fn OrdersPage() -> impl IntoView {
    view! {
        <Title text="Мои заказы"/>
        <section class="stub-page">
            <h1 class="page-title">"Мои заказы"</h1>
            <p>"Войдите, чтобы увидеть свои заказы."</p>
            <a class="btn" href=href("/signin")>"Войти"</a>
        </section>
    }
}

/// One order placeholder.
#[component]
pub fn OrderPage() -> impl IntoView {
    view! {
        <Title text="Заказ"/>
        <section class="stub-page">
            <h1 class="page-title">"Заказ"</h1>
            <p>"Войдите, чтобы увидеть заказ."</p>
            <a class="btn" href=href("/account/orders")>"Мои заказы"</a>
        </section>
    }
}
