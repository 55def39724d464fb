//! Commerce orders (seed 003 «Эндпоинты заказов»): `GET /orders` (page, pageSize ≤ 50,
//! status, dateFrom, dateTo; newest first) and `GET /orders/:id`. A shopper sees only their
//! own orders; anyone else's is `ORDER_NOT_FOUND`.

use crate::commerce::{image_url, unauthorized};
use crate::data::{self, iso, money, product_id, Order, ORDER_STATUSES};
use crate::envelope::{fail, ok, pagination};
use crate::AppState;
use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::Response,
    routing::{get, post},
    Router,
};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/orders", get(list))
        .route("/orders/{id}", get(detail))
        .route("/orders/{id}/tracking", get(crate::journey::tracking))
        .route("/orders/{id}/cancel", post(crate::journey::cancel_order))
        .route("/orders/{id}/refund", post(crate::journey::refund_order))
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Unix seconds of an ISO 8601 date or date-time (`2026-12-02`, `2026-12-02T10:20`,
/// `…:30`, `….123`, `Z`, `+03:00`, `+0300`; no zone is UTC), and whether it was a date.
pub fn parse_iso(s: &str) -> Option<(i64, bool)> {
    let s = s.trim();
    let num = |t: &str| -> Option<i64> {
        (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    let (date, time) = match s.split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let mut dp = date.split('-');
    let (y, mo, d) = (num(dp.next()?)?, num(dp.next()?)?, num(dp.next()?)?);
    if dp.next().is_some() || !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
        return None;
    }
    let day = days_from_civil(y, mo as u32, d as u32) * 86_400;
    let Some(time) = time else {
        return Some((day, true));
    };
    let (clock, offset) = if let Some(c) = time.strip_suffix('Z') {
        (c, 0)
    } else if let Some(i) = time.rfind(['+', '-']) {
        let (c, z) = time.split_at(i);
        let sign = if z.starts_with('-') { -1 } else { 1 };
        let z = z[1..].replace(':', "");
        if z.len() != 4 {
            return None;
        }
        let (h, m) = (num(&z[..2])?, num(&z[2..])?);
        (c, sign * (h * 3600 + m * 60))
    } else {
        (time, 0)
    };
    let clock = clock.split('.').next()?;
    let mut cp = clock.split(':');
    let h = num(cp.next()?)?;
    let mi = num(cp.next()?)?;
    let sec = match cp.next() {
        Some(x) => num(x)?,
        None => 0,
    };
    if cp.next().is_some() || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    Some((day + h * 3600 + mi * 60 + sec - offset, false))
}

/// `OrderSummary` (seed 003), exactly its fields.
fn summary_json(o: &Order) -> Value {
    json!({
        "id": o.id,
        "orderNumber": o.number,
        "status": o.status,
        "paymentStatus": o.payment_status,
        "itemCount": o.item_count(),
        "total": money(o.total),
        "currency": "RUB",
        "createdAt": iso(o.created),
        "updatedAt": iso(o.updated()),
    })
}

async fn list(
    State(s): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let Some(user) = s.user(&headers) else {
        return unauthorized();
    };
    let mut errors = Map::new();
    let int = |k: &str, default: u64| match q.get(k).map(|v| v.trim()) {
        None | Some("") => Some(default),
        Some(v) => v.parse::<u64>().ok(),
    };
    let page = int("page", 1).filter(|p| *p >= 1);
    if page.is_none() {
        errors.insert("page".into(), json!(["Номер страницы — целое число от 1"]));
    }
    let page_size = int("pageSize", 20).filter(|p| (1..=50).contains(p));
    if page_size.is_none() {
        errors.insert(
            "pageSize".into(),
            json!(["Размер страницы — целое число от 1 до 50"]),
        );
    }
    let status = q.get("status").map(|v| v.trim()).filter(|v| !v.is_empty());
    if status.is_some_and(|st| !ORDER_STATUSES.contains(&st)) {
        errors.insert(
            "status".into(),
            json!([format!(
                "Допустимые значения: {}",
                ORDER_STATUSES.join(", ")
            )]),
        );
    }
    let mut date = |k: &str, end_of_day: bool| match q.get(k).map(|v| v.trim()) {
        None | Some("") => None,
        Some(v) => match parse_iso(v) {
            Some((t, true)) if end_of_day => Some(t + 86_399),
            Some((t, _)) => Some(t),
            None => {
                errors.insert(
                    k.into(),
                    json!(["Дата в формате ISO 8601: 2026-12-02 или 2026-12-02T10:00:00Z"]),
                );
                None
            }
        },
    };
    let from = date("dateFrom", false);
    let to = date("dateTo", true);
    if !errors.is_empty() {
        return fail(
            400,
            "VALIDATION_ERROR",
            "Неверные параметры запроса",
            Value::Object(errors),
        );
    }
    let (page, page_size) = (page.unwrap_or(1), page_size.unwrap_or(20));
    let m = s.lock();
    let mut mine: Vec<(usize, &Order)> = m
        .orders
        .iter()
        .enumerate()
        .filter(|(_, o)| o.user_id == user.id)
        .filter(|(_, o)| status.is_none_or(|st| o.status == st))
        .filter(|(_, o)| from.is_none_or(|f| o.created >= f))
        .filter(|(_, o)| to.is_none_or(|t| o.created <= t))
        .collect();
    // Newest first; orders of the same second in the order they were placed, last first.
    mine.sort_by(|(i, a), (j, b)| b.created.cmp(&a.created).then(j.cmp(i)));
    let total = mine.len() as u64;
    let items: Vec<Value> = mine
        .into_iter()
        .skip(((page - 1) * page_size) as usize)
        .take(page_size as usize)
        .map(|(_, o)| summary_json(o))
        .collect();
    ok(
        StatusCode::OK,
        json!({"orders": items}),
        Some(pagination(total, page, page_size)),
    )
}

fn not_found() -> Response {
    fail(404, "ORDER_NOT_FOUND", "Заказ не найден", Value::Null)
}

/// `OrderDetailResponse` (seed 003); `shippingMethod` also carries `id`, `kind` and the
/// slot, pickup point or courier quote chosen (docs/integration.md §4).
/// The detail's `payment`: seed 003's fields, and while a bank transfer is awaited what is
/// left to pay and where (docs/integration.md §8), as checkout's answer gave them.
fn payment_json(o: &Order) -> Value {
    let mut p = json!({
        "method": o.payment_method,
        "transactionId": o.transaction_id,
        "paidAt": o.paid_at.map(iso),
    });
    if o.payment_method == "BANK_TRANSFER" && o.status == "PENDING_PAYMENT" {
        p["amount"] = money(o.total - o.balance_applied);
        p["bankDetails"] = crate::checkout::bank_details(&o.number);
    }
    p
}

fn detail_json(s: &AppState, o: &Order) -> Value {
    let base = &s.opts.public_base;
    let ids = crate::journey::item_ids(o);
    let items: Vec<Value> = o
        .lines
        .iter()
        .enumerate()
        .map(|(i, (idx, variant, qty))| {
            let p = &s.catalog.products[*idx];
            let price = crate::cart::unit_price(p, *variant);
            json!({
                "id": ids[i],
                "product": {
                    "id": product_id(p.idx),
                    "name": p.name,
                    "sku": match variant {
                        Some(v) => format!("SKU-{:06}-{}", p.idx + 1, v + 1),
                        None => format!("SKU-{:06}", p.idx + 1),
                    },
                    "thumbnailUrl": (p.images > 0).then(|| image_url(base, p, 1, true)),
                },
                "variantId": variant.map(|v| data::variant_id(p.idx, v)),
                "variantAttributes": variant.map(|v| json!({p.variant_key(): p.variant_values()[v]})),
                "quantity": qty,
                "unitPrice": money(price),
                "totalPrice": money(price * *qty as i64),
            })
        })
        .collect();
    let method = data::shipping_method(&o.shipping_method).unwrap_or(Value::Null);
    let mut shipping_method = json!({
        "id": o.shipping_method,
        "name": method["name"],
        "carrier": method["carrier"],
        "estimatedDelivery": o.estimated_delivery,
        "kind": data::method_kind(&method),
    });
    if let (Some(m), Value::Object(l)) = (shipping_method.as_object_mut(), crate::journey::links(o))
    {
        m.extend(l);
    }
    for (k, v) in [
        ("deliverySlotId", &o.delivery_slot_id),
        ("pickupWarehouseId", &o.pickup_warehouse_id),
        ("courierQuoteId", &o.courier_quote_id),
        ("courierPickupTime", &o.courier_pickup_time),
    ] {
        if let Some(v) = v {
            shipping_method[k] = json!(v);
        }
    }
    let history: Vec<Value> = o
        .history
        .iter()
        .map(|(st, t, note)| json!({"status": st, "changedAt": iso(*t), "note": note}))
        .collect();
    json!({
        "id": o.id,
        "orderNumber": o.number,
        "status": o.status,
        "paymentStatus": o.payment_status,
        "items": items,
        "pricing": {
            "subtotal": money(o.subtotal),
            "discount": money(o.discount),
            "shipping": money(o.shipping),
            "tax": money(o.tax),
            "total": money(o.total),
            "currency": "RUB",
        },
        "shippingAddress": o.shipping_address,
        "billingAddress": o.billing_address,
        "shippingMethod": shipping_method,
        "payment": payment_json(o),
        "appliedCoupons": o.coupons.iter().map(|(c, d)| json!({"code": c, "discount": money(*d)})).collect::<Vec<_>>(),
        "notes": o.notes,
        "statusHistory": history,
        "canCancel": crate::journey::can_cancel(o),
        "canRefund": crate::journey::can_refund(o, crate::unix_now()),
        "createdAt": iso(o.created),
        "updatedAt": iso(o.updated()),
    })
}

async fn detail(State(s): State<AppState>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let Some(user) = s.user(&headers) else {
        return unauthorized();
    };
    let m = s.lock();
    match m.orders.iter().find(|o| o.id == id && o.user_id == user.id) {
        Some(o) => ok(StatusCode::OK, detail_json(&s, o), None),
        None => not_found(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_and_times_parse_in_utc() {
        assert_eq!(parse_iso("2025-01-01"), Some((data::EPOCH_2025, true)));
        assert_eq!(
            parse_iso("2024-01-15T14:40:00Z"),
            Some((1_705_329_600, false))
        );
        assert_eq!(
            parse_iso("2024-01-15T17:40:00+03:00"),
            Some((1_705_329_600, false))
        );
        assert_eq!(
            parse_iso("2024-01-15T14:40:00.123Z"),
            Some((1_705_329_600, false))
        );
        assert_eq!(parse_iso("2024-01-15T14:40"), Some((1_705_329_600, false)));
        assert_eq!(parse_iso("вчера"), None);
        assert_eq!(parse_iso("2024-13-01"), None);
    }
}
