//! Commerce cart (seed 003, «Эндпоинты корзины»): `GET/DELETE /cart`, `POST /cart/items`,
//! `PATCH/DELETE /cart/items/:id`. Money is kept in kopecks and sent as roubles.
//!
//! Rules beyond the seed, chosen for the stub:
//! - a line may hold at most [`MAX_PER_LINE`] units; when a quantity breaks both that and
//!   the available stock, the LOWER of the two limits is reported (stock below the maximum
//!   → `INSUFFICIENT_STOCK`, otherwise `MAX_QUANTITY_EXCEEDED`);
//! - `POST` checks, in order: body and quantity (`VALIDATION_ERROR`), product
//!   (`PRODUCT_NOT_FOUND`), variant required (`VALIDATION_ERROR`), variant
//!   (`VARIANT_NOT_FOUND`), availability (`PRODUCT_UNAVAILABLE`), then the limits on the
//!   quantity the line would hold after adding;
//! - tax is 20 % added on top of `subtotal − discount`, as the seed's example shows
//!   (5000 → 1000 → 6000).

use crate::commerce::{details, image_url, json_body, product_not_found, unauthorized};
use crate::data::{self, iso, money, product_id, Product};
use crate::envelope::{fail, ok};
use crate::{unix_now, AppState, CartLine, Mutable, Shared};
use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::Response,
    routing::{get, patch},
    Router,
};
use serde_json::{json, Map, Value};

/// Most units one cart line may hold.
pub const MAX_PER_LINE: u64 = 10;

/// VAT added on top of the goods, percent.
const TAX_PERCENT: i64 = 20;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cart", get(get_cart).delete(clear_cart))
        .route("/cart/items", axum::routing::post(add_item))
        .route("/cart/items/{id}", patch(update_item).delete(remove_item))
}

// ---------- stock and prices ----------

/// Index of the variant `id` among `p`'s variants.
pub fn variant_index(p: &Product, id: &str) -> Option<usize> {
    (0..p.variants as usize).find(|i| data::variant_id(p.idx, *i) == id)
}

/// Units the cart may hold: a control override (variant first, then the whole product),
/// else the catalogue's stock.
pub fn available(m: &Mutable, p: &Product, variant: Option<usize>) -> i64 {
    m.stock_overrides
        .get(&(p.idx, variant))
        .or_else(|| variant.and_then(|_| m.stock_overrides.get(&(p.idx, None))))
        .copied()
        .unwrap_or_else(|| match variant {
            Some(v) => p.variant_stock(v),
            None => p.stock,
        })
        .max(0)
}

/// Price of one unit of the product, or of its variant, in kopecks.
pub(crate) fn unit_price(p: &Product, variant: Option<usize>) -> i64 {
    variant
        .map(|v| p.variant_price(v))
        .unwrap_or_else(|| p.live_price())
}

/// Goods of these lines, kopecks.
pub(crate) fn subtotal(catalog: &crate::data::Catalog, lines: &[CartLine]) -> i64 {
    lines
        .iter()
        .map(|l| unit_price(&catalog.products[l.product], l.variant) * l.quantity as i64)
        .sum()
}

/// Rounds `kopecks × percent / 100` to whole kopecks (half up; amounts are never negative).
/// VAT on goods after their discount, added on top (seed 003's cart and checkout examples:
/// `total = subtotal − discount + shipping + tax`). Cart, preview, checkout and orders use it.
pub(crate) fn tax_on(goods: i64) -> i64 {
    percent_of(goods, TAX_PERCENT)
}

pub(crate) fn percent_of(kopecks: i64, percent: i64) -> i64 {
    (kopecks * percent + 50).div_euclid(100)
}

/// The cart's money in kopecks and its counts.
struct Totals {
    subtotal: i64,
    discount: i64,
    tax: i64,
    total: i64,
    item_count: usize,
    total_quantity: u64,
}

