//! `/checkout/return?orderId=…`: where the payment page sends the shopper back. Follows the
//! order's payment (and the delivery API's payment, once it has an id) until paid, failed
//! or expired — with backoff, and only while the tab is visible.

use crate::api::commerce::orders;
use crate::api::delivery;
use crate::domain::codes::{GatewayPaymentStatus, OrderStatus, PaymentStatus};
use crate::domain::orders::order::OrderDetail;
use crate::routes::Route;
use crate::state::use_session;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Waiting,
    Paid,
    Failed,
    Expired,
    /// The order could not be read (not found, or not this shopper's).
    Unknown(String),
}

/// Seconds before the n-th poll: 0, 2, 4, 8, 16, 30, 30 …
fn backoff(n: u32) -> u32 {
    if n == 0 {
        0
    } else {
        (1u32 << n.min(5)).min(30)
    }
}

fn outcome(o: &OrderDetail, gateway: Option<&GatewayPaymentStatus>) -> Outcome {
    match (&o.payment_status, gateway) {
        (PaymentStatus::Paid, _) | (_, Some(GatewayPaymentStatus::Succeeded)) => Outcome::Paid,
        (PaymentStatus::Failed, _) | (_, Some(GatewayPaymentStatus::Failed)) => Outcome::Failed,
        (_, Some(GatewayPaymentStatus::Expired)) => Outcome::Expired,
        _ if o.status == OrderStatus::Cancelled => Outcome::Expired,
        _ => Outcome::Waiting,
    }
}

#[component]
pub fn CheckoutReturnPage() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let order_id = query
        .with_untracked(|q| q.get("orderId"))
        .filter(|id| crate::routes::valid_id(id));
    let state = RwSignal::new(Outcome::Waiting);
    let order = RwSignal::new(None::<OrderDetail>);
    let alive = crate::timer::alive();
    if let Some(id) = order_id.clone() {
        leptos::task::spawn_local(async move {
            let mut n = 0;
            while crate::timer::wait_visible(backoff(n), &alive).await {
                n += 1;
                let o = match orders::detail(&session.commerce(), &id).await {
                    Ok(o) => o,
                    Err(e) if e.is_transient() => continue,
                    Err(e) => {
                        state.try_set(Outcome::Unknown(e.user_message()));
                        break;
                    }
                };
                let gateway = match &o.payment.transaction_id {
                    Some(pid) => delivery::payment(&session.delivery(), pid)
                        .await
                        .ok()
                        .map(|p| p.status),
                    None => None,
                };
                let now = outcome(&o, gateway.as_ref());
                order.try_set(Some(o));
                let done = now != Outcome::Waiting;
                state.try_set(now);
                if done {
                    break;
                }
            }
        });
    } else {
        state.set(Outcome::Unknown("В адресе нет номера заказа.".into()));
    }
    let number = move || {
        order.with(|o| {
            o.as_ref()
                .map(|o| o.order_number.clone())
                .unwrap_or_default()
        })
    };
    let order_link = move || {
        order
            .with(|o| o.as_ref().map(|o| Route::Order(o.id.clone()).href()))
            .unwrap_or_else(|| Route::orders().href())
    };

    view! {
        <Title text="Оплата заказа"/>
        <h1 class="page-title">"Оплата заказа"</h1>
        <section class="checkout-done" data-testid="payment-return" aria-live="polite">
            {move || match state.get() {
                Outcome::Waiting => view! {
                    <p role="status" data-testid="payment-waiting">"Ждём подтверждения оплаты от банка… Страница обновится сама."</p>
                }.into_any(),
                Outcome::Paid => view! {
                    <h2 class="checkout-done__title" data-testid="payment-paid">{move || format!("Заказ {} оплачен", number())}</h2>
                    <p>"Спасибо! Мы начали собирать заказ и сообщим, когда передадим его в доставку."</p>
                }.into_any(),
                Outcome::Failed => view! {
                    <h2 class="checkout-done__title" data-testid="payment-failed">"Оплата не прошла"</h2>
                    <p>"Деньги не списаны. Заказ сохранён — оплатить его можно из списка заказов."</p>
                }.into_any(),
                Outcome::Expired => view! {
                    <h2 class="checkout-done__title" data-testid="payment-expired">"Время на оплату истекло"</h2>
                    <p>"Заказ отменён, деньги не списаны. Товары можно оформить заново."</p>
                }.into_any(),
                Outcome::Unknown(why) => view! {
                    <h2 class="checkout-done__title" data-testid="payment-unknown">"Не удалось проверить оплату"</h2>
                    <p>{why}</p>
                }.into_any(),
            }}
            <p class="checkout-done__links">
                <a class="btn" href=order_link>"Открыть заказ"</a>
                " "
                <a class="btn btn--ghost" href=Route::catalog().href()>"Продолжить покупки"</a>
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polling_backs_off_to_thirty_seconds() {
        let s: Vec<u32> = (0..8).map(backoff).collect();
        assert_eq!(s, [0, 2, 4, 8, 16, 30, 30, 30]);
    }
}
