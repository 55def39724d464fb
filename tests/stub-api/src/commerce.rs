//! Commerce API (seed 003): sign-in and catalog reads here; the cart, checkout, addresses,
//! shipping and orders in their own modules, merged into [`routes`].

use crate::data::{self, category_id, iso, money, product_id, Catalog, Product, Rng, User, TAGS};
use crate::envelope::{fail, ok, pagination};
use crate::{hostile, unix_now, AppState, Otp};
use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::Response,
    routing::{get, post},
    Router,
};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::time::{Duration, Instant};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/auth/otp/request", post(otp_request))
        .route("/auth/otp/verify", post(otp_verify))
        .route("/products", get(products))
        .route("/products/{id}", get(product))
        .route("/products/{id}/reviews", get(reviews).post(create_review))
        .route("/categories", get(categories))
        .route("/categories/{id}", get(category))
        .merge(crate::cart::routes())
        .merge(crate::checkout::routes())
        .merge(crate::addresses::routes())
        .merge(crate::shipping::routes())
        .merge(crate::orders::routes())
}

pub(crate) fn details(field: &str, msg: &str) -> Value {
    json!({ field: [msg] })
}

fn validation(d: Value) -> Response {
    fail(400, "VALIDATION_ERROR", "Неверные параметры запроса", d)
}

/// Reads a JSON body, or answers in the commerce envelope why it could not.
pub(crate) fn json_body(body: &Bytes) -> Result<Map<String, Value>, Response> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(fail(
            400,
            "VALIDATION_ERROR",
            "Тело запроса должно быть объектом JSON",
            details("body", "Некорректный JSON"),
        )),
    }
}

fn str_field<'a>(m: &'a Map<String, Value>, k: &str) -> Option<&'a str> {
    m.get(k)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

pub(crate) fn unauthorized() -> Response {
    fail(
        401,
        "UNAUTHORIZED",
        "Неверный или истекший токен доступа",
        Value::Null,
    )
}

// ---------- sign-in ----------

pub(crate) fn valid_phone(p: &str) -> bool {
    p.len() == 12 && p.starts_with("+7") && p[2..].bytes().all(|b| b.is_ascii_digit())
}

async fn otp_request(State(s): State<AppState>, body: Bytes) -> Response {
    let m = match json_body(&body) {
        Ok(m) => m,
        Err(r) => return r,
    };
    let phone = str_field(&m, "phone").unwrap_or("");
    if !valid_phone(phone) {
        return validation(details(
            "phone",
            "Телефон должен быть в формате +7XXXXXXXXXX",
        ));
    }
    let cooldown = Duration::from_secs(s.opts.otp_cooldown_secs);
    let mut st = s.lock();
    if let Some(prev) = st.otps.get(phone) {
        let since = prev.sent.elapsed();
        if since < cooldown {
            let wait = (cooldown - since).as_secs().max(1);
            drop(st);
            let mut r = fail(
                429,
                "RATE_LIMIT_EXCEEDED",
                "Код уже отправлен, повторите позже",
                Value::Null,
            );
            if let Ok(v) = wait.to_string().parse() {
                r.headers_mut().insert("retry-after", v);
            }
            return r;
        }
    }
    st.otps.insert(
        phone.to_string(),
        Otp {
            code: data::DEMO_CODE.into(),
            expires: Instant::now() + Duration::from_secs(300),
            sent: Instant::now(),
        },
    );
    ok(StatusCode::OK, json!({"expiresIn": 300}), None)
}