fn totals(s: &Shared, lines: &[CartLine]) -> Totals {
    let subtotal = subtotal(&s.catalog, lines);
    let discount = 0;
    let tax = tax_on(subtotal - discount);
    Totals {
        subtotal,
        discount,
        tax,
        total: subtotal - discount + tax,
        item_count: lines.len(),
        total_quantity: lines.iter().map(|l| l.quantity as u64).sum(),
    }
}

/// `cartSummary` of the item answers.
fn short_summary(s: &Shared, lines: &[CartLine]) -> Value {
    let t = totals(s, lines);
    json!({"total": money(t.total), "itemCount": t.item_count, "totalQuantity": t.total_quantity})
}

/// What `POST` and `PATCH /cart/items` answer about the line they changed.
fn line_answer(id: &str, quantity: u64, price: i64, summary: Value) -> Value {
    json!({
        "cartItemId": id,
        "quantity": quantity,
        "unitPrice": money(price),
        "totalPrice": money(price * quantity as i64),
        "cartSummary": summary,
    })
}

fn cart_status(m: &Mutable, p: &Product, variant: Option<usize>) -> &'static str {
    if m.unavailable.contains(&p.idx) {
        "ARCHIVED"
    } else if available(m, p, variant) > 0 {
        "ACTIVE"
    } else {
        "OUT_OF_STOCK"
    }
}

/// The commerce cart's `id` for a user (one cart per account).
pub fn cart_id(m: &Mutable, user_id: &str) -> String {
    let user_no = m
        .users
        .iter()
        .position(|u| u.id == user_id)
        .unwrap_or(m.users.len());
    data::uuid(0xc700, user_no as u64 + 1)
}

/// `CartResponse` (seed 003).
fn cart_json(s: &Shared, m: &Mutable, user: &data::User) -> Value {
    let lines: &[CartLine] = m.carts.get(&user.id).map(Vec::as_slice).unwrap_or(&[]);
    let base = &s.opts.public_base;
    let items: Vec<Value> = lines
        .iter()
        .map(|l| {
            let p = &s.catalog.products[l.product];
            let price = unit_price(p, l.variant);
            json!({
                "id": l.id,
                "product": {
                    "id": product_id(p.idx),
                    "name": p.name,
                    "slug": p.slug(),
                    "sku": match l.variant {
                        Some(v) => format!("SKU-{:06}-{}", p.idx + 1, v + 1),
                        None => format!("SKU-{:06}", p.idx + 1),
                    },
                    "price": money(price),
                    "compareAtPrice": p.compare_at.filter(|c| *c > price).map(money),
                    "thumbnailUrl": (p.images > 0).then(|| image_url(base, p, 1, true)),
                    "status": cart_status(m, p, l.variant),
                    "stockQuantity": available(m, p, l.variant),
                },
                "variantId": l.variant.map(|v| data::variant_id(p.idx, v)),
                "variantAttributes": l.variant.map(|v| json!({p.variant_key(): p.variant_values()[v]})),
                "quantity": l.quantity,
                "unitPrice": money(price),
                "totalPrice": money(price * l.quantity as i64),
                "addedAt": iso(l.added),
            })
        })
        .collect();
    let t = totals(s, lines);
    let partner = |pct: fn(&Product) -> u8| -> Value {
        if user.partner_id.is_none() {
            return Value::Null;
        }
        let sum: i64 = lines
            .iter()
            .map(|l| {
                let p = &s.catalog.products[l.product];
                percent_of(unit_price(p, l.variant) * l.quantity as i64, pct(p) as i64)
            })
            .sum();
        money(sum)
    };
    let updated = m
        .cart_updated
        .get(&user.id)
        .copied()
        .or_else(|| lines.iter().map(|l| l.added).max())
        .unwrap_or_else(unix_now);
    json!({
        "id": cart_id(m, &user.id),
        "items": items,
        "summary": {
            "subtotal": money(t.subtotal),
            "discount": money(t.discount),
            "shipping": null,
            "tax": money(t.tax),
            "total": money(t.total),
            "currency": "RUB",
            "itemCount": t.item_count,
            "totalQuantity": t.total_quantity,
        },
        "appliedCoupons": [],
        "estimatedCommission": partner(|p| p.commission),
        "estimatedCareerPoints": partner(|p| p.points),
        "updatedAt": iso(updated),
    })
}

