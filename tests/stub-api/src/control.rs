//! `/__control/…`: what tests use to steer the stub — faults, reset, counters.

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
            && path.starts_with(&f.path)
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
    Json(json!({"ok": true})).into_response()
}

async fn counters(State(s): State<AppState>) -> Response {
    let m = s.lock();
    Json(json!({
        "ordersCreated": m.orders_created,
        "checkoutAttempts": m.checkout_attempts,
        "requests": m.requests,
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

async fn fill(State(s): State<AppState>, Path(user_id): Path<String>) -> Response {
    let mut m = s.lock();
    fill_cart(&mut m, &s.catalog, &user_id);
    Json(json!({"ok": true})).into_response()
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/faults", post(add_fault).delete(clear_faults))
        .route("/reset", post(reset))
        .route("/counters", get(counters))
        .route("/users", get(users))
        .route("/carts/{user_id}/fill", post(fill))
}
