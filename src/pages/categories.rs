//! `/categories`: the whole tree, every level, with product counts.

use crate::components::{category_nav::CategoryMap, error_panel::ErrorPanel};
use crate::state::{catalog::use_category_tree, seed};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CategoriesPage() -> impl IntoView {
    let head = view! {
        <Title text="Все категории"/>
        <h1 class="page-title">"Все категории"</h1>
    };
    // Drawn from the tree already in hand (the prerender): no skeleton.
    if let Some(roots) = seed::seeded(|s| s.categories) {
        return view! { {head} <CategoryMap roots=roots/> }.into_any();
    }
    let tree = use_category_tree();
    view! {
        {head}
        <Transition fallback=|| view! { <div class="skeleton cat-nav__skeleton"></div> }>
            {move || Suspend::new(async move {
                match tree.await {
                    Ok(roots) => view! { <CategoryMap roots=roots/> }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e on_retry=Callback::new(move |_| tree.refetch())/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}
