//! Orders (seed 003): the list (history, and the checkout's lookup after a lost answer), one
//! order in full, its tracking, cancel and refund; the links to the other systems'
//! orders (docs/integration.md §10).

use super::cart::LineItemDto;
use super::checkout::{AppliedCouponDto, PricingDto};
use super::{Backend, Commerce, Endpoint, Envelope, Pagination};
use crate::api::{encode_component, ApiError, IdempotencyKey, Method, Query};
use crate::domain::codes::{
    OrderStatus, PaymentMethod, PaymentStatus, RefundRequestStatus, RefundStatus, TrackingStatus,
};
use crate::domain::orders::history::{OrdersFilter, PAGE_SIZE};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Seed 003 `OrderSummary`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct OrderSummaryDto {
    pub id: String,
    pub order_number: String,
    pub status: OrderStatus,
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
    let r: Envelope<OrdersDto> = Commerce::request(ep, Method::Get, &path, None, None).await?;
    Ok(r.data.orders)
}

/// `GET /orders?page&pageSize&status&dateFrom&dateTo`.
pub async fn list(
    ep: &Endpoint,
    f: &OrdersFilter,
) -> Result<(Vec<OrderSummaryDto>, Option<Pagination>), ApiError> {
    let mut q = Query::new();
    q.push("page", f.page.max(1)).push("pageSize", PAGE_SIZE);
    if let Some(s) = &f.status {
        q.push("status", s);
    }
    if let Some(d) = &f.from {
        q.push("dateFrom", d);
    }
    if let Some(d) = &f.to {
        q.push("dateTo", d);
    }
    let path = format!("/orders{}", q.to_query_string());
    let r: Envelope<OrdersDto> = Commerce::request(ep, Method::Get, &path, None, None).await?;
    Ok((r.data.orders, r.meta.pagination))
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct OrderPaymentDto {
    pub method: PaymentMethod,
    #[serde(default)]
    pub transaction_id: Option<String>,
    #[serde(default)]
    pub paid_at: Option<String>,
    /// While a bank transfer is awaited: what is left to pay and where (integration.md §8).
    #[serde(default)]
    pub amount: Option<Decimal>,
    #[serde(default)]
    pub bank_details: Option<super::checkout::BankDetailsDto>,
}

/// `shippingAddress` and `billingAddress` (the latter has no recipient or phone).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", default)]
pub struct OrderAddressDto {
    pub recipient_name: Option<String>,
    pub street: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    pub phone: Option<String>,
}

/// Seed 001's `delivery` block of a carrier order (integration.md §10).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", default)]
pub struct CarrierDeliveryDto {
    pub integration_code: Option<String>,
    pub data: CarrierDataDto,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", default)]
pub struct CarrierDataDto {
    pub track_number: Option<String>,
}

/// `shippingMethod` with the links of integration.md §4 and §10.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", default)]
pub struct OrderShippingDto {
    pub name: String,
    pub carrier: Option<String>,
    pub estimated_delivery: Option<String>,
    pub delivery_order_id: Option<String>,
    pub courier_order_id: Option<String>,
    pub delivery: Option<CarrierDeliveryDto>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct StatusChangeDto {
    pub status: OrderStatus,
    pub changed_at: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// Seed 003 `OrderDetailResponse`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct OrderDetailDto {
    pub id: String,
    pub order_number: String,
    pub status: OrderStatus,
    pub payment_status: PaymentStatus,
    #[serde(default)]
    pub items: Vec<LineItemDto>,
    pub pricing: PricingDto,
    #[serde(default)]
    pub shipping_address: Option<OrderAddressDto>,
    #[serde(default)]
    pub billing_address: Option<OrderAddressDto>,
    #[serde(default)]
    pub shipping_method: Option<OrderShippingDto>,
    pub payment: OrderPaymentDto,
    #[serde(default)]
    pub applied_coupons: Vec<AppliedCouponDto>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub status_history: Vec<StatusChangeDto>,
    #[serde(default)]
    pub can_cancel: bool,
    #[serde(default)]
    pub can_refund: bool,
    #[serde(default)]
    pub created_at: String,
}

/// `GET /orders/{id}`.
pub async fn detail(ep: &Endpoint, id: &str) -> Result<OrderDetailDto, ApiError> {
    let path = format!("/orders/{}", encode_component(id));
    let r: Envelope<OrderDetailDto> = Commerce::request(ep, Method::Get, &path, None, None).await?;
    Ok(r.data)
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct TrackingEventDto {
    pub status: TrackingStatus,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub description: String,
    pub timestamp: String,
}

/// Seed 003 `TrackingResponse`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct TrackingDto {
    #[serde(default)]
    pub carrier: Option<String>,
    #[serde(default)]
    pub tracking_number: Option<String>,
    #[serde(default, deserialize_with = "crate::api::web_url")]
    pub tracking_url: Option<String>,
    #[serde(default)]
    pub estimated_delivery: Option<String>,
    #[serde(default)]
    pub events: Vec<TrackingEventDto>,
}

/// `GET /orders/{id}/tracking`; `NOT_SHIPPED` is an error the page explains.
pub async fn tracking(ep: &Endpoint, id: &str) -> Result<TrackingDto, ApiError> {
    let path = format!("/orders/{}/tracking", encode_component(id));
    let r: Envelope<TrackingDto> = Commerce::request(ep, Method::Get, &path, None, None).await?;
    Ok(r.data)
}

/// Seed 003 `CancelOrderResponse`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CancelDto {
    pub order_number: String,
    pub status: OrderStatus,
    #[serde(default)]
    pub refund_status: Option<RefundStatus>,
    #[serde(default)]
    pub refund_amount: Option<Decimal>,
    #[serde(default)]
    pub message: String,
}

/// `POST /orders/{id}/cancel {reason}`, one key per press.
pub async fn cancel(
    ep: &Endpoint,
    id: &str,
    reason: &str,
    key: &IdempotencyKey,
) -> Result<CancelDto, ApiError> {
    let path = format!("/orders/{}/cancel", encode_component(id));
    let body = serde_json::json!({ "reason": reason }).to_string();
    let r: Envelope<CancelDto> =
        Commerce::request(ep, Method::Post, &path, Some(body), Some(key)).await?;
    Ok(r.data)
}

/// Seed 003 `RefundRequest`: no `itemIds` means every item.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RefundRequest {
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_ids: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RefundItemDto {
    pub item_id: String,
    pub product_name: String,
    pub quantity: u32,
    pub amount: Decimal,
}

/// Seed 003 `RefundResponse`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RefundDto {
    pub order_number: String,
    pub status: RefundRequestStatus,
    pub requested_amount: Decimal,
    #[serde(default)]
    pub items: Vec<RefundItemDto>,
    #[serde(default)]
    pub message: String,
}

/// `POST /orders/{id}/refund`, one key per press.
pub async fn refund(
    ep: &Endpoint,
    id: &str,
    body: &RefundRequest,
    key: &IdempotencyKey,
) -> Result<RefundDto, ApiError> {
    let path = format!("/orders/{}/refund", encode_component(id));
    let json = serde_json::to_string(body).unwrap_or_default();
    let r: Envelope<RefundDto> =
        Commerce::request(ep, Method::Post, &path, Some(json), Some(key)).await?;
    Ok(r.data)
}
