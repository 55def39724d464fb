//! Card payments (docs/integration.md §8): the delivery API's `payment_id` (`pay_<n>`) is
//! the order's `payment.transactionId`. The stub's payment page `/pay/{id}` settles one
//! («Оплатить» / «Отказаться») and sends the shopper back to the shop.

use crate::addresses;
use crate::data::Order;
use crate::{unix_now, AppState, Mutable, Payment};
use axum::{
    extract::{Path, Query, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Form,
};
use serde_json::Value;
use std::collections::HashMap;

/// A card payment stays payable this long.
pub const CARD_TTL_SECS: i64 = 2 * 3600;

pub const STATUSES: &[&str] = &["pending", "succeeded", "failed", "expired"];

/// Starts a payment of `amount` kopecks for `order_id`; answers its id.
pub fn start(m: &mut Mutable, order_id: &str, amount: i64, now: i64) -> String {
    m.payment_seq += 1;
    let id = format!("pay_{}", m.payment_seq);
    m.payments.insert(
        id.clone(),
        Payment {
            id: id.clone(),
            order_id: order_id.to_string(),
            amount,
            status: "pending",
            expires: now + CARD_TTL_SECS,
            return_url: None,
        },
    );
    id
}

/// Demo orders: the shopper's home address, and a succeeded card payment for every paid one.
pub fn seed_demo(m: &mut Mutable, home: &Value) {
    let mut orders = std::mem::take(&mut m.orders);
    for o in &mut orders {
        o.address_id = home["id"].as_str().map(str::to_string);
        o.shipping_address = Some(addresses::order_shipping_address(home));
        if let Some(paid) = o.paid_at {
            let id = start(m, &o.id, o.total, paid);
            if let Some(p) = m.payments.get_mut(&id) {
                p.status = "succeeded";
            }
            o.transaction_id = Some(id);
        }
    }
    m.orders = orders;
}

/// The payment `id` with its status brought up to date (a pending one past its time expires).
pub fn current(m: &mut Mutable, id: &str) -> Option<Payment> {
    let now = unix_now();
    let p = m.payments.get_mut(id)?;
    if p.status == "pending" && now >= p.expires {
        p.status = "expired";
    }
    Some(p.clone())
}

/// Sets a payment's status and what it means for its order: `succeeded` → the order is
/// PAID (paymentStatus PAID, paidAt, a history entry); `failed` → paymentStatus FAILED.
pub fn settle(m: &mut Mutable, id: &str, status: &'static str) -> Option<Payment> {
    let p = m.payments.get_mut(id)?;
    p.status = status;
    let p = p.clone();
    let now = unix_now();
    if let Some(o) = m.orders.iter_mut().find(|o| o.id == p.order_id) {
        match status {
            "succeeded" if o.payment_status != "PAID" => {
                o.payment_status = "PAID";
                o.paid_at = Some(now);
                if o.status == "PENDING_PAYMENT" {
                    o.status = "PAID";
                    o.history
                        .push(("PAID", now, Some(format!("Оплата подтверждена ({id})"))));
                }
            }
            "failed" if o.payment_status == "PENDING" => o.payment_status = "FAILED",
            _ => {}
        }
    }
    Some(p)
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub fn url_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out += &format!("%{b:02X}");
        }
    }
    out
}

use crate::media::escape;

