//! The heart that marks a product as a favorite: a toggle button (`aria-pressed`) whose
//! name says what pressing it does, on cards and on the product page.
//!
//! Plain HTML with no reactive part of its own: it is drawn in the state of the moment, and
//! `state::favorites` keeps every heart on the page in step (one effect) and hears their
//! clicks (one listener), reading the product from `data-fav` / `data-name`. A card in
//! the catalog's first load so carries no closures for the heart.

use crate::state::favorites::{heart_label, heart_pressed, use_favorites};
use leptos::prelude::*;

/// The heart for the product `id` named `name`; `large` on the product page.
#[component]
pub fn FavoriteButton(id: String, name: String, #[prop(optional)] large: bool) -> impl IntoView {
    let on = use_favorites().marked(&id);
    view! {
        <button
            type="button"
            class=if large { "fav fav--large" } else { "fav" }
            aria-pressed=heart_pressed(on)
            aria-label=heart_label(on, &name)
            data-fav=id
            data-name=name
            data-testid="favorite"
        >
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                <path d="M12 20.5s-7.5-4.6-9.3-9.2C1.5 8.1 3.6 4.5 7.1 4.5c2 0 3.5 1.1 4.9 2.9 1.4-1.8 2.9-2.9 4.9-2.9 3.5 0 5.6 3.6 4.4 6.8-1.8 4.6-9.3 9.2-9.3 9.2z"/>
            </svg>
        </button>
    }
}
