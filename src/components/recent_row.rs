//! The «Вы смотрели» row: the products last opened on this device, drawn from what was
//! kept when each was opened (no request), with «Очистить». Nothing to show, no row; the
//! prerender has no device, so its HTML never has one.

use crate::routes::Route;
use crate::state::recent::use_recent;
use crate::state::toasts::{use_toasts, ToastKind};
use leptos::prelude::*;

/// The row on the home page (`current` None) or under the product `current`.
#[component]
pub fn RecentRow(#[prop(into)] current: Signal<Option<String>>) -> impl IntoView {
    let recent = use_recent();
    let toasts = use_toasts();
    let items = Memo::new(move |_| current.with(|c| recent.shown(c.as_deref())));
    let clear = move |_| {
        recent.clear();
        toasts.push(ToastKind::Info, "История просмотров очищена", None);
    };
    view! {
        <Show when=move || items.with(|l| !l.is_empty())>
            <section class="product-section recent" aria-labelledby="recent-title" data-testid="recent">
                <div class="section-head">
                    <h2 class="section-title" id="recent-title">"Вы смотрели"</h2>
                    <button type="button" class="btn btn--ghost btn--small" on:click=clear data-testid="recent-clear">
                        "Очистить историю"
                    </button>
                </div>
                <ul class="related recent__list">
                    <For each=move || items.get() key=|x| x.id.clone() let:x>
                        <li>
                            <a class="related__item" href=Route::product(&x.id).href() data-testid="recent-item">
                                {x.image.clone().map(|t| view! { <img src=t alt="" loading="lazy" width="72" height="72"/> })}
                                <span class="related__name">{x.name.clone()}</span>
                                <span class="related__price">{x.money().to_string()}</span>
                            </a>
                        </li>
                    </For>
                </ul>
            </section>
        </Show>
    }
}
