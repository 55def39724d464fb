//! Boot only: panic hook, then configuration, then the app.

use leptos::prelude::*;
use vitrina::{app, config, routes};
use wasm_bindgen::JsCast;

fn main() {
    console_error_panic_hook::set_once();
    routes::init_base();
    // Config loads before the app mounts (and before leptos starts its executor).
    wasm_bindgen_futures::spawn_local(async {
        match config::load().await {
            Ok(cfg) => match prerendered() {
                // Render-then-swap: the prerendered page stays while the app draws into a
                // hidden root; once the page's view with its data is in that root (an element
                // with `data-page-ready`), the two swap in one frame.
                Some((pre, root)) => {
                    let shown = root.clone();
                    leptos::mount::mount_to(root, move || view! { <app::App config=cfg/> })
                        .forget();
                    swap_when_drawn(pre, shown, 0);
                }
                None => {
                    mount_to_body(move || view! { <app::App config=cfg/> });
                }
            },
            Err(e) => {
                mount_to_body(move || view! { <app::ConfigErrorPage error=e/> });
            }
        }
        remove_boot_placeholder();
    });
}

/// Checks each frame whether the app's page is drawn, then swaps; after 10 s (an error
/// panel, a page without the marker) it swaps anyway.
fn swap_when_drawn(pre: web_sys::Element, root: web_sys::HtmlElement, frames: u32) {
    request_animation_frame(move || {
        let drawn = root
            .query_selector("[data-page-ready]")
            .ok()
            .flatten()
            .is_some();
        if drawn || frames > 600 {
            pre.remove();
            root.set_hidden(false);
        } else {
            swap_when_drawn(pre, root, frames + 1);
        }
    });
}

/// A prerendered page (`#prerendered`) and a new hidden root for the app after it.
fn prerendered() -> Option<(web_sys::Element, web_sys::HtmlElement)> {
    let doc = web_sys::window()?.document()?;
    let pre = doc.get_element_by_id("prerendered")?;
    let root: web_sys::HtmlElement = doc.create_element("div").ok()?.unchecked_into();
    root.set_id("app");
    root.set_hidden(true);
    doc.body()?.append_child(&root).ok()?;
    Some((pre, root))
}

/// `index.html` shows a placeholder until the app mounts, so a slow phone never sees white.
fn remove_boot_placeholder() {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        el.remove();
    }
}
