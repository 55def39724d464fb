//! `/product/:id`: gallery, variants (in the URL), price and stock, attributes, breadcrumb,
//! related products and reviews with a rating histogram that filters them.

use crate::api::{commerce::catalog, Query};
use crate::components::add_to_cart::AddToCart;
use crate::components::{
    error_panel::ErrorPanel, pagination::Pagination, price::Price, product_card::Stars,
};
use crate::domain::catalog::{
    histogram, Availability, ProductDetail, ProductImage, ReviewQuery, REVIEW_SORTS,
};
use crate::domain::money::format_amount;
use crate::domain::text::{is_web_url, plural};
use crate::pages::not_found::NotFoundView;
use crate::routes::href;
use crate::state::{scroll, use_session};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;

/// `/product/{id}?…` with the given query pairs.
fn product_path(id: &str, pairs: &[(&str, String)]) -> String {
    let mut q = Query::new();
    for (k, v) in pairs {
        q.push(k, v);
    }
    format!(
        "/product/{}{}",
        crate::api::encode_component(id),
        q.to_query_string()
    )
}

/// The page's own query: variant and the review view.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PageQuery {
    variant: Option<String>,
    reviews: ReviewQuery,
}

impl PageQuery {
    fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(v) = &self.variant {
            out.push(("variant", v.clone()));
        }
        if let Some(r) = self.reviews.rating {
            out.push(("rating", r.to_string()));
        }
        if self.reviews.sort != "createdAt" {
            out.push(("rsort", self.reviews.sort.to_string()));
        }
        if self.reviews.page > 1 {
            out.push(("rpage", self.reviews.page.to_string()));
        }
        out
    }
}

