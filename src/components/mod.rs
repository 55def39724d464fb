//! Reusable view pieces: props in, view out; they never fetch.

pub mod add_to_cart;
pub mod error_panel;
pub mod filters;
pub mod header;
pub mod listing;
pub mod notice_page;
pub mod pagination;
pub mod price;
pub mod product_card;
pub mod session_watch;
pub mod skeleton;
pub mod toast;
