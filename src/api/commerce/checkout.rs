//! `POST /cart/checkout` — 2 requests a minute per shopper, so retries reuse one key.

use super::{request, Endpoint, Envelope};
use crate::api::{ApiError, IdempotencyKey, Method};
use crate::domain::codes::PaymentMethod;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutRequest {
    pub shipping_address_id: String,
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
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct BankDetailsDto {
    pub bank_name: String,
    pub account_number: String,
    pub bik: String,
    pub purpose: String,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutPaymentDto {
    pub method: PaymentMethod,
    pub amount: Decimal,
    pub currency: String,
    #[serde(default)]
    pub payment_url: Option<String>,
    #[serde(default)]
    pub bank_details: Option<BankDetailsDto>,
    pub expires_at: String,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutSummaryDto {
    pub subtotal: Decimal,
    pub discount: Decimal,
    pub shipping: Decimal,
    pub tax: Decimal,
    pub total: Decimal,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutDto {
    pub order_id: String,
    pub order_number: String,
    pub status: String,
    pub payment: CheckoutPaymentDto,
    pub summary: CheckoutSummaryDto,
    #[serde(default)]
    pub estimated_delivery: Option<String>,
}

/// Places the order. The caller keeps `key` for every retry of this one order.
pub async fn place(
    ep: &Endpoint,
    body: &CheckoutRequest,
    key: &IdempotencyKey,
) -> Result<CheckoutDto, ApiError> {
    let json = serde_json::to_string(body).unwrap_or_default();
    let r: Envelope<CheckoutDto> =
        request(ep, Method::Post, "/cart/checkout", Some(json), Some(key)).await?;
    Ok(r.data)
}
