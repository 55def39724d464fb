//! Seed 003's order shapes on the wire; `mapping` turns them into `domain::orders::order`.

use crate::api::commerce::cart::LineItemDto;
use crate::domain::codes::{
    OrderStatus, PaymentStatus, RefundRequestStatus, RefundStatus, TrackingStatus,
};
use crate::domain::orders::order::{
    AppliedCoupon, OrderAddress, OrderPayment, OrderPricing, OrderSummary, StatusChange,
};
use rust_decimal::Decimal;
use serde::Deserialize;

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct OrdersDto {
    pub orders: Vec<OrderSummary>,
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
    pub pricing: OrderPricing,
    #[serde(default)]
    pub shipping_address: Option<OrderAddress>,
    #[serde(default)]
    pub billing_address: Option<OrderAddress>,
    #[serde(default)]
    pub shipping_method: Option<OrderShippingDto>,
    pub payment: OrderPayment,
    #[serde(default)]
    pub applied_coupons: Vec<AppliedCoupon>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub status_history: Vec<StatusChange>,
    #[serde(default)]
    pub can_cancel: bool,
    #[serde(default)]
    pub can_refund: bool,
    #[serde(default)]
    pub created_at: String,
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
