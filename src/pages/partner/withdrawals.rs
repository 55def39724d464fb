//! `/partner/withdrawals`: the withdrawal requests by status and date range (in the URL),
//! and a new one — to a person (passport) or an organization, with INN, BIK and a settlement
//! account checked against each other, the amount no more than the balance, one request per
//! press. The passport and bank details live in the form's signals only: never in storage,
//! the URL, a draft or the console, and gone when the page is left.

use super::form::{date_filter, two_ways, Form, Kind, DIGITS, TEXT};
use super::payout::{self, Outcome};
use super::Profile;
use crate::api::partner::cabinet::{self, Recipient, Withdrawal};
use crate::api::ApiError;
use crate::components::error_panel::ErrorPanel;
use crate::components::pagination::Pagination;
use crate::components::readable::{chip, local_time_iso};
use crate::domain::codes::{ErrorCode, WithdrawalStatus};
use crate::domain::money::rub_text;
use crate::domain::partner::cabinet::WithdrawalEntry;
use crate::domain::partner::payout::Intent;
use crate::domain::partner::requisites::{
    account_problem, bik_problem, department_problem, inn_problem, kpp_problem, only_digits,
    passport_problem, InnOf,
};
use crate::domain::partner::{parse_amount, WithdrawalsFilter, WITHDRAWALS_PAGE};
use crate::routes::{use_query_view, Route};
use crate::state::resource::resource;
use crate::state::use_session;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub(super) fn Withdrawals() -> impl IntoView {
    let profile = expect_context::<Profile>();
    let session = use_session();
    let filter = use_query_view(|pairs| {
        WithdrawalsFilter::from_pairs_among(pairs, WithdrawalStatus::is_known)
    });
    let navigate = use_navigate();
    let list = resource(move || {
        let f = filter.get();
        let ep = session.partner();
        let id = profile.id.get_value();
        Box::pin(async move {
            let page = (WITHDRAWALS_PAGE, (f.page - 1) * WITHDRAWALS_PAGE);
            cabinet::withdrawals(&ep, &id, f.status.as_deref(), (&f.from, &f.to), page).await
        })
    });
    let set = move |change: &dyn Fn(&mut WithdrawalsFilter)| {
        let mut f = filter.get_untracked().on_page(1);
        change(&mut f);
        navigate(&Route::PartnerWithdrawals(f).path(), Default::default());
    };
    let set = StoredValue::new_local(set);
    let date = move |label: &'static str, id: &'static str, to: bool| {
        date_filter(
            label,
            id,
            move || filter.with(|f| if to { f.to.clone() } else { f.from.clone() }),
            move |v| {
                set.with_value(|s| {
                    s(&|f| {
                        if to {
                            f.to = v.clone()
                        } else {
                            f.from = v.clone()
                        }
                    })
                })
            },
        )
    };
    view! {
        <NewWithdrawal list=list/>
        <section class="checkout-step" aria-labelledby="pw-list">
            <h2 class="checkout-step__title" id="pw-list">"Заявки"</h2>
            <form class="orders-filter" on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label class="field__label" for="pw-status">"Статус"</label>
                    <select class="field__input" id="pw-status" on:change=move |ev| {
                        let v = Some(event_target_value(&ev)).filter(|v| !v.is_empty());
                        set.with_value(|s| s(&|f| f.status = v.clone()));
                    }>
                        <option value="" selected=move || filter.with(|f| f.status.is_none())>"Все"</option>
                        {WithdrawalStatus::KNOWN.iter().map(|s| view! {
                            <option value=s.as_str() selected=move || filter.with(|f| f.status.as_deref() == Some(s.as_str()))>{s.word()}</option>
                        }).collect_view()}
                    </select>
                </div>
                {date("С даты", "pw-from", false)}
                {date("По дату", "pw-to", true)}
            </form>
            <Transition fallback=|| view! { <p class="checkout-wait">"Загружаем заявки…"</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(e) => view! { <ErrorPanel error=e on_retry=Callback::new(move |_| list.refetch())/> }.into_any(),
                        Ok(l) if l.data.is_empty() => view! { <p class="empty-state" data-testid="withdrawals-empty">"Заявок с такими условиями нет."</p> }.into_any(),
                        Ok(l) => {
                            let f = filter.get_untracked();
                            let total = l.total.unwrap_or(l.data.len() as u64);
                            let pages = total.div_ceil(u64::from(WITHDRAWALS_PAGE)).max(1) as u32;
                            view! {
                                <ul class="orders-list">
                                    {l.data.into_iter().map(|w| view! {
                                        <li class="order-row" data-testid="withdrawal">
                                            <span class="order-row__number">{format!("Заявка {}", w.id)}</span>
                                            <span class="order-row__date">{local_time_iso(&w.datetime, true)}</span>
                                            <span class="order-row__total">{rub_text(w.amount)}</span>
                                            <span class="order-row__chips">{chip(w.status.word().to_string(), w.status.tone(), "withdrawal-status")}</span>
                                        </li>
                                    }).collect_view()}
                                </ul>
                                <Pagination current=f.page total_pages=pages link=move |n| Route::PartnerWithdrawals(f.on_page(n)).href()/>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

const DATE: Kind = Kind("date", "text", "off", 10);

#[component]
fn NewWithdrawal(
    list: LocalResource<Result<crate::api::partner::List<WithdrawalEntry>, ApiError>>,
) -> impl IntoView {
    let profile = expect_context::<Profile>();
    let session = use_session();
    let form = Form::new();
    let company = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);
    // The amount of a withdrawal whose answer was lost, while the list is read for it.
    let checking = RwSignal::new(None::<rust_decimal::Decimal>);
    let alive = crate::timer::alive();
    let alive_send = alive.clone();
    let ended = move |outcome: Outcome| {
        let amount = checking.try_get_untracked().flatten();
        if matches!(outcome, Outcome::Left) {
            return;
        }
        form.sending.try_set(false);
        checking.try_set(None);
        match outcome {
            Outcome::Made => {
                let amount = amount.or_else(|| parse_amount(&form.get("amount")));
                form.clear();
                done.try_set(Some(format!("Заявка на вывод {} принята — она появится в списке ниже со статусом «Создана».", amount.map(rub_text).unwrap_or_default())));
                list.refetch();
                profile.data.refetch();
            }
            Outcome::NotMade => {
                let amount = amount.map(rub_text).unwrap_or_default();
                form.general.try_set(Some(format!("Ответ на заявку на {amount} не пришёл, и в списке её нет — заявка не создана. Отправьте её ещё раз.")));
            }
            Outcome::Refused(e) => {
                let text = e
                    .is(ErrorCode::InsufficientFunds)
                    .then_some("На бонусном балансе меньше, чем вы хотите вывести.");
                form.refused(session, &e, text);
            }
            Outcome::Left => {}
        }
    };
    let send = move || {
        if form.sending.get_untracked() {
            return;
        }
        done.set(None);
        let org = company.get_untracked();
        let g = |k: &str| form.get(k).trim().to_string();
        let balance = profile.balance().unwrap_or_default();
        let amount = parse_amount(&g("amount"));
        let bik = only_digits(&g("bik"), 9);
        let mut checks = vec![(
            "amount",
            match amount {
                None => Some("Сумма — число больше нуля, например 1500 или 1500,50."),
                Some(a) if a > balance => Some("Это больше бонусного баланса."),
                Some(_) => None,
            },
        )];
        if org {
            checks.push((
                "org-title",
                g("org-title")
                    .is_empty()
                    .then_some("Укажите название организации."),
            ));
            checks.push(("w-kpp", kpp_problem(&g("w-kpp"))));
            checks.push((
                "org-address",
                g("org-address")
                    .is_empty()
                    .then_some("Укажите адрес организации."),
            ));
        } else {
            checks.push((
                "full-name",
                (g("full-name").split_whitespace().count() < 2)
                    .then_some("Фамилия, имя и отчество — как в паспорте."),
            ));
            checks.push((
                "birthday",
                g("birthday").is_empty().then_some("Укажите дату рождения."),
            ));
            checks.push(("passport", passport_problem(&g("passport"))));
            checks.push(("department", department_problem(&g("department"))));
        }
        checks.push((
            "inn",
            inn_problem(&g("inn"), if org { InnOf::Any } else { InnOf::Person }),
        ));
        checks.push(("bik", bik_problem(&g("bik"))));
        checks.push(("account", account_problem(&g("account"), &bik)));
        if !form.check(checks) {
            return;
        }
        let Some(amount) = amount else { return };
        let recipient = if org {
            Recipient::Organization {
                name: g("org-title"),
                kpp: g("w-kpp"),
                address: g("org-address"),
            }
        } else {
            Recipient::Person {
                full_name: g("full-name"),
                birthday: g("birthday"),
                passport: only_digits(&g("passport"), 10),
                department: g("department"),
            }
        };
        let w = Withdrawal {
            inn: g("inn"),
            bik,
            account: only_digits(&g("account"), 20),
            recipient,
            amount,
        };
        form.sending.set(true);
        form.general.set(None);
        let alive = alive_send.clone();
        leptos::task::spawn_local(async move {
            let ep = session.partner();
            let id = profile.id.get_value();
            let tell = move |i: &Intent| {
                checking.try_set(Some(i.amount));
            };
            let outcome = payout::make(&ep, &id, &w, tell, &alive).await;
            drop(w);
            ended(outcome);
        });
    };
    // An intent left by a reload (or another tab) is looked for before anything is sent.
    if let Some(i) = payout::stored(&profile.id.get_value()) {
        form.sending.set(true);
        checking.set(Some(i.amount));
        let alive = alive.clone();
        leptos::task::spawn_local(async move {
            let ep = session.partner();
            ended(payout::resolve(&ep, &i, true, &alive).await);
        });
    }
    view! {
        {move || done.get().map(|d| view! { <p class="checkout-note" role="status" data-testid="withdrawal-done">{d}</p> })}
        {move || checking.get().map(|a| view! {
            <p class="checkout-note checkout-note--warn" role="status" data-testid="withdrawal-checking">
                {format!("Ответ на заявку на {} не пришёл — проверяем по списку заявок, создана ли она. Новую не отправим, пока не узнаем.", rub_text(a))}
            </p>
        })}
        <section class="checkout-step" aria-labelledby="pw-new" data-testid="withdrawal-form">
            <h2 class="checkout-step__title" id="pw-new">"Вывести бонусы"</h2>
            <p>"Доступно: " <strong data-testid="available">{move || rub_text(profile.balance().unwrap_or_default())}</strong></p>
            <form class="address-form" novalidate autocomplete="off" on:submit=move |ev| { ev.prevent_default(); send(); }>
                {two_ways("Получатель", "w-who", company, ("Физическое лицо", "Организация"))}
                <div class="partner-form">
                    {form.field("amount", "Сумма, ₽", Kind("text", "decimal", "off", 12))}
                    {move || if company.get() {
                        view! {
                            {form.field("org-title", "Название организации", TEXT)}
                            {form.field("w-kpp", "КПП", DIGITS)}
                            {form.field("org-address", "Адрес организации", TEXT)}
                        }.into_any()
                    } else {
                        view! {
                            {form.field("full-name", "ФИО", TEXT)}
                            {form.field("birthday", "Дата рождения", DATE)}
                            {form.field("passport", "Серия и номер паспорта", DIGITS)}
                            {form.field("department", "Код подразделения", DIGITS)}
                        }.into_any()
                    }}
                    {form.field("inn", "ИНН получателя", DIGITS)}
                    {form.field("bik", "БИК банка", DIGITS)}
                    {form.field("account", "Расчётный счёт", DIGITS)}
                </div>
                {form.submit("Отправить заявку", "Отправляем…", "withdraw-send")}
            </form>
        </section>
    }
}