async fn otp_verify(State(s): State<AppState>, body: Bytes) -> Response {
    let m = match json_body(&body) {
        Ok(m) => m,
        Err(r) => return r,
    };
    let phone = str_field(&m, "phone").unwrap_or("");
    let code = str_field(&m, "code").unwrap_or("");
    if !valid_phone(phone) {
        return validation(details(
            "phone",
            "Телефон должен быть в формате +7XXXXXXXXXX",
        ));
    }
    if code.is_empty() {
        return validation(details("code", "Введите код из сообщения"));
    }
    let mut st = s.lock();
    let Some(otp) = st.otps.get(phone).cloned() else {
        return fail(
            400,
            "CODE_EXPIRED",
            "Код истёк или не запрашивался. Запросите новый",
            Value::Null,
        );
    };
    if otp.expires < Instant::now() {
        st.otps.remove(phone);
        return fail(
            400,
            "CODE_EXPIRED",
            "Код истёк или не запрашивался. Запросите новый",
            Value::Null,
        );
    }
    if otp.code != code {
        return fail(
            400,
            "INVALID_CODE",
            "Неверный код",
            details("code", "Неверный код"),
        );
    }
    st.otps.remove(phone);
    let user = match st.users.iter().find(|u| u.phone == phone) {
        Some(u) => u.clone(),
        None => {
            st.seq += 1;
            let u = User {
                id: data::uuid(0xb100, st.seq),
                name: "Покупатель".into(),
                phone: phone.into(),
                email: None,
                partner_id: None,
            };
            st.users.push(u.clone());
            u
        }
    };
    st.seq += 1;
    let token = format!(
        "tok_{:016x}{:08x}",
        Rng::new(st.seq ^ unix_now() as u64).next_u64(),
        st.seq
    );
    let ttl = s.opts.token_ttl_secs;
    st.tokens.insert(
        token.clone(),
        (user.id.clone(), Instant::now() + Duration::from_secs(ttl)),
    );
    ok(
        StatusCode::OK,
        json!({"accessToken": token, "expiresIn": ttl, "user": user.to_json()}),
        None,
    )
}

// ---------- catalog ----------

pub(crate) fn image_url(base: &str, p: &Product, n: u8, thumb: bool) -> String {
    if let Some(url) = hostile::image_url(base, p) {
        return url;
    }
    format!(
        "{base}/media/products/{}/{n}{}.svg",
        product_id(p.idx),
        if thumb { "-thumb" } else { "" }
    )
}

fn images(base: &str, p: &Product, with_position: bool) -> Vec<Value> {
    (1..=p.images)
        .map(|n| {
            let mut img = json!({
                "id": format!("img-{}-{n}", p.idx + 1),
                "url": image_url(base, p, n, false),
                "thumbnailUrl": image_url(base, p, n, true),
                "alt": if n == 1 { Value::from(p.name.clone()) } else { Value::from(format!("{} — фото {n}", p.name)) },
                "isPrimary": n == 1,
            });
            if with_position {
                img["position"] = json!(n);
            }
            img
        })
        .collect()
}

fn description(p: &Product) -> String {
    format!(
        "{} от {} — надёжное решение для дома и объекта. Гарантия производителя, сертифицировано для России. \
         Доставим курьером или подготовим к самовывозу из магазина.",
        p.noun(),
        p.brand
    )
}

fn short_description(p: &Product) -> Option<String> {
    (!p.idx.is_multiple_of(5)).then(|| {
        format!(
            "{} {}, гарантия {} года",
            p.noun().to_lowercase(),
            p.brand,
            1 + p.idx % 3
        )
    })
}

fn status(p: &Product) -> &'static str {
    if p.in_stock() {
        "ACTIVE"
    } else {
        "OUT_OF_STOCK"
    }
}

/// `Product` of the list (seed 003).
pub fn product_json(c: &Catalog, base: &str, p: &Product) -> Value {
    let cat = &c.categories[p.category];
    let mut v = json!({
        "id": product_id(p.idx),
        "name": p.name,
        "slug": p.slug(),
        "description": description(p),
        "shortDescription": short_description(p),
        "price": money(p.live_price()),
        "compareAtPrice": p.compare_at.map(money),
        "currency": "RUB",
        "sku": format!("SKU-{:06}", p.idx + 1),
        "status": status(p),
        "stockQuantity": p.stock,
        "category": {"id": category_id(cat.idx), "name": cat.name, "slug": cat.slug},
        "images": images(base, p, false),
        "tags": p.tag_names(),
        "rating": {"average": p.rating_average(), "count": p.rating_count()},
        "commissionPercentage": p.commission,
        "careerPointsPercentage": p.points,
        "createdAt": iso(data::EPOCH_2025 + p.created),
    });
    hostile::product(p, &mut v);
    v
}

