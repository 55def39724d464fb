//! Boot only: panic hook, then configuration, then the app.

use leptos::prelude::*;
use vitrina::{app, config, routes};

fn main() {
    console_error_panic_hook::set_once();
    routes::init_base();
    // Config loads before the app mounts (and before leptos starts its executor).
    wasm_bindgen_futures::spawn_local(async {
        match config::load().await {
            Ok(cfg) => {
                mount_to_body(move || view! { <app::App config=cfg/> });
            }
            Err(e) => {
                mount_to_body(move || view! { <app::ConfigErrorPage error=e/> });
            }
        }
        remove_boot_placeholder();
    });
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
