//! Partner API (seed 004): lists as `{data,limit,offset,total}`, errors as `{code,message}`.

use super::{
    build_request, call, decode_bare, unreadable_error, ApiError, BackendError, Endpoint,
    IdempotencyKey, Method, RawResponse,
};
use serde::{de::DeserializeOwned, Deserialize};

/// An offset-paginated list.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct List<T> {
    pub data: Vec<T>,
    #[serde(default)]
    pub limit: Option<u64>,
    #[serde(default)]
    pub offset: Option<u64>,
    #[serde(default)]
    pub total: Option<u64>,
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    code: String,
    #[serde(default)]
    message: String,
}

fn backend_error(raw: &RawResponse) -> BackendError {
    match serde_json::from_str::<ErrorBody>(&raw.body) {
        Ok(b) if !b.code.is_empty() || !b.message.is_empty() => BackendError {
            status: raw.status,
            code: b.code,
            message: b.message,
            details: Vec::new(),
            request_id: None,
        },
        _ => unreadable_error(raw),
    }
}

/// Turns a partner response into its data or a typed error.
pub fn decode<T: DeserializeOwned>(raw: &RawResponse, now: u64) -> Result<T, ApiError> {
    decode_bare(raw, now, backend_error)
}

/// The one request helper of this backend.
pub async fn request<T: DeserializeOwned>(
    ep: &Endpoint,
    method: Method,
    path: &str,
    body: Option<String>,
    key: Option<&IdempotencyKey>,
) -> Result<T, ApiError> {
    call(build_request(ep, method, path, body, key, true), decode).await
}
