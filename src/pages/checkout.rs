//! `/checkout` and `/checkout/return` — for now a notice; the full page comes with its issue.

use crate::components::notice_page::NoticePage;
use crate::routes::Route;
use leptos::prelude::*;

/// Checkout: built by the checkout issue.
#[component]
pub fn CheckoutPage() -> impl IntoView {
    view! { <NoticePage title="Оформление заказа" text="Добавьте товары в корзину, чтобы оформить заказ." link=Route::Cart link_text="В корзину"/> }
}

/// Where the payment page sends the shopper back.
#[component]
pub fn CheckoutReturnPage() -> impl IntoView {
    view! { <NoticePage title="Оплата заказа" text="Проверяем статус оплаты…" link=Route::Orders link_text="Мои заказы"/> }
}
