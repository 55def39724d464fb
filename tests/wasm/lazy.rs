//! Lazy pages (components/lazy.rs) while their code is on its way, and when it fails: what
//! the shopper reads, what a screen reader is told, the tab's title.

use super::fixture::fixture;
use super::{render, sleep, text, tick};
use leptos::prelude::*;
use std::sync::atomic::{AtomicU32, Ordering::SeqCst};
use vitrina::components::lazy::{ChunkError, Lazy, LazyPage, PageFuture};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

static FLAKY_LOADS: AtomicU32 = AtomicU32::new(0);

/// A lazy page whose code fails to arrive the first time.
fn flaky_page() -> PageFuture {
    Box::pin(async {
        if FLAKY_LOADS.fetch_add(1, SeqCst) == 0 {
            Err(ChunkError)
        } else {
            Ok(view! { <h1>"Корзина"</h1> }.into_any())
        }
    })
}

fn lazy(chunk: &'static str, title: &'static str, load: fn() -> PageFuture) -> Lazy {
    Lazy { chunk, title, load }
}

fn button(el: &web_sys::HtmlElement) -> web_sys::HtmlElement {
    el.query_selector("[data-testid=error-panel] button")
        .unwrap()
        .expect("a button on the panel")
        .unchecked_into()
}

fn panel(el: &web_sys::HtmlElement) -> Option<web_sys::Element> {
    el.query_selector("[data-testid=error-panel]").unwrap()
}

/// Waits (up to 2 s) for the error panel.
async fn panel_shown(el: &web_sys::HtmlElement) -> web_sys::Element {
    for _ in 0..200 {
        if let Some(p) = panel(el) {
            return p;
        }
        sleep(10).await;
    }
    panic!("no error panel in: {}", text(el));
}

#[wasm_bindgen_test]
async fn a_lazy_page_that_fails_to_load_says_so_and_loads_on_retry() {
    let _clean = fixture();
    let el = render(|| view! { <LazyPage page=lazy("cart", "Корзина", flaky_page)/> });
    panel_shown(&el).await;
    assert!(
        text(&el).contains("Страница не загрузилась"),
        "{}",
        text(&el)
    );
    assert!(!text(&el).contains("Корзина"));
    assert!(
        !text(&el).contains("Загружаем"),
        "no loading line beside the error"
    );
    let retry = button(&el);
    assert_eq!(text(&retry), "Повторить");
    retry.click();
    tick().await;
    assert!(text(&el).contains("Корзина"), "{}", text(&el));
    assert!(!text(&el).contains("Страница не загрузилась"));
    assert_eq!(FLAKY_LOADS.load(SeqCst), 2);
}

/// A lazy page whose code never arrives, after 40 ms each time.
fn broken_page() -> PageFuture {
    Box::pin(async {
        sleep(40).await;
        Err(ChunkError)
    })
}

#[wasm_bindgen_test]
async fn a_chunk_that_did_not_load_is_not_called_a_lost_connection() {
    let _clean = fixture();
    let el = render(|| view! { <LazyPage page=lazy("cart", "Корзина", broken_page)/> });
    let shown = panel_shown(&el).await;
    let t = text(&el);
    assert!(t.contains("Код этой страницы не загрузился"), "{t}");
    assert!(!t.to_lowercase().contains("связ"), "{t}");
    assert!(!t.to_lowercase().contains("сет"), "{t}");
    assert_eq!(shown.get_attribute("data-kind").as_deref(), Some("chunk"));
}

#[wasm_bindgen_test]
async fn a_second_failure_after_retry_is_a_new_panel() {
    let _clean = fixture();
    let el = render(|| view! { <LazyPage page=lazy("cart", "Корзина", broken_page)/> });
    let first = panel_shown(&el).await;
    assert!(!text(&el).contains("Попытка"), "{}", text(&el));
    button(&el).click();
    tick().await;
    // While the second try is on its way, the first failure is gone.
    assert!(panel(&el).is_none(), "the old panel stays: {}", text(&el));
    assert!(text(&el).contains("Загружаем страницу…"), "{}", text(&el));
    let second = panel_shown(&el).await;
    assert!(!first.is_connected(), "the first panel was taken away");
    assert!(second.is_connected());
    assert!(
        text(&el).contains("Попытка 2 — снова не получилось."),
        "{}",
        text(&el)
    );
}

/// A lazy page whose code takes 60 ms to arrive.
fn slow_page() -> PageFuture {
    Box::pin(async {
        sleep(60).await;
        Ok(view! { <h1>"Вход"</h1> }.into_any())
    })
}

async fn wait_for(el: &web_sys::HtmlElement, words: &str) {
    for _ in 0..50 {
        if text(el).contains(words) {
            return;
        }
        tick().await;
    }
    panic!("no «{words}» in: {}", text(el));
}

#[wasm_bindgen_test]
async fn a_lazy_page_says_it_is_loading_until_its_code_is_in() {
    let _clean = fixture();
    let el = render(|| view! { <LazyPage page=lazy("signin", "Вход", slow_page)/> });
    tick().await;
    assert!(text(&el).contains("Загружаем страницу…"), "{}", text(&el));
    assert!(!text(&el).contains("Вход"));
    wait_for(&el, "Вход").await;
    assert!(!text(&el).contains("Загружаем"), "{}", text(&el));
}

