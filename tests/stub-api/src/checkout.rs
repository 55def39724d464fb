//! `POST /cart/checkout` (seed 003) and its preview `POST /cart/checkout/preview`
//! (docs/integration.md §4–§6, §8). Both run the same checks and the same arithmetic; the
//! preview creates nothing, does not count as a checkout attempt and is limited as a
//! catalog read (see `gate`).
//!
//! Checks, in order: body and fields (`VALIDATION_ERROR`; the preview only checks the
//! fields it was given), the method (`INVALID_SHIPPING_METHOD`), the saved address
//! (`INVALID_ADDRESS`, also for a delivery method to Chukotka), the slot / pickup point /
//! courier quote (`INVALID_SHIPPING_METHOD` naming the field), coupons (`INVALID_COUPON`),
//! the cart (`CART_EMPTY`, `ITEMS_UNAVAILABLE`, `INSUFFICIENT_STOCK`), a partner's order over
//! 100 000 ₽ (`KYC_REQUIRED`), then paying by balance (`VALIDATION_ERROR` on
//! `paymentMethod`).
//!
//! Money: VAT 20 % on the goods after discount is added on top, as in the cart and seed 003's
//! example (`total = subtotal − discount + shipping + tax`). Coupons:
//! `WELCOME10` takes 10 % off the goods, `FREESHIP` waives DELIVERY/SLOTS shipping (its
//! `discount` is the shipping waived; `summary.discount` counts goods only). The partner
//! balance pays first; `toPay` is what the payment method still has to pay.

use crate::addresses;
use crate::cart::{available, percent_of, subtotal, tax_on};
use crate::commerce::{json_body, unauthorized};
use crate::data::{self, iso, iso_date, method_kind, money, Order, User};
use crate::envelope::{fail, invalid, ok};
use crate::payments::{self, url_encode};
use crate::shipping::{free_for, method_price};
use crate::{unix_now, AppState, CartLine, Mutable, Quote};
use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::Response,
    routing::post,
    Router,
};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::MutexGuard;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cart/checkout", post(checkout))
        .route("/cart/checkout/preview", post(preview))
}

const PAYMENT_METHODS: &[&str] = &["CARD", "BANK_TRANSFER", "EWALLET", "BALANCE"];
const PAYMENT_RULE: &str = "Допустимые значения: CARD, BANK_TRANSFER, EWALLET, BALANCE";
/// Coupons the stub knows.
pub const COUPONS: &[&str] = &["WELCOME10", "FREESHIP"];
/// A partner's order above this (kopecks, 100 000 ₽) needs KYC.
pub const KYC_LIMIT: i64 = 10_000_000;
pub const BANK_TRANSFER_TTL_SECS: i64 = 3 * 86_400;

/// What the body asks for.
#[derive(Default)]
struct Ask {
    address_id: Option<String>,
    billing_id: Option<String>,
    method: Option<Value>,
    payment: Option<String>,
    coupons: Vec<String>,
    notes: Option<String>,
    use_balance: bool,
    slot: Option<String>,
    pickup: Option<String>,
    quote: Option<String>,
    pickup_time: Option<String>,
    return_url: Option<String>,
}

impl Ask {
    fn kind(&self) -> Option<&'static str> {
        self.method.as_ref().map(method_kind)
    }
}

fn text(b: &Map<String, Value>, k: &str, errors: &mut Map<String, Value>) -> Option<String> {
    match b.get(k) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_string())
        }
        Some(_) => {
            errors.insert(k.into(), json!(["Должно быть строкой"]));
            None
        }
    }
}

fn invalid_method(field: &str, message: &str) -> Response {
    fail(
        400,
        "INVALID_SHIPPING_METHOD",
        "Способ доставки недоступен",
        json!({ field: [message] }),
    )
}

fn invalid_address(field: &str, message: &str) -> Response {
    fail(
        400,
        "INVALID_ADDRESS",
        "Неверный адрес доставки",
        json!({ field: [message] }),
    )
}

