//! Everything every request passes through: request id, injected faults, rate limits,
//! Idempotency-Key, counters, CORS. Handlers stay about the shop.

use crate::envelope::Backend;
use crate::{unix_now, AppState};
use axum::{
    body::{Body, Bytes},
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use serde_json::{json, Value};
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::time::Duration;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// The request id of the current request, for handlers that put it in bodies.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

/// A fixed rate-limit window for one client and bucket.
#[derive(Clone, Debug)]
pub struct Window {
    pub started: i64,
    pub count: u64,
}

/// (client, method, path, key): a key is only meaningful for the same caller and call.
pub type IdemKey = (String, String, String, String);

#[derive(Clone, Debug)]
pub enum IdemEntry {
    InFlight {
        body_hash: u64,
    },
    Done {
        body_hash: u64,
        status: u16,
        headers: Vec<(String, String)>,
        body: Bytes,
    },
}

/// A limit from the seeds: how many per window, and the policy name sent back.
struct Bucket {
    name: &'static str,
    limit: u64,
    window_secs: i64,
    policy: &'static str,
}

fn bucket(state: &AppState, method: &Method, path: &str) -> Option<Bucket> {
    let minute = state.opts.rate_window_secs.max(1) as i64;
    let b = |name, limit, window_secs, policy| {
        Some(Bucket {
            name,
            limit,
            window_secs,
            policy,
        })
    };
    if let Some(rest) = path.strip_prefix("/commerce/api/v1") {
        if rest == "/cart/checkout" && method == Method::POST {
            b("checkout", 2, minute, "financial")
        } else if rest == "/cart/checkout/preview" {
            // docs/integration.md §6: recalculating is a read, under the catalog limit.
            b("catalog", 200, minute, "standard")
        } else if rest.starts_with("/cart") {
            b("cart", 100, minute, "standard")
        } else if rest.starts_with("/addresses") {
            // Not in seed 003 (docs/integration.md §1): limited like the cart.
            b("addresses", 100, minute, "standard")
        } else if rest.starts_with("/orders") {
            b("orders", 100, minute, "standard")
        } else if rest.starts_with("/products") && method == Method::POST {
            b("reviews", 100, minute, "standard")
        } else if rest.starts_with("/products")
            || rest.starts_with("/categories")
            || rest.starts_with("/shipping")
        {
            b("catalog", 200, minute, "standard")
        } else {
            None
        }
    } else if path.starts_with("/delivery/") {
        // Seed 000: 60 requests per second per key.
        b("delivery", 60, 1, "standard")
    } else {
        None
    }
}

/// Who is asking: the signed-in user, else the address.
fn client_key(state: &AppState, headers: &HeaderMap, addr: SocketAddr) -> String {
    match state.user(headers) {
        Some(u) => format!("user:{}", u.id),
        None => format!("ip:{}", addr.ip()),
    }
}

/// `GET /commerce/api/v1/products/:id` style pattern for counters.
fn pattern(method: &Method, path: &str) -> String {
    let segs: Vec<String> = path
        .split('/')
        .map(|s| {
            if s.len() >= 16 && s.chars().any(|c| c.is_ascii_digit()) {
                ":id".to_string()
            } else {
                s.to_string()
            }
        })
        .collect();
    format!("{} {}", method, segs.join("/"))
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

fn set(headers: &mut HeaderMap, name: &'static str, value: impl ToString) {
    if let Ok(v) = HeaderValue::from_str(&value.to_string()) {
        headers.insert(HeaderName::from_static(name), v);
    }
}

/// Rate-limit headers of one answer.
struct RateInfo {
    limit: u64,
    remaining: u64,
    reset: i64,
    policy: &'static str,
    exceeded: bool,
}

impl RateInfo {
    fn apply(&self, headers: &mut HeaderMap) {
        set(headers, "x-ratelimit-limit", self.limit);
        set(headers, "x-ratelimit-remaining", self.remaining);
        set(headers, "x-ratelimit-reset", self.reset);
        set(headers, "x-ratelimit-policy", self.policy);
        if self.exceeded {
            set(headers, "retry-after", (self.reset - unix_now()).max(1));
        }
    }
}

fn hit(state: &AppState, b: &Bucket, client: &str) -> RateInfo {
    let now = unix_now();
    let mut m = state.lock();
    let window_secs = m
        .window_overrides
        .get(b.name)
        .copied()
        .unwrap_or(b.window_secs);
    let w = m
        .windows
        .entry((b.name.to_string(), client.to_string()))
        .or_insert(Window {
            started: now,
            count: 0,
        });
    if now >= w.started + window_secs {
        *w = Window {
            started: now,
            count: 0,
        };
    }
    let exceeded = w.count >= b.limit;
    if !exceeded {
        w.count += 1;
    }
    RateInfo {
        limit: b.limit,
        remaining: b.limit.saturating_sub(w.count),
        reset: w.started + window_secs,
        policy: b.policy,
        exceeded,
    }
}

/// Stored responses keep only the headers that describe the body.
const REPLAYED_HEADERS: &[&str] = &["content-type", "location"];

async fn buffer(resp: Response) -> (axum::http::response::Parts, Bytes) {
    let (parts, body) = resp.into_parts();
    let bytes = axum::body::to_bytes(body, 16 * 1024 * 1024)
        .await
        .unwrap_or_default();
    (parts, bytes)
}

/// A body that fails after the head and a first few bytes: the client sees the connection
/// die mid-answer. (Dying before any byte is not enough: Chromium silently resends a request
/// whose reused connection closed without an answer — with the same Idempotency-Key, so the
/// stub would replay the stored answer and the app would never see the loss.)
fn dropped_body(head: Bytes) -> Body {
    use futures_util::StreamExt;
    let first = head.slice(..head.len().min(8));
    // The pause lets the head and the first bytes leave before the connection dies.
    let stream = futures_util::stream::iter([Ok::<Bytes, std::io::Error>(first)]).chain(
        futures_util::stream::once(async {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            Err(std::io::Error::other("response dropped by fault injection"))
        }),
    );
    Body::from_stream(stream)
}

/// The middleware. Order: fault → rate limit → idempotency → handler. The rate limit
/// comes before idempotency so a replay still costs a request, as a real gateway counts.
pub async fn gate(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    mut req: Request,
    next: Next,
) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    if method == Method::OPTIONS || path.starts_with("/__control") || path.starts_with("/media") {
        return next.run(req).await;
    }
    let backend = Backend::of(&path);
    let rid = format!(
        "req_{:08x}{:08x}",
        unix_now() as u32,
        state.request_seq.fetch_add(1, Ordering::Relaxed) as u32
    );
    req.extensions_mut().insert(RequestId(rid.clone()));
    *state
        .lock()
        .requests
        .entry(pattern(&method, &path))
        .or_insert(0) += 1;

    let fault = crate::control::take_fault(&state, &method, &path);
    let mut drop_after_commit = false;
    let mut neighbour = false;
    if let Some(f) = &fault {
        if let Some(status) = f.status {
            let mut resp = backend.error(
                status,
                &fault_code(status),
                &fault_message(status),
                Value::Null,
                &rid,
            );
            if status == 429 {
                let reset = unix_now() + 30;
                RateInfo {
                    limit: 2,
                    remaining: 0,
                    reset,
                    policy: "financial",
                    exceeded: true,
                }
                .apply(resp.headers_mut());
            }
            apply_extra(&mut resp, &f.headers);
            set(resp.headers_mut(), "x-request-id", &rid);
            return resp;
        }
        if f.malformed {
            let mut resp = (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                r#"{"success":true,"data":{"products":[{"id":"#,
            )
                .into_response();
            apply_extra(&mut resp, &f.headers);
            set(resp.headers_mut(), "x-request-id", &rid);
            return resp;
        }
        drop_after_commit = f.drop_after_commit;
        neighbour = f.neighbour_after_commit;
    }

    let client = client_key(&state, req.headers(), addr);
    let rate = bucket(&state, &method, &path).map(|b| hit(&state, &b, &client));
    if let Some(r) = rate.as_ref().filter(|r| r.exceeded) {
        let msg = if r.policy == "financial" {
            "Слишком много попыток оформления заказа"
        } else {
            "Слишком много запросов, повторите позже"
        };
        let mut resp = backend.error(429, "RATE_LIMIT_EXCEEDED", msg, Value::Null, &rid);
        r.apply(resp.headers_mut());
        set(resp.headers_mut(), "x-request-id", &rid);
        return resp;
    }

    let key = req
        .headers()
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .filter(|_| matches!(method, Method::POST | Method::PUT | Method::PATCH))
        // Seed 004 documents no Idempotency-Key: the partner API ignores it, so a second
        // send is a second request (docs/integration.md §11).
        .filter(|_| backend != Backend::Partner);
    let mut stored_as = None;
    if let Some(key) = key {
        let (parts, body) = req.into_parts();
        let bytes = axum::body::to_bytes(body, 16 * 1024 * 1024)
            .await
            .unwrap_or_default();
        let body_hash = hash(&bytes);
        let ikey: IdemKey = (client.clone(), method.to_string(), path.clone(), key);
        let existing = state.lock().idempotency.get(&ikey).cloned();
        match existing {
            Some(IdemEntry::Done {
                body_hash: h,
                status,
                headers,
                body,
            }) if h == body_hash => {
                let mut resp = Response::builder()
                    .status(status)
                    .body(Body::from(body))
                    .unwrap_or_default();
                for (k, v) in headers {
                    if let (Ok(k), Ok(v)) = (HeaderName::try_from(k), HeaderValue::from_str(&v)) {
                        resp.headers_mut().insert(k, v);
                    }
                }
                set(resp.headers_mut(), "idempotent-replayed", "true");
                if let Some(r) = &rate {
                    r.apply(resp.headers_mut());
                }
                set(resp.headers_mut(), "x-request-id", &rid);
                return resp;
            }
            Some(IdemEntry::Done { .. }) | Some(IdemEntry::InFlight { .. }) => {
                let in_flight = matches!(existing, Some(IdemEntry::InFlight { .. }));
                let (status, code, msg) = if in_flight {
                    (
                        409,
                        "IDEMPOTENCY_KEY_IN_USE",
                        "Запрос с этим ключом идемпотентности ещё выполняется",
                    )
                } else {
                    (
                        422,
                        "IDEMPOTENCY_KEY_REUSED",
                        "Ключ идемпотентности уже использован с другим телом запроса",
                    )
                };
                let mut resp = backend.error(status, code, msg, Value::Null, &rid);
                if let Some(r) = &rate {
                    r.apply(resp.headers_mut());
                }
                set(resp.headers_mut(), "x-request-id", &rid);
                return resp;
            }
            None => {
                state
                    .lock()
                    .idempotency
                    .insert(ikey.clone(), IdemEntry::InFlight { body_hash });
                stored_as = Some((ikey, body_hash));
            }
        }
        req = Request::from_parts(parts, Body::from(bytes));
    }

    // The backend finishes what it started even when the client gives up: a client timeout
    // closes the connection, which drops this future, and with it (before this task) the
    // handler and the key's answer — the key then stayed «in flight» forever and every retry
    // met 409. The handler and the stored answer run in their own task, as a real server
    // goes on committing. A slow backend: the key is already taken, so a concurrent retry
    // meets 409 until the answer is stored.
    let delay = fault.as_ref().map_or(0, |f| f.delay_ms);
    let st = state.clone();
    let work = tokio::spawn(async move {
        let state = st;
        if delay > 0 {
            tokio::time::sleep(Duration::from_millis(delay)).await;
        }
        let mut resp = next.run(req).await;
        if neighbour && resp.status() == StatusCode::CREATED {
            crate::control::place_neighbour(&mut state.lock());
        }
        if let Some((ikey, body_hash)) = stored_as {
            let (parts, bytes) = buffer(resp).await;
            let status = parts.status.as_u16();
            let mut m = state.lock();
            if status >= 500 || status == 429 {
                m.idempotency.remove(&ikey);
            } else {
                let headers = REPLAYED_HEADERS
                    .iter()
                    .filter_map(|h| {
                        parts
                            .headers
                            .get(*h)
                            .and_then(|v| v.to_str().ok())
                            .map(|v| (h.to_string(), v.to_string()))
                    })
                    .collect();
                m.idempotency.insert(
                    ikey,
                    IdemEntry::Done {
                        body_hash,
                        status,
                        headers,
                        body: bytes.clone(),
                    },
                );
            }
            drop(m);
            resp = Response::from_parts(parts, Body::from(bytes));
        }
        resp
    });
    let mut resp = match work.await {
        Ok(r) => r,
        Err(_) => backend.error(
            500,
            "INTERNAL_ERROR",
            "Внутренняя ошибка сервера",
            Value::Null,
            &rid,
        ),
    };
    if let Some(r) = &rate {
        r.apply(resp.headers_mut());
    }
    set(resp.headers_mut(), "x-request-id", &rid);
    if drop_after_commit {
        let (mut parts, bytes) = buffer(resp).await;
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, dropped_body(bytes));
    }
    resp
}

