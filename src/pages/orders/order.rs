//! `/account/orders/:id`: where the order is — one timeline across the systems that carry it
//! (story.rs) — refreshed with backoff while it is on its way and only while the tab is
//! visible; its items, pricing, addresses, shipping and payment; the actions (actions.rs).

use super::actions::{done_view, CancelForm, Done, RefundForm, Repeat};
use super::story::{backoff, stage_bar, story_of, timeline, where_now, Story};
use super::{chip, local_time_iso};
use crate::api::commerce::orders;
use crate::api::ApiError;
use crate::components::{
    error_panel::ErrorPanel,
    not_found::{NotFoundView, WithRouteId},
};
use crate::domain::attributes;
use crate::domain::catalog::products_count_label;
use crate::domain::dates::date_text;
use crate::domain::money::rub_text;
use crate::domain::orders::order::{OrderAddress, OrderDetail, OrderLine};
use crate::domain::phone::display as phone_text;
use crate::routes::Route;
use crate::state::use_session;
use leptos::prelude::*;
use leptos_meta::Title;

const NO_SUCH_ORDER: &str = "Такого заказа нет среди ваших: возможно, ссылка устарела.";

#[component]
pub fn OrderPage() -> impl IntoView {
    view! { <WithRouteId text=NO_SUCH_ORDER page=|id| view! { <OrderLoad id=id/> }.into_any()/> }
}

/// Where the order page is: waiting for the order, showing it, or saying why not.
#[derive(Clone, Debug)]
enum OrderPageState {
    Waiting,
    Ready(Box<OrderDetail>),
    Missing,
    Failed(ApiError),
}

/// The order `id`, loaded and followed (pub for the component tests, which give it the
/// seeds' examples).
#[component]
pub fn OrderLoad(id: Memo<String>) -> impl IntoView {
    let session = use_session();
    let order = RwSignal::new(OrderPageState::Waiting);
    let story = RwSignal::new(None::<Story>);
    let kick = RwSignal::new(0u32);
    let done = RwSignal::new(None::<Done>);
    let alive = crate::timer::alive();
    // One loop per page: load, then while the order moves, look again with backoff —
    // never while the tab is hidden. `kick` (after a cancel or refund) starts it over.
    Effect::new(move |_| {
        let round = kick.get();
        let id = id.get();
        let alive = alive.clone();
        leptos::task::spawn_local(async move {
            let mut n = 0;
            loop {
                if kick.get_untracked() != round {
                    return;
                }
                match orders::detail(&session.commerce(), &id).await {
                    Ok(o) => {
                        let s = story_of(session, &o).await;
                        let moving = s.moving();
                        // Only what changed is drawn again: a form being filled in stays.
                        let same = order
                            .try_with_untracked(
                                |cur| matches!(cur, OrderPageState::Ready(c) if **c == o),
                            )
                            .unwrap_or(true);
                        if !same {
                            order.try_set(OrderPageState::Ready(Box::new(o)));
                        }
                        if story
                            .try_with_untracked(|cur| cur.as_ref() != Some(&s))
                            .unwrap_or(false)
                        {
                            story.try_set(Some(s));
                        }
                        if !moving {
                            return;
                        }
                    }
                    Err(ApiError::NotFound(_)) => {
                        order.try_set(OrderPageState::Missing);
                        return;
                    }
                    Err(e) if n > 0 && e.is_transient() => {}
                    Err(e) => {
                        session.refused(&e);
                        order.try_set(OrderPageState::Failed(e));
                        return;
                    }
                }
                if !crate::timer::wait_visible(backoff(n), &alive).await {
                    return;
                }
                n += 1;
            }
        });
    });
    move || {
        match order.get() {
        OrderPageState::Waiting => view! { <p class="checkout-wait">"Загружаем заказ…"</p> }.into_any(),
        OrderPageState::Missing => view! { <NotFoundView text=NO_SUCH_ORDER/> }.into_any(),
        OrderPageState::Failed(e) => view! { <ErrorPanel error=e on_retry=Callback::new(move |_| kick.update(|k| *k += 1))/> }.into_any(),
        OrderPageState::Ready(o) => view! { <OrderView order=*o story=story kick=kick done=done/> }.into_any(),
    }
    }
}

fn item_row(i: &OrderLine) -> impl IntoView {
    let href = Route::product(&i.product_id).href();
    let attrs = Some(attributes::line(
        i.attributes.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    ))
    .filter(|a| !a.is_empty());
    view! {
        <li class="cart-line" data-testid="order-item">
            <a class="cart-line__media" href=href.clone() tabindex="-1" aria-hidden="true">
                {i.thumbnail.clone().map(|u| view! { <img src=u alt="" width="64" height="64" loading="lazy"/> })}
            </a>
            <div class="cart-line__info">
                <a class="cart-line__name" href=href>{i.name.clone()}</a>
                {attrs.map(|a| view! { <p class="cart-line__attrs">{a}</p> })}
                <p class="cart-line__unit">{format!("{} × {}", i.quantity, rub_text(i.unit_price))}</p>
            </div>
            <p class="cart-line__total">{rub_text(i.total_price)}</p>
        </li>
    }
}