// ---------- refusals ----------

const QUANTITY_RULE: &str = "Количество — целое число от 1";

fn invalid(errors: Map<String, Value>) -> Response {
    crate::envelope::invalid(Value::Object(errors))
}

fn item_not_found() -> Response {
    fail(
        404,
        "CART_ITEM_NOT_FOUND",
        "Элемент корзины не найден",
        Value::Null,
    )
}

/// The body as an object; anything else counts as an empty one, so the answer names the
/// missing fields (`quantity`, …) rather than the body.
fn body_fields(body: &Bytes) -> Map<String, Value> {
    json_body(body).unwrap_or_default()
}

/// `quantity`: an integer ≥ 1 (JSON `2.0` is not one).
fn quantity(m: &Map<String, Value>) -> Option<u64> {
    m.get("quantity")
        .and_then(Value::as_u64)
        .filter(|q| *q >= 1)
}

/// The lower of the two limits decides which refusal a too-large quantity gets.
fn check_limits(wanted: u64, stock: i64) -> Result<(), Response> {
    let stock = stock.max(0) as u64;
    if stock < MAX_PER_LINE && wanted > stock {
        return Err(fail(
            400,
            "INSUFFICIENT_STOCK",
            &format!("Недостаточно товара на складе: доступно {stock} шт."),
            details("quantity", &format!("Доступно {stock} шт.")),
        ));
    }
    if wanted > MAX_PER_LINE {
        return Err(fail(
            400,
            "MAX_QUANTITY_EXCEEDED",
            &format!(
                "Превышено максимальное количество товара: не более {MAX_PER_LINE} шт. в одной строке"
            ),
            details(
                "quantity",
                &format!("Не более {MAX_PER_LINE} шт. в одной строке"),
            ),
        ));
    }
    Ok(())
}

// ---------- handlers ----------

async fn get_cart(State(s): State<AppState>, headers: HeaderMap) -> Response {
    let Some(user) = s.user(&headers) else {
        return unauthorized();
    };
    let m = s.lock();
    ok(StatusCode::OK, cart_json(&s, &m, &user), None)
}

