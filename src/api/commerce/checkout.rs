//! Checkout (seed 003 and docs/integration.md): saved addresses, shipping methods and their
//! exact cost, the preview that recalculates the summary, and `POST /cart/checkout` — 2
//! requests a minute per shopper, so retries reuse one key.

use super::{decode, Backend, Commerce, Endpoint, Envelope};
use crate::api::error::parse_rate_limit;
use crate::api::{http, ApiError, IdempotencyKey, Method, Query};
use crate::domain::checkout::attempt::Failure;
use crate::domain::codes::ErrorCode;
use serde::{Deserialize, Serialize};

// ---------- addresses (integration.md §1) ----------

pub use crate::domain::checkout::address::{Address, GeoPoint};

/// `GET /addresses`'s answer.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct AddressList {
    pub addresses: Vec<Address>,
}

/// `GET /addresses`.
pub async fn addresses(ep: &Endpoint) -> Result<Vec<Address>, ApiError> {
    let r: Envelope<AddressList> =
        Commerce::request(ep, Method::Get, "/addresses", None, None).await?;
    Ok(r.data.addresses)
}

/// `POST /addresses`: saves a new one; the answer has its id, KLADR code and coordinates.
pub async fn save_address(
    ep: &Endpoint,
    a: &Address,
    key: &IdempotencyKey,
) -> Result<Address, ApiError> {
    let json = serde_json::to_string(a).unwrap_or_default();
    let r: Envelope<Address> =
        Commerce::request(ep, Method::Post, "/addresses", Some(json), Some(key)).await?;
    Ok(r.data)
}

// ---------- shipping (seed 003) ----------

pub use crate::domain::checkout::offer::{
    DateRange, DayRange, PartnerBalance, PlacedOrder, PlacedPayment, Preview, ShippingMethod,
    ShippingOption,
};

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct MethodsDto {
    pub methods: Vec<ShippingMethod>,
}

/// `GET /shipping/methods?country=RU&postalCode=…&cartId=…`.
pub async fn methods(
    ep: &Endpoint,
    postal_code: Option<&str>,
    cart_id: Option<&str>,
) -> Result<Vec<ShippingMethod>, ApiError> {
    let mut q = Query::new();
    q.push("country", "RU")
        .push_opt("postalCode", postal_code)
        .push_opt("cartId", cart_id);
    let path = format!("/shipping/methods{}", q.to_query_string());
    let r: Envelope<MethodsDto> = Commerce::request(ep, Method::Get, &path, None, None).await?;
    Ok(r.data.methods)
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Destination {
    pub country: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    pub postal_code: String,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
struct CalculateRequest<'a> {
    destination: &'a Destination,
    cart_id: &'a str,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct CalculationDto {
    pub options: Vec<ShippingOption>,
}

/// `POST /shipping/calculate` for the shopper's cart: exact prices and dates.
pub async fn calculate(
    ep: &Endpoint,
    destination: &Destination,
    cart_id: &str,
) -> Result<Vec<ShippingOption>, ApiError> {
    let json = serde_json::to_string(&CalculateRequest {
        destination,
        cart_id,
    })
    .unwrap_or_default();
    let r: Envelope<CalculationDto> =
        Commerce::request(ep, Method::Post, "/shipping/calculate", Some(json), None).await?;
    Ok(r.data.options)
}

// ---------- checkout ----------

pub use crate::domain::checkout::request::CheckoutRequest;

/// `POST /cart/checkout/preview`: the summary for these choices, nothing created.
pub async fn preview(ep: &Endpoint, body: &CheckoutRequest) -> Result<Preview, ApiError> {
    let json = serde_json::to_string(body).unwrap_or_default();
    let r: Envelope<Preview> =
        Commerce::request(ep, Method::Post, "/cart/checkout/preview", Some(json), None).await?;
    Ok(r.data)
}

/// What a checkout attempt brought back, with the limit's state for the next one.
#[derive(Clone, Debug)]
pub struct Placed {
    pub result: Result<PlacedOrder, ApiError>,
    /// `X-RateLimit-Remaining` of the answer, when it had one.
    pub remaining: Option<u64>,
    /// When the window resets (unix seconds), when the answer said.
    pub reset_at: Option<u64>,
}

/// Places the order. The caller keeps `key` for every retry of this one order.
pub async fn place(ep: &Endpoint, body: &CheckoutRequest, key: &IdempotencyKey) -> Placed {
    let json = serde_json::to_string(body).unwrap_or_default();
    let read = |raw: &http::RawResponse, now| Ok(read_placed(raw, now));
    Commerce::exchange(
        ep,
        Method::Post,
        "/cart/checkout",
        Some(json),
        Some(key),
        read,
    )
    .await
    .unwrap_or_else(|e| Placed {
        result: Err(e),
        remaining: None,
        reset_at: None,
    })
}

/// Decodes a checkout answer and the rate limit it reported.
pub fn read_placed(raw: &http::RawResponse, now: u64) -> Placed {
    let limit = parse_rate_limit(|n| raw.header(n), now);
    Placed {
        result: decode::<PlacedOrder>(raw, now).map(|e| e.data),
        remaining: limit.remaining,
        reset_at: limit.reset,
    }
}

/// What a failed checkout request means for the attempt (the rule is `attempt::decide`).
pub fn failure(e: &ApiError, now: u64) -> Failure {
    match e {
        ApiError::RateLimited(r) => Failure::RateLimited {
            until: r.retry_at().unwrap_or(now + 60),
        },
        // A timeout, a dropped connection, a 5xx from a proxy, an unreadable 2xx: the order
        // may exist.
        ApiError::Network(_)
        | ApiError::Timeout { .. }
        | ApiError::Server(_)
        | ApiError::Decode { .. } => Failure::MaybeCommitted,
        ApiError::Conflict(_) => Failure::InFlight,
        ApiError::Unauthorized(_) => Failure::Unauthorized,
        // 422: the key met other content (IDEMPOTENCY_KEY_REUSED).
        ApiError::Validation(b) if b.status == 422 => Failure::KeyReused,
        _ => Failure::Refused {
            cart_empty: e.is(ErrorCode::CartEmpty),
        },
    }
}
