//! What a shopper can do with an order: «Повторить заказ», cancel and refund — one request
//! per press, what was typed kept on a refusal, the refusal explained.

use crate::api::commerce::orders::{self, RefundRequest};
use crate::api::{ApiError, Endpoint, IdempotencyKey};
use crate::domain::cart::{CartLine, LineKey};
use crate::domain::catalog::products_count_label;
use crate::domain::codes::{ErrorCode, RefundStatus};
use crate::domain::money::rub_text;
use crate::domain::orders::order::{Cancelled, OrderDetail, RefundAccepted};
use crate::routes::Route;
use crate::state::{cart::use_cart, use_session, Session};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// What the shopper just did here; shown above the order, which is read again after it.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Done {
    Cancelled(Cancelled),
    Refund(RefundAccepted),
}

pub(super) fn done_view(d: Done) -> impl IntoView {
    match d {
        Done::Cancelled(c) => view! {
            <p class="checkout-note" role="status" data-testid="cancel-done">
                {format!("Заказ {} отменён.", c.order_number)}
                {c.refund_amount.map(|a| format!(" Вернём {} — возврат {}.", rub_text(a), RefundStatus::word(c.refund_status.as_ref())))}
                " " {c.message}
            </p>
        }.into_any(),
        Done::Refund(r) => view! {
            <div class="checkout-note" role="status" data-testid="refund-done">
                <p>{format!("Заявка на возврат принята: {} за {}.", rub_text(r.requested_amount), products_count_label(r.items.iter().map(|i| u64::from(i.quantity)).sum()))}</p>
                <ul>{r.items.iter().map(|i| view! { <li>{format!("{} — {} шт., {}", i.product_name, i.quantity, rub_text(i.amount))}</li> }).collect_view()}</ul>
                <p>{r.message}</p>
            </div>
        }.into_any(),
    }
}

/// «Повторить заказ»: every item back in the cart, then the cart.
#[component]
pub(super) fn Repeat(order: StoredValue<OrderDetail>) -> impl IntoView {
    let cart = use_cart();
    let navigate = use_navigate();
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let go = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        let items = order.with_value(|o| o.items.clone());
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let mut refused = Vec::new();
            for i in items {
                let line = CartLine {
                    key: LineKey::new(i.product_id.clone(), i.variant_id.clone()),
                    server_id: None,
                    name: i.name.clone(),
                    thumbnail: i.thumbnail.clone(),
                    attributes: i.attributes.clone(),
                    unit_price: i.unit_price,
                    compare_at: None,
                    quantity: i.quantity,
                    stock: None,
                    merge_key: None,
                };
                if let Err(why) = cart.add(line).await {
                    refused.push(format!("«{}»: {why}", i.name));
                }
            }
            busy.try_set(false);
            if refused.is_empty() {
                navigate(&Route::Cart.path(), Default::default());
            } else {
                problem.try_set(Some(format!(
                    "Не всё удалось положить в корзину: {}",
                    refused.join("; ")
                )));
            }
        });
    };
    view! {
        <p class="order__actions">
            <button type="button" class="btn" data-testid="repeat-order" on:click=go prop:disabled=move || busy.get()>
                {move || if busy.get() { "Кладём в корзину…" } else { "Повторить заказ" }}
            </button>
        </p>
        {move || problem.get().map(|p| view! { <p class="form-error" role="alert">{p}</p> })}
    }
}

/// One form's press: on its way, the refusal shown beside the form, and where a result
/// goes (above the order, which is then read again).
#[derive(Clone, Copy)]
struct Press {
    done: RwSignal<Option<Done>>,
    kick: RwSignal<u32>,
    problem: RwSignal<Option<String>>,
    sending: RwSignal<bool>,
}

impl Press {
    fn new(kick: RwSignal<u32>, done: RwSignal<Option<Done>>) -> Self {
        Press {
            done,
            kick,
            problem: RwSignal::new(None),
            sending: RwSignal::new(false),
        }
    }

    /// A form's own refusal (nothing sent).
    fn refuse(self, why: &str) {
        self.problem.set(Some(why.into()));
    }

    /// Sends once per press — a press while one is on its way does nothing; a retry after a
    /// lost answer is the shopper's next press, with a new key. The text typed stays.
    fn send<F>(
        self,
        session: Session,
        order_id: String,
        send: impl FnOnce(Endpoint, String, IdempotencyKey) -> F,
    ) where
        F: std::future::Future<Output = Result<Done, ApiError>> + 'static,
    {
        if self.sending.get_untracked() {
            return;
        }
        self.sending.set(true);
        self.problem.set(None);
        let sent = send(session.commerce(), order_id, IdempotencyKey::new());
        leptos::task::spawn_local(async move {
            match sent.await {
                Ok(d) => {
                    self.done.try_set(Some(d));
                    self.kick.try_update(|k| *k += 1);
                }
                Err(e) => {
                    session.refused(&e);
                    self.problem.try_set(Some(refusal(&e)));
                }
            }
            self.sending.try_set(false);
        });
    }
}

