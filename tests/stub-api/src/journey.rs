//! What happens to an order after checkout, in every system that handles it
//! (docs/integration.md §10): the commerce order's status and history (seed 003), a
//! carrier's track number and tracking events (seed 001 `integrationCode`/`trackNumber`,
//! seed 003 tracking), the delivery API's order with its courier (seed 000) and the express
//! courier's order and courier state (seed 002). One [`advance`] moves an order one step
//! along its road in all of them; the demo orders are made with it, and
//! `POST /__control/orders/{id}/advance` calls it so a test can watch an open page follow.
//!
//! Endpoints: commerce `GET /orders/{id}/tracking`, `POST /orders/{id}/cancel`,
//! `POST /orders/{id}/refund`; delivery `GET /orders/{order_id}`; courier
//! `GET /orders/?order_id=…`.

use crate::data::{self, iso, iso_date, money, Order};
use crate::envelope::{fail, invalid, ok, Backend};
use crate::{unix_now, AppState};
use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde_json::{json, Value};

/// Days after delivery in which a refund may be asked for.
pub const REFUND_DAYS: i64 = 14;

/// Another system's order: the delivery API's (`ord_…`) or the express courier's (uuid).
#[derive(Clone, Debug, Default)]
pub struct SystemOrder {
    pub id: String,
    pub status: &'static str,
    /// Seed 002 courier state (express only).
    pub courier_state: Option<&'static str>,
    /// Name and phone, once a courier is assigned.
    pub courier: Option<(&'static str, &'static str)>,
    pub history: Vec<(&'static str, i64)>,
}

impl SystemOrder {
    fn set(&mut self, status: &'static str, at: i64) {
        self.status = status;
        self.history.push((status, at));
    }
}

/// `DELIVERY` (a carrier), `SLOTS` (the delivery API), `PICKUP`, `EXPRESS` (the courier).
pub fn kind_of(o: &Order) -> &'static str {
    let method = data::shipping_method(&o.shipping_method).unwrap_or(Value::Null);
    match data::method_kind(&method) {
        "SLOTS" => "SLOTS",
        "PICKUP" => "PICKUP",
        "EXPRESS" => "EXPRESS",
        _ => "DELIVERY",
    }
}

/// Seed 001 integration code of a carrier method.
fn integration_code(method: &str) -> &'static str {
    if method == "ship-002" {
        "sdek"
    } else {
        "russianpost"
    }
}

const COURIERS: [(&str, &str); 3] = [
    ("Алексей", "+79161234501"),
    ("Марина", "+79161234502"),
    ("Тимур", "+79161234503"),
];

fn courier_for(o: &Order) -> (&'static str, &'static str) {
    COURIERS[o.number.bytes().map(usize::from).sum::<usize>() % COURIERS.len()]
}

/// The other systems' orders an order starts with at checkout: the delivery API's for a
/// slot, the courier's for an express delivery.
pub fn open_systems(o: &mut Order, at: i64) {
    let n: u64 = o.number.bytes().map(u64::from).sum::<u64>() * 1000 + o.created as u64 % 1000;
    match kind_of(o) {
        "SLOTS" if o.delivery_order.is_none() => {
            let mut d = SystemOrder {
                id: format!("ord_{n:x}"),
                ..SystemOrder::default()
            };
            d.set("created", at);
            o.delivery_order = Some(d);
        }
        "EXPRESS" if o.courier_order.is_none() => {
            let mut c = SystemOrder {
                id: data::uuid(0xb300, n),
                courier_state: Some("courier-not-assigned"),
                ..SystemOrder::default()
            };
            c.set("accepted", at);
            o.courier_order = Some(c);
        }
        _ => {}
    }
}

fn note(o: &mut Order, status: &'static str, at: i64, text: Option<String>) {
    o.status = status;
    o.history.push((status, at, text));
}

