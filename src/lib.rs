// The ssr feature's async renderers nest the view types deeper than the default limit
// ("queries overflow the depth limit!" computing `RenderHtml::resolve` layouts).
#![cfg_attr(feature = "prerender", recursion_limit = "256")]
//! Vitrina storefront. Layers point down:
//! `app → pages → components → state → routes / timer / config → api → domain`.

/// Transport only: one request helper, each backend's envelope, DTOs and calls.
pub mod api;
/// The router, the sign-in guard and the layout.
pub mod app;
/// Props in, view out; may read state, never call a backend.
pub mod components;
/// `config.json`: the four base URLs, validated.
pub mod config;
/// Pure rules and types, tested natively: no browser, no network.
pub mod domain;
/// One module per route: read params, load, hand to components.
pub mod pages;
/// Native rendering of pages to HTML at deploy time (issue 23 spike).
#[cfg(feature = "prerender")]
pub mod prerender;
/// Every URL as a `Route`: parse, path, href.
pub mod routes;
/// Context state and its verbs: session, cart, catalog, storage, toasts.
pub mod state;
/// The clock, sleep, the next painted frame, debounces.
pub mod timer;
