//! One story of an order across systems. Each system has its own statuses (seed 003 order
//! and tracking, seed 000 delivery order, seed 002 courier order and courier); each maps to
//! a shopper-facing [`Stage`] or to none (a detail such as «курьер назначен»). Every source
//! event is kept, readable, in time order.

use crate::domain::codes::{
    CourierOrderState, CourierState, DeliveryStatus, OrderStatus, TrackingStatus,
};
use crate::domain::dates::parse_iso;

/// The stages a shopper follows, in order; `Cancelled` ends any of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    Accepted,
    Assembling,
    HandedOver,
    OnTheWay,
    Delivered,
    Cancelled,
}

impl Stage {
    /// The road of an order that is not cancelled.
    pub const ROAD: [Stage; 5] = [
        Stage::Accepted,
        Stage::Assembling,
        Stage::HandedOver,
        Stage::OnTheWay,
        Stage::Delivered,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Stage::Accepted => "принят",
            Stage::Assembling => "собирается",
            Stage::HandedOver => "передан в доставку",
            Stage::OnTheWay => "в пути",
            Stage::Delivered => "доставлен",
            Stage::Cancelled => "отменён",
        }
    }
}

/// Which system said it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// The commerce order's status history (seed 003).
    Shop,
    /// The commerce tracking events: the carrier's scans (seed 003).
    Carrier,
    /// The delivery API's order and its history (seed 000).
    Delivery,
    /// The express courier's order (seed 002).
    Courier,
}

impl Source {
    /// A stable name for the page's markup (`data-source`).
    pub fn key(self) -> &'static str {
        match self {
            Source::Shop => "shop",
            Source::Carrier => "carrier",
            Source::Delivery => "delivery",
            Source::Courier => "courier",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Source::Shop => "Магазин",
            Source::Carrier => "Служба доставки",
            Source::Delivery => "Доставка",
            Source::Courier => "Экспресс-курьер",
        }
    }
}

/// Seed 003 order status → stage and its Russian word. `REFUNDED` is about money, not the
/// road: no stage.
pub fn order_status(status: &OrderStatus) -> (Option<Stage>, &'static str) {
    match status {
        OrderStatus::PendingPayment => (Some(Stage::Accepted), "ждёт оплаты"),
        OrderStatus::Paid => (Some(Stage::Accepted), "оплачен"),
        OrderStatus::Processing => (Some(Stage::Assembling), "собирается"),
        OrderStatus::Shipped => (Some(Stage::HandedOver), "передан в доставку"),
        OrderStatus::Delivered => (Some(Stage::Delivered), "доставлен"),
        OrderStatus::Cancelled => (Some(Stage::Cancelled), "отменён"),
        OrderStatus::Refunded => (None, "деньги возвращены"),
        OrderStatus::Unknown(_) => (None, "статус обновлён"),
    }
}

/// Seed 003 tracking event status → stage and its Russian word.
pub fn tracking_status(status: &TrackingStatus) -> (Option<Stage>, &'static str) {
    use TrackingStatus as T;
    match status {
        T::Shipped | T::PickedUp => (Some(Stage::HandedOver), "передан перевозчику"),
        T::InTransit => (Some(Stage::OnTheWay), "в пути"),
        T::OutForDelivery => (Some(Stage::OnTheWay), "передан курьеру для доставки"),
        T::Delivered => (Some(Stage::Delivered), "доставлен"),
        T::Returned | T::ReturnedToSender => (Some(Stage::Cancelled), "возвращён отправителю"),
        T::Unknown(_) => (None, "отметка перевозчика"),
    }
}

/// Seed 000 delivery order status (`created → confirmed → assembling → on_the_way →
/// delivered / canceled`) → stage and its Russian word.
pub fn delivery_status(status: &DeliveryStatus) -> (Option<Stage>, &'static str) {
    use DeliveryStatus as D;
    match status {
        D::Created => (Some(Stage::Accepted), "заказ доставки создан"),
        D::Confirmed => (Some(Stage::Accepted), "доставка подтверждена"),
        D::Assembling => (Some(Stage::Assembling), "собирается на складе"),
        D::OnTheWay => (Some(Stage::OnTheWay), "курьер везёт заказ"),
        D::Delivered => (Some(Stage::Delivered), "доставлен"),
        D::Canceled => (Some(Stage::Cancelled), "доставка отменена"),
        D::Unknown(_) => (None, "статус доставки обновлён"),
    }
}

