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
use crate::domain::catalog::{CatalogQuery, Page, ProductSummary, SortKey};
use crate::domain::text::plural;
use crate::routes::{catalog_query_of, Route};
use crate::state::listings::InFlight;
use crate::state::{scroll, use_session};
use crate::timer::{painted, sleep};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use rust_decimal::Decimal;

/// The loaded page of products, or why it failed.
pub type ProductsAnswer = Result<Page<ProductSummary>, ApiError>;

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

/// Identity of a card on screen: the product and everything the card prints (with the
/// partner flag beside it in the grid's key).
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

/// Cards whose images load at once, with priority: the first row on a wide screen (the
/// rest wait until they come near the screen).
pub const FIRST_ROW: usize = 4; // public/early.js preloads the same row's images (tests/routes.rs)

/// How long a changed filter waits for its answer before the URL and chips change anyway.
const SWAP_WAIT_MS: u32 = 300;

/// How long an answer may take before the listing shows that it is waiting.
const BUSY_AFTER_MS: u32 = 150;

/// The view a pressed link inside the listing opens, when it stays on this page.
fn same_page_link_query(ev: &leptos::ev::Event) -> Option<CatalogQuery> {
    use leptos_router::location::{BrowserUrl, LocationProvider};
    use wasm_bindgen::JsCast;
    let anchor = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    let here = window().location().pathname().ok()?;
    let url = BrowserUrl::parse(&anchor.href()).ok()?;
    (url.path() == here).then(|| catalog_query_of(url.search_params()))
}

