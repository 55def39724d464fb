//! From seed 003's order shapes to `domain::orders::order`: names said once, the carrier's
//! block flattened, variant attributes in the order of their names.

use super::dto::*;
use crate::api::commerce::cart::LineItemDto;
use crate::domain::orders::order::*;

impl From<LineItemDto> for OrderLine {
    fn from(i: LineItemDto) -> Self {
        OrderLine {
            id: i.id,
            product_id: i.product.id,
            name: i.product.name,
            thumbnail: i.product.thumbnail_url,
            variant_id: i.variant_id,
            attributes: i
                .variant_attributes
                .unwrap_or_default()
                .into_iter()
                .collect(),
            quantity: i.quantity,
            unit_price: i.unit_price,
            total_price: i.total_price,
        }
    }
}

impl From<OrderShippingDto> for OrderShipping {
    fn from(s: OrderShippingDto) -> Self {
        let (carrier_code, track_number) = s
            .delivery
            .map_or((None, None), |d| (d.integration_code, d.data.track_number));
        OrderShipping {
            name: s.name,
            carrier: s.carrier,
            estimated_delivery: s.estimated_delivery,
            delivery_order_id: s.delivery_order_id,
            courier_order_id: s.courier_order_id,
            carrier_code,
            track_number,
        }
    }
}

fn all<T, U: From<T>>(v: Vec<T>) -> Vec<U> {
    v.into_iter().map(U::from).collect()
}

impl From<OrderDetailDto> for OrderDetail {
    fn from(o: OrderDetailDto) -> Self {
        OrderDetail {
            id: o.id,
            order_number: o.order_number,
            status: o.status,
            payment_status: o.payment_status,
            items: all(o.items),
            pricing: o.pricing,
            shipping_address: o.shipping_address,
            billing_address: o.billing_address,
            shipping_method: o.shipping_method.map(Into::into),
            payment: o.payment,
            applied_coupons: o.applied_coupons,
            notes: o.notes,
            status_history: o.status_history,
            can_cancel: o.can_cancel,
            can_refund: o.can_refund,
            created_at: o.created_at,
        }
    }
}

impl From<TrackingDto> for Tracking {
    fn from(t: TrackingDto) -> Self {
        Tracking {
            carrier: t.carrier,
            tracking_number: t.tracking_number,
            tracking_url: t.tracking_url,
            estimated_delivery: t.estimated_delivery,
            events: t
                .events
                .into_iter()
                .map(|e| TrackingEvent {
                    status: e.status,
                    location: e.location,
                    description: e.description,
                    timestamp: e.timestamp,
                })
                .collect(),
        }
    }
}

impl From<CancelDto> for Cancelled {
    fn from(c: CancelDto) -> Self {
        Cancelled {
            order_number: c.order_number,
            status: c.status,
            refund_status: c.refund_status,
            refund_amount: c.refund_amount,
            message: c.message,
        }
    }
}

impl From<RefundDto> for RefundAccepted {
    fn from(r: RefundDto) -> Self {
        RefundAccepted {
            order_number: r.order_number,
            status: r.status,
            requested_amount: r.requested_amount,
            items: r
                .items
                .into_iter()
                .map(|i| RefundedItem {
                    item_id: i.item_id,
                    product_name: i.product_name,
                    quantity: i.quantity,
                    amount: i.amount,
                })
                .collect(),
            message: r.message,
        }
    }
}
