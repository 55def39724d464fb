//! `/partner`, `/partner/history`, `/partner/withdrawals`: the partner's cabinet (seed 004,
//! docs/integration.md §11) — profile, level and the way to the next one, support contacts,
//! organizations (cabinet.rs); the bonus balance's history with its chart (history.rs);
//! withdrawal requests (withdrawals.rs). One chunk for the three.

mod cabinet;
mod form;
mod history;
mod payout;
mod withdrawals;

use crate::api::partner::cabinet::profile as load_profile;
use crate::api::ApiError;
use crate::components::error_panel::ErrorPanel;
use crate::components::notice_page::NoticePage;
use crate::domain::money::rub_text;
use crate::domain::partner::cabinet::PartnerProfile;
use crate::domain::partner::history::HistoryFilter;
use crate::domain::partner::WithdrawalsFilter;
use crate::routes::Route;
use crate::state::resource::resource;
use crate::state::use_session;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

/// The partner's profile, shared by the sections; read again after anything changes it.
#[derive(Clone, Copy)]
pub(super) struct Profile {
    pub id: StoredValue<String>,
    pub data: LocalResource<Result<PartnerProfile, ApiError>>,
}

impl Profile {
    /// The bonus balance, once the profile is in (a mounter's only).
    pub fn balance(&self) -> Option<rust_decimal::Decimal> {
        self.data.with(|d| {
            d.as_ref()
                .and_then(|r| r.as_ref().ok())
                .and_then(|p| p.bonus_balance)
        })
    }
}

#[component]
pub fn PartnerPage() -> impl IntoView {
    let session = use_session();
    move || {
        match session.partner_id() {
        None => view! {
            <NoticePage title="Кабинет партнёра"
                text="Кабинет — только для партнёров: монтажников и дилеров. Комиссия, уровень и бонусы появятся здесь, когда ваш профиль станет партнёрским."
                link=Route::catalog() link_text="Перейти в каталог"/>
        }
        .into_any(),
        Some(id) => view! { <CabinetOf id=id/> }.into_any(),
    }
    }
}

/// Partner `id`'s cabinet (pub for the component tests, which give it the seed's examples).
#[component]
pub fn CabinetOf(id: String) -> impl IntoView {
    let session = use_session();
    let id = StoredValue::new(id);
    let data = resource(move || {
        let ep = session.partner();
        let id = id.get_value();
        Box::pin(async move { load_profile(&ep, &id).await })
    });
    let profile = Profile { id, data };
    provide_context(profile);
    let path = use_location().pathname;
    let section = move || {
        path.with(|p| {
            if p.ends_with("/history") {
                2
            } else if p.ends_with("/withdrawals") {
                3
            } else {
                1
            }
        })
    };
    let tab = move |n: u8, href: String, label: &'static str| {
        view! {
            <a class="tabs__tab" href=href aria-current=move || (section() == n).then_some("page")>{label}</a>
        }
    };
    // Whether the profile is in and is a mounter's: a profile read again after a change
    // (a withdrawal, an organization) keeps the sections as they are.
    let state = Memo::new(move |_| {
        data.with(|d| {
            d.as_ref().map(|r| {
                r.as_ref()
                    .map(|p| p.bonus_balance.is_some())
                    .map_err(Clone::clone)
            })
        })
    });
    view! {
        <Title text="Кабинет партнёра"/>
        <h1 class="page-title">"Кабинет партнёра"</h1>
        {move || match state.get() {
            None => view! { <p class="checkout-wait">"Загружаем кабинет…"</p> }.into_any(),
            Some(Err(e)) => view! { <ErrorPanel error=e on_retry=Callback::new(move |_| data.refetch())/> }.into_any(),
            Some(Ok(mounter)) => view! {
                {mounter.then(|| view! {
                    <nav class="tabs" aria-label="Разделы кабинета">
                        {tab(1, Route::Partner.href(), "Обзор")}
                        {tab(2, Route::PartnerHistory(HistoryFilter::default()).href(), "История")}
                        {tab(3, Route::PartnerWithdrawals(WithdrawalsFilter::default()).href(), "Вывод средств")}
                    </nav>
                })}
                <div class="partner">
                    {move || match (section(), mounter) {
                        (2, true) => view! { <history::History/> }.into_any(),
                        (3, true) => view! { <withdrawals::Withdrawals/> }.into_any(),
                        _ => view! { <cabinet::Overview/> }.into_any(),
                    }}
                </div>
            }
            .into_any(),
        }}
    }
}

/// «+1 500 ₽» / «−200,23 ₽».
pub(super) fn signed(addition: bool, value: rust_decimal::Decimal) -> String {
    format!("{}{}", if addition { "+" } else { "−" }, rub_text(value))
}
