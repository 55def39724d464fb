//! Every seed example for an endpoint the app calls decodes; every envelope's errors
//! become the right `ApiError`.

use rust_decimal::Decimal;
use std::str::FromStr;
use vitrina::api::commerce::{self, catalog, checkout};
use vitrina::api::error::{parse_rate_limit, parse_retry_after};
use vitrina::api::{courier, delivery, partner, ApiError, RawResponse, RetryAfter};
use vitrina::domain::catalog::{Availability, ProductSummary};
use vitrina::domain::codes::{
    CourierOrderState, CourierState, DeliveryStatus, OperationType, OrderStatus, OrganizationKind,
    PartnerKind, RefundRequestStatus, RefundStatus, TrackingStatus,
};

const NOW: u64 = 1_705_329_540;

fn ok(body: &str) -> RawResponse {
    RawResponse {
        status: 200,
        headers: vec![("x-request-id".into(), "req_1".into())],
        body: body.into(),
    }
}

fn status(status: u16, body: &str, headers: &[(&str, &str)]) -> RawResponse {
    RawResponse {
        status,
        headers: headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        body: body.into(),
    }
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn seed_products_list_decodes_into_cards_with_pagination() {
    let env = commerce::decode::<catalog::ProductsDto>(
        &ok(include_str!("fixtures/commerce_products.json")),
        NOW,
    )
    .unwrap();
    let page = catalog::products_page(env).unwrap();
    assert_eq!(page.total, 85);
    assert_eq!(page.total_pages, 5);
    let p: &ProductSummary = &page.items[0];
    assert_eq!(p.name, "Premium Health Supplement");
    assert_eq!(p.price.amount, d("2500"));
    assert_eq!(p.compare_at.as_ref().unwrap().amount, d("3000"));
    assert_eq!(p.discount_percent(), Some(17));
    assert_eq!(p.availability, Availability::InStock);
    assert_eq!(p.rating.count, 156);
    assert_eq!(p.commission().amount, d("250"));
    assert_eq!(p.career_points(), d("125"));
    assert_eq!(p.cover().unwrap().alt, "Premium Health Supplement bottle");
}

#[test]
fn seed_product_detail_decodes() {
    let env = commerce::decode::<catalog::ProductDetailDto>(
        &ok(include_str!("fixtures/commerce_product.json")),
        NOW,
    )
    .unwrap();
    let p = &env.data;
    assert_eq!(p.category.as_ref().unwrap().breadcrumb.len(), 2);
    assert_eq!(p.rating.distribution.as_ref().unwrap()["5"], 92);
    assert_eq!(p.price, d("2500"));
    assert_eq!(p.attributes["form"], "Capsules");
    assert_eq!(p.related_products[0].price, d("1800"));
    assert_eq!(p.weight, Some(d("250")));
    assert_eq!(
        p.images[0].alt.as_deref(),
        Some("Premium Health Supplement bottle")
    );
    assert!(p.variants.is_empty());
}

#[test]
fn seed_reviews_decode_with_summary_and_shop_response() {
    let env = commerce::decode::<catalog::ReviewsDto>(
        &ok(include_str!("fixtures/commerce_reviews.json")),
        NOW,
    )
    .unwrap();
    assert_eq!(env.meta.pagination.unwrap().total, 156);
    let r = &env.data.reviews[0];
    assert!(r.author.is_verified_purchaser);
    assert_eq!(r.pros.len(), 3);
    assert!(!r.author.name.is_empty());
    assert!(r.response.is_some());
    assert_eq!(env.data.summary.average, d("4.7"));
}

#[test]
fn seed_categories_tree_and_category_page_decode() {
    let env = commerce::decode::<catalog::CategoriesDto>(
        &ok(include_str!("fixtures/commerce_categories.json")),
        NOW,
    )
    .unwrap();
    let root = &env.data.categories[0];
    assert!(!root.children[0].name.is_empty());
    assert_eq!(root.product_count, Some(125));

    let env = commerce::decode::<catalog::CategoryDetailDto>(
        &ok(include_str!("fixtures/commerce_category.json")),
        NOW,
    )
    .unwrap();
    assert_eq!(env.data.breadcrumb.len(), 2);
    assert_eq!(env.data.children[1].product_count, 18);
    assert_eq!(env.data.filters.price_range.max, d("15000"));
    assert_eq!(env.data.filters.tags[0].name, "vitamins");
    assert_eq!(env.meta.pagination.unwrap().page_size, 20);
}

#[test]
fn seed_checkout_response_decodes() {
    let env = commerce::decode::<checkout::PlacedOrder>(
        &ok(include_str!("fixtures/commerce_checkout.json")),
        NOW,
    )
    .unwrap();
    assert_eq!(env.data.order_number, "ORD-2024-00001234");
    assert_eq!(env.data.summary.total, d("8100"));
    assert!(env.data.payment.payment_url.is_some());
}

#[test]
fn money_keeps_every_digit_the_backend_sent() {
    let body = include_str!("fixtures/commerce_products.json")
        .replace("\"price\": 2500", "\"price\": 1299.90")
        .replace("\"compareAtPrice\": 3000", "\"compareAtPrice\": 0.1");
    let env = commerce::decode::<catalog::ProductsDto>(&ok(&body), NOW).unwrap();
    let p = &env.data.products[0];
    assert_eq!(p.price.to_string(), "1299.90");
    assert_eq!(p.compare_at_price.unwrap().to_string(), "0.1");
}

#[test]
fn a_negative_price_is_refused_as_undecodable_not_shown() {
    let body =
        include_str!("fixtures/commerce_products.json").replace("\"price\": 2500", "\"price\": -1");
    let env = commerce::decode::<catalog::ProductsDto>(&ok(&body), NOW).unwrap();
    assert!(matches!(
        catalog::products_page(env),
        Err(ApiError::Decode { .. })
    ));
}

#[test]
fn commerce_validation_error_keeps_code_message_and_field_details() {
    let body = r#"{"success":false,"error":{"code":"VALIDATION_ERROR","message":"Неверные параметры","details":{"minPrice":["Минимальная цена больше максимальной"]}}}"#;
    let e = commerce::decode::<catalog::ProductsDto>(
        &status(400, body, &[("x-request-id", "req_abc")]),
        NOW,
    )
    .unwrap_err();
    let ApiError::Validation(b) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(b.code.as_str(), "VALIDATION_ERROR");
    assert_eq!(
        b.field("minPrice").unwrap()[0],
        "Минимальная цена больше максимальной"
    );
    assert_eq!(e.request_id(), Some("req_abc"));
}

#[test]
fn commerce_statuses_map_to_kinds() {
    let body =
        |code: &str| format!(r#"{{"success":false,"error":{{"code":"{code}","message":"m"}}}}"#);
    let kind = |s: u16, code: &str| {
        commerce::decode::<serde_json::Value>(&status(s, &body(code), &[]), NOW).unwrap_err()
    };
    assert!(matches!(
        kind(401, "UNAUTHORIZED"),
        ApiError::Unauthorized(_)
    ));
    assert!(matches!(kind(403, "KYC_REQUIRED"), ApiError::Forbidden(_)));
    assert_eq!(
        kind(404, "PRODUCT_NOT_FOUND").code(),
        Some(&vitrina::api::ErrorCode::ProductNotFound)
    );
    assert!(matches!(
        kind(404, "CATEGORY_NOT_FOUND"),
        ApiError::NotFound(_)
    ));
    assert!(matches!(
        kind(409, "ALREADY_REVIEWED"),
        ApiError::Conflict(_)
    ));
    assert!(matches!(
        kind(422, "IDEMPOTENCY_KEY_REUSED"),
        ApiError::Validation(_)
    ));
    assert!(matches!(kind(500, "INTERNAL"), ApiError::Server(_)));
    assert!(matches!(kind(503, "X"), ApiError::Server(_)));
}

#[test]
fn checkout_429_carries_retry_after_and_the_rate_limit_headers() {
    let body = r#"{"success":false,"error":{"code":"RATE_LIMIT_EXCEEDED","message":"Слишком много попыток оформления заказа"}}"#;
    let raw = status(
        429,
        body,
        &[
            ("x-ratelimit-limit", "2"),
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "1705329600"),
            ("x-ratelimit-policy", "financial"),
            ("retry-after", "60"),
            ("x-request-id", "req_429"),
        ],
    );
    let e = commerce::decode::<checkout::PlacedOrder>(&raw, NOW).unwrap_err();
    let ApiError::RateLimited(r) = &e else {
        panic!("{e:?}")
    };
    let (limit, received_at, error) = (&r.limit, &r.received_at, &r.error);
    assert_eq!(limit.limit, Some(2));
    assert_eq!(limit.remaining, Some(0));
    assert_eq!(limit.reset, Some(1_705_329_600));
    assert_eq!(limit.policy.as_deref(), Some("financial"));
    assert_eq!(limit.retry_after, Some(RetryAfter::Seconds(60)));
    assert_eq!(limit.wait_seconds(*received_at), Some(60));
    assert_eq!(error.code.as_str(), "RATE_LIMIT_EXCEEDED");
    assert!(e.user_message().contains("60 с"), "{}", e.user_message());
    assert!(e.is_transient());
}

#[test]
fn rate_limit_headers_are_parsed_leniently() {
    assert_eq!(parse_retry_after(" 30 "), Some(RetryAfter::Seconds(30)));
    assert_eq!(parse_retry_after("1.2"), Some(RetryAfter::Seconds(2)));
    assert_eq!(parse_retry_after("-5"), Some(RetryAfter::Seconds(0)));
    assert_eq!(parse_retry_after("soon"), None);
    assert_eq!(parse_retry_after(""), None);
    assert_eq!(
        parse_retry_after("Mon, 15 Jan 2024 14:40:00 GMT"),
        Some(RetryAfter::At(1_705_329_600))
    );
    let headers = [
        ("x-ratelimit-limit", "abc"),
        ("x-ratelimit-remaining", " 3 "),
        ("x-ratelimit-reset", "45"),
        ("x-ratelimit-policy", "  "),
    ];
    let get = |n: &str| headers.iter().find(|(k, _)| *k == n).map(|(_, v)| *v);
    let l = parse_rate_limit(get, NOW);
    assert_eq!(l.limit, None);
    assert_eq!(l.remaining, Some(3));
    // A small reset is a delta, not 1970.
    assert_eq!(l.reset, Some(NOW + 45));
    assert_eq!(l.policy, None);
    assert_eq!(l.retry_at(NOW), Some(NOW + 45));
}

#[test]
fn retry_after_as_http_date_gives_a_clock_time() {
    let raw = status(429, "", &[("retry-after", "Mon, 15 Jan 2024 14:40:00 GMT")]);
    let e = commerce::decode::<serde_json::Value>(&raw, NOW).unwrap_err();
    let ApiError::RateLimited(r) = e else {
        panic!()
    };
    let limit = r.limit;
    assert_eq!(limit.retry_at(NOW), Some(1_705_329_600));
    assert_eq!(limit.wait_seconds(NOW), Some(60));
}

#[test]
fn an_html_error_page_from_a_proxy_still_reports_the_status() {
    let e = commerce::decode::<serde_json::Value>(
        &status(
            502,
            "<html>Bad Gateway</html>",
            &[("x-request-id", "req_gw")],
        ),
        NOW,
    )
    .unwrap_err();
    let ApiError::Server(b) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(b.status, 502);
    assert_eq!(b.code.as_str(), "HTTP_502");
    assert_eq!(e.request_id(), Some("req_gw"));
}

#[test]
fn a_truncated_success_body_is_a_decode_error_with_request_id() {
    let e = commerce::decode::<catalog::ProductsDto>(&ok(r#"{"success":true,"data":{"prod"#), NOW)
        .unwrap_err();
    assert!(matches!(e, ApiError::Decode { status: 200, .. }));
    assert_eq!(e.request_id(), Some("req_1"));
}

#[test]
fn delivery_error_envelope_keeps_code_fields_and_request_id() {
    let e = delivery::decode::<serde_json::Value>(
        &status(400, include_str!("fixtures/delivery_error.json"), &[]),
        NOW,
    )
    .unwrap_err();
    let ApiError::Validation(b) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(b.code.as_str(), "validation_error");
    assert_eq!(b.field("phone").unwrap(), ["format"]);
    assert_eq!(e.request_id(), Some("req_97c6d..."));
    let e = delivery::decode::<serde_json::Value>(
        &status(
            429,
            r#"{"error":"rate_limited","message":"Too many","details":[],"request_id":"req_x"}"#,
            &[("retry-after", "1")],
        ),
        NOW,
    )
    .unwrap_err();
    assert!(matches!(e, ApiError::RateLimited(_)));
}

#[test]
fn delivery_success_is_the_bare_body() {
    #[derive(serde::Deserialize)]
    struct Slots {
        slots: Vec<serde_json::Value>,
    }
    let s: Slots = delivery::decode(
        &ok(r#"{"slots":[{"slot_id":"2025-10-16T10:00/12:00","price":{"currency":"RUB","amount":149.00},"eta_hours":2}]}"#),
        NOW,
    )
    .unwrap();
    assert_eq!(s.slots.len(), 1);
}

#[test]
fn courier_errors_decode_both_dev_err_shapes() {
    let e = courier::decode::<serde_json::Value>(
        &status(400, include_str!("fixtures/courier_error_400.json"), &[]),
        NOW,
    )
    .unwrap_err();
    let ApiError::Validation(b) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(b.code.as_str(), "3");
    assert_eq!(b.field("comment").unwrap(), ["Это поле обязательно."]);

    let e = courier::decode::<serde_json::Value>(
        &status(403, include_str!("fixtures/courier_error_403.json"), &[]),
        NOW,
    )
    .unwrap_err();
    let ApiError::Forbidden(b) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(b.message, "Операция запрещена, переавторизуйтесь");
    assert_eq!(b.details[0].1, ["Токен заблокирован."]);
}

#[test]
fn courier_success_unwraps_data_and_a_failure_inside_200_is_still_an_error() {
    let v: serde_json::Value = courier::decode(
        &ok(r#"{"success":true,"status_code":200,"data":{"price":1000}}"#),
        NOW,
    )
    .unwrap();
    assert_eq!(v["price"], serde_json::json!(1000));
    let e = courier::decode::<serde_json::Value>(
        &ok(include_str!("fixtures/courier_error_403.json")),
        NOW,
    )
    .unwrap_err();
    assert!(matches!(e, ApiError::Forbidden(_)));
}

#[test]
fn partner_list_and_error_envelopes_decode() {
    let l: partner::List<serde_json::Value> = partner::decode(
        &ok(r#"{"data":[{"id":"123","operationType":"ADDITION","value":100.23,"description":"Начисление за заказ 12345","datetime":"2025-01-20T13:08:30.11Z"}],"limit":50,"offset":0,"total":1000}"#),
        NOW,
    )
    .unwrap();
    assert_eq!(l.total, Some(1000));
    let e = partner::decode::<serde_json::Value>(
        &status(400, include_str!("fixtures/partner_error.json"), &[]),
        NOW,
    )
    .unwrap_err();
    assert_eq!(e.code().map(|c| c.as_str()), Some("OUT_OF_STOCK"));
    let e = partner::decode::<serde_json::Value>(&status(404, "", &[]), NOW).unwrap_err();
    assert!(matches!(e, ApiError::NotFound(_)));
}

#[test]
fn catalog_query_becomes_the_seed_query_parameters() {
    use vitrina::domain::catalog::CatalogQuery;
    let q = CatalogQuery::from_pairs([
        ("q", "котёл"),
        ("inStock", "1"),
        ("minPrice", "1000"),
        ("maxPrice", "50000"),
        ("sort", "price-asc"),
        ("page", "2"),
        ("tags", "хит"),
    ]);
    let s = catalog::products_query(&q).to_query_string();
    assert_eq!(
        s,
        "?page=2&pageSize=24&status=ACTIVE&minPrice=1000&maxPrice=50000&search=%D0%BA%D0%BE%D1%82%D1%91%D0%BB&tags=%D1%85%D0%B8%D1%82&sortBy=price&sortOrder=asc"
    );
}

#[test]
fn seed_review_created_decodes_as_pending() {
    let r: commerce::Envelope<catalog::CreatedReviewDto> = commerce::decode(
        &status(
            201,
            include_str!("fixtures/commerce_review_created.json"),
            &[],
        ),
        NOW,
    )
    .unwrap();
    assert_eq!(r.data.status, vitrina::domain::codes::ReviewStatus::Pending);
    assert_eq!(r.data.rating, 5);
    assert_eq!(r.data.pros, vec!["High quality", "Fast delivery"]);
    assert_eq!(r.data.title.as_deref(), Some("Great product"));
}

#[test]
fn seed_product_selections_and_their_products_decode() {
    let l: partner::List<partner::Selection> =
        partner::decode(&ok(include_str!("fixtures/partner_selections.json")), NOW).unwrap();
    assert_eq!(l.data[0].kind, vitrina::domain::codes::SelectionKind::Hit);
    assert_eq!(l.data[0].title, "Хиты продаж");
    assert_eq!(l.total, Some(1000));
    let p: partner::ProductsPage = partner::decode(
        &ok(include_str!("fixtures/partner_selection_products.json")),
        NOW,
    )
    .unwrap();
    assert_eq!(p.data.0.len(), 1);
    assert_eq!(p.data.0[0].id, "528f7c9f-1a48-11ee-ab6b-a4bf01751b0e");
    assert!(!p.data.0[0].title.is_empty());
}

#[test]
fn seed_related_and_also_buy_decode_although_the_example_shows_one_object() {
    for body in [
        include_str!("fixtures/partner_also_buy.json"),
        include_str!("fixtures/partner_related.json"),
    ] {
        let p: partner::ProductsPage = partner::decode(&ok(body), NOW).unwrap();
        assert_eq!(p.data.0.len(), 1);
        assert_eq!(p.data.0[0].title, "Товар");
        assert!(!p.data.0[0].id.is_empty());
    }
}

#[test]
fn seed_certificates_decode() {
    let l: partner::List<partner::Certificate> =
        partner::decode(&ok(include_str!("fixtures/partner_certificates.json")), NOW).unwrap();
    assert_eq!(l.data[0].title, "Сертификат");
    assert_eq!(l.data[0].mime_type, "application/pdf");
    assert_eq!(l.data[0].path, "https://domain.com/path");
}

#[test]
fn seed_stock_per_warehouse_decodes_under_either_field_name() {
    let l: partner::List<partner::ProductStock> = partner::decode(
        &ok(include_str!("fixtures/partner_products_warehouses.json")),
        NOW,
    )
    .unwrap();
    assert_eq!(l.data[0].stock.len(), 1);
    assert_eq!(l.data[0].stock[0].quantity, d("1"));
    let schema_named = include_str!("fixtures/partner_products_warehouses.json")
        .replace("\"stocks\"", "\"stock\"");
    let l: partner::List<partner::ProductStock> = partner::decode(&ok(&schema_named), NOW).unwrap();
    assert_eq!(
        l.data[0].stock[0].warehouse_id,
        "528f7c9f-1a48-11ee-ab6b-a4bf01751b0e"
    );
}

#[test]
fn warehouses_in_the_schema_shape_decode() {
    let l: partner::List<partner::Warehouse> = partner::decode(
        &ok(include_str!("fixtures/partner_warehouses_stub.json")),
        NOW,
    )
    .unwrap();
    assert_eq!(l.data.len(), 2);
    assert!(!l.data[0].is_shop());
    assert!(l.data[1].is_shop());
    assert_eq!(l.data[0].city.as_ref().unwrap().name, "Москва");
}

#[test]
fn seed_inventory_decodes() {
    let r: delivery::InventoryDto =
        delivery::decode(&ok(include_str!("fixtures/delivery_inventory.json")), NOW).unwrap();
    assert_eq!(r.availability[0].product_id, "sku_apple_01");
    assert!(r.availability[0].available);
    assert_eq!(r.availability[0].qty, Some(d("120")));
}

#[test]
fn seed_cart_decodes_into_lines_and_the_servers_summary() {
    use vitrina::api::commerce::cart;
    use vitrina::domain::cart::ServerCart;
    let env =
        commerce::decode::<cart::CartDto>(&ok(include_str!("fixtures/commerce_cart.json")), NOW)
            .unwrap();
    assert_eq!(env.data.items[0].quantity, env.data.summary.total_quantity);
    let c: ServerCart = env.data.into();
    assert_eq!(c.id, "ct0e8400-e29b-41d4-a716-446655440001");
    assert_eq!(c.lines.len(), 1);
    let l = &c.lines[0];
    assert_eq!(l.key.product_id, "pp0e8400-e29b-41d4-a716-446655440001");
    assert_eq!(l.key.variant_id, None);
    assert_eq!(
        l.server_id.as_deref(),
        Some("ci0e8400-e29b-41d4-a716-446655440001")
    );
    assert_eq!(l.name, "Premium Health Supplement");
    assert_eq!(
        (l.quantity, l.unit_price, l.total()),
        (2, d("2500"), d("5000"))
    );
    assert_eq!(l.compare_at, Some(d("3000")));
    assert_eq!(l.stock, Some(150));
    assert_eq!(c.summary.subtotal, d("5000"));
    assert_eq!(c.summary.tax, d("1000"));
    assert_eq!(c.summary.total, d("6000"));
    assert_eq!(c.summary.shipping, None);
    assert_eq!((c.summary.item_count, c.summary.total_quantity), (1, 2));
    assert!(c.coupons.is_empty());
    assert_eq!(c.estimated_commission, None);
}

#[test]
fn seed_cart_changes_decode() {
    use vitrina::api::commerce::cart;
    let a = commerce::decode::<cart::LineChangedDto>(
        &ok(include_str!("fixtures/commerce_cart_item_added.json")),
        NOW,
    )
    .unwrap()
    .data;
    assert_eq!(a.cart_item_id, "ci0e8400-e29b-41d4-a716-446655440001");
    assert_eq!(
        (a.quantity, a.unit_price, a.total_price),
        (2, d("2500"), d("5000"))
    );
    assert_eq!(a.cart_summary.total, d("6000"));
    assert_eq!(a.product.unwrap().name, "Premium Health Supplement");
    let u = commerce::decode::<cart::LineChangedDto>(
        &ok(include_str!("fixtures/commerce_cart_item_updated.json")),
        NOW,
    )
    .unwrap()
    .data;
    assert_eq!((u.quantity, u.total_price), (3, d("7500")));
    assert_eq!(u.cart_summary.total_quantity, 3);
    let r = commerce::decode::<cart::RemovedDto>(
        &ok(include_str!("fixtures/commerce_cart_item_removed.json")),
        NOW,
    )
    .unwrap()
    .data;
    assert_eq!(r.cart_summary.item_count, 0);
    assert_eq!(r.message.as_deref(), Some("Item removed from cart"));
    let c = commerce::decode::<cart::ClearedDto>(
        &ok(include_str!("fixtures/commerce_cart_cleared.json")),
        NOW,
    )
    .unwrap()
    .data;
    assert_eq!(c.items_removed, 3);
}

#[test]
fn cart_refusals_keep_their_code_and_quantity_detail() {
    let body = r#"{"success":false,"error":{"code":"INSUFFICIENT_STOCK","message":"Недостаточно товара на складе","details":{"quantity":["Доступно 2 шт."]}}}"#;
    let e = commerce::decode::<serde_json::Value>(&status(400, body, &[]), NOW).unwrap_err();
    assert!(matches!(e, ApiError::Validation(_)));
    assert_eq!(e.code().map(|c| c.as_str()), Some("INSUFFICIENT_STOCK"));
    let b = e.backend().unwrap();
    assert_eq!(b.field("quantity").unwrap(), ["Доступно 2 шт."]);
    assert_eq!(
        vitrina::domain::cart::refusal_text(&b.code, &b.message, Some("Доступно 2 шт.")),
        "Недостаточно товара на складе: доступно 2 шт."
    );
}

// ---------- checkout (issue 11) ----------

#[test]
fn seed_shipping_methods_and_calculation_decode() {
    let m = commerce::decode::<checkout::MethodsDto>(
        &ok(include_str!("fixtures/commerce_shipping_methods.json")),
        NOW,
    )
    .unwrap()
    .data
    .methods;
    assert_eq!(m.len(), 2);
    assert_eq!(m[0].free_threshold, Some(d("5000")));
    assert_eq!(m[1].estimated_days.max, 4);
    // The seed sends no `kind`: such a method is plain delivery (integration.md §2).
    assert_eq!(m[0].kind, vitrina::domain::codes::ShippingKind::Delivery);
    let c = commerce::decode::<checkout::CalculationDto>(
        &ok(include_str!("fixtures/commerce_shipping_calculate.json")),
        NOW,
    )
    .unwrap()
    .data
    .options;
    assert_eq!(c[1].method_id, "ship-002");
    assert_eq!(c[1].estimated_delivery.min, "2024-01-17");
    assert_eq!(c[0].price, d("350"));
}

#[test]
fn seed_orders_list_and_detail_decode() {
    use vitrina::api::commerce::orders;
    let l = commerce::decode::<orders::OrdersDto>(
        &ok(include_str!("fixtures/commerce_orders.json")),
        NOW,
    )
    .unwrap()
    .data
    .orders;
    assert_eq!(l[0].order_number, "ORD-2024-00001234");
    assert_eq!(l[0].total, d("8100"));
    // Read as the order page reads it: decoded, then mapped at the edge.
    let o: vitrina::domain::orders::order::OrderDetail =
        commerce::decode::<orders::OrderDetailDto>(
            &ok(include_str!("fixtures/commerce_order.json")),
            NOW,
        )
        .unwrap()
        .data
        .into();
    assert_eq!(
        o.payment.method,
        vitrina::domain::codes::PaymentMethod::Card
    );
    assert_eq!(o.pricing.total, d("8100"));
    // Every part the order page shows.
    assert_eq!(
        (
            o.pricing.subtotal,
            o.pricing.discount,
            o.pricing.shipping,
            o.pricing.tax
        ),
        (d("7500"), d("750"), d("350"), d("1000"))
    );
    assert_eq!(o.items[0].name, "Premium Health Supplement");
    assert_eq!(
        (o.items[0].quantity, o.items[0].total_price),
        (3, d("7500"))
    );
    let ship = o.shipping_method.as_ref().unwrap();
    assert_eq!(ship.carrier.as_deref(), Some("Russian Post"));
    assert_eq!(
        (&ship.carrier_code, &ship.track_number),
        (&None, &None),
        "the seed's own example has no §10 links"
    );
    assert_eq!(
        o.shipping_address.unwrap().postal_code.as_deref(),
        Some("125009")
    );
    assert_eq!(o.billing_address, None);
    assert_eq!(o.applied_coupons[0].code, "WELCOME10");
    assert_eq!(o.status_history.len(), 5);
    assert_eq!(
        o.status_history[3].note.as_deref(),
        Some("Tracking: RP123456789RU")
    );
    assert!(!o.can_cancel && o.can_refund);
    assert_eq!(o.payment.paid_at.as_deref(), Some("2024-01-10T14:05:00Z"));
}

#[test]
fn seed_tracking_cancel_and_refund_decode() {
    use vitrina::api::commerce::orders;
    let t = commerce::decode::<orders::TrackingDto>(
        &ok(include_str!("fixtures/commerce_tracking.json")),
        NOW,
    )
    .unwrap()
    .data;
    assert_eq!(t.tracking_number.as_deref(), Some("RP123456789RU"));
    assert_eq!(t.events.len(), 4);
    assert_eq!(t.events[1].status, TrackingStatus::OutForDelivery);
    assert_eq!(
        t.events[2].location.as_deref(),
        Some("Moscow Sorting Center")
    );
    let c = commerce::decode::<orders::CancelDto>(
        &ok(include_str!("fixtures/commerce_order_cancelled.json")),
        NOW,
    )
    .unwrap()
    .data;
    assert_eq!(
        (c.status, c.refund_status, c.refund_amount),
        (
            OrderStatus::Cancelled,
            Some(RefundStatus::Pending),
            Some(d("5000"))
        )
    );
    let r = commerce::decode::<orders::RefundDto>(
        &ok(include_str!("fixtures/commerce_refund.json")),
        NOW,
    )
    .unwrap()
    .data;
    assert_eq!(
        (r.status, r.requested_amount),
        (RefundRequestStatus::PendingReview, d("8100"))
    );
    assert_eq!(r.items[0].amount, d("7500"));
    // NOT_SHIPPED and the refusals are codes the page explains.
    let e = commerce::decode::<orders::TrackingDto>(
        &status(
            400,
            r#"{"success":false,"error":{"code":"NOT_SHIPPED","message":"Заказ еще не отправлен"}}"#,
            &[],
        ),
        NOW,
    )
    .unwrap_err();
    assert!(e.is(vitrina::domain::codes::ErrorCode::NotShipped));
    let e = commerce::decode::<orders::RefundDto>(
        &status(
            409,
            r#"{"success":false,"error":{"code":"REFUND_ALREADY_REQUESTED","message":"x"}}"#,
            &[],
        ),
        NOW,
    )
    .unwrap_err();
    assert!(e.is(vitrina::domain::codes::ErrorCode::RefundAlreadyRequested));
}

#[test]
fn seed_delivery_order_and_courier_order_decode() {
    let o = delivery::decode::<delivery::DeliveryOrderDto>(
        &ok(include_str!("fixtures/delivery_order.json")),
        NOW,
    )
    .unwrap();
    assert_eq!(o.status, DeliveryStatus::Assembling);
    assert_eq!(o.delivery.courier.unwrap().name, "Алексей");
    assert_eq!(o.history[0].ts, "2025-10-15T08:01Z");
    let l = courier::decode::<Vec<courier::CourierOrderDto>>(
        &ok(include_str!("fixtures/courier_orders.json")),
        NOW,
    )
    .unwrap();
    assert_eq!(l[0].state, CourierOrderState::Finished);
    assert_eq!(l[0].courier_state, Some(CourierState::Assigned));
    assert_eq!(l[0].couriers[0].phone.as_deref(), Some("+79161234503"));
}

#[test]
fn integration_examples_decode_addresses_preview() {
    let a = commerce::decode::<checkout::Address>(
        &ok(include_str!("fixtures/commerce_address.json")),
        NOW,
    )
    .unwrap()
    .data;
    assert_eq!(a.kladr_code.as_deref(), Some("7700000000000"));
    assert_eq!(a.one_line(), "Москва, ул. Тверская, д. 7, кв. 12");
    assert!(a.location.is_some());
    let p = commerce::decode::<checkout::Preview>(
        &ok(include_str!("fixtures/commerce_checkout_preview.json")),
        NOW,
    )
    .unwrap()
    .data;
    assert_eq!(p.summary.discount, d("750"));
    assert_eq!(p.partner_balance.unwrap().applied, d("7100"));
    assert_eq!(p.to_pay, Some(d("0")));
}

#[test]
fn seed_slots_payments_address_check_and_the_gateway_quote_decode() {
    let s: delivery::SlotsDto =
        delivery::decode(&ok(include_str!("fixtures/delivery_slots.json")), NOW).unwrap();
    assert_eq!(s.slots[0].slot_id, "2025-10-16T10:00/12:00");
    assert_eq!(s.slots[0].price.amount, d("149.00"));
    let p: delivery::PaymentDto =
        delivery::decode(&ok(include_str!("fixtures/delivery_payment.json")), NOW).unwrap();
    assert_eq!(
        p.status,
        vitrina::domain::codes::GatewayPaymentStatus::Succeeded
    );
    assert_eq!(p.amount.unwrap().amount, d("408.80"));
    let c: partner::AddressCheckDto = partner::decode(
        &ok(include_str!("fixtures/partner_address_check.json")),
        NOW,
    )
    .unwrap();
    assert!(c.delivery_enabled);
    let q: courier::QuoteDto =
        courier::decode(&ok(include_str!("fixtures/courier_verify.json")), NOW).unwrap();
    assert_eq!(q.order.final_price, d("540"));
    assert_eq!(q.available_pickup_times.len(), 2);
    assert_eq!(q.quote_id, "q-1");
}

#[test]
fn a_checkout_answer_keeps_the_rate_limit_it_reported() {
    let raw = status(
        201,
        include_str!("fixtures/commerce_checkout.json"),
        &[
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "1705329600"),
        ],
    );
    let placed = checkout::read_placed(&raw, NOW);
    assert_eq!(placed.remaining, Some(0));
    assert_eq!(placed.reset_at, Some(1_705_329_600));
    assert_eq!(placed.result.unwrap().order_number, "ORD-2024-00001234");
}

// ---------- partner cabinet (issue 13) ----------

#[test]
fn seed_004s_dealer_profile_and_levels_decode() {
    use vitrina::api::partner::cabinet::{LevelDto, PartnerDto};
    use vitrina::domain::partner::cabinet::PartnerProfile;
    use vitrina::domain::partner::level::{progress, Level};
    // Read as the cabinet reads it: decoded, then mapped at the edge.
    let p: PartnerProfile = partner::decode::<PartnerDto>(
        &ok(include_str!("fixtures/partner_profile_dealer.json")),
        NOW,
    )
    .unwrap()
    .into();
    assert_eq!(p.kind, PartnerKind::Dealer);
    assert_eq!(p.bonus_balance, None);
    let support = p.support.unwrap();
    assert_eq!(
        support.regional_manager.unwrap().name.as_deref(),
        Some("Дмитрий")
    );
    assert_eq!(support.office_manager.unwrap().name, None);
    assert_eq!(p.organizations[0].kpp.as_deref(), Some("770201001"));
    assert_eq!(p.organizations[0].kind, OrganizationKind::Legal);
    let level = p.level.unwrap();
    assert_eq!(
        (level.current.number, level.purchase_amount),
        (Some(6), None)
    );
    let levels: Vec<LevelDto> =
        partner::decode(&ok(include_str!("fixtures/partner_levels.json")), NOW).unwrap();
    assert_eq!(levels.len(), 6);
    assert_eq!(levels[4].purchase_range.unwrap().max, None);
    assert_eq!(levels[5].purchase_range, None);
    let all: Vec<Level> = levels.into_iter().map(Level::from).collect();
    // A dealer's level has no way up to draw.
    assert_eq!(progress(&all, &level.current, level.purchase_amount), None);
}

#[test]
fn seed_004s_mounter_example_is_refused_as_it_is_and_decodes_with_its_comma() {
    use vitrina::api::partner::cabinet::{LevelDto, PartnerDto};
    use vitrina::domain::partner::level::{progress, Level};
    // The seed's example misses a comma after `"bonusBalance": 10000`: an error value, no panic.
    let raw = include_str!("fixtures/partner_profile_mounter.json");
    let e = partner::decode::<PartnerDto>(&ok(raw), NOW).unwrap_err();
    assert!(matches!(e, ApiError::Decode { .. }), "{e:?}");
    let fixed = raw.replace("\"bonusBalance\": 10000\n", "\"bonusBalance\": 10000,\n");
    let p: PartnerDto = partner::decode(&ok(&fixed), NOW).unwrap();
    assert_eq!(
        (p.kind, p.bonus_balance),
        (PartnerKind::Mounter, Some(d("10000")))
    );
    assert!(p.support.is_none() && p.organizations.is_empty());
    let level = p.level.unwrap();
    // No `number` in the seed's example: found among the levels by its id.
    assert_eq!(level.current.number, None);
    assert_eq!(level.recalculation_date.as_deref(), Some("2025-01-31"));
    let levels: Vec<LevelDto> =
        partner::decode(&ok(include_str!("fixtures/partner_levels.json")), NOW).unwrap();
    let all: Vec<Level> = levels.into_iter().map(Level::from).collect();
    let p = progress(&all, &level.current.into(), level.purchase_amount).unwrap();
    assert_eq!(p.percent, 25);
    assert_eq!(p.next, Some(("VIP".into(), d("150000"))));
}

#[test]
fn seed_004s_balance_history_decodes_with_its_totals() {
    use vitrina::domain::partner::cabinet::Operation;
    let l: partner::List<Operation> = partner::decode(
        &ok(include_str!("fixtures/partner_balance_history.json")),
        NOW,
    )
    .unwrap();
    assert_eq!(
        (l.limit, l.offset, l.total),
        (Some(50), Some(0), Some(1000))
    );
    assert_eq!(l.data[0].value, d("100.23"));
    assert_eq!(l.data[1].operation_type, OperationType::Subtraction);
    assert_eq!(l.data[1].datetime, "2025-01-21T13:08:30.11Z");
    let ops: Vec<_> = l
        .data
        .iter()
        .map(|o| vitrina::domain::partner::history::Op {
            at: vitrina::domain::dates::parse_iso(&o.datetime),
            addition: o.operation_type == OperationType::Addition,
            value: o.value,
        })
        .collect();
    assert_eq!(
        vitrina::domain::partner::history::totals(&ops),
        (d("100.23"), d("200.23"))
    );
    assert!(
        ops.iter().all(|o| o.at.is_some()),
        "fractional seconds read"
    );
    // No body on success (organization created, request made): an empty 4xx still reads.
    let e = partner::decode::<Operation>(&status(409, "", &[]), NOW).unwrap_err();
    assert!(matches!(e, ApiError::Conflict(_)), "{e:?}");
}

/// Issue 24: the twin DTOs are one type each. Putting the cart's and the order's lines,
/// the checkout's, the preview's and the order's money, and the added and updated answers
/// side by side stops compiling if any pair splits again.
#[test]
fn the_cart_and_the_order_share_their_line_money_and_change_types() {
    use vitrina::api::commerce::{cart, orders};
    let c =
        commerce::decode::<cart::CartDto>(&ok(include_str!("fixtures/commerce_cart.json")), NOW)
            .unwrap()
            .data;
    let o = commerce::decode::<orders::OrderDetailDto>(
        &ok(include_str!("fixtures/commerce_order.json")),
        NOW,
    )
    .unwrap()
    .data;
    let lines: Vec<cart::LineItemDto> = c.items.into_iter().chain(o.items).collect();
    assert!(lines
        .iter()
        .all(|l| l.quantity > 0 && !l.product.name.is_empty()));
    // The cart's line has its price; the order's names none.
    assert!(lines.first().unwrap().product.price.is_some());
    assert_eq!(lines.last().unwrap().product.price, None);
    let placed = commerce::decode::<checkout::PlacedOrder>(
        &ok(include_str!("fixtures/commerce_checkout.json")),
        NOW,
    )
    .unwrap()
    .data;
    let preview = commerce::decode::<checkout::Preview>(
        &ok(include_str!("fixtures/commerce_checkout_preview.json")),
        NOW,
    )
    .unwrap()
    .data;
    let money: [&vitrina::domain::orders::order::OrderPricing; 3] =
        [&placed.summary, &preview.summary, &o.pricing];
    assert!(money.iter().all(|m| m.total >= m.subtotal - m.discount));
    let changes: Vec<cart::LineChangedDto> = [
        include_str!("fixtures/commerce_cart_item_added.json"),
        include_str!("fixtures/commerce_cart_item_updated.json"),
    ]
    .iter()
    .map(|f| commerce::decode(&ok(f), NOW).unwrap().data)
    .collect();
    assert_eq!(
        changes.iter().map(|c| c.quantity).collect::<Vec<_>>(),
        [2, 3]
    );
}
