//! App-wide reactive state, provided once at the root through context.

pub mod cart;
pub mod categories;
pub mod place;
pub mod scroll;
pub mod session;
pub mod toasts;

pub use session::{use_session, Session};
pub use toasts::{use_toasts, Toasts};
