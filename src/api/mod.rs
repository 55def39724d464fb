//! Transport to the four backends. One request helper, [`Backend::request`], sends for all
//! of them; each backend module says only how its envelope and its errors read, so its
//! status codes and rate-limit headers become `Result<T, ApiError>` the same way. The api
//! reads no clock of its own: the [`Endpoint`] carries the app's (`timer::now_ms`).

pub mod asset;
pub mod commerce;
pub mod courier;
pub mod delivery;
pub mod error;
pub mod http;
pub mod partner;

pub use error::{
    ApiError, BackendError, ErrorCode, FieldErrors, RateLimit, RateLimited, RetryAfter,
};
pub use http::{IdempotencyKey, Method, RawResponse};

use serde::de::DeserializeOwned;
use std::future::Future;

pub use crate::domain::text::web_url;

/// Unix milliseconds now: the app's clock, handed down from `timer`.
pub type Clock = fn() -> u64;

/// A backend's base URL plus the shopper's token, if signed in, and the clock that says when
/// an answer arrived (a rate limit's wait is counted from then).
#[derive(Clone, Debug)]
pub struct Endpoint {
    pub base: String,
    pub token: Option<String>,
    pub clock: Clock,
}

impl Endpoint {
    pub fn new(base: impl Into<String>, clock: Clock) -> Self {
        Endpoint {
            base: base.into(),
            token: None,
            clock,
        }
    }

    pub fn with_token(mut self, token: Option<String>) -> Self {
        self.token = token;
        self
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base.trim_end_matches('/'), path)
    }
}

/// Builds `?a=1&b=x` with every value percent-encoded.
#[derive(Clone, Debug, Default)]
pub struct Query(Vec<(String, String)>);

impl Query {
    pub fn new() -> Self {
        Query(Vec::new())
    }

    pub fn push(&mut self, key: &str, value: impl ToString) -> &mut Self {
        self.0.push((key.to_string(), value.to_string()));
        self
    }

    pub fn push_opt<T: ToString>(&mut self, key: &str, value: Option<T>) -> &mut Self {
        if let Some(v) = value {
            self.push(key, v);
        }
        self
    }

