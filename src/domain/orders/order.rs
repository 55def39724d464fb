//! An order as the app reads it (seed 003), once the wire answer has been checked at the
//! edge (`api::commerce::orders::mapping`): the list row, the order in full, its tracking
//! and what a cancel or a refund request answered. The parts whose wire shape is already
//! the app's (the row, money, addresses, payment, coupons, status changes) are read straight
//! from the wire, with no copy.

use crate::domain::codes::{
    OrderStatus, PaymentMethod, PaymentStatus, RefundRequestStatus, RefundStatus, TrackingStatus,
};
use rust_decimal::Decimal;
use serde::Deserialize;

/// One row of the order history (and of the checkout's lookup after a lost answer); seed
/// 003 `OrderSummary`, read straight from the wire.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderSummary {
    pub id: String,
    pub order_number: String,
    pub status: OrderStatus,
    pub payment_status: PaymentStatus,
    #[serde(default)]
    pub item_count: u32,
    pub total: Decimal,
    pub created_at: String,
}

/// One item of an order, with what is needed to put it back in the cart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderLine {
    pub id: String,
    pub product_id: String,
    pub name: String,
    pub thumbnail: Option<String>,
    pub variant_id: Option<String>,
    /// Variant attributes in the order of their names, e.g. `("Мощность", "2 кВт")`.
    pub attributes: Vec<(String, String)>,
    pub quantity: u32,
    pub unit_price: Decimal,
    pub total_price: Decimal,
}

/// What the order costs, part by part: the order's `pricing` and the checkout's and the
/// preview's `summary` (seed 003 writes them alike; the currency is always RUB here).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct OrderPricing {
    pub subtotal: Decimal,
    #[serde(default)]
    pub discount: Decimal,
    #[serde(default)]
    pub shipping: Decimal,
    #[serde(default)]
    pub tax: Decimal,
    pub total: Decimal,
}

/// A shipping or billing address (the latter has no recipient or phone).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OrderAddress {
    pub recipient_name: Option<String>,
    pub street: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    pub phone: Option<String>,
}

/// How the order travels, with the links to the other systems' orders (integration.md §10).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrderShipping {
    pub name: String,
    pub carrier: Option<String>,
    pub estimated_delivery: Option<String>,
    pub delivery_order_id: Option<String>,
    pub courier_order_id: Option<String>,
    /// The carrier's integration code (seed 001), when a carrier has it.
    pub carrier_code: Option<String>,
    /// The carrier's track number as the order carries it.
    pub track_number: Option<String>,
}

/// Where to pay a bank transfer.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BankDetails {
    pub bank_name: String,
    pub account_number: String,
    pub bik: String,
    pub purpose: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderPayment {
    pub method: PaymentMethod,
    #[serde(default)]
    pub transaction_id: Option<String>,
    #[serde(default)]
    pub paid_at: Option<String>,
    /// While a bank transfer is awaited: what is left to pay and where (integration.md §8).
    #[serde(default)]
    pub amount: Option<Decimal>,
    #[serde(default)]
    pub bank_details: Option<BankDetails>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct AppliedCoupon {
    pub code: String,
    pub discount: Decimal,
}

/// One step of the shop's own history of the order.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusChange {
    pub status: OrderStatus,
    pub changed_at: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// One order in full.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderDetail {
    pub id: String,
    pub order_number: String,
    pub status: OrderStatus,
    pub payment_status: PaymentStatus,
    pub items: Vec<OrderLine>,
    pub pricing: OrderPricing,
    pub shipping_address: Option<OrderAddress>,
    pub billing_address: Option<OrderAddress>,
    pub shipping_method: Option<OrderShipping>,
    pub payment: OrderPayment,
    pub applied_coupons: Vec<AppliedCoupon>,
    pub notes: Option<String>,
    pub status_history: Vec<StatusChange>,
    pub can_cancel: bool,
    pub can_refund: bool,
    pub created_at: String,
}

/// A carrier's scan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrackingEvent {
    pub status: TrackingStatus,
    pub location: Option<String>,
    pub description: String,
    pub timestamp: String,
}

/// The carrier's view of the order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tracking {
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    /// Only a web address (checked at the edge).
    pub tracking_url: Option<String>,
    pub estimated_delivery: Option<String>,
    pub events: Vec<TrackingEvent>,
}

/// What a cancel answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cancelled {
    pub order_number: String,
    pub status: OrderStatus,
    pub refund_status: Option<RefundStatus>,
    pub refund_amount: Option<Decimal>,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefundedItem {
    pub item_id: String,
    pub product_name: String,
    pub quantity: u32,
    pub amount: Decimal,
}

/// What a refund request answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefundAccepted {
    pub order_number: String,
    pub status: RefundRequestStatus,
    pub requested_amount: Decimal,
    pub items: Vec<RefundedItem>,
    pub message: String,
}