/// Reads the body. `strict` (checkout) also requires what the order cannot do without.
fn parse(b: &Map<String, Value>, strict: bool) -> Result<Ask, Response> {
    let mut errors = Map::new();
    let e = &mut errors;
    let mut ask = Ask {
        address_id: text(b, "shippingAddressId", e),
        billing_id: text(b, "billingAddressId", e),
        slot: text(b, "deliverySlotId", e),
        pickup: text(b, "pickupWarehouseId", e),
        quote: text(b, "courierQuoteId", e),
        pickup_time: text(b, "courierPickupTime", e),
        ..Ask::default()
    };
    let method_id = text(b, "shippingMethodId", e);
    ask.payment = text(b, "paymentMethod", e);
    if ask
        .payment
        .as_deref()
        .is_some_and(|p| !PAYMENT_METHODS.contains(&p))
    {
        e.insert("paymentMethod".into(), json!([PAYMENT_RULE]));
        ask.payment = None;
    }
    match b.get("couponCodes") {
        None | Some(Value::Null) => {}
        Some(Value::Array(a)) if a.iter().all(Value::is_string) => {
            for c in a.iter().filter_map(Value::as_str) {
                let c = c.trim().to_uppercase();
                if !c.is_empty() && !ask.coupons.contains(&c) {
                    ask.coupons.push(c);
                }
            }
        }
        Some(_) => {
            e.insert("couponCodes".into(), json!(["Промокоды — массив строк"]));
        }
    }
    ask.notes = text(b, "notes", e);
    if ask.notes.as_ref().is_some_and(|n| n.chars().count() > 500) {
        e.insert("notes".into(), json!(["Не длиннее 500 символов"]));
    }
    match b.get("usePartnerBalance") {
        None | Some(Value::Null) => {}
        Some(Value::Bool(x)) => ask.use_balance = *x,
        Some(_) => {
            e.insert("usePartnerBalance".into(), json!(["true или false"]));
        }
    }
    ask.return_url = text(b, "returnUrl", e);
    if ask
        .return_url
        .as_deref()
        .is_some_and(|u| !(u.starts_with("http://") || u.starts_with("https://")))
    {
        e.insert(
            "returnUrl".into(),
            json!(["Адрес возврата начинается с http:// или https://"]),
        );
    }
    ask.method = method_id.as_deref().and_then(data::shipping_method);
    if strict {
        let mut need = |k: &str, have: bool, msg: &str| {
            if !have && !e.contains_key(k) {
                e.insert(k.into(), json!([msg]));
            }
        };
        need(
            "shippingMethodId",
            method_id.is_some(),
            "Укажите способ доставки",
        );
        need("paymentMethod", ask.payment.is_some(), PAYMENT_RULE);
        let kind = ask.kind();
        need(
            "shippingAddressId",
            ask.address_id.is_some() || kind == Some("PICKUP"),
            "Укажите адрес доставки",
        );
        match kind {
            Some("SLOTS") => need(
                "deliverySlotId",
                ask.slot.is_some(),
                "Выберите интервал доставки",
            ),
            Some("PICKUP") => need(
                "pickupWarehouseId",
                ask.pickup.is_some(),
                "Выберите магазин для самовывоза",
            ),
            Some("EXPRESS") => {
                need(
                    "courierQuoteId",
                    ask.quote.is_some(),
                    "Запросите стоимость экспресс-доставки",
                );
                need(
                    "courierPickupTime",
                    ask.pickup_time.is_some(),
                    "Выберите время, когда курьер заберёт заказ",
                );
            }
            _ => {}
        }
    }
    if !errors.is_empty() {
        return Err(invalid(Value::Object(errors)));
    }
    if method_id.is_some() && ask.method.is_none() {
        return Err(invalid_method(
            "shippingMethodId",
            "Такого способа доставки нет",
        ));
    }
    Ok(ask)
}

