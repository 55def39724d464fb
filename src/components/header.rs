//! Site header: logo, search, catalog entry, favorites and cart badges, sign-in.

use crate::components::suggest::suggest_list;
use crate::domain::catalog::CatalogQuery;
use crate::domain::text::plural;
use crate::routes::{is_catalog, is_sign_in, strip_base, use_catalog_query, Route};
use crate::state::cart::use_cart;
use crate::state::favorites::use_favorites;
use crate::state::suggest::SearchBox;
use crate::state::use_session;
use crate::timer::Debounce;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use std::time::Duration;

/// Pause in typing after which the catalog follows the search box.
const SEARCH_DEBOUNCE: Duration = Duration::from_millis(350);

/// `Анна Смирнова` → `АС`, for the round badge on phones.
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

/// The catalog view for `text`: on the catalog the other filters stay, elsewhere it starts clean.
fn search_target(on_catalog: bool, current: &CatalogQuery, text: &str) -> String {
    let mut q = if on_catalog {
        current.clone().with_page(1)
    } else {
        CatalogQuery::from_pairs([])
    };
    let t = text.trim();
    q.search = (!t.is_empty()).then(|| t.to_string());
    Route::Catalog(q).path()
}

/// The bar at the top of every page.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let search = RwSignal::new(String::new());
    // Keep the box in step with the URL, so Back shows what was searched.
    // (not while the shopper is typing in it: their next letters must not be overwritten).
    Effect::new(move |_| {
        let q = query.with(|m| m.get("q").unwrap_or_default());
        let typing = document()
            .active_element()
            .is_some_and(|e| e.id() == "site-search");
        if !typing {
            search.set(q);
        }
    });
    let location = use_location();
    let view_query = use_catalog_query();
    let on_catalog = move || {
        location
            .pathname
            .with_untracked(|p| is_catalog(&strip_base(p)))
    };
    let pending = Debounce::new();
    provide_context(SearchBox {
        text: search,
        follow: pending,
    });
    // The suggestion list's code, asked for on the box's first focus; until it comes the
    // box searches as it is, and a load that failed (no network, a redeploy) is asked for
    // again on the next focus.
    let armed = std::rc::Rc::new(std::cell::Cell::new(false));
    let list = StoredValue::new_local(None::<AnyView>);
    let list_in = RwSignal::new(false);
    let arm = move |_| {
        if !armed.replace(true) {
            let armed = armed.clone();
            leptos::task::spawn_local_scoped(async move {
                match (suggest_list.load)().await {
                    Ok(v) => {
                        list.set_value(Some(v));
                        list_in.set(true);
                    }
                    Err(_) => armed.set(false),
                }
            });
        }
    };
    let on_submit = {
        let navigate = navigate.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            pending.cancel();
            let target = search_target(
                on_catalog(),
                &view_query.get_untracked(),
                &search.get_untracked(),
            );
            navigate(&target, Default::default());
        }
    };
    // Typing searches by itself once the shopper pauses; while on the catalog the view is
    // replaced rather than stacked, so Back leaves the search instead of replaying each letter.
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        search.set(text.clone());
        pending.cancel();
        let n = text.trim().chars().count();
        let here = on_catalog();
        if n == 1 || (n == 0 && !here) {
            return;
        }
        let navigate = navigate.clone();
        pending.schedule(SEARCH_DEBOUNCE, move || {
            let here = on_catalog();
            let target = search_target(here, &view_query.get_untracked(), &text);
            navigate(
                &target,
                NavigateOptions {
                    replace: here,
                    ..Default::default()
                },
            );
        });
    };
    let cart = use_cart();
    let cart_count = move || cart.count();
    let favorites = use_favorites();
    let fav_count = move || favorites.count();
    // Sign-in brings the shopper back to where they were.
    let signin_link = move || {
        let here = strip_base(&(location.pathname.get() + &location.search.get()));
        if is_sign_in(&here) {
            Route::SignIn {
                next: None,
                expired: false,
            }
            .href()
        } else {
            Route::sign_in_to(&here).href()
        }
    };
    let user_name = move || session.user_name();

    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="logo" href=Route::Home.href() aria-label="Витрина — на главную">
                    <span class="logo__mark"></span>
                    <span class="logo__text">"Витрина"</span>
                </a>
                <a class="header-link header-link--catalog" href=Route::catalog().href()>
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
                        on:input=on_input
                        on:focus=arm
                    />
                    <button class="search__button" type="submit" aria-label="Найти">
                        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round">
                            <circle cx="10.5" cy="10.5" r="6.5"/>
                            <path d="M15.5 15.5 21 21"/>
                        </svg>
                    </button>
                    {move || list_in.get().then(|| list.try_update_value(Option::take)).flatten().flatten()}
                </form>
                <nav class="header-actions" aria-label="Личное">
                    {move || match user_name() {
                        Some(name) => view! {
                            {session.is_partner().then(|| view! {
                                <a class="header-link header-link--partner" href=Route::Partner.href() aria-label="Кабинет партнёра">
                                    <span class="header-link__long" aria-hidden="true">"Кабинет партнёра"</span>
                                    <span class="header-link__short" aria-hidden="true">"Кабинет"</span>
                                </a>
                            })}
                            <a class="header-link header-user" href=Route::orders().href() data-testid="user-name" aria-label=format!("{name}: мои заказы")>
                                <span class="header-user__initials" data-initials=initials(&name)></span>
                                <span class="header-user__name">{name.clone()}</span>
                            </a>
                            <button type="button" class="header-link link-button" data-testid="sign-out" on:click=move |_| session.sign_out()>"Выйти"</button>
                        }.into_any(),
                        None => view! {
                            <a class="header-link" href=signin_link>"Войти"</a>
                        }.into_any(),
                    }}
                    <a class="header-link fav-link" href=Route::Favorites.href() aria-label=move || { let n = fav_count(); format!("Избранное {n} {}", plural(u64::from(n), "товар", "товара", "товаров")) }>
                        <svg class="fav-link__icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round">
                            <path d="M12 20.5s-7.5-4.6-9.3-9.2C1.5 8.1 3.6 4.5 7.1 4.5c2 0 3.5 1.1 4.9 2.9 1.4-1.8 2.9-2.9 4.9-2.9 3.5 0 5.6 3.6 4.4 6.8-1.8 4.6-9.3 9.2-9.3 9.2z"/>
                        </svg>
                        " "
                        <span class="badge" data-testid="favorites-badge">{fav_count}</span>
                    </a>
                    <a class="header-link cart-link" href=Route::Cart.href() aria-label=move || { let n = cart_count(); format!("Корзина {n} {}", plural(u64::from(n), "товар", "товара", "товаров")) }>
                        <svg class="cart-link__icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" stroke-linecap="round">
                            <path d="M3 4h2l2.4 10.2a1.5 1.5 0 0 0 1.5 1.1h8.6a1.5 1.5 0 0 0 1.4-1.1L21 8H6.2"/>
                            <circle cx="9.5" cy="19.5" r="1.4"/>
                            <circle cx="17" cy="19.5" r="1.4"/>
                        </svg>
                        <span class="cart-link__text" aria-hidden="true">"Корзина"</span>
                        // A space: without one «Корзина» and the count read as one word
                        // that the link's name does not contain.
                        " "
                        <span class="badge" data-testid="cart-badge">{cart_count}</span>
                    </a>
                </nav>
            </div>
        </header>
    }
}
