//! OK Delivery API (seed 000): bare JSON on success, `{error,message,details,request_id}` on failure.

use super::{
    decode_bare, unreadable_error, value_text, ApiError, Backend, BackendError, Endpoint,
    ErrorCode, Method, RawResponse,
};
use serde::{de::DeserializeOwned, Deserialize};

#[derive(Deserialize)]
struct ErrorBody {
    error: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    details: serde_json::Value,
    #[serde(default)]
    request_id: Option<String>,
}

/// `details` is a list of `{field, code}`; grouped by field.
fn field_details(v: &serde_json::Value) -> super::FieldErrors {
    let mut out: super::FieldErrors = Vec::new();
    if let serde_json::Value::Array(items) = v {
        for item in items {
            let field = item.get("field").map(value_text).unwrap_or_default();
            let code = item
                .get("code")
                .or_else(|| item.get("message"))
                .map(value_text)
                .unwrap_or_default();
            match out.iter_mut().find(|(f, _)| *f == field) {
                Some((_, codes)) => codes.push(code),
                None => out.push((field, vec![code])),
            }
        }
    }
    out
}

fn backend_error(raw: &RawResponse) -> BackendError {
    match crate::domain::json::from_str::<ErrorBody>(&raw.body) {
        Ok(b) => BackendError {
            status: raw.status,
            code: ErrorCode::parse(&b.error),
            message: b.message,
            details: field_details(&b.details),
            request_id: b.request_id,
        },
        Err(_) => unreadable_error(raw),
    }
}

/// Turns a delivery response into its data or a typed error.
pub fn decode<T: DeserializeOwned>(raw: &RawResponse, now: u64) -> Result<T, ApiError> {
    decode_bare(raw, now, backend_error)
}

/// Seed 000's shape: bare JSON, the shopper's token as Bearer.
pub struct Delivery;

impl Backend for Delivery {
    type Answer<T> = T;
    const BEARER: bool = true;
    fn decode<T: DeserializeOwned>(raw: &RawResponse, now: u64) -> Result<T, ApiError> {
        decode(raw, now)
    }
}

/// Where to look for stock: the shopper's coordinates or one store.
#[derive(Clone, Debug, PartialEq)]
pub enum Near {
    Point { lat: f64, lon: f64 },
    Store(String),
}

/// One line of `GET /inventory`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Availability {
    pub product_id: String,
    pub available: bool,
    #[serde(default)]
    pub qty: Option<rust_decimal::Decimal>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct InventoryDto {
    pub availability: Vec<Availability>,
}

/// `GET /inventory?lat&lon|store_id&product_ids=…`.
pub async fn inventory(
    ep: &Endpoint,
    near: &Near,
    product_ids: &[&str],
) -> Result<Vec<Availability>, ApiError> {
    let mut q = super::Query::new();
    match near {
        Near::Point { lat, lon } => {
            q.push("lat", format!("{lat:.5}"))
                .push("lon", format!("{lon:.5}"));
        }
        Near::Store(id) => {
            q.push("store_id", id);
        }
    }
    q.push("product_ids", product_ids.join(","));
    let r: InventoryDto = Delivery::request(
        ep,
        Method::Get,
        &format!("/inventory{}", q.to_query_string()),
        None,
        None,
    )
    .await?;
    Ok(r.availability)
}

pub use crate::domain::checkout::offer::DeliverySlot;
pub use crate::domain::money::Money;

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct SlotsDto {
    pub slots: Vec<DeliverySlot>,
}

/// `GET /delivery/slots?lat&lon&cart_id` (integration.md §3).
pub async fn slots(
    ep: &Endpoint,
    lat: f64,
    lon: f64,
    cart_id: &str,
) -> Result<Vec<DeliverySlot>, ApiError> {
    let mut q = super::Query::new();
    q.push("lat", format!("{lat:.5}"))
        .push("lon", format!("{lon:.5}"))
        .push("cart_id", cart_id);
    let r: SlotsDto = Delivery::request(
        ep,
        Method::Get,
        &format!("/delivery/slots{}", q.to_query_string()),
        None,
        None,
    )
    .await?;
    Ok(r.slots)
}

/// Seed 000 `GET /payments/{payment_id}`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct PaymentDto {
    pub payment_id: String,
    pub status: crate::domain::codes::GatewayPaymentStatus,
    #[serde(default)]
    pub amount: Option<Money>,
    /// The payment page while the payment is pending (seed 000 `POST /payments` names it;
    /// integration.md §8: `GET` repeats it).
    #[serde(default, deserialize_with = "crate::api::web_url")]
    pub redirect_url: Option<String>,
}

pub async fn payment(ep: &Endpoint, id: &str) -> Result<PaymentDto, ApiError> {
    let path = format!("/payments/{}", super::encode_component(id));
    Delivery::request(ep, Method::Get, &path, None, None).await
}

/// A courier's name and phone (seed 000 `delivery.courier`, seed 002 `couriers[]`).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct CourierDto {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct OrderDeliveryDto {
    pub slot_id: Option<String>,
    pub courier: Option<CourierDto>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct HistoryDto {
    pub ts: String,
    pub status: crate::domain::codes::DeliveryStatus,
}

/// Seed 000 `GET /orders/{order_id}`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct DeliveryOrderDto {
    pub status: crate::domain::codes::DeliveryStatus,
    #[serde(default)]
    pub delivery: OrderDeliveryDto,
    #[serde(default)]
    pub history: Vec<HistoryDto>,
}

/// `GET /orders/{order_id}` (integration.md §10: the commerce order's `deliveryOrderId`).
pub async fn order(ep: &Endpoint, id: &str) -> Result<DeliveryOrderDto, ApiError> {
    let path = format!("/orders/{}", super::encode_component(id));
    Delivery::request(ep, Method::Get, &path, None, None).await
}