/// Moves `o` one step along its road in every system; `false` when there is none left
/// (delivered, cancelled, refunded).
pub fn advance(o: &mut Order, at: i64) -> bool {
    let kind = kind_of(o);
    let courier = courier_for(o);
    match o.status {
        "PENDING_PAYMENT" => {
            o.payment_status = "PAID";
            o.paid_at = Some(at);
            note(o, "PAID", at, Some("Оплата подтверждена".into()));
            if let Some(d) = &mut o.delivery_order {
                d.set("confirmed", at);
            }
        }
        "PAID" => {
            note(o, "PROCESSING", at, None);
            if let Some(d) = &mut o.delivery_order {
                if d.status == "created" {
                    d.set("confirmed", at);
                }
                d.set("assembling", at);
            }
            if let Some(c) = &mut o.courier_order {
                c.set("cooking", at);
                c.courier_state = Some("courier-assigned");
                c.courier = Some(courier);
            }
        }
        "PROCESSING" => match kind {
            "EXPRESS"
                if o.courier_order
                    .as_ref()
                    .is_some_and(|c| c.status == "cooking") =>
            {
                if let Some(c) = &mut o.courier_order {
                    c.set("ready", at);
                    c.courier_state = Some("courier-arrived");
                }
            }
            "DELIVERY" => {
                let code = integration_code(&o.shipping_method);
                let track = match code {
                    "sdek" => format!("10{:08}", o.created.rem_euclid(100_000_000)),
                    _ => format!("RA{:09}RU", o.created.rem_euclid(1_000_000_000)),
                };
                note(o, "SHIPPED", at, Some(format!("Трек-номер {track}")));
                o.carrier = Some((code, track));
                o.tracking.push((
                    "SHIPPED",
                    "Склад Москва-Север",
                    "Заказ передан перевозчику",
                    at,
                ));
            }
            "PICKUP" => note(o, "SHIPPED", at, Some("Заказ ждёт вас в магазине".into())),
            _ => {
                note(o, "SHIPPED", at, None);
                if let Some(d) = &mut o.delivery_order {
                    d.set("on_the_way", at);
                    d.courier = Some(courier);
                }
                if let Some(c) = &mut o.courier_order {
                    c.set("on_way", at);
                    c.courier_state = Some("courier-accepted");
                }
            }
        },
        "SHIPPED" => {
            let last = o.tracking.last().map(|t| t.0);
            match (kind, last) {
                ("DELIVERY", Some("SHIPPED")) => o.tracking.push((
                    "IN_TRANSIT",
                    "Сортировочный центр Москва",
                    "Прибыл в сортировочный центр",
                    at,
                )),
                ("DELIVERY", Some("IN_TRANSIT")) => o.tracking.push((
                    "OUT_FOR_DELIVERY",
                    "Москва",
                    "Передан курьеру для вручения",
                    at,
                )),
                _ => {
                    let text = (kind == "PICKUP").then(|| "Выдан в магазине".to_string());
                    note(o, "DELIVERED", at, text);
                    o.delivered_at = Some(at);
                    if kind == "DELIVERY" {
                        o.tracking.push(("DELIVERED", "Москва", "Заказ вручён", at));
                    }
                    if let Some(d) = &mut o.delivery_order {
                        d.set("delivered", at);
                    }
                    if let Some(c) = &mut o.courier_order {
                        c.set("finished", at);
                    }
                }
            }
        }
        _ => return false,
    }
    true
}

/// Whether the order may still be cancelled (seed 003: not once shipped or delivered).
pub fn can_cancel(o: &Order) -> bool {
    matches!(o.status, "PENDING_PAYMENT" | "PAID" | "PROCESSING")
}

/// Whether a refund may be asked for now (delivered, within [`REFUND_DAYS`], none yet).
pub fn can_refund(o: &Order, now: i64) -> bool {
    o.status == "DELIVERED"
        && o.refund.is_none()
        && o.delivered_at
            .is_some_and(|d| now - d <= REFUND_DAYS * 86_400)
}

