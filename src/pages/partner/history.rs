//! `/partner/history`: the bonus balance's operations — past or upcoming, additions or
//! subtractions, a date range, oldest or newest first, 20 a page, all in the URL — and for
//! past ones the balance over the period as a chart (inline SVG with a text alternative)
//! with the period's totals in and out.

use super::form::date_filter;
use super::{signed, Profile};
use crate::api::partner::cabinet;
use crate::api::partner::List;
use crate::api::ApiError;
use crate::components::error_panel::ErrorPanel;
use crate::components::pagination::Pagination;
use crate::components::readable::{local_time, local_time_iso};
use crate::domain::codes::OperationType;
use crate::domain::dates::parse_iso;
use crate::domain::money::rub_text;
use crate::domain::partner::cabinet::Operation;
use crate::domain::partner::history::{
    balance_line, chart_points, totals, HistoryFilter, Op, PAGE_SIZE,
};
use crate::routes::{use_query_view, Route};
use crate::state::resource::resource;
use crate::state::use_session;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use rust_decimal::Decimal;

const W: u32 = 640;
const H: u32 = 160;

fn op(o: &Operation) -> Op {
    Op {
        at: parse_iso(&o.datetime),
        addition: o.operation_type == OperationType::Addition,
        value: o.value,
    }
}

/// Every past operation since `from`, oldest first (100 a request, 10 at most).
async fn since(
    ep: &crate::api::Endpoint,
    id: &str,
    from: Option<String>,
) -> Result<Vec<Operation>, ApiError> {
    let all = HistoryFilter {
        from,
        ascending: true,
        ..HistoryFilter::default()
    };
    let mut out = Vec::new();
    for page in 0..10 {
        let l: List<Operation> = cabinet::history(ep, id, &all, Some((100, page * 100))).await?;
        let done = l.data.len() < 100 || out.len() + l.data.len() >= l.total.unwrap_or(0) as usize;
        out.extend(l.data);
        if done {
            break;
        }
    }
    Ok(out)
}

