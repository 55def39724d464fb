//! The stub over real HTTP: what the app and the e2e tests rely on.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::time::Duration;
use stub_api::Options;

mod common;
use common::{keys, quick, sorted, start, Stub, C, HOME, TVERSKAYA};

const SHOPPER_PHONE: &str = "+79990000001";

impl Stub {
    async fn get(&self, path: &str) -> (StatusCode, reqwest::header::HeaderMap, Value) {
        let r = self.http.get(self.url(path)).send().await.unwrap();
        let (s, h) = (r.status(), r.headers().clone());
        (s, h, r.json().await.unwrap_or(Value::Null))
    }

    async fn post(
        &self,
        path: &str,
        body: Value,
        token: Option<&str>,
        key: Option<&str>,
    ) -> reqwest::Response {
        let mut rb = self.http.post(self.url(path)).json(&body);
        if let Some(t) = token {
            rb = rb.bearer_auth(t);
        }
        if let Some(k) = key {
            rb = rb.header("Idempotency-Key", k);
        }
        rb.send().await.unwrap()
    }

    async fn control(&self, path: &str, body: Value) {
        let r = self
            .post(&format!("/__control/{path}"), body, None, None)
            .await;
        assert!(r.status().is_success(), "{path}: {}", r.status());
    }

    async fn sign_in(&self, phone: &str) -> (String, Value) {
        let r = self
            .post(
                &format!("{C}/auth/otp/request"),
                json!({"phone": phone}),
                None,
                None,
            )
            .await;
        assert_eq!(r.status(), 200);
        let r = self
            .post(
                &format!("{C}/auth/otp/verify"),
                json!({"phone": phone, "code": self.demo_code().await}),
                None,
                None,
            )
            .await;
        assert_eq!(r.status(), 200);
        let v: Value = r.json().await.unwrap();
        (
            v["data"]["accessToken"].as_str().unwrap().to_string(),
            v["data"]["user"].clone(),
        )
    }

    async fn orders_created(&self, user_id: &str) -> u64 {
        let (_, _, v) = self.get("/__control/counters").await;
        v["ordersCreated"][user_id].as_u64().unwrap_or(0)
    }
}

fn checkout_body() -> Value {
    json!({"shippingAddressId": HOME, "shippingMethodId": "ship-001", "paymentMethod": "CARD"})
}

/// Pickup at «Магазин на Тверской»: no saved address needed, so any shopper can order.
fn pickup_body() -> Value {
    json!({"shippingMethodId": "ship-004", "pickupWarehouseId": TVERSKAYA, "paymentMethod": "CARD"})
}

fn header<'a>(h: &'a reqwest::header::HeaderMap, name: &str) -> &'a str {
    h.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

