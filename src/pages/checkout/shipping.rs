//! Step 2: shipping methods with exact prices and dates, the free-shipping nudge, and what
//! the chosen kind needs: a delivery slot, a pickup point or an express courier's quote.

use super::{explained, rub_text, CheckoutState, MethodView};
use crate::api::commerce::checkout::{self as api, Address, Destination};
use crate::api::delivery;
use crate::api::partner::Warehouse;
use crate::api::{ApiError, ErrorCode};
use crate::components::error_panel::ErrorPanel;
use crate::domain::checkout::address::GeoPoint;
use crate::domain::checkout::explain::Where;
use crate::domain::checkout::offer::DeliverySlot;
use crate::domain::checkout::pickup::{nearest_first, Near, Spot};
use crate::domain::checkout::schedule::today_text;
use crate::domain::checkout::{free_shipping_left, slots_by_day};
use crate::domain::codes::ShippingKind;
use crate::domain::dates::{date_text, day_label};
use crate::domain::text::plural;
use crate::state::place::{use_place, Place};
use leptos::prelude::*;

/// Loads the methods for the chosen address (and the exact costs for it) whenever the
/// address or the cart changes.
fn follow_methods(ck: CheckoutState, note: RwSignal<Option<String>>) {
    let ticket = StoredValue::new(0u64);
    Effect::new(move |_| {
        let address = ck.address();
        let cart_id = ck.cart_id();
        ck.cart.lines().track();
        let n = ticket.get_value() + 1;
        ticket.set_value(n);
        let ep = ck.session.commerce();
        leptos::task::spawn_local(async move {
            let r = load_methods(&ep, address.as_ref(), cart_id.as_deref(), note).await;
            if ticket.try_get_value() == Some(n) {
                ck.methods.set(Some(r));
            }
        });
    });
}

async fn load_methods(
    ep: &crate::api::Endpoint,
    address: Option<&Address>,
    cart_id: Option<&str>,
    note: RwSignal<Option<String>>,
) -> Result<Vec<MethodView>, ApiError> {
    let postal = address.map(|a| a.index.as_str());
    note.try_set(None);
    let methods = match api::methods(ep, postal, cart_id).await {
        Ok(m) => m,
        Err(e) if e.is(ErrorCode::ShippingNotAvailable) => {
            // Nothing goes there, but the shops are still open: offer pickup alone.
            note.try_set(Some(explained(&e, false).text));
            let all = api::methods(ep, None, cart_id).await?;
            return Ok(all
                .into_iter()
                .filter(|m| m.kind == ShippingKind::Pickup)
                .map(|m| MethodView { m, option: None })
                .collect());
        }
        Err(e) => return Err(e),
    };
    let options = match (address, cart_id) {
        (Some(a), Some(cart)) => {
            let dest = Destination {
                country: a.country.clone(),
                region: a.region.clone(),
                city: Some(a.city.clone()),
                postal_code: a.index.clone(),
            };
            match api::calculate(ep, &dest, cart).await {
                Ok(o) => o,
                Err(e) if e.is(ErrorCode::InvalidDestination) => {
                    note.try_set(Some(explained(&e, false).text));
                    Vec::new()
                }
                // The list's prices are still right, only less exact.
                Err(_) => Vec::new(),
            }
        }
        _ => Vec::new(),
    };
    Ok(methods
        .into_iter()
        .map(|m| {
            let option = options.iter().find(|o| o.method_id == m.id).cloned();
            MethodView { m, option }
        })
        .collect())
}

fn days_text(min: u32, max: u32) -> String {
    if min == 0 && max <= 1 {
        return "сегодня или завтра".into();
    }
    let word = plural(u64::from(max), "день", "дня", "дней");
    if min == max {
        format!("{max} {word}")
    } else {
        format!("{min}–{max} {word}")
    }
}

/// «от 99 ₽», «бесплатно», «350 ₽», with the dates when the exact cost is known.
fn price_and_dates(v: &MethodView) -> (String, String) {
    let price = match (&v.option, &v.m.kind) {
        (Some(o), _) if o.is_free || o.price.is_zero() => "бесплатно".to_string(),
        (Some(o), ShippingKind::Slots) => format!("от {}", rub_text(o.price)),
        (Some(o), _) => rub_text(o.price),
        (None, _) if v.m.is_free || v.m.price.is_zero() => "бесплатно".to_string(),
        (None, ShippingKind::Slots | ShippingKind::Express) => {
            format!("от {}", rub_text(v.m.price))
        }
        (None, _) => rub_text(v.m.price),
    };
    let dates = match &v.option {
        Some(o) if o.estimated_delivery.min == o.estimated_delivery.max => {
            date_text(&o.estimated_delivery.min)
        }
        Some(o) => format!(
            "{} — {}",
            date_text(&o.estimated_delivery.min),
            date_text(&o.estimated_delivery.max)
        ),
        None => days_text(v.m.estimated_days.min, v.m.estimated_days.max),
    };
    (price, dates)
}

