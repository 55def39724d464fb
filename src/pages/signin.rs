//! `/signin`: phone and one-time code — built by the cart and sign-in issue.

use crate::routes::href;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/signin`: phone and one-time code — built by the cart and sign-in issue.
#[component]
pub fn SignInPage() -> impl IntoView {
    view! {
        <Title text="Вход"/>
        <section class="stub-page">
            <h1 class="page-title">"Вход"</h1>
            <p>"Вход по номеру телефона скоро будет доступен."</p>
            <a class="btn" href=href("/catalog")>"Перейти в каталог"</a>
        </section>
    }
}
