//! Where toasts appear; errors show the backend's message and the request id for support.

use crate::state::toasts::{use_toasts, ToastKind};
use leptos::prelude::*;

/// Renders the toast queue in a polite live region.
#[component]
pub fn ToastHost() -> impl IntoView {
    let toasts = use_toasts();
    view! {
        <div class="toasts" role="status" aria-live="polite">
            <For each=move || toasts.list.get() key=|t| t.id let:t>
                <div class=format!("toast toast--{}", match t.kind {
                    ToastKind::Info => "info",
                    ToastKind::Success => "success",
                    ToastKind::Error => "error",
                }) data-testid="toast">
                    <p class="toast__text">{t.text.clone()}</p>
                    {t.request_id.clone().map(|id| view! {
                        <p class="toast__meta">"Код запроса: " <code>{id}</code></p>
                    })}
                    {t.action.clone().map(|a| view! {
                        <button type="button" class="toast__action" data-testid="toast-action" on:click=move |_| {
                            toasts.dismiss(t.id);
                            (a.run)();
                        }>{a.label.clone()}</button>
                    })}
                    <button class="toast__close" aria-label="Закрыть" on:click=move |_| toasts.dismiss(t.id)>"×"</button>
                </div>
            </For>
        </div>
    }
}
