//! Commerce shipping (seed 003 «Эндпоинты доставки»): `GET /shipping/methods` (with the
//! `kind` of docs/integration.md §2) and `POST /shipping/calculate`. Delivery to Chukotka
//! (postal codes `689…`) is refused, as the partner API's address check refuses it.

use crate::addresses::is_chukotka_index;
use crate::cart::{self, unit_price, variant_index};
use crate::commerce::{details, json_body, product_not_found};
use crate::data::{self, iso_date, Product};
use crate::envelope::{fail, ok};
use crate::{unix_now, AppState, Mutable};
use axum::{
    body::Bytes,
    extract::{Query, State},
    http::StatusCode,
    response::Response,
    routing::{get, post},
    Router,
};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/shipping/methods", get(methods))
        .route("/shipping/calculate", post(calculate))
}

use crate::envelope::invalid as validation;

pub(crate) fn valid_postal(p: &str) -> bool {
    p.len() == 6 && p.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a method costs nothing for goods worth `subtotal` kopecks.
pub fn free_for(method: &Value, subtotal: i64) -> bool {
    method["isFree"] == true
        || method["freeThreshold"]
            .as_f64()
            .is_some_and(|t| subtotal >= (t * 100.0).round() as i64)
}

/// The lines of the cart whose commerce id is `cart_id`.
fn cart_by_id(m: &Mutable, cart_id: &str) -> Option<Vec<crate::CartLine>> {
    let user = m
        .users
        .iter()
        .find(|u| cart::cart_id(m, &u.id) == cart_id)?;
    Some(m.carts.get(&user.id).cloned().unwrap_or_default())
}

/// `GET /shipping/methods?country=RU&postalCode=&cartId=`. With a known `cartId`, `isFree`
/// says whether that cart ships free by the method's threshold.
async fn methods(State(s): State<AppState>, Query(q): Query<HashMap<String, String>>) -> Response {
    let country = q.get("country").map(|c| c.trim()).unwrap_or("");
    if country.is_empty() {
        return validation(details("country", "Укажите код страны (RU)"));
    }
    if country != "RU" {
        return fail(
            400,
            "VALIDATION_ERROR",
            "Неверный код страны",
            details("country", "Доставляем только по России (RU)"),
        );
    }
    let postal = q.get("postalCode").map(|p| p.trim()).unwrap_or("");
    if !postal.is_empty() && !valid_postal(postal) {
        return validation(details("postalCode", "Индекс — 6 цифр"));
    }
    if is_chukotka_index(postal) {
        return fail(
            400,
            "SHIPPING_NOT_AVAILABLE",
            "Доставка в этот регион недоступна",
            details(
                "postalCode",
                "Сюда мы не доставляем — заберите заказ в магазине",
            ),
        );
    }
    let subtotal = q
        .get("cartId")
        .filter(|c| !c.trim().is_empty())
        .and_then(|c| cart_by_id(&s.lock(), c.trim()))
        .map(|lines| cart::subtotal(&s.catalog, &lines));
    let mut list = data::shipping_methods();
    if let (Some(sub), Some(arr)) = (subtotal, list.as_array_mut()) {
        for m in arr.iter_mut() {
            let free = free_for(m, sub);
            m["isFree"] = json!(free);
        }
    }
    ok(StatusCode::OK, json!({"methods": list}), None)
}

/// One product of the package and how many.
struct Piece<'a> {
    product: &'a Product,
    variant: Option<usize>,
    quantity: u64,
}

/// Weight (grams) and size (cm) of one unit, as the product detail reports them.
fn weight(p: &Product) -> u64 {
    200 + (p.idx as u64 % 40) * 250
}

fn size(p: &Product) -> (u64, u64, u64) {
    let i = p.idx as u64;
    (10 + i % 60, 10 + i % 30, 5 + i % 80)
}