/// Seed 002 courier order state (`accepted`, `cooking`, `ready`, `on_way`, `finished`,
/// `canceled`, and `created`, `picking_up_order`, `canceled_place`, `canceled_bb` of its
/// lists) → stage and its Russian word. `ready`: packed and waiting for the courier.
pub fn courier_order_state(state: &CourierOrderState) -> (Option<Stage>, &'static str) {
    use CourierOrderState as C;
    match state {
        C::Created | C::Accepted => (Some(Stage::Accepted), "курьерская служба приняла заказ"),
        C::Cooking => (Some(Stage::Assembling), "магазин собирает заказ"),
        C::Ready | C::PickingUpOrder => (Some(Stage::HandedOver), "заказ готов, ждёт курьера"),
        C::OnWay => (Some(Stage::OnTheWay), "курьер в пути"),
        C::Finished => (Some(Stage::Delivered), "доставлен"),
        C::Canceled | C::CanceledPlace | C::CanceledBb => {
            (Some(Stage::Cancelled), "курьерский заказ отменён")
        }
        C::Unknown(_) => (None, "статус курьера обновлён"),
    }
}

/// Seed 002 courier state: a detail, never a stage.
pub fn courier_state(state: &CourierState) -> &'static str {
    match state {
        CourierState::NotAssigned => "курьер ещё не назначен",
        CourierState::Assigned => "курьер назначен",
        CourierState::Accepted => "курьер принял заказ",
        CourierState::Arrived => "курьер приехал за заказом",
        CourierState::Unknown(_) => "",
    }
}

/// One event from one system, as the timeline shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Unix seconds; `None` when the system's time could not be read (shown last).
    pub at: Option<i64>,
    pub source: Source,
    /// The system's own status code («IN_TRANSIT»): kept in the page's markup for support,
    /// never shown — [`Event::text`] says it in Russian.
    pub status: String,
    /// What it means, in Russian.
    pub text: String,
    pub place: Option<String>,
    pub stage: Option<Stage>,
}

impl Event {
    pub fn new(
        time: &str,
        source: Source,
        status: &str,
        (stage, word): (Option<Stage>, &'static str),
    ) -> Event {
        Event {
            at: parse_iso(time),
            source,
            status: status.to_string(),
            text: word.to_string(),
            place: None,
            stage,
        }
    }

    pub fn with_text(mut self, text: Option<&str>) -> Event {
        if let Some(t) = text.map(str::trim).filter(|t| !t.is_empty()) {
            self.text = format!("{} — {t}", self.text);
        }
        self
    }

    pub fn at_place(mut self, place: Option<&str>) -> Event {
        self.place = place
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string);
        self
    }
}

/// Every source's events in one list, oldest first; equal times keep the order they came in
/// (the shop's own history first); events without a readable time go last. Nothing dropped.
pub fn merge(mut events: Vec<Event>) -> Vec<Event> {
    events.sort_by_key(|e| (e.at.is_none(), e.at.unwrap_or(0)));
    events
}

/// Where the order is: the furthest stage any event reached. A cancellation ends the road —
/// unless the order was delivered after it (a courier order cancelled and redone).
pub fn current(events: &[Event]) -> Option<Stage> {
    let road = events
        .iter()
        .filter_map(|e| e.stage)
        .filter(|s| *s != Stage::Cancelled)
        .max();
    let cancelled = events.iter().any(|e| e.stage == Some(Stage::Cancelled));
    match (road, cancelled) {
        (Some(Stage::Delivered), _) => Some(Stage::Delivered),
        (_, true) => Some(Stage::Cancelled),
        (r, false) => r,
    }
}

