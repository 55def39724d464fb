//! «Каталог › root › … › here»: where a category or product sits in the tree.

use crate::domain::catalog::Crumb;
use crate::routes::Route;
use leptos::prelude::*;

/// The path by links; `here` is the page's own name, shown unlinked at the end.
#[component]
pub fn Breadcrumb(
    crumbs: Vec<Crumb>,
    #[prop(optional, into)] here: Option<String>,
) -> impl IntoView {
    view! {
        <nav class="breadcrumb" aria-label="Путь по каталогу" data-testid="breadcrumb">
            <ol>
                <li><a href=Route::catalog().href()>"Каталог"</a></li>
                {crumbs.into_iter().map(|c| view! {
                    <li><a href=Route::category(&c.id).href()>{c.name}</a></li>
                }).collect_view()}
                {here.map(|h| view! { <li aria-current="page">{h}</li> })}
            </ol>
        </nav>
    }
}
