//! Every status a backend sends is a type (issue 24, point 2). Each seed value decodes to its
//! variant and reads as its word; a value the seeds do not name decodes to `Unknown` and shows
//! the neutral word the app has always shown. The DTOs carry the enums, not strings: the
//! `typed_*` checks below stop compiling if a field goes back to `String`.

mod common;
use common::rust_files;
use serde::de::DeserializeOwned;
use serde_json::json;
use vitrina::api::commerce::checkout::PlacedOrder;
use vitrina::api::commerce::orders::{CancelDto, OrderDetailDto, RefundDto, TrackingEventDto};
use vitrina::api::courier::{CourierOrderDto, StateChangeDto};
use vitrina::api::delivery::{DeliveryOrderDto, HistoryDto};
use vitrina::api::partner::cabinet::PartnerDto;
use vitrina::domain::codes::*;
use vitrina::domain::orders::order::{OrderSummary, StatusChange};
use vitrina::domain::orders::timeline::{
    courier_order_state, courier_state, delivery_status, order_status, tracking_status,
};
use vitrina::domain::partner::cabinet::{Organization, WithdrawalEntry};

/// The seed's spelling decodes (as JSON) to `variant`; the table names every known variant
/// exactly once, so a variant added without a row here fails.
fn decodes<T>(table: &[(&str, T)])
where
    T: DeserializeOwned + PartialEq + std::fmt::Debug + Clone,
{
    for (wire, variant) in table {
        let got: T = serde_json::from_value(json!(wire)).unwrap();
        assert_eq!(&got, variant, "{wire}");
    }
}

fn covers<T: PartialEq + std::fmt::Debug>(known: &[T], table: &[(&str, T)]) {
    assert_eq!(known.len(), table.len(), "a known value has no row");
    for k in known {
        assert!(table.iter().any(|(_, v)| v == k), "{k:?} has no row");
    }
}

#[test]
fn order_statuses_of_seed_003_are_variants_with_words_and_tones() {
    use OrderStatus as S;
    let t = [
        ("PENDING_PAYMENT", S::PendingPayment),
        ("PAID", S::Paid),
        ("PROCESSING", S::Processing),
        ("SHIPPED", S::Shipped),
        ("DELIVERED", S::Delivered),
        ("CANCELLED", S::Cancelled),
        ("REFUNDED", S::Refunded),
    ];
    decodes(&t);
    covers(S::KNOWN, &t);
    let words: Vec<_> = t.iter().map(|(_, s)| (s.word(), s.tone())).collect();
    assert_eq!(
        words,
        [
            ("Ждёт оплаты", "warn"),
            ("Оплачен", "info"),
            ("Собирается", "info"),
            ("В доставке", "info"),
            ("Доставлен", "ok"),
            ("Отменён", "off"),
            ("Возвращён", "off"),
        ]
    );
    let timeline: Vec<_> = t.iter().map(|(_, s)| order_status(s).1).collect();
    assert_eq!(
        timeline,
        [
            "ждёт оплаты",
            "оплачен",
            "собирается",
            "передан в доставку",
            "доставлен",
            "отменён",
            "деньги возвращены"
        ]
    );
    // Unknown: shown as the backend wrote it, in a neutral chip, no stage.
    let s: S = serde_json::from_value(json!("ON_HOLD")).unwrap();
    assert_eq!(s, S::Unknown("ON_HOLD".into()));
    assert_eq!((s.word(), s.tone()), ("ON_HOLD", "info"));
    assert_eq!(order_status(&s), (None, "статус обновлён"));
}

