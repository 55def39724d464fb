//! Pages whose code arrives in their own wasm chunk, fetched when the page is first opened.
//!
//! A release build (`scripts/build.sh`, `--cfg vitrina_split`) splits every function made by
//! [`lazy_page!`] into a chunk of its own (`tools/split-bindgen`); other builds (tests,
//! lints, native) call the page directly. A chunk that fails to load shows a panel instead
//! of stopping the app (the split functions are `fallible`), saying why: the shop was
//! redeployed under this tab («Витрина обновилась», with a reload that keeps the cart and
//! the checkout draft — both in localStorage), the network, the server, or the chunk itself.

use crate::state::chunks::{diagnose, ChunkFailure};
use leptos::prelude::*;
use leptos_meta::Title;
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

/// A lazy page: its chunk's name (the key of index.html's `#vitrina-chunks` list), the tab
/// title it has from its first frame (the page may refine it once its data is in; "" is the
/// shop's own), and its loader.
#[derive(Clone, Copy)]
pub struct Lazy {
    pub chunk: &'static str,
    pub title: &'static str,
    pub load: PageLoad,
}

/// `const $name: Lazy` for `$page`, whose code is split into the chunk `$chunk` in release
/// builds, titled `$title` until the page sets its own.
#[macro_export]
macro_rules! lazy_page {
    ($name:ident, $chunk:ident, $title:expr, $page:expr) => {
        #[allow(non_upper_case_globals)]
        pub const $name: $crate::components::lazy::Lazy = $crate::components::lazy::Lazy {
            chunk: stringify!($chunk),
            title: $title,
            load: {
                fn $name() -> $crate::components::lazy::PageFuture {
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
                $name
            },
        };
    };
}

/// The page `page.load` gives, once its chunk is in. The tab has the page's title from the
/// first frame. Until the code is in, the page keeps its height (nothing below jumps) and,
/// if the wait lasts (CSS: after 300 ms), says «Загружаем страницу…» — in a live region that
/// is there from the start, so screen readers announce it. A failed load explains itself;
/// «Повторить» takes the panel away at once, so a second failure is a new panel.
#[component]
pub fn LazyPage(page: Lazy) -> impl IntoView {
    let Lazy { chunk, title, load } = page;
    let attempt = RwSignal::new(1u32);
    // A page drawn from seeded data (the prerender) never says «Загружаем страницу…»: its
    // code is in, and the in-order stream writes the status before the page.
    let waiting = RwSignal::new(crate::state::seed::current().is_none());
    let failed = RwSignal::new(None::<(ChunkFailure, u32)>);
    let retry = Callback::new(move |()| {
        failed.set(None);
        waiting.set(true);
        attempt.update(|n| *n += 1);
    });
    let content = move || {
        let n = attempt.get();
        // Not Send (the page's view holds browser objects); this app has one thread.
        Suspend::new(leptos::__reexports::send_wrapper::SendWrapper::new(
            async move {
                let loaded = load().await;
                let view = match loaded {
                    Ok(page) => page,
                    Err(_) => {
                        let why = diagnose(chunk).await;
                        failed.set(Some((why, n)));
                        ().into_any()
                    }
                };
                waiting.set(false);
                view
            },
        ))
    };
    view! {
        <Title text=title/>
        <div class="lazy-status" role="status" aria-live="polite" data-testid="lazy-status">
            {move || waiting.get().then(|| view! {
                <div class="lazy-wait" data-testid="lazy-wait">
                    <div class="boot__bar"></div>
                    <p>"Загружаем страницу…"</p>
                </div>
            })}
        </div>
        {move || failed.get().map(|(why, n)| view! { <ChunkPanel why attempt=n retry/> })}
        {content}
    }
}

/// Why a page's code did not load, and what to do: reload for a new version, else retry.
#[component]
fn ChunkPanel(why: ChunkFailure, attempt: u32, retry: Callback<()>) -> impl IntoView {
    let (kind, heading, text) = match why {
        ChunkFailure::Updated => (
            "updated",
            "Витрина обновилась".to_string(),
            "Пока страница была открыта, вышла новая версия витрины. Обновите страницу — \
             корзина и начатое оформление заказа сохранятся."
                .to_string(),
        ),
        ChunkFailure::Offline => (
            "offline",
            "Страница не загрузилась".to_string(),
            "Нет сети: код этой страницы не загрузился. Загрузим его, как только связь вернётся."
                .to_string(),
        ),
        ChunkFailure::Server(status) => (
            "server",
            "Страница не загрузилась".to_string(),
            format!("Сервер не отдал код этой страницы (ошибка {status}). Попробуйте ещё раз."),
        ),
        ChunkFailure::Broken => (
            "chunk",
            "Страница не загрузилась".to_string(),
            "Код этой страницы не загрузился. Попробуйте ещё раз.".to_string(),
        ),
    };
    if why == ChunkFailure::Offline {
        crate::state::network::when_back(retry);
    }
    view! {
        <section class="error-panel" role="alert" data-testid="error-panel" data-kind=kind>
            <h2 class="error-panel__title">{heading}</h2>
            <p class="error-panel__text">{text}</p>
            {(attempt > 1).then(|| view! {
                <p class="error-panel__meta" data-testid="lazy-attempt">
                    {format!("Попытка {attempt} — снова не получилось.")}
                </p>
            })}
            {if why == ChunkFailure::Updated {
                view! {
                    <button class="btn" on:click=|_| {
                        let _ = window().location().reload();
                    }>"Обновить страницу"</button>
                }.into_any()
            } else {
                view! {
                    <button class="btn" on:click=move |_| retry.run(())>"Повторить"</button>
                }.into_any()
            }}
        </section>
    }
}