/// The demo shopper's orders: every status of every system at rest (the commerce order's,
/// the carrier's tracking, the delivery API's, the express courier's order and courier
/// states), dated back from `now` so that delivered orders are still refundable and one no
/// longer is. Indexes 0–8 are what the e2e tests drive; 9–17 complete the statuses.
pub fn demo_orders(catalog: &data::Catalog, user_id: &str, now: i64) -> Vec<Order> {
    const H: i64 = 3600;
    const D: i64 = 86_400;
    // (method, payment, placed this long ago, steps taken, how long each step took)
    let plan: [(&str, &str, i64, usize, i64); 18] = [
        ("ship-001", "CARD", 2 * H, 0, 0),
        ("ship-003", "CARD", D, 1, H),
        ("ship-005", "CARD", 3 * H, 2, 20 * 60),
        ("ship-001", "CARD", 6 * D, 4, D),
        ("ship-003", "BANK_TRANSFER", 2 * D, 3, 8 * H),
        ("ship-002", "CARD", 8 * D, 6, D),
        ("ship-004", "CARD", 45 * D, 4, D),
        ("ship-003", "CARD", 20 * D, 1, H),
        ("ship-001", "CARD", 70 * D, 6, 2 * D),
        // Express: not paid yet (no courier), packed and the courier arrived, on its way,
        // delivered, cancelled while being packed.
        ("ship-005", "CARD", 40 * 60, 0, 0),
        ("ship-005", "CARD", 5 * H, 3, 30 * 60),
        ("ship-005", "EWALLET", 4 * H, 4, 30 * 60),
        ("ship-005", "CARD", 12 * D, 5, H),
        ("ship-005", "CARD", 30 * D, 2, H),
        // A slot delivery delivered; a carrier's parcel out for delivery; a slot delivery
        // waiting for payment (the delivery API's order just created), one being packed.
        ("ship-003", "CARD", 11 * D, 4, 6 * H),
        ("ship-001", "CARD", 5 * D, 5, 20 * H),
        ("ship-003", "EWALLET", 30 * 60, 0, 0),
        ("ship-003", "CARD", 6 * H, 2, H),
    ];
    let in_stock: Vec<usize> = catalog
        .products
        .iter()
        .filter(|p| p.in_stock() && p.variants == 0)
        .map(|p| p.idx)
        .take(40)
        .collect();
    plan.iter()
        .enumerate()
        .map(|(i, (method, payment, ago, steps, step))| {
            let created = now - ago;
            let lines = vec![
                (in_stock[(i * 3) % in_stock.len()], None, 1 + (i as u32 % 2)),
                (in_stock[(i * 3 + 1) % in_stock.len()], None, 1),
            ];
            let subtotal: i64 = lines
                .iter()
                .map(|(idx, _, q)| catalog.products[*idx].price * *q as i64)
                .sum();
            let m = data::shipping_method(method).unwrap_or(Value::Null);
            let price = (m["price"].as_f64().unwrap_or(0.0) * 100.0).round() as i64;
            let free = m["freeThreshold"]
                .as_f64()
                .is_some_and(|t| subtotal >= (t * 100.0) as i64);
            let shipping = if free { 0 } else { price };
            let tax = crate::cart::tax_on(subtotal);
            let total = subtotal + shipping + tax;
            let days = m["estimatedDays"]["max"].as_i64().unwrap_or(5);
            let mut o = Order {
                id: data::uuid(0xe000, i as u64 + 1),
                number: format!("ORD-2026-{:08}", 1200 + i),
                user_id: user_id.to_string(),
                status: "PENDING_PAYMENT",
                payment_status: "PENDING",
                lines,
                shipping_method: method.to_string(),
                payment_method: payment.to_string(),
                created,
                history: vec![("PENDING_PAYMENT", created, None)],
                subtotal,
                shipping,
                tax,
                total,
                pickup_warehouse_id: (*method == "ship-004")
                    .then(|| "00000000-0000-4000-d000-000000000002".to_string()),
                estimated_delivery: Some(iso_date(created + days.max(1) * D)),
                ..Default::default()
            };
            open_systems(&mut o, created);
            for k in 0..*steps {
                advance(&mut o, created + (k as i64 + 1) * step);
            }
            match i {
                // Cancelled by the shopper after paying, before it left.
                7 | 13 => {
                    cancel(&mut o, created + (*steps as i64 + 1) * step, "Передумал");
                }
                // Returned after delivery.
                8 => {
                    let at = o.delivered_at.unwrap_or(created) + 3 * D;
                    o.status = "REFUNDED";
                    o.payment_status = "REFUNDED";
                    o.history
                        .push(("REFUNDED", at, Some("Деньги возвращены на карту".into())));
                }
                _ => {}
            }
            o
        })
        .collect()
}

/// Cancels `o` in every system; the refund due, if it was paid.
fn cancel(o: &mut Order, at: i64, reason: &str) -> Option<i64> {
    note(
        o,
        "CANCELLED",
        at,
        Some(format!("Отменён покупателем: {reason}")),
    );
    if let Some(d) = &mut o.delivery_order {
        d.set("canceled", at);
    }
    if let Some(c) = &mut o.courier_order {
        c.set("canceled", at);
    }
    (o.payment_status == "PAID").then_some(o.total - o.balance_applied)
}