#[test]
fn payment_and_refund_statuses_of_seed_003_are_variants_with_words() {
    use PaymentStatus as P;
    let t = [
        ("PENDING", P::Pending),
        ("PAID", P::Paid),
        ("FAILED", P::Failed),
        ("REFUNDED", P::Refunded),
    ];
    decodes(&t);
    covers(P::KNOWN, &t);
    let words: Vec<_> = t.iter().map(|(_, s)| (s.word(), s.tone())).collect();
    assert_eq!(
        words,
        [
            ("Не оплачен", "warn"),
            ("Оплачен", "ok"),
            ("Оплата не прошла", "bad"),
            ("Деньги возвращены", "off"),
        ]
    );
    let s: P = serde_json::from_value(json!("HELD")).unwrap();
    assert_eq!(s, P::Unknown("HELD".into()));
    assert_eq!((s.word(), s.tone()), ("Оплата уточняется", "warn"));

    use RefundStatus as R;
    let t = [
        ("PENDING", R::Pending),
        ("PROCESSING", R::Processing),
        ("COMPLETED", R::Completed),
    ];
    decodes(&t);
    covers(R::KNOWN, &t);
    let words: Vec<_> = t.iter().map(|(_, s)| R::word(Some(s))).collect();
    assert_eq!(words, ["ожидает обработки", "в работе", "выполнен"]);
    let s: R = serde_json::from_value(json!("LOST")).unwrap();
    assert_eq!(R::word(Some(&s)), "ожидает обработки");
    assert_eq!(R::word(None), "ожидает обработки");

    let t = [("PENDING_REVIEW", RefundRequestStatus::PendingReview)];
    decodes(&t);
    covers(RefundRequestStatus::KNOWN, &t);
}

#[test]
fn tracking_delivery_and_courier_states_are_variants_with_words() {
    use TrackingStatus as T;
    let t = [
        ("SHIPPED", T::Shipped),
        ("PICKED_UP", T::PickedUp),
        ("IN_TRANSIT", T::InTransit),
        ("OUT_FOR_DELIVERY", T::OutForDelivery),
        ("DELIVERED", T::Delivered),
        ("RETURNED", T::Returned),
        ("RETURNED_TO_SENDER", T::ReturnedToSender),
    ];
    decodes(&t);
    covers(T::KNOWN, &t);
    let words: Vec<_> = t.iter().map(|(_, s)| tracking_status(s).1).collect();
    assert_eq!(
        words,
        [
            "передан перевозчику",
            "передан перевозчику",
            "в пути",
            "передан курьеру для доставки",
            "доставлен",
            "возвращён отправителю",
            "возвращён отправителю"
        ]
    );
    assert_eq!(
        tracking_status(&T::parse("CUSTOMS")),
        (None, "отметка перевозчика")
    );

    use DeliveryStatus as D;
    let t = [
        ("created", D::Created),
        ("confirmed", D::Confirmed),
        ("assembling", D::Assembling),
        ("on_the_way", D::OnTheWay),
        ("delivered", D::Delivered),
        ("canceled", D::Canceled),
    ];
    decodes(&t);
    covers(D::KNOWN, &t);
    let words: Vec<_> = t.iter().map(|(_, s)| delivery_status(s).1).collect();
    assert_eq!(
        words,
        [
            "заказ доставки создан",
            "доставка подтверждена",
            "собирается на складе",
            "курьер везёт заказ",
            "доставлен",
            "доставка отменена"
        ]
    );
    assert_eq!(
        delivery_status(&D::parse("lost")),
        (None, "статус доставки обновлён")
    );

    use CourierOrderState as C;
    let t = [
        ("created", C::Created),
        ("accepted", C::Accepted),
        ("cooking", C::Cooking),
        ("ready", C::Ready),
        ("picking_up_order", C::PickingUpOrder),
        ("on_way", C::OnWay),
        ("finished", C::Finished),
        ("canceled", C::Canceled),
        ("canceled_place", C::CanceledPlace),
        ("canceled_bb", C::CanceledBb),
    ];
    decodes(&t);
    covers(C::KNOWN, &t);
    let words: Vec<_> = t.iter().map(|(_, s)| courier_order_state(s).1).collect();
    assert_eq!(
        words,
        [
            "курьерская служба приняла заказ",
            "курьерская служба приняла заказ",
            "магазин собирает заказ",
            "заказ готов, ждёт курьера",
            "заказ готов, ждёт курьера",
            "курьер в пути",
            "доставлен",
            "курьерский заказ отменён",
            "курьерский заказ отменён",
            "курьерский заказ отменён"
        ]
    );
    assert_eq!(
        courier_order_state(&C::parse("teleported")),
        (None, "статус курьера обновлён")
    );

    use CourierState as K;
    let t = [
        ("courier-not-assigned", K::NotAssigned),
        ("courier-assigned", K::Assigned),
        ("courier-accepted", K::Accepted),
        ("courier-arrived", K::Arrived),
    ];
    decodes(&t);
    covers(K::KNOWN, &t);
    let words: Vec<_> = t.iter().map(|(_, s)| courier_state(s)).collect();
    assert_eq!(
        words,
        [
            "курьер ещё не назначен",
            "курьер назначен",
            "курьер принял заказ",
            "курьер приехал за заказом"
        ]
    );
    assert_eq!(courier_state(&K::parse("courier-lost")), "");
}

