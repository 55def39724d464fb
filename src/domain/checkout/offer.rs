//! What the shop answers a checkout with (seed 003, integration.md §2–§8, seed 000 slots):
//! the shipping methods and their exact options, the delivery slots, the preview's summary
//! and the order a checkout placed. Their wire shape is already the app's, so they are read
//! straight from the wire, with no copy; `api::commerce::checkout` and `api::delivery`
//! fetch them.

use crate::domain::codes::{OrderStatus, PaymentMethod, ShippingKind};
use crate::domain::money::{default_currency, Money};
use crate::domain::orders::order::{AppliedCoupon, BankDetails, OrderPricing};
use rust_decimal::Decimal;
use serde::Deserialize;

/// Working days from … to.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub struct DayRange {
    pub min: u32,
    pub max: u32,
}

/// A way to ship the cart: seed 003 `ShippingMethod`, plus `kind` (integration.md §2).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ShippingMethod {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub carrier: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    pub estimated_days: DayRange,
    pub price: Decimal,
    #[serde(default = "default_currency")]
    pub currency: String,
    #[serde(default)]
    pub is_free: bool,
    #[serde(default)]
    pub free_threshold: Option<Decimal>,
    #[serde(default)]
    pub kind: ShippingKind,
}

/// Dates from … to (`YYYY-MM-DD`).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct DateRange {
    pub min: String,
    pub max: String,
}

/// A method's exact price and dates for this cart and address (`POST /shipping/calculate`).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ShippingOption {
    pub method_id: String,
    pub name: String,
    #[serde(default)]
    pub carrier: Option<String>,
    pub price: Decimal,
    #[serde(default = "default_currency")]
    pub currency: String,
    pub estimated_delivery: DateRange,
    #[serde(default)]
    pub is_free: bool,
}

/// One courier delivery interval (seed 000): `slot_id` is `2025-10-16T10:00/12:00`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct DeliverySlot {
    pub slot_id: String,
    pub price: Money,
    #[serde(default)]
    pub eta_hours: Option<u32>,
}

/// The partner's bonus balance as the preview applies it.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct PartnerBalance {
    pub available: Decimal,
    pub applied: Decimal,
}

/// The summary for the shopper's choices, nothing created (integration.md §6).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    pub summary: OrderPricing,
    #[serde(default)]
    pub coupons: Vec<AppliedCoupon>,
    #[serde(default)]
    pub partner_balance: Option<PartnerBalance>,
    #[serde(default)]
    pub to_pay: Option<Decimal>,
}

/// How the placed order is to be paid.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PlacedPayment {
    pub method: PaymentMethod,
    pub amount: Decimal,
    pub currency: String,
    /// Where to pay by card; only an `http(s)://` link is kept.
    #[serde(default, deserialize_with = "crate::domain::text::web_url")]
    pub payment_url: Option<String>,
    #[serde(default)]
    pub bank_details: Option<BankDetails>,
    pub expires_at: String,
}

/// The order a checkout placed (`POST /cart/checkout`'s answer).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PlacedOrder {
    pub order_id: String,
    pub order_number: String,
    pub status: OrderStatus,
    pub payment: PlacedPayment,
    pub summary: OrderPricing,
    #[serde(default)]
    pub estimated_delivery: Option<String>,
}
