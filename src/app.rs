//! The router: every URL of the storefront in one place, inside the layout shell.

use crate::components::{
    header::SiteHeader, lazy::LazyPage, session_watch::SessionWatch,
    sign_in_required::SignInRequired, toast::ToastHost,
};
use crate::config::{Config, ConfigError};
use crate::pages;
use crate::routes;
use crate::state::Session;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::{
    any_nested_route::IntoAnyNestedRoute,
    components::{ParentRoute, Route, Router, Routes},
    path,
};

// Every page but the catalog in a chunk of its own (components/lazy.rs), with the tab title
// it has from its first frame (pages with a name from their data set theirs once it is in).
crate::lazy_page!(home_page, home, "", pages::home::HomePage);
crate::lazy_page!(
    categories_page,
    categories,
    "Все категории",
    pages::categories::CategoriesPage
);
crate::lazy_page!(
    category_page,
    category,
    "Категория",
    pages::category::CategoryPage
);
crate::lazy_page!(product_page, product, "Товар", pages::product::ProductPage);
crate::lazy_page!(cart_page, cart, "Корзина", pages::cart::CartPage);
crate::lazy_page!(
    favorites_page,
    favorites,
    "Избранное",
    pages::favorites::FavoritesPage
);
crate::lazy_page!(
    checkout_page,
    checkout,
    "Оформление заказа",
    pages::checkout::CheckoutPage
);
crate::lazy_page!(
    checkout_return_page,
    checkout_return,
    "Оплата заказа",
    pages::checkout::CheckoutReturnPage
);
crate::lazy_page!(orders_page, orders, "Мои заказы", pages::orders::OrdersPage);
crate::lazy_page!(order_page, order, "Заказ", pages::orders::OrderPage);
crate::lazy_page!(
    partner_page,
    partner,
    "Кабинет партнёра",
    pages::partner::PartnerPage
);
crate::lazy_page!(signin_page, signin, "Вход", pages::signin::SignInPage);

/// The storefront, once its configuration is known.
/// Every route's view has this one type, so the router's generic code is compiled once per
/// path shape rather than once per route (each closure is a type of its own).
type PageView = fn() -> AnyView;
const CATALOG_PAGE: PageView = || view! { <pages::catalog::CatalogPage/> }.into_any();
const HOME_PAGE: PageView = || view! { <LazyPage page=home_page/> }.into_any();
const CATEGORIES_PAGE: PageView = || view! { <LazyPage page=categories_page/> }.into_any();
const CATEGORY_PAGE: PageView = || view! { <LazyPage page=category_page/> }.into_any();
const PRODUCT_PAGE: PageView = || view! { <LazyPage page=product_page/> }.into_any();
const CART_PAGE: PageView = || view! { <LazyPage page=cart_page/> }.into_any();
const FAVORITES_PAGE: PageView = || view! { <LazyPage page=favorites_page/> }.into_any();
const SIGNIN_PAGE: PageView = || view! { <LazyPage page=signin_page/> }.into_any();
const CHECKOUT_PAGE: PageView = || view! { <LazyPage page=checkout_page/> }.into_any();
const CHECKOUT_RETURN_PAGE: PageView =
    || view! { <LazyPage page=checkout_return_page/> }.into_any();
const ORDERS_PAGE: PageView = || view! { <LazyPage page=orders_page/> }.into_any();
const ORDER_PAGE: PageView = || view! { <LazyPage page=order_page/> }.into_any();
const PARTNER_PAGE: PageView = || view! { <LazyPage page=partner_page/> }.into_any();

#[component]
pub fn App(config: Config) -> impl IntoView {
    provide_meta_context();
    let session = Session::new(config);
    session.restore(crate::timer::now_unix());
    crate::state::provide_shop(session);
    crate::state::scroll::install();
    view! { <Shell/> }
}

/// The layout and the router, under the state `App` provides (the prerender provides the
/// same state without a browser and draws this too).
#[component]
pub fn Shell() -> impl IntoView {
    view! {
        // text="": the bottom of leptos_meta's stack of titles, so a page that sets none (one
        // whose data failed to load) is titled «Витрина» rather than left untitled.
        <Title text="" formatter=|t: String| crate::domain::seo::page_title(&t)/>
        <Router base=routes::base()>
            <a class="skip-link" href="#main">"Перейти к содержимому"</a>
            <SessionWatch/>
            <SiteHeader/>
            <main id="main" class="page">
                <Routes fallback=pages::not_found::NotFound>
                    <ShopRoutes/>
                </Routes>
            </main>
            <footer class="site-footer">
                <p>"© Витрина. Цены указаны в рублях без НДС; налог считается в корзине."</p>
            </footer>
            <ToastHost/>
        </Router>
    }
}

/// Every page of the shop, each at its path in the route table (`routes::PAGES`;
/// tests/routes.rs holds the two together). Sign-in-only pages sit under the one guard.
/// (Erased: with `--cfg erase_components` a route component must return `AnyNestedRoute`.)
#[component(transparent)]
pub fn ShopRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <OpenPages/>
        <ParentRoute path=path!("") view=SignInRequired>
            <SignInPages/>
        </ParentRoute>
    }
    .into_inner()
    .into_any_nested_route()
}

/// The pages anyone may open.
#[component(transparent)]
pub fn OpenPages() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/") view=HOME_PAGE/>
        <Route path=path!("/catalog") view=CATALOG_PAGE/>
        <Route path=path!("/categories") view=CATEGORIES_PAGE/>
        <Route path=path!("/category/:id") view=CATEGORY_PAGE/>
        <Route path=path!("/product/:id") view=PRODUCT_PAGE/>
        <Route path=path!("/cart") view=CART_PAGE/>
        <Route path=path!("/favorites") view=FAVORITES_PAGE/>
        <Route path=path!("/signin") view=SIGNIN_PAGE/>
    }
    .into_inner()
    .into_any_nested_route()
}

/// The pages only a signed-in shopper sees (children of the guard in [`ShopRoutes`]).
#[component(transparent)]
pub fn SignInPages() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/checkout") view=CHECKOUT_PAGE/>
        <Route path=path!("/checkout/return") view=CHECKOUT_RETURN_PAGE/>
        <Route path=path!("/account/orders") view=ORDERS_PAGE/>
        <Route path=path!("/account/orders/:id") view=ORDER_PAGE/>
        <Route path=path!("/partner") view=PARTNER_PAGE/>
        <Route path=path!("/partner/history") view=PARTNER_PAGE/>
        <Route path=path!("/partner/withdrawals") view=PARTNER_PAGE/>
    }
    .into_inner()
    .into_any_nested_route()
}

/// Shown instead of the shop when `config.json` is missing or wrong: never a blank page.
#[component]
pub fn ConfigErrorPage(error: ConfigError) -> impl IntoView {
    provide_meta_context();
    view! {
        <Title text="Магазин временно недоступен — Витрина"/>
        <main class="page config-error" role="alert">
            <h1>"Магазин временно недоступен"</h1>
            <p>"Не удалось прочитать настройки витрины, поэтому каталог не может загрузиться."</p>
            <p class="config-error__detail">
                <strong>"Причина: "</strong>
                <span data-testid="config-error">{error.to_string()}</span>
            </p>
            <p>"Если вы администратор, проверьте файл config.json рядом с index.html."</p>
            <button class="btn" on:click=|_| {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            }>"Обновить страницу"</button>
        </main>
    }
}
