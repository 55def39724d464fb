//! 404: an unknown address, with ways back into the shop.

use crate::components::not_found::NotFoundView;
use leptos::prelude::*;

/// The page for any URL the shop does not have.
#[component]
pub fn NotFound() -> impl IntoView {
    view! { <NotFoundView text="Такой страницы нет. Возможно, ссылка устарела или в адресе опечатка."/> }
}
