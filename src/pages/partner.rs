//! `/partner` — for now a notice; the full page comes with its issue.

use crate::components::notice_page::NoticePage;
use crate::routes::Route;
use leptos::prelude::*;

/// `/partner`: partner profile, level and bonus balance — built by the partner issue.
#[component]
pub fn PartnerPage() -> impl IntoView {
    view! { <NoticePage title="Кабинет партнёра" text="Здесь появятся уровень, бонусный баланс и его история." link=Route::catalog() link_text="Перейти в каталог"/> }
}
