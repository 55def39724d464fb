//! Spike (issue 23): a page drawn natively to HTML by the same view code the browser runs,
//! from data already in hand (`state::seed::Seed`), at deploy time. Built only with the
//! `prerender` feature (leptos `ssr` on top of `csr`).

use crate::config::Config;
use crate::pages;
use crate::state::{seed::Seed, Session};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, ServerMetaContext, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    location::RequestUrl,
    path,
};

/// What one page renders to: the `<main>` contents and the head tags leptos_meta collected.
pub struct Rendered {
    pub body: String,
    pub head: String,
}

/// The page at `path` drawn from `seed` (no request): the pages' real views, inside a router
/// at that URL and the shop's context (session, cart, toasts) without a browser. The routes
/// name the page components directly: the app's own routes wrap them in `LazyPage`, whose
/// `Suspend` a synchronous `to_html` does not wait for.
pub fn page(config: Config, path: &str, seed: Seed) -> Rendered {
    let _ = any_spawner::Executor::init_futures_executor();
    // A shared context that says "server": without it leptos_dom's `is_server()` is false
    // (csr is on too) and `window_event_listener` calls wasm-bindgen natively, which panics
    // ("function not implemented on non-wasm32 targets").
    let owner = Owner::new_root(Some(std::sync::Arc::new(
        hydration_context::SsrSharedContext::new(),
    )));
    owner.with(|| {
        let (meta, output) = ServerMetaContext::new();
        provide_context(meta);
        provide_meta_context();
        provide_context(RequestUrl::new(path));
        provide_context(seed);
        let session = Session::new(config);
        crate::state::provide_shop(session);
        let app = view! {
            <Title text="" formatter=|t: String| if t.is_empty() { "Витрина".to_string() } else { format!("{t} — Витрина") }/>
            <Router>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::HomePage/>
                    <Route path=path!("/catalog") view=pages::catalog::CatalogPage/>
                    <Route path=path!("/product/:id") view=pages::product::ProductPage/>
                </Routes>
            </Router>
        };
        // leptos_meta writes the head into the first chunk of a document stream, reading the
        // title's closures then: the view must still be alive (a `to_html()` string first,
        // then the head, panics with "…has already been disposed" on the page's memos).
        use futures_util::StreamExt;
        let shell = futures_util::stream::iter(vec!["<head></head>".to_string()]);
        let doc = shell.chain(app.to_html_stream_in_order());
        let all = futures_executor::block_on(async move {
            output
                .inject_meta_context(doc)
                .await
                .collect::<Vec<String>>()
                .await
                .concat()
        });
        let (head, body) = all.split_once("</head>").unwrap_or(("", &all));
        let head = head.trim_start_matches("<head>").to_string();
        let body = body.to_string();
        Rendered { body, head }
    })
}
