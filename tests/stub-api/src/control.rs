//! `/__control/…`: what tests use to steer the stub — faults, reset, counters, stock,
//! payments.

use crate::data::{self, Catalog};
use crate::{unix_now, AppState, CartLine, Mutable};
use axum::{
    extract::{Path, State},
    http::{Method, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};
use serde::Deserialize;
use serde_json::{json, Map, Value};

/// A fault for the next `count` requests that match `method` and the `path` prefix.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    #[serde(default)]
    pub method: Option<String>,
    pub path: String,
    /// The path must equal `path`, not only start with it (`/cart/checkout` but not
    /// `/cart/checkout/preview`).
    #[serde(default)]
    pub exact: bool,
    #[serde(default = "one")]
    pub count: u32,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub delay_ms: u64,
    #[serde(default)]
    pub malformed: bool,
    #[serde(default)]
    pub drop_after_commit: bool,
    /// After the order is committed, another order of the same shopper with the same total
    /// is placed a second later, as from another device (its notes carry no reference of
    /// this attempt): what the app's lookup after a lost answer must not take for its own.
    #[serde(default)]
    pub neighbour_after_commit: bool,
    #[serde(default)]
    pub headers: Map<String, Value>,
}

fn one() -> u32 {
    1
}

/// Takes one use of the first fault matching this request.
pub fn take_fault(state: &AppState, method: &Method, path: &str) -> Option<Fault> {
    let mut m = state.lock();
    let i = m.faults.iter().position(|f| {
        f.count > 0
            && if f.exact {
                path == f.path
            } else {
                path.starts_with(&f.path)
            }
            && f.method
                .as_deref()
                .is_none_or(|fm| fm.eq_ignore_ascii_case(method.as_str()))
    })?;
    m.faults[i].count -= 1;
    let f = m.faults[i].clone();
    if m.faults[i].count == 0 {
        m.faults.remove(i);
    }
    Some(f)
}

/// Puts two in-stock products in a user's cart.
pub fn fill_cart(m: &mut Mutable, catalog: &Catalog, user_id: &str) {
    let picks: Vec<usize> = catalog
        .products
        .iter()
        .filter(|p| p.in_stock() && p.variants == 0)
        .map(|p| p.idx)
        .take(2)
        .collect();
    let lines = picks
        .iter()
        .enumerate()
        .map(|(i, p)| {
            m.seq += 1;
            CartLine {
                id: data::uuid(0xf000, m.seq),
                product: *p,
                variant: None,
                quantity: 1 + i as u32,
                added: unix_now(),
            }
        })
        .collect();
    m.carts.insert(user_id.to_string(), lines);
    m.cart_updated.insert(user_id.to_string(), unix_now());
}

/// The newest order's neighbour: the same shopper, lines and total, a second later, other
/// notes, its own number and systems.
pub fn place_neighbour(m: &mut Mutable) {
    let Some(mut o) = m.orders.last().cloned() else {
        return;
    };
    m.seq += 1;
    let n = m.seq;
    o.id = data::uuid(0xe100, n);
    o.number = format!("ORD-2026-{:08}", 5000 + n);
    o.created += 1;
    for h in &mut o.history {
        h.1 = o.created;
    }
    o.notes = Some("Заказ с другого устройства".into());
    o.transaction_id = None;
    o.delivery_order = None;
    o.courier_order = None;
    let at = o.created;
    crate::journey::open_systems(&mut o, at);
    m.neighbours.push(o.id.clone());
    m.orders.push(o);
}

async fn add_fault(State(s): State<AppState>, Json(f): Json<Fault>) -> Response {
    s.lock().faults.push(f);
    (StatusCode::CREATED, Json(json!({"ok": true}))).into_response()
}

async fn clear_faults(State(s): State<AppState>) -> Response {
    s.lock().faults.clear();
    Json(json!({"ok": true})).into_response()
}

async fn reset(State(s): State<AppState>) -> Response {
    s.reset();
    if let Ok(mut prices) = crate::data::PRICES.lock() {
        for p in &s.catalog.products {
            prices.remove(&p.key());
        }
    }
    Json(json!({"ok": true})).into_response()
}

