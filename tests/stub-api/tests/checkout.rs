//! Checkout across the four backends over real HTTP (docs/integration.md): saved addresses,
//! shipping methods and cost, delivery slots, the courier quote, the partner's address
//! check, the preview, checkout with every kind of shipping and payment, the payment page,
//! payment status, and the orders it leaves behind.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

mod common;
#[path = "common/shop.rs"]
mod shop;
use common::{keys, quick as start, sorted, Stub, C, HOME, TVERSKAYA};
use shop::kop;

const ANNA: &str = "+79990000001";
const MOUNTER: &str = "+79990000002";
const DEALER: &str = "+79990000003";
const NEW_PHONE: &str = "+79990000088";
/// «Склад Москва-Север» (no pickup, no express), «Магазин на Тверской» (both),
/// «Магазин в Митино» (both).
const STORAGE: &str = "00000000-0000-4000-d000-000000000001";
const MITINO: &str = "00000000-0000-4000-d000-000000000003";

impl Stub {
    /// A fresh courier quote for Anna's home, picked up at `place`.
    async fn quote(&self, place: &str, lat: f64, lng: f64) -> (StatusCode, Value) {
        self.post(
            "/courier/orders/verify/",
            json!({
                "pickup": {"place": place}, "payment_type": "b2b_account",
                "drop_off": [{"address": "Москва, ул. Тверская, 7", "lat": lat, "lng": lng,
                              "name": "Анна Смирнова", "phone": "+79990000001"}]
            }),
            None,
        )
        .await
    }
}

