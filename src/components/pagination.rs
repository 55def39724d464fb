//! Page links that keep every other part of the view.

use crate::domain::catalog::page_window;
use leptos::prelude::*;

/// Numbered pages; `link(n)` builds the URL of page `n`.
#[component]
pub fn Pagination(
    current: u32,
    total_pages: u32,
    link: impl Fn(u32) -> String + 'static,
) -> impl IntoView {
    (total_pages > 1).then(|| {
        let prev = (current > 1).then(|| link(current - 1));
        let next = (current < total_pages).then(|| link(current + 1));
        let pages = page_window(current, total_pages)
            .into_iter()
            .map(|p| match p {
                Some(n) if n == current => view! {
                    <li><span class="pager__page pager__page--current" aria-current="page">{n}</span></li>
                }
                .into_any(),
                Some(n) => view! {
                    <li><a class="pager__page" href=link(n) aria-label=format!("Страница {n}")>{n}</a></li>
                }
                .into_any(),
                None => view! { <li><span class="pager__gap" aria-hidden="true">"…"</span></li> }.into_any(),
            })
            .collect_view();
        view! {
            <nav class="pager" aria-label="Страницы">
                <ul class="pager__list">
                    <li>{match prev {
                        Some(h) => view! { <a class="pager__step" href=h rel="prev">"← Назад"</a> }.into_any(),
                        None => view! { <span class="pager__step pager__step--off">"← Назад"</span> }.into_any(),
                    }}</li>
                    {pages}
                    <li>{match next {
                        Some(h) => view! { <a class="pager__step" href=h rel="next">"Вперёд →"</a> }.into_any(),
                        None => view! { <span class="pager__step pager__step--off">"Вперёд →"</span> }.into_any(),
                    }}</li>
                </ul>
            </nav>
        }
    })
}
