//! The stub over real HTTP: what the app and the e2e tests rely on.

use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::time::Duration;
use stub_api::{app, Options};

struct Stub {
    base: String,
    http: Client,
}

async fn start(opts: Options) -> Stub {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let opts = Options {
        public_base: format!("http://{addr}"),
        ..opts
    };
    tokio::spawn(async move {
        axum::serve(
            listener,
            app(opts).into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    Stub {
        base: format!("http://{addr}"),
        http: Client::new(),
    }
}

async fn quick() -> Stub {
    start(Options {
        rate_window_secs: 2,
        otp_cooldown_secs: 0,
        ..Options::default()
    })
    .await
}

const C: &str = "/commerce/api/v1";
const SHOPPER_PHONE: &str = "+79990000001";

impl Stub {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

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
                json!({"phone": phone, "code": "1234"}),
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
    json!({"shippingAddressId": "addr-1", "shippingMethodId": "ship-001", "paymentMethod": "CARD"})
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