/// `{"bucket": "checkout", "secs": N}`: that limit counts over N seconds until the next
/// reset, so a test meets the real limiter without waiting a minute.
async fn rate_window(State(s): State<AppState>, body: axum::body::Bytes) -> Response {
    let v = serde_json::from_slice::<Value>(&body).unwrap_or_default();
    let (Some(bucket), Some(secs)) = (v["bucket"].as_str(), v["secs"].as_i64()) else {
        return (
            axum::http::StatusCode::BAD_REQUEST,
            Json(json!({"error": "want {\"bucket\", \"secs\"}"})),
        )
            .into_response();
    };
    s.lock()
        .window_overrides
        .insert(bucket.to_string(), secs.max(0));
    Json(json!({"ok": true})).into_response()
}

async fn counters(State(s): State<AppState>) -> Response {
    let m = s.lock();
    Json(json!({
        "ordersCreated": m.orders_created,
        "checkoutAttempts": m.checkout_attempts,
        "checkoutPreviews": m.checkout_previews,
        "requests": m.requests,
        "neighbourOrders": m.neighbours,
    }))
    .into_response()
}

async fn users(State(s): State<AppState>) -> Response {
    let m = s.lock();
    let list: Vec<Value> = m
        .users
        .iter()
        .map(|u| {
            let mut j = u.to_json();
            j["code"] = json!(data::DEMO_CODE);
            // What they bought, so tests can write a review that is allowed.
            let mut bought: Vec<String> = m
                .orders
                .iter()
                .filter(|o| o.user_id == u.id)
                .flat_map(|o| o.lines.iter().map(|(idx, _, _)| data::product_id(*idx)))
                .collect();
            bought.dedup();
            j["purchased"] = json!(bought);
            j
        })
        .collect();
    Json(json!({"users": list})).into_response()
}

/// `POST /__control/carts/:user_id/fill`: the two demo lines back in that cart, or with
/// `{"productId", "quantity"}` exactly that one line (stock is the test's to set).
async fn fill(
    State(s): State<AppState>,
    Path(user_id): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let v = serde_json::from_slice::<Value>(&body).unwrap_or_default();
    let Some(id) = v["productId"].as_str() else {
        fill_cart(&mut s.lock(), &s.catalog, &user_id);
        return Json(json!({"ok": true})).into_response();
    };
    let Some(p) = s.catalog.product(id) else {
        return control_error(StatusCode::NOT_FOUND, "unknown productId");
    };
    let quantity = v["quantity"].as_u64().unwrap_or(1).clamp(1, 10) as u32;
    let mut m = s.lock();
    m.seq += 1;
    let line = CartLine {
        id: data::uuid(0xf000, m.seq),
        product: p.idx,
        variant: None,
        quantity,
        added: unix_now(),
    };
    m.carts.insert(user_id.clone(), vec![line]);
    m.cart_updated.insert(user_id, unix_now());
    Json(json!({"ok": true})).into_response()
}

fn control_error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({"ok": false, "error": message}))).into_response()
}

/// `POST /__control/stock`: `{"productId", "variantId"?, "stock"?: N | null, "unavailable"?: bool}`.
/// `stock` overrides what the cart may hold (for the variant, or for the product and all
/// its variants when `variantId` is absent); `null` drops the override. `unavailable: true`
/// makes `POST /cart/items` answer PRODUCT_UNAVAILABLE. `/__control/reset` clears both.
async fn set_stock(State(s): State<AppState>, Json(b): Json<Value>) -> Response {
    let Some(p) = b["productId"].as_str().and_then(|id| s.catalog.product(id)) else {
        return control_error(StatusCode::NOT_FOUND, "unknown productId");
    };
    let variant = match &b["variantId"] {
        Value::Null => None,
        Value::String(v) => match crate::cart::variant_index(p, v) {
            Some(i) => Some(i),
            None => return control_error(StatusCode::NOT_FOUND, "unknown variantId"),
        },
        _ => return control_error(StatusCode::BAD_REQUEST, "variantId must be a string"),
    };
    let stock = match b.get("stock") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(v) => match v.as_i64().filter(|n| *n >= 0) {
            Some(n) => Some(Some(n)),
            None => return control_error(StatusCode::BAD_REQUEST, "stock must be an integer >= 0"),
        },
    };
    let unavailable = match b.get("unavailable") {
        None => None,
        Some(Value::Bool(u)) => Some(*u),
        Some(_) => return control_error(StatusCode::BAD_REQUEST, "unavailable must be a boolean"),
    };
    if stock.is_none() && unavailable.is_none() {
        return control_error(StatusCode::BAD_REQUEST, "give stock or unavailable");
    }
    let mut m = s.lock();
    match stock {
        Some(Some(n)) => {
            m.stock_overrides.insert((p.idx, variant), n);
        }
        Some(None) => {
            m.stock_overrides.remove(&(p.idx, variant));
        }
        None => {}
    }
    match unavailable {
        Some(true) => {
            m.unavailable.insert(p.idx);
        }
        Some(false) => {
            m.unavailable.remove(&p.idx);
        }
        None => {}
    }
    Json(json!({"ok": true})).into_response()
}

