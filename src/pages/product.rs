//! `/product/:id` — for now a notice; the full page comes with its issue.

use crate::components::notice_page::NoticePage;
use leptos::prelude::*;

/// `/product/:id`: the product page — built by the catalog issue.
#[component]
pub fn ProductPage() -> impl IntoView {
    view! { <NoticePage title="Карточка товара" text="Подробная страница товара появится в следующем выпуске." link="/catalog" link_text="Вернуться в каталог"/> }
}