fn distribution(p: &Product) -> Value {
    json!({"1": p.dist[0], "2": p.dist[1], "3": p.dist[2], "4": p.dist[3], "5": p.dist[4]})
}

/// `GET /products/:id` (seed 003).
pub fn product_detail_json(c: &Catalog, base: &str, p: &Product) -> Value {
    let mut v = product_json(c, base, p);
    let crumbs: Vec<Value> = c
        .breadcrumb(p.category)
        .into_iter()
        .map(|i| c.crumb(i))
        .collect();
    v["category"]["breadcrumb"] = json!(crumbs);
    v["images"] = json!(images(base, p, true));
    v["trackInventory"] = json!(true);
    v["weight"] = json!(200 + (p.idx % 40) * 250);
    v["dimensions"] =
        json!({"length": 10 + p.idx % 60, "width": 10 + p.idx % 30, "height": 5 + p.idx % 80});
    v["variants"] = json!(p
        .variant_values()
        .iter()
        .enumerate()
        .map(|(i, val)| json!({
            "id": data::variant_id(p.idx, i),
            "name": format!("{}: {}", p.variant_label(), val),
            "sku": format!("SKU-{:06}-{}", p.idx + 1, i + 1),
            "price": money(p.variant_price(i)),
            "stockQuantity": p.variant_stock(i),
            "attributes": {p.variant_key(): val},
        }))
        .collect::<Vec<_>>());
    let country = ["Россия", "Германия", "Италия", "Китай", "Южная Корея"][p.idx % 5];
    // Keys as seed 003 writes them (`servingSize`, `form`): the backend's camelCase English.
    v["attributes"] = json!({
        "brand": p.brand,
        "countryOfOrigin": country,
        "warranty": format!("{} мес.", 12 * (1 + p.idx % 3)),
        "manufacturerSku": format!("{}-{:05}", p.brand.chars().take(3).collect::<String>().to_uppercase(), p.idx * 13 % 100_000),
    });
    v["rating"]["distribution"] = distribution(p);
    let related: Vec<Value> = (1..=4)
        .map(|k| (p.idx + k * 37) % c.products.len())
        .filter(|i| *i != p.idx)
        .map(|i| {
            let r = &c.products[i];
            json!({"id": product_id(i), "name": r.name, "slug": r.slug(), "price": money(r.price), "thumbnailUrl": image_url(base, r, 1, true)})
        })
        .collect();
    v["relatedProducts"] = json!(related);
    v["updatedAt"] = json!(iso(data::EPOCH_2025 + p.created + 86_400 * 7));
    hostile::product_detail(p, &mut v);
    v
}

/// The list filters of `GET /products` (and, as an extension, `GET /categories/:id`).
struct ListQuery {
    page: u64,
    page_size: u64,
    category: Option<Vec<bool>>,
    in_stock: Option<bool>,
    min: Option<i64>,
    max: Option<i64>,
    words: Vec<String>,
    tags: u8,
    sort: &'static str,
    desc: bool,
}

