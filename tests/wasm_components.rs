//! Components rendered in headless Chromium: what a shopper would read on them.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;
use vitrina::api::{ApiError, BackendError, RateLimit, RateLimited, RetryAfter};
use vitrina::app::ConfigErrorPage;
use vitrina::components::{
    error_panel::ErrorPanel, pagination::Pagination, price::Price, product_card::ProductCard,
    product_card::ProductRow,
};
use vitrina::config::ConfigError;
use vitrina::domain::catalog::{Availability, ProductImage, ProductSummary, Rating};
use vitrina::domain::money::Money;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "wasm/fixture.rs"]
mod fixture;
use fixture::fixture;

#[path = "wasm/transport.rs"]
mod transport;

#[path = "wasm/fake.rs"]
mod fake;

#[path = "wasm/orders.rs"]
mod orders;

#[path = "wasm/partner.rs"]
mod partner;

#[path = "wasm/lazy.rs"]
mod lazy;

#[path = "wasm/product.rs"]
mod product;

/// Mounts a view into a fresh container and returns the container.
fn render<V: IntoView + 'static>(f: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), f);
    // Unmounted when the test ends (`fixture`), or when the next test starts.
    std::mem::forget(fixture::keep(Box::new(handle), host.clone()));
    host
}

fn text(el: &web_sys::HtmlElement) -> String {
    el.text_content().unwrap_or_default().replace('\u{a0}', " ")
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn product(availability: Availability) -> ProductSummary {
    ProductSummary {
        id: "p1".into(),
        name: "Котёл газовый Baxi Eco Nova 24F".into(),
        short_description: None,
        price: Money::rub(d("45990.5")),
        compare_at: Some(Money::rub(d("52000"))),
        availability,
        stock_quantity: Some(0),
        category_name: None,
        images: vec![ProductImage {
            url: "/a.svg".into(),
            thumbnail_url: "/a-thumb.svg".into(),
            alt: "Котёл спереди".into(),
            is_primary: true,
        }],
        tags: vec![],
        rating: Rating {
            average: d("4.6"),
            count: 37,
        },
        commission_percent: d("10"),
        career_points_percent: d("5"),
    }
}

/// The shop's shared state, as the app provides it: session, toasts, cart.
fn shop() -> vitrina::state::cart::Cart {
    let config = vitrina::config::Config::parse(
        r#"{"commerce":"http://127.0.0.1:9/commerce/api/v1","delivery":"http://127.0.0.1:9/delivery/v1","courier":"http://127.0.0.1:9/courier","partner":"http://127.0.0.1:9/partner"}"#,
    )
    .unwrap();
    vitrina::state::provide_shop(vitrina::state::Session::new(config))
}

async fn tick() {
    gloo_tick().await;
}

/// Lets the reactive system flush effects.
async fn gloo_tick() {
    sleep(10).await;
}

/// Waits `ms` on the browser's clock.
async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

fn left_behind() -> Option<web_sys::Element> {
    let doc = web_sys::window().unwrap().document().unwrap();
    doc.query_selector("[data-testid=left-behind]").unwrap()
}

#[wasm_bindgen_test]
fn a_failed_test_leaves_neither_its_fetch_nor_its_views_to_the_next() {
    let _clean = fixture();
    // A test that fails after replacing fetch and mounting a view: on wasm its panic aborts
    // it, so its guard is never dropped — as `forget` does here.
    let failed = fixture();
    fake::serve(&[("/", 200, "{}".into())]);
    render(|| view! { <p data-testid="left-behind">"Оставлено"</p> });
    std::mem::forget(failed);
    assert!(!fixture::fetch_is_real() && left_behind().is_some());
    // The next test's first line.
    let _next = fixture();
    assert!(
        fixture::fetch_is_real(),
        "the next test meets a stand-in fetch"
    );
    assert!(
        left_behind().is_none(),
        "the next test meets the last one's view"
    );
}

#[wasm_bindgen_test]
#[should_panic(expected = "a test that fails with fetch replaced")]
fn a_test_that_fails_with_fetch_replaced_leaves_it_to_the_next_tests_fixture() {
    let _clean = fixture();
    fake::serve(&[("/", 200, "{}".into())]);
    render(|| view! { <p data-testid="left-behind">"Оставлено"</p> });
    panic!("a test that fails with fetch replaced");
}

#[wasm_bindgen_test]
fn price_shows_rubles_old_price_and_discount() {
    let _clean = fixture();
    let el = render(|| {
        view! { <Price price=Money::rub(d("1234.5")) compare_at=Some(Money::rub(d("1500")))/> }
    });
    assert_eq!(text(&el), "1 234,50 ₽1 500 ₽−18 %");
}

#[wasm_bindgen_test]
fn out_of_stock_card_says_so_and_hides_partner_money_from_shoppers() {
    let _clean = fixture();
    let el = render(|| {
        shop();
        view! { <ProductCard product=product(Availability::OutOfStock) partner=false/> }
    });
    let t = text(&el);
    assert!(t.contains("Нет в наличии"), "{t}");
    assert!(t.contains("45 990,50 ₽"), "{t}");
    assert!(!t.contains("Комиссия"), "{t}");
    let img = el.query_selector("img").unwrap().unwrap();
    assert_eq!(img.get_attribute("loading").as_deref(), Some("lazy"));
    assert_eq!(img.get_attribute("alt").as_deref(), Some("Котёл спереди"));
}

#[wasm_bindgen_test]
fn partner_sees_commission_in_rubles_and_career_points() {
    let _clean = fixture();
    let el = render(|| {
        shop();
        view! { <ProductCard product=product(Availability::InStock) partner=true/> }
    });
    let t = text(&el);
    assert!(t.contains("Комиссия 4 599,05 ₽ · 2300 баллов"), "{t}");
    assert!(!t.contains("Нет в наличии"), "{t}");
}

#[wasm_bindgen_test]
async fn a_cards_heart_says_its_state_and_keeps_the_product_on_the_device() {
    let _clean = fixture();
    let store = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    // A record nobody can read: the list starts empty and the record is removed.
    store
        .set_item("vitrina.favorites", "{\"v\":1,\"data\":[1,")
        .unwrap();
    let el = render(|| {
        shop();
        view! { <ProductCard product=product(Availability::InStock) partner=false/> }
    });
    assert_eq!(store.get_item("vitrina.favorites").unwrap(), None);
    let heart: web_sys::HtmlElement = el
        .query_selector("[data-testid=favorite]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let name = "Котёл газовый Baxi Eco Nova 24F";
    assert_eq!(heart.tag_name(), "BUTTON");
    assert_eq!(
        heart.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    assert_eq!(
        heart.get_attribute("aria-label"),
        Some(format!("Добавить в избранное: {name}"))
    );
    heart.click();
    tick().await;
    assert_eq!(heart.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(
        heart.get_attribute("aria-label"),
        Some(format!("Убрать из избранного: {name}"))
    );
    let stored = store.get_item("vitrina.favorites").unwrap().unwrap();
    assert_eq!(
        vitrina::domain::favorites::decode(&stored),
        vec![vitrina::domain::favorites::Favorite::new("p1", name)]
    );
    heart.click();
    tick().await;
    assert_eq!(
        heart.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    store.remove_item("vitrina.favorites").unwrap();
}

#[wasm_bindgen_test]
async fn rate_limited_panel_shows_when_retry_is_allowed_and_holds_the_button() {
    let _clean = fixture();
    let now = (js_sys::Date::now() / 1000.0) as u64;
    let error = ApiError::RateLimited(Box::new(RateLimited {
        limit: RateLimit {
            limit: Some(2),
            remaining: Some(0),
            reset: Some(now + 40),
            policy: Some("financial".into()),
            retry_after: Some(RetryAfter::Seconds(40)),
        },
        received_at: now,
        error: BackendError {
            status: 429,
            code: "RATE_LIMIT_EXCEEDED".into(),
            message: "Слишком много попыток".into(),
            details: vec![],
            request_id: Some("req_42".into()),
        },
    }));
    let el = render(move || view! { <ErrorPanel error=error on_retry=Callback::new(|_| ())/> });
    tick().await;
    let t = text(&el);
    assert!(t.contains("Повторить можно через 4"), "{t}");
    assert!(t.contains("req_42"), "{t}");
    let button: web_sys::HtmlButtonElement = el
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(button.disabled());
}

#[wasm_bindgen_test]
fn server_error_panel_offers_a_retry_and_the_request_id() {
    let _clean = fixture();
    let error = ApiError::Server(BackendError {
        status: 503,
        code: "HTTP_503".into(),
        message: String::new(),
        details: vec![],
        request_id: Some("req_503".into()),
    });
    let el = render(move || view! { <ErrorPanel error=error on_retry=Callback::new(|_| ())/> });
    let t = text(&el);
    assert!(t.contains("На сервере произошла ошибка"), "{t}");
    assert!(t.contains("req_503"), "{t}");
    assert!(el.query_selector("button").unwrap().is_some());
}

#[wasm_bindgen_test]
fn pagination_links_every_page_but_the_current_one() {
    let _clean = fixture();
    let el = render(
        || view! { <Pagination current=2 total_pages=3 link=|n| format!("/catalog?page={n}")/> },
    );
    let links = el.query_selector_all("a").unwrap();
    let hrefs: Vec<String> = (0..links.length())
        .map(|i| {
            links
                .item(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("href")
                .unwrap()
        })
        .collect();
    assert_eq!(
        hrefs,
        [
            "/catalog?page=1",
            "/catalog?page=1",
            "/catalog?page=3",
            "/catalog?page=3"
        ]
    );
    let current = el.query_selector("[aria-current=page]").unwrap().unwrap();
    assert_eq!(current.text_content().unwrap(), "2");
}

#[wasm_bindgen_test]
fn config_error_page_names_the_problem() {
    let _clean = fixture();
    let el = render(|| {
        view! {
            <ConfigErrorPage error=ConfigError::Invalid { key: "commerce", reason: "пустое значение".into() }/>
        }
    });
    let t = text(&el);
    assert!(t.contains("Магазин временно недоступен"), "{t}");
    assert!(
        t.contains("в config.json ключ «commerce»: пустое значение"),
        "{t}"
    );
}

#[wasm_bindgen_test]
async fn an_error_toast_shows_the_backend_message_and_request_id() {
    let _clean = fixture();
    use vitrina::components::toast::ToastHost;
    use vitrina::state::Toasts;
    let toasts = StoredValue::new(None::<Toasts>);
    let el = render(move || {
        let t = Toasts::new();
        provide_context(t);
        toasts.set_value(Some(t));
        view! { <ToastHost/> }
    });
    let error = ApiError::Validation(BackendError {
        status: 400,
        code: "INSUFFICIENT_STOCK".into(),
        message: "Недостаточно товара на складе".into(),
        details: vec![],
        request_id: Some("req_77".into()),
    });
    toasts.get_value().unwrap().error(&error);
    tick().await;
    let t = text(&el);
    assert!(t.contains("Недостаточно товара на складе"), "{t}");
    assert!(t.contains("Код запроса: req_77"), "{t}");
}

#[wasm_bindgen_test]
fn a_product_row_shows_each_card_with_name_and_price() {
    let _clean = fixture();
    let mut second = product(Availability::InStock);
    second.id = "p2".into();
    second.name = "Радиатор биметаллический Rifar".into();
    let host = render(move || {
        shop();
        view! { <ProductRow products=vec![product(Availability::OutOfStock), second] show_partner=false/> }
    });
    let cards = host
        .query_selector_all("[data-testid=product-card]")
        .unwrap();
    assert_eq!(cards.length(), 2);
    let t = text(&host);
    assert!(t.contains("Котёл газовый Baxi Eco Nova 24F"), "{t}");
    assert!(t.contains("Радиатор биметаллический Rifar"), "{t}");
    assert!(t.contains("45 990,50 ₽"), "{t}");
    assert_eq!(t.matches("Нет в наличии").count(), 1, "{t}");
}

#[wasm_bindgen_test]
fn an_in_stock_card_offers_add_to_cart_and_a_sold_out_one_does_not() {
    let _clean = fixture();
    let host = render(|| {
        shop();
        view! {
            <ProductCard product=product(Availability::InStock) partner=false/>
            <ProductCard product=product(Availability::OutOfStock) partner=false/>
        }
    });
    let buttons = host
        .query_selector_all("[data-testid=add-to-cart]")
        .unwrap();
    assert_eq!(buttons.length(), 1);
    assert_eq!(
        buttons.item(0).unwrap().text_content().as_deref(),
        Some("В корзину")
    );
}

#[wasm_bindgen_test]
async fn the_cart_page_shows_guest_lines_and_a_stepper_click_changes_the_sums_at_once() {
    let _clean = fixture();
    use vitrina::domain::cart::{encode_record, CartLine, LineKey};
    let line = |id: &str, name: &str, price: &str, q: u32| CartLine {
        key: LineKey::new(id, None),
        server_id: None,
        name: name.into(),
        thumbnail: None,
        // The key as seed 003 writes keys: the page says it in Russian.
        attributes: vec![("color".into(), "белый".into())],
        unit_price: d(price),
        compare_at: None,
        quantity: q,
        stock: Some(3),
        merge_key: None,
    };
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage
        .set_item(
            "vitrina.cart",
            &encode_record(
                &[
                    line("p1", "Смеситель для кухни", "1234.50", 1),
                    line("p2", "Кран шаровой ½″", "100", 2),
                ],
                1,
            ),
        )
        .unwrap();
    let cart = StoredValue::new(None);
    let el = render(move || {
        leptos_meta::provide_meta_context();
        cart.set_value(Some(shop()));
        view! { <vitrina::pages::cart::CartPage/> }
    });
    tick().await;
    let t = text(&el);
    assert!(t.contains("Смеситель для кухни"), "{t}");
    assert!(t.contains("Цвет: белый"), "{t}");
    assert!(!t.contains("color"), "{t}");
    assert!(t.contains("3 товара"), "{t}");
    assert!(t.contains("1 434,50 ₽"), "{t}");
    assert!(t.contains("Войти и оформить"), "{t}");
    let plus: web_sys::HtmlElement = el
        .query_selector("[data-testid=qty-plus]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    plus.click();
    tick().await;
    let t = text(&el);
    assert!(t.contains("4 товара"), "{t}");
    assert!(t.contains("2 669 ₽"), "{t}");
    assert_eq!(cart.get_value().unwrap().count(), 4);
    let saved = storage.get_item("vitrina.cart").unwrap().unwrap();
    assert!(
        saved.contains(r#""quantity":2,"name":"Смеситель для кухни""#),
        "{saved}"
    );
    // The same button, not a redrawn one: a keyboard user pressing it again keeps focus.
    assert!(plus.is_connected());
    plus.click();
    tick().await;
    assert!(text(&el).contains("5 товаров"), "{}", text(&el));
    storage.remove_item("vitrina.cart").unwrap();
}

/// A secondary section fed by `answer`, the way the product page and home rows use it.
fn secondary(answer: Result<Vec<&'static str>, ApiError>) -> web_sys::HtmlElement {
    render(move || {
        let data = LocalResource::new(move || {
            let a = answer.clone();
            async move { a }
        });
        view! {
            <vitrina::components::secondary::Secondary
                title="Сертификаты"
                id="docs".to_string()
                data=data
                is_empty=Vec::is_empty
                render={|items: Vec<&'static str>| view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }}
            />
        }
    })
}

#[wasm_bindgen_test]
async fn a_secondary_section_hides_when_empty_or_missing_and_fails_in_one_line() {
    let _clean = fixture();
    let shown = secondary(Ok(vec!["Сертификат соответствия"]));
    let empty = secondary(Ok(vec![]));
    let missing = secondary(Err(ApiError::NotFound(BackendError::default())));
    let failed = secondary(Err(ApiError::Server(BackendError {
        status: 503,
        ..Default::default()
    })));
    for _ in 0..5 {
        tick().await;
    }
    assert_eq!(text(&shown), "СертификатыСертификат соответствия");
    assert_eq!(text(&empty), "");
    assert_eq!(text(&missing), "");
    let t = text(&failed);
    assert!(t.starts_with("СертификатыНе удалось загрузить."), "{t}");
    assert!(t.ends_with("Повторить"), "{t}");
    assert!(failed
        .query_selector("[data-testid=error-panel]")
        .unwrap()
        .is_none());
}
