//! The one guard of sign-in-only pages (orders, checkout, the partner cabinet): the page
//! only for a signed-in shopper, otherwise a way to sign in that comes back here.

use crate::routes::{current_path, Route};
use crate::state::use_session;
use leptos::prelude::*;
use leptos_meta::Title;

/// Shows `page` once signed in; before that, or after signing out, an invitation to sign
/// in and return to this very page. A plain `fn`: one copy for every guarded route.
#[component]
pub fn SignInRequired(page: fn() -> AnyView) -> impl IntoView {
    let session = use_session();
    let signed_in = Memo::new(move |_| session.is_signed_in());
    move || {
        if signed_in.get() {
            page()
        } else {
            let back = Route::sign_in_to(&current_path()).href();
            view! {
                <Title text="Вход"/>
                <section class="stub-page" data-testid="sign-in-required">
                    <h1 class="page-title">"Войдите, чтобы продолжить"</h1>
                    <p>"Эта страница открывается только после входа: так ваши заказы и данные видны только вам."</p>
                    <a class="btn" href=back>"Войти"</a>
                </section>
            }
            .into_any()
        }
    }
}