/// Everything checkout needs, checked and priced (kopecks).
struct Priced {
    lines: Vec<CartLine>,
    address: Option<Value>,
    billing: Option<Value>,
    warehouse: Option<Value>,
    quote: Option<Quote>,
    subtotal: i64,
    discount: i64,
    shipping: i64,
    tax: i64,
    total: i64,
    coupons: Vec<(String, i64)>,
    /// A partner's bonus balance; `None` for shoppers.
    balance: Option<i64>,
    applied: i64,
    to_pay: i64,
    estimated_delivery: Option<String>,
}

/// One cart line that cannot be ordered as it is.
fn stock_item(s: &AppState, l: &CartLine, available: i64) -> Value {
    let p = &s.catalog.products[l.product];
    json!({
        "productId": data::product_id(p.idx),
        "name": p.name,
        "requested": l.quantity,
        "available": available,
    })
}

/// The checks and arithmetic both endpoints share, under the state lock.
fn price(s: &AppState, m: &Mutable, user: &User, ask: &Ask, now: i64) -> Result<Priced, Response> {
    let kind = ask.kind();
    let address = match &ask.address_id {
        Some(id) => Some(addresses::find(m, &user.id, id).ok_or_else(|| {
            invalid_address("shippingAddressId", "Адрес не найден среди сохранённых")
        })?),
        None => None,
    };
    let billing = match &ask.billing_id {
        Some(id) => Some(addresses::find(m, &user.id, id).ok_or_else(|| {
            invalid_address("billingAddressId", "Адрес не найден среди сохранённых")
        })?),
        None => None,
    };
    if let (Some(k), Some(a)) = (kind, &address) {
        let chukotka = a["kladrCode"]
            .as_str()
            .is_some_and(|c| c.starts_with(addresses::CHUKOTKA_KLADR));
        if k != "PICKUP" && chukotka {
            return Err(invalid_address(
                "shippingAddressId",
                "Сюда мы не доставляем — заберите заказ в магазине",
            ));
        }
    }
    let mut slot_price = None;
    let mut warehouse = None;
    let mut quote = None;
    match kind {
        Some("SLOTS") => {
            if let Some(id) = &ask.slot {
                let slot = data::delivery_slots(now)
                    .into_iter()
                    .find(|x| x["slot_id"] == id.as_str())
                    .ok_or_else(|| {
                        invalid_method(
                            "deliverySlotId",
                            "Этот интервал больше недоступен — выберите другой",
                        )
                    })?;
                if address
                    .as_ref()
                    .and_then(addresses::location)
                    .is_some_and(|(lat, lng)| !data::in_slot_zone(lat, lng))
                {
                    return Err(invalid_method(
                        "deliverySlotId",
                        "В этот адрес интервальной доставки нет",
                    ));
                }
                slot_price = slot["price"]["amount"]
                    .as_f64()
                    .map(|r| (r * 100.0).round() as i64);
            }
        }
        Some("PICKUP") => {
            if let Some(id) = &ask.pickup {
                let w = s
                    .warehouses()
                    .into_iter()
                    .find(|w| w["id"] == id.as_str() && w["isSelfPickupAvailable"] == true)
                    .ok_or_else(|| {
                        invalid_method(
                            "pickupWarehouseId",
                            "Здесь нельзя забрать заказ — выберите другой магазин",
                        )
                    })?;
                warehouse = Some(w);
            }
        }
        Some("EXPRESS") => {
            if let Some(id) = &ask.quote {
                let q = m
                    .quotes
                    .get(id)
                    .filter(|q| q.expires > now)
                    .cloned()
                    .ok_or_else(|| {
                        invalid_method(
                            "courierQuoteId",
                            "Расчёт курьера устарел — запросите стоимость снова",
                        )
                    })?;
                if let Some(t) = &ask.pickup_time {
                    if !q.pickup_times.contains(t) {
                        return Err(invalid_method(
                            "courierPickupTime",
                            "Курьер не может забрать заказ в это время — выберите другое",
                        ));
                    }
                }
                quote = Some(q);
            }
        }
        _ => {}
    }
    let bad: Vec<&String> = ask
        .coupons
        .iter()
        .filter(|c| !COUPONS.contains(&c.as_str()))
        .collect();
    if !bad.is_empty() {
        return Err(fail(
            400,
            "INVALID_COUPON",
            "Промокод недействителен или истёк",
            json!({ "couponCodes": bad }),
        ));
    }
    let lines = m.carts.get(&user.id).cloned().unwrap_or_default();
    if lines.is_empty() {
        return Err(fail(400, "CART_EMPTY", "Корзина пуста", Value::Null));
    }
    let gone: Vec<Value> = lines
        .iter()
        .filter(|l| m.unavailable.contains(&l.product))
        .map(|l| stock_item(s, l, 0))
        .collect();
    if !gone.is_empty() {
        return Err(fail(
            400,
            "ITEMS_UNAVAILABLE",
            "Некоторые товары больше недоступны",
            json!({ "items": gone }),
        ));
    }
    let short: Vec<Value> = lines
        .iter()
        .filter_map(|l| {
            let have = available(m, &s.catalog.products[l.product], l.variant);
            (l.quantity as i64 > have).then(|| stock_item(s, l, have))
        })
        .collect();
    if !short.is_empty() {
        return Err(fail(
            400,
            "INSUFFICIENT_STOCK",
            "Недостаточно товара на складе для некоторых позиций",
            json!({ "items": short }),
        ));
    }

    let subtotal = subtotal(&s.catalog, &lines);
    let welcome = ask.coupons.iter().any(|c| c == "WELCOME10");
    let discount = if welcome { percent_of(subtotal, 10) } else { 0 };
    let method = ask.method.as_ref();
    let mut shipping = match (kind, method) {
        (Some("SLOTS"), Some(m)) => slot_price.unwrap_or_else(|| method_price(m)),
        (Some("EXPRESS"), Some(m)) => quote
            .as_ref()
            .map_or_else(|| method_price(m), |q| q.final_price),
        (Some("PICKUP"), _) | (_, None) => 0,
        (_, Some(m)) => method_price(m),
    };
    let by_threshold = matches!(kind, Some("DELIVERY" | "SLOTS"));
    if by_threshold && method.is_some_and(|m| free_for(m, subtotal)) {
        shipping = 0;
    }
    let mut coupons = Vec::new();
    for c in &ask.coupons {
        match c.as_str() {
            "WELCOME10" => coupons.push((c.clone(), discount)),
            _ => {
                // FREESHIP: waives what DELIVERY/SLOTS shipping is left; express is never free.
                let waived = if by_threshold { shipping } else { 0 };
                shipping -= waived;
                coupons.push((c.clone(), waived));
            }
        }
    }
    let tax = tax_on(subtotal - discount);
    let total = subtotal - discount + shipping + tax;
    if user.partner_id.is_some() && total > KYC_LIMIT {
        return Err(fail(
            403,
            "KYC_REQUIRED",
            "Для этой покупки требуется KYC-верификация",
            Value::Null,
        ));
    }
    let balance = user
        .partner_id
        .as_ref()
        .map(|p| m.partner_balances.get(p).copied().unwrap_or(0).max(0));
    let applied = if ask.payment.as_deref() == Some("BALANCE") {
        match balance {
            None => {
                return Err(invalid(
                    json!({"paymentMethod": ["Оплата бонусами доступна только партнёрам"]}),
                ))
            }
            Some(b) if b < total => {
                return Err(invalid(json!({"paymentMethod": [format!(
                    "Бонусов не хватает: доступно {}, заказ на {}",
                    payments::rub(b),
                    payments::rub(total)
                )]})))
            }
            Some(_) => total,
        }
    } else if ask.use_balance {
        balance.unwrap_or(0).min(total)
    } else {
        0
    };
    let estimated_delivery = match (kind, method) {
        (Some("SLOTS"), _) if ask.slot.is_some() => ask.slot.as_ref().map(|x| x[..10].to_string()),
        (Some("EXPRESS"), _) if ask.pickup_time.is_some() => ask
            .pickup_time
            .as_ref()
            .map(|x| x.chars().take(10).collect()),
        (_, Some(m)) => Some(iso_date(
            now + m["estimatedDays"]["max"].as_i64().unwrap_or(5) * 86_400,
        )),
        _ => None,
    };
    Ok(Priced {
        lines,
        address,
        billing,
        warehouse,
        quote,
        subtotal,
        discount,
        shipping,
        tax,
        total,
        coupons,
        balance,
        applied,
        to_pay: total - applied,
        estimated_delivery,
    })
}

