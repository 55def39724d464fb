//! Vitrina storefront: module map.

pub mod api;
pub mod app;
pub mod components;
pub mod config;
pub mod domain;
pub mod pages;
pub mod routes;
pub mod state;
pub mod timer;
