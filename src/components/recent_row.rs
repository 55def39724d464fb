//! The «Вы смотрели» row: the products last opened on this device, drawn at once from what
//! was kept when each was opened (no request), with «Очистить». Once the row is seen, the
//! products on it this session has not read are read, so their prices are today's
//! (`state::recent`). Nothing to show, no row; the prerender has no device, so its HTML
//! never has one.

use crate::routes::Route;
use crate::state::recent::Recent;
use crate::state::session::use_session;
use crate::state::toasts::{use_toasts, ToastKind};
use leptos::html::Section;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The row on the home page (`current` None) or under the product `current`.
#[component]
pub fn RecentRow(current: Signal<Option<String>>) -> impl IntoView {
    let recent = Recent::follow();
    let toasts = use_toasts();
    let ep = use_session().commerce();
    let clear = move |_| {
        recent.clear();
        toasts.push(ToastKind::Info, "История просмотров очищена", None);
    };
    let row = NodeRef::<Section>::new();
    // Read what is on the row once it scrolls into view (and again under another product).
    Effect::new(move |_| {
        let Some(section) = row.get() else {
            return;
        };
        let shown = current.get();
        let ep = ep.clone();
        let seen = Closure::<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>::new(
            move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
                let now = entries.iter().any(|e| {
                    e.unchecked_into::<web_sys::IntersectionObserverEntry>()
                        .is_intersecting()
                });
                if now {
                    observer.disconnect();
                    leptos::task::spawn_local(recent.refresh(ep.clone(), shown.clone()));
                }
            },
        );
        let Ok(observer) = web_sys::IntersectionObserver::new(seen.as_ref().unchecked_ref()) else {
            return;
        };
        observer.observe(&section);
        // Dropped with this effect's run: the observer let go, its closure freed.
        let held = StoredValue::new_local((observer, seen));
        on_cleanup(move || {
            held.try_with_value(|(observer, _)| observer.disconnect());
        });
    });
    move || {
        let items = current.with(|c| recent.shown(c.as_deref()));
        (!items.is_empty()).then(|| view! {
            <section class="product-section" aria-labelledby="recent-title" data-testid="recent" node_ref=row>
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
