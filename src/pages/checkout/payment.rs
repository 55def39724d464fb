//! Step 3: how to pay, the partner's bonus balance, coupons and a note to the order.

use super::{rub_text, CheckoutState};
use crate::domain::checkout::draft::NOTES_MAX;
use crate::domain::checkout::explain::Where;
use crate::domain::codes::PaymentMethod;
use leptos::prelude::*;

const METHODS: &[(PaymentMethod, &str, &str)] = &[
    (
        PaymentMethod::Card,
        "Картой онлайн",
        "Visa, Mastercard, МИР — на защищённой странице банка",
    ),
    (
        PaymentMethod::Ewallet,
        "Электронным кошельком",
        "ЮMoney, СберPay и другие — на странице оплаты",
    ),
    (
        PaymentMethod::BankTransfer,
        "Банковским переводом",
        "Реквизиты покажем после оформления",
    ),
    (
        PaymentMethod::Balance,
        "Бонусным балансом",
        "Только для партнёров: весь заказ бонусами",
    ),
];

fn method_id(m: &PaymentMethod) -> &'static str {
    match m {
        PaymentMethod::Card => "pay-card",
        PaymentMethod::Ewallet => "pay-ewallet",
        PaymentMethod::BankTransfer => "pay-bank",
        _ => "pay-balance",
    }
}

#[component]
pub fn PaymentSection(ck: CheckoutState) -> impl IntoView {
    let partner = move || ck.session.is_partner();
    let balance = move || {
        ck.preview.with(|p| {
            p.as_ref()
                .and_then(|r| r.as_ref().ok())
                .and_then(|p| p.partner_balance.clone())
        })
    };
    view! {
        <section class="checkout-step" aria-labelledby="step-payment" data-testid="step-payment">
            <h2 class="checkout-step__title" id="step-payment">"3. Оплата"</h2>
            {move || ck.problem_at(Where::Payment).map(|t| view! {
                <p class="form-error" role="alert" data-testid="payment-problem">{t}</p>
            })}
            <fieldset class="choices" disabled=move || !ck.editable()>
                <legend class="visually-hidden">"Способ оплаты"</legend>
                {METHODS.iter().map(|(m, title, hint)| {
                    let balance_only = *m == PaymentMethod::Balance;
                    let m1 = m.clone();
                    let m2 = m.clone();
                    view! {
                        <Show when=move || !balance_only || partner()>
                            <label class="choice">
                                <input type="radio" name="payment" value=m1.as_str().to_string() data-testid=method_id(&m1)
                                    prop:checked={let m = m1.clone(); move || ck.draft.with(|d| d.payment == m)}
                                    on:change={let m = m2.clone(); move |_| ck.draft.update(|d| d.payment = m.clone())}/>
                                <span class="choice__body">
                                    <span class="choice__title">{*title}</span>
                                    <span class="choice__meta">{*hint}</span>
                                </span>
                            </label>
                        </Show>
                    }
                }).collect_view()}
            </fieldset>
            {move || (partner() && ck.draft.with(|d| d.payment != PaymentMethod::Balance)).then(balance).flatten().map(|b| view! {
                <label class="check" data-testid="use-balance">
                    <input type="checkbox"
                        prop:checked=move || ck.draft.with(|d| d.use_balance)
                        prop:disabled=move || !ck.editable() || b.available.is_zero()
                        on:change=move |ev| { let on = event_target_checked(&ev); ck.draft.update(|d| d.use_balance = on); }/>
                    {format!("Списать бонусы партнёра — доступно {}", rub_text(b.available))}
                </label>
            })}
            <Coupons ck=ck/>
            <div class="field">
                <label class="field__label" for="order-notes">"Комментарий к заказу"<span class="field__optional">" — необязательно"</span></label>
                <textarea id="order-notes" class="field__input field__input--area" maxlength=NOTES_MAX rows="3"
                    prop:disabled=move || !ck.editable()
                    prop:value=move || ck.draft.with(|d| d.notes.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); ck.draft.update(|d| d.notes = v); }></textarea>
                <span class="field__count">{move || format!("{} / {NOTES_MAX}", ck.draft.with(|d| d.notes.chars().count()))}</span>
            </div>
        </section>
    }
}

#[component]
fn Coupons(ck: CheckoutState) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let apply = move || {
        let code = text.get_untracked();
        ck.problem.update(|p| {
            if p.as_ref().is_some_and(|p| p.at == Where::Coupon) {
                *p = None
            }
        });
        ck.draft.update(|d| {
            d.add_coupon(&code);
        });
        text.set(String::new());
    };
    let discount_of = move |code: &str| {
        ck.preview.with(|p| {
            p.as_ref().and_then(|r| r.as_ref().ok()).and_then(|p| {
                p.coupons
                    .iter()
                    .find(|c| c.code == code)
                    .map(|c| c.discount)
            })
        })
    };
    view! {
        <div class="coupons" data-testid="coupons">
            <form class="coupons__form" on:submit=move |ev| { ev.prevent_default(); apply(); }>
                <div class="field">
                    <label class="field__label" for="coupon">"Промокод"</label>
                    <input id="coupon" class="field__input" autocomplete="off" maxlength="40"
                        aria-describedby="coupon-problem"
                        prop:disabled=move || !ck.editable()
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="btn btn--ghost" data-testid="coupon-apply"
                    prop:disabled=move || !ck.editable() || text.with(|t| t.trim().is_empty())>"Применить"</button>
            </form>
            <p class="field__problem" id="coupon-problem" role="alert" data-testid="coupon-problem">{move || ck.problem_at(Where::Coupon)}</p>
            <ul class="coupons__list">
                {move || ck.draft.with(|d| d.coupons.clone()).into_iter().map(|c| {
                    let c2 = c.clone();
                    let c3 = c.clone();
                    view! {
                        <li class="coupon" data-testid="coupon">
                            <span class="coupon__code">{c.clone()}</span>
                            <span class="coupon__discount">{move || discount_of(&c3).filter(|d| !d.is_zero()).map(|d| format!("−{}", rub_text(d)))}</span>
                            <button type="button" class="link-button" aria-label=format!("Убрать промокод {c}")
                                prop:disabled=move || !ck.editable()
                                on:click=move |_| ck.draft.update(|d| d.coupons.retain(|k| *k != c2))>"Убрать"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}
