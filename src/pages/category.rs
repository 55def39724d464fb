//! `/category/:id`: breadcrumb, subcategories and the category's products with the
//! catalog's filters, sort and pages.

use crate::api::commerce::catalog;
use crate::components::{error_panel::ErrorPanel, filters::TagOption, listing::Listing};
use crate::domain::catalog::{CatalogQuery, CategoryInfo};
use crate::pages::catalog::{query_string, use_catalog_query};
use crate::pages::not_found::NotFoundView;
use crate::routes::href;
use crate::state::use_session;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/category/{id}?…` for a view of that category.
pub fn category_path(id: &str, q: &CatalogQuery) -> String {
    let q = CatalogQuery {
        category_id: None,
        ..q.clone()
    };
    format!(
        "/category/{}{}",
        crate::api::encode_component(id),
        query_string(&q)
    )
}

/// Breadcrumb: «Каталог» › root › … › this category.
#[component]
pub fn Breadcrumb(info: CategoryInfo, #[prop(optional)] last_is_link: bool) -> impl IntoView {
    let n = info.breadcrumb.len();
    view! {
        <nav class="breadcrumb" aria-label="Путь по каталогу" data-testid="breadcrumb">
            <ol>
                <li><a href=href("/catalog")>"Каталог"</a></li>
                {info.breadcrumb.into_iter().enumerate().map(|(i, c)| {
                    if i + 1 == n && !last_is_link {
                        view! { <li aria-current="page">{c.name}</li> }.into_any()
                    } else {
                        view! { <li><a href=href(&format!("/category/{}", c.id))>{c.name}</a></li> }.into_any()
                    }
                }).collect_view()}
            </ol>
        </nav>
    }
}

/// A category and its products.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let url_query = use_catalog_query();
    let view_query = Memo::new(move |_| CatalogQuery {
        category_id: Some(id.get()),
        ..url_query.get()
    });
    let info = LocalResource::new(move || {
        let id = id.get();
        let ep = session.commerce();
        async move { catalog::category(&ep, &id).await }
    });
    let products = LocalResource::new(move || {
        let q = view_query.get();
        let ep = session.commerce();
        async move { catalog::list(&ep, &q).await }
    });
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

    view! {
        <Transition fallback=|| view! { <div class="category-head category-head--loading skeleton"></div> }>
            {move || Suspend::new(async move {
                match info.await {
                    Ok(c) => {
                        let title = c.name.clone();
                        let children = c.children.clone();
                        let description = c.description.clone();
                        view! {
                            <Title text=title.clone()/>
                            <Breadcrumb info=c/>
                            <h1 class="page-title">{title}</h1>
                            {description.map(|d| view! { <p class="category-head__text">{d}</p> })}
                            {(!children.is_empty()).then(|| view! {
                                <ul class="subcategories" aria-label="Подкатегории">
                                    {children.into_iter().map(|(c, n)| view! {
                                        <li><a class="subcategory" href=href(&format!("/category/{}", c.id))>
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
                                path=Callback::new(move |q: CatalogQuery| category_path(&id.get_untracked(), &q))
                                prefetch=Callback::new(move |q: CatalogQuery| catalog::prefetch(
                                    &session.commerce(),
                                    &CatalogQuery { category_id: Some(id.get_untracked()), ..q },
                                ))
                                aside=move || view! { <crate::pages::categories::CategoryNav current=id/> }
                            />
                        }.into_any()
                    }
                    Err(e) if e.code() == Some("CATEGORY_NOT_FOUND") || matches!(e, crate::api::ApiError::NotFound(_)) => view! {
                        <NotFoundView text="Такой категории нет: возможно, её переименовали или убрали из каталога."/>
                    }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e on_retry=Callback::new(move |_| info.refetch())/> }.into_any(),
                }
            })}
        </Transition>
    }
}
