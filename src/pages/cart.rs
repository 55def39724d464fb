//! `/cart` — for now a notice; the full page comes with its issue.

use crate::components::notice_page::NoticePage;
use leptos::prelude::*;

/// `/cart`: the cart (lines, quantities, totals) — built by the cart issue.
#[component]
pub fn CartPage() -> impl IntoView {
    view! { <NoticePage title="Корзина" text="Корзина пока пуста. Добавляйте товары из каталога." link="/catalog" link_text="Перейти в каталог"/> }
}
