//! Reusable view pieces: data and callbacks in, view out. They may read app state through
//! context (the cart, the session) but never call a backend: fetching lives in state or
//! pages.

pub mod add_to_cart;
pub mod breadcrumb;
pub mod category_nav;
pub mod error_panel;
pub mod favorite_button;
pub mod filters;
pub mod header;
pub mod lazy;
pub mod listing;
pub mod not_found;
pub mod notice_page;
pub mod pagination;
pub mod price;
pub mod product_card;
pub mod readable;
pub mod recent_row;
pub mod secondary;
pub mod session_watch;
pub mod sign_in_required;
pub mod skeleton;
pub mod suggest;
pub mod toast;
