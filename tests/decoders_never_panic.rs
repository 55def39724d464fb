//! Property tests (issue 14, «decoders that never panic»): every backend answer the app reads
//! — any status, any bytes, and every seed example with one of its values replaced by
//! anything — comes out as data or an error value, never a panic (a panic kills the whole
//! WASM app). The rate-limit header parsers likewise; and a URL's view survives its round
//! trip. `PROPTEST_CASES` sets the cases (256 by default here; `make bench` runs 10 000).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::Value;
use vitrina::api::commerce::{self, cart, catalog, checkout, orders};
use vitrina::api::error::{parse_rate_limit, parse_retry_after};
use vitrina::api::partner::{self, cabinet};
use vitrina::api::{courier, delivery, RawResponse};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

/// Every seed example the app decodes.
const FIXTURES: &[&str] = &[
    include_str!("fixtures/commerce_address.json"),
    include_str!("fixtures/commerce_cart.json"),
    include_str!("fixtures/commerce_cart_item_added.json"),
    include_str!("fixtures/commerce_categories.json"),
    include_str!("fixtures/commerce_category.json"),
    include_str!("fixtures/commerce_checkout.json"),
    include_str!("fixtures/commerce_checkout_preview.json"),
    include_str!("fixtures/commerce_order.json"),
    include_str!("fixtures/commerce_order_cancelled.json"),
    include_str!("fixtures/commerce_orders.json"),
    include_str!("fixtures/commerce_product.json"),
    include_str!("fixtures/commerce_products.json"),
    include_str!("fixtures/commerce_refund.json"),
    include_str!("fixtures/commerce_reviews.json"),
    include_str!("fixtures/commerce_shipping_calculate.json"),
    include_str!("fixtures/commerce_shipping_methods.json"),
    include_str!("fixtures/commerce_tracking.json"),
    include_str!("fixtures/courier_orders.json"),
    include_str!("fixtures/courier_verify.json"),
    include_str!("fixtures/delivery_order.json"),
    include_str!("fixtures/delivery_slots.json"),
    include_str!("fixtures/delivery_payment.json"),
    include_str!("fixtures/partner_profile_dealer.json"),
    include_str!("fixtures/partner_levels.json"),
    include_str!("fixtures/partner_balance_history.json"),
    include_str!("fixtures/partner_warehouses_stub.json"),
    include_str!("fixtures/partner_selections.json"),
];

/// Hands `raw` to every decoder (and the catalog's mapping to domain types); the results
/// are thrown away — only a panic fails.
fn decode_all(raw: &RawResponse) {
    const NOW: u64 = 1_705_329_540;
    if let Ok(env) = commerce::decode::<catalog::ProductsDto>(raw, NOW) {
        let _ = catalog::products_page(env);
    }
    let _ = commerce::decode::<catalog::ProductDetailDto>(raw, NOW);
    let _ = commerce::decode::<catalog::CategoriesDto>(raw, NOW);
    let _ = commerce::decode::<catalog::CategoryDetailDto>(raw, NOW);
    let _ = commerce::decode::<catalog::ReviewsDto>(raw, NOW);
    let _ = commerce::decode::<cart::CartDto>(raw, NOW);
    let _ = commerce::decode::<cart::LineChangedDto>(raw, NOW);
    let _ = commerce::decode::<checkout::Address>(raw, NOW);
    let _ = commerce::decode::<checkout::MethodsDto>(raw, NOW);
    let _ = commerce::decode::<checkout::CalculationDto>(raw, NOW);
    let _ = commerce::decode::<checkout::PreviewDto>(raw, NOW);
    let _ = commerce::decode::<checkout::CheckoutDto>(raw, NOW);
    let _ = commerce::decode::<orders::OrdersDto>(raw, NOW);
    let _ = commerce::decode::<orders::OrderDetailDto>(raw, NOW);
    let _ = commerce::decode::<orders::TrackingDto>(raw, NOW);
    let _ = commerce::decode::<orders::CancelDto>(raw, NOW);
    let _ = commerce::decode::<orders::RefundDto>(raw, NOW);
    let _ = delivery::decode::<delivery::DeliveryOrderDto>(raw, NOW);
    let _ = courier::decode::<Vec<courier::CourierOrderDto>>(raw, NOW);
    let _ = partner::decode::<cabinet::PartnerDto>(raw, NOW);
    let _ = partner::decode::<Vec<cabinet::LevelDto>>(raw, NOW);
    let _ = partner::decode::<partner::List<cabinet::OperationDto>>(raw, NOW);
    let _ = partner::decode::<partner::List<cabinet::WithdrawalDto>>(raw, NOW);
    let _ = partner::decode::<Vec<partner::Warehouse>>(raw, NOW);
}