    /// `""` when empty, else `?k=v&…`.
    pub fn to_query_string(&self) -> String {
        if self.0.is_empty() {
            return String::new();
        }
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
            .collect();
        format!("?{}", parts.join("&"))
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters (UTF-8 aware).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// How one backend speaks: what its success looks like, how its refusals read, and whether
/// it takes the shopper's token. Each backend module declares only that; the request
/// helper below is shared by all four.
pub trait Backend {
    /// A success carrying data of type `T`: `T` itself, or `T` inside an envelope.
    type Answer<T>;
    /// The shopper's token goes along as `Authorization: Bearer`.
    const BEARER: bool;

    /// Turns an answer that arrived at `now` (unix seconds) into its data or a typed error.
    fn decode<T: DeserializeOwned>(
        raw: &RawResponse,
        now: u64,
    ) -> Result<Self::Answer<T>, ApiError>;

    /// The one request helper: JSON body, key for writes, the token when this backend takes
    /// it; the answer decoded with this backend's shape.
    fn request<T: DeserializeOwned>(
        ep: &Endpoint,
        method: Method,
        path: &str,
        body: Option<String>,
        key: Option<&IdempotencyKey>,
    ) -> impl Future<Output = Result<Self::Answer<T>, ApiError>> {
        Self::exchange(ep, method, path, body, key, Self::decode::<T>)
    }

    /// The same request, its answer read by `read` instead: for answers with more to them
    /// than data (checkout's rate limit) or less (a bodyless «done»).
    fn exchange<R>(
        ep: &Endpoint,
        method: Method,
        path: &str,
        body: Option<String>,
        key: Option<&IdempotencyKey>,
        read: impl FnOnce(&RawResponse, u64) -> Result<R, ApiError>,
    ) -> impl Future<Output = Result<R, ApiError>> {
        let req = outgoing::<Self>(ep, method, path, body, key);
        let clock = ep.clock;
        async move {
            let raw = http::send(req).await?;
            read(&raw, clock() / 1000)
        }
    }
}

/// What backend `B` is sent: JSON body, key for writes, the token when `B` takes it, and
/// when the app asked.
pub(crate) fn outgoing<B: Backend + ?Sized>(
    ep: &Endpoint,
    method: Method,
    path: &str,
    body: Option<String>,
    key: Option<&IdempotencyKey>,
) -> http::HttpRequest {
    let mut req = http::HttpRequest::new(method, ep.url(path));
    req.asked_at_ms = Some((ep.clock)());
    if B::BEARER {
        req = req.bearer(ep.token.as_deref());
    }
    if let Some(b) = body {
        req = req.json(b);
    }
    if let Some(k) = key {
        req = req.idempotency(k);
    }
    req
}

/// For backends without a success envelope: the body is the data, errors go through
/// that backend's `backend_error`.
pub(crate) fn decode_bare<T: DeserializeOwned>(
    raw: &RawResponse,
    now: u64,
    backend_error: fn(&RawResponse) -> BackendError,
) -> Result<T, ApiError> {
    if raw.is_success() {
        parse_body(raw)
    } else {
        Err(refused(raw, backend_error(raw), now))
    }
}

/// Decodes a success body, or says why it could not.
pub(crate) fn parse_body<T: DeserializeOwned>(raw: &RawResponse) -> Result<T, ApiError> {
    crate::domain::json::from_str(&raw.body).map_err(|e| ApiError::Decode {
        status: raw.status,
        detail: e.to_string(),
        request_id: raw.header("x-request-id").map(str::to_string),
    })
}

/// Builds the error for a refused request from what the backend said.
pub(crate) fn refused(raw: &RawResponse, mut error: BackendError, now: u64) -> ApiError {
    error.status = raw.status;
    if error.request_id.is_none() {
        error.request_id = raw.header("x-request-id").map(str::to_string);
    }
    let limit = error::parse_rate_limit(|name| raw.header(name), now);
    ApiError::from_status(raw.status, error, limit, now)
}

/// An error body we could not read (an HTML page from a proxy, say) still has a status.
pub(crate) fn unreadable_error(raw: &RawResponse) -> BackendError {
    BackendError {
        status: raw.status,
        code: ErrorCode::Unknown(format!("HTTP_{}", raw.status)),
        message: String::new(),
        details: Vec::new(),
        request_id: None,
    }
}

/// Reads `details` shaped as `{field: [msg, …]}` or `{field: msg}`; anything else is kept whole.
pub(crate) fn details_from_map(v: &serde_json::Value) -> FieldErrors {
    match v {
        serde_json::Value::Object(map) => map
            .iter()
            .map(|(k, v)| {
                let msgs = match v {
                    serde_json::Value::Array(items) => items.iter().map(value_text).collect(),
                    other => vec![value_text(other)],
                };
                (k.clone(), msgs)
            })
            .collect(),
        serde_json::Value::Null => Vec::new(),
        other => vec![(String::new(), vec![value_text(other)])],
    }
}

pub(crate) fn value_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_percent_encoded_including_cyrillic() {
        let mut q = Query::new();
        q.push("search", "котёл газовый")
            .push("tags", "хит,скидка")
            .push("page", 2);
        assert_eq!(
            q.to_query_string(),
            "?search=%D0%BA%D0%BE%D1%82%D1%91%D0%BB%20%D0%B3%D0%B0%D0%B7%D0%BE%D0%B2%D1%8B%D0%B9&tags=%D1%85%D0%B8%D1%82%2C%D1%81%D0%BA%D0%B8%D0%B4%D0%BA%D0%B0&page=2"
        );
        assert_eq!(Query::new().to_query_string(), "");
    }

    #[test]
    fn every_backend_but_the_courier_gateway_is_sent_the_token() {
        let ep = Endpoint::new("https://api.test/v1", || 1_700_000_000_123)
            .with_token(Some("t0k".into()));
        let key = IdempotencyKey::from_string("k-1");
        let sent = |req: http::HttpRequest| {
            let h = |name: &str| {
                req.headers
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.clone())
            };
            (
                req.url.clone(),
                h("Authorization"),
                h("Idempotency-Key"),
                h("Content-Type"),
                req.asked_at_ms,
            )
        };
        let bearer = Some("Bearer t0k".to_string());
        let json = Some("application/json".to_string());
        for req in [
            outgoing::<commerce::Commerce>(&ep, Method::Post, "/x", Some("{}".into()), Some(&key)),
            outgoing::<delivery::Delivery>(&ep, Method::Post, "/x", Some("{}".into()), Some(&key)),
            outgoing::<partner::Partner>(&ep, Method::Post, "/x", Some("{}".into()), Some(&key)),
        ] {
            let (url, auth, idem, ct, at) = sent(req);
            assert_eq!(url, "https://api.test/v1/x");
            assert_eq!(auth, bearer);
            assert_eq!(idem.as_deref(), Some("k-1"));
            assert_eq!(ct, json);
            assert_eq!(at, Some(1_700_000_000_123));
        }
        let (_, auth, idem, _, _) = sent(outgoing::<courier::Courier>(
            &ep,
            Method::Post,
            "/orders/verify/",
            Some("{}".into()),
            Some(&key),
        ));
        assert_eq!(auth, None, "the gateway holds the merchant's secret");
        assert_eq!(idem.as_deref(), Some("k-1"));
        let (_, _, idem, ct, _) = sent(outgoing::<commerce::Commerce>(
            &ep,
            Method::Get,
            "/cart",
            None,
            None,
        ));
        assert_eq!(
            (idem, ct),
            (None, None),
            "a read carries no body and no key"
        );
    }

    #[test]
    fn endpoint_joins_base_and_path_without_double_slash() {
        let e = Endpoint::new("http://127.0.0.1:8081/commerce/api/v1/", || 0);
        assert_eq!(
            e.url("/products"),
            "http://127.0.0.1:8081/commerce/api/v1/products"
        );
    }
}