fn parse_list(
    c: &Catalog,
    q: &HashMap<String, String>,
    allow_category: bool,
) -> Result<ListQuery, Value> {
    let mut errors = Map::new();
    let mut err = |k: &str, m: &str| {
        errors.insert(k.to_string(), json!([m]));
    };
    let int = |k: &str, default: u64| -> Result<u64, ()> {
        match q.get(k).map(|v| v.trim()) {
            None | Some("") => Ok(default),
            Some(v) => v.parse::<u64>().map_err(|_| ()),
        }
    };
    let page = int("page", 1).unwrap_or(0);
    if page < 1 {
        err("page", "Номер страницы — целое число от 1");
    }
    let page_size = int("pageSize", 20).unwrap_or(0);
    if !(1..=100).contains(&page_size) {
        err("pageSize", "Размер страницы — целое число от 1 до 100");
    }
    let price = |k: &str| -> Result<Option<i64>, ()> {
        match q.get(k).map(|v| v.trim()) {
            None | Some("") => Ok(None),
            Some(v) => match v.parse::<f64>() {
                Ok(f) if f.is_finite() && f >= 0.0 => Ok(Some((f * 100.0).round() as i64)),
                _ => Err(()),
            },
        }
    };
    let min = price("minPrice").unwrap_or_else(|_| {
        err("minPrice", "Цена — неотрицательное число");
        None
    });
    let max = price("maxPrice").unwrap_or_else(|_| {
        err("maxPrice", "Цена — неотрицательное число");
        None
    });
    if let (Some(a), Some(b)) = (min, max) {
        if a > b {
            err("minPrice", "Минимальная цена больше максимальной");
        }
    }
    let in_stock = match q.get("status").map(String::as_str) {
        None | Some("") => None,
        Some("ACTIVE") => Some(true),
        Some("OUT_OF_STOCK") => Some(false),
        Some(_) => {
            err("status", "Допустимые значения: ACTIVE, OUT_OF_STOCK");
            None
        }
    };
    let sort = match q.get("sortBy").map(String::as_str) {
        None | Some("") | Some("popularity") => "popularity",
        Some("price") => "price",
        Some("name") => "name",
        Some("createdAt") => "createdAt",
        Some(_) => {
            err(
                "sortBy",
                "Допустимые значения: price, name, createdAt, popularity",
            );
            "popularity"
        }
    };
    let desc = match q.get("sortOrder").map(String::as_str) {
        None | Some("") => sort == "popularity" || sort == "createdAt",
        Some("asc") => false,
        Some("desc") => true,
        Some(_) => {
            err("sortOrder", "Допустимые значения: asc, desc");
            false
        }
    };
    let category = if allow_category {
        q.get("categoryId")
            .filter(|v| !v.is_empty())
            .map(|id| match c.category_by_id(id) {
                Some(idx) => c.subtree(idx),
                // An unknown category filters everything out rather than failing.
                None => vec![false; c.categories.len()],
            })
    } else {
        None
    };
    let mut tags = 0u8;
    if let Some(t) = q.get("tags") {
        for name in t.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            if let Some(i) = TAGS.iter().position(|x| *x == name) {
                tags |= 1 << i;
            } else {
                // An unknown tag matches nothing, but is not an error.
                tags |= 1 << 7;
            }
        }
    }
    let words = q
        .get("search")
        .map(|s| {
            s.to_lowercase()
                .split_whitespace()
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    if !errors.is_empty() {
        return Err(Value::Object(errors));
    }
    Ok(ListQuery {
        page,
        page_size,
        category,
        in_stock,
        min,
        max,
        words,
        tags,
        sort,
        desc,
    })
}

impl ListQuery {
    fn matches(&self, p: &Product) -> bool {
        if let Some(mask) = &self.category {
            if !mask[p.category] {
                return false;
            }
        }
        if let Some(s) = self.in_stock {
            if p.in_stock() != s {
                return false;
            }
        }
        if self.min.is_some_and(|m| p.price < m) || self.max.is_some_and(|m| p.price > m) {
            return false;
        }
        if self.tags != 0 && p.tags & self.tags == 0 {
            return false;
        }
        self.words.iter().all(|w| p.search.contains(w.as_str()))
    }

    /// Walks the pre-sorted index once: counts every match, keeps only this page.
    fn run<'a>(&self, c: &'a Catalog, within: Option<&[bool]>) -> (Vec<&'a Product>, u64) {
        let order: &[u32] = match self.sort {
            "price" => &c.by_price,
            "name" => &c.by_name,
            "createdAt" => &c.by_created,
            _ => &c.by_popularity,
        };
        let skip = (self.page.saturating_sub(1)) * self.page_size;
        let mut total = 0u64;
        let mut page = Vec::with_capacity(self.page_size as usize);
        let mut visit = |i: &u32| {
            let p = &c.products[*i as usize];
            if within.is_some_and(|m| !m[p.category]) || !self.matches(p) {
                return;
            }
            if total >= skip && (page.len() as u64) < self.page_size {
                page.push(p);
            }
            total += 1;
        };
        if self.desc {
            order.iter().rev().for_each(&mut visit);
        } else {
            order.iter().for_each(&mut visit);
        }
        (page, total)
    }
}

