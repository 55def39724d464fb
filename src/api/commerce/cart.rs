//! The account cart (seed 003): `GET /cart`, `POST /cart/items`, `PATCH`/`DELETE
//! /cart/items/:id`, `DELETE /cart`. All need a signed-in shopper.

use super::{Backend, Commerce, Endpoint, Envelope};
use crate::api::{encode_component, ApiError, IdempotencyKey, Method};
use crate::domain::cart::{CartLine, Coupon, LineKey, ServerCart, Summary};
use crate::domain::codes::CouponKind;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A line's product: the cart's `CartItem.product` or an order's `items[].product` (seed
/// 003); an order's names no price, stock or old price.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct LineProductDto {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub price: Option<Decimal>,
    #[serde(default)]
    pub compare_at_price: Option<Decimal>,
    #[serde(default, deserialize_with = "crate::api::web_url")]
    pub thumbnail_url: Option<String>,
    #[serde(default)]
    pub stock_quantity: Option<i64>,
}

/// A line of the cart (`CartItem`) or of an order (`OrderDetailResponse.items[]`): the
/// seed writes them alike.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct LineItemDto {
    pub id: String,
    pub product: LineProductDto,
    #[serde(default)]
    pub variant_id: Option<String>,
    #[serde(default)]
    pub variant_attributes: Option<BTreeMap<String, String>>,
    pub quantity: u32,
    pub unit_price: Decimal,
    pub total_price: Decimal,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CartSummaryDto {
    pub subtotal: Decimal,
    #[serde(default)]
    pub discount: Decimal,
    #[serde(default)]
    pub shipping: Option<Decimal>,
    #[serde(default)]
    pub tax: Decimal,
    pub total: Decimal,
    #[serde(default = "default_currency")]
    pub currency: String,
    pub item_count: u32,
    pub total_quantity: u32,
}

use super::default_currency;

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct CouponDto {
    pub code: String,
    pub discount: Decimal,
    #[serde(rename = "type")]
    pub kind: CouponKind,
}

/// `CartResponse`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CartDto {
    pub id: String,
    #[serde(default)]
    pub items: Vec<LineItemDto>,
    pub summary: CartSummaryDto,
    #[serde(default)]
    pub applied_coupons: Vec<CouponDto>,
    #[serde(default)]
    pub estimated_commission: Option<Decimal>,
    #[serde(default)]
    pub estimated_career_points: Option<Decimal>,
}

/// The short `cartSummary` that every change answers with.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ShortSummaryDto {
    pub total: Decimal,
    pub item_count: u32,
    pub total_quantity: u32,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct NamedRefDto {
    pub id: String,
    pub name: String,
}

/// `AddCartItemResponse` (201) and `UpdateCartItemResponse`: the line as it now is; only
/// the added one names its product.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct LineChangedDto {
    pub cart_item_id: String,
    #[serde(default)]
    pub product: Option<NamedRefDto>,
    pub quantity: u32,
    pub unit_price: Decimal,
    pub total_price: Decimal,
    pub cart_summary: ShortSummaryDto,
}

/// `RemoveCartItemResponse`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RemovedDto {
    #[serde(default)]
    pub message: Option<String>,
    pub cart_item_id: String,
    pub cart_summary: ShortSummaryDto,
}

/// `ClearCartResponse`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ClearedDto {
    #[serde(default)]
    pub message: Option<String>,
    pub items_removed: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AddBody<'a> {
    product_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    variant_id: Option<&'a str>,
    quantity: u32,
}

impl From<LineItemDto> for CartLine {
    fn from(i: LineItemDto) -> Self {
        CartLine {
            key: LineKey::new(i.product.id, i.variant_id),
            server_id: Some(i.id),
            name: i.product.name,
            thumbnail: i.product.thumbnail_url,
            attributes: i
                .variant_attributes
                .unwrap_or_default()
                .into_iter()
                .collect(),
            unit_price: i.unit_price,
            compare_at: i.product.compare_at_price,
            quantity: i.quantity,
            stock: i.product.stock_quantity.map(|s| s.max(0) as u64),
            merge_key: None,
        }
    }
}

impl From<CartDto> for ServerCart {
    fn from(c: CartDto) -> Self {
        ServerCart {
            id: c.id,
            lines: c.items.into_iter().map(CartLine::from).collect(),
            summary: Summary {
                subtotal: c.summary.subtotal,
                discount: c.summary.discount,
                shipping: c.summary.shipping,
                tax: c.summary.tax,
                total: c.summary.total,
                currency: c.summary.currency,
                item_count: c.summary.item_count,
                total_quantity: c.summary.total_quantity,
            },
            coupons: c
                .applied_coupons
                .into_iter()
                .map(|x| Coupon {
                    code: x.code,
                    discount: x.discount,
                    kind: x.kind,
                })
                .collect(),
            estimated_commission: c.estimated_commission,
            estimated_career_points: c.estimated_career_points,
        }
    }
}

/// `GET /cart`.
pub async fn get(ep: &Endpoint) -> Result<ServerCart, ApiError> {
    let env: Envelope<CartDto> = Commerce::request(ep, Method::Get, "/cart", None, None).await?;
    Ok(env.data.into())
}

/// `POST /cart/items`: adds `quantity` units (to the existing line, if any).
pub async fn add(
    ep: &Endpoint,
    key: &LineKey,
    quantity: u32,
    idem: &IdempotencyKey,
) -> Result<LineChangedDto, ApiError> {
    let body = serde_json::to_string(&AddBody {
        product_id: &key.product_id,
        variant_id: key.variant_id.as_deref(),
        quantity,
    })
    .unwrap_or_default();
    let env: Envelope<LineChangedDto> =
        Commerce::request(ep, Method::Post, "/cart/items", Some(body), Some(idem)).await?;
    Ok(env.data)
}

/// `PATCH /cart/items/:id` to exactly `quantity` units.
pub async fn update(
    ep: &Endpoint,
    item_id: &str,
    quantity: u32,
    idem: &IdempotencyKey,
) -> Result<LineChangedDto, ApiError> {
    let path = format!("/cart/items/{}", encode_component(item_id));
    let body = serde_json::json!({ "quantity": quantity }).to_string();
    let env: Envelope<LineChangedDto> =
        Commerce::request(ep, Method::Patch, &path, Some(body), Some(idem)).await?;
    Ok(env.data)
}

/// `DELETE /cart/items/:id`.
pub async fn remove(ep: &Endpoint, item_id: &str) -> Result<RemovedDto, ApiError> {
    let path = format!("/cart/items/{}", encode_component(item_id));
    let env: Envelope<RemovedDto> =
        Commerce::request(ep, Method::Delete, &path, None, None).await?;
    Ok(env.data)
}

/// `DELETE /cart`.
pub async fn clear(ep: &Endpoint) -> Result<ClearedDto, ApiError> {
    let env: Envelope<ClearedDto> =
        Commerce::request(ep, Method::Delete, "/cart", None, None).await?;
    Ok(env.data)
}
