//! Pages whose code arrives in their own wasm chunk, fetched when the page is first opened.
//!
//! A release build (`scripts/build.sh`, `--cfg vitrina_split`) splits every function made by
//! [`lazy_page!`] into a chunk of its own (`tools/split-bindgen`); other builds (tests,
//! lints, native) call the page directly. A chunk that fails to load shows an error panel
//! with «Повторить» instead of stopping the app: the split functions are `fallible`.

use crate::api::ApiError;
use crate::components::error_panel::ErrorPanel;
use leptos::prelude::*;
use std::{future::Future, pin::Pin};

/// A page's code could not be loaded (the loader logs why to the console).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkError;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// A page on its way: its view once its chunk is in.
pub type PageFuture = Pin<Box<dyn Future<Output = Result<AnyView, ChunkError>>>>;

/// What [`LazyPage`] loads: the page's future, boxed, so that one copy of the loading
/// machinery serves every page.
pub type PageLoad = fn() -> PageFuture;

/// `fn $name()`, a [`PageLoad`] of `$page`, whose code is split into the chunk `$chunk` in
/// release builds.
#[macro_export]
macro_rules! lazy_page {
    ($name:ident, $chunk:ident, $page:expr) => {
        pub fn $name() -> $crate::components::lazy::PageFuture {
            #[cfg(vitrina_split)]
            #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
            fn $name() -> Result<::leptos::prelude::AnyView, $crate::components::lazy::ChunkError> {
                Ok(::leptos::prelude::IntoAny::into_any($page()))
            }
            #[cfg(not(vitrina_split))]
            async fn $name() -> Result<::leptos::prelude::AnyView, $crate::components::lazy::ChunkError> {
                Ok(::leptos::prelude::IntoAny::into_any($page()))
            }
            Box::pin($name())
        }
    };
}

/// The page `load` gives, once its chunk is in. Until then the page keeps its height (nothing
/// below jumps) and, if the wait lasts (CSS: after 300 ms), says «Загружаем страницу…»; a
/// failed load offers «Повторить».
#[component]
pub fn LazyPage(load: PageLoad) -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    let waiting = RwSignal::new(true);
    let page = move || {
        attempt.track();
        // Not Send (the page's view holds browser objects); this app has one thread.
        Suspend::new(leptos::__reexports::send_wrapper::SendWrapper::new(
            async move {
                let loaded = load().await;
                waiting.set(false);
                match loaded {
                    Ok(page) => page,
                    Err(_) => view! {
                        <ErrorPanel
                            error=ApiError::Network("часть витрины не загрузилась".into())
                            title="Страница не загрузилась"
                            on_retry=move |()| {
                                waiting.set(true);
                                attempt.update(|n| *n += 1);
                            }
                        />
                    }
                    .into_any(),
                }
            },
        ))
    };
    view! {
        {move || waiting.get().then(|| view! {
            <div class="lazy-wait" role="status" data-testid="lazy-wait">
                <div class="boot__bar"></div>
                <p>"Загружаем страницу…"</p>
            </div>
        })}
        {page}
    }
}