async fn products(State(s): State<AppState>, Query(q): Query<HashMap<String, String>>) -> Response {
    let lq = match parse_list(&s.catalog, &q, true) {
        Ok(lq) => lq,
        Err(d) => return validation(d),
    };
    let (page, total) = lq.run(&s.catalog, None);
    let items: Vec<Value> = page
        .iter()
        .map(|p| product_json(&s.catalog, &s.opts.public_base, p))
        .collect();
    ok(
        StatusCode::OK,
        json!({"products": items}),
        Some(pagination(total, lq.page, lq.page_size)),
    )
}

pub(crate) fn product_not_found() -> Response {
    fail(404, "PRODUCT_NOT_FOUND", "Товар не найден", Value::Null)
}

async fn product(State(s): State<AppState>, Path(id): Path<String>) -> Response {
    match s.catalog.product(&id) {
        Some(p) => ok(
            StatusCode::OK,
            product_detail_json(&s.catalog, &s.opts.public_base, p),
            None,
        ),
        None => product_not_found(),
    }
}

const REVIEW_NAMES: &[&str] = &[
    "Алексей К.",
    "Мария С.",
    "Дмитрий П.",
    "Елена В.",
    "Сергей Н.",
    "Ольга Т.",
    "Игорь Л.",
    "Наталья Р.",
];
const REVIEW_TITLES: &[&str] = &[
    "Отличная покупка",
    "Всё как в описании",
    "Работает без нареканий",
    "Есть нюансы",
    "Не оправдал ожиданий",
    "Рекомендую",
];
const PROS: &[&str] = &[
    "Качественная сборка",
    "Тихо работает",
    "Простой монтаж",
    "Хорошая цена",
    "Быстрая доставка",
    "Понятная инструкция",
];
const CONS: &[&str] = &[
    "Короткий шнур",
    "Инструкция только на английском",
    "Тяжёлый",
    "Шумит на максимуме",
];

/// Reviews of a product, generated to match its rating distribution exactly.
pub(crate) fn product_reviews(base: &str, p: &Product) -> Vec<Value> {
    let mut out = Vec::new();
    let mut n = 0u64;
    for star in (1..=5u64).rev() {
        for _ in 0..p.dist[star as usize - 1] {
            n += 1;
            let mut r = Rng::new(p.idx as u64 * 100_003 + n);
            let created = data::EPOCH_2025 + p.created + r.below(300 * 86_400) as i64;
            let pros: Vec<&str> = if r.chance(60) {
                (0..1 + r.below(3)).map(|_| *r.pick(PROS)).collect()
            } else {
                vec![]
            };
            let cons: Vec<&str> = if star <= 4 && r.chance(60) {
                (0..1 + r.below(2)).map(|_| *r.pick(CONS)).collect()
            } else {
                vec![]
            };
            let with_images = r.chance(15);
            let response = n.is_multiple_of(3).then(|| {
                json!({
                    "content": "Спасибо за отзыв! Мы передали ваши замечания производителю.",
                    "respondedAt": iso(created + 86_400),
                })
            });
            out.push(json!({
                "id": data::uuid(0x7000, p.idx as u64 * 10_000 + n),
                "author": {
                    "id": data::uuid(0xb200, r.below(5000)),
                    "name": *r.pick(REVIEW_NAMES),
                    "avatarUrl": null,
                    "isVerifiedPurchaser": r.chance(70),
                },
                "rating": star,
                "title": if r.chance(80) { Value::from(*r.pick(REVIEW_TITLES)) } else { Value::Null },
                "content": format!("{} {} — пользуюсь уже {} мес. {}", p.noun(), p.brand, 1 + r.below(18),
                    if star >= 4 { "Доволен, свою задачу выполняет полностью." } else { "Есть недочёты, но в целом работает." }),
                "pros": pros,
                "cons": cons,
                "helpfulCount": r.below(60),
                "isHelpful": null,
                "images": if with_images { json!([{"url": image_url(base, p, 1, false), "thumbnailUrl": image_url(base, p, 1, true)}]) } else { json!([]) },
                "response": response,
                "createdAt": iso(created),
                "updatedAt": null,
            }));
        }
    }
    hostile::reviews(p, &mut out);
    out
}

