//! Orders (seed 003): the list (history, and the checkout's lookup after a lost answer), one
//! order in full, its tracking, cancel and refund; the links to the other systems'
//! orders (docs/integration.md §10). Wire shapes in `dto`, their mapping to
//! `domain::orders::order` in `mapping`: the endpoints answer in domain types.

mod dto;
mod mapping;

pub use dto::*;

use super::{Backend, Commerce, Endpoint, Envelope, Pagination};
use crate::api::{encode_component, ApiError, IdempotencyKey, Method, Query};
use crate::domain::orders::history::{OrdersFilter, PAGE_SIZE};
use crate::domain::orders::order::{
    Cancelled, OrderDetail, OrderSummary, RefundAccepted, Tracking,
};
use serde::Serialize;

/// `GET /orders?dateFrom=…` — the newest first.
pub async fn since(ep: &Endpoint, date_from: &str) -> Result<Vec<OrderSummary>, ApiError> {
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
) -> Result<(Vec<OrderSummary>, Option<Pagination>), ApiError> {
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

/// `GET /orders/{id}`.
pub async fn detail(ep: &Endpoint, id: &str) -> Result<OrderDetail, ApiError> {
    let path = format!("/orders/{}", encode_component(id));
    let r: Envelope<OrderDetailDto> = Commerce::request(ep, Method::Get, &path, None, None).await?;
    Ok(r.data.into())
}

/// `GET /orders/{id}/tracking`; `NOT_SHIPPED` is an error the page explains.
pub async fn tracking(ep: &Endpoint, id: &str) -> Result<Tracking, ApiError> {
    let path = format!("/orders/{}/tracking", encode_component(id));
    let r: Envelope<TrackingDto> = Commerce::request(ep, Method::Get, &path, None, None).await?;
    Ok(r.data.into())
}

/// `POST /orders/{id}/cancel {reason}`, one key per press.
pub async fn cancel(
    ep: &Endpoint,
    id: &str,
    reason: &str,
    key: &IdempotencyKey,
) -> Result<Cancelled, ApiError> {
    let path = format!("/orders/{}/cancel", encode_component(id));
    let body = serde_json::json!({ "reason": reason }).to_string();
    let r: Envelope<CancelDto> =
        Commerce::request(ep, Method::Post, &path, Some(body), Some(key)).await?;
    Ok(r.data.into())
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

/// `POST /orders/{id}/refund`, one key per press.
pub async fn refund(
    ep: &Endpoint,
    id: &str,
    body: &RefundRequest,
    key: &IdempotencyKey,
) -> Result<RefundAccepted, ApiError> {
    let path = format!("/orders/{}/refund", encode_component(id));
    let json = serde_json::to_string(body).unwrap_or_default();
    let r: Envelope<RefundDto> =
        Commerce::request(ep, Method::Post, &path, Some(json), Some(key)).await?;
    Ok(r.data.into())
}
