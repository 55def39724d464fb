//! Commerce API (seed 003): `{success,data,meta}` / `{success:false,error:{code,message,details}}`.

pub mod auth;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod orders;

use super::Backend;
use super::{
    details_from_map, parse_body, refused, unreadable_error, ApiError, BackendError, Endpoint,
    ErrorCode, RawResponse,
};
use serde::{de::DeserializeOwned, Deserialize};

pub(crate) use crate::domain::money::default_currency;

/// `meta.pagination` of page-paginated lists.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Pagination {
    pub total: u64,
    pub page: u32,
    pub page_size: u32,
    pub total_pages: u32,
    pub has_next: bool,
    pub has_previous: bool,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Meta {
    #[serde(default)]
    pub pagination: Option<Pagination>,
}

/// A decoded success: the data and the list position, when there is one.
#[derive(Clone, Debug, PartialEq)]
pub struct Envelope<T> {
    pub data: T,
    pub meta: Meta,
}

#[derive(Deserialize)]
struct SuccessBody<T> {
    success: bool,
    data: Option<T>,
    #[serde(default)]
    meta: Option<Meta>,
}

#[derive(Deserialize)]
struct ErrorBody {
    error: ErrorPart,
}

#[derive(Deserialize)]
struct ErrorPart {
    #[serde(default)]
    code: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    details: serde_json::Value,
}

fn backend_error(raw: &RawResponse) -> BackendError {
    match crate::domain::json::from_str::<ErrorBody>(&raw.body) {
        Ok(b) => BackendError {
            status: raw.status,
            code: ErrorCode::parse(&b.error.code),
            message: b.error.message,
            details: details_from_map(&b.error.details),
            request_id: None,
        },
        Err(_) => unreadable_error(raw),
    }
}

/// Turns a commerce response into its data or a typed error.
pub fn decode<T: DeserializeOwned>(raw: &RawResponse, now: u64) -> Result<Envelope<T>, ApiError> {
    if !raw.is_success() {
        return Err(refused(raw, backend_error(raw), now));
    }
    let body: SuccessBody<T> = parse_body(raw)?;
    if !body.success {
        // A refusal dressed as 2xx: trust the body.
        let mut e = backend_error(raw);
        e.status = 400;
        return Err(ApiError::Validation(e));
    }
    let data = body.data.ok_or_else(|| ApiError::Decode {
        status: raw.status,
        detail: "нет поля data".into(),
        request_id: raw.header("x-request-id").map(str::to_string),
    })?;
    Ok(Envelope {
        data,
        meta: body.meta.unwrap_or_default(),
    })
}

/// Seed 003's shape: `{success,data,meta}`, the shopper's token as Bearer.
pub struct Commerce;

impl Backend for Commerce {
    type Answer<T> = Envelope<T>;
    const BEARER: bool = true;
    fn decode<T: DeserializeOwned>(raw: &RawResponse, now: u64) -> Result<Envelope<T>, ApiError> {
        decode(raw, now)
    }
}
