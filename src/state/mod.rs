//! App-wide reactive state, provided once at the root through context. Each piece has
//! private fields and a few verbs; fetching for shared data happens here, not in views.

pub mod cart;
pub mod catalog;
pub mod chunks;
pub mod favorites;
pub mod listings;
pub mod network;
pub mod place;
pub mod recent;
pub mod resource;
pub mod scroll;
pub mod seed;
pub mod session;
pub mod storage;
pub mod suggest;
pub mod toasts;

pub use session::{use_session, Session};
pub use toasts::{use_toasts, Toasts};

use leptos::prelude::provide_context;

/// Puts the state every page reads into context — the session, toasts, the cart that
/// depends on both, the catalog's shared memory and the shopper's place — and returns the
/// cart.
pub fn provide_shop(session: Session) -> cart::Cart {
    provide_context(session);
    let toasts = Toasts::new();
    provide_context(toasts);
    storage::report_failures_to(toasts);
    let cart = cart::Cart::install(session, toasts);
    provide_context(cart);
    provide_context(catalog::CatalogStore::install(session));
    provide_context(place::Place::new());
    favorites::Favorites::install();
    network::install();
    cart
}
