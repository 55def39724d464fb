//! A simple page: heading, one sentence, one way onward.

use crate::routes::Route;
use leptos::prelude::*;
use leptos_meta::Title;

/// For routes whose full page belongs to a later issue: says honestly what is there.
#[component]
pub fn NoticePage(
    title: &'static str,
    text: &'static str,
    link: Route,
    link_text: &'static str,
) -> impl IntoView {
    view! {
        <Title text=title/>
        <section class="stub-page">
            <h1 class="page-title">{title}</h1>
            <p>{text}</p>
            <a class="btn" href=link.href()>{link_text}</a>
        </section>
    }
}
