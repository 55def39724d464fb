//! Transport: one `fetch` (through gloo-net) with a timeout. Knows nothing of any backend's
//! envelope.

use super::error::ApiError;

/// Headers the app reads from responses; the backends expose them through CORS.
pub const READ_HEADERS: &[&str] = &[
    "content-type",
    "retry-after",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "x-ratelimit-policy",
    "x-request-id",
    "idempotent-replayed",
];

/// Default time a request may take, body included.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Methods that change state and so must carry an `Idempotency-Key`.
    pub fn is_mutating(self) -> bool {
        matches!(self, Method::Post | Method::Put | Method::Patch)
    }
}

/// A key that makes a retried write safe: the caller keeps it for every retry of one intent.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// A fresh uuid v4 from the browser's crypto.
    #[cfg(target_arch = "wasm32")]
    pub fn new() -> Self {
        let crypto = web_sys::window()
            .and_then(|w| w.crypto().ok())
            .map(|c| c.random_uuid());
        IdempotencyKey(crypto.unwrap_or_else(|| fallback_uuid(js_sys::Math::random)))
    }

    /// Native builds (tests) have no browser crypto.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn new() -> Self {
        use std::sync::atomic::{AtomicU64, Ordering};
        static SEQ: AtomicU64 = AtomicU64::new(1);
        let n = SEQ.fetch_add(1, Ordering::Relaxed);
        IdempotencyKey(format!("00000000-0000-4000-8000-{n:012x}"))
    }

    pub fn from_string(s: impl Into<String>) -> Self {
        IdempotencyKey(s.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for IdempotencyKey {
    fn default() -> Self {
        Self::new()
    }
}

/// uuid v4 shape from a random source, for browsers without `crypto.randomUUID`.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn fallback_uuid(random: impl Fn() -> f64) -> String {
    let mut hex = String::with_capacity(36);
    for i in 0..36 {
        let c = match i {
            8 | 13 | 18 | 23 => '-',
            14 => '4',
            19 => ['8', '9', 'a', 'b'][(random() * 4.0) as usize % 4],
            _ => char::from_digit((random() * 16.0) as u32 % 16, 16).unwrap_or('0'),
        };
        hex.push(c);
    }
    hex
}

/// What to send.
#[derive(Clone, Debug)]
pub struct HttpRequest {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<String>,
    pub timeout_ms: u32,
    /// When the app asked (unix ms, from the endpoint's clock): how old a request
    /// `public/early.js` started for the same URL may be and still stand for this one.
    /// Without it the request goes to the network.
    pub asked_at_ms: Option<u64>,
}

impl HttpRequest {
    pub fn new(method: Method, url: String) -> Self {
        HttpRequest {
            method,
            url,
            headers: vec![("Accept", "application/json".into())],
            body: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            asked_at_ms: None,
        }
    }

    pub fn bearer(mut self, token: Option<&str>) -> Self {
        if let Some(t) = token {
            self.headers.push(("Authorization", format!("Bearer {t}")));
        }
        self
    }

    pub fn json(mut self, body: String) -> Self {
        self.headers
            .push(("Content-Type", "application/json".into()));
        self.body = Some(body);
        self
    }

    pub fn idempotency(mut self, key: &IdempotencyKey) -> Self {
        self.headers
            .push(("Idempotency-Key", key.as_str().to_string()));
        self
    }
}

/// What came back: status, the headers the app reads, the body as text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawResponse {
    pub status: u16,
    /// Lower-case names.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl RawResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Sends one request through gloo-net's `fetch`, aborted by an AbortController after
/// `timeout_ms` — or takes the same request `public/early.js` started before the app ran.
#[cfg(target_arch = "wasm32")]
pub async fn send(req: HttpRequest) -> Result<RawResponse, ApiError> {
    use std::{cell::Cell, rc::Rc};
    use wasm_bindgen::{closure::Closure, JsCast};

    let window = web_sys::window().ok_or_else(|| ApiError::Network("нет окна браузера".into()))?;
    // Either the answer early.js is already fetching, or a request of our own.
    enum Source {
        Early(js_sys::Promise),
        Fresh(gloo_net::http::Request),
    }
    let (source, controller) = match take_early(&req) {
        Some((started, controller)) => (Source::Early(started), controller),
        None => {
            let controller =
                web_sys::AbortController::new().map_err(|e| ApiError::Network(js_err(e)))?;
            (Source::Fresh(build(&req, &controller)?), controller)
        }
    };

    // The timer aborts the fetch; the guard clears it on every way out of this function,
    // so the closure is never called after it is dropped.
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let timed_out = timed_out.clone();
        let controller = controller.clone();
        Closure::<dyn FnMut()>::new(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let handle = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            on_timeout.as_ref().unchecked_ref(),
            req.timeout_ms as i32,
        )
        .map_err(|e| ApiError::Network(js_err(e)))?;
    // Dropping the future mid-way also aborts the fetch (the header's suggestions drop the
    // previous question when the shopper types on); never once the body is read (early.js
    // may still be reading its copy of the same answer).
    struct ClearOnDrop {
        window: web_sys::Window,
        handle: i32,
        controller: Option<web_sys::AbortController>,
        _callback: Closure<dyn FnMut()>,
    }
    impl Drop for ClearOnDrop {
        fn drop(&mut self) {
            self.window.clear_timeout_with_handle(self.handle);
            if let Some(c) = &self.controller {
                c.abort();
            }
        }
    }
    let mut guard = ClearOnDrop {
        window,
        handle,
        controller: Some(controller),
        _callback: on_timeout,
    };

    let fail = |why: String| {
        if timed_out.get() {
            ApiError::Timeout {
                after_ms: req.timeout_ms,
            }
        } else {
            ApiError::Network(why)
        }
    };
    let response = match source {
        Source::Fresh(request) => request.send().await.map_err(|e| fail(gloo_text(e)))?,
        Source::Early(started) => wasm_bindgen_futures::JsFuture::from(started)
            .await
            .map_err(|e| fail(js_err(e)))?
            .dyn_into::<web_sys::Response>()
            .map(gloo_net::http::Response::from)
            .map_err(|_| ApiError::Network("fetch вернул не Response".into()))?,
    };
    let status = response.status();
    let h = response.headers();
    let read = READ_HEADERS
        .iter()
        .filter_map(|name| h.get(name).map(|v| (name.to_string(), v)))
        .collect();
    let body = response.text().await.map_err(|e| fail(gloo_text(e)))?;
    guard.controller = None;
    Ok(RawResponse {
        status,
        headers: read,
        body,
    })
}

/// The request for gloo-net to send, aborted through `controller`. Built here rather than
/// with gloo's `RequestBuilder`, which re-serializes the URL and appends `&` to every query
/// (`?page=1&pageSize=24&`): the URL leaves exactly as the API layer wrote it.
#[cfg(target_arch = "wasm32")]
fn build(
    req: &HttpRequest,
    controller: &web_sys::AbortController,
) -> Result<gloo_net::http::Request, ApiError> {
    let fail = |e| ApiError::Network(js_err(e));
    let headers = web_sys::Headers::new().map_err(fail)?;
    for (k, v) in &req.headers {
        // `fetch` refuses such a value; say which header, and send nothing.
        if !is_header_value(v) {
            return Err(ApiError::Network(format!(
                "недопустимое значение заголовка {k}"
            )));
        }
        headers.set(k, v).map_err(fail)?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method(req.method.as_str());
    init.set_mode(web_sys::RequestMode::Cors);
    init.set_signal(Some(&controller.signal()));
    init.set_headers(&headers);
    if let Some(body) = &req.body {
        init.set_body(&wasm_bindgen::JsValue::from_str(body));
    }
    web_sys::Request::new_with_str_and_init(&req.url, &init)
        .map(gloo_net::http::Request::from)
        .map_err(fail)
}

/// A thrown JavaScript value in words.
#[cfg(target_arch = "wasm32")]
fn js_err(e: wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "неизвестная ошибка".into())
}

/// A transport failure in words: the browser's own message (`Failed to fetch`, …).
#[cfg(target_arch = "wasm32")]
fn gloo_text(e: gloo_net::Error) -> String {
    match e {
        gloo_net::Error::JsError(js) => js.message,
        other => other.to_string(),
    }
}

/// How old a request `public/early.js` started may be and still stand for the app's own.
#[cfg(target_arch = "wasm32")]
const EARLY_FRESH_MS: f64 = 30_000.0;

/// The answer `public/early.js` is fetching for exactly this request — a plain GET of the
/// same URL with nothing but `Accept` — and its abort controller. Taken once: a retry, or
/// anyone asking later, goes to the network.
#[cfg(target_arch = "wasm32")]
fn take_early(req: &HttpRequest) -> Option<(js_sys::Promise, web_sys::AbortController)> {
    use js_sys::Reflect;
    use wasm_bindgen::{JsCast, JsValue};
    if req.method != Method::Get || req.headers.iter().any(|(k, _)| *k != "Accept") {
        return None;
    }
    let asked = req.asked_at_ms? as f64;
    let early = Reflect::get(&js_sys::global(), &"__vitrinaEarly".into()).ok()?;
    if !early.is_object() {
        return None;
    }
    let key = JsValue::from_str(&req.url);
    let entry = Reflect::get(&early, &key).ok()?;
    if !entry.is_object() {
        return None;
    }
    let _ = Reflect::delete_property(early.unchecked_ref::<js_sys::Object>(), &key);
    let at = Reflect::get(&entry, &"at".into()).ok()?.as_f64()?;
    if asked - at > EARLY_FRESH_MS {
        return None;
    }
    let response = Reflect::get(&entry, &"response".into()).ok()?;
    let controller = Reflect::get(&entry, &"controller".into()).ok()?;
    Some((response.dyn_into().ok()?, controller.dyn_into().ok()?))
}

/// Whether `fetch` accepts `v` as a header value: Latin-1 text without line breaks or NUL.
pub fn is_header_value(v: &str) -> bool {
    v.chars()
        .all(|c| (c as u32) < 0x100 && !matches!(c, '\r' | '\n' | '\0'))
}

/// Native builds have no `fetch`; native tests decode recorded responses instead.
#[cfg(not(target_arch = "wasm32"))]
pub async fn send(_req: HttpRequest) -> Result<RawResponse, ApiError> {
    Err(ApiError::Network("нет fetch вне браузера".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values_fetch_would_refuse_are_caught_before_sending() {
        assert!(is_header_value("Bearer eyJhbGciOi.abc-_"));
        assert!(is_header_value("00000000-0000-4000-8000-000000000001"));
        assert!(!is_header_value("Bearer a\r\nX-Evil: 1"));
        assert!(!is_header_value("nul\0"));
        assert!(!is_header_value("токен"));
    }
}
