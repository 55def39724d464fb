//! `/account/orders` and `/account/orders/:id` — for now a notice; the full page comes with its issue.

use crate::components::notice_page::NoticePage;
use leptos::prelude::*;

/// Orders list: built by the orders issue.
#[component]
pub fn OrdersPage() -> impl IntoView {
    view! { <NoticePage title="Мои заказы" text="Войдите, чтобы увидеть свои заказы." link="/signin" link_text="Войти"/> }
}

/// One order: built by the orders issue.
#[component]
pub fn OrderPage() -> impl IntoView {
    view! { <NoticePage title="Заказ" text="Войдите, чтобы увидеть заказ." link="/account/orders" link_text="Мои заказы"/> }
}
