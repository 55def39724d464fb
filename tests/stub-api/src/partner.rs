//! Partner API (seed 004) — the catalogue extras the storefront composes with commerce:
//! product selections, "also buy", related products, certificates, stock per warehouse,
//! warehouses. Lists are `{data,limit,offset,total}`; errors are `{code,message}`.
//!
//! Products carry the same ids in both systems (the 1C id is the storefront's product id),
//! which is how a real integration keyed by the 1C export would join them.

use crate::data::{self, product_id, uuid, Catalog, Product, Rng};
use crate::envelope::Backend;
use crate::AppState;
use axum::{
    body::Bytes,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};
use serde_json::{json, Value};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/product-selections", post(selections))
        .route(
            "/product-selections/{id}/products",
            post(selection_products),
        )
        .route("/products/warehouses", post(stocks))
        .route("/products/{id}/also-buy", post(also_buy))
        .route("/products/{id}/related", post(related))
        .route("/products/{id}/certificates", post(certificates))
        .route("/warehouses", post(warehouses))
        .route("/warehouses/{id}", get(warehouse))
        .route("/delivery/address/check", post(address_check))
}

/// The selection kinds of seed 004, with their titles.
pub const SELECTIONS: &[(&str, &str)] = &[
    ("NEW", "Новинки"),
    ("HIT", "Хиты продаж"),
    ("PROFIT", "Лучшие цены"),
];

fn selection_id(n: usize) -> String {
    uuid(0x5e00, n as u64 + 1)
}

fn not_found(what: &str) -> Response {
    Backend::Partner.error(
        404,
        "NOT_FOUND",
        &format!("{what} не найден"),
        Value::Null,
        "",
    )
}

fn validation(message: &str) -> Response {
    Backend::Partner.error(400, "VALIDATION_ERROR", message, Value::Null, "")
}

/// `limit` (0..=100, default 50) and `offset` (≥ 0) from an optional JSON body.
fn paging(body: &Bytes) -> Result<(Value, usize, usize), Response> {
    let v: Value = if body.is_empty() {
        json!({})
    } else {
        serde_json::from_slice(body).map_err(|_| validation("Некорректный JSON"))?
    };
    let limit = match v.get("limit") {
        None | Some(Value::Null) => 50,
        Some(l) => match l.as_u64() {
            Some(n) if n <= 100 => n as usize,
            _ => return Err(validation("limit — целое число от 0 до 100")),
        },
    };
    let offset = match v.get("offset") {
        None | Some(Value::Null) => 0,
        Some(o) => o
            .as_u64()
            .ok_or_else(|| validation("offset — целое неотрицательное число"))?
            as usize,
    };
    Ok((v, limit, offset))
}

fn list(all: Vec<Value>, limit: usize, offset: usize) -> Response {
    let total = all.len();
    let data: Vec<Value> = all.into_iter().skip(offset).take(limit).collect();
    (
        StatusCode::OK,
        Json(json!({"data": data, "limit": limit, "offset": offset, "total": total})),
    )
        .into_response()
}

/// A product as the 1C side describes it (seed 004 `Product`).
pub fn product_1c(p: &Product) -> Value {
    json!({
        "id": product_id(p.idx),
        "groupId": uuid(0x6000, p.family as u64 + 1),
        "title": p.name,
        "description": format!("{} {}", p.noun(), p.brand),
        "sku": format!("KR{:05}", 1000 + p.idx),
        "code": format!("{}", 40_000 + p.idx),
    })
}

/// Product indexes of a selection, best first.
pub fn selection_members(c: &Catalog, kind: &str) -> Vec<usize> {
    // The top of an ascending index, in stock only.
    let top = |index: &[u32]| -> Vec<usize> {
        index
            .iter()
            .rev()
            .map(|i| *i as usize)
            .filter(|i| c.products[*i].in_stock())
            .take(12)
            .collect()
    };
    match kind {
        "NEW" => top(&c.by_created),
        "HIT" => top(&c.by_popularity),
        _ => {
            let mut v: Vec<usize> = c
                .products
                .iter()
                .filter(|p| p.in_stock() && p.compare_at.is_some())
                .map(|p| p.idx)
                .collect();
            let off = |i: &usize| {
                let p = &c.products[*i];
                p.compare_at.unwrap_or(p.price) * 1000 / p.price.max(1)
            };
            v.sort_by_key(|i| std::cmp::Reverse(off(i)));
            v.truncate(12);
            v
        }
    }
}

async fn selections(body: Bytes) -> Response {
    let (_, limit, offset) = match paging(&body) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let all = SELECTIONS
        .iter()
        .enumerate()
        .map(|(n, (kind, title))| json!({"id": selection_id(n), "title": title, "type": kind}))
        .collect();
    list(all, limit, offset)
}

async fn selection_products(
    State(s): State<AppState>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let (_, limit, offset) = match paging(&body) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let Some(n) = (0..SELECTIONS.len()).find(|n| selection_id(*n) == id) else {
        return not_found("Подборка");
    };
    let all = selection_members(&s.catalog, SELECTIONS[n].0)
        .into_iter()
        .map(|i| product_1c(&s.catalog.products[i]))
        .collect();
    list(all, limit, offset)
}

