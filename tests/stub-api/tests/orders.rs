//! After checkout, over real HTTP (docs/integration.md §10): tracking (seed 003) with a
//! carrier's track number (seed 001), the delivery API's order with its courier (seed 000),
//! the express courier's order (seed 002), the control that advances an order in all of
//! them, and cancel and refund with seed 003's rules.

use reqwest::Method;
use serde_json::{json, Value};
use std::collections::HashMap;

mod common;
#[path = "common/shop.rs"]
mod shop;
use common::{keys, quick as start, sorted, Stub, C};
use shop::{kop, Who};

/// The demo shopper's orders by number (`ORD-2026-00001200` + plan index).
async fn demo(s: &Stub, who: &Who) -> HashMap<String, String> {
    let (_, v) = s
        .get(&format!("{C}/orders?pageSize=50"), Some(&who.token))
        .await;
    v["data"]["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["orderNumber"].as_str().unwrap().to_string(),
                o["id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn n(i: u32) -> String {
    format!("ORD-2026-{:08}", 1200 + i)
}

/// The courier API's order `cid` (seed 002 envelope, `data` a list).
async fn courier_order(s: &Stub, cid: &str) -> Value {
    let (st, v) = s
        .get(&format!("/courier/orders/?order_id={cid}"), None)
        .await;
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["success"], true);
    v["data"][0].clone()
}

fn code(v: &Value) -> &str {
    v["error"]["code"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn tracking_carries_the_carriers_track_and_waits_until_shipped() {
    let s = start().await;
    let anna = s.sign_in("+79990000001").await;
    let ids = demo(&s, &anna).await;

    let (st, v) = s
        .get(
            &format!("{C}/orders/{}/tracking", ids[&n(0)]),
            Some(&anna.token),
        )
        .await;
    assert_eq!((st.as_u16(), code(&v)), (400, "NOT_SHIPPED"), "{v}");
    assert!(v["error"]["details"]["estimatedDelivery"].is_string());

    // Почта России, shipped and in transit.
    let (st, v) = s
        .get(
            &format!("{C}/orders/{}/tracking", ids[&n(3)]),
            Some(&anna.token),
        )
        .await;
    assert_eq!(st, 200, "{v}");
    let t = &v["data"];
    assert_eq!(
        keys(t),
        sorted(vec![
            "orderId",
            "orderNumber",
            "status",
            "carrier",
            "trackingNumber",
            "trackingUrl",
            "estimatedDelivery",
            "events",
            "shippedAt",
            "deliveredAt"
        ])
    );
    assert_eq!(t["carrier"], "Почта России");
    let track = t["trackingNumber"].as_str().unwrap();
    assert!(track.starts_with("RA") && track.ends_with("RU"), "{track}");
    assert_eq!(
        t["trackingUrl"],
        format!("https://www.pochta.ru/tracking#{track}")
    );
    let events: Vec<&str> = t["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        events,
        ["IN_TRANSIT", "SHIPPED"],
        "newest first, as the seed"
    );
    assert_eq!(
        keys(&t["events"][0]),
        ["description", "location", "status", "timestamp"]
    );
    assert_eq!(t["deliveredAt"], Value::Null);
    // The order detail names the carrier's integration code and the track (seed 001 block).
    let o = s.order(&anna, &ids[&n(3)]).await;
    assert_eq!(
        o["shippingMethod"]["delivery"],
        json!({"code": "russianpost-delivery", "integrationCode": "russianpost", "data": {"trackNumber": track}})
    );
    // СДЭК, delivered.
    let o = s.order(&anna, &ids[&n(5)]).await;
    assert_eq!(o["shippingMethod"]["delivery"]["integrationCode"], "sdek");
}

#[tokio::test]
async fn the_delivery_apis_order_and_the_couriers_follow_the_advance_control() {
    let s = start().await;
    let anna = s.sign_in("+79990000001").await;
    let ids = demo(&s, &anna).await;

    // A slot delivery on its way: the delivery API's order with its courier.
    let o = s.order(&anna, &ids[&n(4)]).await;
    let did = o["shippingMethod"]["deliveryOrderId"].as_str().unwrap();
    let (st, d) = s.get(&format!("/delivery/v1/orders/{did}"), None).await;
    assert_eq!(st, 200, "{d}");
    assert_eq!(keys(&d), ["delivery", "history", "id", "items", "status"]);
    assert_eq!(d["status"], "on_the_way");
    assert!(d["delivery"]["courier"]["phone"]
        .as_str()
        .unwrap()
        .starts_with("+7"));
    let steps: Vec<&str> = d["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["status"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["created", "confirmed", "assembling", "on_the_way"]);
    let (st, _) = s.get("/delivery/v1/orders/ord_nope", None).await;
    assert_eq!(st, 404);

    // The express order being packed; then the control walks it to the door.
    let o = s.order(&anna, &ids[&n(2)]).await;
    assert_eq!(o["status"], "PROCESSING");
    let cid = o["shippingMethod"]["courierOrderId"].as_str().unwrap();
    let c = courier_order(&s, cid).await;
    assert_eq!(
        (c["state"].as_str(), c["courier_state"].as_str()),
        (Some("cooking"), Some("courier-assigned"))
    );
    assert!(c["couriers"][0]["name"].is_string());
    let mut seen = Vec::new();
    loop {
        let (st, v) = s
            .post(
                &format!("/__control/orders/{}/advance", ids[&n(2)]),
                json!({}),
                None,
            )
            .await;
        assert_eq!(st, 200);
        if v["moved"] == false {
            break;
        }
        let c = courier_order(&s, cid).await;
        seen.push(format!(
            "{} {}",
            v["status"].as_str().unwrap(),
            c["state"].as_str().unwrap()
        ));
    }
    assert_eq!(
        seen,
        ["PROCESSING ready", "SHIPPED on_way", "DELIVERED finished"]
    );
    let o = s.order(&anna, &ids[&n(2)]).await;
    assert_eq!(o["canRefund"], true);
}

#[tokio::test]
async fn cancel_follows_seed_003s_rules_in_every_system() {
    let s = start().await;
    let anna = s.sign_in("+79990000001").await;
    let ids = demo(&s, &anna).await;
    let cancel = |id: &str, body: Value| {
        let path = format!("{C}/orders/{id}/cancel");
        let token = anna.token.clone();
        let s = &s;
        async move { s.post(&path, body, Some(&token)).await }
    };
    let (st, v) = cancel(&ids[&n(1)], json!({"reason": "  "})).await;
    assert_eq!((st.as_u16(), code(&v)), (400, "VALIDATION_ERROR"), "{v}");
    assert!(v["error"]["details"]["reason"].is_array());
    let (st, v) = cancel(&ids[&n(3)], json!({"reason": "Долго"})).await;
    assert_eq!((st.as_u16(), code(&v)), (400, "CANNOT_CANCEL"), "{v}");

    // Not paid yet: nothing to refund.
    let (st, v) = cancel(&ids[&n(0)], json!({"reason": "Передумал"})).await;
    assert_eq!(st, 200, "{v}");
    assert_eq!(
        keys(&v["data"]),
        [
            "message",
            "orderId",
            "orderNumber",
            "refundAmount",
            "refundStatus",
            "status"
        ]
    );
    assert_eq!(v["data"]["refundStatus"], Value::Null);
    // Paid, with a slot: refund pending for the whole total, the delivery order cancelled.
    let (st, v) = cancel(&ids[&n(1)], json!({"reason": "Передумал"})).await;
    assert_eq!(st, 200, "{v}");
    let o = s.order(&anna, &ids[&n(1)]).await;
    assert_eq!(v["data"]["refundStatus"], "PENDING");
    assert_eq!(kop(&v["data"]["refundAmount"]), kop(&o["pricing"]["total"]));
    assert_eq!(o["status"], "CANCELLED");
    assert_eq!(o["canCancel"], false);
    let did = o["shippingMethod"]["deliveryOrderId"].as_str().unwrap();
    let (_, d) = s.get(&format!("/delivery/v1/orders/{did}"), None).await;
    assert_eq!(d["status"], "canceled");
    let (st, v) = cancel(&ids[&n(1)], json!({"reason": "Ещё раз"})).await;
    assert_eq!((st.as_u16(), code(&v)), (400, "CANNOT_CANCEL"));
    // Someone else's order is not found.
    let ivan = s.sign_in("+79990000002").await;
    let (st, v) = s
        .post(
            &format!("{C}/orders/{}/cancel", ids[&n(2)]),
            json!({"reason": "x"}),
            Some(&ivan.token),
        )
        .await;
    assert_eq!((st.as_u16(), code(&v)), (404, "ORDER_NOT_FOUND"));
}

#[tokio::test]
async fn refund_follows_seed_003s_rules() {
    let s = start().await;
    let anna = s.sign_in("+79990000001").await;
    let ids = demo(&s, &anna).await;
    let refund = |id: &str, body: Value| {
        let path = format!("{C}/orders/{id}/refund");
        let token = anna.token.clone();
        let s = &s;
        async move { s.post(&path, body, Some(&token)).await }
    };
    let (st, v) = refund(&ids[&n(3)], json!({"reason": "Брак"})).await;
    assert_eq!((st.as_u16(), code(&v)), (400, "CANNOT_REFUND"), "{v}");
    let (st, v) = refund(&ids[&n(6)], json!({"reason": "Брак"})).await;
    assert_eq!(
        (st.as_u16(), code(&v)),
        (400, "REFUND_PERIOD_EXPIRED"),
        "{v}"
    );
    // The express order delivered almost 12 days ago: refundable, until three more days pass.
    assert_eq!(s.order(&anna, &ids[&n(12)]).await["canRefund"], true);
    s.control(&format!("orders/{}/age", n(12)), json!({"days": 3}))
        .await;
    assert_eq!(s.order(&anna, &ids[&n(12)]).await["canRefund"], false);
    let (st, v) = refund(&ids[&n(12)], json!({"reason": "Брак"})).await;
    assert_eq!((st.as_u16(), code(&v)), (400, "REFUND_PERIOD_EXPIRED"));
    let delivered = s.order(&anna, &ids[&n(5)]).await;
    assert_eq!(delivered["canRefund"], true);
    let (st, v) = refund(&ids[&n(5)], json!({"reason": "", "itemIds": []})).await;
    assert_eq!((st.as_u16(), code(&v)), (400, "VALIDATION_ERROR"));
    let (st, v) = refund(&ids[&n(5)], json!({"reason": "Брак", "itemIds": ["nope"]})).await;
    assert_eq!((st.as_u16(), code(&v)), (400, "VALIDATION_ERROR"), "{v}");

    let item = &delivered["items"][1];
    let (st, v) = refund(
        &ids[&n(5)],
        json!({"reason": "Брак", "itemIds": [item["id"]], "description": "Треснул корпус"}),
    )
    .await;
    assert_eq!(st, 201, "{v}");
    let r = &v["data"];
    assert_eq!(
        keys(r),
        sorted(vec![
            "refundRequestId",
            "orderId",
            "orderNumber",
            "status",
            "requestedAmount",
            "items",
            "message",
            "createdAt"
        ])
    );
    assert_eq!(r["status"], "PENDING_REVIEW");
    assert_eq!(r["items"].as_array().unwrap().len(), 1);
    assert_eq!(r["items"][0]["itemId"], item["id"]);
    assert_eq!(kop(&r["items"][0]["amount"]), kop(&item["totalPrice"]));
    // The goods with their VAT, as they were paid.
    let goods = kop(&item["totalPrice"]);
    assert_eq!(kop(&r["requestedAmount"]), goods + (goods * 20 + 50) / 100);
    let (st, v) = refund(&ids[&n(5)], json!({"reason": "Ещё"})).await;
    assert_eq!((st.as_u16(), code(&v)), (409, "REFUND_ALREADY_REQUESTED"));
    assert_eq!(s.order(&anna, &ids[&n(5)]).await["canRefund"], false);
    let (st, _, _) = s
        .call(
            Method::GET,
            &format!("{C}/orders/{}/refund", ids[&n(5)]),
            None,
            Some(&anna.token),
        )
        .await;
    assert_eq!(st, 405);
}
