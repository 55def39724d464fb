//! 404: an unknown address, with ways back into the shop.

use crate::routes::href;
use leptos::prelude::*;
use leptos_meta::Title;

/// The page for any URL the shop does not have (also used for unknown products and categories).
#[component]
pub fn NotFound() -> impl IntoView {
    view! { <NotFoundView text="Такой страницы нет. Возможно, ссылка устарела или в адресе опечатка."/> }
}

/// The 404 body with a custom explanation.
#[component]
pub fn NotFoundView(#[prop(into)] text: String) -> impl IntoView {
    view! {
        <Title text="Страница не найдена"/>
        <section class="not-found" data-testid="not-found">
            <p class="not-found__code" aria-hidden="true">"404"</p>
            <h1 class="page-title">"Страница не найдена"</h1>
            <p>{text}</p>
            <p class="not-found__actions">
                <a class="btn" href=href("/catalog")>"Перейти в каталог"</a>
                <a class="btn btn--ghost" href=href("/")>"На главную"</a>
            </p>
        </section>
    }
}
