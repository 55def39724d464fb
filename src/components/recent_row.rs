//! The «Вы смотрели» row: the products last opened on this device, drawn from what was
//! kept when each was opened (no request), with «Очистить». Nothing to show, no
//! row; the prerender has no device, so its HTML never has one.

use crate::routes::Route;
use crate::state::recent::Recent;
use crate::state::toasts::{use_toasts, ToastKind};
use leptos::prelude::*;

/// The row on the home page (`current` None) or under the product `current`.
#[component]
pub fn RecentRow(current: Signal<Option<String>>) -> impl IntoView {
    let recent = Recent::follow();
    let toasts = use_toasts();
    let clear = move |_| {
        recent.clear();
        toasts.push(ToastKind::Info, "История просмотров очищена", None);
    };
    move || {
        let items = current.with(|c| recent.shown(c.as_deref()));
        (!items.is_empty()).then(|| view! {
            <section class="product-section" aria-labelledby="recent-title" data-testid="recent">
                <div class="section-head">
                    <h2 class="section-title" id="recent-title">"Вы смотрели"</h2>
                    // The name starts with the visible word (a voice-control user says it).
                    <button type="button" class="btn btn--ghost btn--small" on:click=clear aria-label="Очистить историю просмотров" data-testid="recent-clear">
                        "Очистить"
                    </button>
                </div>
                <ul class="related recent-list">
                    {items.into_iter().map(|x| view! {
                        <li>
                            <a class="related__item" href=Route::product(&x.id).href() data-testid="recent-item">
                                {x.image.clone().map(|t| view! { <img src=t alt="" loading="lazy" width="72" height="72"/> })}
                                <span class="related__name">{x.name.clone()}</span>
                                <span class="related__price">{x.money().to_string()}</span>
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}