async fn reviews(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let Some(p) = s.catalog.product(&id) else {
        return product_not_found();
    };
    let mut errors = Map::new();
    let num = |k: &str, d: u64| q.get(k).map(|v| v.parse::<u64>().ok()).unwrap_or(Some(d));
    let page = num("page", 1).filter(|v| *v >= 1);
    let page_size = num("pageSize", 10).filter(|v| (1..=50).contains(v));
    let rating = match q.get("rating") {
        None => Some(None),
        Some(v) => v
            .parse::<u64>()
            .ok()
            .filter(|r| (1..=5).contains(r))
            .map(Some),
    };
    if page.is_none() {
        errors.insert("page".into(), json!(["Номер страницы — целое число от 1"]));
    }
    if page_size.is_none() {
        errors.insert("pageSize".into(), json!(["Размер страницы — от 1 до 50"]));
    }
    if rating.is_none() {
        errors.insert("rating".into(), json!(["Рейтинг — число от 1 до 5"]));
    }
    let sort = q.get("sortBy").map(String::as_str).unwrap_or("createdAt");
    if !["createdAt", "rating", "helpful"].contains(&sort) {
        errors.insert(
            "sortBy".into(),
            json!(["Допустимые значения: createdAt, rating, helpful"]),
        );
    }
    let desc = match q.get("sortOrder").map(String::as_str) {
        None | Some("desc") => true,
        Some("asc") => false,
        Some(_) => {
            errors.insert(
                "sortOrder".into(),
                json!(["Допустимые значения: asc, desc"]),
            );
            true
        }
    };
    if !errors.is_empty() {
        return validation(Value::Object(errors));
    }
    let (page, page_size, rating) = (page.unwrap_or(1), page_size.unwrap_or(10), rating.flatten());
    let mut all = product_reviews(&s.opts.public_base, p);
    // The author sees their own reviews while they wait for moderation.
    if let Some(u) = s.user(&headers) {
        let m = s.lock();
        all.extend(
            m.reviews
                .iter()
                .filter(|(uid, idx, _)| *uid == u.id && *idx == p.idx)
                .map(|(_, _, v)| v.clone()),
        );
    }
    if let Some(r) = rating {
        all.retain(|v| v["rating"] == json!(r));
    }
    let key = match sort {
        "rating" => "rating",
        "helpful" => "helpfulCount",
        _ => "createdAt",
    };
    all.sort_by(|a, b| {
        let o = match key {
            "createdAt" => a[key].as_str().cmp(&b[key].as_str()),
            _ => a[key].as_u64().cmp(&b[key].as_u64()),
        };
        if desc {
            o.reverse()
        } else {
            o
        }
    });
    // The author's reviews awaiting moderation come first, whatever the order.
    all.sort_by_key(|v| v["status"] != json!("PENDING"));
    let total = all.len() as u64;
    let items: Vec<Value> = all
        .into_iter()
        .skip(((page - 1) * page_size) as usize)
        .take(page_size as usize)
        .collect();
    ok(
        StatusCode::OK,
        json!({
            "reviews": items,
            "summary": {"average": p.rating_average(), "count": p.rating_count(), "distribution": distribution(p)},
        }),
        Some(pagination(total, page, page_size)),
    )
}