fn assert_error(st: StatusCode, v: &Value, status: u16, code: &str) {
    assert_eq!(st.as_u16(), status, "{v}");
    assert_eq!(v["success"], false, "{v}");
    assert_eq!(v["error"]["code"], code, "{v}");
    assert!(v["error"]["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
}

/// VAT on the goods after discount, 20 %, half up — added on top, as the cart does.
fn vat(goods: i64) -> i64 {
    (goods * 20 + 50) / 100
}

// ---------- addresses (§1) ----------

#[tokio::test]
async fn addresses_are_saved_geocoded_and_checked_field_by_field() {
    let s = start().await;
    let anna = s.sign_in(ANNA).await;
    let (st, v) = s.get(&format!("{C}/addresses"), None).await;
    assert_error(st, &v, 401, "UNAUTHORIZED");

    let (st, v) = s.get(&format!("{C}/addresses"), Some(&anna.token)).await;
    assert_eq!(st, 200);
    let list = v["data"]["addresses"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    let home = &list[0];
    assert_eq!(
        keys(home),
        sorted(vec![
            "id",
            "recipientName",
            "recipientPhone",
            "country",
            "index",
            "region",
            "city",
            "street",
            "building",
            "housing",
            "house",
            "flat",
            "block",
            "floor",
            "metro",
            "notes",
            "kladrCode",
            "regionKladrCode",
            "location"
        ])
    );
    assert_eq!(home["id"], HOME);
    assert_eq!(home["recipientName"], "Анна Смирнова");
    assert_eq!(home["kladrCode"], "7700000000000");
    // Exactly the example of docs/integration.md §1.
    assert_eq!(
        home,
        &json!({
            "id": "ad0e8400-0000-4000-a000-000000000001",
            "recipientName": "Анна Смирнова", "recipientPhone": "+79990000001",
            "country": "RU", "index": "125009", "region": "Москва", "city": "Москва",
            "street": "ул. Тверская", "building": "7", "housing": null, "house": null,
            "flat": "12", "block": "2", "floor": "5", "metro": "Охотный ряд", "notes": "Домофон 12",
            "kladrCode": "7700000000000", "regionKladrCode": "7700000000000",
            "location": {"lat": 55.757, "lng": 37.613}
        })
    );
    assert_eq!(home["housing"], Value::Null);

    let (st, a) = s
        .post(
            &format!("{C}/addresses"),
            json!({
                "recipientName": "Анна Смирнова", "recipientPhone": "+79990000001",
                "index": "191025", "city": "Санкт-Петербург", "street": "Невский пр.",
                "building": "28", "flat": "4", "floor": 3, "block": "1, справа"
            }),
            Some(&anna.token),
        )
        .await;
    assert_eq!(st, 201, "{a}");
    let a = &a["data"];
    assert_eq!(a["id"], "ad0e8400-0000-4000-a000-000000000002");
    assert_eq!(a["country"], "RU");
    assert_eq!(a["region"], "Санкт-Петербург");
    assert_eq!(a["kladrCode"], "7800000000000");
    assert_eq!(a["regionKladrCode"], "7800000000000");
    assert_eq!(a["location"], json!({"lat": 59.93, "lng": 30.31}));
    assert_eq!(a["floor"], "3");
    assert_eq!(a["block"], "1, справа");

    for (city, index, kladr, lat) in [
        ("Казань", "420111", "1600000000000", 55.79),
        ("Анадырь", "689000", "8700000000000", 64.73),
        ("Химки", "141400", "5000000000000", 55.9),
    ] {
        let (st, a) = s
            .post(
                &format!("{C}/addresses"),
                json!({"recipientName": "Анна", "recipientPhone": "+79990000001", "index": index,
                       "city": city, "street": "ул. Ленина", "building": "1"}),
                Some(&anna.token),
            )
            .await;
        assert_eq!(st, 201);
        assert_eq!(a["data"]["kladrCode"], kladr, "{city}");
        assert_eq!(a["data"]["location"]["lat"], lat, "{city}");
    }
    let (_, v) = s.get(&format!("{C}/addresses"), Some(&anna.token)).await;
    assert_eq!(v["data"]["addresses"].as_array().unwrap().len(), 5);

    let (st, v) = s
        .post(
            &format!("{C}/addresses"),
            json!({"recipientPhone": "89990000001", "index": "12345", "city": " ", "flat": ["1"]}),
            Some(&anna.token),
        )
        .await;
    assert_error(st, &v, 400, "VALIDATION_ERROR");
    let d = &v["error"]["details"];
    assert_eq!(
        keys(d),
        sorted(vec![
            "building",
            "city",
            "flat",
            "index",
            "recipientName",
            "recipientPhone",
            "street"
        ])
    );
    assert_eq!(d["index"][0], "Индекс — 6 цифр");
    assert_eq!(d["recipientPhone"][0], "Телефон в формате +7 и 10 цифр");
    // Another shopper sees none of Anna's.
    let other = s.sign_in(NEW_PHONE).await;
    let (_, v) = s.get(&format!("{C}/addresses"), Some(&other.token)).await;
    assert_eq!(v["data"]["addresses"], json!([]));
}

// ---------- shipping (§2) ----------

#[tokio::test]
async fn shipping_methods_carry_their_kind_and_refuse_chukotka_and_other_countries() {
    let s = start().await;
    let (st, v) = s
        .get(
            &format!("{C}/shipping/methods?country=RU&postalCode=125009"),
            None,
        )
        .await;
    assert_eq!(st, 200, "{v}");
    let methods = v["data"]["methods"].as_array().unwrap();
    let kinds: Vec<(&str, &str)> = methods
        .iter()
        .map(|m| (m["id"].as_str().unwrap(), m["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("ship-001", "DELIVERY"),
            ("ship-002", "DELIVERY"),
            ("ship-003", "SLOTS"),
            ("ship-004", "PICKUP"),
            ("ship-005", "EXPRESS")
        ]
    );
    assert_eq!(methods[2]["price"], 99);
    assert_eq!(methods[3]["isFree"], true);
    assert_eq!(methods[4]["carrier"], "Broniboy");
    assert_eq!(methods[4]["freeThreshold"], Value::Null);
    for m in methods {
        assert_eq!(
            keys(m),
            sorted(vec![
                "id",
                "name",
                "carrier",
                "description",
                "estimatedDays",
                "price",
                "currency",
                "isFree",
                "freeThreshold",
                "kind"
            ])
        );
    }

    let (st, v) = s
        .get(&format!("{C}/shipping/methods?country=DE"), None)
        .await;
    assert_error(st, &v, 400, "VALIDATION_ERROR");
    assert!(v["error"]["details"]["country"].is_array());
    let (st, v) = s.get(&format!("{C}/shipping/methods"), None).await;
    assert_error(st, &v, 400, "VALIDATION_ERROR");
    let (st, v) = s
        .get(
            &format!("{C}/shipping/methods?country=RU&postalCode=689000"),
            None,
        )
        .await;
    assert_error(st, &v, 400, "SHIPPING_NOT_AVAILABLE");

    // With the cart's id, isFree says whether this cart ships free.
    let anna = s.sign_in(ANNA).await;
    let (p, price) = s.product_between(6000, 9000).await;
    s.cart_of(&anna, &p, 1).await;
    let (_, cart) = s.get(&format!("{C}/cart"), Some(&anna.token)).await;
    let cart_id = cart["data"]["id"].as_str().unwrap();
    let (_, v) = s
        .get(
            &format!("{C}/shipping/methods?country=RU&postalCode=&cartId={cart_id}"),
            None,
        )
        .await;
    let free: Vec<bool> = v["data"]["methods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["isFree"].as_bool().unwrap())
        .collect();
    assert!(price >= 600_000);
    assert_eq!(free, [true, false, false, true, false]);
}

#[tokio::test]
async fn shipping_is_calculated_for_items_or_a_cart_and_refused_where_nobody_delivers() {
    let s = start().await;
    let (p, price) = s.product_between(2000, 4000).await;
    let body = json!({"destination": {"country": "RU", "postalCode": "125009", "city": "Москва"},
                      "items": [{"productId": p, "quantity": 2}]});
    let (st, v) = s
        .post(&format!("{C}/shipping/calculate"), body.clone(), None)
        .await;
    assert_eq!(st, 200, "{v}");
    let d = &v["data"];
    assert_eq!(
        d["destination"],
        json!({"country": "RU", "postalCode": "125009"})
    );
    assert!(d["package"]["totalWeight"].as_u64().unwrap() >= 400);
    for k in ["length", "width", "height"] {
        assert!(d["package"]["dimensions"][k].as_u64().unwrap() > 0);
    }
    let options = d["options"].as_array().unwrap();
    assert_eq!(options.len(), 5);
    let first = &options[0];
    assert_eq!(
        keys(first),
        sorted(vec![
            "methodId",
            "name",
            "carrier",
            "price",
            "currency",
            "estimatedDelivery",
            "isFree",
            "kind"
        ])
    );
    // 2 × (2000…4000 ₽) is 4000…8000 ₽: Почта России is free from 5000 ₽.
    let free = 2 * price >= 500_000;
    assert_eq!(first["isFree"], free);
    assert_eq!(first["price"], if free { json!(0) } else { json!(350) });
    let min = first["estimatedDelivery"]["min"].as_str().unwrap();
    let max = first["estimatedDelivery"]["max"].as_str().unwrap();
    assert_eq!((min.len(), max.len()), (10, 10));
    assert!(min < max, "{min} {max}");
    assert_eq!(options[1]["isFree"], false);
    assert_eq!(options[1]["price"], 650);

    let mut far = body.clone();
    far["destination"]["postalCode"] = json!("689000");
    let (st, v) = s.post(&format!("{C}/shipping/calculate"), far, None).await;
    assert_error(st, &v, 400, "INVALID_DESTINATION");
    let mut unknown = body.clone();
    unknown["items"][0]["productId"] = json!("00000000-0000-4000-a000-0000000fffff");
    let (st, v) = s
        .post(&format!("{C}/shipping/calculate"), unknown, None)
        .await;
    assert_error(st, &v, 404, "PRODUCT_NOT_FOUND");
    let (st, v) = s
        .post(
            &format!("{C}/shipping/calculate"),
            json!({"destination": {"country": "RU"}}),
            None,
        )
        .await;
    assert_error(st, &v, 400, "VALIDATION_ERROR");
    assert!(v["error"]["details"]["items"].is_array());
    assert!(v["error"]["details"]["destination.postalCode"].is_array());

    // The cart's own lines.
    let anna = s.sign_in(ANNA).await;
    let (_, cart) = s.get(&format!("{C}/cart"), Some(&anna.token)).await;
    let (st, v) = s
        .post(
            &format!("{C}/shipping/calculate"),
            json!({"destination": {"country": "RU", "postalCode": "125009"}, "cartId": cart["data"]["id"]}),
            Some(&anna.token),
        )
        .await;
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["data"]["options"].as_array().unwrap().len(), 5);
}

// ---------- delivery slots (§3), courier quote (§5), address check (§9) ----------

#[tokio::test]
async fn slots_are_offered_in_moscow_and_piter_and_nowhere_else() {
    let s = start().await;
    let (st, v) = s
        .get(
            "/delivery/v1/delivery/slots?lat=55.757&lon=37.613&cart_id=c1",
            None,
        )
        .await;
    assert_eq!(st, 200, "{v}");
    let slots = v["slots"].as_array().unwrap();
    assert_eq!(slots.len(), 28);
    assert_eq!(keys(&slots[0]), ["eta_hours", "price", "slot_id"]);
    assert_eq!(slots[0]["price"]["currency"], "RUB");
    let id = slots[0]["slot_id"].as_str().unwrap();
    assert!(id.ends_with("T10:00/12:00"), "{id}");
    let (_, v) = s
        .get("/delivery/v1/delivery/slots?lat=59.9&lon=30.4", None)
        .await;
    assert_eq!(v["slots"].as_array().unwrap().len(), 28);
    let (st, v) = s
        .get(
            "/delivery/v1/delivery/slots?lat=55.79&lon=49.12&cart_id=c1",
            None,
        )
        .await;
    assert_eq!(st, 200);
    assert_eq!(v["slots"], json!([]));
    let (st, v) = s
        .get(
            &format!("/delivery/v1/delivery/slots?address_id={HOME}"),
            None,
        )
        .await;
    assert_eq!(st, 200);
    assert_eq!(v["slots"].as_array().unwrap().len(), 28);
    let (st, v) = s.get("/delivery/v1/delivery/slots?cart_id=c1", None).await;
    assert_eq!(st, 400);
    assert_eq!(v["error"], "validation_error");
    assert_eq!(v["details"][0]["field"], "lat");
    assert!(v["request_id"].as_str().unwrap().starts_with("req_"));
}

#[tokio::test]
async fn the_courier_quotes_with_an_id_and_refuses_outside_its_zone() {
    let s = start().await;
    let (st, v) = s.quote(TVERSKAYA, 55.757, 37.613).await;
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["success"], true);
    assert_eq!(v["status_code"], 200);
    let d = &v["data"];
    assert_eq!(
        d["order"],
        json!({"price": 450, "final_price": 540, "payment_type": "b2b_account"})
    );
    assert_eq!(d["available_payment_types"], json!(["b2b_account"]));
    let times = d["available_pickup_times"].as_array().unwrap();
    assert_eq!(times.len(), 4);
    for t in times {
        let t = t.as_str().unwrap();
        assert!(t.ends_with(":00:00+03:00") && t.len() == 25, "{t}");
    }
    assert_eq!(d["quote_id"], "q-1");
    assert!(d["quote_expires_at"].as_str().unwrap().ends_with('Z'));

    // Mitino is ~17 km from Tverskaya Street: 20 % more.
    let (_, v) = s.quote(MITINO, 55.757, 37.613).await;
    assert_eq!(v["data"]["final_price"], Value::Null);
    assert_eq!(v["data"]["order"]["final_price"], 648);
    assert_eq!(v["data"]["quote_id"], "q-2");

    let (st, v) = s.quote(TVERSKAYA, 55.79, 49.12).await;
    assert_eq!(st, 400);
    assert_eq!(v["success"], false);
    assert_eq!(v["status_code"], 400);
    assert_eq!(v["error"]["code"], 10);
    assert_eq!(v["error"]["message"], "Адрес вне зоны доставки");
    assert!(v["error"]["dev_err"].is_string());

    let (st, v) = s
        .post(
            "/courier/orders/verify/",
            json!({"pickup": {"place": TVERSKAYA}, "payment_type": "b2b_account"}),
            None,
        )
        .await;
    assert_eq!(st, 400);
    assert_eq!(v["error"]["code"], 3);
    assert!(v["error"]["dev_err"]["drop_off"].is_array());
    let (st, v) = s.quote(STORAGE, 55.757, 37.613).await;
    assert_eq!(st, 400);
    assert!(v["error"]["dev_err"]["pickup"].is_array());
}

#[tokio::test]
async fn the_partner_api_delivers_everywhere_but_chukotka() {
    let s = start().await;
    let check = |code: Value| {
        let s = &s;
        async move {
            let r = s
                .http
                .post(s.url("/partner/delivery/address/check"))
                .json(&code)
                .send()
                .await
                .unwrap();
            (r.status(), r.json::<Value>().await.unwrap())
        }
    };
    let (st, v) = check(json!({"kladrCode": "7700000000000"})).await;
    assert_eq!((st.as_u16(), v), (200, json!({"deliveryEnabled": true})));
    let (_, v) = check(json!({"kladrCode": "8700000000000"})).await;
    assert_eq!(v, json!({"deliveryEnabled": false}));
    let (st, v) = check(json!({})).await;
    assert_eq!(st, 400);
    assert_eq!(keys(&v), ["code", "message"]);
}

// ---------- preview (§6) ----------

#[tokio::test]
async fn the_preview_prices_coupons_and_never_counts_as_a_checkout() {
    let s = start().await;
    let anna = s.sign_in(ANNA).await;
    let (p, price) = s.product_between(2000, 4500).await;
    s.cart_of(&anna, &p, 2).await;
    let subtotal = 2 * price;
    assert!(subtotal < 1_000_000);

    // СДЭК (650 ₽, free from 10 000 ₽) with WELCOME10.
    let (st, h, v) = s
        .call(
            Method::POST,
            &format!("{C}/cart/checkout/preview"),
            Some(json!({"shippingAddressId": HOME, "shippingMethodId": "ship-002", "couponCodes": ["welcome10"]})),
            Some(&anna.token),
        )
        .await;
    assert_eq!(st, 200, "{v}");
    assert_eq!(h["x-ratelimit-limit"], "200");
    assert_eq!(h["x-ratelimit-policy"], "standard");
    let d = &v["data"];
    assert_eq!(keys(d), ["coupons", "summary", "toPay"]);
    let discount = (subtotal * 10 + 50) / 100;
    let tax = vat(subtotal - discount);
    let total = subtotal - discount + 65_000 + tax;
    assert_eq!(kop(&d["summary"]["subtotal"]), subtotal);
    assert_eq!(kop(&d["summary"]["discount"]), discount);
    assert_eq!(kop(&d["summary"]["shipping"]), 65_000);
    assert_eq!(kop(&d["summary"]["total"]), total);
    assert_eq!(kop(&d["summary"]["tax"]), tax);
    assert_eq!(d["coupons"][0]["code"], "WELCOME10");
    assert_eq!(kop(&d["coupons"][0]["discount"]), discount);
    assert_eq!(kop(&d["toPay"]), total);

    // FREESHIP waives the 650 ₽ and says so.
    let (_, v) = s
        .preview(
            &anna,
            json!({"shippingMethodId": "ship-002", "couponCodes": ["FREESHIP"]}),
        )
        .await;
    let d = &v["data"];
    assert_eq!(d["summary"]["shipping"], 0);
    assert_eq!(d["summary"]["discount"], 0);
    assert_eq!(d["coupons"], json!([{"code": "FREESHIP", "discount": 650}]));
    assert_eq!(kop(&d["summary"]["total"]), subtotal + vat(subtotal));

    // Nothing chosen yet: goods only.
    let (st, v) = s.preview(&anna, json!({})).await;
    assert_eq!(st, 200);
    assert_eq!(v["data"]["summary"]["shipping"], 0);
    assert_eq!(v["data"]["coupons"], json!([]));

    let (st, v) = s
        .preview(&anna, json!({"couponCodes": ["WELCOME10", "BAD"]}))
        .await;
    assert_error(st, &v, 400, "INVALID_COUPON");
    assert_eq!(v["error"]["details"], json!({"couponCodes": ["BAD"]}));
    let (st, v) = s
        .checkout(
            &anna,
            json!({"shippingAddressId": HOME, "shippingMethodId": "ship-002", "paymentMethod": "CARD", "couponCodes": ["BAD"]}),
        )
        .await;
    assert_error(st, &v, 400, "INVALID_COUPON");
    assert_eq!(v["error"]["details"], json!({"couponCodes": ["BAD"]}));

    let (st, v) = s
        .preview(
            &anna,
            json!({"shippingAddressId": "ad0e8400-0000-4000-a000-00000000ffff"}),
        )
        .await;
    assert_error(st, &v, 400, "INVALID_ADDRESS");
    let (st, v) = s
        .preview(&anna, json!({"shippingMethodId": "ship-999"}))
        .await;
    assert_error(st, &v, 400, "INVALID_SHIPPING_METHOD");

    // Many previews, and checkout's own limit of 2 is untouched.
    let (_, counters) = s.get("/__control/counters", None).await;
    assert_eq!(counters["checkoutPreviews"][&anna.id], 6);
    assert_eq!(counters["checkoutAttempts"][&anna.id], 1);
    let (st, v) = s
        .checkout(
            &anna,
            json!({"shippingAddressId": HOME, "shippingMethodId": "ship-002", "paymentMethod": "CARD"}),
        )
        .await;
    assert_eq!(st, 201, "{v}");
    let (_, counters) = s.get("/__control/counters", None).await;
    assert_eq!(counters["ordersCreated"][&anna.id], 1);
}

#[tokio::test]
async fn a_partner_balance_pays_first_and_only_partners_have_one() {
    let s = start().await;
    let ivan = s.sign_in(MOUNTER).await;
    let (p, price) = s.product_between(3000, 4000).await;
    s.cart_of(&ivan, &p, 5).await;
    let total = 5 * price + vat(5 * price);
    assert!(total > 1_000_000);
    let body = json!({"shippingMethodId": "ship-004", "pickupWarehouseId": TVERSKAYA, "usePartnerBalance": true});
    let (st, v) = s.preview(&ivan, body.clone()).await;
    assert_eq!(st, 200, "{v}");
    let d = &v["data"];
    assert_eq!(
        d["partnerBalance"],
        json!({"available": 10000, "applied": 10000})
    );
    assert_eq!(kop(&d["toPay"]), total - 1_000_000);
    let mut without = body.clone();
    without["usePartnerBalance"] = json!(false);
    let (_, v) = s.preview(&ivan, without).await;
    assert_eq!(
        v["data"]["partnerBalance"],
        json!({"available": 10000, "applied": 0})
    );
    assert_eq!(kop(&v["data"]["toPay"]), total);

    // The balance is spent at checkout: the card pays the rest.
    let mut order = body.clone();
    order["paymentMethod"] = json!("CARD");
    let (st, v) = s.checkout(&ivan, order).await;
    assert_eq!(st, 201, "{v}");
    assert_eq!(kop(&v["data"]["payment"]["amount"]), total - 1_000_000);
    assert_eq!(kop(&v["data"]["summary"]["total"]), total);
    s.cart_of(&ivan, &p, 1).await;
    let (_, v) = s.preview(&ivan, body).await;
    assert_eq!(
        v["data"]["partnerBalance"],
        json!({"available": 0, "applied": 0})
    );

    // The dealer has no bonus balance (null): 0, and BALANCE cannot pay.
    let olga = s.sign_in(DEALER).await;
    s.cart_of(&olga, &p, 1).await;
    let (_, v) = s.preview(&olga, json!({"usePartnerBalance": true})).await;
    assert_eq!(
        v["data"]["partnerBalance"],
        json!({"available": 0, "applied": 0})
    );
    let (st, v) = s
        .checkout(
            &olga,
            json!({"shippingMethodId": "ship-004", "pickupWarehouseId": TVERSKAYA, "paymentMethod": "BALANCE"}),
        )
        .await;
    assert_error(st, &v, 400, "VALIDATION_ERROR");
    assert!(v["error"]["details"]["paymentMethod"].is_array());
    // A shopper has no balance at all.
    let anna = s.sign_in(ANNA).await;
    let (_, v) = s.preview(&anna, json!({"usePartnerBalance": true})).await;
    assert!(v["data"].get("partnerBalance").is_none(), "{v}");
}

#[tokio::test]
async fn balance_pays_a_whole_order_which_is_paid_at_once() {
    let s = start().await;
    let (ivan, _, price) = s.shopper_with_cart(MOUNTER, 2).await;
    let (st, v) = s
        .checkout(
            &ivan,
            json!({"shippingMethodId": "ship-004", "pickupWarehouseId": TVERSKAYA, "paymentMethod": "BALANCE"}),
        )
        .await;
    assert_eq!(st, 201, "{v}");
    let d = &v["data"];
    assert_eq!(d["status"], "PAID");
    assert_eq!(d["payment"]["amount"], 0);
    assert!(d["payment"].get("paymentUrl").is_none());
    assert_eq!(kop(&d["summary"]["total"]), 2 * price + vat(2 * price));
    let o = s.order(&ivan, d["orderId"].as_str().unwrap()).await;
    assert_eq!(
        (o["status"].as_str(), o["paymentStatus"].as_str()),
        (Some("PAID"), Some("PAID"))
    );
    assert!(o["payment"]["paidAt"].is_string());
    assert_eq!(o["payment"]["method"], "BALANCE");
    assert_eq!(o["shippingMethod"]["pickupWarehouseId"], TVERSKAYA);
    assert_eq!(o["shippingAddress"]["recipientName"], "Иван Петров");
}

// ---------- checkout (§4, §5, §8) ----------

#[tokio::test]
async fn a_slot_order_costs_the_slot_and_remembers_it() {
    let s = start().await;
    let (anna, _, price) = s.shopper_with_cart(ANNA, 1).await;
    let (_, v) = s
        .get("/delivery/v1/delivery/slots?lat=55.75&lon=37.61", None)
        .await;
    let slot = v["slots"][3].clone();
    let slot_id = slot["slot_id"].as_str().unwrap();
    assert_eq!(slot["price"]["amount"], 199);

    // A slot method wants its slot.
    let (st, v) = s
        .checkout(
            &anna,
            json!({"shippingAddressId": HOME, "shippingMethodId": "ship-003", "paymentMethod": "CARD"}),
        )
        .await;
    assert_error(st, &v, 400, "VALIDATION_ERROR");
    assert!(v["error"]["details"]["deliverySlotId"].is_array(), "{v}");

    let (st, v) = s
        .checkout(
            &anna,
            json!({"shippingAddressId": HOME, "shippingMethodId": "ship-003", "paymentMethod": "CARD",
                   "deliverySlotId": slot_id, "notes": "Позвонить за час", "couponCodes": ["WELCOME10"]}),
        )
        .await;
    assert_eq!(st, 201, "{v}");
    let d = &v["data"];
    assert_eq!(d["summary"]["shipping"], 199);
    let discount = (price * 10 + 50) / 100;
    assert_eq!(
        kop(&d["summary"]["total"]),
        price - discount + 19_900 + vat(price - discount)
    );
    assert_eq!(d["estimatedDelivery"], &slot_id[..10]);
    let o = s.order(&anna, d["orderId"].as_str().unwrap()).await;
    assert_eq!(o["shippingMethod"]["deliverySlotId"], slot_id);
    assert_eq!(o["shippingMethod"]["kind"], "SLOTS");
    assert_eq!(o["pricing"]["shipping"], 199);
    assert_eq!(o["notes"], "Позвонить за час");
    assert_eq!(o["appliedCoupons"][0]["code"], "WELCOME10");
    assert_eq!(kop(&o["appliedCoupons"][0]["discount"]), discount);
    assert_eq!(o["shippingAddress"]["postalCode"], "125009");
    assert_eq!(o["shippingAddress"]["street"], "ул. Тверская, д. 7, кв. 12");
}

#[tokio::test]
async fn pickup_needs_no_address_and_bank_transfer_gets_bank_details() {
    let s = start().await;
    let (newbie, _, _) = s.shopper_with_cart(NEW_PHONE, 1).await;
    let (st, v) = s
        .checkout(
            &newbie,
            json!({"shippingMethodId": "ship-004", "pickupWarehouseId": STORAGE, "paymentMethod": "BANK_TRANSFER"}),
        )
        .await;
    assert_error(st, &v, 400, "INVALID_SHIPPING_METHOD");
    assert!(v["error"]["details"]["pickupWarehouseId"].is_array());
    let (st, v) = s
        .checkout(
            &newbie,
            json!({"shippingMethodId": "ship-004", "pickupWarehouseId": MITINO, "paymentMethod": "BANK_TRANSFER"}),
        )
        .await;
    assert_eq!(st, 201, "{v}");
    let d = &v["data"];
    assert_eq!(d["status"], "PENDING_PAYMENT");
    assert_eq!(d["summary"]["shipping"], 0);
    let bank = &d["payment"]["bankDetails"];
    assert_eq!(keys(bank), ["accountNumber", "bankName", "bik", "purpose"]);
    assert!(bank["purpose"]
        .as_str()
        .unwrap()
        .contains(d["orderNumber"].as_str().unwrap()));
    assert!(d["payment"].get("paymentUrl").is_none());
    let o = s.order(&newbie, d["orderId"].as_str().unwrap()).await;
    assert_eq!(o["shippingMethod"]["pickupWarehouseId"], MITINO);
    assert_eq!(o["shippingAddress"]["recipientName"], "Покупатель");
    assert_eq!(o["shippingAddress"]["phone"], NEW_PHONE);
    assert_eq!(o["payment"]["transactionId"], Value::Null);
    // Bank transfers have three days, cards two hours.
    let created = o["createdAt"].as_str().unwrap();
    let expires = d["payment"]["expiresAt"].as_str().unwrap();
    assert!(expires > created);
    assert_ne!(&expires[..10], &created[..10]);
}

#[tokio::test]
async fn an_express_order_costs_the_quote_and_a_stale_quote_is_refused() {
    let s = start().await;
    let (anna, _, _) = s.shopper_with_cart(ANNA, 1).await;
    let (_, q) = s.quote(TVERSKAYA, 55.75, 37.61).await;
    let quote = q["data"]["quote_id"].as_str().unwrap();
    let time = q["data"]["available_pickup_times"][1].as_str().unwrap();
    let body = |quote: &str, time: &str| {
        json!({"shippingAddressId": HOME, "shippingMethodId": "ship-005", "paymentMethod": "CARD",
               "courierQuoteId": quote, "courierPickupTime": time, "couponCodes": ["FREESHIP"]})
    };
    let (st, v) = s.preview(&anna, body("q-999", time)).await;
    assert_error(st, &v, 400, "INVALID_SHIPPING_METHOD");
    assert!(v["error"]["details"]["courierQuoteId"].is_array());
    let (st, v) = s
        .checkout(&anna, body(quote, "2000-01-01T10:00:00+03:00"))
        .await;
    assert_error(st, &v, 400, "INVALID_SHIPPING_METHOD");
    assert!(v["error"]["details"]["courierPickupTime"].is_array());

    let (st, v) = s.checkout(&anna, body(quote, time)).await;
    assert_eq!(st, 201, "{v}");
    // The courier's price is never free, FREESHIP or not.
    assert_eq!(v["data"]["summary"]["shipping"], 540);
    assert_eq!(v["data"]["estimatedDelivery"], &time[..10]);
    let o = s.order(&anna, v["data"]["orderId"].as_str().unwrap()).await;
    assert_eq!(o["shippingMethod"]["courierQuoteId"], quote);
    assert_eq!(o["shippingMethod"]["carrier"], "Broniboy");
    assert_eq!(
        o["appliedCoupons"],
        json!([{"code": "FREESHIP", "discount": 0}])
    );
}

#[tokio::test]
async fn a_card_payment_goes_through_the_payment_page_and_back() {
    let s = start().await;
    let anna = s.sign_in(ANNA).await;
    let ret = "http://127.0.0.1:8080/checkout/return";
    let (st, v) = s
        .checkout(
            &anna,
            json!({"shippingAddressId": HOME, "shippingMethodId": "ship-001", "paymentMethod": "CARD", "returnUrl": ret}),
        )
        .await;
    assert_eq!(st, 201, "{v}");
    let d = &v["data"];
    let order_id = d["orderId"].as_str().unwrap();
    let url = d["payment"]["paymentUrl"].as_str().unwrap();
    // Fifteen demo orders were paid: this is the sixteenth payment.
    assert_eq!(
        url,
        format!(
            "{}/pay/pay_16?return=http%3A%2F%2F127.0.0.1%3A8080%2Fcheckout%2Freturn",
            s.base
        )
    );
    let o = s.order(&anna, order_id).await;
    assert_eq!(o["payment"]["transactionId"], "pay_16");
    assert_eq!(o["paymentStatus"], "PENDING");
    let (st, v) = s.get("/delivery/v1/payments/pay_16", None).await;
    assert_eq!(st, 200);
    assert_eq!(v["status"], "pending");
    assert_eq!(kop(&v["amount"]["amount"]), kop(&d["payment"]["amount"]));

    let page = s.http.get(url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = page.text().await.unwrap();
    assert!(html.contains("lang=\"ru\""));
    assert!(html.contains(&format!(
        "Оплата заказа {}",
        d["orderNumber"].as_str().unwrap()
    )));
    assert!(html.contains(">Оплатить</button>") && html.contains(">Отказаться</button>"));
    assert!(html.contains("action=\"/pay/pay_16/confirm\""));
    assert!(html.contains(&format!("name=\"return\" value=\"{ret}\"")));

    let r = s
        .http
        .post(s.url("/pay/pay_16/confirm"))
        .form(&[("return", ret)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"].to_str().unwrap(),
        format!("{ret}?orderId={order_id}")
    );
    let (_, v) = s.get("/delivery/v1/payments/pay_16", None).await;
    assert_eq!(v["status"], "succeeded");
    assert_eq!(keys(&v), ["amount", "payment_id", "status"]);
    let o = s.order(&anna, order_id).await;
    assert_eq!(o["status"], "PAID");
    assert_eq!(o["paymentStatus"], "PAID");
    assert!(o["payment"]["paidAt"].is_string());
    assert_eq!(o["statusHistory"].as_array().unwrap().len(), 2);

    // Without a usable return address the page just says so.
    let r = s
        .http
        .post(s.url("/pay/pay_16/confirm"))
        .form(&[("return", "javascript:alert(1)")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("Оплата принята"));
    let r = s.http.get(s.url("/pay/pay_404")).send().await.unwrap();
    assert_eq!(r.status(), 404);
    let (st, v) = s.get("/delivery/v1/payments/pay_404", None).await;
    assert_eq!(st, 404);
    assert_eq!(v["error"], "not_found");
}

#[tokio::test]
async fn a_declined_or_expired_payment_is_reported_as_such() {
    let s = start().await;
    let anna = s.sign_in(ANNA).await;
    let (_, v) = s
        .checkout(
            &anna,
            json!({"shippingAddressId": HOME, "shippingMethodId": "ship-001", "paymentMethod": "EWALLET"}),
        )
        .await;
    let order_id = v["data"]["orderId"].as_str().unwrap().to_string();
    let url = v["data"]["payment"]["paymentUrl"].as_str().unwrap();
    assert!(
        url.ends_with("/pay/pay_16"),
        "no return param without returnUrl: {url}"
    );
    let r = s
        .http
        .post(s.url("/pay/pay_16/decline"))
        .form(&[("return", "https://shop.example/back?x=1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"].to_str().unwrap(),
        format!("https://shop.example/back?x=1&orderId={order_id}")
    );
    let (_, v) = s.get("/delivery/v1/payments/pay_16", None).await;
    assert_eq!(v["status"], "failed");
    let o = s.order(&anna, &order_id).await;
    assert_eq!(o["paymentStatus"], "FAILED");
    assert_eq!(o["status"], "PENDING_PAYMENT");

    let v = s
        .control("payments/pay_16", json!({"status": "expired"}))
        .await;
    assert_eq!(v["status"], "expired");
    let (_, v) = s.get("/delivery/v1/payments/pay_16", None).await;
    assert_eq!(v["status"], "expired");
    let (st, _) = s
        .post(
            "/__control/payments/pay_16",
            json!({"status": "lost"}),
            None,
        )
        .await;
    assert_eq!(st, 400);
}

#[tokio::test]
async fn stock_problems_name_every_line_and_big_partner_orders_need_kyc() {
    let s = start().await;
    let (anna, p, _) = s.shopper_with_cart(ANNA, 3).await;
    s.control("stock", json!({"productId": p, "stock": 1}))
        .await;
    let body =
        json!({"shippingAddressId": HOME, "shippingMethodId": "ship-001", "paymentMethod": "CARD"});
    let (st, v) = s.preview(&anna, body.clone()).await;
    assert_error(st, &v, 400, "INSUFFICIENT_STOCK");
    let (st, v) = s.checkout(&anna, body.clone()).await;
    assert_error(st, &v, 400, "INSUFFICIENT_STOCK");
    let items = v["error"]["details"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(
        keys(&items[0]),
        ["available", "name", "productId", "requested"]
    );
    assert_eq!(items[0]["productId"], p.as_str());
    assert_eq!(
        (
            items[0]["requested"].as_u64(),
            items[0]["available"].as_i64()
        ),
        (Some(3), Some(1))
    );
    s.control("stock", json!({"productId": p, "unavailable": true}))
        .await;
    let (st, v) = s.checkout(&anna, body).await;
    assert_error(st, &v, 400, "ITEMS_UNAVAILABLE");
    assert_eq!(v["error"]["details"]["items"][0]["available"], 0);

    // A partner's order over 100 000 ₽.
    let ivan = s.sign_in(MOUNTER).await;
    let (big, price) = s.product_between(20_000, 60_000).await;
    let n = (10_000_000 / price + 1) as u32;
    assert!(n <= 10);
    s.cart_of(&ivan, &big, n).await;
    let (st, v) = s
        .checkout(
            &ivan,
            json!({"shippingMethodId": "ship-004", "pickupWarehouseId": TVERSKAYA, "paymentMethod": "CARD"}),
        )
        .await;
    assert_error(st, &v, 403, "KYC_REQUIRED");
    assert_eq!(
        v["error"]["message"],
        "Для этой покупки требуется KYC-верификация"
    );
    // A shopper buying as much needs none.
    s.cart_of(&anna, &big, n).await;
    let (st, v) = s
        .preview(
            &anna,
            json!({"shippingMethodId": "ship-004", "pickupWarehouseId": TVERSKAYA}),
        )
        .await;
    assert_eq!(st, 200, "{v}");
}

#[tokio::test]
async fn checkout_checks_the_address_belongs_to_the_shopper_and_is_deliverable() {
    let s = start().await;
    let anna = s.sign_in(ANNA).await;
    let (st, a) = s
        .post(
            &format!("{C}/addresses"),
            json!({"recipientName": "Анна", "recipientPhone": "+79990000001", "index": "689000",
                   "city": "Анадырь", "street": "ул. Отке", "building": "1"}),
            Some(&anna.token),
        )
        .await;
    assert_eq!(st, 201);
    let chukotka = a["data"]["id"].as_str().unwrap().to_string();
    let (st, v) = s
        .preview(
            &anna,
            json!({"shippingAddressId": chukotka, "shippingMethodId": "ship-001"}),
        )
        .await;
    assert_error(st, &v, 400, "INVALID_ADDRESS");
    assert!(v["error"]["details"]["shippingAddressId"].is_array());
    // Pickup is still possible.
    let (st, _) = s
        .preview(
            &anna,
            json!({"shippingAddressId": chukotka, "shippingMethodId": "ship-004"}),
        )
        .await;
    assert_eq!(st, 200);
    // Another user's address is not one of Anna's; the check is checkout's too.
    let ivan = s.sign_in(MOUNTER).await;
    s.control(&format!("carts/{}/fill", ivan.id), json!({}))
        .await;
    let (st, v) = s
        .checkout(
            &ivan,
            json!({"shippingAddressId": HOME, "shippingMethodId": "ship-001", "paymentMethod": "CARD"}),
        )
        .await;
    assert_error(st, &v, 400, "INVALID_ADDRESS");
    let (st, v) = s
        .checkout(
            &ivan,
            json!({"shippingMethodId": "ship-001", "paymentMethod": "CARD"}),
        )
        .await;
    assert_error(st, &v, 400, "VALIDATION_ERROR");
    assert!(v["error"]["details"]["shippingAddressId"].is_array());
}

// ---------- orders (seed 003, §7) ----------

#[tokio::test]
async fn orders_list_newest_first_filter_by_date_and_show_the_seed_detail() {
    let s = start().await;
    let anna = s.sign_in(ANNA).await;
    let (st, v) = s.get(&format!("{C}/orders"), Some(&anna.token)).await;
    assert_eq!(st, 200, "{v}");
    let demo = v["data"]["orders"].as_array().unwrap();
    assert_eq!(demo.len(), 18);
    assert_eq!(v["meta"]["pagination"]["total"], 18);
    assert_eq!(
        keys(&demo[0]),
        sorted(vec![
            "id",
            "orderNumber",
            "status",
            "paymentStatus",
            "itemCount",
            "total",
            "currency",
            "createdAt",
            "updatedAt"
        ])
    );
    let created: Vec<&str> = demo
        .iter()
        .map(|o| o["createdAt"].as_str().unwrap())
        .collect();
    assert!(created.windows(2).all(|w| w[0] >= w[1]), "{created:?}");

    let (_, v) = s
        .checkout(
            &anna,
            json!({"shippingAddressId": HOME, "shippingMethodId": "ship-001", "paymentMethod": "CARD"}),
        )
        .await;
    let placed = v["data"].clone();
    let (_, v) = s
        .get(&format!("{C}/orders?pageSize=2"), Some(&anna.token))
        .await;
    assert_eq!(v["data"]["orders"][0]["id"], placed["orderId"]);
    assert_eq!(v["meta"]["pagination"]["total"], 19);
    assert_eq!(v["meta"]["pagination"]["totalPages"], 10);

    // §7: finding the order after a lost answer.
    let o = s.order(&anna, placed["orderId"].as_str().unwrap()).await;
    let since = o["createdAt"].as_str().unwrap();
    let (_, v) = s
        .get(&format!("{C}/orders?dateFrom={since}"), Some(&anna.token))
        .await;
    let found = v["data"]["orders"].as_array().unwrap();
    assert_eq!(found.len(), 1, "{v}");
    assert_eq!(found[0]["status"], "PENDING_PAYMENT");
    assert_eq!(found[0]["total"], placed["summary"]["total"]);
    let (_, v) = s
        .get(
            &format!("{C}/orders?dateFrom=2020-01-01T00:00:00Z&dateTo=2020-12-31"),
            Some(&anna.token),
        )
        .await;
    assert_eq!(v["data"]["orders"], json!([]));
    let (_, v) = s
        .get(&format!("{C}/orders?status=DELIVERED"), Some(&anna.token))
        .await;
    // Three delivered within the refund period (carrier, slots, express), one long ago.
    assert_eq!(v["data"]["orders"].as_array().unwrap().len(), 4);
    for bad in ["pageSize=51", "status=LOST", "dateFrom=вчера", "page=0"] {
        let (st, v) = s.get(&format!("{C}/orders?{bad}"), Some(&anna.token)).await;
        assert_error(st, &v, 400, "VALIDATION_ERROR");
    }

    assert_eq!(
        keys(&o),
        sorted(vec![
            "id",
            "orderNumber",
            "status",
            "paymentStatus",
            "items",
            "pricing",
            "shippingAddress",
            "billingAddress",
            "shippingMethod",
            "payment",
            "appliedCoupons",
            "notes",
            "statusHistory",
            "canCancel",
            "canRefund",
            "createdAt",
            "updatedAt"
        ])
    );
    assert_eq!(
        keys(&o["items"][0]),
        sorted(vec![
            "id",
            "product",
            "variantId",
            "variantAttributes",
            "quantity",
            "unitPrice",
            "totalPrice"
        ])
    );
    assert_eq!(
        keys(&o["items"][0]["product"]),
        ["id", "name", "sku", "thumbnailUrl"]
    );
    assert_eq!(
        keys(&o["pricing"]),
        ["currency", "discount", "shipping", "subtotal", "tax", "total"]
    );
    assert_eq!(o["pricing"]["total"], placed["summary"]["total"]);
    assert_eq!(
        keys(&o["shippingAddress"]),
        sorted(vec![
            "recipientName",
            "street",
            "city",
            "region",
            "country",
            "postalCode",
            "phone"
        ])
    );
    assert_eq!(o["billingAddress"], Value::Null);
    assert_eq!(
        keys(&o["shippingMethod"]),
        ["carrier", "estimatedDelivery", "id", "kind", "name"]
    );
    assert_eq!(keys(&o["payment"]), ["method", "paidAt", "transactionId"]);
    assert_eq!(o["statusHistory"][0]["status"], "PENDING_PAYMENT");
    assert_eq!(o["canCancel"], true);

    // A demo order in full, and someone else's is not found.
    let newest_delivered = demo.iter().find(|o| o["status"] == "DELIVERED").unwrap();
    let delivered = s
        .order(&anna, newest_delivered["id"].as_str().unwrap())
        .await;
    assert_eq!(delivered["status"], "DELIVERED");
    assert_eq!(delivered["canRefund"], true);
    assert_eq!(delivered["statusHistory"].as_array().unwrap().len(), 5);
    assert!(delivered["payment"]["transactionId"]
        .as_str()
        .unwrap()
        .starts_with("pay_"));
    let ivan = s.sign_in(MOUNTER).await;
    let (st, v) = s
        .get(
            &format!("{C}/orders/{}", placed["orderId"].as_str().unwrap()),
            Some(&ivan.token),
        )
        .await;
    assert_error(st, &v, 404, "ORDER_NOT_FOUND");
    let (_, v) = s.get(&format!("{C}/orders"), Some(&ivan.token)).await;
    assert_eq!(v["data"]["orders"], json!([]));
}

#[tokio::test]
async fn reset_forgets_addresses_quotes_payments_and_orders() {
    let s = start().await;
    let anna = s.sign_in(ANNA).await;
    s.post(
        &format!("{C}/addresses"),
        json!({"recipientName": "Анна", "recipientPhone": "+79990000001", "index": "420111",
               "city": "Казань", "street": "ул. Баумана", "building": "1"}),
        Some(&anna.token),
    )
    .await;
    let (_, q) = s.quote(TVERSKAYA, 55.75, 37.61).await;
    let (st, v) = s
        .checkout(
            &anna,
            json!({"shippingAddressId": HOME, "shippingMethodId": "ship-001", "paymentMethod": "CARD"}),
        )
        .await;
    assert_eq!(st, 201, "{v}");
    s.control("reset", json!({})).await;
    let anna = s.sign_in(ANNA).await;
    let (_, v) = s.get(&format!("{C}/addresses"), Some(&anna.token)).await;
    assert_eq!(v["data"]["addresses"].as_array().unwrap().len(), 1);
    let (_, v) = s.get(&format!("{C}/orders"), Some(&anna.token)).await;
    assert_eq!(v["meta"]["pagination"]["total"], 18);
    let (st, _) = s.get("/delivery/v1/payments/pay_16", None).await;
    assert_eq!(st, 404);
    let (_, counters) = s.get("/__control/counters", None).await;
    assert_eq!(counters["ordersCreated"], json!({}));
    assert_eq!(counters["checkoutPreviews"], json!({}));
    // The old quote is gone; numbering starts again.
    let (st, v) = s
        .preview(
            &anna,
            json!({"shippingMethodId": "ship-005", "courierQuoteId": q["data"]["quote_id"]}),
        )
        .await;
    assert_error(st, &v, 400, "INVALID_SHIPPING_METHOD");
    let (_, q2) = s.quote(TVERSKAYA, 55.75, 37.61).await;
    assert_eq!(q2["data"]["quote_id"], "q-1");
    let (_, a) = s
        .post(
            &format!("{C}/addresses"),
            json!({"recipientName": "Анна", "recipientPhone": "+79990000001", "index": "125009",
                   "city": "Москва", "street": "ул. Арбат", "building": "1"}),
            Some(&anna.token),
        )
        .await;
    assert_eq!(a["data"]["id"], "ad0e8400-0000-4000-a000-000000000002");
}

#[tokio::test]
async fn the_courier_gateway_refuses_a_merchant_token_from_the_browser() {
    let s = start().await;
    let r = s
        .http
        .post(s.url("/courier/orders/verify/"))
        .header("X-App-Token", stub_api::courier::MERCHANT_TOKEN)
        .json(
            &json!({"pickup": {"place": TVERSKAYA}, "payment_type": "b2b_account", "drop_off": []}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["success"], false, "{v}");
    // Without the header the same body is judged on its fields, not refused.
    let (st, v) = s.quote(TVERSKAYA, 55.757, 37.613).await;
    assert_eq!(st, 200, "{v}");
}