#[test]
fn withdrawal_statuses_and_partner_kinds_of_seed_004_are_variants_with_words() {
    use WithdrawalStatus as W;
    let t = [
        ("CREATED", W::Created),
        ("PROCESSING", W::Processing),
        ("COMPLETED", W::Completed),
        ("ERROR", W::Error),
    ];
    decodes(&t);
    covers(W::KNOWN, &t);
    let words: Vec<_> = t.iter().map(|(_, s)| (s.word(), s.tone())).collect();
    assert_eq!(
        words,
        [
            ("Создана", "warn"),
            ("В обработке", "info"),
            ("Выполнена", "ok"),
            ("Ошибка", "bad")
        ]
    );
    let s = W::parse("LOST");
    assert_eq!((s.word(), s.tone()), ("Статус уточняется", "info"));

    use PartnerKind as P;
    let t = [
        ("CLIENT", P::Client),
        ("MOUNTER", P::Mounter),
        ("DEALER", P::Dealer),
    ];
    decodes(&t);
    covers(P::KNOWN, &t);
    let words: Vec<_> = t.iter().map(|(_, s)| s.word()).collect();
    assert_eq!(words, ["Покупатель", "Монтажник", "Дилер"]);
    assert_eq!(P::parse("VIP").word(), "Партнёр");

    use OrganizationKind as O;
    let t = [("LEGAL", O::Legal), ("INDIVIDUAL", O::Individual)];
    decodes(&t);
    covers(O::KNOWN, &t);
    let words: Vec<_> = t.iter().map(|(_, s)| s.word()).collect();
    assert_eq!(
        words,
        ["Юридическое лицо", "Индивидуальный предприниматель"]
    );
    assert_eq!(O::parse("FOREIGN").word(), "Юридическое лицо");
}

// A field that goes back to `String` stops this compiling: the status is a type.
#[allow(clippy::too_many_arguments)]
fn typed(
    a: &OrderSummary,
    b: &OrderDetailDto,
    c: &StatusChange,
    d: &TrackingEventDto,
    e: &CancelDto,
    f: &RefundDto,
    g: &PlacedOrder,
    h: (
        &DeliveryOrderDto,
        &HistoryDto,
        &CourierOrderDto,
        &StateChangeDto,
    ),
    i: (&WithdrawalEntry, &PartnerDto, &Organization),
) {
    let _: (&OrderStatus, &PaymentStatus) = (&a.status, &a.payment_status);
    let _: (&OrderStatus, &PaymentStatus) = (&b.status, &b.payment_status);
    let _: &OrderStatus = &c.status;
    let _: &TrackingStatus = &d.status;
    let _: (&OrderStatus, &Option<RefundStatus>) = (&e.status, &e.refund_status);
    let _: &RefundRequestStatus = &f.status;
    let _: &OrderStatus = &g.status;
    let _: (&DeliveryStatus, &DeliveryStatus) = (&h.0.status, &h.1.status);
    let _: (&CourierOrderState, &Option<CourierState>) = (&h.2.state, &h.2.courier_state);
    let _: &CourierOrderState = &h.3.state;
    let _: (&WithdrawalStatus, &PartnerKind, &OrganizationKind) =
        (&i.0.status, &i.1.kind, &i.2.kind);
}

#[test]
fn the_dtos_carry_the_enums_not_strings() {
    // Referenced so the compile-time checks above are built with the tests.
    let _ = typed;
    let w: WithdrawalEntry =
        serde_json::from_value(json!({"id": "w1", "status": "COMPLETED", "amount": 5})).unwrap();
    assert_eq!(w.status, WithdrawalStatus::Completed);
    let h: HistoryDto =
        serde_json::from_value(json!({"ts": "2025-10-15T08:01Z", "status": "on_the_way"})).unwrap();
    assert_eq!(h.status, DeliveryStatus::OnTheWay);
}