/// The order's item ids, in line order (the detail's `items[].id`).
pub fn item_ids(o: &Order) -> Vec<String> {
    let n =
        o.id.rsplit('-')
            .next()
            .and_then(|h| u64::from_str_radix(h, 16).ok())
            .unwrap_or(0);
    let group = if o.id.contains("-e000-") {
        0xe200
    } else {
        0xe300
    };
    (0..o.lines.len())
        .map(|i| data::uuid(group, n * 100 + i as u64 + 1))
        .collect()
}

/// The links the order detail's `shippingMethod` carries to the other systems (§10).
pub fn links(o: &Order) -> Value {
    let mut v = json!({});
    if let Some(d) = &o.delivery_order {
        v["deliveryOrderId"] = json!(d.id);
    }
    if let Some(c) = &o.courier_order {
        v["courierOrderId"] = json!(c.id);
    }
    if let Some((code, track)) = &o.carrier {
        v["delivery"] = json!({
            "code": format!("{code}-delivery"),
            "integrationCode": code,
            "data": {"trackNumber": track},
        });
    }
    v
}

fn not_found() -> Response {
    fail(404, "ORDER_NOT_FOUND", "Заказ не найден", Value::Null)
}

/// `f`'s answer about the signed-in shopper's order `id`; 401 or ORDER_NOT_FOUND otherwise.
fn with_order(
    s: &AppState,
    headers: &HeaderMap,
    id: &str,
    f: impl FnOnce(&mut Order) -> Response,
) -> Response {
    let Some(user) = s.user(headers) else {
        return crate::commerce::unauthorized();
    };
    let mut m = s.lock();
    m.orders
        .iter_mut()
        .find(|o| o.id == id && o.user_id == user.id)
        .map_or_else(not_found, f)
}

/// `GET /orders/{id}/tracking` (seed 003): `NOT_SHIPPED` before the order left.
pub async fn tracking(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    with_order(&s, &headers, &id, |o| {
        if !matches!(o.status, "SHIPPED" | "DELIVERED" | "REFUNDED") {
            return fail(
                400,
                "NOT_SHIPPED",
                "Заказ еще не отправлен",
                json!({"estimatedDelivery": o.estimated_delivery}),
            );
        }
        let method = data::shipping_method(&o.shipping_method).unwrap_or(Value::Null);
        let shipped = o.history.iter().find(|h| h.0 == "SHIPPED").map(|h| h.1);
        let track = o.carrier.as_ref().map(|c| c.1.clone());
        let url = o.carrier.as_ref().map(|(code, t)| match *code {
            "sdek" => format!("https://www.cdek.ru/ru/tracking?order_id={t}"),
            _ => format!("https://www.pochta.ru/tracking#{t}"),
        });
        let mut events: Vec<Value> = o
            .tracking
            .iter()
            .map(|(st, place, text, t)| {
                json!({"status": st, "location": place, "description": text, "timestamp": iso(*t)})
            })
            .collect();
        events.reverse();
        let mut v = json!({
            "orderId": o.id,
            "orderNumber": o.number,
            "status": o.status,
            "carrier": method["carrier"],
            "trackingNumber": track,
            "trackingUrl": url,
            "estimatedDelivery": o.estimated_delivery,
            "events": events,
            "shippedAt": shipped.map(iso),
            "deliveredAt": o.delivered_at.map(iso),
        });
        if s.opts.hostile {
            crate::hostile::tracking(&mut v);
        }
        ok(StatusCode::OK, v, None)
    })
}

fn reason_of(b: &Value) -> Option<String> {
    b["reason"]
        .as_str()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(|r| r.chars().take(500).collect())
}

/// `POST /orders/{id}/cancel` `{reason}` (seed 003).
pub async fn cancel_order(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let b = serde_json::from_slice::<Value>(&body).unwrap_or_default();
    let Some(reason) = reason_of(&b) else {
        return invalid(json!({"reason": ["Укажите причину отмены"]}));
    };
    let now = unix_now();
    with_order(&s, &headers, &id, |o| {
        if !can_cancel(o) {
            return fail(
                400,
                "CANNOT_CANCEL",
                "Заказ не может быть отменен (уже отправлен/доставлен)",
                json!({"status": o.status}),
            );
        }
        let refund = cancel(o, now, &reason);
        let v = json!({
            "orderId": o.id,
            "orderNumber": o.number,
            "status": "CANCELLED",
            "refundStatus": refund.map(|_| "PENDING"),
            "refundAmount": refund.map(money),
            "message": match refund {
                Some(_) => "Заказ отменён. Деньги вернутся в течение 3–5 рабочих дней.",
                None => "Заказ отменён.",
            },
        });
        ok(StatusCode::OK, v, None)
    })
}

