//! The transport (`api::http::send`) against a stand-in for the browser's `fetch`: what it
//! sends, what it reads back, and how a timeout and a network failure come out.

use super::fixture::fixture;
use vitrina::api::http::{send, HttpRequest, IdempotencyKey, Method};
use vitrina::api::ApiError;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

/// Replaces `globalThis.fetch` for one test with a function built from `body`, which gets
/// the `Request` as `req` and records it as `globalThis.__sent`.
fn fake_fetch(body: &str) {
    let install = js_sys::Function::new_no_args(&format!(
        "globalThis.__sent = null;
         globalThis.__realFetch = globalThis.__realFetch || globalThis.fetch;
         globalThis.fetch = async (req) => {{ globalThis.__sent = req; {body} }};"
    ));
    install.call0(&JsValue::NULL).unwrap();
}

fn restore_fetch() {
    js_sys::Function::new_no_args("globalThis.fetch = globalThis.__realFetch;")
        .call0(&JsValue::NULL)
        .unwrap();
}

fn sent() -> web_sys::Request {
    js_sys::Reflect::get(&js_sys::global(), &"__sent".into())
        .unwrap()
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn sends_method_headers_and_body_and_reads_only_the_exposed_headers() {
    let _clean = fixture();
    fake_fetch(
        r#"return new Response('{"ok":true}', { status: 201, headers: {
            'Content-Type': 'application/json', 'X-Request-Id': 'req-7',
            'Retry-After': '30', 'X-Secret': 'never read' } });"#,
    );
    let key = IdempotencyKey::from_string("00000000-0000-4000-8000-000000000007");
    let url = "https://api.example/cart/items?page=1&q=%D0%BA%D0%BE%D1%82%D1%91%D0%BB%20x";
    let req = HttpRequest::new(Method::Post, url.into())
        .bearer(Some("tok"))
        .idempotency(&key)
        .json(r#"{"productId":"p1"}"#.into());
    let got = send(req).await;
    let sent = sent();
    restore_fetch();
    let got = got.expect("a 201 is a response, not an error");
    assert_eq!(got.status, 201);
    assert_eq!(got.body, r#"{"ok":true}"#);
    assert_eq!(got.header("x-request-id"), Some("req-7"));
    assert_eq!(got.header("Retry-After"), Some("30"));
    assert_eq!(got.header("x-secret"), None);
    assert_eq!(sent.method(), "POST");
    assert_eq!(sent.url(), url, "the URL leaves exactly as written");
    assert_eq!(sent.mode(), web_sys::RequestMode::Cors);
    let h = sent.headers();
    assert_eq!(
        h.get("authorization").unwrap().as_deref(),
        Some("Bearer tok")
    );
    assert_eq!(
        h.get("idempotency-key").unwrap().as_deref(),
        Some("00000000-0000-4000-8000-000000000007")
    );
    assert_eq!(
        h.get("content-type").unwrap().as_deref(),
        Some("application/json")
    );
    assert_eq!(
        h.get("accept").unwrap().as_deref(),
        Some("application/json")
    );
}

#[wasm_bindgen_test]
async fn an_error_status_is_a_response_for_the_backend_layer_to_read() {
    let _clean = fixture();
    fake_fetch(r#"return new Response('{"error":{"code":"NOT_FOUND"}}', { status: 404 });"#);
    let got = send(HttpRequest::new(
        Method::Get,
        "https://api.example/products/x".into(),
    ))
    .await;
    restore_fetch();
    let got = got.unwrap();
    assert_eq!(got.status, 404);
    assert!(got.body.contains("NOT_FOUND"));
}

#[wasm_bindgen_test]
async fn a_request_over_its_time_is_aborted_and_called_a_timeout() {
    let _clean = fixture();
    // Answers only when aborted, the way fetch does.
    fake_fetch(
        r#"return new Promise((_, reject) => req.signal.addEventListener('abort',
            () => reject(new DOMException('The user aborted a request.', 'AbortError'))));"#,
    );
    let mut req = HttpRequest::new(Method::Get, "https://api.example/slow".into());
    req.timeout_ms = 30;
    let got = send(req).await;
    let aborted = sent().signal().aborted();
    restore_fetch();
    assert_eq!(got, Err(ApiError::Timeout { after_ms: 30 }));
    assert!(aborted, "the fetch itself was aborted, not just abandoned");
}

#[wasm_bindgen_test]
async fn a_network_failure_is_an_error_value_with_the_browsers_words() {
    let _clean = fixture();
    fake_fetch("throw new TypeError('Failed to fetch');");
    let got = send(HttpRequest::new(
        Method::Get,
        "https://api.example/down".into(),
    ))
    .await;
    restore_fetch();
    assert_eq!(got, Err(ApiError::Network("Failed to fetch".into())));
}

#[wasm_bindgen_test]
async fn a_header_value_fetch_would_refuse_is_an_error_not_a_crash() {
    let _clean = fixture();
    fake_fetch("return new Response('');");
    let req = HttpRequest::new(Method::Get, "https://api.example/me".into())
        .bearer(Some("tok\r\nX-Injected: 1"));
    let got = send(req).await;
    let went_out = !js_sys::Reflect::get(&js_sys::global(), &"__sent".into())
        .unwrap()
        .is_null();
    restore_fetch();
    assert!(matches!(got, Err(ApiError::Network(_))), "{got:?}");
    assert!(!went_out, "nothing is sent with a broken header");
}
