//! `/signin` — for now a notice; the full page comes with its issue.

use crate::components::notice_page::NoticePage;
use leptos::prelude::*;

/// `/signin`: phone and one-time code — built by the cart and sign-in issue.
#[component]
pub fn SignInPage() -> impl IntoView {
    view! { <NoticePage title="Вход" text="Вход по номеру телефона скоро будет доступен." link="/catalog" link_text="Перейти в каталог"/> }
}