#[component]
pub fn ShippingSection(ck: CheckoutState) -> impl IntoView {
    let note = RwSignal::new(None::<String>);
    follow_methods(ck, note);
    let kind = Memo::new(move |_| ck.kind());
    view! {
        <section class="checkout-step" aria-labelledby="step-shipping" data-testid="step-shipping">
            <h2 class="checkout-step__title" id="step-shipping">"2. Доставка"</h2>
            {move || ck.problem_at(Where::Shipping).map(|t| view! {
                <p class="form-error" role="alert" data-testid="shipping-problem">{t}</p>
            })}
            {move || note.get().map(|t| view! { <p class="checkout-note checkout-note--warn" role="status" data-testid="shipping-note">{t}</p> })}
            {move || match ck.methods.get() {
                None => view! { <p class="checkout-wait" role="status">"Подбираем способы доставки…"</p> }.into_any(),
                Some(Err(e)) => view! { <ErrorPanel error=e title="Не удалось получить способы доставки"/> }.into_any(),
                Some(Ok(list)) => view! { <MethodList ck=ck list=list/> }.into_any(),
            }}
            {move || match kind.get() {
                Some(ShippingKind::Slots) => view! { <SlotPicker ck=ck/> }.into_any(),
                Some(ShippingKind::Pickup) => view! { <PickupPicker ck=ck/> }.into_any(),
                Some(ShippingKind::Express) => view! { <super::express::ExpressQuote ck=ck/> }.into_any(),
                _ => ().into_any(),
            }}
        </section>
    }
}

