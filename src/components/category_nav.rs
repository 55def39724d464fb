//! The category tree as navigation: the sidebar of listings, and the map of every level.

use crate::domain::catalog::{products_count_label, CategoryNode};
use crate::routes::Route;
use crate::state::catalog::use_category_tree;
use leptos::prelude::*;

fn contains(node: &CategoryNode, id: &str) -> bool {
    node.id == id || node.children.iter().any(|c| contains(c, id))
}

fn node_link(node: &CategoryNode, current: &str) -> AnyView {
    let here = node.id == current;
    let count = node.count.map(|n| n.to_string());
    view! {
        <a class="cat-nav__link" class:cat-nav__link--here=here href=Route::category(&node.id).href() aria-current=here.then_some("page")>
            <span class="cat-nav__name">{node.name.clone()}</span>
            {count.map(|c| view! { <span class="cat-nav__count">{c}</span> })}
        </a>
    }
    .into_any()
}

fn branch(nodes: Vec<CategoryNode>, current: String, depth: u32) -> AnyView {
    view! {
        <ul class=format!("cat-nav__list cat-nav__list--{depth}")>
            {nodes.into_iter().map(|n| {
                let open = contains(&n, &current);
                let link = node_link(&n, &current);
                let children = n.children;
                view! {
                    <li class="cat-nav__item" class:cat-nav__item--open=open>
                        {link}
                        {(!children.is_empty() && (depth == 0 || open))
                            .then(|| branch(children, current.clone(), depth + 1))}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// Roots with their subcategories; the branch holding `current` is unfolded.
#[component]
pub fn CategoryNav(#[prop(into, optional)] current: Signal<String>) -> AnyView {
    // Drawn from the tree already in hand (the prerender): no skeleton.
    if let Some(roots) = crate::state::seed::seeded(|s| s.categories) {
        return nav(branch(roots, current.get_untracked(), 0));
    }
    let tree = use_category_tree();
    nav(view! {
            <Transition fallback=|| view! { <div class="skeleton cat-nav__skeleton"></div> }>
                {move || Suspend::new(async move {
                    match tree.await {
                        Ok(roots) => branch(roots, current.get(), 0),
                        // The listing beside it says what went wrong; the nav just stays out of the way.
                        Err(_) => ().into_any(),
                    }
                })}
            </Transition>
    }
    .into_any())
}

/// The navigation's frame around its list (or the list's skeleton).
fn nav(list: AnyView) -> AnyView {
    view! {
        <nav class="cat-nav" aria-label="Категории">
            <h2 class="cat-nav__title">"Категории"</h2>
            {list}
        </nav>
    }
    .into_any()
}

/// Every root with its whole subtree and product counts.
#[component]
pub fn CategoryMap(roots: Vec<CategoryNode>) -> impl IntoView {
    view! {
        // Render-then-swap (main.rs): /categories is drawn with its data.
        <div class="cat-map" data-testid="category-map" data-page-ready="">
            {roots.into_iter().map(|r| {
                let count = r.count.map(products_count_label);
                view! {
                    <section class="cat-map__group">
                        <h2 class="cat-map__title"><a href=Route::category(&r.id).href()>{r.name}</a></h2>
                        {count.map(|c| view! { <p class="cat-map__count">{c}</p> })}
                        {branch(r.children, String::new(), 9)}
                    </section>
                }
            }).collect_view()}
        </div>
    }
}
