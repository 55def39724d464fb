//! `/account/orders` and `/account/orders/:id` — for now a notice; the full page comes with its issue.

use crate::components::notice_page::NoticePage;
use crate::routes::Route;
use leptos::prelude::*;

/// Orders list: built by the orders issue.
#[component]
pub fn OrdersPage() -> impl IntoView {
    view! { <NoticePage title="Мои заказы" text="Здесь появятся ваши заказы и их доставка." link=Route::catalog() link_text="Перейти в каталог"/> }
}

/// One order: built by the orders issue.
#[component]
pub fn OrderPage() -> impl IntoView {
    view! { <NoticePage title="Заказ" text="Здесь появятся состав заказа, оплата и доставка." link=Route::Orders link_text="Мои заказы"/> }
}
