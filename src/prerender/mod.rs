//! Issue 23: a page drawn natively to HTML by the same view code the browser runs,
//! from data already in hand (`state::seed::Seed`), at deploy time. Built only with the
//! `prerender` feature (leptos `ssr` on top of `csr`).

pub mod fetch;
pub mod site;
pub mod write;

use crate::config::Config;
use crate::state::{seed::Seed, Session};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, ServerMetaContext};
use leptos_router::location::RequestUrl;

/// What one page renders to: the `<main>` contents and the head tags leptos_meta collected.
pub struct Rendered {
    pub body: String,
    pub head: String,
}

/// The page at `path` drawn from `seed` (no request): the pages' real views, inside a router
/// at that URL and the shop's context (session, cart, toasts) without a browser. The routes
/// and layout are the app's own (`app::Shell`).
pub fn page(config: Config, path: &str, seed: Seed) -> Rendered {
    // Effects must not run here (leptos' own SSR builds them without `effects`; csr turns it
    // on): an executor that drops what is spawned. With `init_futures_executor` they ran on
    // its thread pool and panicked there ("…outside a reactive tracking context" from a
    // SendWrapper on another thread), e.g. the catalog's URL-sync effect.
    let _ = any_spawner::Executor::init_local_custom_executor(NoEffects);
    // A shared context that says "server": without it leptos_dom's `is_server()` is false
    // (csr is on too) and `window_event_listener` calls wasm-bindgen natively, which panics
    // ("function not implemented on non-wasm32 targets").
    let owner = Owner::new_root(Some(std::sync::Arc::new(
        hydration_context::SsrSharedContext::new(),
    )));
    // Drawing once is not tracking: no "…outside a reactive tracking context" warnings
    // (debug builds print one per signal read, thousands a page).
    let _quiet = leptos::reactive::diagnostics::SpecialNonReactiveZone::enter();
    owner.with(|| {
        let (meta, output) = ServerMetaContext::new();
        provide_context(meta);
        provide_meta_context();
        // The URL as the browser has it: under a sub-path deployment, with the base.
        provide_context(RequestUrl::new(&format!("{}{path}", crate::routes::base())));
        provide_context(seed);
        let session = Session::new(config);
        crate::state::provide_shop(session);
        // The app's own layout and routes: lazy pages are plain async functions natively
        // (no `vitrina_split`), and the in-order stream waits for their `Suspend`.
        let app = view! { <crate::app::Shell/> };
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
        let body = without_inline_styles(body);
        Rendered { body, head }
    })
}

/// `html` without `style` attributes: the Content-Security-Policy allows no inline style
/// (`style-src 'self'`), and the app sets its widths through the CSSOM (`style:width`),
/// which natively renders as `style="width:78%;"`. A width in percent becomes
/// `data-width` in steps of ten (style/base.css sizes those); any other style is dropped.
pub fn without_inline_styles(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(" style=\"") {
        out.push_str(&rest[..at]);
        let value_at = at + " style=\"".len();
        let Some(len) = rest[value_at..].find('"') else {
            rest = &rest[at..];
            break;
        };
        let value = &rest[value_at..value_at + len];
        let percent = value
            .trim()
            .trim_end_matches(';')
            .strip_prefix("width:")
            .and_then(|w| w.trim().strip_suffix('%'))
            .and_then(|w| w.trim().parse::<f64>().ok())
            .filter(|w| w.is_finite());
        if let Some(w) = percent {
            let step = ((w.clamp(0.0, 100.0) / 10.0).round() * 10.0) as u32;
            out.push_str(&format!(" data-width=\"{step}\""));
        }
        rest = &rest[value_at + len + 1..];
    }
    out.push_str(rest);
    out
}

/// Spawns nothing: server rendering runs no effects and no background tasks.
struct NoEffects;

impl any_spawner::CustomExecutor for NoEffects {
    fn spawn(&self, _fut: any_spawner::PinnedFuture<()>) {}
    fn spawn_local(&self, _fut: any_spawner::PinnedLocalFuture<()>) {}
    fn poll_local(&self) {}
}