/// The words for a refused cancel or refund.
fn refusal(e: &ApiError) -> String {
    if e.is(ErrorCode::CannotCancel) {
        "Заказ уже передан в доставку — отменить его нельзя. Когда он придёт, можно оформить возврат.".into()
    } else if e.is(ErrorCode::CannotRefund) {
        "Вернуть можно только полученный заказ.".into()
    } else if e.is(ErrorCode::RefundPeriodExpired) {
        "Срок возврата — 14 дней после получения — уже прошёл.".into()
    } else if e.is(ErrorCode::RefundAlreadyRequested) {
        "Заявка на возврат по этому заказу уже есть — мы сообщим, когда её рассмотрим.".into()
    } else {
        e.user_message()
    }
}

#[component]
pub(super) fn CancelForm(
    order: StoredValue<OrderDetail>,
    kick: RwSignal<u32>,
    done: RwSignal<Option<Done>>,
) -> impl IntoView {
    let session = use_session();
    let reason = RwSignal::new(String::new());
    let press = Press::new(kick, done);
    let Press {
        problem, sending, ..
    } = press;
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let why = reason.get_untracked().trim().to_string();
        if why.is_empty() {
            return press.refuse("Напишите, почему отменяете заказ.");
        }
        let id = order.with_value(|o| o.id.clone());
        press.send(session, id, move |ep, id, key| async move {
            orders::cancel(&ep, &id, &why, &key)
                .await
                .map(Done::Cancelled)
        });
    };
    view! {
        <section class="checkout-step" aria-labelledby="order-cancel" data-testid="cancel">
            <h2 class="checkout-step__title" id="order-cancel">"Отменить заказ"</h2>
            <form on:submit=send novalidate>
                <div class="field">
                    <label class="field__label" for="cancel-reason">"Причина отмены"</label>
                    <textarea id="cancel-reason" class="field__input field__input--area" rows="2" maxlength="500" required
                        aria-invalid=move || problem.with(Option::is_some).to_string()
                        aria-describedby="cancel-problem"
                        prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    <p class="field__problem" id="cancel-problem" role="alert" data-testid="cancel-problem">{move || problem.get()}</p>
                </div>
                <button type="submit" class="btn btn--danger" data-testid="cancel-send" prop:disabled=move || sending.get()>
                    {move || if sending.get() { "Отменяем…" } else { "Отменить заказ" }}
                </button>
            </form>
        </section>
    }
}

const REFUND_REASONS: [&str; 4] = [
    "Брак или повреждение",
    "Не подошёл",
    "Привезли не тот товар",
    "Другое",
];

#[component]
pub(super) fn RefundForm(
    order: StoredValue<OrderDetail>,
    kick: RwSignal<u32>,
    done: RwSignal<Option<Done>>,
) -> impl IntoView {
    let session = use_session();
    let chosen = RwSignal::new(
        order.with_value(|o| o.items.iter().map(|i| i.id.clone()).collect::<Vec<_>>()),
    );
    let reason = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let press = Press::new(kick, done);
    let Press {
        problem, sending, ..
    } = press;
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let why = reason.get_untracked();
        let items = chosen.get_untracked();
        if items.is_empty() {
            return press.refuse("Отметьте товары, которые возвращаете.");
        }
        if why.is_empty() {
            return press.refuse("Выберите причину возврата.");
        }
        let id = order.with_value(|o| o.id.clone());
        let every = order.with_value(|o| o.items.len()) == items.len();
        let body = RefundRequest {
            reason: why,
            item_ids: (!every).then_some(items),
            description: Some(description.get_untracked().trim().to_string())
                .filter(|d| !d.is_empty()),
        };
        press.send(session, id, move |ep, id, key| async move {
            orders::refund(&ep, &id, &body, &key)
                .await
                .map(Done::Refund)
        });
    };
    let items = order.with_value(|o| o.items.clone());
    view! {
        <section class="checkout-step" aria-labelledby="order-refund" data-testid="refund">
            <h2 class="checkout-step__title" id="order-refund">"Вернуть товары"</h2>
            <form on:submit=send novalidate>
                <fieldset class="choices">
                    <legend class="field__label">"Что возвращаете"</legend>
                    {items.iter().map(|i| {
                        let id = i.id.clone();
                        let id2 = id.clone();
                        view! {
                            <label class="check">
                                <input type="checkbox" data-testid="refund-item"
                                    prop:checked=move || chosen.with(|c| c.contains(&id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let id = id2.clone();
                                        chosen.update(|c| { c.retain(|x| *x != id); if on { c.push(id); } });
                                    }/>
                                {format!("{} — {} шт., {}", i.name, i.quantity, rub_text(i.total_price))}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="field">
                    <label class="field__label" for="refund-reason">"Причина"</label>
                    <select id="refund-reason" class="field__input" on:change=move |ev| reason.set(event_target_value(&ev))>
                        <option value="">"Выберите причину"</option>
                        {REFUND_REASONS.iter().map(|r| view! { <option value=*r>{*r}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label class="field__label" for="refund-description">"Подробности"<span class="field__optional">" — необязательно"</span></label>
                    <textarea id="refund-description" class="field__input field__input--area" rows="2" maxlength="1000"
                        prop:value=move || description.get()
                        on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                </div>
                <p class="field__problem" role="alert" data-testid="refund-problem">{move || problem.get()}</p>
                <button type="submit" class="btn" data-testid="refund-send" prop:disabled=move || sending.get()>
                    {move || if sending.get() { "Отправляем…" } else { "Отправить заявку" }}
                </button>
            </form>
        </section>
    }
}
