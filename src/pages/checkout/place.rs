//! The summary and «Оформить заказ»: one attempt at a time (the button, and a lock other
//! tabs see), one `Idempotency-Key` per order content kept across reloads, a countdown
//! after 429 with no request before it ends, and after a lost answer a look for the order
//! before anything is sent again. The order is recognised by the attempt's reference, which
//! the app writes into its `notes` (docs/integration.md §7), never by its total alone.

use super::lookup::check;
use super::{explained, rub_text, show_problem, CheckoutState, Phase};
use crate::api::commerce::checkout as api;
use crate::api::{ApiError, ErrorCode, IdempotencyKey};
use crate::components::error_panel::clock_time;
use crate::domain::checkout::attempt::{
    attempt_for, content_hash, decide, notes_with_reference, Attempt, Next, Verdict,
};
use crate::domain::checkout::explain::Where;
use crate::domain::checkout::offer::PlacedOrder;
use crate::routes::Route;
use crate::state::storage::{self, Key};
use crate::timer::now_unix;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

const ATTEMPT_VERSION: u32 = 1;
const LOCK_VERSION: u32 = 1;
/// How long a tab's claim on placing the order lasts if it never lets go (a crash).
const LOCK_SECS: u64 = 30;

/// Which tab is placing the order, until when (unix seconds).
#[derive(Serialize, Deserialize)]
struct Lock {
    tab: String,
    until: u64,
}

fn holder() -> Option<Lock> {
    storage::read_record(&Key::checkout_lock(), LOCK_VERSION)
}

fn held_by_other(tab: &str) -> bool {
    holder().is_some_and(|l| l.tab != tab && l.until > now_unix())
}

/// Claims the right to place the order for this tab; `false` if another tab holds it.
fn acquire(tab: &str) -> bool {
    if held_by_other(tab) {
        return false;
    }
    let lock = Lock {
        tab: tab.to_string(),
        until: now_unix() + LOCK_SECS,
    };
    let _ = storage::write_record(&Key::checkout_lock(), LOCK_VERSION, &lock);
    // Two tabs writing at once: the value that stayed decides.
    !held_by_other(tab)
}

fn release(tab: &str) {
    if holder().is_some_and(|l| l.tab == tab) {
        storage::remove(&Key::checkout_lock());
    }
}

fn origin() -> String {
    window().location().origin().unwrap_or_default()
}

/// The order is placed: forget the draft and the attempt, read the (now empty) cart again.
fn finish(ck: CheckoutState, phase: Phase) {
    storage::remove(&Key::checkout_attempt());
    storage::remove(&Key::checkout_draft());
    ck.phase.set(phase);
    ck.cart.retry_load();
}

/// The limit's state the last answer reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Limit {
    remaining: u64,
    reset_at: Option<u64>,
}

#[derive(Clone, Copy)]
struct Placing {
    ck: CheckoutState,
    tab: StoredValue<String>,
    limit: RwSignal<Option<Limit>>,
    announce: RwSignal<String>,
    missing: RwSignal<Option<&'static str>>,
    other_tab: RwSignal<bool>,
}

