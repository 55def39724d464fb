//! `/checkout` and `/checkout/return` — built by the checkout issue.

use crate::routes::href;
use leptos::prelude::*;
use leptos_meta::Title;

/// Checkout placeholder.
#[component]
pub fn CheckoutPage() -> impl IntoView {
    view! {
        <Title text="Оформление заказа"/>
        <section class="stub-page">
            <h1 class="page-title">"Оформление заказа"</h1>
            <p>"Добавьте товары в корзину, чтобы оформить заказ."</p>
            <a class="btn" href=href("/cart")>"В корзину"</a>
        </section>
    }
}

/// Where the payment page sends the shopper back.
#[component]
pub fn CheckoutReturnPage() -> impl IntoView {
    view! {
        <Title text="Оплата заказа"/>
        <section class="stub-page">
            <h1 class="page-title">"Оплата заказа"</h1>
            <p>"Проверяем статус оплаты…"</p>
            <a class="btn" href=href("/account/orders")>"Мои заказы"</a>
        </section>
    }
}