/// Products bought together with `p`: from other families, chosen by its index.
pub fn also_buy_members(c: &Catalog, p: &Product) -> Vec<usize> {
    let mut r = Rng::new(p.idx as u64 * 7919 + 1);
    let n = c.products.len();
    let mut out = Vec::new();
    // Every fifth product has nothing to suggest, so the page's empty case is real.
    if p.idx % 5 == 4 {
        return out;
    }
    for _ in 0..40 {
        let q = r.below(n as u64) as usize;
        if q != p.idx && c.products[q].family != p.family && !out.contains(&q) {
            out.push(q);
        }
        if out.len() == 6 {
            break;
        }
    }
    out
}

async fn also_buy(State(s): State<AppState>, Path(id): Path<String>, body: Bytes) -> Response {
    let (_, limit, offset) = match paging(&body) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let Some(p) = s.catalog.product(&id) else {
        return not_found("Товар");
    };
    let all = also_buy_members(&s.catalog, p)
        .into_iter()
        .map(|i| product_1c(&s.catalog.products[i]))
        .collect();
    list(all, limit, offset)
}

async fn related(State(s): State<AppState>, Path(id): Path<String>, body: Bytes) -> Response {
    let (_, limit, offset) = match paging(&body) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let Some(p) = s.catalog.product(&id) else {
        return not_found("Товар");
    };
    let all = s
        .catalog
        .products
        .iter()
        .filter(|q| q.family == p.family && q.idx != p.idx)
        .take(8)
        .map(product_1c)
        .collect();
    list(all, limit, offset)
}

/// Certificates: products of even families have a declaration and a certificate.
pub fn certificate_list(base: &str, p: &Product) -> Vec<Value> {
    if p.family % 2 == 1 {
        return Vec::new();
    }
    let id = product_id(p.idx);
    vec![
        json!({"id": uuid(0xce00, p.idx as u64 * 2 + 1), "title": "Сертификат соответствия ЕАЭС",
               "path": format!("{base}/media/certificates/{id}-sert.pdf"), "mimeType": "application/pdf"}),
        json!({"id": uuid(0xce00, p.idx as u64 * 2 + 2), "title": "Декларация о соответствии",
               "path": format!("{base}/media/certificates/{id}-decl.pdf"), "mimeType": "application/pdf"}),
    ]
}

async fn certificates(State(s): State<AppState>, Path(id): Path<String>, body: Bytes) -> Response {
    let (_, limit, offset) = match paging(&body) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let Some(p) = s.catalog.product(&id) else {
        return not_found("Товар");
    };
    list(certificate_list(&s.opts.public_base, p), limit, offset)
}

/// Units of `p` held at warehouse `w` (0-based in `data::warehouses()`).
pub fn stock_at(p: &Product, w: usize) -> i64 {
    if !p.in_stock() {
        return 0;
    }
    let mut r = Rng::new(p.idx as u64 * 31 + w as u64);
    // Roughly a third of the places have none, so "nowhere near you" happens too.
    if r.chance(35) {
        0
    } else {
        1 + r.below(p.stock.max(1) as u64) as i64
    }
}

async fn stocks(State(s): State<AppState>, body: Bytes) -> Response {
    let (v, limit, offset) = match paging(&body) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let Some(ids) = v.get("productIds").and_then(Value::as_array) else {
        return validation("productIds — обязательный массив идентификаторов");
    };
    if ids.is_empty() {
        return validation("productIds — минимум один идентификатор");
    }
    let whs = data::warehouses();
    let mut all = Vec::new();
    let mut seen = Vec::new();
    for id in ids {
        let Some(id) = id.as_str() else {
            return validation("productIds — строки");
        };
        if seen.contains(&id) {
            return validation("productIds — идентификаторы не должны повторяться");
        }
        seen.push(id);
        let Some(p) = s.catalog.product(id) else {
            continue;
        };
        let stock: Vec<Value> = whs
            .iter()
            .enumerate()
            .map(|(w, wh)| json!({"warehouseId": wh["id"], "quantity": stock_at(p, w)}))
            .collect();
        all.push(json!({"productId": id, "stock": stock}));
    }
    list(all, limit, offset)
}

async fn warehouses(State(s): State<AppState>, body: Bytes) -> Response {
    let (_, limit, offset) = match paging(&body) {
        Ok(p) => p,
        Err(e) => return e,
    };
    list(s.warehouses(), limit, offset)
}

async fn warehouse(State(s): State<AppState>, Path(id): Path<String>) -> Response {
    match s.warehouses().into_iter().find(|w| w["id"] == json!(id)) {
        Some(w) => (StatusCode::OK, Json(w)).into_response(),
        None => not_found("Склад"),
    }
}

/// `POST /delivery/address/check` `{kladrCode}` → `{deliveryEnabled}`: the stub delivers
/// everywhere but Chukotka (KLADR `87…`), docs/integration.md §9.
async fn address_check(body: Bytes) -> Response {
    let v: Value = match serde_json::from_slice(&body) {
        Ok(v @ Value::Object(_)) => v,
        _ => return validation("Тело запроса — объект JSON с kladrCode"),
    };
    let code = match v.get("kladrCode") {
        Some(Value::String(c)) => c.trim(),
        None | Some(Value::Null) => return validation("kladrCode — обязательное поле"),
        Some(_) => return validation("kladrCode — строка из цифр"),
    };
    if code.len() < 2 || code.len() > 25 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return validation("kladrCode — строка из цифр");
    }
    let enabled = !code.starts_with(crate::addresses::CHUKOTKA_KLADR);
    (StatusCode::OK, Json(json!({"deliveryEnabled": enabled}))).into_response()
}