fn summary(p: &Priced) -> Value {
    json!({
        "subtotal": money(p.subtotal),
        "discount": money(p.discount),
        "shipping": money(p.shipping),
        "tax": money(p.tax),
        "total": money(p.total),
    })
}

fn coupons_json(p: &Priced) -> Value {
    json!(p
        .coupons
        .iter()
        .map(|(code, d)| json!({"code": code, "discount": money(*d)}))
        .collect::<Vec<_>>())
}

/// Which counter a call adds to: previews or checkout attempts.
type Counter = fn(&mut Mutable) -> &mut BTreeMap<String, u64>;

/// Counts the call, reads the body, runs the shared checks (`strict` for checkout) and
/// prices the order, all under one lock; the guard comes back so checkout can commit under
/// the same lock it priced under.
fn run<'a>(
    s: &'a AppState,
    user: &User,
    body: &Bytes,
    strict: bool,
    counter: Counter,
    now: i64,
) -> Result<(Ask, Priced, MutexGuard<'a, Mutable>), Response> {
    let mut m = s.lock();
    *counter(&mut m).entry(user.id.clone()).or_insert(0) += 1;
    let b = json_body(body)?;
    let ask = parse(&b, strict)?;
    let p = price(s, &m, user, &ask, now)?;
    Ok((ask, p, m))
}

