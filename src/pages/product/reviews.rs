//! Reviews: summary, histogram bars that filter, sort, pages, and the form to write one.

use super::review_form::ReviewForm;
use crate::api::commerce::catalog;
use crate::components::{
    error_panel::ErrorPanel, pagination::Pagination, product_card::Stars, readable::local_time_iso,
};
use crate::domain::codes::ReviewStatus;
use crate::domain::review::{histogram, ReviewSort};
use crate::domain::text::plural;
use crate::routes::{ProductQuery, Route};
use crate::state::resource::resource;
use crate::state::use_session;
use leptos::prelude::*;

/// Reviews: summary, histogram bars that filter, sort, pages.
#[component]
pub fn Reviews(
    id: Memo<String>,
    query: Memo<ProductQuery>,
    go: Callback<ProductQuery>,
) -> impl IntoView {
    let session = use_session();
    let reviews = resource(move || {
        let id = id.get();
        let q = query.with(|q| q.reviews.clone());
        let ep = session.commerce();
        Box::pin(async move { catalog::reviews(&ep, &id, &q).await })
    });
    let set_rating = move |r: Option<u8>| {
        let mut q = query.get_untracked();
        q.reviews.rating = r;
        q.reviews.page = 1;
        go.run(q);
    };
    let on_sort = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let mut q = query.get_untracked();
        if let Some(s) = ReviewSort::parse(&v) {
            q.reviews.sort = s;
        }
        q.reviews.page = 1;
        go.run(q);
    };
    view! {
        <section class="product-section reviews" id="reviews" aria-labelledby="reviews-title">
            <h2 class="section-title" id="reviews-title">"Отзывы"</h2>
            <ReviewForm id=id on_created=Callback::new(move |_| reviews.refetch())/>
            <Transition fallback=|| view! { <div class="reviews__loading skeleton"></div> }>
                {move || Suspend::new(async move {
                    let rq = query.with_untracked(|q| q.clone());
                    match reviews.await {
                        Ok((page, summary)) => {
                            let bars = histogram(&summary.distribution);
                            let count = summary.rating.count;
                            let link_q = rq.clone();
                            let id_now = id.get_untracked();
                            view! {
                                <div class="reviews__summary">
                                    <div class="reviews__score">
                                        <span class="reviews__average" data-testid="rating-average">{summary.rating.average.round_dp(1).to_string().replace('.', ",")}</span>
                                        <Stars rating=summary.rating.clone()/>
                                        <span class="reviews__count">{format!("{count} {}", plural(count, "отзыв", "отзыва", "отзывов"))}</span>
                                    </div>
                                    <ul class="histogram" aria-label="Оценки покупателей">
                                        {(1..=5u8).rev().map(|star| {
                                            let n = summary.distribution[star as usize - 1];
                                            let w = bars[star as usize - 1];
                                            let active = rq.reviews.rating == Some(star);
                                            view! {
                                                <li>
                                                    <button
                                                        type="button"
                                                        class="histogram__bar"
                                                        class:histogram__bar--active=active
                                                        aria-pressed=active.to_string()
                                                        aria-label=format!("Оценка {star} — {n} {}, показать только их", plural(n, "отзыв", "отзыва", "отзывов"))
                                                        on:click=move |_| set_rating(if active { None } else { Some(star) })
                                                        data-testid=format!("histogram-{star}")
                                                    >
                                                        <span class="histogram__label">{format!("{star} ★")}</span>
                                                        <span class="histogram__track"><span class="histogram__fill" style:width=format!("{w}%")></span></span>
                                                        <span class="histogram__n">{n}</span>
                                                    </button>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                </div>
                                <div class="reviews__bar">
                                    {rq.reviews.rating.map(|r| view! {
                                        <button type="button" class="chip" on:click=move |_| set_rating(None) data-testid="rating-filter">
                                            {format!("Только {r} ★")}<span class="chip__x" aria-hidden="true">"×"</span>
                                        </button>
                                    })}
                                    <label class="sort">
                                        <span class="sort__label">"Порядок"</span>
                                        <select class="sort__select" on:change=on_sort data-testid="review-sort">
                                            {ReviewSort::ALL.into_iter().map(|s| view! {
                                                <option value=s.api() selected=rq.reviews.sort == s>{s.label()}</option>
                                            }).collect_view()}
                                        </select>
                                    </label>
                                </div>
                                {page.items.is_empty().then(|| view! { <p class="reviews__empty" data-testid="reviews-empty">"Отзывов с такой оценкой пока нет."</p> })}
                                <ul class="review-list" data-testid="review-list">
                                    {page.items.into_iter().map(|r| view! {
                                        <li class="review" data-testid="review">
                                            <header class="review__head">
                                                <strong class="review__author">{r.author}</strong>
                                                {r.verified.then(|| view! { <span class="badge-verified">"Покупка подтверждена"</span> })}
                                                {(r.status == Some(ReviewStatus::Pending)).then(|| view! { <span class="badge-pending" data-testid="review-pending">"На модерации"</span> })}
                                                <span class="review__date">{local_time_iso(&r.created_at, false)}</span>
                                            </header>
                                            <div class="review__stars" aria-label=format!("Оценка {} из 5", r.rating) data-testid="review-rating" data-rating=r.rating.to_string()>
                                                {"★".repeat(r.rating as usize)}<span class="review__stars-off">{"★".repeat(5 - r.rating as usize)}</span>
                                            </div>
                                            {r.title.map(|t| view! { <h3 class="review__title">{t}</h3> })}
                                            <p class="review__text">{r.content}</p>
                                            {(!r.pros.is_empty()).then(|| view! {
                                                <div class="review__list review__list--pros"><strong>"Достоинства: "</strong>{r.pros.join(", ")}</div>
                                            })}
                                            {(!r.cons.is_empty()).then(|| view! {
                                                <div class="review__list review__list--cons"><strong>"Недостатки: "</strong>{r.cons.join(", ")}</div>
                                            })}
                                            {(!r.images.is_empty()).then(|| view! {
                                                <ul class="review__images">
                                                    {r.images.into_iter().map(|(url, thumb)| view! {
                                                        <li><a href=url target="_blank" rel="noopener"><img src=thumb alt="Фото покупателя" loading="lazy" width="64" height="64"/></a></li>
                                                    }).collect_view()}
                                                </ul>
                                            })}
                                            {r.response.map(|(text, date)| view! {
                                                <div class="review__response">
                                                    <p class="review__response-head">
                                                        <strong>"Ответ магазина"</strong>
                                                        " "
                                                        <span class="review__date">{local_time_iso(&date, false)}</span>
                                                    </p>
                                                    <p>{text}</p>
                                                </div>
                                            })}
                                            <p class="review__helpful">{format!("Полезно: {}", r.helpful)}</p>
                                        </li>
                                    }).collect_view()}
                                </ul>
                                <Pagination
                                    current=page.page
                                    total_pages=page.total_pages
                                    link=move |n| {
                                        let mut q = link_q.clone();
                                        q.reviews.page = n;
                                        let to = Route::Product { id: id_now.clone(), query: q };
                                        format!("{}#reviews", to.href())
                                    }
                                />
                            }.into_any()
                        }
                        Err(e) => view! { <ErrorPanel error=e on_retry=Callback::new(move |_| reviews.refetch())/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
