//! `LocalResource` with its fetcher and future boxed: leptos' resource machinery (the
//! derived-async closures and `ScopedFuture::poll` around the body) is compiled once per
//! output type instead of once per call site.

use futures_util::future::LocalBoxFuture;
use leptos::prelude::*;

/// `LocalResource::new`, for a fetcher that returns `Box::pin(async move { … })`.
pub fn resource<T: 'static>(
    fetch: impl Fn() -> LocalBoxFuture<'static, T> + 'static,
) -> LocalResource<T> {
    boxed(Box::new(fetch))
}

/// Generic over `T` only: one copy per output type.
fn boxed<T: 'static>(fetch: Box<dyn Fn() -> LocalBoxFuture<'static, T>>) -> LocalResource<T> {
    LocalResource::new(fetch)
}
