//! `/`: the shop's front page — top categories, then the partner API's product selections
//! («Новинки», «Хиты продаж», «Лучшие цены») as rows of cards priced by the commerce API.
//! Every row comes from a secondary source: one that has nothing stays out of the page.

use crate::api::commerce::catalog;
use crate::api::partner::{self, Selection};
use crate::components::{product_card::ProductRow, recent_row::RecentRow, secondary::Secondary};
use crate::domain::catalog::{
    products_count_label, CatalogQuery, CategoryNode, ProductSummary, SortKey,
};
use crate::domain::codes::SelectionKind;
use crate::routes::Route;
use crate::state::resource::resource;
use crate::state::{catalog::use_category_tree, seed, use_session};
use leptos::prelude::*;
use leptos_meta::Title;

/// Cards per selection row (the prerender reads as many).
pub const ROW_SIZE: u32 = 8;

/// Where a selection's «Смотреть все» leads, and its place on the page.
fn placing(kind: &SelectionKind) -> (usize, Option<SortKey>) {
    match kind {
        SelectionKind::New => (0, Some(SortKey::New)),
        SelectionKind::Hit => (1, None),
        SelectionKind::Profit => (2, Some(SortKey::PriceAsc)),
        SelectionKind::Unknown(_) => (3, None),
    }
}

/// The selections in their places on the page.
fn ordered(mut list: Vec<Selection>) -> Vec<Selection> {
    list.sort_by_key(|s| placing(&s.kind).0);
    list
}

#[component]
pub fn HomePage() -> impl IntoView {
    let rows = |list: Vec<Selection>| {
        list.into_iter()
            .map(|s| view! { <SelectionRow selection=s/> })
            .collect_view()
    };
    // Drawn from the rows already in hand (the prerender): no skeleton.
    let selections = match seed::seeded(|s| s.rows) {
        Some(seeded) => rows(ordered(seeded.into_iter().map(|(s, _)| s).collect())).into_any(),
        None => {
            let session = use_session();
            let selections = resource(move || {
                let ep = session.partner();
                Box::pin(async move {
                    Ok::<_, crate::api::ApiError>(ordered(partner::selections(&ep).await?))
                })
            });
            view! {
                <Transition fallback=|| view! { <RowSkeleton title=None/> }>
                    // Without selections the front page is the hero and the categories.
                    {move || Suspend::new(async move { rows(selections.await.unwrap_or_default()) })}
                </Transition>
            }
            .into_any()
        }
    };
    // The front page shows no product: the whole «Вы смотрели» row.
    let no_product: Signal<Option<String>> = Signal::stored(None);
    view! {
        <Title text=""/>
        <section class="hero">
            <h1 class="hero__title">"Всё для дома, отопления и ремонта"</h1>
            <p class="hero__text">"Тысячи товаров с доставкой по России и самовывозом из магазинов."</p>
            <a class="btn btn--large" href=Route::catalog().href()>"Открыть каталог"</a>
        </section>
        <TopCategories/>
        <RecentRow current=no_product/>
        {selections}
    }
}

/// Root categories as picture tiles with their product counts (their list marks the front
/// page drawn, `data-page-ready`, for main.rs's render-then-swap).
#[component]
fn TopCategories() -> impl IntoView {
    view! {
        <Secondary
            title="Категории"
            id="top-categories".to_string()
            data=use_category_tree()
            is_empty=Vec::is_empty
            class="home-section"
            more=Route::Categories.href()
            more_label="Все категории"
            placeholder=|| view! {
                <section class="home-section" aria-busy="true">
                    <div class="section-head"><h2 class="section-title">"Категории"</h2></div>
                    <ul class="category-tiles">{(0..6).map(|_| view! { <li class="category-tile category-tile--skeleton skeleton"></li> }).collect_view()}</ul>
                </section>
            }
            render={|roots: Vec<CategoryNode>| view! {
                <ul class="category-tiles" data-page-ready="">
                    {roots.into_iter().map(|c| view! { <CategoryTile category=c/> }).collect_view()}
                </ul>
            }}
        />
    }
}

#[component]
fn CategoryTile(category: CategoryNode) -> impl IntoView {
    let count = category.count.map(products_count_label);
    view! {
        <li class="category-tile" data-testid="category-tile">
            <a class="category-tile__link" href=Route::category(&category.id).href()>
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
    let cards = resource(move || {
        let (pep, cep, id) = (session.partner(), session.commerce(), id.clone());
        Box::pin(async move {
            let listed = partner::selection_products(&pep, &id, ROW_SIZE).await?;
            let ids: Vec<String> = listed.into_iter().map(|p| p.id).collect();
            catalog::cards_for(&cep, &ids).await
        })
    });
    // Prerendered (issue 23): the row's cards the deploy step read.
    let own = selection.id.clone();
    seed::fill(cards, move |s| {
        s.rows?
            .into_iter()
            .find(|(x, _)| x.id == own)
            .map(|(_, c)| c)
    });
    let show_partner = Signal::derive(move || session.is_partner());
    let title = selection.title.clone();
    let more = Route::Catalog(CatalogQuery {
        sort: placing(&selection.kind).1,
        ..CatalogQuery::from_pairs([])
    })
    .href();
    view! {
        <Secondary
            title=selection.title
            id=format!("selection-{}", selection.kind.as_str().to_lowercase())
            data=cards
            is_empty=Vec::is_empty
            class="home-section"
            more=more
            placeholder={move || view! { <RowSkeleton title=Some(title.clone())/> }}
            testid="selection"
            render={move |list: Vec<ProductSummary>| view! {
                <ProductRow products=list show_partner=show_partner/>
            }}
        />
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