/// `POST /products/:id/reviews`: the seed's rules, NOT_PURCHASED, ALREADY_REVIEWED, PENDING.
async fn create_review(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let Some(user) = s.user(&headers) else {
        return unauthorized();
    };
    let Some(p) = s.catalog.product(&id) else {
        return product_not_found();
    };
    let m = match json_body(&body) {
        Ok(m) => m,
        Err(e) => return e,
    };
    let mut errors = Map::new();
    let rating = m
        .get("rating")
        .and_then(Value::as_u64)
        .filter(|r| (1..=5).contains(r));
    if rating.is_none() {
        errors.insert("rating".into(), json!(["Оценка — целое число от 1 до 5"]));
    }
    let title = match m.get("title") {
        None | Some(Value::Null) => None,
        Some(Value::String(t)) if t.chars().count() <= 100 => Some(t.trim().to_string()),
        Some(_) => {
            errors.insert(
                "title".into(),
                json!(["Заголовок — не длиннее 100 символов"]),
            );
            None
        }
    };
    let content = m
        .get("content")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_string();
    if !(10..=2000).contains(&content.chars().count()) {
        errors.insert(
            "content".into(),
            json!(["Текст отзыва — от 10 до 2000 символов"]),
        );
    }
    let mut list = |k: &str, name: &str| -> Vec<String> {
        match m.get(k) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(a))
                if a.len() <= 5
                    && a.iter().all(|v| {
                        v.as_str().is_some_and(|t| {
                            let n = t.trim().chars().count();
                            (1..=100).contains(&n)
                        })
                    }) =>
            {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(|t| t.trim().to_string())
                    .collect()
            }
            Some(_) => {
                errors.insert(
                    k.into(),
                    json!([format!("{name}: не больше 5 пунктов по 100 символов")]),
                );
                Vec::new()
            }
        }
    };
    let pros = list("pros", "Достоинства");
    let cons = list("cons", "Недостатки");
    if !errors.is_empty() {
        return validation(Value::Object(errors));
    }
    let mut st = s.lock();
    let bought = st
        .orders
        .iter()
        .any(|o| o.user_id == user.id && o.lines.iter().any(|(idx, _, _)| *idx == p.idx));
    if !bought {
        return fail(
            403,
            "NOT_PURCHASED",
            "Для отзыва необходимо приобрести товар",
            Value::Null,
        );
    }
    if st
        .reviews
        .iter()
        .any(|(uid, idx, _)| *uid == user.id && *idx == p.idx)
    {
        return fail(
            409,
            "ALREADY_REVIEWED",
            "Пользователь уже оставил отзыв на этот товар",
            Value::Null,
        );
    }
    st.seq += 1;
    let now = iso(unix_now());
    let review = json!({
        "id": data::uuid(0x7100, st.seq),
        "author": {"id": user.id, "name": user.name, "avatarUrl": null, "isVerifiedPurchaser": true},
        "rating": rating.unwrap_or(5),
        "title": title.filter(|t| !t.is_empty()),
        "content": content,
        "pros": pros,
        "cons": cons,
        "helpfulCount": 0,
        "isHelpful": null,
        "images": [],
        "response": null,
        "status": "PENDING",
        "createdAt": now,
        "updatedAt": null,
    });
    st.reviews.push((user.id.clone(), p.idx, review.clone()));
    let created = json!({
        "id": review["id"], "rating": review["rating"], "title": review["title"],
        "content": review["content"], "pros": review["pros"], "cons": review["cons"],
        "status": "PENDING", "createdAt": review["createdAt"],
    });
    ok(StatusCode::CREATED, created, None)
}

fn product_counts(c: &Catalog) -> Vec<u64> {
    let mut direct = vec![0u64; c.categories.len()];
    for p in &c.products {
        direct[p.category] += 1;
    }
    let mut total = vec![0u64; c.categories.len()];
    for (i, t) in total.iter_mut().enumerate() {
        *t = c
            .subtree(i)
            .iter()
            .enumerate()
            .filter(|(_, m)| **m)
            .map(|(k, _)| direct[k])
            .sum();
    }
    total
}