impl Placing {
    fn submit(self) {
        let ck = self.ck;
        if !ck
            .phase
            .with_untracked(|p| matches!(p, Phase::Editing | Phase::Lost | Phase::Unproven))
        {
            return;
        }
        // The wait is the draft's: a reload mid-wait does not end it.
        if ck
            .draft
            .with_untracked(|d| d.wait_left(now_unix()).is_some())
        {
            return;
        }
        // A restored draft's method is known only once the methods are in: until then a
        // press would call a chosen method missing.
        if ck.methods.with_untracked(Option::is_none) {
            return;
        }
        let return_url = format!("{}{}", origin(), Route::CheckoutReturn.href());
        let kind = ck.kind();
        let body = match ck
            .draft
            .with_untracked(|d| d.request(kind.as_ref(), &return_url))
        {
            Ok(b) => b,
            Err(m) => {
                self.missing.set(Some(m.text()));
                return;
            }
        };
        self.missing.set(None);
        let tab = self.tab.get_value();
        if !acquire(&tab) {
            self.other_tab.set(true);
            return;
        }
        let lines: Vec<(String, Option<String>, u32)> = ck.cart.lines().with_untracked(|l| {
            l.iter()
                .map(|l| {
                    (
                        l.key.product_id.clone(),
                        l.key.variant_id.clone(),
                        l.quantity,
                    )
                })
                .collect()
        });
        let hash = content_hash(&body, &lines);
        let expected = ck.preview.with_untracked(|p| {
            p.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|p| p.summary.total)
        });
        let stored = storage::read_record::<Attempt>(&Key::checkout_attempt(), ATTEMPT_VERSION);
        // A key that may have been sent before (a lost answer, a reload mid-request, a 429):
        // seed 003 does not say the backend honours `Idempotency-Key`, so before it goes
        // again the order is looked for once more. After a lost answer, also for new content.
        let (lost, only_check) = ck.phase.with_untracked(|p| {
            (
                matches!(p, Phase::Lost | Phase::Unproven),
                *p == Phase::Unproven,
            )
        });
        let prior = stored.clone().filter(|s| lost || s.hash == hash);
        let a = attempt_for(stored, &hash, now_unix(), expected, || {
            IdempotencyKey::new().as_str().to_string()
        });
        let mut body = body;
        body.notes = Some(notes_with_reference(body.notes.as_deref(), &a.reference()));
        // Stored at once, as before any look: another tab pressing now takes the same key.
        if prior.as_ref().is_none_or(|p| p.key == a.key) {
            let _ = storage::write_record(&Key::checkout_attempt(), ATTEMPT_VERSION, &a);
        }
        ck.problem.set(None);
        ck.phase.set(Phase::Sending);
        self.announce.set("Оформляем заказ…".into());
        let ep = ck.session.commerce();
        leptos::task::spawn_local(async move {
            if let Some(prior) = prior {
                ck.phase.set(Phase::Checking);
                self.announce.set("Проверяем, не создан ли заказ…".into());
                match check(&ep, &prior).await {
                    // «Проверить ещё раз» only checks; the retry is the next press.
                    Verdict::NotPlaced if !only_check => {}
                    v => {
                        self.conclude(v);
                        release(&tab);
                        return;
                    }
                }
                ck.phase.set(Phase::Sending);
                self.announce.set("Оформляем заказ…".into());
            }
            // Stored before the first byte leaves: a reload mid-request retries with this key.
            let _ = storage::write_record(&Key::checkout_attempt(), ATTEMPT_VERSION, &a);
            let key = IdempotencyKey::from_string(a.key.clone());
            let placed = api::place(&ep, &body, &key).await;
            if let Some(remaining) = placed.remaining {
                self.limit.try_set(Some(Limit {
                    remaining,
                    reset_at: placed.reset_at,
                }));
            }
            self.settle(placed.result, a).await;
            release(&tab);
        });
    }

    /// A look that proved something other than «not placed»: the order, or nothing.
    fn conclude(self, v: Verdict<crate::domain::orders::order::OrderDetail>) {
        match v {
            Verdict::Placed(o) => {
                self.announce
                    .set(format!("Заказ {} оформлен", o.order_number));
                finish(self.ck, Phase::Found(Box::new(o)));
            }
            Verdict::Unproven => {
                self.announce
                    .set("Не удалось проверить, создан ли заказ. Проверьте список заказов.".into());
                self.ck.phase.try_set(Phase::Unproven);
            }
            Verdict::NotPlaced => {
                self.announce
                    .set("Заказ не найден. Можно отправить его ещё раз.".into());
                self.ck.phase.try_set(Phase::Lost);
            }
        }
    }

    async fn settle(self, r: Result<PlacedOrder, ApiError>, a: Attempt) {
        let ck = self.ck;
        match r {
            Ok(dto) => {
                self.announce
                    .set(format!("Заказ {} оформлен", dto.order_number));
                let pay = dto.payment.payment_url.clone();
                finish(ck, Phase::Done(Box::new(dto)));
                if let Some(url) = pay {
                    let _ = window().location().assign(&url);
                }
            }
            Err(e) => match decide(api::failure(&e, now_unix())) {
                Next::Wait { until } => {
                    ck.draft.update(|d| d.retry_at = Some(until));
                    self.announce.set(wait_text(until));
                    ck.phase.set(Phase::Editing);
                }
                Next::Look => self.look(a, &e).await,
                Next::LookLater => {
                    crate::timer::sleep(1500).await;
                    self.look(a, &e).await;
                }
                Next::SignIn => {
                    ck.phase.set(Phase::Editing);
                    ck.session.refused(&e);
                }
                Next::Explain => {
                    storage::remove(&Key::checkout_attempt());
                    let x = explained(&e, ck.session.is_partner());
                    self.announce.set(x.text.clone());
                    show_problem(ck, x);
                    ck.phase.set(Phase::Editing);
                }
            },
        }
    }

    /// After a lost answer: is the order there? Shown if this attempt's reference proves
    /// it; a retry offered if every order that could be it was read and none is; else said
    /// plainly that nothing proves either.
    async fn look(self, a: Attempt, why: &ApiError) {
        let ck = self.ck;
        ck.phase.set(Phase::Checking);
        self.announce
            .set("Связь прервалась. Проверяем, создан ли заказ…".into());
        let ep = ck.session.commerce();
        match check(&ep, &a).await {
            // The cart really is empty: say so where the cart is.
            Verdict::NotPlaced if why.is(ErrorCode::CartEmpty) => {
                let x = explained(why, ck.session.is_partner());
                self.announce.set(x.text.clone());
                ck.problem.set(Some(x));
                ck.phase.try_set(Phase::Editing);
                // Empty on the server (placed from another tab, or emptied elsewhere): the
                // cart is read again, so the page says so as a whole, not beside the button.
                ck.cart.retry_load();
            }
            v => self.conclude(v),
        }
    }
}

