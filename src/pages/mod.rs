//! One module per route, thin: read params → load → hand to components.

pub mod cart;
pub mod catalog;
pub mod categories;
pub mod category;
pub mod checkout;
pub mod favorites;
pub mod home;
pub mod not_found;
pub mod orders;
pub mod partner;
pub mod product;
pub mod signin;
