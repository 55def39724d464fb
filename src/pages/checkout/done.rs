//! After the order: on to the payment page, bank details to copy with the deadline, or
//! the order found after a lost answer.

use super::{rub, Ck, Phase};
use crate::api::commerce::checkout::CheckoutDto;
use crate::domain::checkout::dates::{date_text, parse_iso};
use crate::domain::codes::PaymentMethod;
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

fn placed(dto: CheckoutDto) -> impl IntoView {
    let pay = dto.payment.clone();
    let body = match (&pay.method, &pay.payment_url, &pay.bank_details) {
        (PaymentMethod::Card | PaymentMethod::Ewallet, Some(url), _) => view! {
            <p role="status">"Переходим на страницу оплаты… Если ничего не происходит, "
                <a href=url.clone() data-testid="pay-link">"откройте её сами"</a>"."</p>
        }.into_any(),
        (_, _, Some(b)) => view! {
            <div class="bank" data-testid="bank-details">
                <h2 class="checkout-step__title">"Реквизиты для оплаты"</h2>
                <p data-testid="bank-deadline">{format!("Оплатите {} до {} — потом заказ отменится.", rub(pay.amount), deadline(&pay.expires_at))}</p>
                <dl class="bank__rows">
                    <CopyRow label="Банк" value=b.bank_name.clone() testid="bank-name"/>
                    <CopyRow label="Расчётный счёт" value=b.account_number.clone() testid="bank-account"/>
                    <CopyRow label="БИК" value=b.bik.clone() testid="bank-bik"/>
                    <CopyRow label="Назначение платежа" value=b.purpose.clone() testid="bank-purpose"/>
                    <CopyRow label="Сумма" value=pay.amount.normalize().to_string() testid="bank-amount"/>
                </dl>
            </div>
        }.into_any(),
        _ => view! { <p data-testid="paid">"Заказ оплачен."</p> }.into_any(),
    };
    view! {
        <section class="checkout-done" data-testid="order-placed">
            <h2 class="checkout-done__title">{format!("Заказ {} оформлен", dto.order_number)}</h2>
            <p>{format!("Сумма: {}", rub(dto.summary.total))}
               {dto.estimated_delivery.as_deref().map(|d| format!(" · доставим примерно {}", date_text(d)))}</p>
            {body}
            <p class="checkout-done__links">
                <a class="btn" href=Route::Order(dto.order_id.clone()).href()>"Открыть заказ"</a>
                " "
                <a class="btn btn--ghost" href=Route::catalog().href()>"Продолжить покупки"</a>
            </p>
        </section>
    }
}

#[component]
pub fn Finished(ck: Ck) -> impl IntoView {
    move || {
        match ck.phase.get() {
        Phase::Done(dto) => placed(*dto).into_any(),
        Phase::Found(o) => view! {
            <section class="checkout-done" data-testid="order-placed" data-found="true">
                <h2 class="checkout-done__title">{format!("Заказ {} оформлен", o.order_number)}</h2>
                <p>"Связь прерывалась, но заказ создан — оформлять его ещё раз не нужно."</p>
                <p>{format!("Сумма: {}", rub(o.total))}</p>
                <p class="checkout-done__links">
                    <a class="btn" href=Route::Order(o.id.clone()).href()>"Открыть заказ и оплатить"</a>
                    " "
                    <a class="btn btn--ghost" href=Route::catalog().href()>"Продолжить покупки"</a>
                </p>
            </section>
        }.into_any(),
        _ => ().into_any(),
    }
    }
}
