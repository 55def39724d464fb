//! Transport: one `fetch` with a timeout. Knows nothing of any backend's envelope.

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
}

impl HttpRequest {
    pub fn new(method: Method, url: String) -> Self {
        HttpRequest {
            method,
            url,
            headers: vec![("Accept", "application/json".into())],
            body: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
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

/// Unix seconds now.
pub fn now_unix() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        (js_sys::Date::now() / 1000.0) as u64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0)
    }
}

/// Sends one request through `fetch`, aborted by an AbortController after `timeout_ms`.
#[cfg(target_arch = "wasm32")]
pub async fn send(req: HttpRequest) -> Result<RawResponse, ApiError> {
    use std::{cell::Cell, rc::Rc};
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    let js_err = |e: JsValue| -> String {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "неизвестная ошибка".into())
    };

    let window = web_sys::window().ok_or_else(|| ApiError::Network("нет окна браузера".into()))?;
    let controller = web_sys::AbortController::new().map_err(|e| ApiError::Network(js_err(e)))?;
    let init = web_sys::RequestInit::new();
    init.set_method(req.method.as_str());
    init.set_mode(web_sys::RequestMode::Cors);
    init.set_signal(Some(&controller.signal()));
    let headers = web_sys::Headers::new().map_err(|e| ApiError::Network(js_err(e)))?;
    for (k, v) in &req.headers {
        headers
            .set(k, v)
            .map_err(|e| ApiError::Network(js_err(e)))?;
    }
    init.set_headers(&headers);
    if let Some(body) = &req.body {
        init.set_body(&JsValue::from_str(body));
    }
    let request = web_sys::Request::new_with_str_and_init(&req.url, &init)
        .map_err(|e| ApiError::Network(js_err(e)))?;

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
    struct ClearOnDrop {
        window: web_sys::Window,
        handle: i32,
        _callback: Closure<dyn FnMut()>,
    }
    impl Drop for ClearOnDrop {
        fn drop(&mut self) {
            self.window.clear_timeout_with_handle(self.handle);
        }
    }
    let _guard = ClearOnDrop {
        window: window.clone(),
        handle,
        _callback: on_timeout,
    };

    let fail = |e: JsValue| {
        if timed_out.get() {
            ApiError::Timeout {
                after_ms: req.timeout_ms,
            }
        } else {
            ApiError::Network(js_err(e))
        }
    };
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| ApiError::Network("fetch вернул не Response".into()))?;
    let status = response.status();
    let mut read = Vec::new();
    let h = response.headers();
    for name in READ_HEADERS {
        if let Ok(Some(v)) = h.get(name) {
            read.push((name.to_string(), v));
        }
    }
    let text = response.text().map_err(fail)?;
    let body = JsFuture::from(text).await.map_err(fail)?;
    Ok(RawResponse {
        status,
        headers: read,
        body: body.as_string().unwrap_or_default(),
    })
}

/// Native builds have no `fetch`; native tests decode recorded responses instead.
#[cfg(not(target_arch = "wasm32"))]
pub async fn send(_req: HttpRequest) -> Result<RawResponse, ApiError> {
    Err(ApiError::Network("нет fetch вне браузера".into()))
}
