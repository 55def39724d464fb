//! `/signin?next=…`: phone, then the one-time code; back to `next` once signed in.

use crate::api::commerce::auth;
use crate::api::ApiError;
use crate::api::ErrorCode;
use crate::domain::phone::{format_partial, to_e164};
use crate::routes::safe_return;
use crate::state::use_session;
use crate::timer::now_unix;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// Seconds before another code may be asked for, unless the backend says otherwise.
const RESEND_AFTER: u64 = 30;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Phone,
    Code,
}

/// Seconds to wait that a refusal names (`Retry-After`), if any.
fn wait_of(e: &ApiError) -> Option<u64> {
    match e {
        ApiError::RateLimited(r) => r.limit.wait_seconds(r.received_at),
        _ => None,
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let next = move || safe_return(query.with_untracked(|q| q.get("next")).as_deref());
    let reason = move || query.with(|q| q.get("reason"));

    let step = RwSignal::new(Step::Phone);
    let phone_text = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let resend_at = RwSignal::new(0u64);
    let now = crate::timer::clock();
    let wait = move || resend_at.get().saturating_sub(now.get());

    let send_code = move || {
        let Some(phone) = to_e164(&phone_text.get_untracked()) else {
            error.set(Some("Введите номер полностью: +7 и ещё 10 цифр.".into()));
            return;
        };
        busy.set(true);
        error.set(None);
        let ep = session.commerce();
        leptos::task::spawn_local(async move {
            match auth::request_code(&ep, &phone).await {
                Ok(_) => {
                    step.set(Step::Code);
                    resend_at.set(now_unix() + RESEND_AFTER);
                }
                Err(e) => {
                    // A code already on its way: go on to the code, with the real wait.
                    if let Some(w) = wait_of(&e) {
                        step.set(Step::Code);
                        resend_at.set(now_unix() + w);
                    }
                    error.set(Some(e.user_message()));
                }
            }
            busy.set(false);
        });
    };

    let verify = {
        let navigate = navigate.clone();
        move || {
            let Some(phone) = to_e164(&phone_text.get_untracked()) else {
                step.set(Step::Phone);
                return;
            };
            let c: String = code
                .get_untracked()
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            if c.len() < 4 {
                error.set(Some("Введите код из сообщения — 4 цифры.".into()));
                return;
            }
            busy.set(true);
            error.set(None);
            let ep = session.commerce();
            let navigate = navigate.clone();
            leptos::task::spawn_local(async move {
                match auth::verify(&ep, &phone, &c).await {
                    Ok(signed) => {
                        session.sign_in(signed, now_unix());
                        navigate(
                            next().path(),
                            NavigateOptions {
                                replace: true,
                                ..Default::default()
                            },
                        );
                    }
                    Err(e) => {
                        let msg = match e.code() {
                            Some(ErrorCode::InvalidCode) => {
                                "Неверный код. Проверьте цифры из сообщения.".to_string()
                            }
                            Some(ErrorCode::CodeExpired) => {
                                "Код истёк. Запросите новый.".to_string()
                            }
                            _ => e.user_message(),
                        };
                        error.set(Some(msg));
                        code.set(String::new());
                    }
                }
                busy.set(false);
            });
        }
    };

    let on_phone_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_code();
    };
    let on_code_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        verify();
    };

    view! {
        <Title text="Вход"/>
        <div class="signin">
            <h1 class="page-title">"Вход"</h1>
            {move || reason().filter(|r| r == "expired").map(|_| view! {
                <p class="signin__notice" role="status">"Сеанс истёк — войдите снова, и мы вернём вас туда, где вы были."</p>
            })}
            {move || match step.get() {
                Step::Phone => view! {
                    <form class="signin__form" on:submit=on_phone_submit novalidate>
                        <label class="field">
                            <span class="field__label">"Номер телефона"</span>
                            <input
                                class="field__input"
                                type="tel"
                                inputmode="tel"
                                autocomplete="tel"
                                name="phone"
                                placeholder="+7 (999) 123-45-67"
                                data-testid="phone"
                                prop:value=move || phone_text.get()
                                on:input=move |ev| phone_text.set(format_partial(&event_target_value(&ev)))
                            />
                        </label>
                        <p class="field__hint">"Пришлём код в SMS. Номер нужен только для входа и заказов."</p>
                        <button class="btn btn--large" type="submit" disabled=move || busy.get()>
                            {move || if busy.get() { "Отправляем…" } else { "Получить код" }}
                        </button>
                    </form>
                }.into_any(),
                Step::Code => view! {
                    <form class="signin__form" on:submit=on_code_submit.clone() novalidate>
                        <p class="signin__sent">"Код отправлен на " <b>{move || phone_text.get()}</b></p>
                        <label class="field">
                            <span class="field__label">"Код из сообщения"</span>
                            <input
                                class="field__input field__input--code"
                                type="text"
                                inputmode="numeric"
                                autocomplete="one-time-code"
                                maxlength="6"
                                name="code"
                                data-testid="code"
                                prop:value=move || code.get()
                                on:input=move |ev| code.set(event_target_value(&ev))
                            />
                        </label>
                        <button class="btn btn--large" type="submit" disabled=move || busy.get()>
                            {move || if busy.get() { "Проверяем…" } else { "Войти" }}
                        </button>
                        <div class="signin__links">
                            <button type="button" class="link-button" on:click=move |_| { step.set(Step::Phone); error.set(None); }>"Изменить номер"</button>
                            <button
                                type="button"
                                class="link-button"
                                data-testid="resend"
                                disabled={move || wait() > 0 || busy.get()}
                                on:click=move |_| send_code()
                            >
                                {move || match wait() {
                                    0 => "Отправить код ещё раз".to_string(),
                                    w => format!("Отправить снова через {w} с"),
                                }}
                            </button>
                        </div>
                    </form>
                }.into_any(),
            }}
            {move || error.get().map(|m| view! { <p class="form-error" role="alert" data-testid="signin-error">{m}</p> })}
            <p class="signin__back"><a href=move || next().href()>"Вернуться без входа"</a></p>
        </div>
    }
}