/// `POST /orders/{id}/refund` `{reason, itemIds?, description?}` (seed 003).
pub async fn refund_order(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let b = serde_json::from_slice::<Value>(&body).unwrap_or_default();
    let Some(reason) = reason_of(&b) else {
        return invalid(json!({"reason": ["Укажите причину возврата"]}));
    };
    let wanted: Option<Vec<String>> = match &b["itemIds"] {
        Value::Null => None,
        Value::Array(a) => Some(
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
        ),
        _ => return invalid(json!({"itemIds": ["Список идентификаторов товаров"]})),
    };
    let now = unix_now();
    let catalog = &s.catalog;
    with_order(&s, &headers, &id, |o| {
        if o.status != "DELIVERED" {
            return fail(
                400,
                "CANNOT_REFUND",
                "Заказ не подлежит возврату",
                Value::Null,
            );
        }
        if o.refund.is_some() {
            return fail(
                409,
                "REFUND_ALREADY_REQUESTED",
                "Запрос на возврат уже создан",
                Value::Null,
            );
        }
        if !can_refund(o, now) {
            return fail(
                400,
                "REFUND_PERIOD_EXPIRED",
                "Срок возврата истек",
                Value::Null,
            );
        }
        let ids = item_ids(o);
        let chosen: Vec<usize> = match &wanted {
            None => (0..ids.len()).collect(),
            Some(w) if !w.is_empty() && w.iter().all(|x| ids.contains(x)) => {
                (0..ids.len()).filter(|i| w.contains(&ids[*i])).collect()
            }
            Some(_) => return invalid(json!({"itemIds": ["Таких товаров нет в заказе"]})),
        };
        // (line, amount) of each item asked back.
        let lines: Vec<(usize, i64)> = chosen
            .iter()
            .map(|&i| {
                let (idx, variant, qty) = o.lines[i];
                (
                    i,
                    crate::cart::unit_price(&catalog.products[idx], variant) * qty as i64,
                )
            })
            .collect();
        let items: Vec<Value> = lines
            .iter()
            .map(|&(i, amount)| {
                let (idx, _, qty) = o.lines[i];
                json!({"itemId": ids[i], "productName": catalog.products[idx].name, "quantity": qty, "amount": money(amount)})
            })
            .collect();
        let goods: i64 = lines.iter().map(|(_, a)| a).sum();
        let requested = goods + crate::cart::tax_on(goods);
        let v = json!({
            "refundRequestId": data::uuid(0xf100, o.created as u64 % 1_000_000),
            "orderId": o.id,
            "orderNumber": o.number,
            "status": "PENDING_REVIEW",
            "requestedAmount": money(requested),
            "items": items,
            "message": "Заявка на возврат принята. Мы сообщим, когда её рассмотрим.",
            "createdAt": iso(now),
        });
        let mut kept = v.clone();
        kept["reason"] = json!(reason);
        kept["description"] = b["description"].clone();
        o.refund = Some(kept);
        ok(StatusCode::CREATED, v, None)
    })
}

/// Delivery API `GET /orders/{order_id}` (seed 000).
pub async fn delivery_order(State(s): State<AppState>, Path(id): Path<String>) -> Response {
    let m = s.lock();
    let found = m.orders.iter().find_map(|o| {
        o.delivery_order
            .as_ref()
            .filter(|d| d.id == id)
            .map(|d| (o, d))
    });
    let Some((o, d)) = found else {
        return Backend::Delivery.error(
            404,
            "",
            &format!("Order {id} not found"),
            json!([{"field": "order_id", "code": "not_found"}]),
            "",
        );
    };
    let items: Vec<Value> = o
        .lines
        .iter()
        .map(|(idx, _, q)| json!({"product_id": data::product_id(*idx), "qty": q}))
        .collect();
    let mut delivery = json!({"slot_id": o.delivery_slot_id});
    if let Some((name, phone)) = d.courier {
        delivery["courier"] = json!({"name": name, "phone": phone});
    }
    let history: Vec<Value> = d
        .history
        .iter()
        .map(|(st, t)| json!({"ts": iso(*t), "status": st}))
        .collect();
    (
        StatusCode::OK,
        Json(json!({"id": d.id, "status": d.status, "items": items, "delivery": delivery, "history": history})),
    )
        .into_response()
}