#[test]
fn balance_operation_types_of_seed_004_are_variants() {
    use vitrina::domain::partner::cabinet::Operation;
    use OperationType as T;
    let t = [("ADDITION", T::Addition), ("SUBTRACTION", T::Subtraction)];
    decodes(&t);
    covers(T::KNOWN, &t);
    assert_eq!(T::parse("BONUS"), T::Unknown("BONUS".into()));
    // A field that goes back to `String` stops this compiling.
    fn typed(o: &Operation) -> &OperationType {
        &o.operation_type
    }
    let _ = typed;
}

/// Every value the wire enums know, as the backends spell it.
fn wire_values() -> Vec<String> {
    fn all<T>(known: &[T], text: fn(&T) -> &str) -> Vec<String> {
        known.iter().map(|v| text(v).to_string()).collect()
    }
    let mut values = [
        all(PaymentMethod::KNOWN, PaymentMethod::as_str),
        all(OperationType::KNOWN, OperationType::as_str),
        all(CouponKind::KNOWN, CouponKind::as_str),
        all(WarehouseKind::KNOWN, WarehouseKind::as_str),
        all(ReviewStatus::KNOWN, ReviewStatus::as_str),
        all(ProductStatus::KNOWN, ProductStatus::as_str),
        all(SelectionKind::KNOWN, SelectionKind::as_str),
        all(ShippingKind::KNOWN, ShippingKind::as_str),
        all(PaymentStatus::KNOWN, PaymentStatus::as_str),
        all(GatewayPaymentStatus::KNOWN, GatewayPaymentStatus::as_str),
        all(OrderStatus::KNOWN, OrderStatus::as_str),
        all(RefundStatus::KNOWN, RefundStatus::as_str),
        all(RefundRequestStatus::KNOWN, RefundRequestStatus::as_str),
        all(TrackingStatus::KNOWN, TrackingStatus::as_str),
        all(DeliveryStatus::KNOWN, DeliveryStatus::as_str),
        all(CourierOrderState::KNOWN, CourierOrderState::as_str),
        all(CourierState::KNOWN, CourierState::as_str),
        all(WithdrawalStatus::KNOWN, WithdrawalStatus::as_str),
        all(PartnerKind::KNOWN, PartnerKind::as_str),
        all(OrganizationKind::KNOWN, OrganizationKind::as_str),
    ]
    .concat();
    values.sort();
    values.dedup();
    values
}

/// The places in `text` where a wire value is matched or compared as a string literal:
/// `== "X"`, `!= "X"`, `"X" =>`, `"X" |`, `| "X"`, `Some("X")`, `starts_with("X`.
fn compared(text: &str, values: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        // Tests' expectations, and the sign-in page's own `reason=expired` (a word of the
        // app's URL, not a backend's), are not matches on a backend value.
        if code.contains("assert") || code.contains("reason") {
            continue;
        }
        for v in values {
            let lit = format!("\"{v}\"");
            let Some(at) = code.find(&lit) else { continue };
            let before = code[..at].trim_end();
            let after = code[at + lit.len()..].trim_start();
            let hit = before.ends_with("==")
                || before.ends_with("!=")
                || before.ends_with("Some(")
                || before.ends_with('|')
                || before.ends_with("starts_with(")
                || after.starts_with("=>")
                || (after.starts_with('|') && !after.starts_with("||"));
            if hit {
                found.push(format!("{}: {}", n + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn no_backend_value_is_matched_as_a_string_in_src() {
    let values = wire_values();
    // The check itself sees the old shapes.
    for old in [
        "match s.as_str() { \"PAID\" => 1, _ => 0 }",
        "if o.status == \"DELIVERED\" {",
        "Some(\"SHIPPED\") | Some(\"IN_TRANSIT\") => x,",
        "\"CREATED\" | \"PROCESSING\" => \"info\",",
    ] {
        assert!(!compared(old, &values).is_empty(), "not seen: {old}");
    }
    let mut files = Vec::new();
    rust_files(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut all = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for hit in compared(&text, &values) {
            all.push(format!("{}:{hit}", f.display()));
        }
    }
    assert!(
        all.is_empty(),
        "backend values matched as strings (match the enum in domain instead):\n{}",
        all.join("\n")
    );
}