fn apply_extra(resp: &mut Response, extra: &serde_json::Map<String, Value>) {
    for (k, v) in extra {
        let v = match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        if let (Ok(k), Ok(v)) = (
            HeaderName::try_from(k.to_ascii_lowercase()),
            HeaderValue::from_str(&v),
        ) {
            resp.headers_mut().insert(k, v);
        }
    }
}

fn fault_code(status: u16) -> String {
    match status {
        400 => "VALIDATION_ERROR".into(),
        401 => "UNAUTHORIZED".into(),
        403 => "FORBIDDEN".into(),
        404 => "NOT_FOUND".into(),
        409 => "CONFLICT".into(),
        429 => "RATE_LIMIT_EXCEEDED".into(),
        s if s >= 500 => "INTERNAL_ERROR".into(),
        s => format!("HTTP_{s}"),
    }
}

fn fault_message(status: u16) -> String {
    match status {
        429 => "Слишком много запросов, повторите позже".into(),
        s if s >= 500 => "Внутренняя ошибка сервера".into(),
        s => format!("Ошибка {s}"),
    }
}

/// Any path no route claims: a 404 in the envelope of the backend it was meant for.
pub async fn unknown_route(req: Request) -> Response {
    let rid = req
        .extensions()
        .get::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default();
    let path = req.uri().path().to_string();
    Backend::of(&path).error(
        404,
        "NOT_FOUND",
        &format!("Метод {} {} не найден", req.method(), path),
        json!(null),
        &rid,
    )
}

/// CORS for the app's origin; exposes the headers the app must read.
pub fn cors(opts: &crate::Options) -> CorsLayer {
    let extra = opts.allow_origins.clone();
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(move |origin, _| {
            let o = origin.to_str().unwrap_or("");
            extra.iter().any(|e| e == o)
                || o.starts_with("http://127.0.0.1:")
                || o.starts_with("http://localhost:")
                || o == "http://127.0.0.1"
                || o == "http://localhost"
        }))
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            HeaderName::from_static("idempotency-key"),
            HeaderName::from_static("x-request-id"),
        ])
        .expose_headers([
            HeaderName::from_static("x-ratelimit-limit"),
            HeaderName::from_static("x-ratelimit-remaining"),
            HeaderName::from_static("x-ratelimit-reset"),
            HeaderName::from_static("x-ratelimit-policy"),
            header::RETRY_AFTER,
            HeaderName::from_static("x-request-id"),
            HeaderName::from_static("idempotent-replayed"),
        ])
        .max_age(Duration::from_secs(600))
}
