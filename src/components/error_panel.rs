//! A failed load explained in place: what happened, the request id, and a retry that
//! waits out a rate limit instead of hammering the backend.

use crate::api::ApiError;
use crate::timer::now_unix;
use leptos::prelude::*;

/// Local wall-clock time of a unix second, `19:40:12`.
pub fn clock_time(unix: u64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix as f64 * 1000.0));
        format!(
            "{:02}:{:02}:{:02}",
            d.get_hours(),
            d.get_minutes(),
            d.get_seconds()
        )
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let s = unix % 86_400;
        format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    }
}

/// The error of a section, with a retry button when retrying can help.
#[component]
pub fn ErrorPanel(
    error: ApiError,
    #[prop(optional, into)] on_retry: Option<Callback<()>>,
    #[prop(optional, into)] title: Option<String>,
) -> impl IntoView {
    let retry_at = match &error {
        ApiError::RateLimited(r) => r.retry_at(),
        _ => None,
    };
    // Ticking only while there is a wait to count down.
    let now = match retry_at {
        Some(_) => crate::timer::clock(),
        None => RwSignal::new(now_unix()).read_only(),
    };
    let wait = move || retry_at.map(|t| t.saturating_sub(now.get()));
    let can_retry = move || wait().is_none_or(|w| w == 0);
    let heading = title.unwrap_or_else(|| match &error {
        ApiError::RateLimited(_) => "Слишком много запросов".into(),
        ApiError::Network(_) | ApiError::Timeout { .. } => "Нет связи с магазином".into(),
        ApiError::NotFound(_) => "Ничего не нашлось".into(),
        _ => "Не удалось загрузить".into(),
    });
    let message = match &error {
        ApiError::RateLimited(_) => {
            "Магазин просит немного подождать перед следующим запросом.".to_string()
        }
        other => other.user_message(),
    };
    let request_id = error.request_id().map(str::to_string);
    let kind = match &error {
        ApiError::RateLimited(_) => "rate-limited",
        ApiError::Network(_) => "network",
        ApiError::Timeout { .. } => "timeout",
        ApiError::Server(_) => "server",
        ApiError::Decode { .. } => "decode",
        _ => "refused",
    };
    let retryable = on_retry.is_some() && error.is_transient();
    // A lost connection: tried again by itself once the network is back.
    if let (Some(cb), "network" | "timeout") = (on_retry, kind) {
        crate::state::network::when_back(cb);
    }

    view! {
        <section class="error-panel" role="alert" data-testid="error-panel" data-kind=kind>
            <h2 class="error-panel__title">{heading}</h2>
            <p class="error-panel__text">{message}</p>
            {retry_at.map(|t| view! {
                <p class="error-panel__wait" data-testid="retry-at">
                    {move || match wait() {
                        Some(w) if w > 0 => format!("Повторить можно через {w} с — в {}.", clock_time(t)),
                        _ => format!("Можно повторить (ограничение снято в {}).", clock_time(t)),
                    }}
                </p>
            })}
            {request_id.map(|id| view! {
                <p class="error-panel__meta">"Код запроса для поддержки: " <code>{id}</code></p>
            })}
            {retryable.then(|| view! {
                <button
                    class="btn"
                    prop:disabled=move || !can_retry()
                    on:click=move |_| if let Some(cb) = on_retry { cb.run(()) }
                >"Повторить"</button>
            })}
        </section>
    }
}