/// Courier API `GET /orders/?order_id=…` (seed 002 «Список заказов»): the envelope's `data`
/// is the list of those orders.
pub async fn courier_orders(
    State(s): State<AppState>,
    Query(q): Query<Vec<(String, String)>>,
) -> Response {
    let wanted: Vec<&str> = q
        .iter()
        .filter(|(k, _)| k == "order_id")
        .map(|(_, v)| v.as_str())
        .collect();
    let m = s.lock();
    let list: Vec<Value> = m
        .orders
        .iter()
        .filter_map(|o| o.courier_order.as_ref().map(|c| (o, c)))
        .filter(|(_, c)| wanted.is_empty() || wanted.contains(&c.id.as_str()))
        .map(|(o, c)| {
            let couriers: Vec<Value> = c
                .courier
                .iter()
                .map(|(name, phone)| json!({"name": name, "phone": phone}))
                .collect();
            json!({
                "id": c.id,
                "number": o.number.rsplit('-').next().and_then(|n| n.parse::<u64>().ok()),
                "state": c.status,
                "courier_state": c.courier_state,
                "couriers": couriers,
                "final_price": money(o.shipping),
                "date_of_pickup_iso": o.courier_pickup_time,
                "state_history": c.history.iter().map(|(st, t)| json!({"state": st, "at": iso(*t)})).collect::<Vec<_>>(),
            })
        })
        .collect();
    (
        StatusCode::OK,
        Json(json!({"success": true, "status_code": 200, "data": list})),
    )
        .into_response()
}

/// `f`'s answer about any shopper's order, by id or number (the control's lookup).
fn control_order(s: &AppState, id: &str, f: impl FnOnce(&mut Order) -> Value) -> Response {
    let mut m = s.lock();
    match m.orders.iter_mut().find(|o| o.id == id || o.number == id) {
        Some(o) => Json(f(o)).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            Json(json!({"ok": false, "error": "unknown order"})),
        )
            .into_response(),
    }
}

/// `POST /__control/orders/{id}/advance`: one step along the order's road.
pub async fn control_advance(State(s): State<AppState>, Path(id): Path<String>) -> Response {
    control_order(&s, &id, |o| {
        let moved = advance(o, unix_now());
        json!({"ok": true, "moved": moved, "status": o.status})
    })
}

/// `secs` pass for the order: every time it carries, in every system, moves back.
pub fn age(o: &mut Order, secs: i64) {
    o.created -= secs;
    o.history.iter_mut().for_each(|h| h.1 -= secs);
    o.tracking.iter_mut().for_each(|t| t.3 -= secs);
    for at in [&mut o.paid_at, &mut o.delivered_at].into_iter().flatten() {
        *at -= secs;
    }
    for other in [&mut o.delivery_order, &mut o.courier_order]
        .into_iter()
        .flatten()
    {
        other.history.iter_mut().for_each(|h| h.1 -= secs);
    }
}