/// `POST /__control/price` `{"productId", "price": "1234.50"}`: the product's price from now
/// on (its listing and page answers, the carts and orders priced by the stub).
async fn set_price(State(s): State<AppState>, Json(b): Json<Value>) -> Response {
    let Some(p) = b["productId"].as_str().and_then(|id| s.catalog.product(id)) else {
        return control_error(StatusCode::NOT_FOUND, "unknown productId");
    };
    let kopecks = b["price"].as_str().and_then(|t| {
        let (rub, kop) = t.split_once('.').unwrap_or((t, "0"));
        let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
        (digits(rub) && digits(kop) && kop.len() <= 2 && rub.len() <= 12).then(|| {
            rub.parse::<i64>().unwrap_or(0) * 100
                + kop.parse::<i64>().unwrap_or(0) * if kop.len() == 1 { 10 } else { 1 }
        })
    });
    let Some(kopecks) = kopecks else {
        return control_error(
            StatusCode::BAD_REQUEST,
            "price must be a string like \"1234.50\"",
        );
    };
    if let Ok(mut prices) = crate::data::PRICES.lock() {
        prices.insert(p.key(), kopecks);
    }
    Json(json!({"ok": true})).into_response()
}

/// `GET /__control/carts/:user_id`: the raw lines, in the order they were added.
async fn cart_lines(State(s): State<AppState>, Path(user_id): Path<String>) -> Response {
    let m = s.lock();
    let lines: Vec<Value> = m
        .carts
        .get(&user_id)
        .map(Vec::as_slice)
        .unwrap_or(&[])
        .iter()
        .map(|l| {
            json!({
                "id": l.id,
                "productId": data::product_id(l.product),
                "variantId": l.variant.map(|v| data::variant_id(l.product, v)),
                "quantity": l.quantity,
            })
        })
        .collect();
    Json(json!({"lines": lines})).into_response()
}

/// `POST /__control/payments/:id` `{"status": "pending"|"succeeded"|"failed"|"expired"}`:
/// settles a card payment as the payment page would (and its order with it).
async fn set_payment(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Json(b): Json<Value>,
) -> Response {
    let Some(status) = b["status"]
        .as_str()
        .and_then(|st| crate::payments::STATUSES.iter().find(|x| **x == st))
    else {
        return control_error(
            StatusCode::BAD_REQUEST,
            "status: pending, succeeded, failed or expired",
        );
    };
    let mut m = s.lock();
    match crate::payments::settle(&mut m, &id, status) {
        Some(p) => Json(crate::payments::payment_json(&p)).into_response(),
        None => control_error(StatusCode::NOT_FOUND, "unknown payment"),
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/faults", post(add_fault).delete(clear_faults))
        .route("/reset", post(reset))
        .route("/rate-window", post(rate_window))
        .route("/counters", get(counters))
        .route("/users", get(users))
        .route("/carts/{user_id}", get(cart_lines))
        .route("/carts/{user_id}/fill", post(fill))
        .route("/stock", post(set_stock))
        .route("/price", post(set_price))
        .route("/payments/{id}", post(set_payment))
        .route(
            "/orders/{id}/advance",
            post(crate::journey::control_advance),
        )
        .route("/orders/{id}/age", post(crate::journey::control_age))
}
