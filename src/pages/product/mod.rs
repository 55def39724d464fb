//! `/product/:id`: gallery, variants (in the URL), price and stock, attributes, breadcrumb,
//! related products, what the partner and delivery APIs add, and reviews.

mod extras;
mod gallery;
mod review_form;
mod reviews;
mod share;

use crate::api::{commerce::catalog, ApiError};
use crate::components::{
    add_to_cart::AddToCart,
    breadcrumb::Breadcrumb,
    error_panel::ErrorPanel,
    favorite_button::FavoriteButton,
    not_found::{NotFoundView, WithRouteId},
    price::Price,
    product_card::Stars,
    recent_row::RecentRow,
};
use crate::domain::attributes;
use crate::domain::cart::{CartLine, LineKey};
use crate::domain::catalog::{Availability, ProductDetail};
use crate::domain::money::format_amount;
use crate::routes::{use_product_query, ProductQuery, Route};
use crate::state::resource::resource;
use crate::state::{cart::use_cart, recent, scroll, seed, use_session};
use gallery::Gallery;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

const NO_SUCH_PRODUCT: &str = "Такого товара нет: возможно, он снят с продажи или ссылка устарела.";

/// The product page; a malformed id is the 404 page.
#[component]
pub fn ProductPage() -> impl IntoView {
    view! { <WithRouteId text=NO_SUCH_PRODUCT page=|id| view! { <ProductLoad id=id/> }.into_any()/> }
}

/// The product `id`, loaded and shown (the component tests mount it with the seed's example).
#[component]
pub fn ProductLoad(id: Memo<String>) -> impl IntoView {
    let session = use_session();
    let page_query = use_product_query();
    // Drawn from data already in hand (the prerender): no request, no skeleton.
    if let Some(p) = seed::seeded_product(&id.get_untracked()) {
        return view! { <ProductView product=p id=id query=page_query/> }.into_any();
    }
    let product = resource(move || {
        let id = id.get();
        let ep = session.commerce();
        Box::pin(async move { catalog::product(&ep, &id).await })
    });

    view! {
        <Transition fallback=|| view! { <div class="product product--loading"><div class="gallery__main skeleton"></div></div> }>
            {move || Suspend::new(async move {
                match product.await {
                    Ok(p) => {
                        scroll::restore_if_returning();
                        view! { <ProductView product=p id=id query=page_query/> }.into_any()
                    }
                    Err(ApiError::NotFound(_)) => view! { <NotFoundView text=NO_SUCH_PRODUCT/> }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e on_retry=Callback::new(move |_| product.refetch())/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn ProductView(
    product: ProductDetail,
    id: Memo<String>,
    query: Memo<ProductQuery>,
) -> impl IntoView {
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
    let go = move |q: ProductQuery, scroll: bool| {
        let to = Route::Product {
            id: id.get_untracked(),
            query: q,
        };
        navigate(
            &to.path(),
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
    // Opened: first in «Вы смотрели» (an effect, so the prerender records nothing).
    Effect::new(move |_| p.with_value(|p| recent::visit(&p.summary)));
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
    let cart = use_cart();
    let add = move || {
        let line = p.with_value(|p| {
            CartLine::from_product(&p.summary, variant.get_untracked().as_ref(), 1)
        });
        async move { cart.add(line).await }
    };
    let sold_out = Signal::derive(move || !stock().1);
    let in_cart = move || {
        let key = LineKey::new(id.get(), variant.with(|v| v.as_ref().map(|v| v.id.clone())));
        cart.quantity_of(&key)
    };
    let breadcrumb = p.with_value(|p| p.breadcrumb.clone());
    let specs = p.with_value(|p| p.attributes.clone());
    let weight = p.with_value(|p| p.weight);
    let dims = p.with_value(|p| p.dimensions);
    let related = p.with_value(|p| p.related.clone());
    let variants = p.with_value(|p| p.variants.clone());

    view! {
        <Title text=name.clone()/>
        <Breadcrumb crumbs=breadcrumb here=name.clone()/>
        // Render-then-swap: main.rs swaps the prerendered page for the app once this is in
        // the app's DOM.
        <article class="product" data-page-ready="">
            <Gallery images=s.images.clone()/>
            <div class="product__info">
                <h1 class="page-title" data-testid="product-title">{name.clone()}</h1>
                <div class="product__meta">
                    <a class="product__rating" href="#reviews"><Stars rating=s.rating.clone()/></a>
                    <FavoriteButton id=s.id.clone() name=name.clone() large=true/>
                    <share::ShareButton id=id title=name.clone()/>
                </div>
                <div class="product__buy">
                    {move || view! { <Price price=price() compare_at=p.with_value(|p| p.summary.compare_at.clone()).filter(|_| variant.get().is_none())/> }}
                    <p class="product__stock" data-testid="stock">{stock_text}</p>
                    <div class="product__cart">
                        <AddToCart action=add disabled=sold_out large=true/>
                        {move || in_cart().map(|n| view! {
                            <a class="product__in-cart" href=Route::Cart.href() data-testid="in-cart">
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
                {specs.into_iter().map(|(k, v)| view! { <div><dt>{attributes::label(&k).into_owned()}</dt><dd>{v}</dd></div> }).collect_view()}
                {weight.map(|w| view! { <div><dt>"Вес"</dt><dd>{format!("{} г", format_amount(w))}</dd></div> })}
                {dims.map(|[l, w, h]| {
                    let f = |d: Option<rust_decimal::Decimal>| d.map(format_amount).unwrap_or_else(|| "—".into());
                    view! { <div><dt>"Размеры (Д × Ш × В)"</dt><dd>{format!("{} × {} × {} см", f(l), f(w), f(h))}</dd></div> }
                })}
            </dl>
        </section>
        <extras::Stock id=id/>
        <extras::Certificates id=id/>
        {(!related.is_empty()).then(|| view! {
            <section class="product-section">
                <h2 class="section-title">"Похожие товары"</h2>
                <ul class="related">
                    {related.into_iter().map(|r| view! {
                        <li>
                            <a class="related__item" href=Route::product(&r.id).href()>
                                {r.thumbnail.map(|t| view! { <img src=t alt="" loading="lazy" width="96" height="96"/> })}
                                <span class="related__name">{r.name}</span>
                                <span class="related__price">{r.price.to_string()}</span>
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <extras::AlsoBuy id=id/>
        <reviews::Reviews id=id query=query go=Callback::new(move |q: ProductQuery| go(q, false))/>
        <RecentRow current=Signal::derive(move || Some(id.get()))/>
    }
}
