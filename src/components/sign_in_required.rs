//! The one guard of sign-in-only pages (orders, checkout, the partner cabinet): the view of
//! the parent route (app.rs) that holds every page the route table marks `sign_in`.

use crate::routes::{current_path, Route};
use crate::state::use_session;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Outlet, hooks::use_location};

/// Shows the page (the route's `<Outlet/>`) once signed in; before that, or after signing
/// out, an invitation to sign in and return to this very page.
#[component]
pub fn SignInRequired() -> impl IntoView {
    let session = use_session();
    let signed_in = Memo::new(move |_| session.is_signed_in());
    let location = use_location();
    // The guard stays while the shopper moves between its pages: the way back follows.
    let back = move || {
        location.pathname.track();
        location.search.track();
        location.hash.track();
        Route::sign_in_to(&current_path()).href()
    };
    move || {
        if signed_in.get() {
            view! { <Outlet/> }.into_any()
        } else {
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
