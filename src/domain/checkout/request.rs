//! The order's content as `POST /cart/checkout` takes it (seed 003 and the extra fields of
//! docs/integration.md §4): built from the draft, hashed for the Idempotency-Key.

use crate::domain::codes::PaymentMethod;
use serde::Serialize;

/// Seed 003 `CheckoutRequest` and the extra fields of integration.md §4.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_address_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_address_id: Option<String>,
    pub shipping_method_id: String,
    pub payment_method: PaymentMethod,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub coupon_codes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_partner_balance: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_slot_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pickup_warehouse_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub courier_quote_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub courier_pickup_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_url: Option<String>,
}
