//! What the systems that carry an order say about it (docs/integration.md §10): the shop's
//! history, the carrier's scans, the delivery API's order and the express courier's, merged
//! into one timeline; the courier's contact and the carrier's track; drawn as the stage bar,
//! «где заказ» and the timeline.

use super::local_time;
use crate::api::commerce::orders;
use crate::api::{courier, delivery};
use crate::components::readable::tel;
use crate::domain::codes::{CourierOrderState, DeliveryStatus, ErrorCode};
use crate::domain::dates::date_text;
use crate::domain::orders::order::OrderDetail;
use crate::domain::orders::timeline::{
    carrier_link, carrier_name, courier_order_state, courier_state, current, delivery_status,
    merge, order_status, tracking_status, Event, Source, Stage,
};
use crate::state::Session;
use leptos::prelude::*;

/// What the other systems say about the order.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Story {
    pub(super) events: Vec<Event>,
    /// Name and phone of the courier who has it.
    courier: Option<(String, Option<String>)>,
    /// Carrier, track number and the carrier's page.
    track: Option<(String, String, Option<String>)>,
    /// Not yet with a carrier: the expected delivery date, if known.
    not_shipped: Option<Option<String>>,
    /// Systems that did not answer this time.
    silent: Vec<&'static str>,
}

impl Story {
    pub(super) fn stage(&self) -> Option<Stage> {
        current(&self.events)
    }

    /// Still on its way: worth asking again.
    pub(super) fn moving(&self) -> bool {
        !matches!(self.stage(), Some(Stage::Delivered | Stage::Cancelled))
    }
}

/// Seconds before the n-th refresh: 5, 5, 10, 20, 30, 30 …
pub(super) fn backoff(n: u32) -> u32 {
    match n {
        0 | 1 => 5,
        2 => 10,
        3 => 20,
        _ => 30,
    }
}

pub(super) async fn story_of(session: Session, o: &OrderDetail) -> Story {
    let mut s = Story::default();
    for h in &o.status_history {
        s.events.push(
            Event::new(
                &h.changed_at,
                Source::Shop,
                h.status.as_str(),
                order_status(&h.status),
            )
            .with_text(h.note.as_deref()),
        );
    }
    let ship = o.shipping_method.clone().unwrap_or_default();
    match orders::tracking(&session.commerce(), &o.id).await {
        Ok(t) => {
            for e in &t.events {
                s.events.push(
                    Event::new(
                        &e.timestamp,
                        Source::Carrier,
                        e.status.as_str(),
                        tracking_status(&e.status),
                    )
                    .with_text(Some(&e.description))
                    .at_place(e.location.as_deref()),
                );
            }
            let code = ship.carrier_code.clone().unwrap_or_default();
            let number = t
                .tracking_number
                .clone()
                .or_else(|| ship.track_number.clone());
            if let Some(n) = number {
                let name = carrier_name(&code)
                    .map(str::to_string)
                    .or(t.carrier.clone())
                    .unwrap_or_default();
                let link = carrier_link(&code, &n, t.tracking_url.as_deref());
                s.track = Some((name, n, link));
            }
        }
        Err(e) if e.is(ErrorCode::NotShipped) => {
            s.not_shipped = Some(ship.estimated_delivery.clone());
        }
        Err(_) => s.silent.push("служба доставки"),
    }
    if let Some(id) = &ship.delivery_order_id {
        match delivery::order(&session.delivery(), id).await {
            Ok(d) => {
                for h in &d.history {
                    s.events.push(Event::new(
                        &h.ts,
                        Source::Delivery,
                        h.status.as_str(),
                        delivery_status(&h.status),
                    ));
                }
                if let Some(c) = d
                    .delivery
                    .courier
                    .filter(|_| d.status == DeliveryStatus::OnTheWay)
                {
                    s.courier = Some((c.name, c.phone));
                }
            }
            Err(_) => s.silent.push("доставка"),
        }
    }
    if let Some(id) = &ship.courier_order_id {
        match courier::order(&session.courier(), id).await {
            Ok(Some(c)) => {
                // Seed 002's order carries only its current state; the history is ours (§10).
                let history: Vec<(&str, &CourierOrderState)> = if c.state_history.is_empty() {
                    vec![("", &c.state)]
                } else {
                    c.state_history
                        .iter()
                        .map(|h| (h.at.as_str(), &h.state))
                        .collect()
                };
                for (at, state) in history {
                    let mut e = Event::new(
                        at,
                        Source::Courier,
                        state.as_str(),
                        courier_order_state(state),
                    );
                    if *state == c.state {
                        let detail = c.courier_state.as_ref().map(courier_state).unwrap_or("");
                        e = e.with_text(Some(detail));
                    }
                    s.events.push(e);
                }
                if matches!(c.state, CourierOrderState::Ready | CourierOrderState::OnWay) {
                    s.courier = c.couriers.into_iter().next().map(|x| (x.name, x.phone));
                }
            }
            Ok(None) => {}
            Err(_) => s.silent.push("экспресс-курьер"),
        }
    }
    s.events = merge(std::mem::take(&mut s.events));
    s
}

