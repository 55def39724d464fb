//! `/partner`: partner profile, level and bonus balance — built by the partner issue.

use crate::routes::href;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/partner`: partner profile, level and bonus balance — built by the partner issue.
#[component]
pub fn PartnerPage() -> impl IntoView {
    view! {
        <Title text="Кабинет партнёра"/>
        <section class="stub-page">
            <h1 class="page-title">"Кабинет партнёра"</h1>
            <p>"Кабинет партнёра откроется после входа."</p>
            <a class="btn" href=href("/catalog")>"Перейти в каталог"</a>
        </section>
    }
}
