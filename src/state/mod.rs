//! App-wide reactive state, provided once at the root through context.

pub mod cart;
pub mod categories;
pub mod place;
pub mod scroll;
pub mod session;
pub mod toasts;

pub use session::{use_session, Session};
pub use toasts::{use_toasts, Toasts};

use leptos::prelude::provide_context;

/// The browser's localStorage, when there is one (not in private modes that refuse it).
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Puts the state every page reads into context — the session, toasts and the cart that
/// depends on both — and returns the cart.
pub fn provide_shop(session: Session) -> cart::Cart {
    provide_context(session);
    let toasts = Toasts::new();
    provide_context(toasts);
    let cart = cart::Cart::install(session, toasts);
    provide_context(cart);
    cart
}