pub(super) fn stage_bar(stage: Option<Stage>) -> impl IntoView {
    if stage == Some(Stage::Cancelled) {
        return view! { <p class="stages stages--off" data-testid="stage">"Заказ отменён"</p> }
            .into_any();
    }
    let reached = stage.unwrap_or(Stage::Accepted);
    view! {
        <ol class="stages" aria-label="Путь заказа">
            {Stage::ROAD.iter().map(|s| {
                let state = if *s < reached { "done" } else if *s == reached { "now" } else { "next" };
                view! {
                    <li class=format!("stages__step stages__step--{state}")
                        aria-current=(state == "now").then_some("step")
                        data-testid=(state == "now").then_some("stage")>
                        {s.label()}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

pub(super) fn where_now(s: &Story) -> impl IntoView {
    let courier = s.courier.clone().map(|(name, phone)| {
        view! {
            <p data-testid="courier">"Курьер: " {name}
                {phone.map(|p| view! { ", " {tel(&p)} })}
            </p>
        }
    });
    let track = s.track.clone().map(|(carrier, number, link)| {
        let label = if carrier.is_empty() { "Трек-номер".to_string() } else { format!("{carrier}, трек-номер") };
        view! {
            <p data-testid="track">{label} " "
                {match link {
                    Some(l) => view! { <a href=l target="_blank" rel="noopener noreferrer">{number}</a> }.into_any(),
                    None => view! { <span>{number}</span> }.into_any(),
                }}
            </p>
        }
    });
    let waiting = s.not_shipped.clone().map(|date| {
        view! {
            <p data-testid="not-shipped">
                "Заказ ещё не передан в доставку."
                {date.map(|d| format!(" Ожидаемая дата доставки — {}.", date_text(&d)))}
            </p>
        }
    });
    let silent = (!s.silent.is_empty()).then(|| {
        view! { <p class="checkout-wait">{format!("Не ответила {} — покажем, как только ответит.", s.silent.join(", "))}</p> }
    });
    (courier, track, waiting, silent)
}

pub(super) fn timeline(events: &[Event]) -> impl IntoView {
    view! {
        <ol class="timeline" data-testid="timeline">
            {events.iter().rev().map(|e| {
                let time = e.at.map(|t| local_time(t, true)).unwrap_or_else(|| "время неизвестно".into());
                view! {
                    // The system's own code (`PENDING_PAYMENT`) is no use to a shopper: it
                    // stays in the markup for support, out of sight.
                    <li class="timeline__event" class:timeline__event--stage=e.stage.is_some() data-testid="timeline-event" data-source=e.source.key() data-status=e.status.clone()>
                        <span class="timeline__time">{time}</span>
                        <span class="timeline__text">{e.text.clone()}</span>
                        <span class="timeline__meta">
                            {e.source.label()}
                            {e.place.clone().map(|p| format!(" · {p}"))}
                        </span>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refreshes_back_off() {
        let s: Vec<u32> = (0..6).map(backoff).collect();
        assert_eq!(s, [5, 5, 10, 20, 30, 30]);
    }
}