async fn add_item(State(s): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(user) = s.user(&headers) else {
        return unauthorized();
    };
    let b = body_fields(&body);
    let mut errors = Map::new();
    let product = b.get("productId").and_then(Value::as_str).map(str::trim);
    if product.is_none_or(str::is_empty) {
        errors.insert("productId".into(), json!(["Укажите товар"]));
    }
    let variant = match b.get("variantId") {
        None | Some(Value::Null) => None,
        Some(Value::String(v)) => Some(v.trim().to_string()),
        Some(_) => {
            errors.insert(
                "variantId".into(),
                json!(["Идентификатор варианта — строка"]),
            );
            None
        }
    };
    let qty = quantity(&b);
    if qty.is_none() {
        errors.insert("quantity".into(), json!([QUANTITY_RULE]));
    }
    if !errors.is_empty() {
        return invalid(errors);
    }
    let (product, qty) = (product.unwrap_or_default(), qty.unwrap_or(1));
    let Some(p) = s.catalog.product(product) else {
        return product_not_found();
    };
    let variant = match variant {
        None if p.variants > 0 => {
            let mut e = Map::new();
            e.insert(
                "variantId".into(),
                json!([format!("Выберите вариант товара: {}", p.variant_label())]),
            );
            return invalid(e);
        }
        None => None,
        Some(v) => match variant_index(p, &v) {
            Some(i) => Some(i),
            None => {
                return fail(
                    404,
                    "VARIANT_NOT_FOUND",
                    "Вариант товара не найден",
                    Value::Null,
                )
            }
        },
    };
    let mut m = s.lock();
    if m.unavailable.contains(&p.idx) {
        return fail(
            400,
            "PRODUCT_UNAVAILABLE",
            "Товар недоступен для заказа",
            Value::Null,
        );
    }
    let stock = available(&m, p, variant);
    let lines = m.carts.get(&user.id).cloned().unwrap_or_default();
    let existing = lines
        .iter()
        .position(|l| l.product == p.idx && l.variant == variant);
    let have = existing.map(|i| lines[i].quantity as u64).unwrap_or(0);
    let wanted = have.saturating_add(qty);
    if let Err(r) = check_limits(wanted, stock) {
        return r;
    }
    let now = unix_now();
    let mut lines = lines;
    let line_id = match existing {
        Some(i) => {
            lines[i].quantity = wanted as u32;
            lines[i].id.clone()
        }
        None => {
            m.seq += 1;
            let id = data::uuid(0xf000, m.seq);
            lines.push(CartLine {
                id: id.clone(),
                product: p.idx,
                variant,
                quantity: wanted as u32,
                added: now,
            });
            id
        }
    };
    let price = unit_price(p, variant);
    let summary = short_summary(&s, &lines);
    m.carts.insert(user.id.clone(), lines);
    m.cart_updated.insert(user.id.clone(), now);
    let mut answer = line_answer(&line_id, wanted, price, summary);
    answer["product"] = json!({"id": product_id(p.idx), "name": p.name});
    ok(StatusCode::CREATED, answer, None)
}

async fn update_item(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let Some(user) = s.user(&headers) else {
        return unauthorized();
    };
    let Some(qty) = quantity(&body_fields(&body)) else {
        let mut e = Map::new();
        e.insert("quantity".into(), json!([QUANTITY_RULE]));
        return invalid(e);
    };
    let mut m = s.lock();
    let mut lines = m.carts.get(&user.id).cloned().unwrap_or_default();
    let Some(i) = lines.iter().position(|l| l.id == id) else {
        return item_not_found();
    };
    let p = &s.catalog.products[lines[i].product];
    let variant = lines[i].variant;
    if let Err(r) = check_limits(qty, available(&m, p, variant)) {
        return r;
    }
    lines[i].quantity = qty as u32;
    let price = unit_price(p, variant);
    let summary = short_summary(&s, &lines);
    m.carts.insert(user.id.clone(), lines);
    m.cart_updated.insert(user.id.clone(), unix_now());
    ok(StatusCode::OK, line_answer(&id, qty, price, summary), None)
}

async fn remove_item(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let Some(user) = s.user(&headers) else {
        return unauthorized();
    };
    let mut m = s.lock();
    let mut lines = m.carts.get(&user.id).cloned().unwrap_or_default();
    let Some(i) = lines.iter().position(|l| l.id == id) else {
        return item_not_found();
    };
    lines.remove(i);
    let summary = short_summary(&s, &lines);
    m.carts.insert(user.id.clone(), lines);
    m.cart_updated.insert(user.id.clone(), unix_now());
    ok(
        StatusCode::OK,
        json!({"message": "Item removed from cart", "cartItemId": id, "cartSummary": summary}),
        None,
    )
}

async fn clear_cart(State(s): State<AppState>, headers: HeaderMap) -> Response {
    let Some(user) = s.user(&headers) else {
        return unauthorized();
    };
    let mut m = s.lock();
    let removed = m
        .carts
        .insert(user.id.clone(), Vec::new())
        .map_or(0, |l| l.len());
    m.cart_updated.insert(user.id.clone(), unix_now());
    ok(
        StatusCode::OK,
        json!({"message": "Cart cleared successfully", "itemsRemoved": removed}),
        None,
    )
}
