//! The order page given the seeds' own examples (issue 12: «every seed JSON example of these
//! endpoints … renders in the app»): seed 003's order and tracking, seed 000's delivery
//! order, seed 002's courier order — served by a stand-in `fetch`, read as a shopper reads
//! them. And the page's refresh: it asks again while the order moves, never while the tab
//! is hidden.

use super::fake::{all, asked, mount, restore, serve, shown};
use super::fixture::fixture;
use super::{sleep, text};
use leptos::prelude::*;
use serde_json::{json, Value};
use vitrina::pages::orders::OrderLoad;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

const ORDER: &str = include_str!("../fixtures/commerce_order.json");
const TRACKING: &str = include_str!("../fixtures/commerce_tracking.json");
const DELIVERY: &str = include_str!("../fixtures/delivery_order.json");
const COURIER: &str = include_str!("../fixtures/courier_orders.json");
const ID: &str = "or0e8400-e29b-41d4-a716-446655440001";
const NOT_SHIPPED: &str = r#"{"success":false,"error":{"code":"NOT_SHIPPED","message":"Заказ еще не отправлен","details":{"estimatedDelivery":"2024-01-20"}}}"#;

/// Pretends the tab is hidden (or visible again) and tells the page so.
fn hide(hidden: bool) {
    js_sys::Function::new_with_args(
        "hidden",
        "if (hidden) Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
         else delete document.hidden;
         document.dispatchEvent(new Event('visibilitychange'));",
    )
    .call1(&JsValue::NULL, &JsValue::from_bool(hidden))
    .unwrap();
}

/// The order page for `ID`, mounted; drop the handle to leave the page.
fn open() -> (web_sys::HtmlElement, super::fixture::Mounted) {
    mount(|| {
        let id = Memo::new(|_| ID.to_string());
        view! { <OrderLoad id=id/> }
    })
}

/// Seed 003's order, changed by `f` (the seeds' examples do not link each other).
fn order_with(f: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(ORDER).unwrap();
    f(&mut v["data"]);
    v.to_string()
}

#[wasm_bindgen_test]
async fn seed_003s_order_and_tracking_read_as_one_story() {
    let _clean = fixture();
    serve(&[
        (&format!("/orders/{ID}/tracking"), 200, TRACKING.to_string()),
        (&format!("/orders/{ID}"), 200, ORDER.to_string()),
    ]);
    let (el, page) = open();
    shown(&el, "[data-testid=timeline]").await;
    let t = text(&el);
    restore();
    for part in [
        "Заказ ORD-2024-00001234",
        "Доставлен",
        "Premium Health Supplement",
        "Итого8 100 ₽",
        "Скидка−750 ₽",
        "WELCOME10 (−750 ₽)",
        "Standard Delivery (Russian Post)",
        "John Doe, 125009, Moscow Oblast, Moscow, Tverskaya 15, apt. 42, +7 999 123-45-67",
        "картой онлайн",
        "платёж TXN-2024011500001",
        "Russian Post, трек-номер RP123456789RU",
    ] {
        assert!(t.contains(part), "«{part}» in {t}");
    }
    assert_eq!(all(&el, "[data-testid=stage]"), ["доставлен"]);
    let link = el.query_selector("[data-testid=track] a").unwrap().unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://pochta.ru/tracking#RP123456789RU")
    );
    // The shop's five statuses and the carrier's four scans, newest first, each readable.
    let events = all(&el, "[data-testid=timeline-event]");
    assert_eq!(events.len(), 9, "{events:?}");
    assert!(events[0].contains("Package delivered"), "{events:?}");
    assert!(events.iter().any(|e| e.contains("Moscow Sorting Center")));
    assert!(events
        .iter()
        .any(|e| e.contains("оплачен — Payment confirmed")));
    assert!(events.iter().all(|e| !e.contains("время неизвестно")));
    // The systems' own codes (`PENDING_PAYMENT`, `OUT_FOR_DELIVERY`) are words there, not
    // codes beside the words.
    let order: Value = serde_json::from_str(ORDER).unwrap();
    let tracking: Value = serde_json::from_str(TRACKING).unwrap();
    let codes: Vec<&str> = order["data"]["statusHistory"]
        .as_array()
        .unwrap()
        .iter()
        .chain(tracking["data"]["events"].as_array().unwrap())
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"PENDING_PAYMENT") && codes.contains(&"OUT_FOR_DELIVERY"));
    let timeline = all(&el, "[data-testid=timeline]").concat();
    for code in codes {
        assert!(!timeline.contains(code), "{code} in {timeline}");
    }
    assert!(timeline.contains("ждёт оплаты"), "{timeline}");
    assert!(
        timeline.contains("передан курьеру для доставки"),
        "{timeline}"
    );
    // canRefund: the refund form, with the one item to choose; no cancel.
    assert!(el.query_selector("[data-testid=refund]").unwrap().is_some());
    assert_eq!(all(&el, "[data-testid=refund-item]").len(), 1);
    assert!(el.query_selector("[data-testid=cancel]").unwrap().is_none());
    drop(page);
}