/// Fields every category shape starts with.
fn category_head(c: &Catalog, base: &str, idx: usize) -> Value {
    let cat = &c.categories[idx];
    json!({
        "id": category_id(idx),
        "name": cat.name,
        "slug": cat.slug,
        "description": cat.description,
        "imageUrl": format!("{base}/media/categories/{}.svg", category_id(idx)),
    })
}

fn category_json(c: &Catalog, base: &str, idx: usize, counts: Option<&[u64]>) -> Value {
    let cat = &c.categories[idx];
    let mut v = category_head(c, base, idx);
    let rest = json!({
        "parentId": cat.parent.map(category_id),
        "level": cat.level,
        "position": cat.position,
        "productCount": counts.map(|n| n[idx]),
        "children": cat.children.iter().map(|ch| category_json(c, base, *ch, counts)).collect::<Vec<_>>(),
        "isActive": true,
    });
    merge(&mut v, rest);
    v
}

/// Adds `extra`'s fields to `v` (both objects).
fn merge(v: &mut Value, extra: Value) {
    if let (Value::Object(a), Value::Object(b)) = (v, extra) {
        a.extend(b);
    }
}

async fn categories(
    State(s): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let c = &s.catalog;
    let include = match q.get("includeProducts").map(String::as_str) {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => {
            return validation(details(
                "includeProducts",
                "Допустимые значения: true, false",
            ))
        }
    };
    let counts = include.then(|| product_counts(c));
    let ids: Vec<usize> = match q.get("parentId").map(String::as_str) {
        None | Some("null") | Some("") => c.roots.clone(),
        Some(id) => match c.category_by_id(id) {
            Some(i) => c.categories[i].children.clone(),
            None => return validation(details("parentId", "Категория не найдена")),
        },
    };
    let list: Vec<Value> = ids
        .iter()
        .map(|i| category_json(c, &s.opts.public_base, *i, counts.as_deref()))
        .collect();
    ok(StatusCode::OK, json!({"categories": list}), None)
}

async fn category(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let c = &s.catalog;
    let Some(idx) = c.category_by_id(&id) else {
        return fail(
            404,
            "CATEGORY_NOT_FOUND",
            "Категория не найдена",
            Value::Null,
        );
    };
    let lq = match parse_list(c, &q, false) {
        Ok(lq) => lq,
        Err(d) => return validation(d),
    };
    let mask = c.subtree(idx);
    let (page, total) = lq.run(c, Some(&mask));
    let counts = product_counts(c);
    let in_cat: Vec<&Product> = c.products.iter().filter(|p| mask[p.category]).collect();
    let min = in_cat.iter().map(|p| p.price).min().unwrap_or(0);
    let max = in_cat.iter().map(|p| p.price).max().unwrap_or(0);
    let tags: Vec<Value> = TAGS
        .iter()
        .enumerate()
        .map(|(t, name)| (name, in_cat.iter().filter(|p| p.has_tag(t)).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(name, n)| json!({"name": name, "count": n}))
        .collect();
    let cat = &c.categories[idx];
    let base = &s.opts.public_base;
    let mut v = category_head(c, base, idx);
    merge(
        &mut v,
        json!({
            "parent": cat.parent.map(|p| c.crumb(p)),
            "breadcrumb": c.breadcrumb(idx).into_iter().map(|i| c.crumb(i)).collect::<Vec<_>>(),
            "children": cat.children.iter().map(|ch| json!({
                "id": category_id(*ch), "name": c.categories[*ch].name,
                "slug": c.categories[*ch].slug, "productCount": counts[*ch],
            })).collect::<Vec<_>>(),
            "products": page.iter().map(|p| product_json(c, base, p)).collect::<Vec<_>>(),
            "filters": {"priceRange": {"min": money(min), "max": money(max)}, "tags": tags},
        }),
    );
    ok(
        StatusCode::OK,
        v,
        Some(pagination(total, lq.page, lq.page_size)),
    )
}
