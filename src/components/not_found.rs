//! The 404 body: what is missing, and ways back into the shop.

use crate::routes::{use_route_id, Route};
use leptos::prelude::*;
use leptos_meta::Title;

/// For unknown addresses, products, categories and orders.
#[component]
pub fn NotFoundView(#[prop(into)] text: String) -> impl IntoView {
    view! {
        <Title text="Страница не найдена"/>
        <section class="not-found" data-testid="not-found">
            <p class="not-found__code" aria-hidden="true">"404"</p>
            <h1 class="page-title">"Страница не найдена"</h1>
            <p>{text}</p>
            <p class="not-found__actions">
                <a class="btn" href=Route::catalog().href()>"Перейти в каталог"</a>
                <a class="btn btn--ghost" href=Route::Home.href()>"На главную"</a>
            </p>
        </section>
    }
}

/// A page keyed by the route's `:id`: `page` gets the id, a malformed one is the 404 page
/// with `text`. A plain `fn`, so one copy serves every page that uses it.
#[component]
pub fn WithRouteId(text: &'static str, page: fn(Memo<String>) -> AnyView) -> impl IntoView {
    let id = use_route_id();
    let valid = Memo::new(move |_| id.with(Option::is_some));
    let current = Memo::new(move |_| id.get().unwrap_or_default());
    move || {
        if valid.get() {
            page(current)
        } else {
            view! { <NotFoundView text=text/> }.into_any()
        }
    }
}