#[component]
pub(super) fn History() -> impl IntoView {
    let profile = expect_context::<Profile>();
    let session = use_session();
    let filter = use_query_view(|p| HistoryFilter::from_pairs(p));
    let navigate = use_navigate();
    let page = resource(move || {
        let f = filter.get();
        let ep = session.partner();
        let id = profile.id.get_value();
        Box::pin(async move { cabinet::history(&ep, &id, &f, None).await })
    });
    // The chart needs every operation since the period began: asked again only when the
    // period's start or the tab changes, not for a page, a kind or an order of the list.
    let span = Memo::new(move |_| filter.with(|f| (f.upcoming, f.from.clone())));
    let to = Memo::new(move |_| filter.with(|f| f.to.clone()));
    let chart = resource(move || {
        let (upcoming, from) = span.get();
        let ep = session.partner();
        let id = profile.id.get_value();
        Box::pin(async move {
            if upcoming {
                return Ok(Vec::new());
            }
            since(&ep, &id, from).await
        })
    });
    let go = Callback::new(move |f: HistoryFilter| {
        navigate(&Route::PartnerHistory(f).path(), Default::default())
    });
    let set = move |change: &dyn Fn(&mut HistoryFilter)| {
        let mut f = filter.get_untracked().on_page(1);
        change(&mut f);
        go.run(f);
    };
    let date = move |label: &'static str, id: &'static str, to: bool| {
        date_filter(
            label,
            id,
            move || filter.with(|f| if to { f.to.clone() } else { f.from.clone() }),
            move |v| {
                set(&|f| {
                    if to {
                        f.to = v.clone()
                    } else {
                        f.from = v.clone()
                    }
                })
            },
        )
    };
    let when_tab = move |upcoming: bool, label: &'static str| {
        let f = HistoryFilter {
            upcoming,
            ..HistoryFilter::default()
        };
        view! {
            <a class="tabs__tab" href=Route::PartnerHistory(f).href()
                aria-current=move || (filter.with(|f| f.upcoming) == upcoming).then_some("page")>{label}</a>
        }
    };
    view! {
        <nav class="tabs tabs--small" aria-label="Какие операции">
            {when_tab(false, "Прошедшие")}
            {when_tab(true, "Предстоящие")}
        </nav>
        <form class="orders-filter" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label class="field__label" for="ph-kind">"Операции"</label>
                <select class="field__input" id="ph-kind" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(&|f| f.additions = match v.as_str() { "in" => Some(true), "out" => Some(false), _ => None });
                }>
                    <option value="" selected=move || filter.with(|f| f.additions.is_none())>"Все"</option>
                    <option value="in" selected=move || filter.with(|f| f.additions == Some(true))>"Начисления"</option>
                    <option value="out" selected=move || filter.with(|f| f.additions == Some(false))>"Списания"</option>
                </select>
            </div>
            {date("С даты", "ph-from", false)}
            {date("По дату", "ph-to", true)}
            <div class="field">
                <label class="field__label" for="ph-dir">"Порядок"</label>
                <select class="field__input" id="ph-dir" on:change=move |ev| {
                    let asc = event_target_value(&ev) == "asc";
                    set(&|f| f.ascending = asc);
                }>
                    <option value="desc" selected=move || filter.with(|f| !f.ascending)>"Сначала новые"</option>
                    <option value="asc" selected=move || filter.with(|f| f.ascending)>"Сначала старые"</option>
                </select>
            </div>
        </form>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let to = to.get();
                match chart.await {
                    Ok(ops) if !ops.is_empty() => Some(chart_view(to.as_deref(), profile.balance().unwrap_or_default(), &ops).into_any()),
                    Ok(_) => None,
                    // The list below says what went wrong; the chart just stays away.
                    Err(_) => None,
                }
            })}
        </Transition>
        <Transition fallback=|| view! { <p class="checkout-wait">"Загружаем операции…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(e) => view! { <ErrorPanel error=e on_retry=Callback::new(move |_| page.refetch())/> }.into_any(),
                    Ok(l) if l.data.is_empty() => view! {
                        <p class="empty-state" data-testid="history-empty">"Операций с такими условиями нет."</p>
                    }.into_any(),
                    Ok(l) => {
                        let f = filter.get_untracked();
                        let total = l.total.unwrap_or(l.data.len() as u64);
                        let pages = total.div_ceil(u64::from(PAGE_SIZE)).max(1) as u32;
                        view! {
                            <p class="orders-count" data-testid="history-count">{format!("Операций: {total}")}</p>
                            <ul class="orders-list">
                                {l.data.into_iter().map(|o| {
                                    let add = o.operation_type == OperationType::Addition;
                                    view! {
                                        <li class="order-row" data-testid="operation">
                                            <span class="order-row__number">{o.description.clone()}</span>
                                            <span class="order-row__date">{local_time_iso(&o.datetime, true)}</span>
                                            <span class="order-row__total" class:money-in=add class:money-out=!add data-testid="operation-value">{signed(add, o.value)}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <Pagination current=f.page total_pages=pages link=move |n| Route::PartnerHistory(f.on_page(n)).href()/>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// The balance over the period: one point per operation (the line starts with the balance
/// before the first), the lowest and highest balance marked, and the same said in words.
fn chart_view(to: Option<&str>, balance: Decimal, ops: &[Operation]) -> impl IntoView {
    let all: Vec<Op> = ops.iter().map(op).collect();
    let line = balance_line(balance, &all);
    // Operations after the period's end move the balance too, but are not drawn.
    let end = to.and_then(parse_iso).map_or(i64::MAX, |t| t + 86_399);
    let shown: Vec<(i64, Decimal)> = line.iter().copied().filter(|(t, _)| *t <= end).collect();
    let in_period: Vec<Op> = all
        .into_iter()
        .filter(|o| o.at.is_some_and(|t| t <= end))
        .collect();
    let (got, spent) = totals(&in_period);
    let points = chart_points(&shown, W, H);
    let poly = points
        .iter()
        .map(|(x, y)| format!("{x},{y}"))
        .collect::<Vec<_>>()
        .join(" ");
    let first = shown.first().copied().unwrap_or((0, balance));
    let last = shown.last().copied().unwrap_or((0, balance));
    let lo = shown.iter().map(|p| p.1).min().unwrap_or_default();
    let hi = shown.iter().map(|p| p.1).max().unwrap_or_default();
    let words = format!(
        "Баланс с {} по {}: было {}, стало {}; самый низкий {}, самый высокий {}.",
        local_time(first.0, false),
        local_time(last.0, false),
        rub_text(first.1),
        rub_text(last.1),
        rub_text(lo),
        rub_text(hi)
    );
    view! {
        <section class="checkout-step" aria-labelledby="ph-chart" data-testid="balance-chart">
            <h2 class="checkout-step__title" id="ph-chart">"Баланс за период"</h2>
            <svg class="chart" viewBox=format!("-6 -6 {} {}", W + 12, H + 12) role="img" aria-labelledby="ph-chart-words">
                <polyline class="chart__line" points=poly fill="none"/>
                {points.iter().zip(&shown).skip(1).map(|((x, y), (_, v))| view! {
                    <circle class="chart__point" cx=x.to_string() cy=y.to_string() r="3" data-testid="chart-point" data-value=v.to_string()/>
                }).collect_view()}
            </svg>
            <p id="ph-chart-words" data-testid="chart-words">{words}</p>
            <dl class="summary" data-testid="period-totals">
                <div class="summary-row"><dt>"Начислено за период"</dt><dd class="money-in">{signed(true, got)}</dd></div>
                <div class="summary-row"><dt>"Списано за период"</dt><dd class="money-out">{signed(false, spent)}</dd></div>
            </dl>
        </section>
    }
}
