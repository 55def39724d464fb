//! `/category/:id`: breadcrumb, subcategories and the category's products with the
//! catalog's filters, sort and pages.

use crate::api::commerce::catalog;
use crate::api::{ApiError, ErrorCode};
use crate::components::{
    breadcrumb::Breadcrumb,
    category_nav::CategoryNav,
    error_panel::ErrorPanel,
    filters::TagOption,
    listing::Listing,
    not_found::{NotFoundView, WithRouteId},
};
use crate::domain::catalog::{CatalogQuery, CategoryInfo};
use crate::routes::{use_catalog_query, Route};
use crate::state::resource::resource;
use crate::state::{catalog::use_catalog, seed, use_session};
use leptos::prelude::*;
use leptos_meta::Title;

const NO_SUCH_CATEGORY: &str =
    "Такой категории нет: возможно, её переименовали или убрали из каталога.";

/// A category and its products; a malformed id is the 404 page.
#[component]
pub fn CategoryPage() -> impl IntoView {
    view! { <WithRouteId text=NO_SUCH_CATEGORY page=|id| view! { <CategoryBody id=id/> }.into_any()/> }
}

#[component]
fn CategoryBody(id: Memo<String>) -> AnyView {
    let session = use_session();
    let store = use_catalog();
    let url_query = use_catalog_query();
    let view_query = Memo::new(move |_| CatalogQuery {
        category_id: Some(id.get()),
        ..url_query.get()
    });
    let info = resource(move || {
        let id = id.get();
        let ep = session.commerce();
        Box::pin(async move { catalog::category(&ep, &id).await })
    });
    let products = resource(move || {
        let q = view_query.get();
        Box::pin(async move { store.list(&q).await })
    });
    // Prerendered (issue 23): the frame and first page the deploy step fetched.
    let seeded_info = move || seed::seeded(|s| s.category.filter(|c| c.id == id.get_untracked()));
    seed::fill(info, |_| seeded_info());
    seed::fill(products, |s| s.listing);
    let loaded = move || info.get().and_then(Result::ok);
    let tags = Signal::derive(move || {
        loaded()
            .map(|i| {
                i.tags
                    .into_iter()
                    .map(|(name, count)| TagOption {
                        name,
                        count: Some(count),
                    })
                    .collect()
            })
            .unwrap_or_default()
    });
    let price_hint = Signal::derive(move || loaded().and_then(|i| i.price_range));
    let route = Callback::new(move |query: CatalogQuery| Route::Category {
        id: id.get_untracked(),
        query,
    });

    // The category's head and listing, once its frame is in hand.
    let drawn = move |c: CategoryInfo| {
        let title = c.name.clone();
        let mut crumbs = c.breadcrumb.clone();
        // The category itself ends the path, unlinked.
        crumbs.pop();
        view! {
            <Title text=title.clone()/>
            <Breadcrumb crumbs=crumbs here=title.clone()/>
            <h1 class="page-title">{title}</h1>
            {c.description.map(|d| view! { <p class="category-head__text">{d}</p> })}
            {(!c.children.is_empty()).then(|| view! {
                <ul class="subcategories" aria-label="Подкатегории">
                    {c.children.into_iter().map(|(c, n)| view! {
                        <li><a class="subcategory" href=Route::category(&c.id).href()>
                            {c.name}<span class="subcategory__count">{n}</span>
                        </a></li>
                    }).collect_view()}
                </ul>
            })}
            <Listing
                query=view_query
                products=products
                tags=tags
                price_hint=price_hint
                route=route
                prefetch=Callback::new(move |q: CatalogQuery| store.prefetch(
                    &CatalogQuery { category_id: Some(id.get_untracked()), ..q },
                ))
                aside=move || view! { <CategoryNav current=id/> }
            />
        }
        .into_any()
    };
    // Drawn from the frame already in hand (the prerender): no skeleton.
    if let Some(c) = seeded_info() {
        return drawn(c);
    }

    view! {
        <Transition fallback=|| view! { <div class="category-head category-head--loading skeleton"></div> }>
            {move || Suspend::new(async move {
                match info.await {
                    Ok(c) => drawn(c),
                    Err(e) if e.is(ErrorCode::CategoryNotFound) || matches!(e, ApiError::NotFound(_)) => view! {
                        <NotFoundView text=NO_SUCH_CATEGORY/>
                    }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e on_retry=Callback::new(move |_| info.refetch())/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}
