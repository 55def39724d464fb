//! Delivery API (seed 000): stock near a place, delivery slots (docs/integration.md §3),
//! payment status (§8). Errors are `{error,message,details,request_id}`.

use crate::data;
use crate::envelope::Backend;
use crate::gate::RequestId;
use crate::partner::stock_at;
use crate::{addresses, payments, unix_now, AppState};
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::get,
    Extension, Json, Router,
};
use serde_json::{json, Value};
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/inventory", get(inventory))
        .route("/delivery/slots", get(slots))
        .route("/payments/{payment_id}", get(payment))
        .route("/orders/{order_id}", get(crate::journey::delivery_order))
}

fn invalid(rid: &str, field: &str, code: &str, message: &str) -> Response {
    Backend::Delivery.error(
        400,
        "",
        message,
        json!([{"field": field, "code": code}]),
        rid,
    )
}

/// The gate's request id, which delivery errors carry in their body.
type Rid = Option<Extension<RequestId>>;

fn rid(r: Rid) -> String {
    r.map(|Extension(RequestId(id))| id).unwrap_or_default()
}

/// Shops (not storage) that lie within 60 km of the point, nearest first.
fn shops_near(lat: f64, lon: f64) -> Vec<usize> {
    let mut v: Vec<(f64, usize)> = data::warehouses()
        .iter()
        .enumerate()
        .filter(|(_, w)| w["type"] == "SHOP")
        .filter_map(|(i, w)| {
            let wl = w["location"]["lat"].as_f64()?;
            let wn = w["location"]["lng"].as_f64()?;
            // Equirectangular distance is plenty inside a city.
            let x = (wn - lon).to_radians() * ((wl + lat) / 2.0).to_radians().cos();
            let y = (wl - lat).to_radians();
            let km = (x * x + y * y).sqrt() * 6371.0;
            (km <= 60.0).then_some((km, i))
        })
        .collect();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    v.into_iter().map(|(_, i)| i).collect()
}

/// `GET /inventory?lat&lon|store_id&product_ids=a,b`: what the nearby shops hold.
async fn inventory(
    State(s): State<AppState>,
    rid: Rid,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let rid = self::rid(rid);
    let Some(ids) = q.get("product_ids").filter(|v| !v.trim().is_empty()) else {
        return invalid(&rid, "product_ids", "required", "Укажите product_ids");
    };
    let whs = data::warehouses();
    let places: Vec<usize> = if let Some(store) = q.get("store_id") {
        match whs.iter().position(|w| w["id"] == json!(store)) {
            Some(i) => vec![i],
            None => return invalid(&rid, "store_id", "unknown", "Неизвестный магазин"),
        }
    } else {
        let coord = |k: &str, max: f64| {
            q.get(k)
                .and_then(|v| v.parse::<f64>().ok())
                .filter(|v| v.is_finite() && v.abs() <= max)
        };
        match (coord("lat", 90.0), coord("lon", 180.0)) {
            (Some(lat), Some(lon)) => shops_near(lat, lon),
            _ => return invalid(&rid, "lat", "format", "Укажите lat и lon или store_id"),
        }
    };
    let availability: Vec<Value> = ids
        .split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(|id| {
            let qty: i64 = match s.catalog.product(id) {
                Some(p) => places.iter().map(|w| stock_at(p, *w)).sum(),
                None => 0,
            };
            json!({"product_id": id, "available": qty > 0, "qty": qty})
        })
        .collect();
    (StatusCode::OK, Json(json!({"availability": availability}))).into_response()
}

/// `GET /delivery/slots?lat&lon|address_id&cart_id`: the next 7 days' intervals inside the
/// shop couriers' zone (60 km around Moscow and Saint Petersburg), else none. `cart_id` is
/// the commerce cart's id, taken as opaque; `address_id` may be a saved commerce address.
async fn slots(
    State(s): State<AppState>,
    rid: Rid,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let rid = self::rid(rid);
    let coord = |k: &str, max: f64| {
        q.get(k)
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|v| v.is_finite() && v.abs() <= max)
    };
    let point = match (q.get("lat"), q.get("lon"), q.get("address_id")) {
        (Some(_), _, _) | (_, Some(_), _) => match (coord("lat", 90.0), coord("lon", 180.0)) {
            (Some(lat), Some(lon)) => (lat, lon),
            (None, _) => return invalid(&rid, "lat", "format", "lat — число от −90 до 90"),
            (_, None) => return invalid(&rid, "lon", "format", "lon — число от −180 до 180"),
        },
        (None, None, Some(id)) => {
            let m = s.lock();
            match addresses::find_any(&m, id.trim())
                .as_ref()
                .and_then(addresses::location)
            {
                Some(p) => p,
                None => return invalid(&rid, "address_id", "unknown", "Адрес не найден"),
            }
        }
        (None, None, None) => {
            return invalid(&rid, "lat", "required", "Укажите lat и lon или address_id")
        }
    };
    let slots = if data::in_slot_zone(point.0, point.1) {
        data::delivery_slots(unix_now())
    } else {
        Vec::new()
    };
    (StatusCode::OK, Json(json!({"slots": slots}))).into_response()
}

/// `GET /payments/{payment_id}`: `pending`, `succeeded`, `failed` or `expired`.
async fn payment(State(s): State<AppState>, rid: Rid, Path(id): Path<String>) -> Response {
    let rid = self::rid(rid);
    let mut m = s.lock();
    match payments::current(&mut m, &id) {
        Some(p) => {
            let mut j = payments::payment_json(&p);
            if let Some(url) = payments::redirect_url(&s.opts.public_base, &p) {
                j["redirect_url"] = json!(url);
            }
            (StatusCode::OK, Json(j)).into_response()
        }
        None => Backend::Delivery.error(
            404,
            "",
            &format!("Payment {id} not found"),
            json!([{"field": "payment_id", "code": "not_found"}]),
            &rid,
        ),
    }
}
