//! A stand-in for the browser's `fetch` that answers by URL, and waiting for what a page
//! shows — for the component tests that render whole pages from the seeds' examples.

use super::fixture::{keep, Mounted};
use super::{shop, sleep, text};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// A page mounted in a Router with the shop's state around it; drop the handle to leave
/// (else it is left when the test ends).
pub fn mount<V: IntoView + 'static>(
    page: impl FnOnce() -> V + Send + 'static,
) -> (web_sys::HtmlElement, Mounted) {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        leptos_meta::provide_meta_context();
        shop();
        view! { <leptos_router::components::Router>{page()}</leptos_router::components::Router> }
    });
    let kept = keep(Box::new(handle), host.clone());
    (host, kept)
}

/// Replaces `fetch` with answers by URL: the first route whose part the URL contains
/// answers with its status and body. Every URL asked is kept in `globalThis.__asked`.
pub fn serve(routes: &[(&str, u16, String)]) {
    let list = js_sys::Array::new();
    for (part, status, body) in routes {
        list.push(&js_sys::Array::of3(
            &JsValue::from_str(part),
            &JsValue::from(*status),
            &JsValue::from_str(body),
        ));
    }
    js_sys::Function::new_with_args(
        "routes",
        "globalThis.__realFetch = globalThis.__realFetch || globalThis.fetch;
         globalThis.__asked = [];
         globalThis.fetch = async (req) => {
           const url = typeof req === 'string' ? req : req.url;
           globalThis.__asked.push(url);
           for (const [part, status, body] of routes) {
             if (url.includes(part)) {
               return new Response(body, { status, headers: { 'Content-Type': 'application/json' } });
             }
           }
           return new Response('{}', { status: 599 });
         };",
    )
    .call1(&JsValue::NULL, &list)
    .unwrap();
}

pub fn restore() {
    js_sys::Function::new_no_args("globalThis.fetch = globalThis.__realFetch;")
        .call0(&JsValue::NULL)
        .unwrap();
}

pub fn asked() -> Vec<String> {
    let a: js_sys::Array = js_sys::Reflect::get(&js_sys::global(), &"__asked".into())
        .unwrap()
        .unchecked_into();
    a.iter().filter_map(|v| v.as_string()).collect()
}

/// Waits (up to 3 s) for `selector` to be in `el`.
pub async fn shown(el: &web_sys::HtmlElement, selector: &str) -> web_sys::Element {
    for _ in 0..300 {
        if let Some(found) = el.query_selector(selector).unwrap() {
            return found;
        }
        sleep(10).await;
    }
    panic!("no {selector} in: {}", text(el));
}

pub fn all(el: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let list = el.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default().replace('\u{a0}', " "))
        .collect()
}