fn address_text(a: &OrderAddress) -> String {
    [&a.postal_code, &a.region, &a.city, &a.street]
        .iter()
        .filter_map(|x| x.as_deref().filter(|s| !s.is_empty()))
        .fold(Vec::<&str>::new(), |mut v, part| {
            // «Москва, Москва»: a city that is its own region is said once.
            if v.last() != Some(&part) {
                v.push(part);
            }
            v
        })
        .join(", ")
}

fn payment_method_word(m: &crate::domain::codes::PaymentMethod) -> &'static str {
    use crate::domain::codes::PaymentMethod::*;
    match m {
        Card => "картой онлайн",
        BankTransfer => "банковским переводом",
        Ewallet => "электронным кошельком",
        Balance => "бонусами партнёра",
        _ => "другим способом",
    }
}

#[component]
fn OrderView(
    order: OrderDetail,
    story: RwSignal<Option<Story>>,
    kick: RwSignal<u32>,
    done: RwSignal<Option<Done>>,
) -> impl IntoView {
    let o = StoredValue::new(order.clone());
    let pricing = order.pricing.clone();
    let ship = order.shipping_method.clone().unwrap_or_default();
    let pay = order.payment.clone();
    let rows = [
        ("Товары", Some(rub_text(pricing.subtotal))),
        (
            "Скидка",
            (!pricing.discount.is_zero()).then(|| format!("−{}", rub_text(pricing.discount))),
        ),
        (
            "Доставка",
            Some(if pricing.shipping.is_zero() {
                "бесплатно".into()
            } else {
                rub_text(pricing.shipping)
            }),
        ),
        ("НДС 20 %", Some(rub_text(pricing.tax))),
    ];
    view! {
        <Title text=format!("Заказ {}", order.order_number)/>
        <div class="order" data-testid="order">
            <header class="order__head">
                <h1 class="page-title">{format!("Заказ {}", order.order_number)}</h1>
                <p class="order__chips">
                    {chip(order.status.word().to_string(), order.status.tone(), "order-status")}
                    {chip(order.payment_status.word().to_string(), "info", "order-payment")}
                    <span class="order__date">{format!("от {}", local_time_iso(&order.created_at, true))}</span>
                </p>
            </header>
            {move || done.get().map(done_view)}
            <section class="checkout-step order__where" aria-labelledby="order-where" aria-live="polite">
                <h2 class="checkout-step__title" id="order-where">"Где заказ"</h2>
                {move || story.with(|s| match s {
                    Some(s) => view! { {stage_bar(s.stage())} {where_now(s)} {timeline(&s.events)} }.into_any(),
                    None => view! { <p class="checkout-wait">"Спрашиваем службы доставки…"</p> }.into_any(),
                })}
            </section>
            <section class="checkout-step" aria-labelledby="order-items">
                <h2 class="checkout-step__title" id="order-items">{format!("Состав — {}", products_count_label(order.items.iter().map(|i| u64::from(i.quantity)).sum()))}</h2>
                <ul class="cart-lines">{order.items.iter().map(item_row).collect_view()}</ul>
                <dl class="summary">
                    {rows.into_iter().filter_map(|(k, v)| v.map(|v| view! { <div class="summary-row"><dt>{k}</dt><dd>{v}</dd></div> })).collect_view()}
                    <div class="summary-row summary-row--total" data-testid="order-total"><dt>"Итого"</dt><dd>{rub_text(pricing.total)}</dd></div>
                </dl>
                <Repeat order=o/>
            </section>
            <section class="checkout-step order__facts" aria-labelledby="order-facts">
                <h2 class="checkout-step__title" id="order-facts">"Доставка и оплата"</h2>
                <dl class="facts">
                    <dt>"Способ"</dt>
                    <dd data-testid="order-method">{ship.name.clone()}{ship.carrier.clone().filter(|c| *c != ship.name).map(|c| format!(" ({c})"))}
                        {ship.estimated_delivery.clone().map(|d| format!(", ожидаем {}", date_text(&d)))}</dd>
                    {order.shipping_address.clone().map(|a| view! {
                        <dt>"Адрес"</dt>
                        <dd>{a.recipient_name.clone().map(|n| format!("{n}, "))}{address_text(&a)}{a.phone.clone().map(|p| format!(", {}", phone_text(&p)))}</dd>
                    })}
                    {order.billing_address.clone().map(|a| view! { <dt>"Адрес плательщика"</dt><dd>{address_text(&a)}</dd> })}
                    <dt>"Оплата"</dt>
                    <dd data-testid="order-paid">{payment_method_word(&pay.method)}
                        {pay.paid_at.clone().map(|t| format!(", оплачен {}", local_time_iso(&t, true)))}
                        {pay.transaction_id.clone().map(|t| format!(" · платёж {t}"))}</dd>
                    {(!order.applied_coupons.is_empty()).then(|| view! {
                        <dt>"Промокоды"</dt>
                        <dd>{order.applied_coupons.iter().map(|c| format!("{} (−{})", c.code, rub_text(c.discount))).collect::<Vec<_>>().join(", ")}</dd>
                    })}
                    {order.notes.clone().filter(|n| !n.is_empty()).map(|n| view! { <dt>"Комментарий"</dt><dd>{n}</dd> })}
                </dl>
            </section>
            {order.can_cancel.then(|| view! { <CancelForm order=o kick=kick done=done/> })}
            {order.can_refund.then(|| view! { <RefundForm order=o kick=kick done=done/> })}
        </div>
    }
}