fn wait_text(until: u64) -> String {
    format!(
        "Слишком много попыток оформить заказ. Данные сохранены; кнопка вернётся в {}.",
        clock_time(until)
    )
}

fn row(label: &'static str, value: String, testid: &'static str) -> impl IntoView {
    view! {
        <div class="summary-row" data-testid=testid>
            <dt>{label}</dt>
            <dd>{value}</dd>
        </div>
    }
}

#[component]
pub fn SummaryPanel(ck: CheckoutState) -> impl IntoView {
    let tab = IdempotencyKey::new().as_str().to_string();
    let p = Placing {
        ck,
        tab: StoredValue::new(tab.clone()),
        limit: RwSignal::new(None),
        announce: RwSignal::new(String::new()),
        missing: RwSignal::new(None),
        other_tab: RwSignal::new(held_by_other(&tab)),
    };
    {
        let tab = tab.clone();
        storage::on_change(Key::checkout_lock(), move |_| {
            let held = held_by_other(&tab);
            // The other tab is done: it may have placed the order, which empties the cart.
            if p.other_tab.get_untracked() && !held {
                ck.cart.retry_load();
            }
            p.other_tab.set(held);
        });
    }
    on_cleanup(move || release(&tab));
    let now = crate::timer::clock();
    let wait_left = move || ck.draft.with(|d| d.wait_left(now.get()));
    // Back from a reload mid-wait: the countdown goes on, and is said once again.
    if let Some(until) = ck
        .draft
        .with_untracked(|d| d.wait_left(now_unix()).and(d.retry_at))
    {
        p.announce.set(wait_text(until));
    }
    // The countdown's end is said once, for screen readers too.
    Effect::new(move |was: Option<bool>| {
        let waiting = wait_left().is_some();
        if was == Some(true) && !waiting {
            p.announce.set("Можно оформить заказ снова.".into());
        }
        waiting
    });
    let sending = move || {
        ck.phase
            .with(|ph| matches!(ph, Phase::Sending | Phase::Checking))
    };
    let loading = move || ck.methods.with(Option::is_none);
    let blocked = move || sending() || wait_left().is_some() || p.other_tab.get() || loading();
    let exhausted = move || {
        p.limit
            .get()
            .filter(|l| l.remaining == 0 && l.reset_at.is_none_or(|r| r > now.get()))
    };
    let preview = move || {
        ck.preview
            .with(|p| p.as_ref().and_then(|r| r.as_ref().ok()).cloned())
    };
    let subtotal = move || {
        preview()
            .map(|p| p.summary.subtotal)
            .unwrap_or_else(|| ck.subtotal())
    };

    view! {
        <aside class="checkout-summary" aria-labelledby="summary-title" data-testid="summary">
            <h2 class="checkout-step__title" id="summary-title">"Ваш заказ"</h2>
            {move || ck.problem_at(Where::Cart).map(|t| view! {
                <p class="form-error" role="alert" data-testid="cart-problem">
                    {t} " " <a href=Route::Cart.href()>"Открыть корзину"</a>
                </p>
            })}
            <dl class="summary" aria-busy=move || ck.previewing.get().to_string()>
                {move || row("Товары", rub_text(subtotal()), "sum-subtotal")}
                {move || preview().filter(|p| !p.summary.discount.is_zero()).map(|p| row("Скидка", format!("−{}", rub_text(p.summary.discount)), "sum-discount"))}
                {move || row("Доставка", match preview() {
                    Some(p) if ck.draft.with(|d| d.method_id.is_some()) => if p.summary.shipping.is_zero() { "бесплатно".into() } else { rub_text(p.summary.shipping) },
                    _ => "выберите способ".into(),
                }, "sum-shipping")}
                {move || preview().map(|p| row("НДС 20 %", rub_text(p.summary.tax), "sum-tax"))}
                {move || preview().and_then(|p| p.partner_balance).filter(|b| !b.applied.is_zero()).map(|b| row("Бонусами", format!("−{}", rub_text(b.applied)), "sum-balance"))}
                <div class="summary-row summary-row--total" data-testid="sum-total">
                    <dt>"Итого"</dt>
                    <dd>{move || rub_text(preview().map(|p| p.to_pay.unwrap_or(p.summary.total)).unwrap_or_else(subtotal))}</dd>
                </div>
            </dl>
            {move || ck.previewing.get().then(|| view! { <p class="checkout-wait">"Пересчитываем…"</p> })}
            {move || exhausted().map(|l| view! {
                <p class="checkout-note checkout-note--warn" data-testid="limit-warning">
                    {format!("Оформить заказ можно 2 раза в минуту, и попытки этой минуты закончились{}. Новая попытка раньше будет отклонена.",
                        l.reset_at.map(|r| format!(" — лимит обновится в {}", clock_time(r))).unwrap_or_default())}
                </p>
            })}
            {move || wait_left().map(|w| view! {
                <p class="checkout-note checkout-note--warn" data-testid="rate-wait">
                    <span aria-hidden="true">{format!("Слишком много попыток. Повторить можно через {w} с")}</span>
                    <span class="visually-hidden">"Слишком много попыток, кнопка скоро вернётся"</span>
                </p>
            })}
            {move || p.other_tab.get().then(|| view! {
                <p class="checkout-note checkout-note--warn" data-testid="other-tab">"Этот заказ уже оформляется в другой вкладке."</p>
            })}
            {move || (ck.phase.get() == Phase::Lost).then(|| view! {
                <p class="checkout-note checkout-note--warn" data-testid="lost">
                    "Ответ магазина не дошёл, и заказа этой попытки в списке нет. Можно отправить его ещё раз — перед отправкой мы проверим список снова."
                </p>
            })}
            {move || (ck.phase.get() == Phase::Unproven).then(|| view! {
                <p class="checkout-note checkout-note--warn" data-testid="unproven">
                    "Ответ магазина не дошёл, и проверить, создан ли заказ, не удалось. Посмотрите "
                    <a href=Route::Orders(Default::default()).href()>"список заказов"</a>
                    ": если заказ там есть, оформлять его снова не нужно."
                </p>
            })}
            {move || p.missing.get().map(|m| view! { <p class="form-error" role="alert" data-testid="missing">{m}</p> })}
            {move || ck.problem_at(crate::domain::checkout::explain::Where::Form).map(|t| view! {
                <p class="form-error" role="alert" data-testid="form-problem">{t}</p>
            })}
            <button type="button" class="btn btn--large checkout-summary__go" data-testid="place-order"
                prop:disabled=blocked
                aria-disabled=move || blocked().to_string()
                on:click=move |_| p.submit()>
                {move || match ck.phase.get() {
                    Phase::Sending => "Оформляем…",
                    Phase::Checking => "Проверяем…",
                    Phase::Lost => "Повторить отправку",
                    Phase::Unproven => "Проверить ещё раз",
                    _ if exhausted().is_some() => "Всё равно оформить",
                    _ => "Оформить заказ",
                }}
            </button>
            <p class="visually-hidden" role="status" aria-live="polite" data-testid="announce">{move || p.announce.get()}</p>
            <p class="checkout-summary__fine">"Нажимая кнопку, вы соглашаетесь с условиями продажи. Данные карты вводятся только на странице банка."</p>
        </aside>
    }
}