/// `POST /cart/checkout/preview`: the checkout body, every field optional; creates nothing.
async fn preview(State(s): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(user) = s.user(&headers) else {
        return unauthorized();
    };
    let p = match run(
        &s,
        &user,
        &body,
        false,
        |m| &mut m.checkout_previews,
        unix_now(),
    ) {
        Ok((_, p, _)) => p,
        Err(r) => return r,
    };
    let mut data = json!({
        "summary": summary(&p),
        "coupons": coupons_json(&p),
        "toPay": money(p.to_pay),
    });
    if let Some(b) = p.balance {
        data["partnerBalance"] = json!({"available": money(b), "applied": money(p.applied)});
    }
    ok(StatusCode::OK, data, None)
}

/// Where a bank transfer for order `number` goes (the checkout answer and, while the order
/// awaits it, the order detail's `payment`).
pub fn bank_details(number: &str) -> Value {
    json!({
        "bankName": "АО «Демо Банк»", "accountNumber": "40702810900000012345",
        "bik": "044525999", "purpose": format!("Оплата заказа {number}"),
    })
}

/// Postal codes of the pickup cities (warehouses carry none).
fn city_postal(city: &str) -> &'static str {
    match city {
        "Москва" => "125009",
        "Санкт-Петербург" => "191025",
        "Казань" => "420111",
        _ => "000000",
    }
}

/// `shippingAddress` of a pickup order: the shop, and whoever collects.
fn pickup_address(w: &Value, user: &User, recipient: Option<&Value>) -> Value {
    let city = w["city"]["name"].as_str().unwrap_or("");
    json!({
        "recipientName": recipient.map_or_else(|| json!(user.name), |a| a["recipientName"].clone()),
        "street": format!("{} ({})", w["address"].as_str().unwrap_or(""), w["title"].as_str().unwrap_or("")),
        "city": city,
        "region": city,
        "country": "RU",
        "postalCode": city_postal(city),
        "phone": recipient.map_or_else(|| json!(user.phone), |a| a["recipientPhone"].clone()),
    })
}

