//! Delivery API (seed 000): stock near a place. Errors are `{error,message,details,request_id}`.

use crate::data;
use crate::envelope::Backend;
use crate::partner::stock_at;
use crate::AppState;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};
use serde_json::{json, Value};
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new().route("/inventory", get(inventory))
}

fn invalid(field: &str, code: &str, message: &str) -> Response {
    Backend::Delivery.error(
        400,
        "",
        message,
        json!([{"field": field, "code": code}]),
        "",
    )
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
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let Some(ids) = q.get("product_ids").filter(|v| !v.trim().is_empty()) else {
        return invalid("product_ids", "required", "Укажите product_ids");
    };
    let whs = data::warehouses();
    let places: Vec<usize> = if let Some(store) = q.get("store_id") {
        match whs.iter().position(|w| w["id"] == json!(store)) {
            Some(i) => vec![i],
            None => return invalid("store_id", "unknown", "Неизвестный магазин"),
        }
    } else {
        let coord = |k: &str, max: f64| {
            q.get(k)
                .and_then(|v| v.parse::<f64>().ok())
                .filter(|v| v.is_finite() && v.abs() <= max)
        };
        match (coord("lat", 90.0), coord("lon", 180.0)) {
            (Some(lat), Some(lon)) => shops_near(lat, lon),
            _ => return invalid("lat", "format", "Укажите lat и lon или store_id"),
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
