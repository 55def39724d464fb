//! The express courier (seed 002 through the merchant gateway, integration.md §5): the
//! nearest shop with express delivery, the courier's final price and the pickup times.

use super::{rub_text, CheckoutState};
use crate::api::commerce::checkout::Address;
use crate::api::courier::{self, DropOff, Pickup, VerifyRequest};
use crate::api::ApiError;
use crate::domain::checkout::draft::QuoteChoice;
use crate::domain::dates::{date_text, parse_iso};
use leptos::prelude::*;

/// Squared distance in degrees — enough to pick the nearest shop of a city.
fn near(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)
}

async fn ask_quote(ck: CheckoutState, a: Address) -> Result<QuoteChoice, ApiError> {
    let places = super::places(ck).await?;
    let loc = a.location.map(|l| (l.lat, l.lng)).unwrap_or_default();
    let from = places
        .iter()
        .filter(|w| w.is_express_delivery_available)
        .filter_map(|w| w.location.map(|l| (w, near((l.lat, l.lng), loc))))
        .min_by(|x, y| x.1.total_cmp(&y.1))
        .map(|(w, _)| w.id.clone())
        .unwrap_or_default();
    let body = VerifyRequest {
        pickup: Pickup { place: from },
        payment_type: "b2b_account".into(),
        drop_off: vec![DropOff {
            address: a.one_line(),
            lat: loc.0,
            lng: loc.1,
            name: a.recipient_name.clone(),
            phone: a.recipient_phone.clone(),
        }],
    };
    let q = courier::verify(&ck.session.courier(), &body).await?;
    Ok(QuoteChoice {
        id: q.quote_id,
        price: q.order.final_price,
        pickup_time: q.available_pickup_times.first().cloned(),
        pickup_times: q.available_pickup_times,
        address_id: a.id,
    })
}

/// «14:00» of a courier time (`2026-12-02T14:00:00+03:00`), as written.
fn hour_of(iso: &str) -> String {
    match (iso.get(11..16), parse_iso(iso)) {
        (Some(h), Some(_)) => format!("{}, {h}", date_text(iso)),
        _ => iso.to_string(),
    }
}

#[component]
pub fn ExpressQuote(ck: CheckoutState) -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let asking = RwSignal::new(false);
    let ask = move || {
        let Some(a) = ck.address() else {
            return;
        };
        asking.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match ask_quote(ck, a).await {
                Ok(q) => ck.draft.update(|d| d.quote = Some(q)),
                Err(e) => {
                    ck.draft.update(|d| d.quote = None);
                    error.try_set(Some(e));
                }
            }
            asking.try_set(false);
        });
    };
    Effect::new(move |_| {
        let address = ck.address().map(|a| a.id);
        let fresh = ck.draft.with_untracked(|d| {
            d.quote
                .as_ref()
                .is_some_and(|q| Some(&q.address_id) == address.as_ref())
        });
        if address.is_some() && !fresh {
            ask();
        }
    });
    view! {
        <div class="checkout-sub" data-testid="express">
            <h3 class="checkout-sub__title">"Экспресс-курьер"</h3>
            {move || asking.get().then(|| view! { <p class="checkout-wait" role="status">"Курьерская служба считает цену…"</p> })}
            {move || error.get().map(|e| {
                let text = e.backend().map(|b| b.message.clone()).filter(|m| !m.is_empty()).unwrap_or_else(|| e.user_message());
                view! {
                    <p class="checkout-note checkout-note--warn" role="alert" data-testid="express-error">
                        {format!("Экспресс-доставка недоступна: {text}. ")}
                        <button type="button" class="link-button" on:click=move |_| ask()>"Спросить ещё раз"</button>
                    </p>
                }
            })}
            {move || ck.draft.with(|d| d.quote.clone()).filter(|q| Some(&q.address_id) == ck.address().map(|a| a.id).as_ref()).map(|q| view! {
                <p class="express__price" data-testid="express-price">{format!("Итоговая цена курьера: {}", rub_text(q.price))}</p>
                <fieldset class="slot-day" disabled=move || !ck.editable()>
                    <legend class="slot-day__title">"Когда курьер заберёт заказ со склада"</legend>
                    <div class="slot-day__slots">
                        {q.pickup_times.iter().map(|t| {
                            let t1 = t.clone();
                            let t2 = t.clone();
                            view! {
                                <label class="slot" data-testid="pickup-time">
                                    <input type="radio" name="courier-time" value=t.clone()
                                        prop:checked=move || ck.draft.with(|d| d.quote.as_ref().and_then(|q| q.pickup_time.as_deref()) == Some(t1.as_str()))
                                        on:change=move |_| ck.draft.update(|d| if let Some(q) = d.quote.as_mut() { q.pickup_time = Some(t2.clone()); })/>
                                    <span class="slot__time">{hour_of(t)}</span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            })}
        </div>
    }
}
