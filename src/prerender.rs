//! Spike (issue 23): a page drawn natively to HTML by the same view code the browser runs,
//! from data already in hand (`state::seed::Seed`), at deploy time. Built only with the
//! `prerender` feature (leptos `ssr` on top of `csr`).

use crate::config::Config;
use crate::domain::catalog::ProductDetail;
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

/// `/product/<id>` drawn with `product` (no request): the product page's real views, inside
/// a router at that URL and the shop's context (session, cart, toasts) without a browser.
pub fn product_page(config: Config, path: &str, product: ProductDetail) -> Rendered {
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
        provide_context(Seed {
            product: Some(product),
        });
        let session = Session::new(config);
        crate::state::provide_shop(session);
        let body = view! {
            <Title text="" formatter=|t: String| if t.is_empty() { "Витрина".to_string() } else { format!("{t} — Витрина") }/>
            <Router>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/product/:id") view=pages::product::ProductPage/>
                </Routes>
            </Router>
        }
        .to_html();
        // leptos_meta writes the head into the first chunk of a document stream.
        let shell = futures_util::stream::iter(vec!["<head></head>".to_string()]);
        let head = futures_executor::block_on(async move {
            use futures_util::StreamExt;
            output
                .inject_meta_context(shell)
                .await
                .collect::<Vec<String>>()
                .await
                .concat()
        });
        let head = head
            .trim_start_matches("<head>")
            .trim_end_matches("</head>")
            .to_string();
        Rendered { body, head }
    })
}