/// «1 234,50 ₽» (no-break spaces).
pub fn rub(kopecks: i64) -> String {
    let r = (kopecks / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in r.chars().enumerate() {
        if i > 0 && (r.len() - i).is_multiple_of(3) {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    match kopecks % 100 {
        0 => format!("{grouped}\u{a0}₽"),
        k => format!("{grouped},{k:02}\u{a0}₽"),
    }
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;\
max-width:34rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a;background:#fff}\
h1{font-size:1.6rem}dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}\
dt{color:#444}dd{margin:0;font-weight:600}form{margin:1rem 0}\
button{display:block;width:100%;min-height:3.25rem;font-size:1.25rem;font-weight:600;\
border-radius:.5rem;border:2px solid #1f4fd1;cursor:pointer;padding:.75rem 1rem}\
.pay{background:#1f4fd1;color:#fff}.decline{background:#fff;color:#1f4fd1}\
button:focus-visible,a:focus-visible{outline:3px solid #b35c00;outline-offset:3px}\
a{color:#1f4fd1}";

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        format!(
            "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{}</title><style>{STYLE}</style></head><body><main>{body}</main></body></html>",
            escape(title)
        ),
    )
        .into_response()
}

fn not_found() -> Response {
    page(
        StatusCode::NOT_FOUND,
        "Платёж не найден",
        "<h1>Платёж не найден</h1><p>Проверьте ссылку на оплату или вернитесь в магазин.</p>",
    )
}

/// The shop's return address, if it is one we may redirect to.
fn return_url(q: &HashMap<String, String>) -> Option<String> {
    q.get("return")
        .map(|r| r.trim().to_string())
        .filter(|r| r.starts_with("http://") || r.starts_with("https://"))
}

/// `<return>?orderId=…`, keeping the return address's own query and fragment.
fn back_to_shop(ret: &str, order_id: &str) -> String {
    let (base, frag) = match ret.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (ret, None),
    };
    let sep = if base.contains('?') { '&' } else { '?' };
    let mut url = format!("{base}{sep}orderId={}", url_encode(order_id));
    if let Some(f) = frag {
        url += &format!("#{f}");
    }
    url
}

fn order_number(m: &Mutable, order_id: &str) -> String {
    m.orders
        .iter()
        .find(|o: &&Order| o.id == order_id)
        .map(|o| o.number.clone())
        .unwrap_or_default()
}

/// `GET /pay/{id}?return=…`: the amount, «Оплатить» and «Отказаться».
pub async fn pay_page(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let mut m = s.lock();
    let Some(p) = current(&mut m, &id) else {
        return not_found();
    };
    let number = order_number(&m, &p.order_id);
    drop(m);
    let title = format!("Оплата заказа {number}");
    let ret = q.get("return").cloned().unwrap_or_default();
    let hidden = format!(
        "<input type=\"hidden\" name=\"return\" value=\"{}\">",
        escape(&ret)
    );
    let id_html = escape(&p.id);
    let state = match p.status {
        "pending" => format!(
            "<form method=\"post\" action=\"/pay/{id_html}/confirm\">{hidden}\
<button type=\"submit\" class=\"pay\">Оплатить</button></form>\
<form method=\"post\" action=\"/pay/{id_html}/decline\">{hidden}\
<button type=\"submit\" class=\"decline\">Отказаться</button></form>"
        ),
        other => {
            let said = match other {
                "succeeded" => "Этот платёж уже проведён.",
                "failed" => "От этого платежа отказались.",
                _ => "Срок оплаты истёк.",
            };
            let link = return_url(&q)
                .map(|r| {
                    format!(
                        "<p><a href=\"{}\">Вернуться в магазин</a></p>",
                        escape(&back_to_shop(&r, &p.order_id))
                    )
                })
                .unwrap_or_default();
            format!("<p role=\"status\">{said}</p>{link}")
        }
    };
    let body = format!(
        "<h1>{}</h1><p>Демонстрационный платёжный шлюз: деньги не списываются.</p>\
<dl><dt>Сумма к оплате</dt><dd>{}</dd><dt>Платёж</dt><dd>{id_html}</dd></dl>{state}",
        escape(&title),
        rub(p.amount),
    );
    page(StatusCode::OK, &title, &body)
}

async fn finish(s: AppState, id: String, form: HashMap<String, String>, ok: bool) -> Response {
    let mut m = s.lock();
    let Some(p) = current(&mut m, &id) else {
        return not_found();
    };
    if p.status == "pending" {
        settle(&mut m, &id, if ok { "succeeded" } else { "failed" });
    }
    drop(m);
    match return_url(&form) {
        Some(r) => (
            StatusCode::SEE_OTHER,
            [(header::LOCATION, back_to_shop(&r, &p.order_id))],
        )
            .into_response(),
        None if ok => page(
            StatusCode::OK,
            "Оплата принята",
            "<h1>Оплата принята</h1><p>Можно вернуться в магазин.</p>",
        ),
        None => page(
            StatusCode::OK,
            "Оплата отклонена",
            "<h1>Оплата отклонена</h1><p>Можно вернуться в магазин и выбрать другой способ.</p>",
        ),
    }
}

/// `POST /pay/{id}/confirm` (form field `return`): succeeded, then back to the shop.
pub async fn confirm(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    finish(s, id, form, true).await
}

/// `POST /pay/{id}/decline` (form field `return`): failed, then back to the shop.
pub async fn decline(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    finish(s, id, form, false).await
}

/// The payment page of a pending payment: `redirect_url` of seed 000's `POST /payments`,
/// which `GET /payments/{id}` repeats while the payment is pending (docs/integration.md §8),
/// so an order found after a lost checkout answer can still be paid.
pub fn redirect_url(base: &str, p: &Payment) -> Option<String> {
    (p.status == "pending").then(|| {
        let mut url = format!("{base}/pay/{}", p.id);
        if let Some(r) = &p.return_url {
            url += &format!("?return={}", url_encode(r));
        }
        url
    })
}

/// `{"payment_id","status","amount":{"currency","amount"}}` of the delivery API.
pub fn payment_json(p: &Payment) -> Value {
    serde_json::json!({
        "payment_id": p.id,
        "status": p.status,
        "amount": {"currency": "RUB", "amount": crate::data::money(p.amount)},
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_urls_read_right() {
        assert_eq!(rub(123_450), "1\u{a0}234,50\u{a0}₽");
        assert_eq!(rub(50_000), "500\u{a0}₽");
        assert_eq!(
            url_encode("http://127.0.0.1:8080/checkout/return?x=1"),
            "http%3A%2F%2F127.0.0.1%3A8080%2Fcheckout%2Freturn%3Fx%3D1"
        );
        assert_eq!(
            back_to_shop("https://a.ru/r", "o1"),
            "https://a.ru/r?orderId=o1"
        );
        assert_eq!(
            back_to_shop("https://a.ru/r?x=1#top", "o1"),
            "https://a.ru/r?x=1&orderId=o1#top"
        );
    }
}
