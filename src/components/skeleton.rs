//! Loading placeholders that keep the final layout's size, so nothing jumps.

use leptos::prelude::*;

/// A grid of grey cards shaped like product cards.
#[component]
pub fn ProductGridSkeleton(#[prop(default = 12)] count: usize) -> impl IntoView {
    view! {
        <ul class="product-grid" aria-busy="true" aria-label="Загрузка товаров">
            {(0..count).map(|_| view! {
                <li class="card card--skeleton">
                    <div class="card__media skeleton"></div>
                    <div class="card__body">
                        <div class="skeleton skeleton--line"></div>
                        <div class="skeleton skeleton--line skeleton--short"></div>
                        <div class="skeleton skeleton--price"></div>
                    </div>
                </li>
            }).collect_view()}
        </ul>
    }
}
