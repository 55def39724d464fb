//! Transport to the four backends. Each module has one request helper that turns that
//! backend's envelope, status codes and rate-limit headers into `Result<T, ApiError>`.

pub mod asset;
pub mod cache;
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

/// `#[serde(default, deserialize_with = "crate::api::web_url")]` on an optional URL the app
/// puts in `src`, `href` or `location`: anything but `http(s)://` (`javascript:`, `data:`,
/// whatever another system stored) is read as absent.
pub fn web_url<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    use serde::Deserialize;
    Ok(Option::<String>::deserialize(d)?.filter(|u| crate::domain::text::is_web_url(u)))
}

/// A backend's base URL plus the shopper's token, if signed in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub base: String,
    pub token: Option<String>,
}

impl Endpoint {
    pub fn new(base: impl Into<String>) -> Self {
        Endpoint {
            base: base.into(),
            token: None,
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

/// The request every backend helper sends: JSON body, key for writes, Bearer when asked.
pub(crate) fn build_request(
    ep: &Endpoint,
    method: Method,
    path: &str,
    body: Option<String>,
    key: Option<&IdempotencyKey>,
    bearer: bool,
) -> http::HttpRequest {
    let mut req = http::HttpRequest::new(method, ep.url(path));
    if bearer {
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

/// Sends a request and decodes the answer with a backend's decoder.
pub(crate) async fn call<T>(
    req: http::HttpRequest,
    decode: impl FnOnce(&RawResponse, u64) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let raw = http::send(req).await?;
    decode(&raw, http::now_unix())
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
    fn endpoint_joins_base_and_path_without_double_slash() {
        let e = Endpoint::new("http://127.0.0.1:8081/commerce/api/v1/");
        assert_eq!(
            e.url("/products"),
            "http://127.0.0.1:8081/commerce/api/v1/products"
        );
    }
}