/// `POST /__control/orders/{id}/age` `{"days": n}`: n days pass for the order (a test of the
/// refund period need not wait two weeks).
pub async fn control_age(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Json(body): Json<Value>,
) -> Response {
    let days = body["days"].as_i64().unwrap_or(0);
    control_order(&s, &id, |o| {
        age(o, days * 86_400);
        json!({"ok": true})
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(method: &str) -> Order {
        let mut o = Order {
            id: data::uuid(0xe100, 7),
            number: "ORD-2026-00000007".into(),
            status: "PENDING_PAYMENT",
            payment_status: "PENDING",
            shipping_method: method.into(),
            created: 1_000_000,
            history: vec![("PENDING_PAYMENT", 1_000_000, None)],
            ..Default::default()
        };
        open_systems(&mut o, 1_000_000);
        o
    }

    fn walk(o: &mut Order) -> Vec<String> {
        let mut seen = Vec::new();
        let mut t = 1_000_000;
        while advance(o, {
            t += 60;
            t
        }) {
            let d = o.delivery_order.as_ref().map_or("", |d| d.status);
            let c = o.courier_order.as_ref().map_or("", |c| c.status);
            let tr = o.tracking.last().map_or("", |x| x.0);
            seen.push(format!("{} {d}{c}{tr}", o.status).trim().to_string());
        }
        seen
    }

    #[test]
    fn every_kind_walks_its_own_road_in_every_system() {
        assert_eq!(
            walk(&mut order("ship-001")),
            [
                "PAID",
                "PROCESSING",
                "SHIPPED SHIPPED",
                "SHIPPED IN_TRANSIT",
                "SHIPPED OUT_FOR_DELIVERY",
                "DELIVERED DELIVERED"
            ]
        );
        let mut slots = order("ship-003");
        assert_eq!(
            walk(&mut slots),
            [
                "PAID confirmed",
                "PROCESSING assembling",
                "SHIPPED on_the_way",
                "DELIVERED delivered"
            ]
        );
        assert!(slots.delivery_order.unwrap().courier.is_some());
        let mut express = order("ship-005");
        assert_eq!(
            walk(&mut express),
            [
                "PAID accepted",
                "PROCESSING cooking",
                "PROCESSING ready",
                "SHIPPED on_way",
                "DELIVERED finished"
            ]
        );
        assert_eq!(
            express.courier_order.unwrap().courier_state,
            Some("courier-accepted")
        );
        assert_eq!(
            walk(&mut order("ship-004")),
            ["PAID", "PROCESSING", "SHIPPED", "DELIVERED"]
        );
    }

    #[test]
    fn the_demo_orders_rest_in_every_status_of_every_system() {
        let catalog = data::Catalog::generate(60);
        let now = 1_800_000_000;
        let orders = demo_orders(&catalog, "u", now);
        let seen = |f: &dyn Fn(&Order) -> Option<&'static str>| {
            let mut v: Vec<&str> = orders.iter().filter_map(f).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        assert_eq!(
            seen(&|o| Some(o.status)),
            [
                "CANCELLED",
                "DELIVERED",
                "PAID",
                "PENDING_PAYMENT",
                "PROCESSING",
                "REFUNDED",
                "SHIPPED"
            ]
        );
        assert_eq!(
            seen(&|o| o.tracking.last().map(|t| t.0)),
            ["DELIVERED", "IN_TRANSIT", "OUT_FOR_DELIVERY"]
        );
        assert_eq!(
            seen(&|o| o.delivery_order.as_ref().map(|d| d.status)),
            [
                "assembling",
                "canceled",
                "confirmed",
                "created",
                "delivered",
                "on_the_way"
            ]
        );
        assert_eq!(
            seen(&|o| o.courier_order.as_ref().map(|c| c.status)),
            ["accepted", "canceled", "cooking", "finished", "on_way", "ready"]
        );
        assert_eq!(
            seen(&|o| o.courier_order.as_ref().and_then(|c| c.courier_state)),
            [
                "courier-accepted",
                "courier-arrived",
                "courier-assigned",
                "courier-not-assigned"
            ]
        );
        let carriers = seen(&|o| o.carrier.as_ref().map(|c| c.0));
        assert_eq!(carriers, ["russianpost", "sdek"]);
        let refundable = orders.iter().filter(|o| can_refund(o, now)).count();
        let expired = orders
            .iter()
            .filter(|o| o.status == "DELIVERED" && !can_refund(o, now))
            .count();
        assert_eq!((refundable, expired), (3, 1));
    }

    #[test]
    fn cancel_and_refund_follow_seed_003s_rules() {
        let mut o = order("ship-003");
        advance(&mut o, 1_000_060);
        assert!(can_cancel(&o));
        o.total = 10_000;
        assert_eq!(cancel(&mut o, 1_000_100, "Передумал"), Some(10_000));
        assert_eq!(o.delivery_order.as_ref().unwrap().status, "canceled");
        assert!(!can_cancel(&o));
        let mut d = order("ship-002");
        while advance(&mut d, 2_000_000) {}
        assert!(!can_cancel(&d));
        assert!(can_refund(&d, 2_000_000 + REFUND_DAYS * 86_400));
        assert!(!can_refund(&d, 2_000_001 + REFUND_DAYS * 86_400));
    }
}
