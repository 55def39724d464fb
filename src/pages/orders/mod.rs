//! `/account/orders`: the history with its filters in the URL (status, date range, page);
//! `/account/orders/:id` lives in `order.rs`.

mod actions;
mod order;
mod story;
pub use order::{OrderLoad, OrderPage};

use crate::api::commerce::orders;
pub(crate) use crate::components::readable::{chip, local_time, local_time_iso};
use crate::components::{error_panel::ErrorPanel, pagination::Pagination};
use crate::domain::catalog::products_count_label;
use crate::domain::codes::OrderStatus;
use crate::domain::money::rub_text;
use crate::domain::orders::history::OrdersFilter;
use crate::domain::orders::order::OrderSummary;
use crate::routes::{use_orders_filter, Route};
use crate::state::resource::resource;
use crate::state::use_session;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

fn row(o: OrderSummary) -> impl IntoView {
    let href = Route::Order(o.id.clone()).href();
    view! {
        <li class="order-row" data-testid="order-row">
            <a class="order-row__number" href=href>{format!("Заказ {}", o.order_number)}</a>
            <span class="order-row__date">{local_time_iso(&o.created_at, false)}</span>
            <span class="order-row__count">{products_count_label(u64::from(o.item_count))}</span>
            <span class="order-row__total">{rub_text(o.total)}</span>
            <span class="order-row__chips">
                {chip(o.status.word().to_string(), o.status.tone(), "order-status")}
                {chip(o.payment_status.word().to_string(), o.payment_status.tone(), "order-payment")}
            </span>
        </li>
    }
}

#[component]
pub fn OrdersPage() -> impl IntoView {
    let session = use_session();
    let filter = use_orders_filter();
    let navigate = use_navigate();
    let list = resource(move || {
        let f = filter.get();
        let ep = session.commerce();
        Box::pin(async move { orders::list(&ep, &f).await })
    });
    // Every change is a new URL: Back returns to the filter before it.
    let go = Callback::new(move |f: OrdersFilter| {
        navigate(&Route::Orders(f).path(), Default::default())
    });
    let set = move |change: fn(&mut OrdersFilter, String), v: String| {
        let mut f = filter.get_untracked().on_page(1);
        change(&mut f, v);
        go.run(f);
    };
    let date_input = move |label: &'static str,
                           id: &'static str,
                           get: fn(&OrdersFilter) -> Option<String>,
                           change: fn(&mut OrdersFilter, String)| {
        view! {
            <div class="field">
                <label class="field__label" for=id>{label}</label>
                <input class="field__input" type="date" id=id
                    prop:value=move || filter.with(|f| get(f).unwrap_or_default())
                    on:change=move |ev| set(change, event_target_value(&ev))/>
            </div>
        }
    };
    let set_status = set;
    view! {
        <Title text="Мои заказы"/>
        <h1 class="page-title">"Мои заказы"</h1>
        <form class="orders-filter" data-testid="orders-filter" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label class="field__label" for="orders-status">"Статус"</label>
                <select class="field__input" id="orders-status"
                    on:change=move |ev| set_status(|f, v| f.status = (!v.is_empty()).then_some(v), event_target_value(&ev))>
                    <option value="" selected=move || filter.with(|f| f.status.is_none())>"Все"</option>
                    {OrderStatus::KNOWN.iter().map(|s| view! {
                        <option value=s.as_str() selected=move || filter.with(|f| f.status.as_deref() == Some(s.as_str()))>{s.word()}</option>
                    }).collect_view()}
                </select>
            </div>
            {date_input("С даты", "orders-from", |f| f.from.clone(), |f, v| f.from = (!v.is_empty()).then_some(v))}
            {date_input("По дату", "orders-to", |f| f.to.clone(), |f, v| f.to = (!v.is_empty()).then_some(v))}
        </form>
        <Transition fallback=|| view! { <p class="checkout-wait">"Загружаем заказы…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok((items, _)) if items.is_empty() => {
                        let narrowed = filter.with_untracked(OrdersFilter::narrowed);
                        view! {
                            <section class="empty-state" data-testid="orders-empty">
                                {if narrowed {
                                    view! {
                                        <p>"Нет заказов с такими условиями."</p>
                                        <a class="btn btn--ghost" href=Route::orders().href()>"Показать все заказы"</a>
                                    }.into_any()
                                } else {
                                    view! {
                                        <p>"Вы ещё ничего не заказывали."</p>
                                        <a class="btn" href=Route::catalog().href()>"Перейти в каталог"</a>
                                    }.into_any()
                                }}
                            </section>
                        }.into_any()
                    }
                    Ok((items, pages)) => {
                        let f = filter.get_untracked();
                        let total_pages = pages.as_ref().map_or(1, |p| p.total_pages);
                        let total = pages.as_ref().map_or(items.len() as u64, |p| p.total);
                        view! {
                            <p class="orders-count" data-testid="orders-count">{format!("Найдено заказов: {total}")}</p>
                            <ul class="orders-list">{items.into_iter().map(row).collect_view()}</ul>
                            <Pagination current=f.page total_pages=total_pages link=move |n| Route::Orders(f.on_page(n)).href()/>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorPanel error=e on_retry=Callback::new(move |_| list.refetch())/> }.into_any(),
                }
            })}
        </Transition>
    }
}