async fn checkout(State(s): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(user) = s.user(&headers) else {
        return unauthorized();
    };
    let now = unix_now();
    let (ask, p, mut st) = match run(&s, &user, &body, true, |m| &mut m.checkout_attempts, now) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let method = ask.method.clone().unwrap_or(Value::Null);
    let payment = ask.payment.clone().unwrap_or_default();
    st.seq += 1;
    let n = st.seq;
    let order_id = data::uuid(0xe100, n);
    let number = format!("ORD-2026-{:08}", 5000 + n);
    let paid = p.to_pay == 0;
    let mut history = vec![("PENDING_PAYMENT", now, None)];
    if paid {
        history.push(("PAID", now, Some("Оплачено бонусами партнёра".to_string())));
    }
    let shipping_address = match (&p.warehouse, &p.address) {
        (Some(w), a) => Some(pickup_address(w, &user, a.as_ref())),
        (None, Some(a)) => Some(addresses::order_shipping_address(a)),
        (None, None) => None,
    };
    let mut pay = json!({"method": payment, "amount": money(p.to_pay), "currency": "RUB"});
    let mut transaction_id = None;
    let mut expires = now + payments::CARD_TTL_SECS;
    match payment.as_str() {
        "CARD" | "EWALLET" if !paid => {
            let id = payments::start(&mut st, &order_id, p.to_pay, now);
            if let Some(pay) = st.payments.get_mut(&id) {
                pay.return_url = ask.return_url.clone();
            }
            let mut url = format!("{}/pay/{id}", s.opts.public_base);
            if let Some(r) = &ask.return_url {
                url += &format!("?return={}", url_encode(r));
            }
            pay["paymentUrl"] = json!(url);
            transaction_id = Some(id);
        }
        "BANK_TRANSFER" if !paid => {
            expires = now + BANK_TRANSFER_TTL_SECS;
            pay["bankDetails"] = bank_details(&number);
        }
        _ => {}
    }
    pay["expiresAt"] = json!(iso(expires));
    if let (Some(pid), true) = (&user.partner_id, p.applied > 0) {
        *st.partner_balances.entry(pid.clone()).or_insert(0) -= p.applied;
    }
    let kind = data::method_kind(&method);
    let mut order = Order {
        id: order_id.clone(),
        number: number.clone(),
        user_id: user.id.clone(),
        status: if paid { "PAID" } else { "PENDING_PAYMENT" },
        payment_status: if paid { "PAID" } else { "PENDING" },
        lines: p
            .lines
            .iter()
            .map(|l| (l.product, l.variant, l.quantity))
            .collect(),
        shipping_method: method["id"].as_str().unwrap_or_default().to_string(),
        payment_method: payment.clone(),
        created: now,
        history,
        tracking: vec![],
        address_id: ask.address_id.clone(),
        shipping_address,
        billing_address: p.billing.as_ref().map(addresses::order_billing_address),
        coupons: p.coupons.clone(),
        subtotal: p.subtotal,
        discount: p.discount,
        shipping: p.shipping,
        tax: p.tax,
        total: p.total,
        balance_applied: p.applied,
        notes: ask.notes.clone(),
        delivery_slot_id: ask.slot.clone().filter(|_| kind == "SLOTS"),
        pickup_warehouse_id: ask.pickup.clone().filter(|_| kind == "PICKUP"),
        courier_quote_id: p.quote.as_ref().map(|q| q.id.clone()),
        courier_pickup_time: ask.pickup_time.clone().filter(|_| kind == "EXPRESS"),
        transaction_id,
        paid_at: paid.then_some(now),
        estimated_delivery: p.estimated_delivery.clone(),
        ..Default::default()
    };
    crate::journey::open_systems(&mut order, now);
    st.orders.push(order);
    *st.orders_created.entry(user.id.clone()).or_insert(0) += 1;
    st.carts.insert(user.id.clone(), Vec::new());
    st.cart_updated.insert(user.id.clone(), now);
    drop(st);
    ok(
        StatusCode::CREATED,
        json!({
            "orderId": order_id,
            "orderNumber": number,
            "status": if paid { "PAID" } else { "PENDING_PAYMENT" },
            "payment": pay,
            "summary": summary(&p),
            "estimatedDelivery": p.estimated_delivery,
        }),
        None,
    )
}