#[wasm_bindgen_test]
async fn seed_000s_delivery_order_and_seed_002s_courier_order_join_the_story_and_the_page_follows_only_while_visible(
) {
    let _clean = fixture();
    let order = order_with(|o| {
        o["status"] = json!("PROCESSING");
        o["canCancel"] = json!(true);
        o["canRefund"] = json!(false);
        o["statusHistory"] = json!(o["statusHistory"].as_array().unwrap()[..3]);
        o["shippingMethod"]["deliveryOrderId"] = json!("ord_53c1");
        o["shippingMethod"]["courierOrderId"] = json!("eb3b595d-3653-41a3-a531-ebeba332154c");
    });
    // The courier on the way (the seed's example is `finished`, with no history).
    let courier = COURIER.replace(r#""state": "finished""#, r#""state": "on_way""#);
    assert_ne!(courier, COURIER);
    let tracking = format!("/orders/{ID}/tracking");
    let detail = format!("/orders/{ID}");
    serve(&[
        (tracking.as_str(), 400, NOT_SHIPPED.to_string()),
        (detail.as_str(), 200, order),
        ("/delivery/v1/orders/ord_53c1", 200, DELIVERY.to_string()),
        ("/courier/orders/?order_id=eb3b595d", 200, courier),
    ]);
    let (el, page) = open();
    shown(&el, "[data-testid=timeline]").await;
    let t = text(&el);
    assert_eq!(all(&el, "[data-testid=stage]"), ["в пути"], "{t}");
    assert!(
        t.contains("Заказ ещё не передан в доставку. Ожидаемая дата доставки — 20 января"),
        "{t}"
    );
    // Seed 000's confirmation (its time has no seconds) and seed 002's current state.
    let delivery = all(&el, "[data-testid=timeline-event][data-source=delivery]");
    assert_eq!(delivery.len(), 1, "{t}");
    assert!(
        delivery[0].contains("доставка подтверждена"),
        "{delivery:?}"
    );
    assert!(!delivery[0].contains("время неизвестно"), "{delivery:?}");
    let courier = all(&el, "[data-testid=timeline-event][data-source=courier]");
    assert_eq!(courier.len(), 1, "{t}");
    assert!(
        courier[0].contains("курьер в пути — курьер назначен"),
        "{courier:?}"
    );
    // The express courier has it: his phone, callable. Seed 000's «+7...» is not a phone
    // and is not offered (that order is still being packed).
    assert_eq!(
        all(&el, "[data-testid=courier]"),
        ["Курьер: Тимур, +7 916 123-45-03"]
    );
    let tel = el
        .query_selector("[data-testid=courier] a")
        .unwrap()
        .unwrap();
    assert_eq!(
        tel.get_attribute("href").as_deref(),
        Some("tel:+79161234503")
    );
    assert!(el.query_selector("[data-testid=cancel]").unwrap().is_some());
    assert!(el.query_selector("[data-testid=refund]").unwrap().is_none());

    // On its way: the page asks again after 5 s — but not while the tab is hidden.
    let first = asked().len();
    assert_eq!(first, 4, "{:?}", asked());
    hide(true);
    sleep(6_500).await;
    assert_eq!(
        asked().len(),
        first,
        "a hidden tab asks nothing: {:?}",
        asked()
    );
    hide(false);
    sleep(1_500).await;
    assert!(asked().len() > first, "back in view, it looks again");
    drop(page);
    restore();
}

#[wasm_bindgen_test]
async fn an_order_line_names_its_variant_in_the_shoppers_words() {
    let _clean = fixture();
    // Seed 003's order, its line a variant with the keys as seed 003 writes them.
    let order = order_with(|o| {
        o["items"][0]["variantId"] = json!("vr-1");
        o["items"][0]["variantAttributes"] =
            json!({"servingSize": "2 capsules", "form": "Capsules", "Цвет": "белый"});
    });
    serve(&[
        (&format!("/orders/{ID}/tracking"), 200, TRACKING.to_string()),
        (&format!("/orders/{ID}"), 200, order),
    ]);
    let (el, page) = open();
    shown(&el, "[data-testid=order-item]").await;
    restore();
    let line = all(&el, "[data-testid=order-item] .cart-line__attrs");
    assert_eq!(
        line,
        ["Форма выпуска: Capsules, Размер порции: 2 capsules, Цвет: белый"]
    );
    drop(page);
}