#[wasm_bindgen_test]
async fn the_loading_status_is_in_a_live_region_there_before_and_after() {
    let _clean = fixture();
    let el = render(|| view! { <LazyPage page=lazy("signin", "Вход", slow_page)/> });
    tick().await;
    let status = el
        .query_selector("[role=status]")
        .unwrap()
        .expect("a status region");
    assert_eq!(status.get_attribute("aria-live").as_deref(), Some("polite"));
    assert!(
        status
            .text_content()
            .unwrap_or_default()
            .contains("Загружаем страницу…"),
        "the status says it: {}",
        text(&el)
    );
    wait_for(&el, "Вход").await;
    // The same region stays (a live region must be there before its words change, or
    // screen readers miss them), now silent.
    assert!(status.is_connected(), "the live region was removed");
    assert_eq!(status.text_content().unwrap_or_default(), "");
}

#[wasm_bindgen_test]
async fn the_tab_has_the_new_pages_title_while_its_code_is_on_its_way() {
    let _clean = fixture();
    let doc = web_sys::window().unwrap().document().unwrap();
    doc.set_title("Каталог — Витрина");
    let el = render(|| {
        leptos_meta::provide_meta_context();
        view! { <LazyPage page=lazy("cart", "Корзина", slow_page)/> }
    });
    tick().await;
    assert!(text(&el).contains("Загружаем страницу…"), "{}", text(&el));
    assert_eq!(doc.title(), "Корзина");
    wait_for(&el, "Вход").await;
}

/// `fetch` answering every URL with `make()` (a Response, or a rejection).
fn stand_in_fetch(body: &str) {
    js_sys::Function::new_no_args(&format!(
        "globalThis.__realFetch = globalThis.__realFetch || globalThis.fetch;
         globalThis.__asked = [];
         globalThis.fetch = async (req) => {{
           globalThis.__asked.push(typeof req === 'string' ? req : req.url);
           {body}
         }};"
    ))
    .call0(&JsValue::NULL)
    .unwrap();
}

/// The list of each page's chunks, as scripts/split-post.mjs writes it into index.html.
fn chunk_list() -> web_sys::Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let list = doc.create_element("script").unwrap();
    list.set_id("vitrina-chunks");
    list.set_attribute("type", "application/json").unwrap();
    list.set_text_content(Some(r##"{"#":"9f1c0e","cart":"3"}"##));
    doc.head().unwrap().append_child(&list).unwrap();
    list
}

async fn failure_with(answer: &str) -> (String, Option<String>, Vec<String>) {
    stand_in_fetch(answer);
    let el = render(|| view! { <LazyPage page=lazy("cart", "Корзина", broken_page)/> });
    let shown = panel_shown(&el).await;
    let asked: js_sys::Array = js_sys::Reflect::get(&js_sys::global(), &"__asked".into())
        .unwrap()
        .unchecked_into();
    let asked = asked.iter().filter_map(|v| v.as_string()).collect();
    (text(&el), shown.get_attribute("data-kind"), asked)
}

#[wasm_bindgen_test]
async fn a_chunk_gone_after_a_redeploy_says_the_shop_was_updated() {
    let _clean = fixture();
    let list = chunk_list();
    // A host with an SPA fallback: index.html, 200, where the wasm was asked for.
    let (t, kind, asked) = failure_with(
        "return new Response('<!doctype html><title>Витрина</title>', \
         { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } });",
    )
    .await;
    assert_eq!(kind.as_deref(), Some("updated"), "{t}");
    assert!(t.contains("Витрина обновилась"), "{t}");
    assert!(
        t.contains("корзина и начатое оформление заказа сохранятся"),
        "{t}"
    );
    assert!(t.ends_with("Обновить страницу"), "{t}");
    assert!(!t.contains("Повторить"), "{t}");
    assert!(
        asked
            .first()
            .is_some_and(|u| u.ends_with("/chunk_3-9f1c0e.wasm")),
        "{asked:?}"
    );
    // The same with a 404, and with a wasm answer that is no wasm (no content type).
    let (t, kind, _) = failure_with("return new Response('Not Found', { status: 404 });").await;
    assert_eq!(kind.as_deref(), Some("updated"), "{t}");
    let (t, kind, _) =
        failure_with("return new Response('<!doctype html>', { status: 200, headers: {} });").await;
    assert_eq!(kind.as_deref(), Some("updated"), "{t}");
    // The chunk there (wasm magic bytes): it failed for another reason.
    let (t, kind, asked) = failure_with(
        "return new Response(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]), \
         { status: 200, headers: { 'Content-Type': 'application/wasm' } });",
    )
    .await;
    assert_eq!(kind.as_deref(), Some("chunk"), "{t}");
    assert_eq!(asked.len(), 2, "both files asked: {asked:?}");
    // No network, and a failing server: said as such, with «Повторить».
    let (t, kind, _) = failure_with("throw new TypeError('Failed to fetch');").await;
    assert_eq!(kind.as_deref(), Some("offline"), "{t}");
    assert!(t.contains("Нет сети"), "{t}");
    assert!(t.ends_with("Повторить"), "{t}");
    let (t, kind, _) = failure_with("return new Response('', { status: 503 });").await;
    assert_eq!(kind.as_deref(), Some("server"), "{t}");
    assert!(t.contains("ошибка 503"), "{t}");
    list.remove();
    js_sys::Function::new_no_args("globalThis.fetch = globalThis.__realFetch;")
        .call0(&JsValue::NULL)
        .unwrap();
}
