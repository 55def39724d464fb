//! Orders (seed 003) as checkout needs them: the list since a moment (to find an order whose
//! answer was lost) and one order's payment state (the return page).

use super::{request, Endpoint, Envelope};
use crate::api::{encode_component, ApiError, Method, Query};
use crate::domain::codes::{PaymentMethod, PaymentStatus};
use rust_decimal::Decimal;
use serde::Deserialize;

/// Seed 003 `OrderSummary`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct OrderSummaryDto {
    pub id: String,
    pub order_number: String,
    pub status: String,
    pub payment_status: PaymentStatus,
    #[serde(default)]
    pub item_count: u32,
    pub total: Decimal,
    #[serde(default)]
    pub currency: Option<String>,
    pub created_at: String,
    #[serde(default)]
    pub updated_at: Option<String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct OrdersDto {
    pub orders: Vec<OrderSummaryDto>,
}

/// `GET /orders?dateFrom=…` — the newest first.
pub async fn since(ep: &Endpoint, date_from: &str) -> Result<Vec<OrderSummaryDto>, ApiError> {
    let mut q = Query::new();
    q.push("dateFrom", date_from).push("pageSize", 20);
    let path = format!("/orders{}", q.to_query_string());
    let r: Envelope<OrdersDto> = request(ep, Method::Get, &path, None, None).await?;
    Ok(r.data.orders)
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct OrderPaymentDto {
    pub method: PaymentMethod,
    #[serde(default)]
    pub transaction_id: Option<String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct PricingDto {
    pub total: Decimal,
}

/// What the return page reads of seed 003 `OrderDetailResponse`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct OrderDetailDto {
    pub id: String,
    pub order_number: String,
    pub status: String,
    pub payment_status: PaymentStatus,
    pub pricing: PricingDto,
    pub payment: OrderPaymentDto,
}

/// `GET /orders/{id}`.
pub async fn detail(ep: &Endpoint, id: &str) -> Result<OrderDetailDto, ApiError> {
    let path = format!("/orders/{}", encode_component(id));
    let r: Envelope<OrderDetailDto> = request(ep, Method::Get, &path, None, None).await?;
    Ok(r.data)
}
