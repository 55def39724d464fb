//! Broniboy express courier (seed 002), reached through the merchant's gateway, which adds
//! the secret `X-App-Token`: the browser never holds it.
//! `{success,status_code,data}` / `{success:false,status_code,error:{code,message,dev_err}}`.

use super::{
    details_from_map, parse_body, refused, unreadable_error, value_text, ApiError, Backend,
    BackendError, Endpoint, ErrorCode, Method, RawResponse,
};
use serde::{de::DeserializeOwned, Deserialize};

#[derive(Deserialize)]
struct Body<T> {
    success: bool,
    #[serde(default)]
    status_code: Option<u16>,
    data: Option<T>,
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    status_code: Option<u16>,
    error: ErrorPart,
}

#[derive(Deserialize)]
struct ErrorPart {
    #[serde(default)]
    code: serde_json::Value,
    #[serde(default)]
    message: String,
    #[serde(default)]
    dev_err: serde_json::Value,
}

fn backend_error(raw: &RawResponse) -> (BackendError, Option<u16>) {
    match crate::domain::json::from_str::<ErrorBody>(&raw.body) {
        Ok(b) => {
            // 400s carry per-field lists in dev_err; other errors a technical string.
            let details = match &b.error.dev_err {
                serde_json::Value::Object(_) => details_from_map(&b.error.dev_err),
                serde_json::Value::Null => Vec::new(),
                other => vec![(String::new(), vec![value_text(other)])],
            };
            (
                BackendError {
                    status: raw.status,
                    code: ErrorCode::parse(&value_text(&b.error.code)),
                    message: b.error.message,
                    details,
                    request_id: None,
                },
                b.status_code,
            )
        }
        Err(_) => (unreadable_error(raw), None),
    }
}

/// Turns a courier response into its data or a typed error.
pub fn decode<T: DeserializeOwned>(raw: &RawResponse, now: u64) -> Result<T, ApiError> {
    if raw.is_success() {
        let body: Body<T> = parse_body(raw)?;
        if body.success {
            return body.data.ok_or_else(|| ApiError::Decode {
                status: raw.status,
                detail: "нет поля data".into(),
                request_id: raw.header("x-request-id").map(str::to_string),
            });
        }
        // A failure inside a 200: the body's status_code says what kind.
        let (err, code) = backend_error(raw);
        let as_status = RawResponse {
            status: code.or(body.status_code).unwrap_or(400),
            ..raw.clone()
        };
        return Err(refused(&as_status, err, now));
    }
    let (err, _) = backend_error(raw);
    Err(refused(raw, err, now))
}

/// Seed 002's shape through the gateway: `{success,status_code,data}`. No Authorization:
/// the gateway authenticates the merchant itself.
pub struct Courier;

impl Backend for Courier {
    type Answer<T> = T;
    const BEARER: bool = false;
    fn decode<T: DeserializeOwned>(raw: &RawResponse, now: u64) -> Result<T, ApiError> {
        decode(raw, now)
    }
}

/// Where the courier takes the parcel (seed 002 `DropOffList`, one address).
#[derive(Clone, Debug, serde::Serialize, PartialEq)]
pub struct DropOff {
    pub address: String,
    pub lat: f64,
    pub lng: f64,
    pub name: String,
    pub phone: String,
}

#[derive(Clone, Debug, serde::Serialize, PartialEq)]
pub struct Pickup {
    pub place: String,
}

#[derive(Clone, Debug, serde::Serialize, PartialEq)]
pub struct VerifyRequest {
    pub pickup: Pickup,
    pub payment_type: String,
    pub drop_off: Vec<DropOff>,
}

/// What the app reads of `verify`'s order: the price the courier will charge.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct QuotedOrder {
    pub final_price: rust_decimal::Decimal,
}

/// `verify`'s answer with the gateway's `quote_id` (integration.md §5).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct QuoteDto {
    pub order: QuotedOrder,
    #[serde(default)]
    pub available_pickup_times: Vec<String>,
    pub quote_id: String,
}

/// `POST /orders/verify/`: the final price and the pickup times on offer.
pub async fn verify(ep: &Endpoint, body: &VerifyRequest) -> Result<QuoteDto, ApiError> {
    let json = serde_json::to_string(body).unwrap_or_default();
    Courier::request(ep, Method::Post, "/orders/verify/", Some(json), None).await
}

/// A courier of seed 002's order (`couriers[]`): name and phone, as seed 000's.
pub use super::delivery::CourierDto;

/// What the order page reads of seed 002's order: its state and its courier's.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct CourierOrderDto {
    pub state: crate::domain::codes::CourierOrderState,
    #[serde(default)]
    pub courier_state: Option<crate::domain::codes::CourierState>,
    #[serde(default)]
    pub couriers: Vec<CourierDto>,
    #[serde(default)]
    pub state_history: Vec<StateChangeDto>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct StateChangeDto {
    pub state: crate::domain::codes::CourierOrderState,
    pub at: String,
}

/// `GET /orders/?order_id=…` (seed 002 «Список заказов», integration.md §10); `None` when
/// the courier does not know the order.
pub async fn order(ep: &Endpoint, id: &str) -> Result<Option<CourierOrderDto>, ApiError> {
    let path = format!("/orders/?order_id={}", super::encode_component(id));
    let list: Vec<CourierOrderDto> = Courier::request(ep, Method::Get, &path, None, None).await?;
    Ok(list.into_iter().next())
}