/// Filters, chips, sort, grid and pages for one listing view.
#[component]
pub fn Listing(
    #[prop(into)] query: Signal<CatalogQuery>,
    products: LocalResource<ProductsAnswer>,
    #[prop(into)] tags: Signal<Vec<TagOption>>,
    #[prop(into, optional)] price_hint: Signal<Option<(Decimal, Decimal)>>,
    /// Shown above the filters (the category tree).
    #[prop(optional, into)]
    aside: ViewFn,
    /// The page of a view (the catalog, or a category).
    route: Callback<CatalogQuery, Route>,
    /// Starts loading a view the shopper is about to open (a filter changed, a chip or a
    /// page link pressed), before the navigation runs; returns its answer to come.
    prefetch: Callback<CatalogQuery, InFlight>,
) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    // A changed filter or sort: the request starts at once, inside the click. Unless the
    // answer is already known, the URL — and with it chips, form, count and cards —
    // changes after the browser has painted the ticked box, once the answer is in (or
    // after `SWAP_WAIT_MS`; the cards then follow their answer as before): the click is
    // answered by the very next frame, and the new view arrives in one piece instead of
    // chips first and cards a frame or more later. Until then `latest` is the view being
    // opened, so a second change in the meantime builds on the first.
    let pending = StoredValue::new(None::<CatalogQuery>);
    // The view the shopper asked for is slow to come: the grid says so (`aria-busy`, dimmed
    // with its count) instead of passing the old cards off as the answer. Only after
    // `BUSY_AFTER_MS`: a quick answer changes nothing on the way (restyling the grid twice
    // per click cost more than the answer took).
    let waiting = RwSignal::new(0u32);
    let asked = StoredValue::new(0u32);
    let busy_until = move |answer: InFlight| {
        if answer.peek().is_some() {
            return;
        }
        let token = asked.try_update_value(|n| {
            *n += 1;
            *n
        });
        let Some(token) = token else { return };
        leptos::task::spawn_local(async move {
            let quick =
                futures_util::future::select(answer.clone(), Box::pin(sleep(BUSY_AFTER_MS)));
            if let futures_util::future::Either::Left(_) = quick.await {
                return;
            }
            if asked.try_get_value() != Some(token) {
                return;
            }
            waiting.set(token);
            let _ = answer.await;
            if waiting.try_get_untracked() == Some(token) {
                waiting.set(0);
            }
        });
    };
    let latest = Signal::derive(move || {
        let current = query.get();
        pending.get_value().unwrap_or(current)
    });
    let go = {
        let navigate = navigate.clone();
        Callback::new(move |q: CatalogQuery| {
            let answer = prefetch.run(q.clone());
            busy_until(answer.clone());
            if answer.peek().is_some() {
                // Known already (a view seen a moment ago): the whole new view is cheap
                // enough for the click's own frame.
                pending.set_value(None);
                navigate(&route.run(q).path(), Default::default());
                return;
            }
            pending.set_value(Some(q));
            let navigate = navigate.clone();
            leptos::task::spawn_local(async move {
                painted().await;
                let _ = futures_util::future::select(answer, Box::pin(sleep(SWAP_WAIT_MS))).await;
                if let Some(q) = pending.try_update_value(Option::take).flatten() {
                    navigate(&route.run(q).path(), Default::default());
                }
            });
        })
    };
    // Chips, «Сбросить всё» and page links are plain links the router follows on `click`;
    // the listing sees the press first: pointer down, or a keyboard's click (detail 0).
    let warm = move |ev: &leptos::ev::Event| {
        if let Some(q) = same_page_link_query(ev) {
            // Already on its way; the page shares it after the router navigates.
            busy_until(prefetch.run(q));
        }
    };
    let price_error = Signal::derive(move || {
        products.with(|r| match r {
            Some(Err(e)) => price_problem(e),
            _ => None,
        })
    });
    let show_partner = Signal::derive(move || session.is_partner());
    let on_sort = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let mut q = latest.get_untracked().with_page(1);
        // The shop's default order is no `sort` in the URL.
        q.sort = SortKey::parse(&value).filter(|k| *k != SortKey::DEFAULT);
        go.run(q);
    };
    let link = Callback::new(move |q: CatalogQuery| route.run(q).href());
    // Back to a listing: the scroll position is put back once its cards are on the page.
    Effect::new(move |_| {
        if products.with(|r| matches!(r, Some(Ok(_)))) {
            scroll::restore_if_returning();
        }
    });

    view! {
        <div
            class="listing"
            on:pointerdown=move |ev: leptos::ev::PointerEvent| warm(&ev)
            // A click from the keyboard (no pointer went down first).
            on:click=move |ev: leptos::ev::MouseEvent| if ev.detail() == 0 { warm(&ev) }
        >
            <div class="listing__side">
                {aside.run()}
                <FilterPanel query=latest tags=tags price_error=price_error price_hint=price_hint apply=go/>
            </div>
            <div class="listing__main" class:listing__main--busy=move || waiting.get() != 0>
                <div class="listing__bar">
                    <FilterChips query=query link=link/>
                    <label class="sort">
                        <span class="sort__label">"Сортировка"</span>
                        <select class="sort__select" data-testid="sort" on:change=on_sort>
                            {SortKey::ALL.into_iter().map(|key| view! {
                                <option
                                    value=key.url()
                                    selected=move || query.with(|q| q.sort.unwrap_or(SortKey::DEFAULT) == key)
                                >{key.label()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                </div>
                // Only the count and the failure are read here: the page itself is not copied.
                {move || match products.with(|r| match r {
                    None => None,
                    Some(Ok(page)) => Some(Ok((page.total, page.items.is_empty()))),
                    Some(Err(e)) => Some(Err(e.clone())),
                }) {
                    None => view! { <ProductGridSkeleton count=12/> }.into_any(),
                    Some(Ok((total, empty))) => {
                        let found = format!("Найдено {total} {}", plural(total, "товар", "товара", "товаров"));
                        let filtered = !crate::components::filters::chips(&query.get_untracked()).is_empty();
                        view! {
                            // Render-then-swap (main.rs): the listing with its data is drawn.
                            <p class="listing__count" data-testid="result-count" data-page-ready="">{found}</p>
                            {empty.then(|| view! {
                                <div class="empty-state" data-testid="empty-state">
                                    <h2>"Ничего не нашлось"</h2>
                                    {if filtered {
                                        view! { <p>"Попробуйте убрать один из фильтров выше или сбросить их все."</p> }.into_any()
                                    } else {
                                        view! { <p>"Попробуйте изменить запрос или посмотрите весь каталог."</p> }.into_any()
                                    }}
                                    <a class="btn" href=Route::catalog().href()>"Весь каталог"</a>
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
                // A heading and a name for a screen reader's lists and headings: h1 (the page),
                // h2 «Товары», h3 each card.
                <h2 class="visually-hidden">"Товары"</h2>
                <ul
                    class="product-grid"
                    aria-label="Товары"
                    data-testid="product-grid"
                    aria-busy=move || (waiting.get() != 0).to_string()
                >
                    <For
                        each=move || {
                            let partner = show_partner.get();
                            products.get().and_then(Result::ok).map(|p| p.items).unwrap_or_default()
                                .into_iter().enumerate().map(move |(i, p)| (i < FIRST_ROW, p, partner))
                        }
                        key=|(_, p, partner)| (card_key(p), *partner)
                        children=move |(first, p, partner)| view! { <ProductCard product=p partner=partner eager=first/> }
                    />
                </ul>
                {move || products.with(|r| match r {
                    Some(Ok(page)) => Some((page.page, page.total_pages)),
                    _ => None,
                }).map(|(current, total_pages)| {
                    let link_query = query.get_untracked();
                    view! {
                        <Pagination
                            current=current
                            total_pages=total_pages
                            link=move |n| route.run(link_query.with_page(n)).href()
                        />
                    }
                })}
            </div>
        </div>
    }
}
