//! «Поделиться»: the browser's own share sheet where it has one (Web Share API), else the
//! page's canonical URL copied, with a toast. The URL is the product's alone: no variant,
//! no query, nothing of the session.

use crate::routes::Route;
use crate::state::toasts::{use_toasts, ToastKind, Toasts};
use js_sys::{Function, Object, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The product's canonical address: this origin, the app's base, `/product/<id>`.
fn canonical(id: &str) -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}{}", Route::product(id).href())
}

/// `obj.name` when it is a function (absent in browsers without it, or over plain http).
fn method(obj: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(obj, &name.into())
        .ok()?
        .dyn_into::<Function>()
        .ok()
}

async fn call(f: Function, this: &JsValue, arg: &JsValue) -> Result<JsValue, JsValue> {
    let p: Promise = f.call1(this, arg)?.dyn_into()?;
    JsFuture::from(p).await
}

async fn share(title: String, url: String, toasts: Toasts) {
    let nav: JsValue = window().navigator().into();
    if let Some(share) = method(&nav, "share") {
        let data = Object::new();
        let _ = Reflect::set(&data, &"title".into(), &title.into());
        let _ = Reflect::set(&data, &"url".into(), &url.clone().into());
        match call(share, &nav, &data).await {
            Ok(_) => return,
            // The shopper closed the sheet: nothing to say.
            Err(e) if error_name(&e).as_deref() == Some("AbortError") => return,
            // Refused (no sheet on this device): copy instead.
            Err(_) => {}
        }
    }
    let clipboard = Reflect::get(&nav, &"clipboard".into()).unwrap_or(JsValue::UNDEFINED);
    let copied = match method(&clipboard, "writeText") {
        Some(write) => call(write, &clipboard, &url.clone().into()).await.is_ok(),
        None => false,
    };
    if copied {
        toasts.push(ToastKind::Success, "Ссылка на товар скопирована", None);
    } else {
        toasts.push(ToastKind::Info, format!("Ссылка на товар: {url}"), None);
    }
}

fn error_name(e: &JsValue) -> Option<String> {
    Reflect::get(e, &"name".into()).ok()?.as_string()
}

#[component]
pub fn ShareButton(id: Memo<String>, title: String) -> impl IntoView {
    let toasts = use_toasts();
    let click = move |_| {
        let (title, url) = (title.clone(), canonical(&id.get_untracked()));
        leptos::task::spawn_local(share(title, url, toasts));
    };
    view! {
        <button type="button" class="btn btn--ghost btn--small product__share" on:click=click data-testid="share">
            "Поделиться"
        </button>
    }
}