/// `POST /shipping/calculate`: `{destination, items}` or `{destination, cartId}`.
async fn calculate(State(s): State<AppState>, body: Bytes) -> Response {
    let b = match json_body(&body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let mut errors = Map::new();
    let dest = b.get("destination").and_then(Value::as_object);
    let text = |o: Option<&Map<String, Value>>, k: &str| {
        o.and_then(|o| o.get(k))
            .and_then(Value::as_str)
            .map(str::trim)
            .unwrap_or("")
            .to_string()
    };
    let country = text(dest, "country");
    let postal = text(dest, "postalCode");
    if dest.is_none() {
        errors.insert("destination".into(), json!(["Укажите адрес назначения"]));
    } else {
        if !(country.len() == 2 && country.bytes().all(|c| c.is_ascii_uppercase())) {
            errors.insert(
                "destination.country".into(),
                json!(["Код страны — ISO 3166-1 alpha-2 (RU)"]),
            );
        }
        if !valid_postal(&postal) {
            errors.insert("destination.postalCode".into(), json!(["Индекс — 6 цифр"]));
        }
    }
    let items = b.get("items").and_then(Value::as_array);
    let cart_id = b
        .get("cartId")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let mut wanted: Vec<(String, Option<String>, u64)> = Vec::new();
    match (items, cart_id) {
        (Some(list), _) if !list.is_empty() => {
            for (i, it) in list.iter().enumerate() {
                let pid = it["productId"].as_str().map(str::trim).unwrap_or("");
                let qty = it["quantity"].as_u64().filter(|q| *q >= 1);
                let variant = match &it["variantId"] {
                    Value::Null => Ok(None),
                    Value::String(v) => Ok(Some(v.trim().to_string())),
                    _ => Err(()),
                };
                match (pid.is_empty(), qty, variant) {
                    (false, Some(q), Ok(v)) => wanted.push((pid.to_string(), v, q)),
                    _ => {
                        errors.insert(
                            format!("items[{i}]"),
                            json!(["Нужны productId, quantity ≥ 1 и, если есть, variantId-строка"]),
                        );
                    }
                }
            }
        }
        (_, Some(_)) => {}
        _ => {
            errors.insert("items".into(), json!(["Укажите товары или cartId"]));
        }
    }
    if !errors.is_empty() {
        return validation(Value::Object(errors));
    }
    if country != "RU" || is_chukotka_index(&postal) {
        return fail(
            400,
            "INVALID_DESTINATION",
            "Невозможно доставить по этому адресу",
            details(
                "destination",
                "Сюда мы не доставляем — заберите заказ в магазине",
            ),
        );
    }
    let c = &s.catalog;
    let mut pieces = Vec::new();
    if wanted.is_empty() {
        let lines = match cart_id.and_then(|id| cart_by_id(&s.lock(), id)) {
            Some(l) => l,
            None => return validation(details("cartId", "Корзина не найдена")),
        };
        if lines.is_empty() {
            return validation(details("cartId", "Корзина пуста"));
        }
        for l in lines {
            pieces.push(Piece {
                product: &c.products[l.product],
                variant: l.variant,
                quantity: l.quantity as u64,
            });
        }
    } else {
        for (pid, variant, quantity) in &wanted {
            let Some(p) = c.product(pid) else {
                return product_not_found();
            };
            let variant = match variant {
                None => None,
                Some(v) => match variant_index(p, v) {
                    Some(i) => Some(i),
                    None => return product_not_found(),
                },
            };
            pieces.push(Piece {
                product: p,
                variant,
                quantity: *quantity,
            });
        }
    }
    let subtotal: i64 = pieces
        .iter()
        .map(|x| unit_price(x.product, x.variant) * x.quantity as i64)
        .sum();
    let total_weight: u64 = pieces.iter().map(|x| weight(x.product) * x.quantity).sum();
    let length = pieces.iter().map(|x| size(x.product).0).max().unwrap_or(0);
    let width = pieces.iter().map(|x| size(x.product).1).max().unwrap_or(0);
    let height: u64 = pieces
        .iter()
        .map(|x| size(x.product).2 * x.quantity)
        .sum::<u64>()
        .min(250);
    let today = unix_now();
    let options: Vec<Value> = data::shipping_methods()
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[])
        .iter()
        .map(|m| {
            let free = free_for(m, subtotal);
            let days = |k: &str| m["estimatedDays"][k].as_i64().unwrap_or(0);
            json!({
                "methodId": m["id"],
                "name": m["name"],
                "carrier": m["carrier"],
                "price": if free { json!(0) } else { m["price"].clone() },
                "currency": "RUB",
                "estimatedDelivery": {
                    "min": iso_date(today + days("min") * 86_400),
                    "max": iso_date(today + days("max") * 86_400),
                },
                "isFree": free,
                "kind": data::method_kind(m),
            })
        })
        .collect();
    ok(
        StatusCode::OK,
        json!({
            "destination": {"country": country, "postalCode": postal},
            "package": {
                "totalWeight": total_weight,
                "dimensions": {"length": length, "width": width, "height": height},
            },
            "options": options,
        }),
        None,
    )
}

/// A method's `price`, kopecks.
pub fn method_price(method: &Value) -> i64 {
    method["price"]
        .as_f64()
        .map_or(0, |r| (r * 100.0).round() as i64)
}