/// The product page.
#[component]
pub fn ProductPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let query_map = use_query_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let page_query = Memo::new(move |_| {
        query_map.with(|m| PageQuery {
            variant: m.get("variant"),
            reviews: ReviewQuery::from_pairs(m.latest_values().map(|(k, v)| (k.as_ref(), v))),
        })
    });
    let product = LocalResource::new(move || {
        let id = id.get();
        let ep = session.commerce();
        async move { catalog::product(&ep, &id).await }
    });

    view! {
        <Transition fallback=|| view! { <div class="product product--loading"><div class="gallery__main skeleton"></div></div> }>
            {move || Suspend::new(async move {
                match product.await {
                    Ok(p) => {
                        scroll::restore_if_returning();
                        view! { <ProductView product=p id=id query=page_query/> }.into_any()
                    }
                    Err(crate::api::ApiError::NotFound(_)) => view! {
                        <NotFoundView text="Такого товара нет: возможно, он снят с продажи или ссылка устарела."/>
                    }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e on_retry=Callback::new(move |_| product.refetch())/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Photos: the primary first, thumbnails below, arrow keys to move.
#[component]
fn Gallery(images: Vec<ProductImage>) -> impl IntoView {
    let mut images = images;
    images.sort_by_key(|i| !i.is_primary);
    let count = images.len();
    let current = RwSignal::new(0usize);
    let imgs = StoredValue::new(images);
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "ArrowRight" if count > 0 => {
            ev.prevent_default();
            current.update(|c| *c = (*c + 1) % count);
        }
        "ArrowLeft" if count > 0 => {
            ev.prevent_default();
            current.update(|c| *c = (*c + count - 1) % count);
        }
        _ => {}
    };
    view! {
        <div class="gallery" tabindex="0" role="region" aria-roledescription="галерея"
            aria-label="Фото товара: стрелки влево и вправо листают" on:keydown=on_key data-testid="gallery">
            <div class="gallery__main">
                {move || imgs.with_value(|list| list.get(current.get()).cloned()).map(|img| view! {
                    <img src=img.url alt=img.alt width="800" height="800" data-testid="gallery-image"/>
                })}
            </div>
            {(count > 1).then(|| view! {
                <ul class="gallery__thumbs">
                    {imgs.get_value().into_iter().enumerate().map(|(i, img)| view! {
                        <li>
                            <button
                                type="button"
                                class="gallery__thumb"
                                class:gallery__thumb--current=move || current.get() == i
                                aria-label=format!("Фото {} из {count}", i + 1)
                                aria-pressed=move || (current.get() == i).to_string()
                                on:click=move |_| current.set(i)
                            >
                                <img src=img.thumbnail_url alt="" loading="lazy" width="72" height="72"/>
                            </button>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
}

#[component]
fn ProductView(product: ProductDetail, id: Memo<String>, query: Memo<PageQuery>) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let p = StoredValue::new(product);
    let variant = Memo::new(move |_| {
        let chosen = query.with(|q| q.variant.clone());
        p.with_value(|p| {
            chosen
                .and_then(|v| p.variants.iter().find(|x| x.id == v).cloned())
                .or_else(|| p.variants.first().cloned())
        })
    });
    let go = move |q: PageQuery, scroll: bool| {
        navigate(
            &product_path(&id.get_untracked(), &q.pairs()),
            NavigateOptions {
                replace: true,
                scroll,
                ..Default::default()
            },
        );
    };
    let pick_variant = {
        let go = go.clone();
        move |vid: String| {
            let mut q = query.get_untracked();
            q.variant = Some(vid);
            go(q, false);
        }
    };
    let s = p.get_value().summary;
    let name = s.name.clone();
    let price = move || {
        variant
            .get()
            .map(|v| v.price)
            .unwrap_or_else(|| p.with_value(|p| p.summary.price.clone()))
    };
    // The chosen variant's stock, else the product's: how many, and whether it can be bought.
    let stock = move || match variant.get() {
        Some(v) => (v.stock, v.stock != Some(0)),
        None => p.with_value(|p| {
            (
                p.summary.stock_quantity,
                p.summary.availability == Availability::InStock,
            )
        }),
    };
    let stock_text = move || {
        let (stock, available) = stock();
        match (available, stock) {
            (false, _) => "Нет в наличии".to_string(),
            (true, Some(n)) if n <= 5 => format!("Осталось {n} шт."),
            (true, _) => "В наличии".to_string(),
        }
    };
    let partner = move || session.is_partner();
    let cart = crate::state::cart::use_cart();
    let add = move || {
        let line = p.with_value(|p| {
            crate::domain::cart::CartLine::from_product(
                &p.summary,
                variant.get_untracked().as_ref(),
                1,
            )
        });
        async move { cart.add(line).await }
    };
    let sold_out = Signal::derive(move || !stock().1);
    let in_cart = move || {
        let key = crate::domain::cart::LineKey::new(
            id.get(),
            variant.with(|v| v.as_ref().map(|v| v.id.clone())),
        );
        cart.lines
            .with(|l| l.iter().find(|x| x.key == key).map(|x| x.quantity))
    };
    let breadcrumb = p.with_value(|p| p.breadcrumb.clone());
    let attributes = p.with_value(|p| p.attributes.clone());
    let weight = p.with_value(|p| p.weight);
    let dims = p.with_value(|p| p.dimensions);
    let related = p.with_value(|p| p.related.clone());
    let variants = p.with_value(|p| p.variants.clone());

    view! {
        <Title text=name.clone()/>
        <nav class="breadcrumb" aria-label="Путь по каталогу" data-testid="breadcrumb">
            <ol>
                <li><a href=href("/catalog")>"Каталог"</a></li>
                {breadcrumb.into_iter().map(|c| view! {
                    <li><a href=href(&format!("/category/{}", c.id))>{c.name}</a></li>
                }).collect_view()}
                <li aria-current="page">{name.clone()}</li>
            </ol>
        </nav>
        <article class="product">
            <Gallery images=s.images.clone()/>
            <div class="product__info">
                <h1 class="page-title" data-testid="product-title">{name.clone()}</h1>
                <a class="product__rating" href="#reviews"><Stars rating=s.rating.clone()/></a>
                <div class="product__buy">
                    {move || view! { <Price price=price() compare_at=p.with_value(|p| p.summary.compare_at.clone()).filter(|_| variant.get().is_none())/> }}
                    <p class="product__stock" data-testid="stock">{stock_text}</p>
                    <div class="product__cart">
                        <AddToCart action=add disabled=sold_out large=true/>
                        {move || in_cart().map(|n| view! {
                            <a class="product__in-cart" href=href("/cart") data-testid="in-cart">
                                {format!("В корзине {n} шт. — перейти")}
                            </a>
                        })}
                    </div>
                    <Show when=partner>
                        {move || {
                            let pr = price();
                            let (c, pts) = p.with_value(|p| (p.summary.commission_percent, p.summary.career_points_percent));
                            view! {
                                <p class="card__partner" data-testid="partner-earnings">
                                    {format!("Комиссия {} · {} баллов", pr.percent(c), pr.percent(pts).amount.round())}
                                </p>
                            }
                        }}
                    </Show>
                </div>
                {(!variants.is_empty()).then(|| {
                    let pick = pick_variant.clone();
                    view! {
                        <fieldset class="variants">
                            <legend>"Вариант"</legend>
                            <ul class="variants__list">
                                {variants.into_iter().map(|v| {
                                    let vid = v.id.clone();
                                    let is_current = {
                                        let vid = v.id.clone();
                                        move || variant.with(|c| c.as_ref().is_some_and(|c| c.id == vid))
                                    };
                                    let pick = pick.clone();
                                    let stock = match v.stock {
                                        Some(0) => "нет в наличии".to_string(),
                                        Some(n) => format!("{n} шт."),
                                        None => "в наличии".to_string(),
                                    };
                                    view! {
                                        <li>
                                            <button
                                                type="button"
                                                class="variant"
                                                class:variant--current=is_current.clone()
                                                aria-pressed=move || is_current().to_string()
                                                on:click=move |_| pick(vid.clone())
                                                data-testid="variant"
                                            >
                                                <span class="variant__name">{v.name.clone()}</span>
                                                <span class="variant__price">{v.price.to_string()}</span>
                                                <span class="variant__stock">{stock}</span>
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </fieldset>
                    }
                })}
                <p class="product__sku">"Артикул: " {move || variant.get().map(|v| v.sku).unwrap_or_else(|| p.with_value(|p| p.sku.clone()))}</p>
                {s.short_description.clone().map(|d| view! { <p class="product__lead">{d}</p> })}
            </div>
        </article>
        <section class="product-section">
            <h2 class="section-title">"Описание"</h2>
            <p class="product__description">{p.with_value(|p| p.description.clone())}</p>
        </section>
        <section class="product-section">
            <h2 class="section-title">"Характеристики"</h2>
            <dl class="specs" data-testid="specs">
                {attributes.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
                {weight.map(|w| view! { <div><dt>"Вес"</dt><dd>{format!("{} г", format_amount(w))}</dd></div> })}
                {dims.map(|[l, w, h]| {
                    let f = |d: Option<rust_decimal::Decimal>| d.map(format_amount).unwrap_or_else(|| "—".into());
                    view! { <div><dt>"Размеры (Д × Ш × В)"</dt><dd>{format!("{} × {} × {} см", f(l), f(w), f(h))}</dd></div> }
                })}
            </dl>
        </section>
        <crate::pages::product_extras::Stock id=id/>
        <crate::pages::product_extras::Certificates id=id/>
        {(!related.is_empty()).then(|| view! {
            <section class="product-section">
                <h2 class="section-title">"Похожие товары"</h2>
                <ul class="related">
                    {related.into_iter().map(|r| view! {
                        <li>
                            <a class="related__item" href=href(&format!("/product/{}", r.id))>
                                {r.thumbnail.map(|t| view! { <img src=t alt="" loading="lazy" width="96" height="96"/> })}
                                <span class="related__name">{r.name}</span>
                                <span class="related__price">{r.price.to_string()}</span>
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <crate::pages::product_extras::AlsoBuy id=id/>
        <Reviews id=id query=query go=Callback::new(move |q: PageQuery| go(q, false))/>
    }
}

/// Reviews: summary, histogram bars that filter, sort, pages.
#[component]
fn Reviews(id: Memo<String>, query: Memo<PageQuery>, go: Callback<PageQuery>) -> impl IntoView {
    let session = use_session();
    let reviews = LocalResource::new(move || {
        let id = id.get();
        let q = query.with(|q| q.reviews.clone());
        let ep = session.commerce();
        async move { catalog::reviews(&ep, &id, &q).await }
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
        if let Some((s, _)) = REVIEW_SORTS.iter().find(|(s, _)| *s == v) {
            q.reviews.sort = s;
        }
        q.reviews.page = 1;
        go.run(q);
    };
    view! {
        <section class="product-section reviews" id="reviews" aria-labelledby="reviews-title">
            <h2 class="section-title" id="reviews-title">"Отзывы"</h2>
            <crate::pages::review_form::ReviewForm id=id on_created=Callback::new(move |_| reviews.refetch())/>
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
                                                        aria-label=format!("{star} {}: {n}. Показать только их", plural(star as u64, "звезда", "звезды", "звёзд"))
                                                        on:click=move |_| set_rating(if active { None } else { Some(star) })
                                                        data-testid=format!("histogram-{star}")
                                                    >
                                                        <span class="histogram__label">{format!("{star} ★")}</span>
                                                        <span class="histogram__track"><span class="histogram__fill" style=format!("width: {w}%")></span></span>
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
                                            {REVIEW_SORTS.iter().map(|(v, label)| view! {
                                                <option value=*v selected=rq.reviews.sort == *v>{*label}</option>
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
                                                {r.pending.then(|| view! { <span class="badge-pending" data-testid="review-pending">"На модерации"</span> })}
                                                <span class="review__date">{r.created_at.get(..10).unwrap_or("").to_string()}</span>
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
                                                    {r.images.into_iter().filter(|(u, t)| is_web_url(u) && is_web_url(t)).map(|(url, thumb)| view! {
                                                        <li><a href=url target="_blank" rel="noopener"><img src=thumb alt="Фото покупателя" loading="lazy" width="64" height="64"/></a></li>
                                                    }).collect_view()}
                                                </ul>
                                            })}
                                            {r.response.map(|(text, date)| view! {
                                                <div class="review__response">
                                                    <strong>"Ответ магазина"</strong>
                                                    <span class="review__date">{date.get(..10).unwrap_or("").to_string()}</span>
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
                                        href(&format!("{}#reviews", product_path(&id_now, &q.pairs())))
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