fn raw(status: u16, body: String, headers: Vec<(String, String)>) -> RawResponse {
    RawResponse {
        status,
        headers,
        body,
    }
}

/// Any JSON value, with keys the backends use so that decoders go deep.
fn json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("success".to_string()),
        Just("data".to_string()),
        Just("error".to_string()),
        Just("code".to_string()),
        Just("message".to_string()),
        Just("details".to_string()),
        Just("items".to_string()),
        Just("id".to_string()),
        Just("price".to_string()),
        Just("status".to_string()),
        Just("total".to_string()),
        Just("value".to_string()),
        Just("meta".to_string()),
        "[a-zA-Z]{1,12}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::from)),
        ".{0,40}".prop_map(Value::from),
        "-?[0-9]{1,40}(\\.[0-9]{1,40})?(e-?[0-9]{1,4})?"
            .prop_map(|n| serde_json::from_str(&n).unwrap_or(Value::Null)),
    ];
    leaf.prop_recursive(4, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::from),
            prop::collection::vec((key.clone(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Replaces the value `path` leads to (each step an index taken modulo the node's size).
fn replace_at(v: &mut Value, path: &[usize], with: Value) {
    match (path.split_first(), v) {
        (Some((i, rest)), Value::Object(m)) if !m.is_empty() => {
            let k = m.keys().nth(i % m.len()).cloned().unwrap_or_default();
            if let Some(child) = m.get_mut(&k) {
                replace_at(child, rest, with);
            }
        }
        (Some((i, rest)), Value::Array(a)) if !a.is_empty() => {
            let n = a.len();
            replace_at(&mut a[i % n], rest, with);
        }
        (_, v) => *v = with,
    }
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        Just(200u16),
        Just(201),
        Just(204),
        Just(400),
        Just(401),
        Just(404),
        Just(409),
        Just(422),
        Just(429),
        Just(500),
        Just(503),
        100u16..600,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn any_bytes_with_any_status_are_data_or_an_error(status in status(), body in prop::collection::vec(any::<u8>(), 0..400)) {
        decode_all(&raw(status, String::from_utf8_lossy(&body).into_owned(), vec![]));
    }

    #[test]
    fn any_json_is_data_or_an_error(status in status(), v in json()) {
        decode_all(&raw(status, v.to_string(), vec![("x-request-id".into(), "r".into())]));
    }

    #[test]
    fn a_seed_example_with_any_value_replaced_is_data_or_an_error(
        which in 0..FIXTURES.len(),
        path in prop::collection::vec(any::<usize>(), 0..6),
        with in json(),
    ) {
        let mut v: Value = serde_json::from_str(FIXTURES[which]).unwrap();
        replace_at(&mut v, &path, with);
        decode_all(&raw(200, v.to_string(), vec![]));
    }

    #[test]
    fn rate_limit_headers_of_any_text_are_read_or_ignored(
        retry in ".{0,40}", reset in ".{0,40}", remaining in ".{0,20}", now in any::<u64>(),
    ) {
        let _ = parse_retry_after(&retry);
        let headers = [("retry-after", retry.as_str()), ("x-ratelimit-reset", reset.as_str()),
            ("x-ratelimit-remaining", remaining.as_str()), ("x-ratelimit-limit", remaining.as_str())];
        let _ = parse_rate_limit(|name| headers.iter().find(|(k, _)| *k == name).map(|(_, v)| *v), now);
    }

    #[test]
    fn a_url_view_is_the_same_after_its_round_trip(pairs in prop::collection::vec(("[a-z]{1,8}", ".{0,20}"), 0..10)) {
        use vitrina::domain::catalog::CatalogQuery;
        use vitrina::domain::orders::history::OrdersFilter;
        use vitrina::domain::partner::history::HistoryFilter;
        let given = || pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        let q = CatalogQuery::from_pairs(given());
        let back = q.to_pairs();
        prop_assert_eq!(CatalogQuery::from_pairs(back.iter().map(|(k, v)| (*k, v.as_str()))), q);
        let f = OrdersFilter::from_pairs(given());
        let back = f.to_pairs();
        prop_assert_eq!(OrdersFilter::from_pairs(back.iter().map(|(k, v)| (*k, v.as_str()))), f);
        let h = HistoryFilter::from_pairs(given());
        let back = h.to_pairs();
        prop_assert_eq!(HistoryFilter::from_pairs(back.iter().map(|(k, v)| (*k, v.as_str()))), h);
    }
}
