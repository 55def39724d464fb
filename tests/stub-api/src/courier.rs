//! Broniboy through the merchant gateway (seed 002, docs/integration.md §5):
//! `POST /orders/verify/`. The gateway adds the `X-App-Token` itself (the app sends no
//! courier credentials) and a `quote_id` + `quote_expires_at` that commerce checks at
//! checkout. Envelope `{success,status_code,data}` / `{success:false,status_code,error}`.

use crate::data::{self, distance_km, iso};
use crate::{unix_now, AppState, Quote};
use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::post,
    Json, Router,
};
use serde_json::{json, Map, Value};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/orders/verify/", post(verify))
        .route("/orders/verify", post(verify))
        .route(
            "/orders/",
            axum::routing::get(crate::journey::courier_orders),
        )
        .route(
            "/orders",
            axum::routing::get(crate::journey::courier_orders),
        )
}

/// Base price and the gateway's final price (with its margin), kopecks.
pub const PRICE: i64 = 45_000;
pub const FINAL_PRICE: i64 = 54_000;
/// Farther than this from the pickup point costs 20 % more.
pub const NEAR_KM: f64 = 10.0;
/// Farther than this from every express point is out of the zone.
pub const ZONE_KM: f64 = 40.0;
pub const QUOTE_TTL_SECS: i64 = 15 * 60;
/// Moscow time, in which pickup times are given.
const MSK_OFFSET_SECS: i64 = 3 * 3600;

fn answer(status: u16, body: Value) -> Response {
    (
        StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST),
        Json(body),
    )
        .into_response()
}

/// A 400 of seed 002: code 3, `dev_err` names the field and its errors.
fn invalid(field: &str, message: &str) -> Response {
    answer(
        400,
        json!({"success": false, "status_code": 400, "error": {
            "code": 3, "message": message, "dev_err": {field: [message]}
        }}),
    )
}

fn out_of_zone(km: f64) -> Response {
    answer(
        400,
        json!({"success": false, "status_code": 400, "error": {
            "code": 10, "message": "Адрес вне зоны доставки",
            "dev_err": format!("drop_off is {km:.1} km from the nearest express point (limit {ZONE_KM} km)")
        }}),
    )
}

/// The next `n` whole hours, Moscow time, as `2026-12-02T14:00:00+03:00`.
pub fn pickup_times(now: i64, n: i64) -> Vec<String> {
    let local = now + MSK_OFFSET_SECS;
    let next = (local.div_euclid(3600) + 1) * 3600;
    (0..n)
        .map(|k| {
            let t = iso(next + k * 3600);
            format!("{}+03:00", t.trim_end_matches('Z'))
        })
        .collect()
}

fn coord(v: &Value, max: f64) -> Option<f64> {
    v.as_f64().filter(|x| x.is_finite() && x.abs() <= max)
}

/// The merchant's static `X-App-Token` (seed 002): held by the gateway, which would add it
/// to its own call to Broniboy; never sent to, nor by, the browser. The e2e suite checks
/// that this value appears nowhere in `dist/` (specs/hostile.test.js).
pub const MERCHANT_TOKEN: &str = "stub-broniboy-merchant-9f27c4e1b86d03a5";

async fn verify(State(s): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    // A browser holding the merchant token is a leak: the gateway refuses it outright.
    if headers.contains_key("x-app-token") {
        return (
            StatusCode::FORBIDDEN,
            Json(json!({"success": false, "status_code": 403,
                "error": {"detail": "X-App-Token не принимается от браузера: его добавляет шлюз."}})),
        )
            .into_response();
    }
    let b: Map<String, Value> = match serde_json::from_slice(&body) {
        Ok(Value::Object(m)) => m,
        _ => return invalid("non_field_errors", "Некорректный JSON."),
    };
    let required = "Это поле обязательно.";
    let place = b
        .get("pickup")
        .and_then(|p| p.get("place"))
        .and_then(Value::as_str)
        .filter(|p| !p.is_empty());
    let Some(place) = place else {
        return invalid("pickup", required);
    };
    let payment_type = match b.get("payment_type").and_then(Value::as_str) {
        Some(t @ ("cash" | "b2b_account")) => t.to_string(),
        Some(other) => {
            return invalid(
                "payment_type",
                &format!("Значения «{other}» нет среди допустимых вариантов."),
            )
        }
        None => return invalid("payment_type", required),
    };
    let dest = match b.get("drop_off").and_then(Value::as_array) {
        Some(list) if list.len() == 1 => &list[0],
        Some(list) if list.len() > 1 => {
            return invalid(
                "drop_off",
                "Текущая версия API поддерживает только один адрес.",
            )
        }
        _ => return invalid("drop_off", required),
    };
    let (Some(lat), Some(lng)) = (coord(&dest["lat"], 90.0), coord(&dest["lng"], 180.0)) else {
        return invalid("drop_off", "Укажите координаты адреса: lat и lng.");
    };
    let whs = data::warehouses();
    let express: Vec<&Value> = whs
        .iter()
        .filter(|w| w["isExpressDeliveryAvailable"] == true)
        .collect();
    let Some(pickup) = whs.iter().find(|w| w["id"] == place) else {
        return invalid("pickup", "Точка не найдена.");
    };
    if pickup["isExpressDeliveryAvailable"] != true {
        return invalid("pickup", "С этой точки экспресс-доставки нет.");
    }
    let dist = |w: &Value| {
        distance_km(
            lat,
            lng,
            w["location"]["lat"].as_f64().unwrap_or(0.0),
            w["location"]["lng"].as_f64().unwrap_or(0.0),
        )
    };
    let nearest = express
        .iter()
        .map(|w| dist(w))
        .fold(f64::INFINITY, f64::min);
    if nearest > ZONE_KM {
        return out_of_zone(nearest);
    }
    let final_price = if dist(pickup) > NEAR_KM {
        FINAL_PRICE * 6 / 5
    } else {
        FINAL_PRICE
    };
    let now = unix_now();
    let times = pickup_times(now, 4);
    let mut m = s.lock();
    m.quote_seq += 1;
    let id = format!("q-{}", m.quote_seq);
    let expires = now + QUOTE_TTL_SECS;
    m.quotes.insert(
        id.clone(),
        Quote {
            id: id.clone(),
            final_price,
            pickup_times: times.clone(),
            expires,
            warehouse: place.to_string(),
        },
    );
    drop(m);
    answer(
        200,
        json!({"success": true, "status_code": 200, "data": {
            "order": {"price": data::money(PRICE), "final_price": data::money(final_price), "payment_type": payment_type},
            "available_payment_types": ["b2b_account"],
            "available_pickup_times": times,
            "quote_id": id,
            "quote_expires_at": iso(expires),
        }}),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pickup_times_are_the_next_whole_hours_in_moscow() {
        // 2026-12-02T10:20:00Z is 13:20 in Moscow.
        let now = 1_796_205_600 + 20 * 60;
        assert_eq!(iso(now), "2026-12-02T10:20:00Z");
        assert_eq!(
            pickup_times(now, 2),
            vec!["2026-12-02T14:00:00+03:00", "2026-12-02T15:00:00+03:00"]
        );
    }
}
