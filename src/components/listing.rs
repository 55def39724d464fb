//! A product listing: filters, chips, sort, grid, pagination and every loading and failure
//! state. Shared by the catalog and category pages; the page does the fetching.

use crate::api::ApiError;
use crate::components::{
    error_panel::ErrorPanel,
    filters::{FilterChips, FilterPanel, TagOption},
    pagination::Pagination,
    product_card::ProductCard,
    skeleton::ProductGridSkeleton,
};
use crate::domain::catalog::{CatalogQuery, Page, ProductSummary, SORTS};
use crate::domain::text::plural;
use crate::routes::href;
use crate::state::{scroll, use_session};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use rust_decimal::Decimal;

/// The loaded page of products, or why it failed.
pub type Loaded = Result<Page<ProductSummary>, ApiError>;

/// A bad price range as the server explained it, for the price fields.
pub fn price_problem(e: &ApiError) -> Option<String> {
    let ApiError::Validation(b) = e else {
        return None;
    };
    let msgs: Vec<String> = ["minPrice", "maxPrice"]
        .iter()
        .filter_map(|f| b.field(f))
        .flat_map(|m| m.iter().cloned())
        .collect();
    (!msgs.is_empty()).then(|| msgs.join(" "))
}

/// Identity of a card on screen: the product and everything the card prints.
fn card_key(p: &ProductSummary) -> (String, String, String, String, u64, bool) {
    (
        p.id.clone(),
        p.name.clone(),
        p.price.to_string(),
        p.compare_at
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        p.rating.count,
        p.availability == crate::domain::catalog::Availability::InStock,
    )
}

/// Filters, chips, sort, grid and pages for one listing view.
#[component]
pub fn Listing(
    #[prop(into)] query: Signal<CatalogQuery>,
    products: LocalResource<Loaded>,
    #[prop(into)] tags: Signal<Vec<TagOption>>,
    #[prop(into, optional)] price_hint: Signal<Option<(Decimal, Decimal)>>,
    /// Shown above the filters (the category tree).
    #[prop(optional, into)]
    aside: ViewFn,
    /// The path (without the deployment base) of a view.
    path: Callback<CatalogQuery, String>,
) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let go = {
        let navigate = navigate.clone();
        Callback::new(move |q: CatalogQuery| navigate(&path.run(q), Default::default()))
    };
    let price_error = Signal::derive(move || {
        products
            .get()
            .and_then(|r| r.err())
            .and_then(|e| price_problem(&e))
    });
    let show_partner = Signal::derive(move || session.is_partner());
    let on_sort = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let mut q = query.get_untracked().with_page(1);
        q.sort = (!value.is_empty() && value != "popular").then_some(value);
        go.run(q);
    };
    let link = Callback::new(move |q: CatalogQuery| href(&path.run(q)));
    // Back to a listing: the scroll position is put back once its cards are on the page.
    Effect::new(move |_| {
        if let Some(Ok(_)) = products.get() {
            scroll::restore_if_returning();
        }
    });

    view! {
        <div class="listing">
            <div class="listing__side">
                {aside.run()}
                <FilterPanel query=query tags=tags price_error=price_error price_hint=price_hint apply=go/>
            </div>
            <div class="listing__main">
                <div class="listing__bar">
                    <FilterChips query=query link=link/>
                    <label class="sort">
                        <span class="sort__label">"Сортировка"</span>
                        <select class="sort__select" data-testid="sort" on:change=on_sort>
                            {SORTS.iter().map(|(value, _, _, label)| {
                                let v = value.to_string();
                                view! {
                                    <option
                                        value=*value
                                        selected=move || query.with(|q| q.sort.as_deref().unwrap_or("popular") == v)
                                    >{*label}</option>
                                }
                            }).collect_view()}
                        </select>
                    </label>
                </div>
                {move || match products.get() {
                    None => view! { <ProductGridSkeleton count=12/> }.into_any(),
                    Some(Ok(page)) => {
                        let total = page.total;
                        let found = format!("Найдено {total} {}", plural(total, "товар", "товара", "товаров"));
                        let filtered = !crate::components::filters::chips(&query.get_untracked()).is_empty();
                        view! {
                            <p class="listing__count" data-testid="result-count">{found}</p>
                            {page.items.is_empty().then(|| view! {
                                <div class="empty-state" data-testid="empty-state">
                                    <h2>"Ничего не нашлось"</h2>
                                    {if filtered {
                                        view! { <p>"Попробуйте убрать один из фильтров выше или сбросить их все."</p> }.into_any()
                                    } else {
                                        view! { <p>"Попробуйте изменить запрос или посмотрите весь каталог."</p> }.into_any()
                                    }}
                                    <a class="btn" href=href("/catalog")>"Весь каталог"</a>
                                </div>
                            })}
                        }.into_any()
                    }
                    Some(Err(e)) if price_problem(&e).is_some() => view! {
                        <div class="empty-state" data-testid="empty-state">
                            <h2>"Проверьте диапазон цены"</h2>
                            <p>"Исправьте цену в фильтре слева — и мы покажем подходящие товары."</p>
                        </div>
                    }.into_any(),
                    Some(Err(e)) => view! {
                        <ErrorPanel error=e on_retry=Callback::new(move |_| products.refetch())/>
                    }.into_any(),
                }}
                // Keyed by what a card shows: cards that stay in the new view are kept as
                // they are, only new ones are built (a filter click repaints little).
                <ul class="product-grid" data-testid="product-grid">
                    <For
                        each=move || products.get().and_then(Result::ok).map(|p| p.items).unwrap_or_default()
                        key=card_key
                        children=move |p| view! { <ProductCard product=p show_partner=show_partner/> }
                    />
                </ul>
                {move || products.get().and_then(Result::ok).map(|page| {
                    let link_query = query.get_untracked();
                    view! {
                        <Pagination
                            current=page.page
                            total_pages=page.total_pages
                            link=move |n| href(&path.run(link_query.with_page(n)))
                        />
                    }
                })}
            </div>
        </div>
    }
}
