//! A signed-in shopper and the shop's own calls (sign-in, cart, preview, checkout, orders),
//! shared by the checkout tests and the checkout fault run (`#[path]`-included: http.rs has
//! its own helpers of these names).
#![allow(dead_code)]

use super::common::{Stub, C};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// A signed-in user: token and id.
pub struct Who {
    pub token: String,
    pub id: String,
}

impl Stub {
    pub async fn get(&self, path: &str, token: Option<&str>) -> (StatusCode, Value) {
        let (s, _, v) = self.call(Method::GET, path, None, token).await;
        (s, v)
    }

    pub async fn post(&self, path: &str, body: Value, token: Option<&str>) -> (StatusCode, Value) {
        let (s, _, v) = self.call(Method::POST, path, Some(body), token).await;
        (s, v)
    }

    pub async fn control(&self, path: &str, body: Value) -> Value {
        let (st, v) = self.post(&format!("/__control/{path}"), body, None).await;
        assert!(st.is_success(), "{path}: {st} {v}");
        v
    }

    pub async fn sign_in(&self, phone: &str) -> Who {
        let (st, _) = self
            .post(
                &format!("{C}/auth/otp/request"),
                json!({"phone": phone}),
                None,
            )
            .await;
        assert_eq!(st, 200);
        let (st, v) = self
            .post(
                &format!("{C}/auth/otp/verify"),
                json!({"phone": phone, "code": self.demo_code().await}),
                None,
            )
            .await;
        assert_eq!(st, 200, "{v}");
        Who {
            token: v["data"]["accessToken"].as_str().unwrap().to_string(),
            id: v["data"]["user"]["id"].as_str().unwrap().to_string(),
        }
    }

    /// `phone` signed in, with `quantity` of an in-stock product at 2 000–4 000 ₽ in the
    /// cart: the shopper, the product and its price (kopecks).
    pub async fn shopper_with_cart(&self, phone: &str, quantity: u32) -> (Who, String, i64) {
        let who = self.sign_in(phone).await;
        let (p, price) = self.product_between(2000, 4000).await;
        self.cart_of(&who, &p, quantity).await;
        (who, p, price)
    }

    /// An in-stock product without variants priced within `min..=max` roubles.
    pub async fn product_between(&self, min: u32, max: u32) -> (String, i64) {
        for page in 1..=5 {
            let (_, list) = self
                .get(
                    &format!("{C}/products?status=ACTIVE&minPrice={min}&maxPrice={max}&pageSize=100&page={page}"),
                    None,
                )
                .await;
            for p in list["data"]["products"].as_array().unwrap() {
                let id = p["id"].as_str().unwrap();
                let (_, d) = self.get(&format!("{C}/products/{id}"), None).await;
                if d["data"]["variants"].as_array().unwrap().is_empty() {
                    return (id.to_string(), kop(&d["data"]["price"]));
                }
            }
        }
        panic!("no product between {min} and {max} ₽");
    }

    /// Empties the cart and puts `quantity` of `product` in it (stock made plentiful).
    pub async fn cart_of(&self, who: &Who, product: &str, quantity: u32) {
        self.control("stock", json!({"productId": product, "stock": 50}))
            .await;
        let (st, _, _) = self
            .call(Method::DELETE, &format!("{C}/cart"), None, Some(&who.token))
            .await;
        assert_eq!(st, 200);
        let (st, v) = self
            .post(
                &format!("{C}/cart/items"),
                json!({"productId": product, "quantity": quantity}),
                Some(&who.token),
            )
            .await;
        assert_eq!(st, 201, "{v}");
    }

    pub async fn preview(&self, who: &Who, body: Value) -> (StatusCode, Value) {
        self.post(
            &format!("{C}/cart/checkout/preview"),
            body,
            Some(&who.token),
        )
        .await
    }

    pub async fn checkout(&self, who: &Who, body: Value) -> (StatusCode, Value) {
        self.post(&format!("{C}/cart/checkout"), body, Some(&who.token))
            .await
    }

    pub async fn order(&self, who: &Who, id: &str) -> Value {
        let (st, v) = self
            .get(&format!("{C}/orders/{id}"), Some(&who.token))
            .await;
        assert_eq!(st, 200, "{v}");
        v["data"].clone()
    }
}

/// Roubles (JSON number) to kopecks.
pub fn kop(v: &Value) -> i64 {
    (v.as_f64().unwrap_or_else(|| panic!("not money: {v}")) * 100.0).round() as i64
}
