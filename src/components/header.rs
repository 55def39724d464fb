//! Site header: logo, search, catalog entry, cart badge, sign-in.

use crate::api::encode_component;
use crate::routes::href;
use crate::state::use_session;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

/// The bar at the top of every page.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let search = RwSignal::new(String::new());
    // Keep the box in step with the URL, so Back shows what was searched.
    Effect::new(move |_| {
        let q = query.with(|m| m.get("q").unwrap_or_default());
        search.set(q);
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = search.get_untracked();
        let q = q.trim();
        let target = if q.is_empty() {
            "/catalog".to_string()
        } else {
            format!("/catalog?q={}", encode_component(q))
        };
        navigate(&target, Default::default());
    };
    let cart_count = move || 0u32;
    let user_name = move || session.user.with(|u| u.as_ref().map(|u| u.name.clone()));

    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="logo" href=href("/") aria-label="Витрина — на главную">
                    <span class="logo__mark" aria-hidden="true">"В"</span>
                    <span class="logo__text">"Витрина"</span>
                </a>
                <a class="header-link header-link--catalog" href=href("/catalog")>
                    <span class="icon-burger" aria-hidden="true"></span>
                    "Каталог"
                </a>
                <form class="search" role="search" on:submit=on_submit>
                    <label class="visually-hidden" for="site-search">"Поиск по магазину"</label>
                    <input
                        id="site-search"
                        class="search__input"
                        type="search"
                        name="q"
                        placeholder="Искать товары"
                        autocomplete="off"
                        prop:value=move || search.get()
                        on:input:target=move |ev| search.set(ev.target().value())
                    />
                    <button class="search__button" type="submit" aria-label="Найти">
                        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round">
                            <circle cx="10.5" cy="10.5" r="6.5"/>
                            <path d="M15.5 15.5 21 21"/>
                        </svg>
                    </button>
                </form>
                <nav class="header-actions" aria-label="Личное">
                    {move || match user_name() {
                        Some(name) => view! {
                            <a class="header-link" href=href("/account/orders")>{name}</a>
                        }.into_any(),
                        None => view! {
                            <a class="header-link" href=href("/signin")>"Войти"</a>
                        }.into_any(),
                    }}
                    <a class="header-link cart-link" href=href("/cart") aria-label=move || format!("Корзина, товаров: {}", cart_count())>
                        <svg class="cart-link__icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" stroke-linecap="round">
                            <path d="M3 4h2l2.4 10.2a1.5 1.5 0 0 0 1.5 1.1h8.6a1.5 1.5 0 0 0 1.4-1.1L21 8H6.2"/>
                            <circle cx="9.5" cy="19.5" r="1.4"/>
                            <circle cx="17" cy="19.5" r="1.4"/>
                        </svg>
                        <span class="cart-link__text" aria-hidden="true">"Корзина"</span>
                        <span class="badge" data-testid="cart-badge">{cart_count}</span>
                    </a>
                </nav>
            </div>
        </header>
    }
}
