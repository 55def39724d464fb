//! `/`: the shop's front page — top categories, then the partner API's product selections
//! («Новинки», «Хиты продаж», «Лучшие цены») as rows of cards priced by the commerce API.

use crate::api::commerce::catalog;
use crate::api::partner::{self, Selection};
use crate::components::{error_panel::ErrorPanel, product_card::ProductRow};
use crate::domain::catalog::{products_count_label, CategoryNode};
use crate::routes::href;
use crate::state::use_session;
use leptos::prelude::*;
use leptos_meta::Title;

/// Cards per selection row.
const ROW_SIZE: u32 = 8;

/// Seed 004 selection types in the order the front page shows them.
const ORDER: [&str; 3] = ["NEW", "HIT", "PROFIT"];

fn rank(s: &Selection) -> usize {
    ORDER
        .iter()
        .position(|k| *k == s.kind)
        .unwrap_or(ORDER.len())
}

#[component]
pub fn HomePage() -> impl IntoView {
    let session = use_session();
    let selections = LocalResource::new(move || {
        let ep = session.partner();
        async move {
            let mut list = partner::selections(&ep).await?;
            list.sort_by_key(rank);
            Ok::<_, crate::api::ApiError>(list)
        }
    });
    view! {
        <Title text=""/>
        <section class="hero">
            <h1 class="hero__title">"Всё для дома, отопления и ремонта"</h1>
            <p class="hero__text">"Тысячи товаров с доставкой по России и самовывозом из магазинов."</p>
            <a class="btn btn--large" href=href("/catalog")>"Открыть каталог"</a>
        </section>
        <TopCategories/>
        <Transition fallback=|| view! { <RowSkeleton title=None/> }>
            {move || Suspend::new(async move {
                match selections.await {
                    Ok(list) => list
                        .into_iter()
                        .map(|s| view! { <SelectionRow selection=s/> })
                        .collect_view()
                        .into_any(),
                    Err(e) => view! {
                        <section class="home-section">
                            <ErrorPanel error=e on_retry=Callback::new(move |_| selections.refetch())/>
                        </section>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

/// Root categories as picture tiles with their product counts.
#[component]
fn TopCategories() -> impl IntoView {
    let tree = crate::state::categories::use_category_tree();
    view! {
        <section class="home-section" aria-labelledby="top-categories">
            <div class="section-head">
                <h2 class="section-title" id="top-categories">"Категории"</h2>
                <a class="section-head__more" href=href("/categories")>"Все категории"</a>
            </div>
            <Transition fallback=|| view! { <ul class="category-tiles" aria-busy="true">{(0..6).map(|_| view! { <li class="category-tile category-tile--skeleton skeleton"></li> }).collect_view()}</ul> }>
                {move || Suspend::new(async move {
                    match tree.await {
                        Ok(roots) => view! {
                            <ul class="category-tiles">
                                {roots.into_iter().map(|c| view! { <CategoryTile category=c/> }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(e) => view! { <ErrorPanel error=e on_retry=Callback::new(move |_| tree.refetch())/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn CategoryTile(category: CategoryNode) -> impl IntoView {
    let link = href(&format!("/category/{}", category.id));
    let count = category.count.map(products_count_label);
    view! {
        <li class="category-tile" data-testid="category-tile">
            <a class="category-tile__link" href=link>
                <span class="category-tile__media">
                    {category.image.map(|src| view! {
                        <img src=src alt="" width="120" height="120" loading="lazy" decoding="async"/>
                    })}
                </span>
                <span class="category-tile__name">{category.name}</span>
                {count.map(|c| view! { <span class="category-tile__count">{c}</span> })}
            </a>
        </li>
    }
}

/// One selection: its title and a scrolling row of cards.
#[component]
fn SelectionRow(selection: Selection) -> impl IntoView {
    let session = use_session();
    let id = selection.id.clone();
    let cards = LocalResource::new(move || {
        let (pep, cep, id) = (session.partner(), session.commerce(), id.clone());
        async move {
            let listed = partner::selection_products(&pep, &id, ROW_SIZE).await?;
            let ids: Vec<String> = listed.into_iter().map(|p| p.id).collect();
            catalog::cards_for(&cep, &ids).await
        }
    });
    let show_partner = Signal::derive(move || session.is_partner());
    let title = selection.title.clone();
    let heading_id = format!("selection-{}", selection.kind.to_lowercase());
    let link = href(match selection.kind.as_str() {
        "NEW" => "/catalog?sort=new",
        "PROFIT" => "/catalog?sort=price-asc",
        _ => "/catalog",
    });
    view! {
        <Transition fallback=move || view! { <RowSkeleton title=Some(selection.title.clone())/> }>
            {move || {
                let (title, heading_id, link) = (title.clone(), heading_id.clone(), link.clone());
                Suspend::new(async move {
                    match cards.await {
                        Ok(list) if list.is_empty() => ().into_any(),
                        Ok(list) => view! {
                            <section class="home-section" aria-labelledby=heading_id.clone() data-testid="selection">
                                <div class="section-head">
                                    <h2 class="section-title" id=heading_id.clone()>{title}</h2>
                                    <a class="section-head__more" href=link>"Смотреть все"</a>
                                </div>
                                <ProductRow products=list show_partner=show_partner/>
                            </section>
                        }
                        .into_any(),
                        Err(e) => view! {
                            <section class="home-section">
                                <h2 class="section-title">{title}</h2>
                                <ErrorPanel error=e on_retry=Callback::new(move |_| cards.refetch())/>
                            </section>
                        }
                        .into_any(),
                    }
                })
            }}
        </Transition>
    }
}

/// A row's space held while it loads, so the page does not jump.
#[component]
fn RowSkeleton(title: Option<String>) -> impl IntoView {
    view! {
        <section class="home-section" aria-busy="true">
            {match title {
                Some(t) => view! { <h2 class="section-title">{t}</h2> }.into_any(),
                None => view! { <div class="skeleton skeleton--line section-title"></div> }.into_any(),
            }}
            <ul class="product-row">
                {(0..4).map(|_| view! {
                    <li class="card card--skeleton">
                        <div class="card__media skeleton"></div>
                        <div class="card__body">
                            <div class="skeleton skeleton--line"></div>
                            <div class="skeleton skeleton--price"></div>
                        </div>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