#[component]
fn MethodList(ck: CheckoutState, list: Vec<MethodView>) -> impl IntoView {
    let has_address = move || ck.address().is_some();
    let refused = move || ck.deliverable.get() == Some(false);
    view! {
        <fieldset class="choices" disabled=move || !ck.editable() data-testid="methods">
            <legend class="visually-hidden">"Способ доставки"</legend>
            {list.into_iter().map(|v| {
                let id = v.m.id.clone();
                let id2 = v.m.id.clone();
                let pickup = v.m.kind == ShippingKind::Pickup;
                let (price, dates) = price_and_dates(&v);
                let threshold = v.m.free_threshold;
                let free_now = v.option.as_ref().is_some_and(|o| o.is_free);
                let blocked = move || !pickup && (!has_address() || refused());
                view! {
                    <label class="choice" class:choice--off=blocked data-testid="method">
                        <input type="radio" name="method" value=v.m.id.clone()
                            prop:disabled=blocked
                            prop:checked=move || ck.draft.with(|d| d.method_id.as_deref() == Some(id.as_str()))
                            on:change=move |_| { ck.draft.update(|d| d.choose_method(&id2)); }/>
                        <span class="choice__body">
                            <span class="choice__title">{v.m.name.clone()}</span>
                            <span class="choice__meta">
                                {v.m.carrier.clone().filter(|c| c != &v.m.name).map(|c| format!("{c} · "))}
                                {dates}
                            </span>
                            {v.m.description.clone().map(|d| view! { <span class="choice__meta">{d}</span> })}
                            {move || (!pickup && !has_address()).then(|| view! { <span class="choice__meta">"Сначала укажите адрес"</span> })}
                            {move || (!free_now).then(|| free_shipping_left(threshold, ck.subtotal())).flatten().map(|left| view! {
                                <span class="choice__nudge" data-testid="free-nudge">{format!("До бесплатной доставки {}", rub_text(left))}</span>
                            })}
                        </span>
                        <span class="choice__price">{price}</span>
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

#[component]
fn SlotPicker(ck: CheckoutState) -> impl IntoView {
    let slots = RwSignal::new(None::<Result<Vec<DeliverySlot>, ApiError>>);
    let load = move || {
        let (Some(a), Some(cart)) = (ck.address(), ck.cart_id()) else {
            return;
        };
        let Some(loc) = a.location else {
            slots.set(Some(Ok(Vec::new())));
            return;
        };
        slots.set(None);
        let ep = ck.session.delivery();
        leptos::task::spawn_local(async move {
            let r = delivery::slots(&ep, loc.lat, loc.lng, &cart).await;
            slots.try_set(Some(r));
        });
    };
    Effect::new(move |_| {
        load();
    });
    view! {
        <div class="checkout-sub" data-testid="slots">
            <h3 class="checkout-sub__title">"Когда привезти"</h3>
            {move || match slots.get() {
                None => view! { <p class="checkout-wait" role="status">"Ищем свободные интервалы…"</p> }.into_any(),
                Some(Err(e)) => view! { <ErrorPanel error=e title="Не удалось получить интервалы" on_retry=Callback::new(move |_| load())/> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <p class="checkout-note checkout-note--warn" role="status">"В этот адрес интервальной доставки нет — выберите другой способ."</p>
                }.into_any(),
                Some(Ok(list)) => slots_by_day(&list, |s| s.slot_id.as_str()).into_iter().map(|(date, day)| view! {
                    <fieldset class="slot-day" disabled=move || !ck.editable()>
                        <legend class="slot-day__title">{day_label(&date)}</legend>
                        <div class="slot-day__slots">
                            {day.into_iter().map(|(s, label)| {
                                let id = s.slot_id.clone();
                                let id2 = s.slot_id.clone();
                                view! {
                                    <label class="slot" data-testid="slot">
                                        <input type="radio" name="slot" value=s.slot_id.clone()
                                            prop:checked=move || ck.draft.with(|d| d.slot_id.as_deref() == Some(id.as_str()))
                                            on:change=move |_| ck.draft.update(|d| d.slot_id = Some(id2.clone()))/>
                                        <span class="slot__time">{label}</span>
                                        <span class="slot__price">{rub_text(s.price.amount)}</span>
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                }).collect_view().into_any(),
            }}
        </div>
    }
}

/// The points where an order can be picked up, nearest first (`domain::checkout::pickup`):
/// to the browser's position if the shopper shared it, else to the chosen address's
/// geocoded point; without either, the address's city first, then the city chosen for stock.
fn pickup_points(ck: CheckoutState, place: Place, all: Vec<Warehouse>) -> Vec<Warehouse> {
    let address = ck.address();
    let chosen_city = place.city.get().and_then(|id| {
        all.iter()
            .filter_map(|w| w.city.as_ref())
            .find(|c| c.id == id)
            .map(|c| c.name.clone())
    });
    let near = Near {
        position: place
            .coords
            .get()
            .map(|(lat, lng)| GeoPoint { lat, lng })
            .or_else(|| address.as_ref().and_then(|a| a.location)),
        cities: address
            .map(|a| a.city)
            .into_iter()
            .chain(chosen_city)
            .collect(),
    };
    let mut points: Vec<Warehouse> = all
        .into_iter()
        .filter(|w| w.is_self_pickup_available)
        .collect();
    nearest_first(&mut points, &near, |w| Spot {
        title: &w.title,
        city: w.city.as_ref().map(|c| c.name.as_str()),
        at: w.location.map(|l| GeoPoint {
            lat: l.lat,
            lng: l.lng,
        }),
    });
    points
}

#[component]
fn PickupPicker(ck: CheckoutState) -> impl IntoView {
    let places = ck.places;
    let place = use_place();
    let load = move || {
        places.set(None);
        leptos::task::spawn_local(async move {
            let _ = super::places(ck).await;
        });
    };
    if places.with_untracked(|p| !matches!(p, Some(Ok(_)))) {
        load();
    }
    let (weekday, minutes) = crate::timer::local_now();
    view! {
        <div class="checkout-sub" data-testid="pickup">
            <h3 class="checkout-sub__title">"Где забрать"</h3>
            {move || match places.get() {
                None => view! { <p class="checkout-wait" role="status">"Загружаем магазины…"</p> }.into_any(),
                Some(Err(e)) => view! { <ErrorPanel error=e title="Не удалось загрузить магазины" on_retry=Callback::new(move |_| load())/> }.into_any(),
                Some(Ok(list)) => view! {
                    <fieldset class="choices" disabled=move || !ck.editable()>
                        <legend class="visually-hidden">"Пункт самовывоза"</legend>
                        {pickup_points(ck, place, list).into_iter().map(|w| {
                            let id = w.id.clone();
                            let id2 = w.id.clone();
                            let hours = today_text(&w.schedule, weekday, minutes);
                            let city = w.city.as_ref().map(|c| c.name.clone()).unwrap_or_default();
                            view! {
                                <label class="choice" data-testid="pickup-point">
                                    <input type="radio" name="pickup" value=w.id.clone()
                                        prop:checked=move || ck.draft.with(|d| d.pickup_id.as_deref() == Some(id.as_str()))
                                        on:change=move |_| ck.draft.update(|d| d.pickup_id = Some(id2.clone()))/>
                                    <span class="choice__body">
                                        <span class="choice__title">{w.title.clone()}</span>
                                        <span class="choice__meta">{format!("{city}, {}", w.address.clone().unwrap_or_default())}</span>
                                        <span class="choice__meta" data-testid="pickup-hours">{hours}</span>
                                        <span class="choice__flags">
                                            {w.is_express_delivery_available.then(|| view! { <span class="flag">"Экспресс-доставка"</span> })}
                                            {w.is_delivery_available.then(|| view! { <span class="flag">"Доставка"</span> })}
                                        </span>
                                        {w.comment.clone().map(|c| view! { <span class="choice__meta">{c}</span> })}
                                    </span>
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                }.into_any(),
            }}
        </div>
    }
}