/// The carrier's own tracking page for a track number (seed 001 `integrationCode`), or the
/// URL the shop gave. Only https links leave the shop.
pub fn carrier_link(integration_code: &str, track: &str, given: Option<&str>) -> Option<String> {
    if let Some(u) = given.filter(|u| u.starts_with("https://")) {
        return Some(u.to_string());
    }
    let track: String = track
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    if track.is_empty() {
        return None;
    }
    let code = integration_code.to_ascii_lowercase();
    if code.starts_with("russianpost") || code.contains("pochta") {
        Some(format!("https://www.pochta.ru/tracking#{track}"))
    } else if code.starts_with("sdek") || code.starts_with("cdek") {
        Some(format!("https://www.cdek.ru/ru/tracking?order_id={track}"))
    } else {
        None
    }
}

/// The carrier's name in Russian for an integration code.
pub fn carrier_name(integration_code: &str) -> Option<&'static str> {
    let code = integration_code.to_ascii_lowercase();
    if code.starts_with("russianpost") || code.contains("pochta") {
        Some("Почта России")
    } else if code.starts_with("sdek") || code.starts_with("cdek") {
        Some("СДЭК")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_system_maps_to_the_stages_in_order() {
        fn road<T: for<'a> From<&'a str>>(
            f: fn(&T) -> (Option<Stage>, &'static str),
            words: &[&str],
        ) -> Vec<Option<Stage>> {
            words.iter().map(|w| f(&T::from(w)).0).collect()
        }
        use Stage::*;
        assert_eq!(
            road(
                order_status,
                &[
                    "PENDING_PAYMENT",
                    "PAID",
                    "PROCESSING",
                    "SHIPPED",
                    "DELIVERED",
                    "CANCELLED",
                    "REFUNDED"
                ]
            ),
            [
                Some(Accepted),
                Some(Accepted),
                Some(Assembling),
                Some(HandedOver),
                Some(Delivered),
                Some(Cancelled),
                None
            ]
        );
        assert_eq!(
            road(
                tracking_status,
                &[
                    "SHIPPED",
                    "IN_TRANSIT",
                    "OUT_FOR_DELIVERY",
                    "DELIVERED",
                    "CUSTOMS"
                ]
            ),
            [
                Some(HandedOver),
                Some(OnTheWay),
                Some(OnTheWay),
                Some(Delivered),
                None
            ]
        );
        assert_eq!(
            road(
                delivery_status,
                &[
                    "created",
                    "confirmed",
                    "assembling",
                    "on_the_way",
                    "delivered",
                    "canceled"
                ]
            ),
            [
                Some(Accepted),
                Some(Accepted),
                Some(Assembling),
                Some(OnTheWay),
                Some(Delivered),
                Some(Cancelled)
            ]
        );
        assert_eq!(
            road(
                courier_order_state,
                &[
                    "accepted",
                    "cooking",
                    "ready",
                    "on_way",
                    "finished",
                    "canceled",
                    "canceled_place"
                ]
            ),
            [
                Some(Accepted),
                Some(Assembling),
                Some(HandedOver),
                Some(OnTheWay),
                Some(Delivered),
                Some(Cancelled),
                Some(Cancelled)
            ]
        );
        assert_eq!(courier_state(&"courier-assigned".into()), "курьер назначен");
        assert_eq!(courier_state(&"something-new".into()), "");
        // An unknown word is kept as a detail, never guessed into a stage.
        assert_eq!(order_status(&"ON_HOLD".into()).0, None);
    }

    #[test]
    fn the_merged_timeline_is_in_time_order_and_keeps_every_event() {
        let shop = [
            Event::new(
                "2024-01-10T14:00:00Z",
                Source::Shop,
                "PENDING_PAYMENT",
                order_status(&"PENDING_PAYMENT".into()),
            ),
            Event::new(
                "2024-01-10T14:05:00Z",
                Source::Shop,
                "PAID",
                order_status(&"PAID".into()),
            )
            .with_text(Some("Payment confirmed")),
            Event::new(
                "2024-01-12T15:00:00Z",
                Source::Shop,
                "SHIPPED",
                order_status(&"SHIPPED".into()),
            ),
        ];
        // The carrier lists the newest first (seed 003's example).
        let carrier = [
            Event::new(
                "2024-01-15T10:00:00Z",
                Source::Carrier,
                "DELIVERED",
                tracking_status(&"DELIVERED".into()),
            )
            .at_place(Some("Moscow")),
            Event::new(
                "2024-01-14T16:00:00Z",
                Source::Carrier,
                "IN_TRANSIT",
                tracking_status(&"IN_TRANSIT".into()),
            )
            .at_place(Some("Moscow Sorting Center")),
        ];
        // The delivery API writes minutes without seconds; one time is unreadable.
        let delivery = [
            Event::new(
                "2024-01-11T08:01Z",
                Source::Delivery,
                "assembling",
                delivery_status(&"assembling".into()),
            ),
            Event::new(
                "вчера",
                Source::Delivery,
                "confirmed",
                delivery_status(&"confirmed".into()),
            ),
        ];
        let all: Vec<Event> = shop
            .iter()
            .chain(&carrier)
            .chain(&delivery)
            .cloned()
            .collect();
        let t = merge(all.clone());
        assert_eq!(t.len(), all.len(), "every source event is kept");
        let statuses: Vec<&str> = t.iter().map(|e| e.status.as_str()).collect();
        assert_eq!(
            statuses,
            [
                "PENDING_PAYMENT",
                "PAID",
                "assembling",
                "SHIPPED",
                "IN_TRANSIT",
                "DELIVERED",
                "confirmed"
            ]
        );
        let times: Vec<i64> = t.iter().filter_map(|e| e.at).collect();
        assert!(times.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(t.last().unwrap().at, None, "an unreadable time goes last");
        assert_eq!(t[1].text, "оплачен — Payment confirmed");
        assert_eq!(t[4].place.as_deref(), Some("Moscow Sorting Center"));
        assert_eq!(current(&t), Some(Stage::Delivered));
    }

    #[test]
    fn the_current_stage_is_the_furthest_reached_and_a_cancellation_ends_it() {
        let e = |src, st: &str, m: (Option<Stage>, &'static str)| {
            Event::new("2024-01-10T14:00:00Z", src, st, m)
        };
        assert_eq!(current(&[]), None);
        let on_way = [
            e(
                Source::Shop,
                "PROCESSING",
                order_status(&"PROCESSING".into()),
            ),
            e(
                Source::Courier,
                "on_way",
                courier_order_state(&"on_way".into()),
            ),
            e(
                Source::Courier,
                "courier-accepted",
                (None, courier_state(&"courier-accepted".into())),
            ),
        ];
        assert_eq!(current(&on_way), Some(Stage::OnTheWay));
        let cancelled = [
            e(Source::Shop, "PAID", order_status(&"PAID".into())),
            e(
                Source::Delivery,
                "canceled",
                delivery_status(&"canceled".into()),
            ),
        ];
        assert_eq!(current(&cancelled), Some(Stage::Cancelled));
        let refunded = [
            e(Source::Shop, "DELIVERED", order_status(&"DELIVERED".into())),
            e(Source::Shop, "REFUNDED", order_status(&"REFUNDED".into())),
        ];
        assert_eq!(current(&refunded), Some(Stage::Delivered));
    }

    #[test]
    fn track_numbers_link_to_the_carriers_own_pages() {
        assert_eq!(
            carrier_link("russianpost", "EA349651005RU", None).as_deref(),
            Some("https://www.pochta.ru/tracking#EA349651005RU")
        );
        assert_eq!(
            carrier_link("sdek", "1234567890", None).as_deref(),
            Some("https://www.cdek.ru/ru/tracking?order_id=1234567890")
        );
        // The shop's own https link wins; anything else is not followed.
        assert_eq!(
            carrier_link("russianpost", "RP1", Some("https://pochta.ru/tracking#RP1")).as_deref(),
            Some("https://pochta.ru/tracking#RP1")
        );
        assert_eq!(
            carrier_link("russianpost", "RP1\"><script>", Some("javascript:alert(1)")).as_deref(),
            Some("https://www.pochta.ru/tracking#RP1script")
        );
        assert_eq!(carrier_link("boxberry", "X1", None), None);
        assert_eq!(carrier_link("sdek", "  ", None), None);
        assert_eq!(carrier_name("russianpost-delivery"), Some("Почта России"));
        assert_eq!(carrier_name("sdek"), Some("СДЭК"));
    }
}
