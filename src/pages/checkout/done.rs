//! After the order: on to the payment page, bank details to copy with the deadline, or
//! the order found after a lost answer — which leads to its payment too: the card payment's
//! page (the delivery API's `redirect_url`) or the bank details of the order detail.

use super::{rub_text, CheckoutState, Phase};
use crate::api::delivery;
use crate::domain::checkout::offer::PlacedOrder;
use crate::domain::codes::{OrderStatus, PaymentMethod};
use crate::domain::dates::{date_text, parse_iso};
use crate::domain::orders::order::{BankDetails, OrderDetail};
use crate::routes::Route;
use leptos::prelude::*;

/// «15 января, 22:00 UTC» is not what a shopper reads; the local clock time is.
fn deadline(iso: &str) -> String {
    match parse_iso(iso) {
        Some(t) => format!(
            "{}, {}",
            date_text(iso),
            crate::components::error_panel::clock_time(t.max(0) as u64)
                .get(..5)
                .unwrap_or_default()
        ),
        None => iso.to_string(),
    }
}

#[component]
fn CopyRow(label: &'static str, value: String, testid: &'static str) -> impl IntoView {
    let copied = RwSignal::new(false);
    let word = move || {
        if copied.get() {
            "Скопировано"
        } else {
            "Копировать"
        }
    };
    let v = value.clone();
    let copy = move |_| {
        let clip = window().navigator().clipboard();
        let _ = clip.write_text(&v);
        copied.set(true);
    };
    view! {
        <div class="bank-row" data-testid=testid>
            <dt>{label}</dt>
            <dd>
                <span class="bank-row__value">{value}</span>
                // The name starts with the words on the button (a voice-control user says them).
                <button type="button" class="btn btn--ghost btn--small" on:click=copy aria-label=move || format!("{}: {label}", word())>
                    {word}
                </button>
            </dd>
        </div>
    }
}

/// Bank details to copy, with what to pay (and by when, when known).
fn bank(amount: rust_decimal::Decimal, by: Option<String>, b: BankDetails) -> impl IntoView {
    let what = match by {
        Some(by) => format!(
            "Оплатите {} до {by} — потом заказ отменится.",
            rub_text(amount)
        ),
        None => format!("Оплатите {} банковским переводом.", rub_text(amount)),
    };
    view! {
        <div class="bank" data-testid="bank-details">
            <h2 class="checkout-step__title">"Реквизиты для оплаты"</h2>
            <p data-testid="bank-deadline">{what}</p>
            <dl class="bank__rows">
                <CopyRow label="Банк" value=b.bank_name.clone() testid="bank-name"/>
                <CopyRow label="Расчётный счёт" value=b.account_number.clone() testid="bank-account"/>
                <CopyRow label="БИК" value=b.bik.clone() testid="bank-bik"/>
                <CopyRow label="Назначение платежа" value=b.purpose.clone() testid="bank-purpose"/>
                <CopyRow label="Сумма" value=amount.normalize().to_string() testid="bank-amount"/>
            </dl>
        </div>
    }
}

/// A found card or e-wallet order's payment page, asked of the delivery API.
#[component]
fn PayLink(ck: CheckoutState, payment_id: String) -> impl IntoView {
    let url = RwSignal::new(None::<Option<String>>);
    let load = move || {
        let ep = ck.session.delivery();
        let id = payment_id.clone();
        url.set(None);
        leptos::task::spawn_local(async move {
            let r = delivery::payment(&ep, &id)
                .await
                .ok()
                .and_then(|p| p.redirect_url);
            url.try_set(Some(r));
        });
    };
    load();
    move || match url.get() {
        None => view! { <p class="checkout-wait">"Открываем оплату…"</p> }.into_any(),
        Some(Some(u)) => view! {
            <p><a class="btn btn--large" href=u data-testid="pay-link">"Перейти к оплате"</a></p>
        }
        .into_any(),
        Some(None) => {
            let load = load.clone();
            view! {
                <p class="form-error" role="alert" data-testid="pay-unavailable">
                    "Страница оплаты сейчас не открывается. "
                    <button type="button" class="btn btn--ghost btn--small" on:click=move |_| load()>"Повторить"</button>
                </p>
            }.into_any()
        }
    }
}

/// The order found after a lost answer, and its payment when it awaits one.
fn found(ck: CheckoutState, o: OrderDetail) -> impl IntoView {
    let pay = if o.status != OrderStatus::PendingPayment {
        view! { <p data-testid="paid">"Заказ оплачен."</p> }.into_any()
    } else {
        match (
            &o.payment.method,
            o.payment.transaction_id.clone(),
            o.payment.bank_details.clone(),
        ) {
            (PaymentMethod::BankTransfer, _, Some(b)) => {
                bank(o.payment.amount.unwrap_or(o.pricing.total), None, b).into_any()
            }
            (PaymentMethod::Card | PaymentMethod::Ewallet, Some(id), _) => {
                view! { <PayLink ck=ck payment_id=id/> }.into_any()
            }
            _ => view! {
                <p data-testid="pay-unknown">"Заказ ждёт оплаты."</p>
            }
            .into_any(),
        }
    };
    view! {
        <section class="checkout-done" data-testid="order-placed" data-found="true">
            <h2 class="checkout-done__title">{format!("Заказ {} оформлен", o.order_number)}</h2>
            <p>"Связь прерывалась, но заказ создан — оформлять его ещё раз не нужно."</p>
            <p data-testid="found-total">{format!("Сумма: {}", rub_text(o.pricing.total))}</p>
            {pay}
            <p class="checkout-done__links">
                <a class="btn" href=Route::Order(o.id.clone()).href() data-testid="found-order-link">"Открыть заказ"</a>
                " "
                <a class="btn btn--ghost" href=Route::catalog().href()>"Продолжить покупки"</a>
            </p>
        </section>
    }
}

fn placed(order: PlacedOrder) -> impl IntoView {
    let pay = order.payment.clone();
    let body = match (&pay.method, &pay.payment_url, &pay.bank_details) {
        (PaymentMethod::Card | PaymentMethod::Ewallet, Some(url), _) => view! {
            <p role="status">"Переходим на страницу оплаты… Если ничего не происходит, "
                <a href=url.clone() data-testid="pay-link">"откройте её сами"</a>"."</p>
        }
        .into_any(),
        (_, _, Some(b)) => bank(pay.amount, Some(deadline(&pay.expires_at)), b.clone()).into_any(),
        _ => view! { <p data-testid="paid">"Заказ оплачен."</p> }.into_any(),
    };
    view! {
        <section class="checkout-done" data-testid="order-placed">
            <h2 class="checkout-done__title">{format!("Заказ {} оформлен", order.order_number)}</h2>
            <p>{format!("Сумма: {}", rub_text(order.summary.total))}
               {order.estimated_delivery.as_deref().map(|d| format!(" · доставим примерно {}", date_text(d)))}</p>
            {body}
            <p class="checkout-done__links">
                <a class="btn" href=Route::Order(order.order_id.clone()).href()>"Открыть заказ"</a>
                " "
                <a class="btn btn--ghost" href=Route::catalog().href()>"Продолжить покупки"</a>
            </p>
        </section>
    }
}

#[component]
pub fn Finished(ck: CheckoutState) -> impl IntoView {
    move || match ck.phase.get() {
        Phase::Done(order) => placed(*order).into_any(),
        Phase::Found(o) => found(ck, *o).into_any(),
        _ => ().into_any(),
    }
}