#[tokio::test]
async fn checkout_allows_two_per_window_then_429_with_every_header_then_again() {
    let s = quick().await;
    let (token, user) = s.sign_in(SHOPPER_PHONE).await;
    let first = s
        .post(
            &format!("{C}/cart/checkout"),
            checkout_body(),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(first.status(), 201);
    assert_eq!(header(first.headers(), "x-ratelimit-limit"), "2");
    assert_eq!(header(first.headers(), "x-ratelimit-remaining"), "1");
    assert_eq!(header(first.headers(), "x-ratelimit-policy"), "financial");
    let reset: i64 = header(first.headers(), "x-ratelimit-reset")
        .parse()
        .unwrap();
    assert!(reset > 1_700_000_000);
    // The cart is empty now: a refusal still counts against the limit.
    let second = s
        .post(
            &format!("{C}/cart/checkout"),
            checkout_body(),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(second.status(), 400);
    assert_eq!(header(second.headers(), "x-ratelimit-remaining"), "0");
    let third = s
        .post(
            &format!("{C}/cart/checkout"),
            checkout_body(),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(third.status(), 429);
    let retry: u64 = header(third.headers(), "retry-after").parse().unwrap();
    assert!((1..=2).contains(&retry), "{retry}");
    assert_eq!(header(third.headers(), "x-ratelimit-remaining"), "0");
    assert_eq!(header(third.headers(), "x-ratelimit-policy"), "financial");
    let body: Value = third.json().await.unwrap();
    assert_eq!(body["error"]["code"], "RATE_LIMIT_EXCEEDED");
    assert_eq!(body["success"], false);

    tokio::time::sleep(Duration::from_millis(2100)).await;
    s.control(
        &format!("carts/{}/fill", user["id"].as_str().unwrap()),
        json!({}),
    )
    .await;
    let again = s
        .post(
            &format!("{C}/cart/checkout"),
            checkout_body(),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(again.status(), 201);
    assert_eq!(s.orders_created(user["id"].as_str().unwrap()).await, 2);
}

#[tokio::test]
async fn checkout_without_a_token_is_401_unauthorized() {
    let s = quick().await;
    let r = s
        .post(&format!("{C}/cart/checkout"), checkout_body(), None, None)
        .await;
    assert_eq!(r.status(), 401);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], "UNAUTHORIZED");
}

#[tokio::test]
async fn same_idempotency_key_and_body_replays_without_a_second_order() {
    let s = quick().await;
    let (token, user) = s.sign_in(SHOPPER_PHONE).await;
    let a = s
        .post(
            &format!("{C}/cart/checkout"),
            checkout_body(),
            Some(&token),
            Some("k-1"),
        )
        .await;
    assert_eq!(a.status(), 201);
    let a: Value = a.json().await.unwrap();
    let b = s
        .post(
            &format!("{C}/cart/checkout"),
            checkout_body(),
            Some(&token),
            Some("k-1"),
        )
        .await;
    assert_eq!(b.status(), 201);
    assert_eq!(header(b.headers(), "idempotent-replayed"), "true");
    let b: Value = b.json().await.unwrap();
    assert_eq!(a["data"]["orderId"], b["data"]["orderId"]);
    assert_eq!(s.orders_created(user["id"].as_str().unwrap()).await, 1);
}

#[tokio::test]
async fn same_key_with_another_body_is_422() {
    let s = quick().await;
    let (token, _) = s.sign_in(SHOPPER_PHONE).await;
    let a = s
        .post(
            &format!("{C}/cart/checkout"),
            checkout_body(),
            Some(&token),
            Some("k-2"),
        )
        .await;
    assert_eq!(a.status(), 201);
    let mut other = checkout_body();
    other["paymentMethod"] = json!("BANK_TRANSFER");
    let b = s
        .post(
            &format!("{C}/cart/checkout"),
            other,
            Some(&token),
            Some("k-2"),
        )
        .await;
    assert_eq!(b.status(), 422);
    let v: Value = b.json().await.unwrap();
    assert_eq!(v["error"]["code"], "IDEMPOTENCY_KEY_REUSED");
}

#[tokio::test]
async fn same_key_while_the_first_is_still_running_is_409() {
    let s = quick().await;
    let (token, user) = s.sign_in(SHOPPER_PHONE).await;
    s.control(
        "faults",
        json!({"method": "POST", "path": format!("{C}/cart/checkout"), "delayMs": 800}),
    )
    .await;
    let url = s.url(&format!("{C}/cart/checkout"));
    let http = s.http.clone();
    let t = token.clone();
    let first = tokio::spawn(async move {
        http.post(url)
            .bearer_auth(t)
            .header("Idempotency-Key", "k-3")
            .json(&checkout_body())
            .send()
            .await
            .unwrap()
            .status()
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let second = s
        .post(
            &format!("{C}/cart/checkout"),
            checkout_body(),
            Some(&token),
            Some("k-3"),
        )
        .await;
    assert_eq!(second.status(), 409);
    let v: Value = second.json().await.unwrap();
    assert_eq!(v["error"]["code"], "IDEMPOTENCY_KEY_IN_USE");
    assert_eq!(first.await.unwrap(), 201);
    assert_eq!(s.orders_created(user["id"].as_str().unwrap()).await, 1);
}

#[tokio::test]
async fn cors_preflight_allows_the_app_headers_and_responses_expose_limits() {
    let s = quick().await;
    let r = s
        .http
        .request(Method::OPTIONS, s.url(&format!("{C}/cart/checkout")))
        .header("Origin", "http://127.0.0.1:8080")
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "authorization,content-type,idempotency-key",
        )
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    assert_eq!(
        header(r.headers(), "access-control-allow-origin"),
        "http://127.0.0.1:8080"
    );
    let allowed = header(r.headers(), "access-control-allow-headers").to_lowercase();
    for h in ["authorization", "content-type", "idempotency-key"] {
        assert!(allowed.contains(h), "{allowed}");
    }
    let r = s
        .http
        .get(s.url(&format!("{C}/products")))
        .header("Origin", "http://127.0.0.1:8080")
        .send()
        .await
        .unwrap();
    let exposed = header(r.headers(), "access-control-expose-headers").to_lowercase();
    for h in [
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-ratelimit-reset",
        "x-ratelimit-policy",
        "retry-after",
        "x-request-id",
    ] {
        assert!(exposed.contains(h), "{exposed}");
    }
    let foreign = s
        .http
        .get(s.url(&format!("{C}/products")))
        .header("Origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(foreign
        .headers()
        .get("access-control-allow-origin")
        .is_none());
}

#[tokio::test]
async fn a_status_fault_answers_in_each_backends_envelope() {
    let s = quick().await;
    s.control(
        "faults",
        json!({"path": format!("{C}/products"), "status": 503}),
    )
    .await;
    let (st, h, v) = s.get(&format!("{C}/products")).await;
    assert_eq!(st, 503);
    assert_eq!(v["success"], false);
    assert!(header(&h, "x-request-id").starts_with("req_"));
    // Only one request was faulted.
    let (st, _, _) = s.get(&format!("{C}/products")).await;
    assert_eq!(st, 200);

    s.control("faults", json!({"path": "/delivery/v1/", "status": 500}))
        .await;
    let (st, h, v) = s.get("/delivery/v1/delivery/slots").await;
    assert_eq!(st, 500);
    assert_eq!(v["error"], "internal");
    assert_eq!(
        v["request_id"].as_str().unwrap(),
        header(&h, "x-request-id")
    );

    s.control("faults", json!({"path": "/commerce/api/v1/products", "status": 429, "headers": {"Retry-After": "30"}})).await;
    let (st, h, _) = s.get(&format!("{C}/products")).await;
    assert_eq!(st, 429);
    assert_eq!(header(&h, "retry-after"), "30");
    assert!(!header(&h, "x-ratelimit-reset").is_empty());
}

#[tokio::test]
async fn unknown_paths_are_404_in_the_right_envelope() {
    let s = quick().await;
    let (st, _, v) = s.get(&format!("{C}/nope")).await;
    assert_eq!(
        (st.as_u16(), v["error"]["code"].as_str()),
        (404, Some("NOT_FOUND"))
    );
    let (_, _, v) = s.get("/delivery/v1/nope").await;
    assert_eq!(v["error"], "not_found");
    let (_, _, v) = s.get("/courier/nope").await;
    assert_eq!(v["status_code"], 404);
    assert_eq!(v["success"], false);
    let (_, _, v) = s.get("/partner/nope").await;
    assert_eq!(v["code"], "NOT_FOUND");
}

#[tokio::test]
async fn a_malformed_fault_sends_truncated_json_and_a_delay_fault_only_delays() {
    let s = quick().await;
    s.control(
        "faults",
        json!({"path": format!("{C}/products"), "malformed": true}),
    )
    .await;
    let r = s
        .http
        .get(s.url(&format!("{C}/products")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");

    s.control(
        "faults",
        json!({"path": format!("{C}/products"), "delayMs": 400}),
    )
    .await;
    let t = std::time::Instant::now();
    let (st, _, _) = s.get(&format!("{C}/products")).await;
    assert_eq!(st, 200);
    assert!(t.elapsed() >= Duration::from_millis(400));
}

#[tokio::test]
async fn a_dropped_response_still_commits_and_the_retry_replays_it() {
    let s = quick().await;
    let (token, user) = s.sign_in(SHOPPER_PHONE).await;
    s.control(
        "faults",
        json!({"method": "POST", "path": format!("{C}/cart/checkout"), "dropAfterCommit": true}),
    )
    .await;
    let r = s
        .http
        .post(s.url(&format!("{C}/cart/checkout")))
        .bearer_auth(&token)
        .header("Idempotency-Key", "k-drop")
        .json(&checkout_body())
        .send()
        .await;
    let failed = match r {
        Err(_) => true,
        Ok(resp) => resp.text().await.is_err(),
    };
    assert!(failed, "the client must not get a readable answer");
    let uid = user["id"].as_str().unwrap();
    assert_eq!(s.orders_created(uid).await, 1);
    let retry = s
        .post(
            &format!("{C}/cart/checkout"),
            checkout_body(),
            Some(&token),
            Some("k-drop"),
        )
        .await;
    assert_eq!(retry.status(), 201);
    assert_eq!(header(retry.headers(), "idempotent-replayed"), "true");
    assert_eq!(s.orders_created(uid).await, 1);
}

#[tokio::test]
async fn products_filter_sort_and_paginate_like_the_seed() {
    let s = quick().await;
    let (st, _, v) = s
        .get(&format!(
            "{C}/products?page=2&pageSize=10&sortBy=price&sortOrder=asc"
        ))
        .await;
    assert_eq!(st, 200);
    let p = &v["meta"]["pagination"];
    assert_eq!(
        (
            p["page"].as_u64(),
            p["pageSize"].as_u64(),
            p["total"].as_u64()
        ),
        (Some(2), Some(10), Some(300))
    );
    assert_eq!(p["hasPrevious"], true);
    let prices: Vec<f64> = v["data"]["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["price"].as_f64().unwrap())
        .collect();
    assert_eq!(prices.len(), 10);
    assert!(prices.windows(2).all(|w| w[0] <= w[1]));

    let (_, _, v) = s
        .get(&format!("{C}/products?status=OUT_OF_STOCK&pageSize=100"))
        .await;
    assert!(v["data"]["products"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["stockQuantity"] == 0 && p["status"] == "OUT_OF_STOCK"));

    let (_, _, v) = s
        .get(&format!(
            "{C}/products?minPrice=1000&maxPrice=5000&pageSize=100"
        ))
        .await;
    assert!(v["data"]["products"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| (1000.0..=5000.0).contains(&p["price"].as_f64().unwrap())));

    let (_, _, v) = s
        .get(&format!(
            "{C}/products?search=%D0%BA%D0%BE%D1%82%D1%91%D0%BB"
        ))
        .await;
    let found = v["data"]["products"].as_array().unwrap();
    assert!(!found.is_empty());
    assert!(found
        .iter()
        .all(|p| p["name"].as_str().unwrap().to_lowercase().contains("котёл")));

    let (st, _, v) = s
        .get(&format!("{C}/products?minPrice=5000&maxPrice=10"))
        .await;
    assert_eq!(st, 400);
    assert_eq!(v["error"]["code"], "VALIDATION_ERROR");
    assert!(v["error"]["details"]["minPrice"][0]
        .as_str()
        .unwrap()
        .contains("больше"));
    let (st, _, v) = s
        .get(&format!("{C}/products?pageSize=500&sortBy=color"))
        .await;
    assert_eq!(st, 400);
    assert!(
        v["error"]["details"]["pageSize"].is_array() && v["error"]["details"]["sortBy"].is_array()
    );

    let (_, _, v) = s.get(&format!("{C}/products?page=99")).await;
    assert_eq!(v["data"]["products"].as_array().unwrap().len(), 0);
    assert_eq!(v["meta"]["pagination"]["hasNext"], false);
}

#[tokio::test]
async fn categories_products_and_reviews_follow_the_seed_and_say_not_found() {
    let s = quick().await;
    let (_, _, v) = s.get(&format!("{C}/categories?includeProducts=true")).await;
    let roots = v["data"]["categories"].as_array().unwrap();
    assert_eq!(roots.len(), 6);
    let leaf = &roots[0]["children"][0]["children"][0];
    assert_eq!(leaf["level"], 2);
    let (_, _, cat) = s
        .get(&format!(
            "{C}/categories/{}?pageSize=5",
            leaf["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(cat["data"]["breadcrumb"].as_array().unwrap().len(), 3);
    assert!(
        cat["data"]["filters"]["priceRange"]["min"]
            .as_f64()
            .unwrap()
            > 0.0
    );
    assert_eq!(cat["meta"]["pagination"]["pageSize"], 5);
    let (st, _, v) = s
        .get(&format!(
            "{C}/categories/00000000-0000-4000-c000-0000000fffff"
        ))
        .await;
    assert_eq!(
        (st.as_u16(), v["error"]["code"].as_str()),
        (404, Some("CATEGORY_NOT_FOUND"))
    );

    let id = cat["data"]["products"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (st, _, p) = s.get(&format!("{C}/products/{id}")).await;
    assert_eq!(st, 200);
    let d = &p["data"]["rating"]["distribution"];
    let sum: u64 = (1..=5).map(|k| d[k.to_string()].as_u64().unwrap()).sum();
    assert_eq!(sum, p["data"]["rating"]["count"].as_u64().unwrap());
    // Attribute keys as seed 003 writes them (`servingSize`): camelCase English, the
    // product's and its variants'; labels are the storefront's job.
    let mut keys: Vec<&String> = p["data"]["attributes"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert!(keys.iter().any(|k| *k == "countryOfOrigin"), "{keys:?}");
    for v in p["data"]["variants"].as_array().unwrap() {
        keys.extend(v["attributes"].as_object().unwrap().keys());
    }
    for k in keys {
        assert!(
            k.starts_with(|c: char| c.is_ascii_lowercase())
                && k.chars().all(|c| c.is_ascii_alphanumeric()),
            "{k}"
        );
    }
    let (st, _, v) = s.get(&format!("{C}/products/nope")).await;
    assert_eq!(
        (st.as_u16(), v["error"]["code"].as_str()),
        (404, Some("PRODUCT_NOT_FOUND"))
    );

    let (st, _, r) = s
        .get(&format!(
            "{C}/products/{id}/reviews?pageSize=50&sortBy=rating&sortOrder=asc"
        ))
        .await;
    assert_eq!(st, 200);
    assert_eq!(r["data"]["summary"]["count"], p["data"]["rating"]["count"]);
    let (st, _, _) = s
        .get(&format!("{C}/products/{id}/reviews?pageSize=51"))
        .await;
    assert_eq!(st, 400);
}

#[tokio::test]
async fn sign_in_gives_a_token_and_explains_wrong_or_missing_codes() {
    let s = quick().await;
    let (token, user) = s.sign_in("+79990000002").await;
    assert!(!token.is_empty());
    assert_eq!(user["name"], "Иван Петров");
    assert!(user["partnerId"].is_string());

    let r = s
        .post(
            &format!("{C}/auth/otp/request"),
            json!({"phone": "8999"}),
            None,
            None,
        )
        .await;
    assert_eq!(r.status(), 400);
    let r = s
        .post(
            &format!("{C}/auth/otp/verify"),
            json!({"phone": "+79995550000", "code": "1234"}),
            None,
            None,
        )
        .await;
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], "CODE_EXPIRED");
    s.post(
        &format!("{C}/auth/otp/request"),
        json!({"phone": "+79995550000"}),
        None,
        None,
    )
    .await;
    let r = s
        .post(
            &format!("{C}/auth/otp/verify"),
            json!({"phone": "+79995550000", "code": "0000"}),
            None,
            None,
        )
        .await;
    assert_eq!(r.status(), 400);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], "INVALID_CODE");
}

#[tokio::test]
async fn a_second_code_within_the_cooldown_is_rate_limited() {
    let s = start(Options {
        otp_cooldown_secs: 30,
        ..Options::default()
    })
    .await;
    let a = s
        .post(
            &format!("{C}/auth/otp/request"),
            json!({"phone": "+79991112233"}),
            None,
            None,
        )
        .await;
    assert_eq!(a.status(), 200);
    let b = s
        .post(
            &format!("{C}/auth/otp/request"),
            json!({"phone": "+79991112233"}),
            None,
            None,
        )
        .await;
    assert_eq!(b.status(), 429);
    assert!(header(b.headers(), "retry-after").parse::<u64>().unwrap() > 0);
}

#[tokio::test]
async fn a_hundred_thousand_products_still_answer_a_page() {
    let s = start(Options {
        products: 100_000,
        ..Options::default()
    })
    .await;
    let (st, _, v) = s
        .get(&format!("{C}/products?page=500&pageSize=24&sortBy=price"))
        .await;
    assert_eq!(st, 200);
    assert_eq!(v["meta"]["pagination"]["total"], 100_000);
    assert_eq!(v["data"]["products"].as_array().unwrap().len(), 24);
}

#[tokio::test]
async fn reset_restores_the_seed_state() {
    let s = quick().await;
    let (token, user) = s.sign_in(SHOPPER_PHONE).await;
    s.post(
        &format!("{C}/cart/checkout"),
        checkout_body(),
        Some(&token),
        None,
    )
    .await;
    let uid = user["id"].as_str().unwrap();
    assert_eq!(s.orders_created(uid).await, 1);
    s.control("reset", json!({})).await;
    assert_eq!(s.orders_created(uid).await, 0);
    // Tokens are gone too.
    let r = s
        .post(
            &format!("{C}/cart/checkout"),
            checkout_body(),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn reviews_follow_the_seed_rules_and_codes() {
    let s = quick().await;
    let (_, _, users) = s.get("/__control/users").await;
    let bought = users["users"][0]["purchased"][0]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("{C}/products/{bought}/reviews");
    let good = json!({"rating": 5, "content": "Работает отлично уже месяц", "pros": ["Тихий"]});
    assert_eq!(s.post(&path, good.clone(), None, None).await.status(), 401);

    let (token, _) = s.sign_in(SHOPPER_PHONE).await;
    let bad = json!({"rating": 6, "content": "коротко", "pros": ["a", "b", "c", "d", "e", "f"]});
    let r = s.post(&path, bad, Some(&token), None).await;
    assert_eq!(r.status(), 400);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], "VALIDATION_ERROR");
    for f in ["rating", "content", "pros"] {
        assert!(v["error"]["details"][f].is_array(), "{f}: {v}");
    }

    let r = s.post(&path, good.clone(), Some(&token), Some("k-1")).await;
    assert_eq!(r.status(), 201);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["data"]["status"], "PENDING");
    let r = s.post(&path, good.clone(), Some(&token), Some("k-2")).await;
    assert_eq!(r.status(), 409);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], "ALREADY_REVIEWED");

    // Only the author sees the pending review, first in the list.
    let r = s
        .http
        .get(s.url(&path))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["data"]["reviews"][0]["status"], "PENDING");
    let (_, _, anon) = s.get(&path).await;
    assert!(anon["data"]["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["status"] != "PENDING"));

    let (_, _, list) = s.get(&format!("{C}/products?pageSize=60")).await;
    let purchased = users["users"][0]["purchased"].as_array().unwrap().clone();
    let other = list["data"]["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| !purchased.contains(&p["id"]))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = s
        .post(
            &format!("{C}/products/{other}/reviews"),
            good,
            Some(&token),
            Some("k-3"),
        )
        .await;
    assert_eq!(r.status(), 403);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], "NOT_PURCHASED");
}

#[tokio::test]
async fn partner_extras_and_inventory_answer_in_their_shapes() {
    let s = quick().await;
    let sel: Value = s
        .post("/partner/product-selections", json!({}), None, None)
        .await
        .json()
        .await
        .unwrap();
    let kinds: Vec<&str> = sel["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["NEW", "HIT", "PROFIT"]);
    let id = sel["data"][2]["id"].as_str().unwrap();
    let page: Value = s
        .post(
            &format!("/partner/product-selections/{id}/products"),
            json!({"limit": 3}),
            None,
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["data"].as_array().unwrap().len(), 3);
    assert_eq!(page["limit"], 3);
    let r = s
        .post(
            "/partner/product-selections/nope/products",
            json!({}),
            None,
            None,
        )
        .await;
    assert_eq!(r.status(), 404);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["code"], "NOT_FOUND");
    let r = s
        .post(
            "/partner/products/warehouses",
            json!({"productIds": []}),
            None,
            None,
        )
        .await;
    assert_eq!(r.status(), 400);
    let r = s
        .post(
            "/partner/product-selections",
            json!({"limit": 500}),
            None,
            None,
        )
        .await;
    assert_eq!(r.status(), 400);

    let (st, _, inv) = s
        .get("/delivery/v1/inventory?lat=55.76&lon=37.61&product_ids=00000000-0000-4000-a000-000000000001")
        .await;
    assert_eq!(st, 200);
    assert!(inv["availability"][0]["available"].is_boolean());
    let (st, _, err) = s.get("/delivery/v1/inventory?product_ids=x").await;
    assert_eq!(st, 400);
    assert_eq!(err["error"], "validation_error");
    assert_eq!(err["details"][0]["field"], "lat");
}

// ---------- cart (seed 003, «Эндпоинты корзины») ----------

const PARTNER_PHONE: &str = "+79990000002";
/// A phone no demo user has: signs in as a new shopper with an empty cart.
const NEW_PHONE: &str = "+79990000077";

/// Roubles (JSON number) to kopecks.
fn kop(v: &Value) -> i64 {
    (v.as_f64().unwrap_or_else(|| panic!("not money: {v}")) * 100.0).round() as i64
}

impl Stub {
    /// The detail of the first in-stock product with (or without) variants.
    async fn find_product(&self, with_variants: bool) -> Value {
        for page in 1..=5 {
            let (_, _, list) = self
                .get(&format!(
                    "{C}/products?pageSize=100&status=ACTIVE&page={page}"
                ))
                .await;
            for p in list["data"]["products"].as_array().unwrap() {
                let id = p["id"].as_str().unwrap();
                let (st, _, d) = self.get(&format!("{C}/products/{id}")).await;
                assert_eq!(st, 200);
                let n = d["data"]["variants"].as_array().unwrap().len();
                if (n > 0) == with_variants {
                    return d["data"].clone();
                }
            }
        }
        panic!("no product with_variants={with_variants}");
    }

    async fn add(&self, token: &str, body: Value) -> (StatusCode, Value) {
        let (st, _, v) = self
            .call(
                Method::POST,
                &format!("{C}/cart/items"),
                Some(body),
                Some(token),
            )
            .await;
        (st, v)
    }

    async fn cart(&self, token: &str) -> Value {
        let (st, _, v) = self
            .call(Method::GET, &format!("{C}/cart"), None, Some(token))
            .await;
        assert_eq!(st, 200, "{v}");
        assert_eq!(v["success"], true);
        v["data"].clone()
    }

    async fn set_stock(&self, body: Value) {
        self.control("stock", body).await;
    }
}

fn assert_error(st: StatusCode, v: &Value, status: u16, code: &str) {
    assert_eq!(st.as_u16(), status, "{v}");
    assert_eq!(v["success"], false, "{v}");
    assert_eq!(v["error"]["code"], code, "{v}");
    assert!(v["error"]["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
    assert!(v["error"]["details"].is_object(), "{v}");
}

#[tokio::test]
async fn cart_endpoints_without_a_live_token_are_401_unauthorized() {
    let s = quick().await;
    let item = format!("{C}/cart/items/00000000-0000-4000-f000-000000000001");
    let calls = [
        (Method::GET, format!("{C}/cart"), None),
        (Method::DELETE, format!("{C}/cart"), None),
        (
            Method::POST,
            format!("{C}/cart/items"),
            Some(json!({"productId": "x", "quantity": 1})),
        ),
        (Method::PATCH, item.clone(), Some(json!({"quantity": 1}))),
        (Method::DELETE, item, None),
    ];
    for (m, path, body) in &calls {
        let (st, _, v) = s.call(m.clone(), path, body.clone(), None).await;
        assert_error(st, &v, 401, "UNAUTHORIZED");
        let (st, _, v) = s
            .call(m.clone(), path, body.clone(), Some("tok_nope"))
            .await;
        assert_error(st, &v, 401, "UNAUTHORIZED");
    }
    // An expired token is refused the same way.
    let s = start(Options {
        rate_window_secs: 2,
        otp_cooldown_secs: 0,
        token_ttl_secs: 0,
        ..Options::default()
    })
    .await;
    let (token, _) = s.sign_in(SHOPPER_PHONE).await;
    tokio::time::sleep(Duration::from_millis(20)).await;
    let (st, _, v) = s
        .call(Method::GET, &format!("{C}/cart"), None, Some(&token))
        .await;
    assert_error(st, &v, 401, "UNAUTHORIZED");
}

#[tokio::test]
async fn the_seeded_cart_has_every_seed_field_and_its_tax_and_total_add_up() {
    let s = quick().await;
    let (token, user) = s.sign_in(SHOPPER_PHONE).await;
    let cart = s.cart(&token).await;
    assert_eq!(
        keys(&cart),
        sorted(vec![
            "id",
            "items",
            "summary",
            "appliedCoupons",
            "estimatedCommission",
            "estimatedCareerPoints",
            "updatedAt"
        ])
    );
    assert!(cart["id"].as_str().is_some_and(|id| id.len() == 36));
    assert_eq!(cart["appliedCoupons"], json!([]));
    assert!(cart["estimatedCommission"].is_null());
    assert!(cart["estimatedCareerPoints"].is_null());
    assert!(cart["updatedAt"].as_str().unwrap().ends_with('Z'));
    let items = cart["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let mut subtotal = 0;
    let mut quantity = 0;
    for it in items {
        assert_eq!(
            keys(it),
            sorted(vec![
                "id",
                "product",
                "variantId",
                "variantAttributes",
                "quantity",
                "unitPrice",
                "totalPrice",
                "addedAt"
            ])
        );
        assert_eq!(
            keys(&it["product"]),
            sorted(vec![
                "id",
                "name",
                "slug",
                "sku",
                "price",
                "compareAtPrice",
                "thumbnailUrl",
                "status",
                "stockQuantity"
            ])
        );
        let p = &it["product"];
        for k in ["id", "name", "slug", "sku", "status"] {
            assert!(p[k].is_string(), "{k}: {p}");
        }
        assert!(p["price"].is_number());
        assert!(p["compareAtPrice"].is_number() || p["compareAtPrice"].is_null());
        assert!(p["thumbnailUrl"]
            .as_str()
            .is_some_and(|u| u.starts_with(&s.base) && u.ends_with("-thumb.svg")));
        assert!(p["stockQuantity"].is_i64());
        assert_eq!(p["status"], "ACTIVE");
        assert!(it["variantId"].is_null() && it["variantAttributes"].is_null());
        assert_eq!(it["unitPrice"], p["price"]);
        let q = it["quantity"].as_i64().unwrap();
        assert_eq!(kop(&it["totalPrice"]), kop(&it["unitPrice"]) * q);
        assert!(it["addedAt"].as_str().unwrap().ends_with('Z'));
        subtotal += kop(&it["totalPrice"]);
        quantity += q;
    }
    let sum = &cart["summary"];
    assert_eq!(
        keys(sum),
        sorted(vec![
            "subtotal",
            "discount",
            "shipping",
            "tax",
            "total",
            "currency",
            "itemCount",
            "totalQuantity"
        ])
    );
    assert_eq!(kop(&sum["subtotal"]), subtotal);
    assert_eq!(sum["discount"], 0);
    assert!(sum["shipping"].is_null());
    assert_eq!(kop(&sum["tax"]), (subtotal * 20 + 50) / 100);
    assert_eq!(kop(&sum["total"]), subtotal + kop(&sum["tax"]));
    assert_eq!(sum["currency"], "RUB");
    assert_eq!(sum["itemCount"], 2);
    assert_eq!(sum["totalQuantity"], quantity);

    // The cart id is stable for the user, and the raw lines match.
    assert_eq!(s.cart(&token).await["id"], cart["id"]);
    let (_, _, raw) = s
        .get(&format!(
            "/__control/carts/{}",
            user["id"].as_str().unwrap()
        ))
        .await;
    let raw = raw["lines"].as_array().unwrap();
    assert_eq!(raw.len(), 2);
    for (r, it) in raw.iter().zip(items) {
        assert_eq!(r["id"], it["id"]);
        assert_eq!(r["productId"], it["product"]["id"]);
        assert_eq!(r["quantity"], it["quantity"]);
    }
}

#[tokio::test]
async fn adding_the_same_product_twice_grows_one_line_and_sums_like_the_seed() {
    let s = quick().await;
    let (token, user) = s.sign_in(NEW_PHONE).await;
    assert_eq!(s.cart(&token).await["items"], json!([]));
    let p = s.find_product(false).await;
    let pid = p["id"].as_str().unwrap();
    s.set_stock(json!({"productId": pid, "stock": 50})).await;
    let price = kop(&p["price"]);

    let (st, first) = s
        .add(&token, json!({"productId": pid, "quantity": 2}))
        .await;
    assert_eq!(st, 201, "{first}");
    let d = &first["data"];
    assert_eq!(
        keys(d),
        sorted(vec![
            "cartItemId",
            "product",
            "quantity",
            "unitPrice",
            "totalPrice",
            "cartSummary"
        ])
    );
    assert_eq!(d["product"], json!({"id": pid, "name": p["name"]}));
    assert_eq!(d["quantity"], 2);
    assert_eq!(kop(&d["unitPrice"]), price);
    assert_eq!(kop(&d["totalPrice"]), price * 2);
    assert_eq!(
        keys(&d["cartSummary"]),
        sorted(vec!["total", "itemCount", "totalQuantity"])
    );
    let tax = (price * 2 * 20 + 50) / 100;
    assert_eq!(kop(&d["cartSummary"]["total"]), price * 2 + tax);

    let (st, second) = s
        .add(&token, json!({"productId": pid, "quantity": 3}))
        .await;
    assert_eq!(st, 201, "{second}");
    assert_eq!(second["data"]["cartItemId"], d["cartItemId"]);
    assert_eq!(second["data"]["quantity"], 5);
    assert_eq!(kop(&second["data"]["totalPrice"]), price * 5);
    assert_eq!(second["data"]["cartSummary"]["itemCount"], 1);
    assert_eq!(second["data"]["cartSummary"]["totalQuantity"], 5);

    let cart = s.cart(&token).await;
    assert_eq!(cart["items"].as_array().unwrap().len(), 1);
    assert_eq!(cart["items"][0]["id"], d["cartItemId"]);
    assert_eq!(cart["items"][0]["quantity"], 5);
    assert_eq!(cart["items"][0]["product"]["stockQuantity"], 50);
    let sum = &cart["summary"];
    assert_eq!(kop(&sum["subtotal"]), price * 5);
    assert_eq!(kop(&sum["tax"]), (price * 5 * 20 + 50) / 100);
    assert_eq!(sum["total"], second["data"]["cartSummary"]["total"]);

    // A product with variants: one line per variant, with the variant's price and attributes.
    let v = s.find_product(true).await;
    let vid = v["id"].as_str().unwrap();
    s.set_stock(json!({"productId": vid, "stock": 50})).await;
    let variants = v["variants"].as_array().unwrap();
    let v0 = &variants[0];
    let (st, a) = s
        .add(
            &token,
            json!({"productId": vid, "variantId": v0["id"], "quantity": 1}),
        )
        .await;
    assert_eq!(st, 201, "{a}");
    assert_eq!(a["data"]["unitPrice"], v0["price"]);
    if let Some(v1) = variants.get(1) {
        let (st, b) = s
            .add(
                &token,
                json!({"productId": vid, "variantId": v1["id"], "quantity": 1}),
            )
            .await;
        assert_eq!(st, 201, "{b}");
        assert_ne!(b["data"]["cartItemId"], a["data"]["cartItemId"]);
    }
    let cart = s.cart(&token).await;
    let line = &cart["items"][1];
    assert_eq!(line["variantId"], v0["id"]);
    assert_eq!(line["variantAttributes"], v0["attributes"]);
    assert_eq!(line["product"]["sku"], v0["sku"]);
    assert_eq!(line["product"]["price"], v0["price"]);
    assert_eq!(
        cart["items"].as_array().unwrap().len(),
        1 + variants.len().min(2)
    );
    let total: i64 = cart["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| kop(&i["totalPrice"]))
        .sum();
    assert_eq!(kop(&cart["summary"]["subtotal"]), total);

    // Lines stay in the order they were added, and checkout still takes them.
    let (_, _, raw) = s
        .get(&format!(
            "/__control/carts/{}",
            user["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(raw["lines"][0]["productId"], pid);
    assert_eq!(raw["lines"][1]["variantId"], v0["id"]);
    let r = s
        .post(
            &format!("{C}/cart/checkout"),
            pickup_body(),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(r.status(), 201);
    assert_eq!(s.cart(&token).await["items"], json!([]));
}

#[tokio::test]
async fn adding_explains_bad_input_unknown_products_and_variants() {
    let s = quick().await;
    let (token, _) = s.sign_in(NEW_PHONE).await;
    let p = s.find_product(false).await;
    let pid = p["id"].as_str().unwrap();
    let v = s.find_product(true).await;
    let vid = v["id"].as_str().unwrap();

    for q in [json!(0), json!(-1), json!(1.5), json!("2"), Value::Null] {
        let (st, e) = s
            .add(&token, json!({"productId": pid, "quantity": q}))
            .await;
        assert_error(st, &e, 400, "VALIDATION_ERROR");
        assert!(e["error"]["details"]["quantity"][0].is_string(), "{e}");
    }
    let (st, e) = s.add(&token, json!({"productId": pid})).await;
    assert_error(st, &e, 400, "VALIDATION_ERROR");
    assert!(e["error"]["details"]["quantity"].is_array());
    let (st, e) = s.add(&token, json!([1, 2])).await;
    assert_error(st, &e, 400, "VALIDATION_ERROR");
    assert!(e["error"]["details"]["quantity"].is_array());
    let (st, e) = s.add(&token, json!({"quantity": 1})).await;
    assert_error(st, &e, 400, "VALIDATION_ERROR");
    assert!(e["error"]["details"]["productId"].is_array());

    let (st, e) = s
        .add(
            &token,
            json!({"productId": "00000000-0000-4000-a000-0000000fffff", "quantity": 1}),
        )
        .await;
    assert_error(st, &e, 404, "PRODUCT_NOT_FOUND");
    let (st, e) = s
        .add(&token, json!({"productId": "nope", "quantity": 1}))
        .await;
    assert_error(st, &e, 404, "PRODUCT_NOT_FOUND");

    let (st, e) = s
        .add(&token, json!({"productId": vid, "quantity": 1}))
        .await;
    assert_error(st, &e, 400, "VALIDATION_ERROR");
    assert!(e["error"]["details"]["variantId"][0].is_string(), "{e}");
    let (st, e) = s
        .add(
            &token,
            json!({"productId": vid, "variantId": "00000000-0000-4000-a100-00000000ffff", "quantity": 1}),
        )
        .await;
    assert_error(st, &e, 404, "VARIANT_NOT_FOUND");
    // A variant of another product, and any variant of a product without them.
    let (st, e) = s
        .add(
            &token,
            json!({"productId": pid, "variantId": v["variants"][0]["id"], "quantity": 1}),
        )
        .await;
    assert_error(st, &e, 404, "VARIANT_NOT_FOUND");
    assert_eq!(s.cart(&token).await["items"], json!([]));
}

#[tokio::test]
async fn unavailable_products_stock_and_the_per_line_maximum_are_refused() {
    let s = quick().await;
    let (token, _) = s.sign_in(NEW_PHONE).await;
    let p = s.find_product(false).await;
    let pid = p["id"].as_str().unwrap();

    s.set_stock(json!({"productId": pid, "unavailable": true}))
        .await;
    let (st, e) = s
        .add(&token, json!({"productId": pid, "quantity": 1}))
        .await;
    assert_error(st, &e, 400, "PRODUCT_UNAVAILABLE");
    s.set_stock(json!({"productId": pid, "unavailable": false}))
        .await;

    // Stock 3: 2 fit, 2 more do not; the answer says how many there are.
    s.set_stock(json!({"productId": pid, "stock": 3})).await;
    let (st, ok) = s
        .add(&token, json!({"productId": pid, "quantity": 2}))
        .await;
    assert_eq!(st, 201, "{ok}");
    let (st, e) = s
        .add(&token, json!({"productId": pid, "quantity": 2}))
        .await;
    assert_error(st, &e, 400, "INSUFFICIENT_STOCK");
    assert_eq!(e["error"]["details"]["quantity"][0], "Доступно 3 шт.");
    assert_eq!(s.cart(&token).await["items"][0]["quantity"], 2);
    assert_eq!(
        s.cart(&token).await["items"][0]["product"]["stockQuantity"],
        3
    );
    // Stock below the maximum wins even when the maximum is broken too.
    let (st, e) = s
        .add(&token, json!({"productId": pid, "quantity": 11}))
        .await;
    assert_error(st, &e, 400, "INSUFFICIENT_STOCK");
    // Sold out.
    s.set_stock(json!({"productId": pid, "stock": 0})).await;
    let (st, e) = s
        .add(&token, json!({"productId": pid, "quantity": 1}))
        .await;
    assert_error(st, &e, 400, "INSUFFICIENT_STOCK");
    assert_eq!(e["error"]["details"]["quantity"][0], "Доступно 0 шт.");
    assert_eq!(
        s.cart(&token).await["items"][0]["product"]["status"],
        "OUT_OF_STOCK"
    );

    // Plenty in stock: 10 per line at most, counting what the line already holds.
    s.set_stock(json!({"productId": pid, "stock": 500})).await;
    let (st, ok) = s
        .add(&token, json!({"productId": pid, "quantity": 8}))
        .await;
    assert_eq!(st, 201, "{ok}");
    assert_eq!(ok["data"]["quantity"], 10);
    let (st, e) = s
        .add(&token, json!({"productId": pid, "quantity": 1}))
        .await;
    assert_error(st, &e, 400, "MAX_QUANTITY_EXCEEDED");
    assert_eq!(
        e["error"]["details"]["quantity"][0],
        "Не более 10 шт. в одной строке"
    );
    assert!(e["error"]["message"].as_str().unwrap().contains("10"));

    // Reset forgets the overrides.
    s.set_stock(json!({"productId": pid, "unavailable": true}))
        .await;
    s.control("reset", json!({})).await;
    let (token, _) = s.sign_in(NEW_PHONE).await;
    let (st, ok) = s
        .add(&token, json!({"productId": pid, "quantity": 1}))
        .await;
    assert_eq!(st, 201, "{ok}");
}

#[tokio::test]
async fn a_line_can_be_changed_and_removed_and_the_cart_cleared() {
    let s = quick().await;
    let (token, _) = s.sign_in(SHOPPER_PHONE).await;
    let cart = s.cart(&token).await;
    let line = cart["items"][0].clone();
    let id = line["id"].as_str().unwrap();
    let path = format!("{C}/cart/items/{id}");
    let pid = line["product"]["id"].as_str().unwrap();
    s.set_stock(json!({"productId": pid, "stock": 20})).await;

    let (st, _, v) = s
        .call(
            Method::PATCH,
            &path,
            Some(json!({"quantity": 3})),
            Some(&token),
        )
        .await;
    assert_eq!(st, 200, "{v}");
    let d = &v["data"];
    assert_eq!(
        keys(d),
        sorted(vec![
            "cartItemId",
            "quantity",
            "unitPrice",
            "totalPrice",
            "cartSummary"
        ])
    );
    assert_eq!(d["cartItemId"], id);
    assert_eq!(d["quantity"], 3);
    assert_eq!(kop(&d["totalPrice"]), kop(&line["unitPrice"]) * 3);
    let after = s.cart(&token).await;
    assert_eq!(after["items"][0]["quantity"], 3);
    assert_eq!(d["cartSummary"]["total"], after["summary"]["total"]);
    assert_eq!(
        d["cartSummary"]["totalQuantity"],
        after["summary"]["totalQuantity"]
    );

    for q in [json!(0), json!("3"), json!(2.5)] {
        let (st, _, e) = s
            .call(
                Method::PATCH,
                &path,
                Some(json!({"quantity": q})),
                Some(&token),
            )
            .await;
        assert_error(st, &e, 400, "VALIDATION_ERROR");
        assert!(e["error"]["details"]["quantity"].is_array());
    }
    let (st, _, e) = s
        .call(
            Method::PATCH,
            &path,
            Some(json!({"quantity": 11})),
            Some(&token),
        )
        .await;
    assert_error(st, &e, 400, "MAX_QUANTITY_EXCEEDED");
    s.set_stock(json!({"productId": pid, "stock": 2})).await;
    let (st, _, e) = s
        .call(
            Method::PATCH,
            &path,
            Some(json!({"quantity": 3})),
            Some(&token),
        )
        .await;
    assert_error(st, &e, 400, "INSUFFICIENT_STOCK");
    assert_eq!(e["error"]["details"]["quantity"][0], "Доступно 2 шт.");
    let missing = format!("{C}/cart/items/00000000-0000-4000-f000-00000000ffff");
    let (st, _, e) = s
        .call(
            Method::PATCH,
            &missing,
            Some(json!({"quantity": 1})),
            Some(&token),
        )
        .await;
    assert_error(st, &e, 404, "CART_ITEM_NOT_FOUND");
    // Another user cannot touch this line.
    let (other, _) = s.sign_in(NEW_PHONE).await;
    let (st, _, e) = s
        .call(
            Method::PATCH,
            &path,
            Some(json!({"quantity": 1})),
            Some(&other),
        )
        .await;
    assert_error(st, &e, 404, "CART_ITEM_NOT_FOUND");
    let (st, _, e) = s.call(Method::DELETE, &path, None, Some(&other)).await;
    assert_error(st, &e, 404, "CART_ITEM_NOT_FOUND");

    let (st, _, v) = s.call(Method::DELETE, &path, None, Some(&token)).await;
    assert_eq!(st, 200, "{v}");
    assert_eq!(
        keys(&v["data"]),
        sorted(vec!["message", "cartItemId", "cartSummary"])
    );
    assert_eq!(v["data"]["message"], "Item removed from cart");
    assert_eq!(v["data"]["cartItemId"], id);
    assert_eq!(v["data"]["cartSummary"]["itemCount"], 1);
    let left = s.cart(&token).await;
    assert_eq!(left["items"].as_array().unwrap().len(), 1);
    assert_eq!(v["data"]["cartSummary"]["total"], left["summary"]["total"]);
    let (st, _, e) = s.call(Method::DELETE, &path, None, Some(&token)).await;
    assert_error(st, &e, 404, "CART_ITEM_NOT_FOUND");

    let (st, _, v) = s
        .call(Method::DELETE, &format!("{C}/cart"), None, Some(&token))
        .await;
    assert_eq!(st, 200, "{v}");
    assert_eq!(
        v["data"],
        json!({"message": "Cart cleared successfully", "itemsRemoved": 1})
    );
    let empty = s.cart(&token).await;
    assert_eq!(empty["items"], json!([]));
    assert_eq!(
        empty["summary"],
        json!({"subtotal": 0, "discount": 0, "shipping": null, "tax": 0, "total": 0,
               "currency": "RUB", "itemCount": 0, "totalQuantity": 0})
    );
    let (_, _, v) = s
        .call(Method::DELETE, &format!("{C}/cart"), None, Some(&token))
        .await;
    assert_eq!(v["data"]["itemsRemoved"], 0);
}

#[tokio::test]
async fn a_partner_sees_estimated_commission_and_points_a_shopper_sees_null() {
    let s = quick().await;
    let p = s.find_product(false).await;
    let pid = p["id"].as_str().unwrap();
    s.set_stock(json!({"productId": pid, "stock": 50})).await;
    let line = kop(&p["price"]) * 3;
    let pct = |k: &str| p[k].as_i64().unwrap();

    let (partner, user) = s.sign_in(PARTNER_PHONE).await;
    assert!(user["partnerId"].is_string());
    let (st, v) = s
        .add(&partner, json!({"productId": pid, "quantity": 3}))
        .await;
    assert_eq!(st, 201, "{v}");
    let cart = s.cart(&partner).await;
    assert_eq!(
        kop(&cart["estimatedCommission"]),
        (line * pct("commissionPercentage") + 50) / 100
    );
    assert_eq!(
        kop(&cart["estimatedCareerPoints"]),
        (line * pct("careerPointsPercentage") + 50) / 100
    );
    assert!(cart["estimatedCommission"].as_f64().unwrap() > 0.0);

    let (shopper, _) = s.sign_in(NEW_PHONE).await;
    let (st, v) = s
        .add(&shopper, json!({"productId": pid, "quantity": 3}))
        .await;
    assert_eq!(st, 201, "{v}");
    let cart = s.cart(&shopper).await;
    assert!(cart["estimatedCommission"].is_null());
    assert!(cart["estimatedCareerPoints"].is_null());
    assert_ne!(s.cart(&partner).await["id"], cart["id"]);
}

#[tokio::test]
async fn cart_answers_carry_the_standard_rate_limit_headers() {
    let s = quick().await;
    let (token, _) = s.sign_in(SHOPPER_PHONE).await;
    let (st, h, _) = s
        .call(Method::GET, &format!("{C}/cart"), None, Some(&token))
        .await;
    assert_eq!(st, 200);
    assert_eq!(header(&h, "x-ratelimit-limit"), "100");
    assert_eq!(header(&h, "x-ratelimit-policy"), "standard");
    let (st, h, _) = s
        .call(
            Method::POST,
            &format!("{C}/cart/items"),
            Some(json!({"productId": "nope", "quantity": 1})),
            Some(&token),
        )
        .await;
    assert_eq!(st, 404);
    assert_eq!(header(&h, "x-ratelimit-limit"), "100");
    assert!(header(&h, "x-ratelimit-remaining").parse::<u64>().unwrap() < 100);
}

/// A price changed after the deploy's prerender: the product's page and list answers and a
/// cart priced by the stub all say the new price (the e2e's specs/prerender.test.js).
#[tokio::test]
async fn a_price_set_through_control_is_the_one_the_api_answers() {
    let s = quick().await;
    let id = "00000000-0000-4000-a000-000000000007";
    let (status, _, before) = s.get(&format!("{C}/products/{id}")).await;
    assert_eq!(status, 200, "{before}");
    assert_ne!(before["data"]["price"], json!(4321.5));
    s.control("price", json!({"productId": id, "price": "4321.50"}))
        .await;
    let (_, _, after) = s.get(&format!("{C}/products/{id}")).await;
    assert_eq!(after["data"]["price"], json!(4321.5), "{after}");
    s.control("stock", json!({"productId": id, "stock": 10}))
        .await;
    let (token, _) = s.sign_in(SHOPPER_PHONE).await;
    let r = s
        .post(
            &format!("{C}/cart/items"),
            json!({"productId": id, "quantity": 2}),
            Some(&token),
            None,
        )
        .await;
    let status = r.status();
    let cart: Value = r.json().await.unwrap();
    assert!(status.is_success(), "{status}: {cart}");
    assert!(cart.to_string().contains("8643"), "{cart}");
    let bad = s
        .post(
            "/__control/price",
            json!({"productId": id, "price": -1}),
            None,
            None,
        )
        .await;
    assert_eq!(bad.status(), 400);
    s.control("reset", json!({})).await;
    let (_, _, reset) = s.get(&format!("{C}/products/{id}")).await;
    assert_eq!(reset["data"]["price"], before["data"]["price"]);
}
