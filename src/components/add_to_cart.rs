//! «В корзину»: shows progress while the cart takes the product and success once it has.

use leptos::prelude::*;
use std::future::Future;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AddState {
    Idle,
    Adding,
    Added,
}

/// How long «В корзине» stays before the button is ready for another unit.
const ADDED_FOR: Duration = Duration::from_millis(1800);

/// The button; `action` adds to the cart and says why it could not. `disabled` only where
/// availability can change under the button (a variant picker); cards leave it out, which
/// saves two reactive parts per card.
#[component]
pub fn AddToCart<F, Fut>(
    action: F,
    #[prop(optional, into)] disabled: Option<Signal<bool>>,
    #[prop(optional)] large: bool,
) -> impl IntoView
where
    F: Fn() -> Fut + Clone + 'static,
    Fut: Future<Output = Result<(), String>> + 'static,
{
    let state = RwSignal::new(AddState::Idle);
    let click = move |_| {
        if state.get_untracked() == AddState::Adding {
            return;
        }
        state.set(AddState::Adding);
        let fut = action();
        leptos::task::spawn_local(async move {
            match fut.await {
                Ok(()) => {
                    state.set(AddState::Added);
                    set_timeout(
                        move || {
                            if state.try_get_untracked() == Some(AddState::Added) {
                                state.set(AddState::Idle);
                            }
                        },
                        ADDED_FOR,
                    );
                }
                // The reason is on the toast and the cart line.
                Err(_) => state.set(AddState::Idle),
            }
        });
    };
    let label = move || match state.get() {
        AddState::Idle if disabled.is_some_and(|d| d.get()) => "Нет в наличии",
        AddState::Idle => "В корзину",
        AddState::Adding => "Добавляем…",
        AddState::Added => "В корзине ✓",
    };
    view! {
        <button
            type="button"
            class="btn add-to-cart"
            class:btn--large=large
            class:add-to-cart--done=move || state.get() == AddState::Added
            aria-busy=move || (state.get() == AddState::Adding).to_string()
            disabled=disabled.map(|d| move || d.get())
            on:click=click
            data-testid="add-to-cart"
        >
            <span aria-live="polite">{label}</span>
        </button>
    }
}
