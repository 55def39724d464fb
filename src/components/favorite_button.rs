//! The heart that marks a product as a favorite: a toggle button (`aria-pressed`) whose
//! name says what pressing it does, on cards and on the product page.

use crate::domain::favorites::Favorite;
use crate::state::favorites::use_favorites;
use leptos::prelude::*;

/// The heart for the product `id` named `name`; `large` on the product page.
#[component]
pub fn FavoriteButton(id: String, name: String, #[prop(optional)] large: bool) -> impl IntoView {
    let favorites = use_favorites();
    let on = {
        let id = id.clone();
        move || favorites.contains(&id)
    };
    let pressed = {
        let on = on.clone();
        move || if on() { "true" } else { "false" }
    };
    let label = {
        let name = name.clone();
        move || {
            let verb = if on() {
                "Убрать из избранного"
            } else {
                "Добавить в избранное"
            };
            format!("{verb}: {name}")
        }
    };
    let toggle = move |_| {
        favorites.toggle(Favorite::new(id.clone(), name.clone()));
    };
    view! {
        <button
            type="button"
            class=if large { "fav fav--large" } else { "fav" }
            aria-pressed=pressed
            aria-label=label
            on:click=toggle
            data-testid="favorite"
        >
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                <path d="M12 20.5s-7.5-4.6-9.3-9.2C1.5 8.1 3.6 4.5 7.1 4.5c2 0 3.5 1.1 4.9 2.9 1.4-1.8 2.9-2.9 4.9-2.9 3.5 0 5.6 3.6 4.4 6.8-1.8 4.6-9.3 9.2-9.3 9.2z"/>
            </svg>
        </button>
    }
}
