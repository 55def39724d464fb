//! Pure shop logic: no leptos, no web-sys, so every rule here is testable natively.

pub mod attributes;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod codes;
pub mod dates;
pub mod favorites;
pub mod json;
pub mod money;
pub mod orders;
pub mod partner;
pub mod phone;
pub mod recent;
pub mod review;
pub mod seo;
pub mod suggest;
pub mod text;
