//! Seed 003's order shapes on the wire; `mapping` turns them into `domain::orders::order`.

use crate::api::commerce::cart::LineItemDto;
use crate::api::commerce::checkout::{AppliedCouponDto, BankDetailsDto, PricingDto};
use crate::domain::codes::{
    OrderStatus, PaymentMethod, PaymentStatus, RefundRequestStatus, RefundStatus, TrackingStatus,
};
use rust_decimal::Decimal;
use serde::Deserialize;

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
    pub bank_details: Option<BankDetailsDto>,
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
